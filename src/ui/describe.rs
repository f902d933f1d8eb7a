//! The words that describe the map for those who cannot see it: the
//! canvas's text alternative (RGAA 1.1 and 1.6), built from the state and
//! the visible set, so it changes with every filter. The phrases are in
//! [`i18n`]; this module gathers the dataset's labels for them.

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::{Filter, Visible};
use crate::model::network::path::PathOutcome;
use crate::model::view::state::Lang;

use super::i18n::{self, FilterWords, MapSummary};
use crate::model::view::lookup;

/// The active filters of `f`, in words, in the order of the URL contract.
pub fn filters(ds: &Dataset, f: &Filter, lang: Lang) -> Vec<String> {
    let tax = &ds.taxonomy;
    let code = i18n::code(lang);
    let mut parts = Vec::new();
    if !f.types.is_empty() {
        let v = f
            .types
            .iter()
            .map(|id| lookup::type_label(ds, id, lang))
            .collect();
        parts.push(FilterWords::Types(v));
    }
    if !f.objectives.is_empty() {
        let v = f
            .objectives
            .iter()
            .map(|id| lookup::term_label(tax.objectives.as_deref(), id, lang))
            .collect();
        parts.push(FilterWords::Objectives(v));
    }
    if !f.ecosystems.is_empty() {
        let v = f
            .ecosystems
            .iter()
            .map(|id| lookup::term_label(tax.ecosystems.as_deref(), id, lang))
            .collect();
        parts.push(FilterWords::Ecosystems(v));
    }
    if !f.links.is_empty() {
        let v = f
            .links
            .iter()
            .map(|id| {
                lookup::link_kind(ds, id)
                    .and_then(|k| k.label.as_ref())
                    .map(|l| l.get(code).to_string())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| id.clone())
            })
            .collect();
        parts.push(FilterWords::Links(v));
    }
    if let Some(y) = f.year {
        parts.push(FilterWords::Year(y));
    }
    if !f.q.trim().is_empty() {
        parts.push(FilterWords::Query(f.q.trim().to_string()));
    }
    if let Some(s) = &f.stake {
        let title = ds
            .stakes
            .iter()
            .find(|x| x.id.as_deref() == Some(s.as_str()))
            .and_then(|x| x.title.as_ref())
            .map(|t| t.get(code).to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| s.clone());
        parts.push(FilterWords::Stake(title));
    }
    if let Some(d) = f.depth {
        parts.push(FilterWords::Depth(d));
    }
    parts.iter().map(|p| i18n::filter_words(lang, p)).collect()
}

/// The canvas's `aria-label`.
pub fn canvas_label(
    ds: &Dataset,
    f: &Filter,
    vis: &Visible,
    selected: Option<usize>,
    event: Option<(String, usize)>,
    lang: Lang,
) -> String {
    let summary = MapSummary {
        actors: vis.actor_count,
        links: vis.link_count,
        filters: filters(ds, f, lang),
        selected: selected
            .and_then(|i| ds.actors.get(i))
            .map(|a| a.name().to_string()),
        event,
    };
    i18n::canvas_label(lang, &summary)
}

/// The canvas's `aria-label` with the chain of `path=` spelled out.
pub fn with_path(label: String, ds: &Dataset, path: Option<&PathOutcome>, lang: Lang) -> String {
    match path {
        Some(p) => format!("{label} {}", i18n::path::outcome_text(ds, p, lang)),
        None => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_active_filter_is_named_with_its_labels() {
        let ds: Dataset = serde_json::from_str(
            r#"{"taxonomy": {"actor_types": [{"id": "startup", "label": {"fr": "Start-up", "en": "Start-up"}},
                                             {"id": "association", "label": {"fr": "Association", "en": "Association"}}],
                             "objectives": [{"id": "information", "label": {"fr": "Information", "en": "Informing"}}],
                             "link_kinds": [{"id": "funds", "label": {"fr": "finance", "en": "funds"}}]},
                "actors": [{"id": "a", "name": "Alpha", "type": "startup"}],
                "stakes": [{"id": "s", "title": {"fr": "Souveraineté", "en": "Sovereignty"}}]}"#,
        )
        .unwrap();
        let f = Filter {
            types: vec!["startup".into(), "association".into()],
            objectives: vec!["information".into()],
            links: vec!["funds".into()],
            year: Some(2015),
            q: " demo ".into(),
            stake: Some("s".into()),
            actor: Some("a".into()),
            depth: Some(2),
            ..Filter::default()
        };
        assert_eq!(
            filters(&ds, &f, Lang::En),
            vec![
                "type Start-up or Association",
                "objective Informing",
                "links funds",
                "year 2015",
                "search “demo”",
                "stake “Sovereignty”",
                "within 2 links"
            ]
        );
        assert!(filters(&ds, &Filter::default(), Lang::Fr).is_empty());
        let vis = Visible {
            actors: vec![true],
            actor_count: 1,
            ..Visible::default()
        };
        let label = canvas_label(&ds, &f, &vis, Some(0), None, Lang::Fr);
        assert!(label.contains("1 acteur et 0 lien"), "{label}");
        assert!(
            label.contains("type Start-up ou Association ; objectif Information"),
            "{label}"
        );
        assert!(label.contains("Acteur sélectionné : Alpha."), "{label}");
    }
}
