//! What the renderer needs from a dataset, computed once per dataset: node
//! styles (type → colour and shape), sizes from degrees, links grouped by
//! kind, neighbour lists for hover, and the label priority order.
//!
//! The scene never changes the dataset or the graph; positions, the camera
//! and the visible set are applied at draw time.

use std::ops::Range;

use crate::model::format::complete::UNKNOWN_TYPE_COLORS;
use crate::model::format::dataset::{Dataset, Shape};
use crate::model::network::communities::{Swatch, MAX_COLOURS, OKABE_ITO, OTHERS};
use crate::model::network::graph::Graph;
use crate::model::order::sort_indices;
use crate::model::view::encoding::Colouring;

use super::shape;
use super::style;

/// The radius of a node (world units) from its degree.
///
/// The layout keeps nodes of these radii apart, so the map draws them with
/// exactly this size at zoom 1.
pub fn node_radius(degree: usize) -> f64 {
    crate::model::network::layout::node_radius(degree)
}

/// How one actor type is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeStyle {
    /// `#rrggbb` fills for the light and dark themes.
    pub fill: String,
    pub fill_dark: String,
    /// The same, faded into each theme's background (dimmed actors).
    pub fill_dim: String,
    pub fill_dark_dim: String,
    pub shape: Shape,
    /// How far the shape reaches, for a radius of 1 (`shape::extent`).
    pub extent: f64,
}

impl TypeStyle {
    fn new(fill: &str, fill_dark: &str, shape: Shape) -> TypeStyle {
        let dim = |c: &str, bg: &str| {
            style::blend(c, bg, style::size::DIM_ALPHA).unwrap_or_else(|| bg.to_string())
        };
        TypeStyle {
            fill: fill.to_string(),
            fill_dark: fill_dark.to_string(),
            fill_dim: dim(fill, style::LIGHT.background),
            fill_dark_dim: dim(fill_dark, style::DARK.background),
            shape,
            extent: shape::extent(shape),
        }
    }

    /// The fill for a theme, normal or dimmed.
    pub fn fill_for(&self, dark: bool, dim: bool) -> &str {
        match (dark, dim) {
            (false, false) => &self.fill,
            (false, true) => &self.fill_dim,
            (true, false) => &self.fill_dark,
            (true, true) => &self.fill_dark_dim,
        }
    }
}

/// How one link kind is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct KindStyle {
    pub directed: bool,
    pub dash: &'static [f64],
}

/// A link as drawn: its ends as actor indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SceneLink {
    /// Index in `dataset.links` (and in `Visible::links`).
    pub link: usize,
    pub source: usize,
    pub target: usize,
}

/// Everything about a dataset that drawing needs and that does not change
/// from frame to frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scene {
    /// Per actor, in dataset order.
    pub names: Vec<String>,
    pub type_of: Vec<usize>,
    /// Actor indices of each type (`types` order), for batched drawing.
    pub by_type: Vec<Vec<usize>>,
    /// World radius (see [`node_radius`]) from the actor's degree in the graph.
    pub radius: Vec<f64>,
    pub founded: Vec<bool>,
    /// Per type, in taxonomy order, plus one last style for an unknown type.
    pub types: Vec<TypeStyle>,
    /// Per link kind, in taxonomy order, plus one last style for an unknown kind.
    pub kinds: Vec<KindStyle>,
    /// Links sorted by kind; `kind_ranges[k]` are the links of kind `k`.
    pub links: Vec<SceneLink>,
    pub kind_ranges: Vec<Range<usize>>,
    /// Actor indices, largest first (ties: dataset order): the order
    /// labels are placed in.
    pub by_priority: Vec<usize>,
    /// The radii from the degrees in the whole graph (before any `size=`).
    pub base_radius: Vec<f64>,
    /// Colours by group (`color=` objective, ecosystem, community), else
    /// the types' colours.
    pub paint: Option<Paint>,
}

/// What node size and colour show, from the UI (`size=`, `color=`; see
/// `model::view::encoding`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeEncoding {
    /// A radius per actor (dataset order); empty: the scene's own.
    pub radius: Vec<f64>,
    pub colouring: Option<Colouring>,
    /// The sizes and colours are the final measures of the visible set:
    /// mark `civicmap:measures` once they are drawn.
    pub measured: bool,
}

/// Node colours by group: one swatch per actor for the fill, maybe a second
/// one for a ring (an actor with several values).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paint {
    /// Per swatch index ([`swatch_index`]), the fills in both themes,
    /// normal and dimmed (the shape field is unused).
    pub swatches: Vec<TypeStyle>,
    /// Per actor, the swatch index of the fill.
    pub fill: Vec<usize>,
    /// Per actor, the swatch index of the ring, if any.
    pub ring: Vec<Option<usize>>,
}

/// The index of a swatch in [`Paint::swatches`]: the palette's colours,
/// then "others".
pub fn swatch_index(s: Swatch) -> usize {
    match s {
        Swatch::Colour(i) => i.min(MAX_COLOURS),
        Swatch::Others => MAX_COLOURS,
    }
}

impl Paint {
    /// The paint of a colouring.
    pub fn new(c: &Colouring) -> Paint {
        let swatches = OKABE_ITO
            .iter()
            .chain(std::iter::once(&OTHERS))
            .map(|hex| TypeStyle::new(hex, hex, Shape::Circle))
            .collect();
        Paint {
            swatches,
            fill: c.fill.iter().map(|&s| swatch_index(s)).collect(),
            ring: c.ring.iter().map(|r| r.map(swatch_index)).collect(),
        }
    }

    /// Actor `a`'s fill swatch ("others" when unknown).
    pub fn fill_of(&self, a: usize) -> usize {
        self.fill.get(a).copied().unwrap_or(MAX_COLOURS)
    }
}

impl Scene {
    /// Builds the scene of a validated dataset and its graph.
    pub fn new(ds: &Dataset, g: &Graph) -> Scene {
        let n = ds.actors.len();
        let type_ids: Vec<&str> = ds
            .taxonomy
            .actor_types
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        // A completed taxonomy: every type has its colours and shape.
        let mut types: Vec<TypeStyle> = ds
            .taxonomy
            .actor_types
            .iter()
            .map(|t| TypeStyle::new(&t.color, &t.color_dark, t.shape))
            .collect();
        let unknown_type = types.len();
        let (unknown, unknown_dark) = UNKNOWN_TYPE_COLORS;
        types.push(TypeStyle::new(unknown, unknown_dark, Shape::Circle));

        let kind_ids: Vec<&str> = ds
            .taxonomy
            .link_kinds
            .iter()
            .flatten()
            .map(|k| k.id.as_str())
            .collect();
        let mut kinds: Vec<KindStyle> = ds
            .taxonomy
            .link_kinds
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, k)| KindStyle {
                directed: k.directed.unwrap_or(false),
                dash: style::dash(i),
            })
            .collect();
        let unknown_kind = kinds.len();
        kinds.push(KindStyle {
            directed: false,
            dash: style::dash(unknown_kind),
        });

        let type_of: Vec<usize> = ds
            .actors
            .iter()
            .map(|a| {
                type_ids
                    .iter()
                    .position(|t| *t == a.actor_type())
                    .unwrap_or(unknown_type)
            })
            .collect();
        let mut by_type: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
        for (a, &t) in type_of.iter().enumerate() {
            if let Some(v) = by_type.get_mut(t) {
                v.push(a);
            }
        }

        // Links from the graph (the source of truth for which links join
        // which actors), with their kind from the dataset.
        let mut links: Vec<(usize, SceneLink)> = g
            .inner
            .edge_indices()
            .filter_map(|e| {
                let (s, t) = g.inner.edge_endpoints(e)?;
                let link = *g.inner.edge_weight(e)?;
                let (source, target) = (s.index(), t.index());
                if source >= n || target >= n {
                    return None;
                }
                let kind = ds
                    .links
                    .get(link)
                    .and_then(|l| kind_ids.iter().position(|k| *k == l.kind()))
                    .unwrap_or(unknown_kind);
                Some((
                    kind,
                    SceneLink {
                        link,
                        source,
                        target,
                    },
                ))
            })
            .collect();
        links.sort_by_key(|(kind, l)| (*kind, l.link));
        let mut kind_ranges = Vec::with_capacity(kinds.len());
        let mut start = 0;
        for k in 0..kinds.len() {
            let end = start
                + links
                    .iter()
                    .skip(start)
                    .take_while(|(kk, _)| *kk == k)
                    .count();
            kind_ranges.push(start..end);
            start = end;
        }
        let links: Vec<SceneLink> = links.into_iter().map(|(_, l)| l).collect();

        // Degrees and neighbours are the graph's (`Graph::degree`,
        // `Graph::incident`): a self-loop counts once.
        let degree: Vec<usize> = (0..n).map(|a| g.degree(a)).collect();

        let mut by_priority: Vec<usize> = (0..n).collect();
        sort_indices(&mut by_priority, &|a, b| {
            let da = degree.get(a).copied().unwrap_or(0);
            let db = degree.get(b).copied().unwrap_or(0);
            db.cmp(&da).then(a.cmp(&b))
        });

        let radius: Vec<f64> = degree.iter().map(|&d| node_radius(d)).collect();
        Scene {
            names: ds.actors.iter().map(|a| a.name().to_string()).collect(),
            type_of,
            by_type,
            base_radius: radius.clone(),
            radius,
            paint: None,
            founded: ds.actors.iter().map(|a| a.founded.is_some()).collect(),
            types,
            kinds,
            links,
            kind_ranges,
            by_priority,
        }
    }

    /// Applies what size and colour show: the encoding's radii (else the
    /// base ones), the label order by size, the group colours.
    ///
    /// Complexity: O(A log A).
    pub fn encode(&mut self, enc: &NodeEncoding) {
        let n = self.names.len();
        self.radius = if enc.radius.len() == n {
            enc.radius
                .iter()
                .map(|&r| if r.is_finite() && r > 0.0 { r } else { 1.0 })
                .collect()
        } else {
            self.base_radius.clone()
        };
        let radius = &self.radius;
        sort_indices(&mut self.by_priority, &|a, b| {
            let ra = radius.get(a).copied().unwrap_or(0.0);
            let rb = radius.get(b).copied().unwrap_or(0.0);
            rb.total_cmp(&ra).then(a.cmp(&b))
        });
        self.paint = enc
            .colouring
            .as_ref()
            .filter(|c| c.fill.len() == n)
            .map(Paint::new);
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The links of kind `k`.
    pub fn links_of_kind(&self, k: usize) -> &[SceneLink] {
        self.kind_ranges
            .get(k)
            .and_then(|r| self.links.get(r.clone()))
            .unwrap_or(&[])
    }

    /// The style of actor `a`'s type.
    pub fn type_style(&self, a: usize) -> Option<&TypeStyle> {
        self.type_of.get(a).and_then(|&t| self.types.get(t))
    }

    /// How far actor `a`'s shape reaches, for a radius of 1.
    pub fn extent_of(&self, a: usize) -> f64 {
        self.type_style(a).map(|s| s.extent).unwrap_or(1.0)
    }

    pub fn radius_of(&self, a: usize) -> f64 {
        self.radius.get(a).copied().unwrap_or(1.0)
    }
}

/// Marks actor `focus` and its neighbours over visible links in `out`
/// (resized to the actor count, `false` elsewhere), for the hover and
/// selection emphasis.
pub fn neighbourhood(graph: &Graph, visible_links: &[bool], focus: usize, out: &mut Vec<bool>) {
    out.clear();
    out.resize(graph.actor_count(), false);
    if let Some(f) = out.get_mut(focus) {
        *f = true;
    }
    for &(nb, link) in graph.incident(focus) {
        if visible_links.get(link).copied().unwrap_or(false) {
            if let Some(f) = out.get_mut(nb) {
                *f = true;
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::format::complete::PALETTE;

    /// The graph of a test dataset (degrees and neighbours come from it).
    pub(crate) fn graph_of(ds: &Dataset) -> Graph {
        Graph::new(ds)
    }

    pub(crate) fn small() -> Dataset {
        serde_json::from_value(serde_json::json!({
            "format": "civicmap/1",
            "taxonomy": {
                "actor_types": [
                    {"id": "association", "color": "#1b9e77", "color_dark": "#66c2a5", "shape": "circle"},
                    {"id": "startup", "color": "not-a-colour", "shape": "star"},
                    {"id": "agency"}
                ],
                "link_kinds": [
                    {"id": "funds", "directed": true},
                    {"id": "partners-with", "directed": false}
                ]
            },
            "actors": [
                {"id": "a", "name": "Alpha", "type": "association", "founded": 2010},
                {"id": "b", "name": "Bêta", "type": "startup"},
                {"id": "c", "name": "Gamma", "type": "agency", "founded": 2015},
                {"id": "d", "name": "Delta", "type": "startup"}
            ],
            "links": [
                {"source": "a", "target": "b", "kind": "partners-with"},
                {"source": "a", "target": "c", "kind": "funds"},
                {"source": "c", "target": "b", "kind": "funds"},
                {"source": "a", "target": "a", "kind": "funds"}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn styles_come_from_the_taxonomy_with_safe_fallbacks() {
        let ds = small();
        let s = Scene::new(&ds, &graph_of(&ds));
        assert_eq!(s.types[0].fill, "#1b9e77");
        assert_eq!(s.types[0].fill_dark, "#66c2a5");
        // An invalid colour never reaches the canvas: the completed taxonomy
        // gives the type the first palette colour no type uses.
        assert_ne!(ds.taxonomy.actor_types[1].color, "not-a-colour");
        assert_eq!(s.types[1].fill, PALETTE[0].0);
        assert_eq!(s.types[1].shape, Shape::Star);
        // A type without a shape gets the first shape no type uses.
        assert_eq!(s.types[2].shape, Shape::Square);
        assert_eq!(s.type_of, vec![0, 1, 2, 1]);
        assert_eq!(s.by_type, vec![vec![0], vec![1, 3], vec![2], vec![]]);
        // Dimmed fills are the fill faded into the background.
        assert_eq!(
            s.types[0].fill_for(false, true),
            style::blend("#1b9e77", style::LIGHT.background, 0.18).unwrap()
        );
        assert_eq!(s.types[0].fill_for(true, false), "#66c2a5");
        assert_eq!(s.founded, vec![true, false, true, false]);
        assert!(s.kinds[0].directed && !s.kinds[1].directed);
    }

    #[test]
    fn links_are_grouped_by_kind_and_self_loops_add_nothing_to_degrees() {
        let ds = small();
        let s = Scene::new(&ds, &graph_of(&ds));
        let funds: Vec<usize> = s.links_of_kind(0).iter().map(|l| l.link).collect();
        let partners: Vec<usize> = s.links_of_kind(1).iter().map(|l| l.link).collect();
        assert_eq!(funds, vec![1, 2, 3]);
        assert_eq!(partners, vec![0]);
        assert!(s.links_of_kind(2).is_empty());
        // Degrees 2, 2, 2, 0 (the self-loop on a adds nothing, product.md
        // "Network measures"): sizes and the label order follow them.
        let g = graph_of(&ds);
        let radius: Vec<f64> = [2, 2, 2, 0].into_iter().map(node_radius).collect();
        assert_eq!(s.radius, radius);
        assert!(s.radius[0] > s.radius[3]);
        assert_eq!(s.by_priority, vec![0, 1, 2, 3]);
        let nb: Vec<usize> = g.incident(2).iter().map(|p| p.0).collect();
        assert_eq!(nb, vec![0, 1]);
    }

    #[test]
    fn neighbourhood_follows_visible_links_only() {
        let ds = small();
        let g = graph_of(&ds);
        let mut out = Vec::new();
        neighbourhood(&g, &[true, false, true, true], 0, &mut out);
        assert_eq!(out, vec![true, true, false, false]);
        neighbourhood(&g, &[true; 4], 3, &mut out);
        assert_eq!(out, vec![false, false, false, true]);
        neighbourhood(&g, &[true; 4], 99, &mut out);
        assert_eq!(out, vec![false; 4]);
    }
}
