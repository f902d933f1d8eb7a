//! The `civicmap/1` dataset format: serde types for the whole file.
//!
//! These types are what a *syntactically* valid file deserializes into.
//! Required fields are `Option`s here so that a missing one becomes a
//! diagnostic (see [`crate::model::format::validate`]) rather than a serde error;
//! the accessors (`Actor::id()`, …) return `""` for a missing value, which a
//! validated dataset never has. The JSON Schema (`civicmap schema`) still
//! says what a *valid* file is: the `schemars` attributes mark those fields
//! required and non-null and add the id and date patterns, the URL and
//! colour shapes and the year ranges.
//!
//! Unknown fields are kept in `extra` (forward compatibility) and ignored.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "civicmap/1 dataset")]
#[schemars(extend("required" = ["format", "taxonomy"]))]
pub struct Dataset {
    /// Always `"civicmap/1"`.
    #[serde(default)]
    #[schemars(required, extend("const" = FORMAT))]
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

/// The vocabularies of the file. `actor_types` is required; the other lists
/// are closed when present and open when absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("required" = ["actor_types"]))]
pub struct Taxonomy {
    #[serde(default)]
    #[schemars(required)]
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
#[schemars(extend("required" = ["id"]))]
pub struct ActorType {
    #[serde(default)]
    #[schemars(required, pattern(ID_PATTERN))]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<LocalizedText>,
    /// `#rrggbb`, the fill in the light theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(COLOR_PATTERN))]
    pub color: Option<String>,
    /// `#rrggbb`, the fill in the dark theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(COLOR_PATTERN))]
    pub color_dark: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// An entry of a simple vocabulary (objectives, ecosystems).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("required" = ["id"]))]
pub struct Term {
    #[serde(default)]
    #[schemars(required, pattern(ID_PATTERN))]
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
#[schemars(extend("required" = ["id"]))]
pub struct LinkKind {
    #[serde(default)]
    #[schemars(required, pattern(ID_PATTERN))]
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

/// An actor of the ecosystem.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("required" = ["id", "name", "type"]))]
pub struct Actor {
    #[serde(default)]
    #[schemars(required, pattern(ID_PATTERN))]
    pub id: Option<String>,
    #[serde(default)]
    #[schemars(required, length(min = 1))]
    pub name: Option<String>,
    /// Former names and alternative names (searchable).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// An id of `taxonomy.actor_types`.
    #[serde(rename = "type", default)]
    #[schemars(required, pattern(ID_PATTERN))]
    pub actor_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub objectives: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(ID_PATTERN)))]
    pub ecosystems: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000, max = 2100))]
    pub founded: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000, max = 2100))]
    pub dissolved: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(URL_PATTERN))]
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
#[schemars(extend("required" = ["source", "target", "kind"]))]
pub struct Link {
    #[serde(default)]
    #[schemars(required, pattern(ID_PATTERN))]
    pub source: Option<String>,
    #[serde(default)]
    #[schemars(required, pattern(ID_PATTERN))]
    pub target: Option<String>,
    /// An id of `taxonomy.link_kinds`.
    #[serde(default)]
    #[schemars(required, pattern(ID_PATTERN))]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000, max = 2100))]
    pub since: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000, max = 2100))]
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
