//! The neutral graph that the GEXF, GraphML and Kumu readers fill and the
//! writers read: nodes and edges with named text fields, a position, a
//! colour. One conversion to and from `civicmap/1` for every format.
//!
//! Import: a node's key is its id when it is a valid civicmap id (else a
//! slug of its label, reported); its label is the name; fields are found by
//! the `--map` file or by their civicmap names and each format's usual ones
//! ([`Aliases`]); list fields are split on `|`; types, objectives,
//! ecosystems and link kinds become the taxonomy (ids derived from the
//! values, each derivation reported); every other non-empty field is kept
//! in the actor's (or link's) extra fields. Positions are kept with the
//! y axis turned down (Gephi's points up).
//!
//! Export: [`crate::convert::rows`] gives the same fields back, so
//! that export → import gives the same actors and links.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use crate::convert::csv::{ImportNote, Imported, Outcome};
use crate::convert::mapping::Mapping;
use crate::convert::sigma::slugify;
use crate::convert::xml::{self, Element, Limits};
use crate::model::format::dataset::{Extra, LocalizedText, Position, Source, FORMAT};
use crate::model::format::file::{Actor, ActorType, Dataset, Link, LinkKind, Taxonomy, Term};
use crate::model::format::validate::{is_http_url, is_valid_id, is_valid_year};

/// One node as read from a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeIn {
    pub key: String,
    pub label: Option<String>,
    /// Named values in file order (the column or attribute name as written).
    pub fields: Vec<(String, String)>,
    pub position: Option<Position>,
    /// `#rrggbb`
    pub color: Option<String>,
    pub size: Option<f64>,
    pub line: usize,
}

/// One edge as read from a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EdgeIn {
    pub source: String,
    pub target: String,
    /// `None`: the graph's default.
    pub directed: Option<bool>,
    pub fields: Vec<(String, String)>,
    pub line: usize,
}

/// A whole graph as read from a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphIn {
    pub file: String,
    pub nodes: Vec<NodeIn>,
    pub edges: Vec<EdgeIn>,
    pub default_directed: bool,
    /// Whether node keys are ids given by the file (GEXF, GraphML) rather
    /// than labels (Kumu): a changed id is then an alteration.
    pub keys_are_ids: bool,
    /// Where the edges come from, when not `file` (Kumu's Connections sheet).
    pub edge_file: Option<String>,
}

/// Each format's usual column names for a civicmap field, tried after the
/// civicmap name itself (compared without regard to case).
#[derive(Debug, Clone, Copy)]
pub struct Aliases {
    pub actors: &'static [(&'static str, &'static [&'static str])],
    pub links: &'static [(&'static str, &'static [&'static str])],
}

/// The names GEXF and GraphML files commonly use.
pub const XML_ALIASES: Aliases = Aliases {
    actors: &[
        ("type", &["kind", "category"]),
        ("ecosystems", &["ecosystem"]),
        ("objectives", &["objective", "tags"]),
        ("website", &["url"]),
        ("sources", &["source"]),
    ],
    links: &[("kind", &["type", "label"]), ("sources", &["source"])],
};

/// Kumu's columns (Elements: Type, Tags, Description; Connections: Type,
/// Label).
pub const KUMU_ALIASES: Aliases = Aliases {
    actors: &[
        ("type", &["kind"]),
        ("objectives", &["tags"]),
        ("ecosystems", &["ecosystem"]),
        ("website", &["url"]),
        ("sources", &["source"]),
    ],
    links: &[("kind", &["type"]), ("description", &["label"])],
};

/// Finds fields by civicmap name and consumes them.
struct Fields<'a> {
    fields: &'a [(String, String)],
    used: Vec<bool>,
}

impl<'a> Fields<'a> {
    fn new(fields: &'a [(String, String)]) -> Self {
        Fields {
            fields,
            used: vec![false; fields.len()],
        }
    }

    fn take_column(&mut self, column: &str) -> Option<&'a str> {
        let i = self
            .fields
            .iter()
            .position(|(k, _)| k.trim().eq_ignore_ascii_case(column.trim()))?;
        if let Some(u) = self.used.get_mut(i) {
            *u = true;
        }
        self.fields
            .get(i)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The value of `field`: the mapped column, else the civicmap name,
    /// else an alias.
    fn take(
        &mut self,
        field: &str,
        map: &BTreeMap<String, String>,
        aliases: &[(&str, &[&str])],
    ) -> Option<&'a str> {
        if let Some(column) = map.get(field) {
            return self.take_column(column);
        }
        if let Some(v) = self.take_column(field) {
            return Some(v);
        }
        let names = aliases.iter().find(|(f, _)| *f == field).map(|(_, a)| *a)?;
        names.iter().find_map(|a| self.take_column(a))
    }

    /// The fields nobody took, non-empty, as extra JSON strings.
    fn rest(&self, reserved: &[&str]) -> Extra {
        let mut extra = Extra::new();
        for ((k, v), used) in self.fields.iter().zip(&self.used) {
            if *used || v.trim().is_empty() {
                continue;
            }
            let key = if reserved.iter().any(|r| r.eq_ignore_ascii_case(k)) {
                format!("x-{k}")
            } else {
                k.clone()
            };
            extra.insert(key, Value::String(v.clone()));
        }
        extra
    }
}

/// A taxonomy list being collected: value → id, first-seen order.
#[derive(Default)]
struct Terms {
    ids: HashMap<String, String>,
    order: Vec<(String, String)>,
    used: HashSet<String>,
}

impl Terms {
    fn id(
        &mut self,
        value: &str,
        what: &str,
        file: &str,
        line: usize,
        notes: &mut Vec<ImportNote>,
    ) -> String {
        if let Some(id) = self.ids.get(value) {
            return id.clone();
        }
        let base = slugify(value);
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        if id != value {
            notes.push(note(
                Outcome::Warning,
                file,
                line,
                format!("{what} `{value}` has the id `{id}`"),
            ));
        }
        self.used.insert(id.clone());
        self.ids.insert(value.to_string(), id.clone());
        self.order.push((id.clone(), value.to_string()));
        id
    }

    fn terms(&self) -> Vec<Term> {
        self.order
            .iter()
            .map(|(id, label)| Term {
                id: Some(id.clone()),
                label: Some(LocalizedText::Plain(label.clone())),
                ..Default::default()
            })
            .collect()
    }
}

/// A note about the element at `line` of `file`.
pub fn note(outcome: Outcome, file: &str, line: usize, message: String) -> ImportNote {
    ImportNote {
        outcome,
        file: file.to_string(),
        line: Some(line),
        column: None,
        message,
    }
}

/// What an XML format's reader finds in a `<graph>`: nodes, edges, whether
/// edges are directed by default, and the notes on the way.
pub type XmlGraph = (Vec<NodeIn>, Vec<EdgeIn>, bool, Vec<ImportNote>);

/// Opens an XML interchange file (GEXF, GraphML): decodes and parses it
/// within `limits`, checks that its root is `<root_name>` and that it holds a
/// `<graph>`, then hands the root and that first graph to `body`, which
/// reads the nodes, the edges, whether edges are directed by default, and
/// its notes. Every failure is one error note with its line (`format` names
/// the format in it).
pub fn read_xml_graph(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    (root_name, format): (&str, &str),
    body: impl FnOnce(&Element, &Element) -> Result<XmlGraph, ImportNote>,
) -> Result<(GraphIn, Vec<ImportNote>), ImportNote> {
    let err = |e: xml::XmlError| note(Outcome::Error, file, e.line, e.message);
    let text = xml::decode(bytes).map_err(err)?;
    let root = xml::parse(text, limits).map_err(err)?;
    if root.name != root_name {
        let message = format!(
            "the root element is <{}>, not <{root_name}>: not a {format} file",
            root.name
        );
        return Err(note(Outcome::Error, file, root.line, message));
    }
    match root.child("graph") {
        Some(graph) => {
            let (nodes, edges, default_directed, notes) = body(&root, graph)?;
            let graph = GraphIn {
                file: file.to_string(),
                nodes,
                edges,
                default_directed,
                keys_are_ids: true,
                edge_file: None,
            };
            Ok((graph, notes))
        }
        None => Err(note(
            Outcome::Error,
            file,
            root.line,
            "no <graph> in the file".into(),
        )),
    }
}

/// Splits a list cell on `|` (Kumu's and Gephi's separator).
pub fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads a `sources` cell: a JSON array (what the exporters write), or
/// `|`-separated URLs and labels.
pub fn parse_sources(s: &str) -> Vec<Source> {
    if s.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<Vec<Source>>(s) {
            return v;
        }
    }
    split_list(s)
        .into_iter()
        .map(|v| {
            if is_http_url(&v) {
                Source::Url(v)
            } else {
                Source::Labelled {
                    label: LocalizedText::Plain(v),
                    url: None,
                }
            }
        })
        .collect()
}

fn year(
    value: Option<&str>,
    what: &str,
    file: &str,
    line: usize,
    notes: &mut Vec<ImportNote>,
) -> Option<i64> {
    let v = value?;
    let parsed = v
        .parse::<i64>()
        .ok()
        .or_else(|| {
            v.parse::<f64>()
                .ok()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e6)
                .map(|f| f as i64)
        })
        .filter(|y| is_valid_year(*y));
    if parsed.is_none() {
        notes.push(note(
            Outcome::Altered,
            file,
            line,
            format!("{what} `{v}` is not a year from 1000 to 2100: left out"),
        ));
    }
    parsed
}

fn description(
    f: &mut Fields<'_>,
    map: &BTreeMap<String, String>,
    aliases: &[(&str, &[&str])],
) -> Option<LocalizedText> {
    let plain = f.take("description", map, aliases);
    let mut langs = BTreeMap::new();
    for (field, lang) in [("description_fr", "fr"), ("description_en", "en")] {
        if let Some(v) = f.take(field, map, aliases) {
            langs.insert(lang.to_string(), v.to_string());
        }
    }
    match (plain, langs.is_empty()) {
        (Some(p), true) => Some(LocalizedText::Plain(p.to_string())),
        (Some(p), false) => {
            langs
                .entry("fr".to_string())
                .or_insert_with(|| p.to_string());
            Some(LocalizedText::Map(langs))
        }
        (None, false) => Some(LocalizedText::Map(langs)),
        (None, true) => None,
    }
}

const ACTOR_RESERVED: [&str; 14] = [
    "id",
    "name",
    "aliases",
    "type",
    "objectives",
    "ecosystems",
    "founded",
    "dissolved",
    "country",
    "website",
    "description",
    "sources",
    "position",
    "size",
];
const LINK_RESERVED: [&str; 7] = [
    "source",
    "target",
    "kind",
    "since",
    "until",
    "description",
    "sources",
];

/// Converts a graph read from a file into a dataset, with a note for every
/// value changed or left out and every edge skipped.
pub fn build(graph: &GraphIn, map: &Mapping, aliases: &Aliases) -> Imported {
    let file = graph.file.as_str();
    let mut notes = Vec::new();
    let mut actors = Vec::new();
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let (mut types, mut objectives, mut ecosystems) =
        (Terms::default(), Terms::default(), Terms::default());
    // Type id → the colours of its actors (None: one without a colour).
    let mut colors: HashMap<String, HashSet<Option<String>>> = HashMap::new();
    let mut typeless = 0usize;
    for n in &graph.nodes {
        let line = n.line;
        if ids.contains_key(n.key.as_str()) {
            notes.push(note(
                Outcome::Skipped,
                file,
                line,
                format!("the node `{}` is already defined above", n.key),
            ));
            continue;
        }
        let mut f = Fields::new(&n.fields);
        let label = f
            .take("name", &map.actors, aliases.actors)
            .map(str::to_string)
            .or_else(|| n.label.clone().filter(|l| !l.trim().is_empty()));
        let key = f
            .take("id", &map.actors, aliases.actors)
            .unwrap_or(n.key.as_str());
        let mut id = if is_valid_id(key) {
            key.to_string()
        } else {
            slugify(label.as_deref().unwrap_or(key))
        };
        if used_ids.contains(&id) {
            let base = id.clone();
            let mut k = 2;
            while used_ids.contains(&id) {
                id = format!("{}-{k}", base.get(..90).unwrap_or(&base));
                k += 1;
            }
        }
        if id != key {
            let outcome = if graph.keys_are_ids {
                Outcome::Altered
            } else {
                Outcome::Warning
            };
            notes.push(note(
                outcome,
                file,
                line,
                format!("`{key}` has the id `{id}`"),
            ));
        }
        used_ids.insert(id.clone());
        ids.insert(n.key.as_str(), id.clone());
        let name = label.unwrap_or_else(|| {
            notes.push(note(
                Outcome::Altered,
                file,
                line,
                format!("`{key}` has no label: its name is its key"),
            ));
            key.to_string()
        });
        let type_id = match f.take("type", &map.actors, aliases.actors) {
            Some(t) => types.id(t, "the type", file, line, &mut notes),
            None => {
                typeless += 1;
                types.id("node", "the type", file, line, &mut notes)
            }
        };
        colors
            .entry(type_id.clone())
            .or_default()
            .insert(n.color.clone());
        let mut list = |field: &str, terms: &mut Terms, what: &str, notes: &mut Vec<ImportNote>| {
            f.take(field, &map.actors, aliases.actors)
                .map(split_list)
                .unwrap_or_default()
                .iter()
                .map(|v| terms.id(v, what, file, line, notes))
                .collect::<Vec<_>>()
        };
        let objectives_ids = list("objectives", &mut objectives, "the objective", &mut notes);
        let ecosystem_ids = list("ecosystems", &mut ecosystems, "the ecosystem", &mut notes);
        let aliases_list = f
            .take("aliases", &map.actors, aliases.actors)
            .map(split_list)
            .unwrap_or_default();
        let founded = year(
            f.take("founded", &map.actors, aliases.actors),
            "founded",
            file,
            line,
            &mut notes,
        );
        let dissolved = year(
            f.take("dissolved", &map.actors, aliases.actors),
            "dissolved",
            file,
            line,
            &mut notes,
        );
        let country = f
            .take("country", &map.actors, aliases.actors)
            .map(str::to_string);
        let website = f
            .take("website", &map.actors, aliases.actors)
            .and_then(|w| {
                if is_http_url(w) {
                    Some(w.to_string())
                } else {
                    notes.push(note(
                        Outcome::Altered,
                        file,
                        line,
                        format!("the website `{w}` is not an http(s) URL: left out"),
                    ));
                    None
                }
            });
        let desc = description(&mut f, &map.actors, aliases.actors);
        let sources = f
            .take("sources", &map.actors, aliases.actors)
            .map(parse_sources)
            .unwrap_or_default();
        let mut extra = f.rest(&ACTOR_RESERVED);
        if let Some(size) = n.size.and_then(serde_json::Number::from_f64) {
            extra.insert("size".into(), Value::Number(size));
        }
        actors.push(Actor {
            id: Some(id),
            name: Some(name),
            aliases: aliases_list,
            actor_type: Some(type_id),
            objectives: objectives_ids,
            ecosystems: ecosystem_ids,
            founded,
            dissolved,
            country,
            website,
            description: desc,
            sources,
            position: n.position,
            extra,
        });
    }
    if typeless > 0 {
        notes.push(note(
            Outcome::Warning,
            file,
            1,
            format!(
                "{typeless} node(s) have no type: their type is `node` (name the type column \
                 with --map '{{\"actors\": {{\"type\": …}}}}')"
            ),
        ));
    }

    let mut kinds = Terms::default();
    let mut directed: HashMap<String, HashSet<bool>> = HashMap::new();
    let mut links = Vec::new();
    let file = graph.edge_file.as_deref().unwrap_or(file);
    for e in &graph.edges {
        let line = e.line;
        let (Some(s), Some(t)) = (ids.get(e.source.as_str()), ids.get(e.target.as_str())) else {
            let missing = if ids.contains_key(e.source.as_str()) {
                &e.target
            } else {
                &e.source
            };
            notes.push(note(
                Outcome::Skipped,
                file,
                line,
                format!(
                    "the edge {} → {}: there is no node `{missing}`",
                    e.source, e.target
                ),
            ));
            continue;
        };
        let mut f = Fields::new(&e.fields);
        let kind = match f.take("kind", &map.links, aliases.links) {
            Some(k) => kinds.id(k, "the link kind", file, line, &mut notes),
            None => kinds.id("link", "the link kind", file, line, &mut notes),
        };
        directed
            .entry(kind.clone())
            .or_default()
            .insert(e.directed.unwrap_or(graph.default_directed));
        let since = year(
            f.take("since", &map.links, aliases.links),
            "since",
            file,
            line,
            &mut notes,
        );
        let until = year(
            f.take("until", &map.links, aliases.links),
            "until",
            file,
            line,
            &mut notes,
        );
        let desc = description(&mut f, &map.links, aliases.links);
        let sources = f
            .take("sources", &map.links, aliases.links)
            .map(parse_sources)
            .unwrap_or_default();
        // The endpoints' columns, when the reader left them in the fields.
        for col in ["from", "to", "source", "target"] {
            let _ = f.take_column(col);
        }
        links.push(Link {
            source: Some(s.clone()),
            target: Some(t.clone()),
            kind: Some(kind),
            since,
            until,
            description: desc,
            sources,
            extra: f.rest(&LINK_RESERVED),
        });
    }

    let file = graph.file.as_str();
    let actor_types = types
        .order
        .iter()
        .map(|(id, label)| {
            let distinct: Vec<&String> = colors
                .get(id)
                .map(|s| s.iter().flatten().collect())
                .unwrap_or_default();
            let color = match distinct.as_slice() {
                [c] => Some((*c).clone()),
                [] => None,
                _ => {
                    notes.push(note(
                        Outcome::Warning,
                        file,
                        1,
                        format!(
                            "the nodes of type `{id}` have {} different colours: the type gets \
                             the map's own colour",
                            distinct.len()
                        ),
                    ));
                    None
                }
            };
            ActorType {
                id: Some(id.clone()),
                label: Some(LocalizedText::Plain(label.clone())),
                color,
                ..Default::default()
            }
        })
        .collect();
    let link_kinds = kinds
        .order
        .iter()
        .map(|(id, label)| {
            let d = directed.get(id).cloned().unwrap_or_default();
            if d.len() > 1 {
                notes.push(note(
                    Outcome::Warning,
                    file,
                    1,
                    format!("the links of kind `{id}` are directed and undirected: the kind is taken as directed"),
                ));
            }
            LinkKind {
                id: Some(id.clone()),
                label: Some(LocalizedText::Plain(label.clone())),
                directed: Some(d.contains(&true) || d.is_empty() && graph.default_directed),
                ..Default::default()
            }
        })
        .collect();
    let dataset = Dataset {
        format: Some(FORMAT.to_string()),
        taxonomy: Taxonomy {
            actor_types: Some(actor_types),
            objectives: Some(objectives.terms()),
            link_kinds: Some(link_kinds),
            ecosystems: Some(ecosystems.terms()),
            ..Default::default()
        },
        actors,
        links,
        ..Default::default()
    };
    notes.sort_by_key(|n| (n.line, n.outcome));
    Imported { dataset, notes }
}
