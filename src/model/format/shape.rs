//! Phase 3 of loading: from a parsed JSON value to the [`Dataset`] types,
//! with a `wrong-type` (or `bad-year`, `bad-shape`, `missing-field`)
//! diagnostic, and its JSON path, for every value that does not fit.
//!
//! The loader first lets serde's derived `Deserialize` read the file (fast,
//! no JSON tree); only when that fails does it parse a `serde_json::Value`
//! and read it here. This reads exactly what serde reads (a property test in
//! `validate` holds the two together), with two differences: it reports
//! *every* misfit with its path instead of stopping at the first one, and
//! `null` is always the same as an absent field (serde refuses `null` for a
//! list).
//!
//! Unknown fields are kept in `extra`, as serde does. Diagnostics come back
//! without positions: the caller locates them.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::model::format::dataset::{
    Event, Extra, LocalizedText, Meta, Position, Shape, Source, Stake,
};
use crate::model::format::diagnostic::Diagnostic;
use crate::model::format::file::{Actor, ActorType, Dataset, Link, LinkKind, Taxonomy, Term};

/// A lazily built JSON path (built only when there is something to report).
type PathFn<'a> = &'a dyn Fn() -> String;

/// Reads a whole document; `Err` lists every value of the wrong type.
pub(crate) fn read_dataset(root: Map<String, Value>) -> Result<Dataset, Vec<Diagnostic>> {
    let mut r = Reader { out: Vec::new() };
    let dataset = r.dataset(root);
    if r.out.is_empty() {
        Ok(dataset)
    } else {
        Err(r.out)
    }
}

/// The name of a JSON value's type, for messages.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn key_path(parent: PathFn<'_>, key: &str) -> String {
    let parent = parent();
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Takes a field out of an object; `null` counts as absent.
fn take(m: &mut Map<String, Value>, key: &str) -> Option<Value> {
    m.remove(key).filter(|v| !v.is_null())
}

fn extra(m: Map<String, Value>) -> Extra {
    m.into_iter().collect::<BTreeMap<_, _>>()
}

struct Reader {
    out: Vec<Diagnostic>,
}

impl Reader {
    fn wrong(&mut self, path: String, expected: &str, found: &Value) {
        let found = type_name(found);
        self.out.push(Diagnostic::error(
            "wrong-type",
            path,
            format!("expected {expected}, found {found}"),
        ));
    }

    /// Reads field `key` of `m` with `read`, if present and not null.
    fn field<T>(
        &mut self,
        m: &mut Map<String, Value>,
        key: &str,
        path: PathFn<'_>,
        read: impl FnOnce(&mut Self, Value, PathFn<'_>) -> Option<T>,
    ) -> Option<T> {
        let v = take(m, key)?;
        read(self, v, &|| key_path(path, key))
    }

    fn string(&mut self, v: Value, path: PathFn<'_>) -> Option<String> {
        match v {
            Value::String(s) => Some(s),
            other => {
                self.wrong(path(), "a string", &other);
                None
            }
        }
    }

    fn year(&mut self, v: Value, path: PathFn<'_>) -> Option<i64> {
        match &v {
            Value::Number(n) => match n.as_i64() {
                Some(y) => Some(y),
                None => {
                    self.out.push(Diagnostic::error(
                        "bad-year",
                        path(),
                        format!("the year {n} is not an integer from 1000 to 2100"),
                    ));
                    None
                }
            },
            other => {
                self.wrong(path(), "a year (an integer)", other);
                None
            }
        }
    }

    fn boolean(&mut self, v: Value, path: PathFn<'_>) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(b),
            other => {
                self.wrong(path(), "true or false", &other);
                None
            }
        }
    }

    fn shape(&mut self, v: Value, path: PathFn<'_>) -> Option<Shape> {
        const NAMES: [&str; 6] = ["circle", "square", "triangle", "diamond", "hexagon", "star"];
        let name = self.string(v, path)?;
        let found = NAMES
            .iter()
            .zip(Shape::ALL)
            .find(|(n, _)| **n == name)
            .map(|(_, s)| s);
        if found.is_none() {
            self.out.push(
                Diagnostic::error(
                    "bad-shape",
                    path(),
                    format!("unknown shape `{name}`; use one of {}", NAMES.join(", ")),
                )
                .about(name),
            );
        }
        found
    }

    fn text(&mut self, v: Value, path: PathFn<'_>) -> Option<LocalizedText> {
        match v {
            Value::String(s) => Some(LocalizedText::Plain(s)),
            Value::Object(m) => {
                let mut texts = BTreeMap::new();
                for (lang, t) in m {
                    match t {
                        Value::String(s) => {
                            texts.insert(lang, s);
                        }
                        other => {
                            let p = key_path(path, &lang);
                            self.wrong(p, "a string (localized text)", &other);
                        }
                    }
                }
                Some(LocalizedText::Map(texts))
            }
            other => {
                self.wrong(path(), "a string or an object of language → string", &other);
                None
            }
        }
    }

    fn source(&mut self, v: Value, path: PathFn<'_>) -> Option<Source> {
        match v {
            Value::String(s) => Some(Source::Url(s)),
            Value::Object(mut m) => {
                let has_label = m.get("label").is_some_and(|l| !l.is_null());
                let label = self.field(&mut m, "label", path, Self::text);
                let url = self.field(&mut m, "url", path, Self::string);
                if !has_label {
                    self.out.push(Diagnostic::error(
                        "missing-field",
                        path(),
                        "a source that is not a URL needs a `label`",
                    ));
                }
                label.map(|label| Source::Labelled { label, url })
            }
            other => {
                let expected = "a URL string or an object {\"label\": …, \"url\": …}";
                self.wrong(path(), expected, &other);
                None
            }
        }
    }

    fn position(&mut self, v: Value, path: PathFn<'_>) -> Option<Position> {
        let mut m = self.object(v, path, "an object {\"x\": …, \"y\": …}")?;
        let mut axis = |r: &mut Self, name: &str| match m.remove(name) {
            Some(Value::Number(n)) => n.as_f64(),
            Some(other) => {
                r.wrong(key_path(path, name), "a number", &other);
                None
            }
            None => {
                r.out.push(Diagnostic::error(
                    "missing-field",
                    key_path(path, name),
                    format!("a position needs a number `{name}`"),
                ));
                None
            }
        };
        let x = axis(self, "x");
        let y = axis(self, "y");
        Some(Position { x: x?, y: y? })
    }

    fn object(&mut self, v: Value, path: PathFn<'_>, expected: &str) -> Option<Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            other => {
                self.wrong(path(), expected, &other);
                None
            }
        }
    }

    fn list<T>(
        &mut self,
        v: Value,
        path: PathFn<'_>,
        mut item: impl FnMut(&mut Self, Value, PathFn<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        match v {
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, v) in items.into_iter().enumerate() {
                    if let Some(t) = item(self, v, &|| format!("{}[{i}]", path())) {
                        out.push(t);
                    }
                }
                Some(out)
            }
            other => {
                self.wrong(path(), "a list", &other);
                None
            }
        }
    }

    fn strings(&mut self, v: Value, path: PathFn<'_>) -> Option<Vec<String>> {
        self.list(v, path, Self::string)
    }

    fn sources(&mut self, v: Value, path: PathFn<'_>) -> Option<Vec<Source>> {
        self.list(v, path, Self::source)
    }

    /// A list of objects read with `read`.
    fn objects<T>(
        &mut self,
        v: Value,
        path: PathFn<'_>,
        read: fn(&mut Self, Map<String, Value>, PathFn<'_>) -> T,
    ) -> Option<Vec<T>> {
        self.list(v, path, |r, v, p| {
            let m = r.object(v, p, "an object")?;
            Some(read(r, m, p))
        })
    }

    fn dataset(&mut self, mut m: Map<String, Value>) -> Dataset {
        let root: PathFn<'_> = &String::new;
        let meta = self.field(&mut m, "meta", root, |r, v, p| {
            let m = r.object(v, p, "an object")?;
            Some(r.meta(m, p))
        });
        let taxonomy = self.field(&mut m, "taxonomy", root, |r, v, p| {
            let m = r.object(v, p, "an object")?;
            Some(r.taxonomy(m, p))
        });
        Dataset {
            format: self.field(&mut m, "format", root, Self::string),
            meta: meta.unwrap_or_default(),
            taxonomy: taxonomy.unwrap_or_default(),
            actors: self
                .field(&mut m, "actors", root, |r, v, p| {
                    r.objects(v, p, Self::actor)
                })
                .unwrap_or_default(),
            links: self
                .field(&mut m, "links", root, |r, v, p| r.objects(v, p, Self::link))
                .unwrap_or_default(),
            events: self
                .field(&mut m, "events", root, |r, v, p| {
                    r.objects(v, p, Self::event)
                })
                .unwrap_or_default(),
            stakes: self
                .field(&mut m, "stakes", root, |r, v, p| {
                    r.objects(v, p, Self::stake)
                })
                .unwrap_or_default(),
            extra: extra(m),
        }
    }

    fn meta(&mut self, mut m: Map<String, Value>, p: PathFn<'_>) -> Meta {
        Meta {
            title: self.field(&mut m, "title", p, Self::text),
            version: self.field(&mut m, "version", p, Self::string),
            updated: self.field(&mut m, "updated", p, Self::string),
            license: self.field(&mut m, "license", p, Self::string),
            attribution: self.field(&mut m, "attribution", p, Self::string),
            notes: self.field(&mut m, "notes", p, Self::text),
            extra: extra(m),
        }
    }

    fn taxonomy(&mut self, mut m: Map<String, Value>, p: PathFn<'_>) -> Taxonomy {
        Taxonomy {
            actor_types: self.field(&mut m, "actor_types", p, |r, v, p| {
                r.objects(v, p, Self::actor_type)
            }),
            objectives: self.field(&mut m, "objectives", p, |r, v, p| {
                r.objects(v, p, Self::term)
            }),
            link_kinds: self.field(&mut m, "link_kinds", p, |r, v, p| {
                r.objects(v, p, Self::link_kind)
            }),
            ecosystems: self.field(&mut m, "ecosystems", p, |r, v, p| {
                r.objects(v, p, Self::term)
            }),
            extra: extra(m),
        }
    }

    fn actor_type(&mut self, mut m: Map<String, Value>, p: PathFn<'_>) -> ActorType {
        ActorType {
            id: self.field(&mut m, "id", p, Self::string),
            label: self.field(&mut m, "label", p, Self::text),
            color: self.field(&mut m, "color", p, Self::string),
            color_dark: self.field(&mut m, "color_dark", p, Self::string),
            shape: self.field(&mut m, "shape", p, Self::shape),
            extra: extra(m),
        }
    }

    fn term(&mut self, mut m: Map<String, Value>, p: PathFn<'_>) -> Term {
        Term {
            id: self.field(&mut m, "id", p, Self::string),
            label: self.field(&mut m, "label", p, Self::text),
            extra: extra(m),
        }
    }

    fn link_kind(&mut self, mut m: Map<String, Value>, p: PathFn<'_>) -> LinkKind {
        LinkKind {
            id: self.field(&mut m, "id", p, Self::string),
            label: self.field(&mut m, "label", p, Self::text),
            inverse_label: self.field(&mut m, "inverse_label", p, Self::text),
            directed: self.field(&mut m, "directed", p, Self::boolean),
            extra: extra(m),
        }
    }

    fn actor(&mut self, mut m: Map<String, Value>, p: PathFn<'_>) -> Actor {
        Actor {
            id: self.field(&mut m, "id", p, Self::string),
            name: self.field(&mut m, "name", p, Self::string),
            aliases: self
                .field(&mut m, "aliases", p, Self::strings)
                .unwrap_or_default(),
            actor_type: self.field(&mut m, "type", p, Self::string),
            objectives: self
                .field(&mut m, "objectives", p, Self::strings)
                .unwrap_or_default(),
            ecosystems: self
                .field(&mut m, "ecosystems", p, Self::strings)
                .unwrap_or_default(),
            founded: self.field(&mut m, "founded", p, Self::year),
            dissolved: self.field(&mut m, "dissolved", p, Self::year),
            country: self.field(&mut m, "country", p, Self::string),
            website: self.field(&mut m, "website", p, Self::string),
            description: self.field(&mut m, "description", p, Self::text),
            sources: self
                .field(&mut m, "sources", p, Self::sources)
                .unwrap_or_default(),
            position: self.field(&mut m, "position", p, Self::position),
            extra: extra(m),
        }
    }

    fn link(&mut self, mut m: Map<String, Value>, p: PathFn<'_>) -> Link {
        Link {
            source: self.field(&mut m, "source", p, Self::string),
            target: self.field(&mut m, "target", p, Self::string),
            kind: self.field(&mut m, "kind", p, Self::string),
            since: self.field(&mut m, "since", p, Self::year),
            until: self.field(&mut m, "until", p, Self::year),
            description: self.field(&mut m, "description", p, Self::text),
            sources: self
                .field(&mut m, "sources", p, Self::sources)
                .unwrap_or_default(),
            extra: extra(m),
        }
    }

    fn event(&mut self, mut m: Map<String, Value>, p: PathFn<'_>) -> Event {
        Event {
            id: self.field(&mut m, "id", p, Self::string),
            date: self.field(&mut m, "date", p, Self::string),
            title: self.field(&mut m, "title", p, Self::text),
            actors: self
                .field(&mut m, "actors", p, Self::strings)
                .unwrap_or_default(),
            sources: self
                .field(&mut m, "sources", p, Self::sources)
                .unwrap_or_default(),
            extra: extra(m),
        }
    }

    fn stake(&mut self, mut m: Map<String, Value>, p: PathFn<'_>) -> Stake {
        Stake {
            id: self.field(&mut m, "id", p, Self::string),
            category: self.field(&mut m, "category", p, Self::string),
            title: self.field(&mut m, "title", p, Self::text),
            description: self.field(&mut m, "description", p, Self::text),
            actors: self
                .field(&mut m, "actors", p, Self::strings)
                .unwrap_or_default(),
            sources: self
                .field(&mut m, "sources", p, Self::sources)
                .unwrap_or_default(),
            extra: extra(m),
        }
    }
}
