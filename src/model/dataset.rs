//! The `civicmap/1` dataset format: serde types for the whole file.
//!
//! These types are what a *syntactically* valid file deserializes into.
//! Required fields are `Option`s here so that a missing one becomes a
//! diagnostic (see [`crate::model::validate`]) rather than a serde error;
//! the accessors (`Actor::id()`, …) return `""` for a missing value, which a
//! validated dataset never has.
//!
//! Unknown fields are kept in `extra` (forward compatibility) and ignored.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The value of the `format` field this crate reads and writes.
pub const FORMAT: &str = "civicmap/1";

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Source {
    Url(String),
    Labelled {
        label: LocalizedText,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
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

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "civicmap/1 dataset")]
pub struct Dataset {
    /// Always `"civicmap/1"`.
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub meta: Meta,
    #[serde(default)]
    pub taxonomy: Taxonomy,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub stakes: Vec<Stake>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
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

/// The vocabularies of the file. `actor_types` is required; the other lists
/// are closed when present and open when absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Taxonomy {
    #[serde(default)]
    pub actor_types: Option<Vec<ActorType>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objectives: Option<Vec<Term>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_kinds: Option<Vec<LinkKind>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecosystems: Option<Vec<Term>>,
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

/// An actor type: association, start-up, …
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActorType {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<LocalizedText>,
    /// `#rrggbb`, the fill in the light theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `#rrggbb`, the fill in the dark theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color_dark: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// An entry of a simple vocabulary (objectives, ecosystems).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Term {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<LocalizedText>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A kind of link, with the label read from the source's side and the
/// inverse label read from the target's side.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LinkKind {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inverse_label: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directed: Option<bool>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A precomputed layout position.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// An actor of the ecosystem.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    /// Former names and alternative names (searchable).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// An id of `taxonomy.actor_types`.
    #[serde(rename = "type", default)]
    pub actor_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ecosystems: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolved: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

impl Actor {
    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or("")
    }
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or("")
    }
    pub fn actor_type(&self) -> &str {
        self.actor_type.as_deref().unwrap_or("")
    }
}

/// A link between two actors (subject → object).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Link {
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    /// An id of `taxonomy.link_kinds`.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

impl Link {
    pub fn source(&self) -> &str {
        self.source.as_deref().unwrap_or("")
    }
    pub fn target(&self) -> &str {
        self.target.as_deref().unwrap_or("")
    }
    pub fn kind(&self) -> &str {
        self.kind.as_deref().unwrap_or("")
    }
}

/// A dated event of the timeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    #[serde(default)]
    pub id: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
    pub id: Option<String>,
    /// `technical`, `economic` or `political` (free text otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}
