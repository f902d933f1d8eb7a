//! `civicmap diff OLD NEW`: what a new version of a dataset changes.
//!
//! Actors, events and stakes are matched by id; a link by its source,
//! target and kind, and its occurrence among links with the same three (the
//! first `a → b partner`, the second…); taxonomy entries by id; meta field
//! by field. Each addition, removal and changed field is one [`Change`].
//! Linear in the size of the files (hash maps), so 10,000 actors take a
//! fraction of a second.
//!
//! ```
//! use civicmap::convert::diff::diff;
//! use civicmap::model::format::file::{Actor, Dataset};
//! let old = Dataset { actors: vec![Actor { id: Some("a".into()), name: Some("A".into()), ..Default::default() }], ..Default::default() };
//! let mut new = old.clone();
//! if let Some(a) = new.actors.first_mut() { a.name = Some("A2".into()); }
//! let d = diff(&old, &new);
//! assert_eq!(d.changes.len(), 1);
//! assert_eq!(d.to_text(), "~ actor a: name: \"A\" → \"A2\"\n");
//! ```

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use crate::model::format::file::{Dataset, Link};

/// Added, removed, or a field changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    /// `actor`, `link`, `event`, `stake`, `actor type`, `objective`,
    /// `link kind`, `ecosystem`, `meta`.
    pub what: &'static str,
    /// The id (a link: `source → target (kind)`, with `#n` from the second
    /// occurrence on; meta: empty).
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

/// Counts per kind of change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

/// Everything that differs, in the order actors, links, events, stakes,
/// taxonomy, meta (each in the new file's order, removals after).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DatasetDiff {
    pub equal: bool,
    pub summary: Summary,
    pub changes: Vec<Change>,
}

fn to_object(v: &impl Serialize) -> serde_json::Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        Ok(other) => serde_json::Map::from_iter([("value".to_string(), other)]),
        Err(_) => serde_json::Map::new(),
    }
}

/// Compares two keyed lists; `skip` names fields that are the key.
fn compare<T: Serialize>(
    what: &'static str,
    old: &[(String, &T)],
    new: &[(String, &T)],
    out: &mut Vec<Change>,
) {
    let old_by: HashMap<&str, &T> = old.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let new_keys: HashMap<&str, ()> = new.iter().map(|(k, _)| (k.as_str(), ())).collect();
    for (key, n) in new {
        let Some(o) = old_by.get(key.as_str()) else {
            out.push(Change {
                change: ChangeKind::Added,
                what,
                id: key.clone(),
                field: None,
                old: None,
                new: serde_json::to_value(n).ok(),
            });
            continue;
        };
        let (om, nm) = (to_object(o), to_object(n));
        if om == nm {
            continue;
        }
        let fields: BTreeSet<&String> = om.keys().chain(nm.keys()).collect();
        for f in fields {
            let (a, b) = (om.get(f), nm.get(f));
            if a != b {
                out.push(Change {
                    change: ChangeKind::Changed,
                    what,
                    id: key.clone(),
                    field: Some(f.clone()),
                    old: a.cloned(),
                    new: b.cloned(),
                });
            }
        }
    }
    for (key, o) in old {
        if !new_keys.contains_key(key.as_str()) {
            out.push(Change {
                change: ChangeKind::Removed,
                what,
                id: key.clone(),
                field: None,
                old: serde_json::to_value(o).ok(),
                new: None,
            });
        }
    }
}

fn link_keys(links: &[Link]) -> Vec<(String, &Link)> {
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    links
        .iter()
        .map(|l| {
            let (s, t, k) = (l.source(), l.target(), l.kind());
            let n = seen.entry((s, t, k)).or_default();
            *n += 1;
            let key = if *n == 1 {
                format!("{s} → {t} ({k})")
            } else {
                format!("{s} → {t} ({k}) #{n}")
            };
            (key, l)
        })
        .collect()
}

fn keyed<T>(items: &[T], id: impl Fn(&T) -> Option<&String>) -> Vec<(String, &T)> {
    items
        .iter()
        .map(|t| (id(t).cloned().unwrap_or_default(), t))
        .collect()
}

/// The differences from `old` to `new`.
pub fn diff(old: &Dataset, new: &Dataset) -> DatasetDiff {
    let mut changes = Vec::new();
    compare(
        "actor",
        &keyed(&old.actors, |a| a.id.as_ref()),
        &keyed(&new.actors, |a| a.id.as_ref()),
        &mut changes,
    );
    compare(
        "link",
        &link_keys(&old.links),
        &link_keys(&new.links),
        &mut changes,
    );
    compare(
        "event",
        &keyed(&old.events, |e| e.id.as_ref()),
        &keyed(&new.events, |e| e.id.as_ref()),
        &mut changes,
    );
    compare(
        "stake",
        &keyed(&old.stakes, |s| s.id.as_ref()),
        &keyed(&new.stakes, |s| s.id.as_ref()),
        &mut changes,
    );
    let (ot, nt) = (&old.taxonomy, &new.taxonomy);
    let empty = Vec::new();
    compare(
        "actor type",
        &keyed(ot.actor_types.as_ref().unwrap_or(&empty), |t| t.id.as_ref()),
        &keyed(nt.actor_types.as_ref().unwrap_or(&empty), |t| t.id.as_ref()),
        &mut changes,
    );
    let no_terms = Vec::new();
    for (what, o, n) in [
        ("objective", &ot.objectives, &nt.objectives),
        ("ecosystem", &ot.ecosystems, &nt.ecosystems),
    ] {
        compare(
            what,
            &keyed(o.as_ref().unwrap_or(&no_terms), |t| t.id.as_ref()),
            &keyed(n.as_ref().unwrap_or(&no_terms), |t| t.id.as_ref()),
            &mut changes,
        );
    }
    let no_kinds = Vec::new();
    compare(
        "link kind",
        &keyed(ot.link_kinds.as_ref().unwrap_or(&no_kinds), |t| {
            t.id.as_ref()
        }),
        &keyed(nt.link_kinds.as_ref().unwrap_or(&no_kinds), |t| {
            t.id.as_ref()
        }),
        &mut changes,
    );
    compare(
        "meta",
        &[(String::new(), &old.meta)],
        &[(String::new(), &new.meta)],
        &mut changes,
    );
    let mut summary = Summary::default();
    for c in &changes {
        match c.change {
            ChangeKind::Added => summary.added += 1,
            ChangeKind::Removed => summary.removed += 1,
            ChangeKind::Changed => summary.changed += 1,
        }
    }
    DatasetDiff {
        equal: changes.is_empty(),
        summary,
        changes,
    }
}

fn short(v: Option<&Value>) -> String {
    match v {
        None => "(absent)".to_string(),
        Some(v) => v.to_string(),
    }
}

impl DatasetDiff {
    /// One line per change: `+ actor ID`, `- link A → B (kind)`,
    /// `~ actor ID: field: OLD → NEW` (values as JSON).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for c in &self.changes {
            let id = if c.id.is_empty() {
                String::new()
            } else {
                format!(" {}", c.id)
            };
            let _ = match c.change {
                ChangeKind::Added => writeln!(out, "+ {}{id}", c.what),
                ChangeKind::Removed => writeln!(out, "- {}{id}", c.what),
                ChangeKind::Changed => writeln!(
                    out,
                    "~ {}{id}: {}: {} → {}",
                    c.what,
                    c.field.as_deref().unwrap_or(""),
                    short(c.old.as_ref()),
                    short(c.new.as_ref())
                ),
            };
        }
        out
    }
}
