//! Converts the sigma.js demo graph (`shared/datasets/sigma-demo-wikipedia-dataviz.json`,
//! 2,085 nodes, 5,409 edges, with positions) into a `civicmap/1` dataset, so the
//! renderer can be measured on the same data as sigma.js. Node tags become actor
//! types; edges alternate between a directed and an undirected link kind.

use civicmap::model::format::dataset::Dataset;
use civicmap::model::network::filter::Visible;
use civicmap::model::network::graph::{ActorId, Graph};
use serde_json::{json, Value};

/// The dataset built from the sigma demo JSON text.
pub fn sigma_dataset(text: &str) -> Dataset {
    let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let field = |v: &Value, k: &str| v.get(k).cloned().unwrap_or(Value::Null);
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let nodes = field(&v, "nodes").as_array().cloned().unwrap_or_default();
    let edges = field(&v, "edges").as_array().cloned().unwrap_or_default();
    let mut tags: Vec<String> = Vec::new();
    for n in &nodes {
        let t = text(n, "tag");
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let slug = |s: &str| {
        let s: String = s
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("t-{s}")
    };
    let keys: std::collections::HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| Some((n.get("key")?.as_str()?, i)))
        .collect();
    let index = |k: &str| keys.get(k).copied();
    let actors: Vec<Value> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            json!({
                "id": format!("n{i}"),
                "name": text(n, "label"),
                "type": slug(&text(n, "tag")),
                "founded": if i % 5 == 0 { Value::Null } else { json!(2000) },
                "position": {
                    "x": n.get("x").and_then(Value::as_f64).unwrap_or(0.0),
                    "y": n.get("y").and_then(Value::as_f64).unwrap_or(0.0)
                }
            })
        })
        .collect();
    let links: Vec<Value> = edges
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let s = index(e.get(0)?.as_str()?)?;
            let t = index(e.get(1)?.as_str()?)?;
            let kind = ["cites", "related", "part-of"].get(i % 3)?;
            Some(json!({"source": format!("n{s}"), "target": format!("n{t}"), "kind": kind}))
        })
        .collect();
    let types: Vec<Value> = tags
        .iter()
        .map(|t| json!({"id": slug(t), "label": t}))
        .collect();
    serde_json::from_value(json!({
        "format": "civicmap/1",
        "taxonomy": {
            "actor_types": types,
            "link_kinds": [
                {"id": "cites", "directed": true},
                {"id": "related", "directed": false},
                {"id": "part-of", "directed": true}
            ]
        },
        "actors": actors,
        "links": links
    }))
    .unwrap_or_default()
}

/// The graph of a dataset, built directly (node i = actor i, edge weight =
/// link index), independent of `Graph::new`.
pub fn graph_of(ds: &Dataset) -> Graph {
    let mut g = Graph::default();
    let mut ids = std::collections::HashMap::new();
    for (i, a) in ds.actors.iter().enumerate() {
        let n = g.inner.add_node(ActorId(a.id().to_string()));
        ids.insert(a.id().to_string(), (i, n));
    }
    for (i, l) in ds.links.iter().enumerate() {
        if let (Some(s), Some(t)) = (ids.get(l.source()), ids.get(l.target())) {
            g.inner.add_edge(s.1, t.1, i);
        }
    }
    g
}

/// Everything visible.
pub fn all_visible(ds: &Dataset) -> Visible {
    Visible {
        actors: vec![true; ds.actors.len()],
        links: vec![true; ds.links.len()],
        actor_count: ds.actors.len(),
        link_count: ds.links.len(),
        undated_actors: 0,
    }
}
