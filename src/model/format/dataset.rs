//! The checked `civicmap/1` dataset: what [`crate::model::format::validate::load`]
//! returns and what everything downstream (network, view, render, ui, CLI)
//! reads.
//!
//! Its required fields are not `Option`s (an actor's id, name and type, a
//! link's source, target and kind, the ids of taxonomy entries,
//! `taxonomy.actor_types`), and its taxonomy is *completed*: every actor type
//! has a label, a `#rrggbb` colour for each theme and a shape, and the open
//! lists are filled in (see [`crate::model::format::complete`]). So
//! downstream code never re-checks, and the taxonomy answers lookups (a
//! type's label in a language, its colour, its shape) directly.
//!
//! It serializes to the same `civicmap/1` JSON as the file it came from
//! (with the taxonomy completed). It deserializes *through* the file type
//! ([`crate::model::format::file`]): the conversion ([`TryFrom`]) completes
//! the taxonomy and fails only on a missing required field; it does not
//! check the other rules (ids, references, dates…), which is what
//! [`crate::model::format::validate::load`] is for.
//!
//! Unknown fields are kept in `extra` (forward compatibility) and ignored.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::format::{complete, file};

/// The value of the `format` field this crate reads and writes.
pub const FORMAT: &str = "civicmap/1";

/// The id grammar (actors, taxonomy entries, events, stakes), for the
/// JSON Schema; [`crate::model::format::id::is_valid_id`] is the check.
pub const ID_PATTERN: &str = crate::model::format::id::PATTERN;
/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, for the JSON Schema (the loader also
/// checks that the day exists).
pub const DATE_PATTERN: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
/// An absolute `http(s)` URL, for the JSON Schema.
pub const URL_PATTERN: &str = "^[hH][tT][tT][pP][sS]?://[^\\s\"'<>\\\\]+$";
/// `#rrggbb`, for the JSON Schema.
pub const COLOR_PATTERN: &str = "^#[0-9a-fA-F]{6}$";

/// Fields this version does not know, kept as they were.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// A text in one or several languages: a plain string, or `{"fr": …, "en": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum LocalizedText {
    Plain(String),
    Map(BTreeMap<String, String>),
}

impl LocalizedText {
    /// The text in `lang`, else French, else any language, else `""`.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            LocalizedText::Plain(s) => s,
            LocalizedText::Map(m) => m
                .get(lang)
                .or_else(|| m.get("fr"))
                .or_else(|| m.values().next())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }

    /// Every language variant (for search and checks).
    pub fn all(&self) -> Vec<&str> {
        match self {
            LocalizedText::Plain(s) => vec![s.as_str()],
            LocalizedText::Map(m) => m.values().map(String::as_str).collect(),
        }
    }
}

impl From<&str> for LocalizedText {
    fn from(s: &str) -> Self {
        LocalizedText::Plain(s.to_string())
    }
}

/// A source: an `http(s)` URL, or a labelled reference with an optional URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Source {
    Url(#[schemars(pattern(URL_PATTERN))] String),
    Labelled {
        label: LocalizedText,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(pattern(URL_PATTERN))]
        url: Option<String>,
    },
}

// Deserialized by hand so that only a string or an *object* is accepted:
// serde's derive would also take a JSON array for the labelled form, which
// the format does not allow (and which the shape reader refuses).
impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// The labelled form; `flatten` makes serde read it from a map only.
        #[derive(Deserialize)]
        struct LabelledRepr {
            label: LocalizedText,
            #[serde(default)]
            url: Option<String>,
            #[serde(flatten)]
            _extra: Extra,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Url(String),
            Labelled(LabelledRepr),
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Url(u) => Source::Url(u),
            Repr::Labelled(l) => Source::Labelled {
                label: l.label,
                url: l.url,
            },
        })
    }
}

impl Source {
    /// The URL of this source, if any.
    pub fn url(&self) -> Option<&str> {
        match self {
            Source::Url(u) => Some(u),
            Source::Labelled { url, .. } => url.as_deref(),
        }
    }
}

/// Who made the dataset, when, under which licence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// A date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(DATE_PATTERN))]
    pub updated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<LocalizedText>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// The shape a type's nodes are drawn with.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
    Hexagon,
    Star,
}

impl Shape {
    /// All shapes, in the order the app assigns them to types without one.
    pub const ALL: [Shape; 6] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
        Shape::Hexagon,
        Shape::Star,
    ];
}

/// A precomputed layout position.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

// Deserialized by hand so that only an object is accepted: serde's derive
// would also take `[x, y]`, which the format does not allow.
impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// `flatten` makes serde read it from a map only.
        #[derive(Deserialize)]
        struct Repr {
            x: f64,
            y: f64,
            #[serde(flatten)]
            _extra: Extra,
        }
        let r = Repr::deserialize(d)?;
        Ok(Position { x: r.x, y: r.y })
    }
}

/// A dated event of the timeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    #[serde(default)]
    #[schemars(pattern(ID_PATTERN))]
    pub id: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(DATE_PATTERN))]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub actors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A stake (*enjeu*) of the field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Stake {
    #[serde(default)]
    #[schemars(pattern(ID_PATTERN))]
    pub id: Option<String>,
    /// `technical`, `economic` or `political` (free text otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub actors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// The whole dataset, checked (see the module documentation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "file::Dataset")]
pub struct Dataset {
    /// Always `"civicmap/1"` for a loaded file.
    pub format: String,
    pub meta: Meta,
    pub taxonomy: Taxonomy,
    pub actors: Vec<Actor>,
    pub links: Vec<Link>,
    pub events: Vec<Event>,
    pub stakes: Vec<Stake>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for Dataset {
    /// An empty `civicmap/1` dataset.
    fn default() -> Self {
        Dataset {
            format: FORMAT.to_string(),
            meta: Meta::default(),
            taxonomy: Taxonomy::default(),
            actors: Vec::new(),
            links: Vec::new(),
            events: Vec::new(),
            stakes: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// The completed vocabularies. The open lists (`objectives`, `link_kinds`,
/// `ecosystems`) are always `Some` after completion; they stay `Option`s
/// here only so that `None` (never produced by the loader) and an empty
/// list keep the meanings the file format gives them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Taxonomy {
    pub actor_types: Vec<ActorType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objectives: Option<Vec<Term>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_kinds: Option<Vec<LinkKind>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ecosystems: Option<Vec<Term>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Taxonomy {
    /// The actor type with this id.
    pub fn actor_type(&self, id: &str) -> Option<&ActorType> {
        self.actor_types.iter().find(|t| t.id == id)
    }

    /// The link kind with this id.
    pub fn link_kind(&self, id: &str) -> Option<&LinkKind> {
        self.link_kinds.as_deref()?.iter().find(|k| k.id == id)
    }

    /// The label of the actor type `id` in `lang` (else French, else any),
    /// or the id itself when it has none or is unknown.
    pub fn type_label<'a>(&'a self, id: &'a str, lang: &str) -> &'a str {
        self.actor_type(id)
            .and_then(|t| t.label.as_ref())
            .map(|l| l.get(lang))
            .filter(|s| !s.is_empty())
            .unwrap_or(id)
    }

    /// The `#rrggbb` fill of the actor type `id` in the light or dark theme.
    /// Every type of a completed taxonomy has one; an unknown id (which no
    /// checked actor has) gets the palette's neutral grey.
    pub fn type_color(&self, id: &str, dark: bool) -> &str {
        match (self.actor_type(id), dark) {
            (Some(t), false) => &t.color,
            (Some(t), true) => &t.color_dark,
            (None, false) => complete::UNKNOWN_TYPE_COLORS.0,
            (None, true) => complete::UNKNOWN_TYPE_COLORS.1,
        }
    }

    /// The shape of the actor type `id` (a circle for an unknown id, which
    /// no checked actor has).
    pub fn type_shape(&self, id: &str) -> Shape {
        self.actor_type(id).map_or(Shape::Circle, |t| t.shape)
    }
}

/// An actor type of a completed taxonomy: its colours and shape are set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorType {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<LocalizedText>,
    /// `#rrggbb`, the fill in the light theme.
    pub color: String,
    /// `#rrggbb`, the fill in the dark theme.
    pub color_dark: String,
    pub shape: Shape,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An entry of a simple vocabulary (objectives, ecosystems).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<LocalizedText>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A kind of link, with the label read from the source's side and the
/// inverse label read from the target's side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkKind {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<LocalizedText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inverse_label: Option<LocalizedText>,
    /// `Some` after completion (`true` when the file leaves it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub directed: Option<bool>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An actor of the ecosystem. (`Default` is for building test data; the
/// loader never gives an actor without an id, a name and a type.)
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    /// Former names and alternative names (searchable).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// An id of `taxonomy.actor_types`.
    #[serde(rename = "type")]
    pub actor_type: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ecosystems: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub founded: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dissolved: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Actor {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn actor_type(&self) -> &str {
        &self.actor_type
    }
}

/// A link between two actors (subject → object). (`Default` is for
/// building test data, as for [`Actor`].)
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Link {
    pub source: String,
    pub target: String,
    /// An id of `taxonomy.link_kinds`.
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Link {
    pub fn source(&self) -> &str {
        &self.source
    }
    pub fn target(&self) -> &str {
        &self.target
    }
    pub fn kind(&self) -> &str {
        &self.kind
    }
}

/// Why a file-type dataset could not become a checked one: the path of a
/// missing required field (the loader reports it as a diagnostic first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingField(pub String);

impl std::fmt::Display for MissingField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "missing required field `{}`", self.0)
    }
}

impl std::error::Error for MissingField {}

/// `value`, or the path of the missing field.
fn required<T>(value: Option<T>, path: impl FnOnce() -> String) -> Result<T, MissingField> {
    value.ok_or_else(|| MissingField(path()))
}

impl TryFrom<file::Dataset> for Dataset {
    type Error = MissingField;

    /// Completes the taxonomy, then takes the required fields out of their
    /// `Option`s. A missing `format` is taken as `civicmap/1` (the loader
    /// reports it before this runs).
    fn try_from(mut d: file::Dataset) -> Result<Self, MissingField> {
        complete::complete_taxonomy(&mut d);
        let tax = d.taxonomy;
        let actor_types = required(tax.actor_types, || "taxonomy.actor_types".into())?
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let at = |f: &str| format!("taxonomy.actor_types[{i}].{f}");
                Ok(ActorType {
                    id: required(t.id, || at("id"))?,
                    label: t.label,
                    color: required(t.color, || at("color"))?,
                    color_dark: required(t.color_dark, || at("color_dark"))?,
                    shape: required(t.shape, || at("shape"))?,
                    extra: t.extra,
                })
            })
            .collect::<Result<_, _>>()?;
        let terms = |list: Option<Vec<file::Term>>, name: &str| {
            list.map(|l| {
                l.into_iter()
                    .enumerate()
                    .map(|(i, t)| {
                        Ok(Term {
                            id: required(t.id, || format!("taxonomy.{name}[{i}].id"))?,
                            label: t.label,
                            extra: t.extra,
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
        };
        let objectives = terms(tax.objectives, "objectives")?;
        let ecosystems = terms(tax.ecosystems, "ecosystems")?;
        let link_kinds = tax
            .link_kinds
            .map(|l| {
                l.into_iter()
                    .enumerate()
                    .map(|(i, k)| {
                        Ok(LinkKind {
                            id: required(k.id, || format!("taxonomy.link_kinds[{i}].id"))?,
                            label: k.label,
                            inverse_label: k.inverse_label,
                            directed: k.directed,
                            extra: k.extra,
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        let actors = d
            .actors
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let at = |f: &str| format!("actors[{i}].{f}");
                Ok(Actor {
                    id: required(a.id, || at("id"))?,
                    name: required(a.name, || at("name"))?,
                    aliases: a.aliases,
                    actor_type: required(a.actor_type, || at("type"))?,
                    objectives: a.objectives,
                    ecosystems: a.ecosystems,
                    founded: a.founded,
                    dissolved: a.dissolved,
                    country: a.country,
                    website: a.website,
                    description: a.description,
                    sources: a.sources,
                    position: a.position,
                    extra: a.extra,
                })
            })
            .collect::<Result<_, _>>()?;
        let links = d
            .links
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let at = |f: &str| format!("links[{i}].{f}");
                Ok(Link {
                    source: required(l.source, || at("source"))?,
                    target: required(l.target, || at("target"))?,
                    kind: required(l.kind, || at("kind"))?,
                    since: l.since,
                    until: l.until,
                    description: l.description,
                    sources: l.sources,
                    extra: l.extra,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Dataset {
            format: d.format.unwrap_or_else(|| FORMAT.to_string()),
            meta: d.meta,
            taxonomy: Taxonomy {
                actor_types,
                objectives,
                link_kinds,
                ecosystems,
                extra: tax.extra,
            },
            actors,
            links,
            events: d.events,
            stakes: d.stakes,
            extra: d.extra,
        })
    }
}

impl From<Dataset> for file::Dataset {
    /// The file a checked dataset is (its taxonomy completed); for the
    /// converters, which work on the file type (`civicmap export`).
    fn from(d: Dataset) -> Self {
        let tax = d.taxonomy;
        let term = |t: Term| file::Term {
            id: Some(t.id),
            label: t.label,
            extra: t.extra,
        };
        file::Dataset {
            format: Some(d.format),
            meta: d.meta,
            taxonomy: file::Taxonomy {
                actor_types: Some(
                    tax.actor_types
                        .into_iter()
                        .map(|t| file::ActorType {
                            id: Some(t.id),
                            label: t.label,
                            color: Some(t.color),
                            color_dark: Some(t.color_dark),
                            shape: Some(t.shape),
                            extra: t.extra,
                        })
                        .collect(),
                ),
                objectives: tax.objectives.map(|l| l.into_iter().map(term).collect()),
                link_kinds: tax.link_kinds.map(|l| {
                    l.into_iter()
                        .map(|k| file::LinkKind {
                            id: Some(k.id),
                            label: k.label,
                            inverse_label: k.inverse_label,
                            directed: k.directed,
                            extra: k.extra,
                        })
                        .collect()
                }),
                ecosystems: tax.ecosystems.map(|l| l.into_iter().map(term).collect()),
                extra: tax.extra,
            },
            actors: d
                .actors
                .into_iter()
                .map(|a| file::Actor {
                    id: Some(a.id),
                    name: Some(a.name),
                    aliases: a.aliases,
                    actor_type: Some(a.actor_type),
                    objectives: a.objectives,
                    ecosystems: a.ecosystems,
                    founded: a.founded,
                    dissolved: a.dissolved,
                    country: a.country,
                    website: a.website,
                    description: a.description,
                    sources: a.sources,
                    position: a.position,
                    extra: a.extra,
                })
                .collect(),
            links: d
                .links
                .into_iter()
                .map(|l| file::Link {
                    source: Some(l.source),
                    target: Some(l.target),
                    kind: Some(l.kind),
                    since: l.since,
                    until: l.until,
                    description: l.description,
                    sources: l.sources,
                    extra: l.extra,
                })
                .collect(),
            events: d.events,
            stakes: d.stakes,
            extra: d.extra,
        }
    }
}

#[cfg(test)]
mod tests;
