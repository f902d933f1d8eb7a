//! GraphML in and out.
//!
//! Read: `<key id for attr.name>` declarations (with their `<default>`),
//! `<node id>` and `<edge source target directed>` with their `<data key>`
//! values, the graph's `edgedefault`. A node's label is its `label` (or
//! `name`) data; `x`/`y` data give its position, `color` (`#rrggbb`) or
//! `r`/`g`/`b` its colour, `size` its size. Nested graphs, hyperedges and
//! ports are not read (each reported).
//!
//! Written: every civicmap field as a string key, plus `label`, `x`, `y`,
//! `color`, so that yEd, Cytoscape and Gephi show names and layout.

use std::fmt::Write as _;

use crate::convert::csv::{ImportNote, Imported, Outcome};
use crate::convert::interchange::{
    build, note, read_xml_graph, EdgeIn, GraphIn, NodeIn, XML_ALIASES,
};
use crate::convert::mapping::Mapping;
use crate::convert::rows::{actor_rows, columns, link_rows, lost_parts};
use crate::convert::xml::{escape, Element, Limits};
use crate::model::format::dataset::Position;
use crate::model::format::file::Dataset;

struct Key {
    id: String,
    name: String,
    for_: String,
    default: Option<String>,
}

fn data(
    el: &Element,
    keys: &[Key],
    class: &str,
    file: &str,
    notes: &mut Vec<ImportNote>,
) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for d in el.children_named("data") {
        let Some(k) = d.attr("key") else {
            notes.push(note(
                Outcome::Altered,
                file,
                d.line,
                "a <data> without `key`: left out".into(),
            ));
            continue;
        };
        let name = match keys.iter().find(|key| key.id == k) {
            Some(key) => key.name.clone(),
            None => {
                notes.push(note(
                    Outcome::Warning,
                    file,
                    d.line,
                    format!("the key `{k}` is not declared: kept under that name"),
                ));
                k.to_string()
            }
        };
        if !d.children.is_empty() {
            notes.push(note(
                Outcome::Altered,
                file,
                d.line,
                format!("the data `{name}` holds XML elements (a tool's own graphics?): only its text is kept"),
            ));
        }
        fields.push((name, d.text.clone()));
    }
    for key in keys.iter().filter(|k| k.for_ == class || k.for_ == "all") {
        if let Some(def) = &key.default {
            if !fields.iter().any(|(n, _)| *n == key.name) {
                fields.push((key.name.clone(), def.clone()));
            }
        }
    }
    fields
}

fn take(fields: &mut Vec<(String, String)>, names: &[&str]) -> Option<String> {
    let i = fields
        .iter()
        .position(|(k, _)| names.iter().any(|n| k.eq_ignore_ascii_case(n)))?;
    (i < fields.len()).then(|| fields.remove(i).1)
}

/// Reads a GraphML file into the neutral graph.
pub fn read(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(GraphIn, Vec<ImportNote>), ImportNote> {
    read_xml_graph(
        file,
        bytes,
        limits,
        ("graphml", "GraphML"),
        |root, graph| {
            let mut notes = Vec::new();
            if root.children_named("graph").count() > 1 {
                notes.push(note(
                    Outcome::Warning,
                    file,
                    root.line,
                    "several graphs: only the first is read".into(),
                ));
            }
            let keys: Vec<Key> = root
                .children_named("key")
                .filter_map(|k| {
                    let id = k.attr("id")?.to_string();
                    Some(Key {
                        name: k
                            .attr("name")
                            .or_else(|| k.attr("attr.name"))
                            .unwrap_or(&id)
                            .to_string(),
                        for_: k.attr("for").unwrap_or("all").to_string(),
                        default: k.child("default").map(|d| d.text.clone()),
                        id,
                    })
                })
                .collect();
            let default_directed = graph.attr("edgedefault") != Some("undirected");
            let mut nodes = Vec::new();
            for n in graph.children_named("node") {
                let Some(key) = n.attr("id") else {
                    notes.push(note(
                        Outcome::Skipped,
                        file,
                        n.line,
                        "a <node> without `id`".into(),
                    ));
                    continue;
                };
                if n.child("graph").is_some() || n.child("port").is_some() {
                    notes.push(note(
                        Outcome::Warning,
                        file,
                        n.line,
                        format!("the node `{key}` holds a nested graph or ports: not read"),
                    ));
                }
                let mut fields = data(n, &keys, "node", file, &mut notes);
                let label = take(&mut fields, &["label", "name"]);
                let num = |v: Option<String>| {
                    v.and_then(|s| s.trim().parse::<f64>().ok())
                        .filter(|f| f.is_finite())
                };
                let (x, y) = (take(&mut fields, &["x"]), take(&mut fields, &["y"]));
                let position = match (num(x.clone()), num(y.clone())) {
                    (Some(x), Some(y)) => Some(Position { x, y }),
                    _ if x.is_some() || y.is_some() => {
                        notes.push(note(
                            Outcome::Altered,
                            file,
                            n.line,
                            "x and y are not both numbers: the position is left out".into(),
                        ));
                        None
                    }
                    _ => None,
                };
                let color = match take(&mut fields, &["color", "colour"]) {
                    Some(c) => {
                        let h = c.trim().trim_start_matches('#');
                        if h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()) {
                            Some(format!("#{}", h.to_ascii_lowercase()))
                        } else {
                            notes.push(note(
                                Outcome::Altered,
                                file,
                                n.line,
                                format!("the colour `{c}` is not #rrggbb: left out"),
                            ));
                            None
                        }
                    }
                    None => {
                        let ch = |f: &mut Vec<(String, String)>, n: &str| {
                            num(take(f, &[n])).filter(|v| (0.0..=255.0).contains(v))
                        };
                        match (
                            ch(&mut fields, "r"),
                            ch(&mut fields, "g"),
                            ch(&mut fields, "b"),
                        ) {
                            (Some(r), Some(g), Some(b)) => {
                                Some(format!("#{:02x}{:02x}{:02x}", r as u8, g as u8, b as u8))
                            }
                            _ => None,
                        }
                    }
                };
                let size = num(take(&mut fields, &["size"]));
                nodes.push(NodeIn {
                    key: key.to_string(),
                    label,
                    fields,
                    position,
                    color,
                    size,
                    line: n.line,
                });
            }
            let mut edges = Vec::new();
            for e in graph.children_named("edge") {
                let (Some(s), Some(t)) = (e.attr("source"), e.attr("target")) else {
                    notes.push(note(
                        Outcome::Skipped,
                        file,
                        e.line,
                        "an <edge> without `source` or `target`".into(),
                    ));
                    continue;
                };
                edges.push(EdgeIn {
                    source: s.to_string(),
                    target: t.to_string(),
                    directed: e.attr("directed").map(|d| d == "true"),
                    fields: data(e, &keys, "edge", file, &mut notes),
                    line: e.line,
                });
            }
            for h in graph.children_named("hyperedge") {
                notes.push(note(
                    Outcome::Skipped,
                    file,
                    h.line,
                    "a hyperedge: civicmap links join two actors".into(),
                ));
            }
            Ok((nodes, edges, default_directed, notes))
        },
    )
}

/// Imports a GraphML file. Fails only when the file is not readable XML or
/// not GraphML; everything else is a note.
pub fn import_graphml(file: &str, bytes: &[u8], map: &Mapping) -> Result<Imported, ImportNote> {
    let (graph, mut notes) = read(file, bytes, &Limits::DEFAULT)?;
    let mut imported = build(&graph, map, &XML_ALIASES);
    notes.append(&mut imported.notes);
    notes.sort_by_key(|n| (n.line, n.outcome));
    imported.notes = notes;
    Ok(imported)
}

/// Writes a dataset as GraphML; the warnings name what it cannot hold.
pub fn export_graphml(ds: &Dataset) -> (String, Vec<String>) {
    let mut warnings = lost_parts(ds, "GraphML");
    let actors = actor_rows(ds, &mut warnings);
    let links = link_rows(ds, &mut warnings);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
    );
    let key = |out: &mut String, class: &str, name: &str, ty: &str| {
        let n = escape(name);
        let _ = writeln!(
            out,
            "  <key id=\"{class}-{n}\" for=\"{class}\" attr.name=\"{n}\" attr.type=\"{ty}\"/>"
        );
    };
    key(&mut out, "node", "label", "string");
    key(&mut out, "node", "x", "double");
    key(&mut out, "node", "y", "double");
    key(&mut out, "node", "color", "string");
    key(&mut out, "node", "size", "double");
    let (acols, lcols) = (columns(&actors), columns(&links));
    for c in &acols {
        key(&mut out, "node", c, "string");
    }
    for c in &lcols {
        key(&mut out, "edge", c, "string");
    }
    out.push_str("  <graph id=\"G\" edgedefault=\"directed\">\n");
    let d = |out: &mut String, class: &str, k: &str, v: &str| {
        let _ = writeln!(
            out,
            "      <data key=\"{class}-{}\">{}</data>",
            escape(k),
            escape(v)
        );
    };
    for a in &actors {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&a.key));
        d(&mut out, "node", "label", &a.label);
        if let Some(p) = &a.position {
            d(&mut out, "node", "x", &p.x.to_string());
            d(&mut out, "node", "y", &p.y.to_string());
        }
        if let Some(c) = &a.color {
            d(&mut out, "node", "color", c);
        }
        if let Some(s) = a.size {
            d(&mut out, "node", "size", &s.to_string());
        }
        for (k, v) in &a.fields {
            d(&mut out, "node", k, v);
        }
        out.push_str("    </node>\n");
    }
    for l in &links {
        let (s, t, directed) = l.ends.clone().unwrap_or_default();
        let _ = writeln!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\" directed=\"{directed}\">",
            escape(&l.key),
            escape(&s),
            escape(&t)
        );
        for (k, v) in &l.fields {
            d(&mut out, "edge", k, v);
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    (out, warnings)
}
