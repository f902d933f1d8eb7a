//! GEXF (Gephi's format), versions 1.0 to 1.3, in and out.
//!
//! Read: `<node id label>` with `<attvalue for|id value>` (titles from the
//! `<attributes class="node">` declarations, their `<default>` applied),
//! `viz:position`, `viz:color` (`r g b` or 1.3's `hex`), `viz:size`;
//! `<edge source target type label weight kind>` with their attvalues; the
//! graph's `defaultedgetype`. The namespace is not checked, so files in the
//! older `http://www.gephi.org/gexf` namespace read the same. Dynamic parts
//! (spells, `start`/`end`) and hierarchies are ignored with a warning.
//!
//! Written: GEXF 1.3 with every civicmap field as a string attribute (see
//! [`crate::convert::interchange`]), colours per actor type, positions.

use std::fmt::Write as _;

use crate::convert::csv::{ImportNote, Imported, Outcome};
use crate::convert::interchange::{
    build, note, read_xml_graph, EdgeIn, GraphIn, NodeIn, XML_ALIASES,
};
use crate::convert::mapping::Mapping;
use crate::convert::rows::{actor_rows, columns, link_rows, lost_parts, RowOut};
use crate::convert::xml::{escape, Element, Limits};
use crate::model::format::dataset::Position;
use crate::model::format::file::Dataset;

/// `#rrggbb` from `viz:color` (`r`, `g`, `b` from 0 to 255, or `hex`).
fn color_of(el: &Element) -> Option<String> {
    if let Some(hex) = el.attr("hex") {
        let h = hex.trim().trim_start_matches('#');
        return (h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| format!("#{}", h.to_ascii_lowercase()));
    }
    let channel = |n: &str| -> Option<u8> {
        let v: f64 = el.attr(n)?.trim().parse().ok()?;
        (0.0..=255.0).contains(&v).then_some(v.round() as u8)
    };
    Some(format!(
        "#{:02x}{:02x}{:02x}",
        channel("r")?,
        channel("g")?,
        channel("b")?
    ))
}

fn number(el: &Element, name: &str) -> Option<f64> {
    el.attr(name)?
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// The declared attributes of one class: id → (title, default).
fn declarations(graph: &Element, class: &str) -> Vec<(String, String, Option<String>)> {
    graph
        .children_named("attributes")
        .filter(|a| a.attr("class") == Some(class))
        .flat_map(|a| a.children_named("attribute"))
        .filter_map(|a| {
            let id = a.attr("id")?.to_string();
            let title = a.attr("title").unwrap_or(&id).to_string();
            // GEXF 1.1+: a <default> child; the old namespace: an attribute.
            let default = a
                .child("default")
                .map(|d| d.text.clone())
                .or_else(|| a.attr("default").map(str::to_string));
            Some((id, title, default))
        })
        .collect()
}

/// The attvalues of a node or edge as named fields, defaults applied.
fn attvalues(
    el: &Element,
    decls: &[(String, String, Option<String>)],
    file: &str,
    notes: &mut Vec<ImportNote>,
) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for av in el
        .children_named("attvalues")
        .flat_map(|a| a.children_named("attvalue"))
    {
        let Some(key) = av.attr("for").or_else(|| av.attr("id")) else {
            notes.push(note(
                Outcome::Altered,
                file,
                av.line,
                "an <attvalue> without `for`: left out".into(),
            ));
            continue;
        };
        if av.attr("start").is_some() || av.attr("end").is_some() {
            notes.push(note(
                Outcome::Warning,
                file,
                av.line,
                "a dynamic value (start/end): its time is not kept".into(),
            ));
        }
        let title = match decls.iter().find(|(id, _, _)| id == key) {
            Some((_, title, _)) => title.clone(),
            None => {
                notes.push(note(
                    Outcome::Warning,
                    file,
                    av.line,
                    format!("the attribute `{key}` is not declared: kept under that name"),
                ));
                key.to_string()
            }
        };
        fields.push((title, av.attr("value").unwrap_or_default().to_string()));
    }
    for (_, title, default) in decls {
        if let Some(d) = default {
            if !fields.iter().any(|(t, _)| t == title) {
                fields.push((title.clone(), d.clone()));
            }
        }
    }
    fields
}

/// Reads a GEXF file into the neutral graph.
pub fn read(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(GraphIn, Vec<ImportNote>), ImportNote> {
    read_xml_graph(file, bytes, limits, ("gexf", "GEXF"), |_, graph| {
        let mut notes = Vec::new();
        if graph.attr("mode") == Some("dynamic") {
            notes.push(note(
                Outcome::Warning,
                file,
                graph.line,
                "a dynamic graph: read as static, times are not kept".into(),
            ));
        }
        let default_directed =
            !matches!(graph.attr("defaultedgetype"), Some("undirected" | "mutual"));
        let node_decls = declarations(graph, "node");
        let edge_decls = declarations(graph, "edge");
        let mut nodes = Vec::new();
        for n in graph
            .children_named("nodes")
            .flat_map(|ns| ns.children_named("node"))
        {
            let Some(key) = n.attr("id") else {
                notes.push(note(
                    Outcome::Skipped,
                    file,
                    n.line,
                    "a <node> without `id`".into(),
                ));
                continue;
            };
            if n.child("nodes").is_some() || n.attr("pid").is_some() || n.child("parents").is_some()
            {
                notes.push(note(
                    Outcome::Warning,
                    file,
                    n.line,
                    format!(
                    "the node `{key}` is part of a hierarchy: read flat, nested nodes are not read"
                ),
                ));
            }
            let fields = attvalues(n, &node_decls, file, &mut notes);
            let position =
                n.child("position")
                    .and_then(|p| match (number(p, "x"), number(p, "y")) {
                        (Some(x), Some(y)) => Some(Position { x, y: -y }),
                        _ => {
                            notes.push(note(
                                Outcome::Altered,
                                file,
                                p.line,
                                "a position without a numeric x and y: left out".into(),
                            ));
                            None
                        }
                    });
            let color = n.child("color").and_then(|c| {
                let col = color_of(c);
                if col.is_none() {
                    notes.push(note(
                        Outcome::Altered,
                        file,
                        c.line,
                        "a colour that is not r, g, b from 0 to 255 or a #hex: left out".into(),
                    ));
                }
                col
            });
            nodes.push(NodeIn {
                key: key.to_string(),
                label: n.attr("label").map(str::to_string),
                fields,
                position,
                color,
                size: n.child("size").and_then(|s| number(s, "value")),
                line: n.line,
            });
        }
        let mut edges = Vec::new();
        for e in graph
            .children_named("edges")
            .flat_map(|es| es.children_named("edge"))
        {
            let (Some(s), Some(t)) = (e.attr("source"), e.attr("target")) else {
                notes.push(note(
                    Outcome::Skipped,
                    file,
                    e.line,
                    "an <edge> without `source` or `target`".into(),
                ));
                continue;
            };
            let mut fields = Vec::new();
            for native in ["kind", "label"] {
                if let Some(v) = e.attr(native) {
                    fields.push((native.to_string(), v.to_string()));
                }
            }
            if let Some(w) = e
                .attr("weight")
                .filter(|w| w.trim().parse::<f64>().ok() != Some(1.0))
            {
                fields.push(("weight".to_string(), w.to_string()));
            }
            fields.extend(attvalues(e, &edge_decls, file, &mut notes));
            edges.push(EdgeIn {
                source: s.to_string(),
                target: t.to_string(),
                directed: e.attr("type").map(|t| t == "directed"),
                fields,
                line: e.line,
            });
        }
        Ok((nodes, edges, default_directed, notes))
    })
}

/// Imports a GEXF file. Fails only when the file is not readable XML or
/// not GEXF; everything else is a note.
pub fn import_gexf(file: &str, bytes: &[u8], map: &Mapping) -> Result<Imported, ImportNote> {
    let (graph, mut notes) = read(file, bytes, &Limits::DEFAULT)?;
    let mut imported = build(&graph, map, &XML_ALIASES);
    notes.append(&mut imported.notes);
    notes.sort_by_key(|n| (n.line, n.outcome));
    imported.notes = notes;
    Ok(imported)
}

fn attr_decls(out: &mut String, class: &str, cols: &[String]) {
    let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
    for c in cols {
        let c = escape(c);
        let _ = writeln!(
            out,
            "      <attribute id=\"{c}\" title=\"{c}\" type=\"string\"/>"
        );
    }
    out.push_str("    </attributes>\n");
}

fn attvalues_out(out: &mut String, row: &RowOut) {
    if row.fields.is_empty() {
        return;
    }
    out.push_str("        <attvalues>\n");
    for (k, v) in &row.fields {
        let _ = writeln!(
            out,
            "          <attvalue for=\"{}\" value=\"{}\"/>",
            escape(k),
            escape(v)
        );
    }
    out.push_str("        </attvalues>\n");
}

/// Writes a dataset as GEXF 1.3; the warnings name what GEXF cannot hold.
pub fn export_gexf(ds: &Dataset) -> (String, Vec<String>) {
    let mut warnings = lost_parts(ds, "GEXF");
    let actors = actor_rows(ds, &mut warnings);
    let links = link_rows(ds, &mut warnings);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" \
         xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n  <meta>\n    \
         <creator>civicmap</creator>\n",
    );
    if let Some(t) = &ds.meta.title {
        let _ = writeln!(
            out,
            "    <description>{}</description>",
            escape(t.get("fr"))
        );
    }
    out.push_str("  </meta>\n  <graph mode=\"static\" defaultedgetype=\"directed\">\n");
    attr_decls(&mut out, "node", &columns(&actors));
    attr_decls(&mut out, "edge", &columns(&links));
    out.push_str("    <nodes>\n");
    for a in &actors {
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            escape(&a.key),
            escape(&a.label)
        );
        attvalues_out(&mut out, a);
        if let Some(c) = a.color.as_deref().and_then(|c| c.strip_prefix('#')) {
            let ch = |i: usize| {
                c.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .unwrap_or(0)
            };
            let _ = writeln!(
                out,
                "        <viz:color r=\"{}\" g=\"{}\" b=\"{}\"/>",
                ch(0),
                ch(2),
                ch(4)
            );
        }
        if let Some(p) = &a.position {
            let _ = writeln!(
                out,
                "        <viz:position x=\"{}\" y=\"{}\" z=\"0\"/>",
                p.x, -p.y
            );
        }
        if let Some(s) = a.size {
            let _ = writeln!(out, "        <viz:size value=\"{s}\"/>");
        }
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for l in &links {
        let (s, t, directed) = l.ends.clone().unwrap_or_default();
        let _ = writeln!(
            out,
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" type=\"{}\">",
            escape(&l.key),
            escape(&s),
            escape(&t),
            if directed { "directed" } else { "undirected" }
        );
        attvalues_out(&mut out, l);
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    (out, warnings)
}
