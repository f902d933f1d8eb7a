//! What node size and colour show (`size=`, `color=`, product.md) and their
//! legends, from the measures of the visible graph: pure, so the scale
//! maths and the colour groups are tested natively.
//!
//! **Size.** Degree (the default) uses the layout's own radius,
//! [`node_radius`]`(degree on the visible graph)` = 4 + 1.5·√degree, so
//! sizes follow the filters and never exceed the room the layout made.
//! Another measure is mapped min–max onto the same kind of range with a
//! square root, so a node's *area* grows about linearly with the value:
//! `r = 4 + (top − 4)·√((v − min) / (max − min))`, where `top` is the radius
//! of the highest visible degree (at least [`MIN_TOP_RADIUS`], so a sparse
//! view still shows differences). All equal values get the smallest radius.
//!
//! **Colour.** `type` keeps the taxonomy's colours (the renderer's own).
//! Objectives, ecosystems and communities use the colour-blind-safe palette
//! of [`communities::palette`]: the seven largest groups among the visible
//! actors keep a colour each, the rest fold into "autres" (grey), which also
//! takes the actors without a value. Shapes keep telling types apart.
//!
//! **Several values: ringed nodes.** An actor with several objectives (or
//! ecosystems) is filled with the colour of its first value that has one of
//! its own and *ringed* with the colour of its next value of another colour.
//! We chose a ring over a split (pie) node because the fill must keep the
//! type's shape (a star, a square…): a pie cut into a small star is
//! unreadable, while a ring stays legible at any size, in both themes, and
//! draws in one extra stroke. The list view and the canvas's text
//! alternative carry every value.
//!
//! ```
//! use civicmap::model::view::encoding::SizeScale;
//! let s = SizeScale::new(0.0, 1.0, 0);
//! assert_eq!(s.radius(0.0), 4.0);
//! assert_eq!(s.radius(1.0), 10.0); // MIN_TOP_RADIUS
//! assert_eq!(s.radius(0.25), 4.0 + 6.0 * 0.5); // √0.25 of the way
//! ```

use crate::model::format::dataset::Dataset;
use crate::model::network::communities::{self, Swatch};
use crate::model::network::filter::Visible;
use crate::model::network::layout::node_radius;
use crate::model::network::metrics::{Measure, MeasureGraph, Measures};
use crate::model::view::state::ColorBy;

/// The radius of the smallest value (that of an actor without links).
pub const MIN_RADIUS: f64 = 4.0;
/// The least radius of the largest value (that of degree 16).
pub const MIN_TOP_RADIUS: f64 = 10.0;

/// The min–max square-root scale from a measure to a radius.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SizeScale {
    pub min: f64,
    pub max: f64,
    /// The radius of `max`.
    pub top: f64,
}

impl SizeScale {
    /// The scale of values in `min..=max` on a visible graph whose highest
    /// degree is `max_degree`. Non-finite bounds count as 0.
    pub fn new(min: f64, max: f64, max_degree: usize) -> SizeScale {
        let clean = |x: f64| if x.is_finite() { x } else { 0.0 };
        let (min, max) = (clean(min), clean(max));
        SizeScale {
            min: min.min(max),
            max: max.max(min),
            top: node_radius(max_degree).max(MIN_TOP_RADIUS),
        }
    }

    /// The radius of value `v` (clamped to the scale; NaN → the smallest).
    pub fn radius(&self, v: f64) -> f64 {
        let span = self.max - self.min;
        let t = if span > 0.0 && v.is_finite() {
            ((v - self.min) / span).clamp(0.0, 1.0)
        } else {
            0.0
        };
        MIN_RADIUS + (self.top - MIN_RADIUS) * t.sqrt()
    }
}

/// The size legend: the measure and the range of its values among the
/// visible actors, with the radii they are drawn with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SizeLegend {
    pub measure: Measure,
    pub min: f64,
    pub max: f64,
    pub min_radius: f64,
    pub max_radius: f64,
    /// The measure is still being computed (sizes show degree meanwhile).
    pub pending: bool,
}

/// Node sizes: a radius per actor (dataset order; hidden actors get
/// [`MIN_RADIUS`]) and the legend. `full` is `None` while the measures
/// are computed: a measure other than degree then shows degree, marked
/// `pending` in the legend.
///
/// Complexity: O(A + n).
pub fn sizes(
    actors: usize,
    g: &MeasureGraph,
    degree: &[usize],
    full: Option<&Measures>,
    measure: Measure,
) -> (Vec<f64>, SizeLegend) {
    let mut radius = vec![MIN_RADIUS; actors];
    let max_degree = degree.iter().copied().max().unwrap_or(0);
    let shown = match (measure, full) {
        (Measure::Degree, _) | (_, None) => Measure::Degree,
        (m, Some(_)) => m,
    };
    let value = |v: usize| match (shown, full) {
        (Measure::Degree, _) => degree.get(v).copied().unwrap_or(0) as f64,
        (m, Some(all)) => m.value(all, v),
        (_, None) => 0.0,
    };
    let values: Vec<f64> = (0..g.node_count()).map(value).collect();
    let (min, max) = values
        .iter()
        .fold(None, |acc: Option<(f64, f64)>, &x| match acc {
            None => Some((x, x)),
            Some((lo, hi)) => Some((lo.min(x), hi.max(x))),
        })
        .unwrap_or((0.0, 0.0));
    let scale = SizeScale::new(min, max, max_degree);
    let of = |x: f64| match shown {
        Measure::Degree => node_radius(x as usize),
        _ => scale.radius(x),
    };
    for (v, &x) in values.iter().enumerate() {
        if let Some(r) = g.actor(v).and_then(|a| radius.get_mut(a)) {
            *r = of(x);
        }
    }
    let legend = SizeLegend {
        measure,
        min,
        max,
        min_radius: of(min),
        max_radius: of(max),
        pending: measure != shown,
    };
    (radius, legend)
}

/// What a colour group is, for its legend label (the UI writes the words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupKey {
    /// An objective or an ecosystem, by id.
    Term(String),
    /// A community, named after its leader (an actor index): "autour de X".
    Community { leader: Option<usize> },
    /// The grey group: `folded` groups without a colour of their own, and
    /// `without` visible actors that have no value.
    Others { folded: usize, without: usize },
}

/// One line of the colour legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendEntry {
    pub key: GroupKey,
    pub swatch: Swatch,
    /// Visible actors in the group.
    pub count: usize,
}

/// Node colours by group: per actor (dataset order) a fill and an optional
/// ring (a second value of another colour), and the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Colouring {
    pub by: ColorBy,
    pub fill: Vec<Swatch>,
    pub ring: Vec<Option<Swatch>>,
    /// Groups with visible actors, in display order, "others" last.
    pub legend: Vec<LegendEntry>,
    /// Some actor shows a ring.
    pub rings: bool,
}

/// An actor's values (objectives or ecosystems) in a dataset.
type ValuesOf = fn(usize, &Dataset) -> &[String];

/// Colours by objective or ecosystem (`by` is one of them; `type` and
/// `community` give `None`): groups in taxonomy order, sized by their
/// visible actors.
///
/// Complexity: O(A·k) for A actors with k values each.
pub fn by_terms(ds: &Dataset, vis: &Visible, by: ColorBy) -> Option<Colouring> {
    let (terms, values): (Vec<&str>, ValuesOf) = match by {
        ColorBy::Objective => (
            ds.taxonomy
                .objectives
                .iter()
                .flatten()
                .map(|t| t.id.as_str())
                .collect(),
            |a, ds| ds.actors.get(a).map_or(&[], |x| x.objectives.as_slice()),
        ),
        ColorBy::Ecosystem => (
            ds.taxonomy
                .ecosystems
                .iter()
                .flatten()
                .map(|t| t.id.as_str())
                .collect(),
            |a, ds| ds.actors.get(a).map_or(&[], |x| x.ecosystems.as_slice()),
        ),
        ColorBy::Type | ColorBy::Community => return None,
    };
    let n = ds.actors.len();
    let shown = |a: usize| vis.actors.get(a).copied().unwrap_or(false);
    // Each actor's groups (taxonomy indices), in the actor's order.
    let groups: Vec<Vec<usize>> = (0..n)
        .map(|a| {
            let mut g: Vec<usize> = Vec::new();
            for id in values(a, ds) {
                if let Some(i) = terms.iter().position(|t| t == id) {
                    if !g.contains(&i) {
                        g.push(i);
                    }
                }
            }
            g
        })
        .collect();
    let mut sizes = vec![0usize; terms.len()];
    for (_, g) in groups.iter().enumerate().filter(|(a, _)| shown(*a)) {
        for &i in g {
            if let Some(s) = sizes.get_mut(i) {
                *s += 1;
            }
        }
    }
    let keys = terms
        .iter()
        .map(|t| GroupKey::Term(t.to_string()))
        .collect();
    Some(colouring(by, &groups, &sizes, keys, shown))
}

/// The leader of each community: its member with the most visible links
/// (ties: the first in dataset order), as an actor index. The name the
/// map, the list and the analysis view give a community ("autour de X").
///
/// Complexity: O(n).
pub fn community_leaders(g: &MeasureGraph, m: &Measures) -> Vec<Option<usize>> {
    let score: Vec<f64> = m.degree.iter().map(|&d| d as f64).collect();
    communities::leaders(&m.communities.membership, m.communities.count, &score)
        .into_iter()
        .map(|v| v.and_then(|v| g.actor(v)))
        .collect()
}

/// The community of each actor (dataset order; `None` when hidden).
pub fn actor_communities(actors: usize, g: &MeasureGraph, m: &Measures) -> Vec<Option<usize>> {
    let mut out = vec![None; actors];
    for (v, &c) in m.communities.membership.iter().enumerate() {
        if let Some(slot) = g.actor(v).and_then(|a| out.get_mut(a)) {
            *slot = Some(c);
        }
    }
    out
}

/// Colours by community (Louvain on the visible graph), named after their
/// leaders ([`community_leaders`]).
///
/// Complexity: O(A + n).
pub fn by_community(actors: usize, g: &MeasureGraph, m: &Measures) -> Colouring {
    let count = m.communities.count;
    let of = actor_communities(actors, g, m);
    let groups: Vec<Vec<usize>> = of.iter().map(|c| c.iter().copied().collect()).collect();
    let mut sizes = vec![0usize; count];
    for &c in &m.communities.membership {
        if let Some(s) = sizes.get_mut(c) {
            *s += 1;
        }
    }
    let keys = community_leaders(g, m)
        .into_iter()
        .map(|leader| GroupKey::Community { leader })
        .collect();
    colouring(ColorBy::Community, &groups, &sizes, keys, |a| {
        of.get(a).is_some_and(Option::is_some)
    })
}

fn colouring(
    by: ColorBy,
    groups: &[Vec<usize>],
    sizes: &[usize],
    keys: Vec<GroupKey>,
    shown: impl Fn(usize) -> bool,
) -> Colouring {
    let swatches = communities::palette(sizes);
    let swatch = |i: usize| swatches.get(i).copied().unwrap_or(Swatch::Others);
    let mut fill = Vec::with_capacity(groups.len());
    let mut ring = Vec::with_capacity(groups.len());
    let mut without = 0;
    let mut others_actors = 0;
    for (a, g) in groups.iter().enumerate() {
        let colours: Vec<Swatch> = g.iter().map(|&i| swatch(i)).collect();
        let f = colours
            .iter()
            .copied()
            .find(|s| *s != Swatch::Others)
            .unwrap_or(Swatch::Others);
        let r = colours.iter().copied().find(|s| *s != f);
        if shown(a) {
            if g.is_empty() {
                without += 1;
            }
            if colours.contains(&Swatch::Others) || g.is_empty() {
                others_actors += 1;
            }
        }
        fill.push(f);
        ring.push(r);
    }
    let rings = ring
        .iter()
        .enumerate()
        .any(|(a, r)| r.is_some() && shown(a));
    let mut legend: Vec<LegendEntry> = keys
        .into_iter()
        .enumerate()
        .filter_map(|(i, key)| {
            let count = sizes.get(i).copied().unwrap_or(0);
            let s = swatch(i);
            (count > 0 && s != Swatch::Others).then_some(LegendEntry {
                key,
                swatch: s,
                count,
            })
        })
        .collect();
    let folded = sizes
        .iter()
        .enumerate()
        .filter(|&(i, &n)| n > 0 && swatch(i) == Swatch::Others)
        .count();
    if folded > 0 || without > 0 {
        legend.push(LegendEntry {
            key: GroupKey::Others { folded, without },
            swatch: Swatch::Others,
            count: others_actors,
        });
    }
    Colouring {
        by,
        fill,
        ring,
        legend,
        rings,
    }
}

#[cfg(test)]
mod tests;
