//! The export side of the neutral graph: a dataset's actors and links as
//! rows of named text fields, in a fixed order, for the GEXF, GraphML and
//! Kumu writers. [`crate::convert::interchange::build`] reads the same
//! names back, so export → import gives the same actors and links.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::model::format::dataset::{Extra, LocalizedText, Position, Source};
use crate::model::format::file::Dataset;

/// One actor or link ready for a writer: its fields by civicmap name, in a
/// fixed order, empty ones left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowOut {
    pub key: String,
    pub label: String,
    pub fields: Vec<(String, String)>,
    pub position: Option<Position>,
    pub color: Option<String>,
    pub size: Option<f64>,
    /// Links: the two ends and whether the kind is directed.
    pub ends: Option<(String, String, bool)>,
}

fn push(fields: &mut Vec<(String, String)>, name: &str, value: String) {
    if !value.is_empty() {
        fields.push((name.to_string(), value));
    }
}

fn push_description(fields: &mut Vec<(String, String)>, d: Option<&LocalizedText>) {
    match d {
        Some(LocalizedText::Plain(s)) => push(fields, "description", s.clone()),
        Some(LocalizedText::Map(m)) => {
            for (lang, s) in m {
                push(fields, &format!("description_{lang}"), s.clone());
            }
        }
        None => {}
    }
}

/// The `sources` cell: `|`-separated URLs when that is exact, else JSON.
pub fn sources_cell(sources: &[Source]) -> String {
    let plain = sources
        .iter()
        .all(|s| matches!(s, Source::Url(u) if !u.contains('|') && u.trim() == u));
    if plain {
        sources
            .iter()
            .filter_map(Source::url)
            .collect::<Vec<_>>()
            .join("|")
    } else {
        serde_json::to_string(sources).unwrap_or_default()
    }
}

fn push_extra(
    fields: &mut Vec<(String, String)>,
    extra: &Extra,
    warnings: &mut Vec<String>,
    path: &str,
) {
    for (k, v) in extra {
        match v {
            Value::String(s) => push(fields, k, s.clone()),
            Value::Number(_) if k == "size" => {}
            other => {
                warnings.push(format!("{path}.{k} is written as JSON text"));
                push(fields, k, other.to_string());
            }
        }
    }
}

/// The actors as rows (`y` turned back up for Gephi's axis).
pub fn actor_rows(ds: &Dataset, warnings: &mut Vec<String>) -> Vec<RowOut> {
    let colors: HashMap<&str, &str> = ds
        .taxonomy
        .actor_types
        .iter()
        .flatten()
        .filter_map(|t| Some((t.id.as_deref()?, t.color.as_deref()?)))
        .collect();
    ds.actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut fields = Vec::new();
            let t = a.actor_type.clone().unwrap_or_default();
            push(&mut fields, "type", t.clone());
            push(&mut fields, "aliases", a.aliases.join("|"));
            push(&mut fields, "objectives", a.objectives.join("|"));
            push(&mut fields, "ecosystems", a.ecosystems.join("|"));
            push(
                &mut fields,
                "country",
                a.country.clone().unwrap_or_default(),
            );
            push(
                &mut fields,
                "founded",
                a.founded.map(|y| y.to_string()).unwrap_or_default(),
            );
            push(
                &mut fields,
                "dissolved",
                a.dissolved.map(|y| y.to_string()).unwrap_or_default(),
            );
            push(
                &mut fields,
                "website",
                a.website.clone().unwrap_or_default(),
            );
            push_description(&mut fields, a.description.as_ref());
            push(&mut fields, "sources", sources_cell(&a.sources));
            push_extra(&mut fields, &a.extra, warnings, &format!("actors[{i}]"));
            RowOut {
                key: a.id.clone().unwrap_or_default(),
                label: a.name.clone().unwrap_or_default(),
                fields,
                position: a.position,
                color: colors.get(t.as_str()).map(|c| c.to_string()),
                size: a.extra.get("size").and_then(Value::as_f64),
                ends: None,
            }
        })
        .collect()
}

/// The links as rows, with their ends and direction.
pub fn link_rows(ds: &Dataset, warnings: &mut Vec<String>) -> Vec<RowOut> {
    let directed: HashMap<&str, bool> = ds
        .taxonomy
        .link_kinds
        .iter()
        .flatten()
        .filter_map(|k| Some((k.id.as_deref()?, k.directed.unwrap_or(true))))
        .collect();
    ds.links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let kind = l.kind.clone().unwrap_or_default();
            let mut fields = Vec::new();
            push(&mut fields, "kind", kind.clone());
            push(
                &mut fields,
                "since",
                l.since.map(|y| y.to_string()).unwrap_or_default(),
            );
            push(
                &mut fields,
                "until",
                l.until.map(|y| y.to_string()).unwrap_or_default(),
            );
            push_description(&mut fields, l.description.as_ref());
            push(&mut fields, "sources", sources_cell(&l.sources));
            push_extra(&mut fields, &l.extra, warnings, &format!("links[{i}]"));
            RowOut {
                key: format!("e{i}"),
                label: kind.clone(),
                fields,
                ends: Some((
                    l.source.clone().unwrap_or_default(),
                    l.target.clone().unwrap_or_default(),
                    directed.get(kind.as_str()).copied().unwrap_or(true),
                )),
                ..Default::default()
            }
        })
        .collect()
}

/// Warnings for what no graph format holds: events, stakes, meta, labels
/// of the taxonomy beyond their ids.
pub fn lost_parts(ds: &Dataset, format: &str) -> Vec<String> {
    let mut w = Vec::new();
    if !ds.events.is_empty() {
        w.push(format!(
            "{} event(s) are not written: {format} has no events",
            ds.events.len()
        ));
    }
    if !ds.stakes.is_empty() {
        w.push(format!(
            "{} stake(s) are not written: {format} has no stakes",
            ds.stakes.len()
        ));
    }
    w
}

/// Column names, in first-seen order, over all rows.
pub fn columns(rows: &[RowOut]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in rows {
        for (k, _) in &r.fields {
            if seen.insert(k.clone()) {
                out.push(k.clone());
            }
        }
    }
    out
}
