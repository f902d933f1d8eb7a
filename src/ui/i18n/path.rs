//! The words of `path=a~b`: the chain spelled out ("Cap Collectif — gère →
//! Parlement & Citoyens — …"), why there is none, and the notice for a
//! hidden end.

use crate::model::format::dataset::Dataset;
use crate::model::network::path::{Chain, Cut, PathOutcome};
use crate::model::view::lookup;
use crate::model::view::state::Lang;

use super::format::number;

/// The name of a filter, as the filter panel calls it.
pub fn cut_name(lang: Lang, c: Cut) -> &'static str {
    match (lang, c) {
        (Lang::Fr, Cut::Type) => "type",
        (Lang::Fr, Cut::Objective) => "objectif",
        (Lang::Fr, Cut::Ecosystem) => "écosystème",
        (Lang::Fr, Cut::Year) => "année",
        (Lang::Fr, Cut::Q) => "recherche",
        (Lang::Fr, Cut::Stake) => "enjeu",
        (Lang::Fr, Cut::Link) => "types de liens",
        (Lang::Fr, Cut::Depth) => "voisinage",
        (Lang::En, Cut::Type) => "type",
        (Lang::En, Cut::Objective) => "objective",
        (Lang::En, Cut::Ecosystem) => "ecosystem",
        (Lang::En, Cut::Year) => "year",
        (Lang::En, Cut::Q) => "search",
        (Lang::En, Cut::Stake) => "stake",
        (Lang::En, Cut::Link) => "link kinds",
        (Lang::En, Cut::Depth) => "neighbourhood",
    }
}

/// A link's kind read along the chain: its label, or its inverse label
/// when the chain walks a directed link backwards.
pub fn step_label(ds: &Dataset, link: usize, forward: bool, lang: Lang) -> String {
    let code = lang.code();
    let Some(kind_id) = ds.links.get(link).map(|l| l.kind()) else {
        return String::new();
    };
    let kind = lookup::link_kind(ds, kind_id);
    let text = |t: Option<&crate::model::format::dataset::LocalizedText>| {
        t.map(|l| l.get(code).to_string()).filter(|s| !s.is_empty())
    };
    let label = text(kind.and_then(|k| k.label.as_ref())).unwrap_or_else(|| kind_id.to_string());
    let directed = kind.is_none_or(|k| k.directed != Some(false));
    if forward || !directed {
        label
    } else {
        text(kind.and_then(|k| k.inverse_label.as_ref())).unwrap_or_else(|| format!("← {label}"))
    }
}

/// The chain in words: "A — gère → B — partenaire de → C".
pub fn chain_sentence(ds: &Dataset, chain: &Chain, lang: Lang) -> String {
    let name = |i: usize| {
        ds.actors
            .get(i)
            .map(|a| a.name().to_string())
            .unwrap_or_default()
    };
    let mut out = chain.actors.first().map(|&i| name(i)).unwrap_or_default();
    for (step, next) in chain.steps.iter().zip(chain.actors.iter().skip(1)) {
        out.push_str(&format!(
            " — {} → {}",
            step_label(ds, step.link, step.forward, lang),
            name(*next)
        ));
    }
    out
}

/// "retirer le filtre « année » les relierait" for the first filter of `by`.
fn removal(lang: Lang, by: &[Cut], what: (&str, &str)) -> Option<String> {
    let c = by.first()?;
    Some(match lang {
        Lang::Fr => format!("retirer le filtre « {} » {}", cut_name(lang, *c), what.0),
        Lang::En => format!("removing the “{}” filter {}", cut_name(lang, *c), what.1),
    })
}

/// What the path box says for an outcome, in one sentence.
pub fn outcome_text(ds: &Dataset, outcome: &PathOutcome, lang: Lang) -> String {
    let name = |i: usize| {
        ds.actors
            .get(i)
            .map(|a| a.name().to_string())
            .unwrap_or_default()
    };
    match outcome {
        PathOutcome::Chain(c) => {
            let n = number(lang, c.len());
            let head = match (lang, c.len()) {
                (Lang::Fr, 0 | 1) => format!("Chemin en {n} lien"),
                (Lang::Fr, _) => format!("Chemin en {n} liens"),
                (Lang::En, 1) => format!("A chain of {n} link"),
                (Lang::En, _) => format!("A chain of {n} links"),
            };
            format!(
                "{head}{}{}",
                super::colon(lang),
                chain_sentence(ds, c, lang)
            )
        }
        PathOutcome::Hidden { actor, by } => {
            let a = name(*actor);
            match (lang, removal(lang, by, ("l'afficherait", "would show it"))) {
                (Lang::Fr, Some(r)) => format!("« {a} » est masqué par les filtres ; {r}."),
                (Lang::Fr, None) => format!("« {a} » est masqué par les filtres."),
                (Lang::En, Some(r)) => format!("“{a}” is hidden by the filters; {r}."),
                (Lang::En, None) => format!("“{a}” is hidden by the filters."),
            }
        }
        PathOutcome::NoChain { by } => {
            match (
                lang,
                removal(lang, by, ("les relierait", "would connect them")),
            ) {
                (Lang::Fr, Some(r)) => format!("Aucun chemin de liens visibles ; {r}."),
                (Lang::Fr, None) => "Aucun chemin de liens visibles ne les relie.".to_string(),
                (Lang::En, Some(r)) => format!("No chain of visible links; {r}."),
                (Lang::En, None) => "No chain of visible links joins them.".to_string(),
            }
        }
    }
}

/// The notice when `path=` names an actor the filters hide.
pub fn hidden_end_notice(
    lang: Lang,
    param: &str,
    value: &str,
    second: bool,
    by: Option<Cut>,
) -> String {
    let (a, b) = value.split_once('~').unwrap_or((value, value));
    let end = if second { b } else { a };
    match (lang, by) {
        (Lang::Fr, Some(c)) => format!(
            "« {param} » : « {end} » est masqué par le filtre « {} ».",
            cut_name(lang, c)
        ),
        (Lang::Fr, None) => format!("« {param} » : « {end} » est masqué par les filtres."),
        (Lang::En, Some(c)) => format!(
            "“{param}”: “{end}” is hidden by the “{}” filter.",
            cut_name(lang, c)
        ),
        (Lang::En, None) => format!("“{param}”: “{end}” is hidden by the filters."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::default_dataset;
    use crate::model::network::filter::Filter;
    use crate::model::network::graph::Graph;
    use crate::model::network::path::find;

    fn ix(ds: &Dataset, id: &str) -> usize {
        ds.actors.iter().position(|a| a.id() == id).unwrap()
    }

    #[test]
    fn the_chain_reads_each_link_in_its_direction() {
        let ds = default_dataset();
        let g = Graph::new(&ds);
        let (a, b) = (ix(&ds, "cap-collectif"), ix(&ds, "dinum"));
        let PathOutcome::Chain(c) = find(&ds, &g, &Filter::default(), a, b) else {
            panic!("no chain")
        };
        let fr = outcome_text(&ds, &PathOutcome::Chain(c.clone()), Lang::Fr);
        assert!(fr.starts_with("Chemin en "), "{fr}");
        assert!(fr.contains("Cap Collectif — "), "{fr}");
        assert_eq!(fr.matches(" → ").count(), c.len(), "{fr}");
        // Each step: the label when walked forward, the inverse otherwise.
        for s in &c.steps {
            let kind = ds.links[s.link].kind();
            let k = lookup::link_kind(&ds, kind).unwrap();
            let want = if s.forward || k.directed == Some(false) {
                k.label.as_ref().unwrap().get("fr").to_string()
            } else {
                k.inverse_label.as_ref().unwrap().get("fr").to_string()
            };
            assert_eq!(step_label(&ds, s.link, s.forward, Lang::Fr), want);
            assert!(fr.contains(&format!("— {want} →")), "{fr}");
        }
    }

    #[test]
    fn a_directed_link_walked_backwards_takes_its_inverse_label() {
        let ds: Dataset = serde_json::from_str(
            r#"{"taxonomy": {"actor_types": [{"id": "org"}],
                 "link_kinds": [{"id": "operates", "label": {"fr": "gère", "en": "operates"},
                                 "inverse_label": {"fr": "géré par", "en": "operated by"}}]},
                "actors": [{"id": "a", "name": "A", "type": "org"}, {"id": "b", "name": "B", "type": "org"},
                           {"id": "c", "name": "C", "type": "org"}],
                "links": [{"source": "a", "target": "b", "kind": "operates"},
                          {"source": "c", "target": "b", "kind": "operates"}]}"#,
        )
        .unwrap();
        let g = Graph::new(&ds);
        let out = find(&ds, &g, &Filter::default(), 0, 2);
        assert_eq!(
            outcome_text(&ds, &out, Lang::Fr),
            "Chemin en 2 liens\u{a0}: A — gère → B — géré par → C"
        );
        assert_eq!(
            outcome_text(&ds, &out, Lang::En),
            "A chain of 2 links: A — operates → B — operated by → C"
        );
    }

    #[test]
    fn no_chain_names_the_filter_that_cuts() {
        let ds = default_dataset();
        let out = PathOutcome::NoChain {
            by: vec![Cut::Year],
        };
        assert_eq!(
            outcome_text(&ds, &out, Lang::Fr),
            "Aucun chemin de liens visibles ; retirer le filtre « année » les relierait."
        );
        assert_eq!(
            outcome_text(&ds, &out, Lang::En),
            "No chain of visible links; removing the “year” filter would connect them."
        );
        let out = PathOutcome::NoChain { by: vec![] };
        assert_eq!(
            outcome_text(&ds, &out, Lang::Fr),
            "Aucun chemin de liens visibles ne les relie."
        );
        assert_eq!(
            hidden_end_notice(Lang::Fr, "path=a~b", "a~b", true, Some(Cut::Year)),
            "« path=a~b » : « b » est masqué par le filtre « année »."
        );
    }
}
