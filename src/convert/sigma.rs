//! Converters from the graph files of sigma.js to `civicmap/1`, so that the
//! benchmarks run both renderers on the same data.
//!
//! Two formats are read, told apart by their shape:
//! - the sigma.js website demo (`nodes[]` with `key`, `label`, `tag`,
//!   `cluster`, `URL`; `clusters[]` with `key` and `clusterLabel`; `tags[]`;
//!   `edges[]` as `[source, target]` pairs);
//! - graphology's serialization (`nodes[].key`, `nodes[].attributes.{label,
//!   cluster, …}`, `edges[].{source, target}`).
//!
//! Tags become actor types, clusters become ecosystems, keys are slugified
//! into ids (made unique with `-2`, `-3`, …), and every edge becomes a
//! directed `link`. Positions (`x`, `y`) are *not* kept: the map computes and
//! measures its own layout. Self-loops and edges to unknown nodes are
//! skipped, each with a note.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::convert::csv::{ImportNote, Imported, Outcome};
use crate::model::format::dataset::{LocalizedText, Meta, FORMAT};
use crate::model::format::file::{Actor, ActorType, Dataset, Link, LinkKind, Taxonomy, Term};

/// A lower-case ASCII id for `text`: accents removed, every run of other
/// characters turned into one `-`, at most 100 characters; `"x"` when
/// nothing is left.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.nfd() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if !unicode_normalization::char::is_combining_mark(c) {
            dash = true;
        }
        if out.len() >= 100 {
            break;
        }
    }
    out.truncate(100);
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// Gives each key a unique slug.
#[derive(Default)]
struct Slugs {
    used: HashSet<String>,
}

impl Slugs {
    fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            let suffix = format!("-{n}");
            let mut b = base.clone();
            b.truncate(100 - suffix.len());
            id = format!("{b}{suffix}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn plain(s: &str) -> Option<LocalizedText> {
    Some(LocalizedText::Plain(s.to_string()))
}

/// The file name in `path` (after the last `/` or `\\`) and that name
/// without its extension: a converted dataset is titled and noted by its
/// file's name, never by a path of the machine that converted it.
fn file_names(path: &str) -> (&str, &str) {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file,
    };
    (file, stem)
}

/// Converts a sigma.js demo file or a graphology file to a dataset. `name`
/// (the file's path as given) names the file in the notes on failure; the
/// dataset is titled by the file's name without extension, and its notes
/// name the file without its directories. Fails only when the text is not
/// JSON or has no `nodes` array.
pub fn import_sigma(name: &str, text: &str) -> Result<Imported, ImportNote> {
    let root: Value = serde_json::from_str(text).map_err(|e| ImportNote {
        outcome: Outcome::Error,
        file: name.to_string(),
        line: Some(e.line().max(1)),
        column: Some(e.column().max(1)),
        message: format!("invalid JSON: {e}"),
    })?;
    let note = |outcome, message: String| ImportNote {
        outcome,
        file: name.to_string(),
        line: None,
        column: None,
        message,
    };
    let Some(nodes) = root.get("nodes").and_then(Value::as_array) else {
        return Err(note(
            Outcome::Error,
            "no `nodes` array: not a sigma.js or graphology graph".to_string(),
        ));
    };
    let graphology = root.get("options").is_some()
        || nodes
            .iter()
            .any(|n| n.get("attributes").is_some_and(Value::is_object));
    let mut notes = Vec::new();

    // Clusters → ecosystems (declared ones first, in file order).
    let mut eco_slugs = Slugs::default();
    let mut ecosystems: Vec<Term> = Vec::new();
    let mut cluster_ids: HashMap<String, String> = HashMap::new();
    let mut add_cluster = |key: &str, label: Option<String>, ecosystems: &mut Vec<Term>| {
        if let Some(id) = cluster_ids.get(key) {
            return id.clone();
        }
        let label = label.unwrap_or_else(|| format!("Cluster {key}"));
        let id = eco_slugs.unique(&label);
        ecosystems.push(Term {
            id: Some(id.clone()),
            label: plain(&label),
            ..Term::default()
        });
        cluster_ids.insert(key.to_string(), id.clone());
        id
    };
    for c in root
        .get("clusters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(key) = text_of(c.get("key")) {
            add_cluster(&key, text_of(c.get("clusterLabel")), &mut ecosystems);
        }
    }

    // Tags → actor types.
    let mut type_slugs = Slugs::default();
    let mut actor_types: Vec<ActorType> = Vec::new();
    let mut tag_ids: HashMap<String, String> = HashMap::new();
    let mut add_tag = |tag: &str, actor_types: &mut Vec<ActorType>| {
        if let Some(id) = tag_ids.get(tag) {
            return id.clone();
        }
        let id = type_slugs.unique(tag);
        actor_types.push(ActorType {
            id: Some(id.clone()),
            label: plain(tag),
            ..ActorType::default()
        });
        tag_ids.insert(tag.to_string(), id.clone());
        id
    };
    for t in root
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(key) = text_of(t.get("key")) {
            add_tag(&key, &mut actor_types);
        }
    }

    // Nodes → actors.
    let mut actor_slugs = Slugs::default();
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut actors = Vec::with_capacity(nodes.len());
    for (i, node) in nodes.iter().enumerate() {
        let attrs = if graphology {
            node.get("attributes").unwrap_or(&Value::Null)
        } else {
            node
        };
        let Some(key) = text_of(node.get("key")) else {
            notes.push(note(Outcome::Skipped, format!("nodes[{i}]: no `key`")));
            continue;
        };
        if ids.contains_key(&key) {
            notes.push(note(
                Outcome::Skipped,
                format!("nodes[{i}]: duplicate key `{key}`"),
            ));
            continue;
        }
        let id = actor_slugs.unique(&key);
        let tag = text_of(attrs.get("tag")).unwrap_or_else(|| {
            if graphology {
                "Node".to_string()
            } else {
                "unknown".to_string()
            }
        });
        let actor_type = add_tag(&tag, &mut actor_types);
        let ecosystems_of = text_of(attrs.get("cluster"))
            .map(|c| add_cluster(&c, None, &mut ecosystems))
            .into_iter()
            .collect();
        let website = text_of(attrs.get("URL").or_else(|| attrs.get("url")))
            .filter(|u| crate::model::format::validate::is_http_url(u));
        let name = text_of(attrs.get("label")).unwrap_or_else(|| key.clone());
        ids.insert(key, id.clone());
        actors.push(Actor {
            id: Some(id),
            name: Some(name),
            actor_type: Some(actor_type),
            ecosystems: ecosystems_of,
            website,
            ..Actor::default()
        });
    }

    // Edges → links.
    let mut links = Vec::new();
    for (i, edge) in root
        .get("edges")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let (s, t) = match edge {
            Value::Array(pair) => (text_of(pair.first()), text_of(pair.get(1))),
            _ => (text_of(edge.get("source")), text_of(edge.get("target"))),
        };
        let (Some(s), Some(t)) = (s, t) else {
            notes.push(note(
                Outcome::Skipped,
                format!("edges[{i}]: no source or target"),
            ));
            continue;
        };
        match (ids.get(&s), ids.get(&t)) {
            (Some(a), Some(b)) if a == b => notes.push(note(
                Outcome::Skipped,
                format!("edges[{i}]: self-loop on `{s}`"),
            )),
            (Some(a), Some(b)) => links.push(Link {
                source: Some(a.clone()),
                target: Some(b.clone()),
                kind: Some("link".to_string()),
                ..Link::default()
            }),
            _ => notes.push(note(
                Outcome::Skipped,
                format!("edges[{i}]: `{s}` → `{t}` names an unknown node"),
            )),
        }
    }

    let (file, stem) = file_names(name);
    let format_name = if graphology {
        "graphology"
    } else {
        "sigma.js demo"
    };
    let dataset = Dataset {
        format: Some(FORMAT.to_string()),
        meta: Meta {
            title: plain(stem),
            notes: Some(LocalizedText::Map(BTreeMap::from([
                (
                    "fr".to_string(),
                    format!("Converti depuis {file} (format {format_name})."),
                ),
                (
                    "en".to_string(),
                    format!("Converted from {file} ({format_name} format)."),
                ),
            ]))),
            ..Meta::default()
        },
        taxonomy: Taxonomy {
            actor_types: Some(actor_types),
            objectives: Some(Vec::new()),
            link_kinds: Some(vec![LinkKind {
                id: Some("link".to_string()),
                label: Some(LocalizedText::Map(BTreeMap::from([
                    ("fr".to_string(), "lien vers".to_string()),
                    ("en".to_string(), "links to".to_string()),
                ]))),
                inverse_label: Some(LocalizedText::Map(BTreeMap::from([
                    ("fr".to_string(), "lien depuis".to_string()),
                    ("en".to_string(), "linked from".to_string()),
                ]))),
                directed: Some(true),
                ..LinkKind::default()
            }]),
            ecosystems: Some(ecosystems),
            ..Taxonomy::default()
        },
        actors,
        links,
        ..Dataset::default()
    };
    Ok(Imported { dataset, notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_strips_accents_and_punctuation() {
        assert_eq!(slugify("Démocratie Ouverte"), "democratie-ouverte");
        assert_eq!(
            slugify("protein–protein interaction prediction"),
            "protein-protein-interaction-prediction"
        );
        assert_eq!(slugify("  --C++ (language)!"), "c-language");
        assert_eq!(slugify("日本"), "x");
        assert_eq!(slugify(&"a".repeat(300)).len(), 100);
        assert!(crate::convert::csv::is_valid_id(&slugify("Ærø — Œuvre")));
    }

    #[test]
    fn slugs_are_made_unique() {
        let mut s = Slugs::default();
        assert_eq!(s.unique("C++"), "c");
        assert_eq!(s.unique("C#"), "c-2");
        assert_eq!(s.unique("c"), "c-3");
    }

    #[test]
    fn demo_format_maps_tags_clusters_and_edges() {
        let text = r##"{
          "nodes": [
            {"key": "gephi", "label": "Gephi", "tag": "Tool", "cluster": "0",
             "URL": "https://en.wikipedia.org/wiki/Gephi", "x": 1.5, "y": 2.0, "score": 0.1},
            {"key": "graph theory", "label": "Graph theory", "tag": "Field", "cluster": "0", "x": 0, "y": 0},
            {"key": "Graph Theory", "label": "Graph theory (2)", "tag": "Field", "cluster": "9", "x": 0, "y": 0}
          ],
          "edges": [["gephi", "graph theory"], ["gephi", "nowhere"], ["gephi", "gephi"], ["Graph Theory", "gephi"]],
          "clusters": [{"key": "0", "color": "#6c3e81", "clusterLabel": "Graph theory"}],
          "tags": [{"key": "Tool", "image": "tool.svg"}, {"key": "Field", "image": "field.svg"}]
        }"##;
        let imported = import_sigma("demo.json", text).unwrap();
        let ds = &imported.dataset;
        let ids: Vec<&str> = ds.actors.iter().map(|a| a.id()).collect();
        assert_eq!(ids, ["gephi", "graph-theory", "graph-theory-2"]);
        assert_eq!(ds.actors[0].actor_type(), "tool");
        assert_eq!(ds.actors[0].ecosystems, ["graph-theory"]);
        assert_eq!(ds.actors[2].ecosystems, ["cluster-9"]);
        assert!(ds.actors.iter().all(|a| a.position.is_none()));
        assert_eq!(
            ds.actors[0].website.as_deref(),
            Some("https://en.wikipedia.org/wiki/Gephi")
        );
        assert_eq!(ds.links.len(), 2);
        assert_eq!(ds.links[1].source(), "graph-theory-2");
        assert_eq!(imported.count(Outcome::Skipped), 2, "{:?}", imported.notes);
    }

    #[test]
    fn graphology_format_is_recognised() {
        let text = r##"{"attributes": {}, "options": {"type": "mixed"},
          "nodes": [{"key": "0", "attributes": {"cluster": 1, "x": 1, "y": 2, "size": 1, "color": "#fff"}},
                    {"key": "1", "attributes": {"cluster": 2, "label": "One"}}],
          "edges": [{"key": "e0", "source": "0", "target": "1"}]}"##;
        let imported = import_sigma("g.json", text).unwrap();
        let ds = &imported.dataset;
        assert_eq!(ds.actors.len(), 2);
        assert_eq!(ds.actors[1].name(), "One");
        assert_eq!(ds.actors[0].name(), "0");
        assert_eq!(ds.actors[0].actor_type(), "node");
        assert_eq!(ds.actors[0].ecosystems, ["cluster-1"]);
        assert_eq!(ds.links.len(), 1);
        assert!(imported.notes.is_empty());
    }

    #[test]
    fn a_converted_graph_is_titled_by_its_file_name_not_its_path() {
        let text = r#"{"nodes": [{"key": "a"}], "edges": []}"#;
        let ds = import_sigma("/home/me/../data/sigma-large-graph-10k.json", text)
            .unwrap()
            .dataset;
        let title = serde_json::to_value(&ds.meta.title).unwrap();
        assert_eq!(title, "sigma-large-graph-10k");
        let notes = serde_json::to_string(&ds.meta.notes).unwrap();
        assert!(
            notes.contains("Converted from sigma-large-graph-10k.json ("),
            "{notes}"
        );
        assert!(!notes.contains("/home"), "{notes}");
        assert_eq!(file_names(r"C:\maps\demo"), ("demo", "demo"));
        assert_eq!(file_names(".json"), (".json", ".json"));
    }

    #[test]
    fn not_a_graph_is_an_error_not_a_panic() {
        assert!(import_sigma("x.json", "[1, 2").is_err());
        assert!(import_sigma("x.json", "{\"edges\": []}").is_err());
        assert!(import_sigma("x.json", "{\"nodes\": [1, null, {\"key\": {}}]}").is_ok());
    }

    #[test]
    fn real_sigma_files_convert_in_full() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets/");
        let demo =
            std::fs::read_to_string(format!("{dir}sigma-demo-wikipedia-dataviz.json")).unwrap();
        let d = import_sigma("demo", &demo).unwrap();
        assert_eq!(d.dataset.actors.len(), 2085);
        assert_eq!(
            d.dataset.taxonomy.ecosystems.as_ref().map(Vec::len),
            Some(24)
        );
        let skipped = d.count(Outcome::Skipped);
        assert_eq!(d.dataset.links.len() + skipped, 5409);
        let big = std::fs::read_to_string(format!("{dir}sigma-large-graph-10k.json")).unwrap();
        let b = import_sigma("big", &big).unwrap();
        assert_eq!(b.dataset.actors.len(), 10_000);
        assert_eq!(b.dataset.links.len() + b.count(Outcome::Skipped), 19_995);
    }
}
