//! The `civicmap/1` file as serde reads and writes it, before any check:
//! the types whose required fields are `Option`s, so that a missing one
//! becomes a diagnostic (see [`crate::model::format::validate`]) rather than
//! a serde error. The accessors (`Actor::id()`, …) return `""` for a missing
//! value.
//!
//! Only the code that reads or writes files uses these types: the loader
//! ([`crate::model::format::validate::load`], which returns the checked
//! [`crate::model::format::dataset::Dataset`]), the taxonomy completion, the
//! converters that build files (`convert::csv`, `convert::sigma`) and the
//! JSON Schema ([`schema`], `civicmap schema`): the `schemars` attributes mark
//! the required fields required and non-null and add the id and date
//! patterns, the URL and colour shapes and the year ranges. Everything else
//! reads the checked dataset.
//!
//! The types the file and the checked dataset share (localized text,
//! sources, meta, shapes, positions, events, stakes) live in
//! [`crate::model::format::dataset`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::format::dataset::{
    Event, Extra, LocalizedText, Meta, Position, Shape, Source, Stake, COLOR_PATTERN, FORMAT,
    ID_PATTERN, URL_PATTERN,
};
use crate::model::format::locate;

/// Reads `text` as a [`Dataset`] (serde's derived reader), with its actors'
/// and links' lists allocated once at the size the text gives them
/// ([`locate::array_lengths`], one pass over the text) instead of grown by
/// doubling: on 200,000 links the doubling ended at room for 262,144, and
/// its last step held the old and the new buffers at once, the loader's
/// high-water mark in wasm memory (which never shrinks). A text under
/// [`COUNTED_FROM`] is not counted: its lists are small enough for doubling
/// not to matter, and the count was a second pass over the text (~4 ms of
/// a desktop load of the default dataset, before the map's first frame).
pub fn from_text(text: &str) -> serde_json::Result<Dataset> {
    if text.len() < COUNTED_FROM {
        return serde_json::from_str(text);
    }
    let counts = locate::array_lengths(text, &["actors", "links"]);
    // Each value takes at least two bytes of text: a wrong count cannot
    // reserve more than the text could hold.
    let room = |i: usize| {
        counts
            .get(i)
            .copied()
            .flatten()
            .unwrap_or(0)
            .min(text.len() / 2)
    };
    sized::SIZES.with(|s| s.set([room(0), room(1)]));
    let read = serde_json::from_str(text);
    sized::SIZES.with(|s| s.set([0, 0]));
    read
}

/// The size of text from which [`from_text`] counts the lists first (1 MiB:
/// some 2,000 actors with their positions and links).
pub const COUNTED_FROM: usize = 1 << 20;

/// The actors' and links' readers of [`from_text`]: a list reserved at the
/// size [`from_text`] counted (taken once), else grown as serde grows it.
mod sized {
    use std::cell::Cell;
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

    use super::{Actor, Link};

    thread_local! {
        /// The room to reserve for the actors and the links of the text
        /// being read; 0 outside [`super::from_text`].
        pub(super) static SIZES: Cell<[usize; 2]> = const { Cell::new([0, 0]) };
    }

    struct Reserved<T>(usize, PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Reserved<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut list = Vec::with_capacity(self.0);
            while let Some(item) = seq.next_element()? {
                list.push(item);
            }
            Ok(list)
        }
    }

    fn reserved<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
        which: usize,
    ) -> Result<Vec<T>, D::Error> {
        let room = SIZES.with(|s| {
            let mut sizes = s.get();
            let room = sizes.get_mut(which).map(std::mem::take).unwrap_or(0);
            s.set(sizes);
            room
        });
        d.deserialize_seq(Reserved(room, PhantomData))
    }

    pub(super) fn actors<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Actor>, D::Error> {
        reserved(d, 0)
    }

    pub(super) fn links<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Link>, D::Error> {
        reserved(d, 1)
    }
}

/// The JSON Schema of a valid `civicmap/1` file (`civicmap schema`).
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Dataset)
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
    #[serde(default, deserialize_with = "sized::actors")]
    #[schemars(with = "Vec<Actor>")]
    pub actors: Vec<Actor>,
    #[serde(default, deserialize_with = "sized::links")]
    #[schemars(with = "Vec<Link>")]
    pub links: Vec<Link>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub stakes: Vec<Stake>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_reserved_at_their_size_once() {
        let file = |n: usize| {
            let links: Vec<String> = (0..n)
                .map(|i| format!(r#"{{"source": "a", "target": "b", "kind": "k{i}"}}"#))
                .collect();
            format!(
                r#"{{"format": "civicmap/1", "actors": [{{"id": "a"}}, {{"id": "b"}}, {{"id": "c"}}],
                "links": [{}]}}"#,
                links.join(", ")
            )
        };
        let text = file(25_000);
        assert!(text.len() >= COUNTED_FROM);
        let ds = from_text(&text).unwrap();
        assert_eq!((ds.actors.len(), ds.actors.capacity()), (3, 3));
        assert_eq!((ds.links.len(), ds.links.capacity()), (25_000, 25_000));
        // Outside `from_text`, and after a text that fails, nothing is reserved.
        assert!(from_text(&text.replace("\"kind\"", "\"kind\" 1")).is_err());
        let plain: Dataset = serde_json::from_str(&text).unwrap();
        assert_eq!(plain, ds);
        assert_ne!(plain.links.capacity(), 25_000, "serde grows it as usual");
        // A small text is read as serde reads it, in one pass.
        let small = file(1000);
        assert!(small.len() < COUNTED_FROM);
        let (ds, plain) = (
            from_text(&small).unwrap(),
            serde_json::from_str::<Dataset>(&small).unwrap(),
        );
        assert_eq!(ds, plain);
        assert_eq!(ds.links.capacity(), plain.links.capacity());
    }
}
