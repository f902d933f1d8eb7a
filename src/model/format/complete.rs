//! Completing a file's taxonomy so the app can rely on it: the one place
//! where actor types get their colours ([`PALETTE`]) and shapes.
//!
//! A loaded dataset may leave things out: the open lists (`objectives`,
//! `link_kinds`, `ecosystems` absent), labels, a link kind's `directed`, an
//! actor type's shape and colours. [`complete_taxonomy`] fills them in,
//! deterministically:
//!
//! - an absent list is built from the values the actors (or links) use, in
//!   the order they first appear, each labelled by its id;
//! - a missing label is the id; a missing `directed` is `true`;
//! - actor types without a shape get the shapes no type uses yet, in
//!   [`Shape::ALL`] order, then all shapes again, cycling;
//! - actor types without a valid `#rrggbb` colour get a pair from
//!   [`PALETTE`] the same way (unused pairs first, then cycling); a type with
//!   only one of `color` / `color_dark` uses it for both themes.
//!
//! ```
//! use civicmap::model::format::complete::complete_taxonomy;
//! use civicmap::model::format::dataset::Shape;
//! use civicmap::model::format::file::{Actor, ActorType, Dataset, Taxonomy};
//! let mut d = Dataset {
//!     taxonomy: Taxonomy {
//!         actor_types: Some(vec![ActorType { id: Some("ngo".into()), ..Default::default() }]),
//!         ..Default::default()
//!     },
//!     actors: vec![Actor { objectives: vec!["information".into()], ..Default::default() }],
//!     ..Default::default()
//! };
//! complete_taxonomy(&mut d);
//! let t = &d.taxonomy.actor_types.as_ref().unwrap()[0];
//! assert_eq!(t.shape, Some(Shape::Circle));
//! assert_eq!(t.color.as_deref(), Some("#0072B2"));
//! assert_eq!(d.taxonomy.objectives.unwrap()[0].id.as_deref(), Some("information"));
//! ```

use std::collections::HashSet;

use crate::model::format::dataset::{LocalizedText, Shape};
use crate::model::format::file::{Dataset, LinkKind, Term};

/// Colours for actor types without one: `(light theme, dark theme)`.
///
/// The hues are the Okabe–Ito palette, designed to stay distinct for the
/// common colour-vision deficiencies. Light-theme fills are darkened where
/// needed to reach a 3:1 contrast with white; dark-theme fills reach 4.5:1
/// with `#121212` (tested below). Shapes double-encode the type anyway.
pub const PALETTE: [(&str, &str); 8] = [
    ("#0072B2", "#2486BD"), // blue
    ("#BD8200", "#E69F00"), // orange
    ("#009E73", "#009E73"), // bluish green
    ("#D55E00", "#D55E00"), // vermillion
    ("#C474A0", "#CC79A7"), // reddish purple
    ("#4897C4", "#56B4E9"), // sky blue
    ("#9A922A", "#F0E442"), // yellow
    ("#8D8D8D", "#999999"), // grey
];

/// The colours of an actor type no taxonomy entry describes (`(light,
/// dark)`, the palette's grey). A checked dataset has no such actor; this is
/// the only fallback colour in the app, so that lookups stay total.
pub const UNKNOWN_TYPE_COLORS: (&str, &str) = PALETTE[7];

/// Whether `s` is a `#rrggbb` colour (either case).
pub fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s.bytes().skip(1).all(|b| b.is_ascii_hexdigit())
}

/// Fills in the taxonomy of `dataset` (see the module documentation).
/// Idempotent; never fails.
pub fn complete_taxonomy(dataset: &mut Dataset) {
    let objectives = first_seen(dataset.actors.iter().flat_map(|a| a.objectives.iter()));
    let ecosystems = first_seen(dataset.actors.iter().flat_map(|a| a.ecosystems.iter()));
    let kinds = first_seen(dataset.links.iter().filter_map(|l| l.kind.as_ref()));
    let types = first_seen(dataset.actors.iter().filter_map(|a| a.actor_type.as_ref()));

    let tax = &mut dataset.taxonomy;
    let objectives = tax.objectives.get_or_insert_with(|| terms(objectives));
    label_terms(objectives);
    let ecosystems = tax.ecosystems.get_or_insert_with(|| terms(ecosystems));
    label_terms(ecosystems);
    let link_kinds = tax.link_kinds.get_or_insert_with(|| {
        kinds
            .into_iter()
            .map(|id| LinkKind {
                id: Some(id),
                ..Default::default()
            })
            .collect()
    });
    for kind in link_kinds.iter_mut() {
        if kind.label.is_none() {
            kind.label = kind.id.as_deref().map(LocalizedText::from);
        }
        kind.directed.get_or_insert(true);
    }

    let actor_types = tax.actor_types.get_or_insert_with(|| {
        types
            .into_iter()
            .map(|id| crate::model::format::file::ActorType {
                id: Some(id),
                ..Default::default()
            })
            .collect()
    });
    for t in actor_types.iter_mut() {
        if t.label.is_none() {
            t.label = t.id.as_deref().map(LocalizedText::from);
        }
    }

    // Shapes: unused ones first, in Shape::ALL order, then cycling.
    let used: HashSet<Shape> = actor_types.iter().filter_map(|t| t.shape).collect();
    let mut shapes = Shape::ALL
        .into_iter()
        .filter(|s| !used.contains(s))
        .chain(Shape::ALL.into_iter().cycle());
    for t in actor_types.iter_mut().filter(|t| t.shape.is_none()) {
        t.shape = shapes.next();
    }

    // Colours: invalid ones count as absent.
    for t in actor_types.iter_mut() {
        if t.color.as_deref().is_some_and(|c| !is_hex_color(c)) {
            t.color = None;
        }
        if t.color_dark.as_deref().is_some_and(|c| !is_hex_color(c)) {
            t.color_dark = None;
        }
        match (&t.color, &t.color_dark) {
            (Some(c), None) => t.color_dark = Some(c.clone()),
            (None, Some(c)) => t.color = Some(c.clone()),
            _ => {}
        }
    }
    let used: HashSet<String> = actor_types
        .iter()
        .filter_map(|t| t.color.as_deref().map(str::to_ascii_uppercase))
        .collect();
    let mut colors = PALETTE
        .into_iter()
        .filter(|(light, _)| !used.contains(*light))
        .chain(PALETTE.into_iter().cycle());
    for t in actor_types.iter_mut().filter(|t| t.color.is_none()) {
        if let Some((light, dark)) = colors.next() {
            t.color = Some(light.to_string());
            t.color_dark = Some(dark.to_string());
        }
    }
}

/// The distinct values, in the order they first appear.
fn first_seen<'a>(values: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut seen = HashSet::new();
    values
        .filter(|v| seen.insert(v.as_str()))
        .cloned()
        .collect()
}

fn terms(ids: Vec<String>) -> Vec<Term> {
    ids.into_iter()
        .map(|id| Term {
            id: Some(id),
            ..Default::default()
        })
        .collect()
}

fn label_terms(terms: &mut [Term]) {
    for t in terms {
        if t.label.is_none() {
            t.label = t.id.as_deref().map(LocalizedText::from);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format::file::{Actor, ActorType, Link, Taxonomy};

    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn palette_contrasts_with_both_theme_backgrounds() {
        for (light, dark) in PALETTE {
            assert!(is_hex_color(light) && is_hex_color(dark));
            assert!(contrast(light, "#FFFFFF") >= 3.0, "{light} on white");
            assert!(contrast(dark, "#121212") >= 4.5, "{dark} on #121212");
        }
        let distinct: HashSet<_> = PALETTE.iter().map(|p| p.0).collect();
        assert_eq!(distinct.len(), PALETTE.len());
    }

    fn actor_type(id: &str, shape: Option<Shape>, color: Option<&str>) -> ActorType {
        ActorType {
            id: Some(id.into()),
            shape,
            color: color.map(String::from),
            ..Default::default()
        }
    }

    #[test]
    fn shapes_and_colours_go_to_unused_values_first_then_cycle() {
        let mut types = vec![actor_type("a", Some(Shape::Square), Some("#0072b2"))];
        types.extend((0..7).map(|i| actor_type(&format!("t{i}"), None, None)));
        types.push(actor_type("bad", None, Some("red")));
        let mut d = Dataset {
            taxonomy: Taxonomy {
                actor_types: Some(types),
                ..Default::default()
            },
            ..Default::default()
        };
        complete_taxonomy(&mut d);
        let types = d.taxonomy.actor_types.unwrap();
        let shapes: Vec<Shape> = types.iter().map(|t| t.shape.unwrap()).collect();
        use Shape::*;
        assert_eq!(
            shapes,
            [Square, Circle, Triangle, Diamond, Hexagon, Star, Circle, Square, Triangle]
        );
        let colors: Vec<&str> = types.iter().map(|t| t.color.as_deref().unwrap()).collect();
        assert_eq!(colors[0], "#0072b2");
        assert_eq!(colors[1], PALETTE[1].0, "blue is taken, orange comes next");
        assert_eq!(colors[7], PALETTE[7].0);
        assert_eq!(colors[8], PALETTE[0].0, "invalid colour replaced; cycling");
        assert_eq!(types[0].color_dark.as_deref(), Some("#0072b2"));
        assert!(types.iter().all(|t| t.label.is_some()));
    }

    #[test]
    fn open_lists_are_filled_in_order_and_closed_ones_kept() {
        let actor = |objs: &[&str], ecos: &[&str]| Actor {
            objectives: objs.iter().map(|s| s.to_string()).collect(),
            ecosystems: ecos.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let link = |kind: &str| Link {
            kind: Some(kind.into()),
            ..Default::default()
        };
        let mut d = Dataset {
            taxonomy: Taxonomy {
                ecosystems: Some(vec![]),
                ..Default::default()
            },
            actors: vec![actor(&["b", "a"], &["x"]), actor(&["a", "c"], &[])],
            links: vec![link("uses"), link("funds"), link("uses")],
            ..Default::default()
        };
        complete_taxonomy(&mut d);
        let ids = |terms: &[Term]| -> Vec<String> {
            terms.iter().map(|t| t.id.clone().unwrap()).collect()
        };
        let objectives = d.taxonomy.objectives.clone().unwrap();
        assert_eq!(ids(&objectives), ["b", "a", "c"]);
        assert_eq!(objectives[0].label, Some(LocalizedText::from("b")));
        assert!(d.taxonomy.ecosystems.clone().unwrap().is_empty());
        let kinds = d.taxonomy.link_kinds.clone().unwrap();
        assert_eq!(kinds.len(), 2);
        assert!(kinds.iter().all(|k| k.directed == Some(true)));
        let once = d.clone();
        complete_taxonomy(&mut d);
        assert_eq!(d, once, "idempotent");
    }
}
