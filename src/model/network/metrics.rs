//! Network measures of the visible graph (product.md, "Network measures"):
//! degree, betweenness, closeness, PageRank and Louvain communities.
//!
//! Every measure is taken on a [`MeasureGraph`]: its nodes are the visible
//! actors in dataset order (isolated ones included), its edges the visible
//! links as an undirected simple graph (parallel links merged, self-links
//! ignored). Node `v` of a `MeasureGraph` is the actor
//! [`MeasureGraph::actor`]`(v)`; measures are vectors indexed by node.
//!
//! Everything is deterministic: no hash maps, a fixed node order (dataset
//! order), neighbours in ascending order and ties broken towards the lowest
//! index, so the same dataset and filters give bit-identical numbers
//! natively and in WebAssembly.
//!
//! Long computations can run in slices: a [`MeasureJob`] is advanced by
//! [`MeasureJob::step`] with a work budget, and gives exactly the numbers
//! of the one-shot [`measures`] (which is the job run in one step).
//!
//! ```
//! use civicmap::model::network::metrics::{measures, MeasureGraph};
//!
//! // A path 0 — 1 — 2 and an isolated node 3.
//! let g = MeasureGraph::from_edges(4, &[(0, 1), (1, 2)]);
//! let m = measures(&g);
//! assert_eq!(m.degree, vec![1, 2, 1, 0]);
//! assert_eq!(m.betweenness[1], 1.0 / 3.0); // 2 / ((n − 1)(n − 2)) × 1 pair
//! assert_eq!(m.closeness[3], 0.0);
//! assert_eq!(m.communities.count, 2); // the path, and the isolated node
//! ```

pub mod centrality;
pub mod job;
pub mod louvain;
#[cfg(not(target_arch = "wasm32"))]
pub mod parallel;
pub mod report;
mod trees;

use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;

pub use centrality::{betweenness, closeness, degree, pagerank};
pub use job::{join, Half, HalfMeasures, MeasureJob, Progress};
pub use louvain::{louvain, modularity, Communities};
#[cfg(not(target_arch = "wasm32"))]
pub use parallel::measures_threaded;
pub use report::{report, ActorMeasures, Report};

/// What node size shows (`size=`, product.md): one measure of the visible
/// graph, so sizes follow the filters. Degree by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Measure {
    #[default]
    Degree,
    Betweenness,
    Closeness,
    Pagerank,
}

impl Measure {
    /// Every measure, in the order the controls list them.
    pub const ALL: [Measure; 4] = [
        Measure::Degree,
        Measure::Betweenness,
        Measure::Closeness,
        Measure::Pagerank,
    ];

    /// The value of `size=` (and the CLI's column name).
    pub fn id(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Betweenness => "betweenness",
            Measure::Closeness => "closeness",
            Measure::Pagerank => "pagerank",
        }
    }

    /// The measure named `id`, if any.
    pub fn from_id(id: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.id() == id)
    }

    /// This measure of node `v` (0 outside the graph).
    pub fn value(self, m: &Measures, v: usize) -> f64 {
        let pick = |xs: &[f64]| xs.get(v).copied().unwrap_or(0.0);
        match self {
            Measure::Degree => m.degree.get(v).map_or(0.0, |&d| d as f64),
            Measure::Betweenness => pick(&m.betweenness),
            Measure::Closeness => pick(&m.closeness),
            Measure::Pagerank => pick(&m.pagerank),
        }
    }
}

/// The visible graph as the measures see it: an undirected simple graph in
/// compressed adjacency form, node `v` standing for actor `actors[v]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeasureGraph {
    /// Node → actor index in the dataset, ascending.
    actors: Vec<usize>,
    /// The neighbours of `v` are `adjacency[offsets[v]..offsets[v + 1]]`,
    /// ascending, without duplicates or `v` itself.
    offsets: Vec<usize>,
    adjacency: Vec<usize>,
}

/// The arcs in the order of their near end (`by == 0`) or far end, stable:
/// one counting pass (ends `< n`).
fn bucket(n: usize, arcs: &[(usize, usize)], by: u8) -> Vec<(usize, usize)> {
    let key = |&(a, b): &(usize, usize)| if by == 0 { a } else { b };
    let mut start = vec![0usize; n + 1];
    for arc in arcs {
        if let Some(c) = start.get_mut(key(arc) + 1) {
            *c += 1;
        }
    }
    for v in 0..n {
        let before = start.get(v).copied().unwrap_or(0);
        if let Some(c) = start.get_mut(v + 1) {
            *c += before;
        }
    }
    let mut out = vec![(0, 0); arcs.len()];
    for arc in arcs {
        if let Some(at) = start.get_mut(key(arc)) {
            if let Some(slot) = out.get_mut(*at) {
                *slot = *arc;
            }
            *at += 1;
        }
    }
    out
}

impl MeasureGraph {
    /// The visible graph of a dataset's `Graph` under a visible set: the
    /// visible actors in dataset order, the visible links merged and
    /// without self-links.
    ///
    /// Complexity: O(A + L log L) for A actors and L links.
    ///
    /// ```
    /// use civicmap::model::format::dataset::Dataset;
    /// use civicmap::model::network::{filter, graph::Graph, metrics::MeasureGraph};
    ///
    /// let ds: Dataset = serde_json::from_str(r#"{
    ///   "format": "civicmap/1", "taxonomy": {"actor_types": [{"id": "org"}]},
    ///   "actors": [{"id": "a", "name": "A", "type": "org"}, {"id": "b", "name": "B", "type": "org"}],
    ///   "links": [{"source": "a", "target": "b", "kind": "funds"},
    ///             {"source": "b", "target": "a", "kind": "uses"},
    ///             {"source": "a", "target": "a", "kind": "uses"}]
    /// }"#).unwrap();
    /// let g = Graph::new(&ds);
    /// let vis = filter::visible(&ds, &g, &filter::Filter::default());
    /// let mg = MeasureGraph::visible(&g, &vis);
    /// assert_eq!((mg.node_count(), mg.edge_count()), (2, 1)); // merged, loop ignored
    /// ```
    pub fn visible(g: &Graph, vis: &Visible) -> MeasureGraph {
        let shown = |i: usize| vis.actors.get(i).copied().unwrap_or(false);
        let mut local = vec![usize::MAX; vis.actors.len()];
        let mut actors = Vec::with_capacity(vis.actor_count);
        for (i, slot) in local.iter_mut().enumerate() {
            if shown(i) {
                *slot = actors.len();
                actors.push(i);
            }
        }
        let mut edges = Vec::with_capacity(vis.link_count);
        for (l, &on) in vis.links.iter().enumerate() {
            if !on {
                continue;
            }
            if let Some((s, t)) = g.ends(l) {
                let (ls, lt) = (
                    local.get(s).copied().unwrap_or(usize::MAX),
                    local.get(t).copied().unwrap_or(usize::MAX),
                );
                if ls != usize::MAX && lt != usize::MAX {
                    edges.push((ls, lt));
                }
            }
        }
        Self::build(actors, &edges)
    }

    /// A graph on nodes `0..n` (node `v` stands for actor `v`) from a list
    /// of undirected edges; parallel edges are merged, self-loops and edges
    /// naming a node `≥ n` ignored. For tests and reference graphs.
    ///
    /// Complexity: O(n + E).
    ///
    /// ```
    /// use civicmap::model::network::metrics::MeasureGraph;
    /// let g = MeasureGraph::from_edges(3, &[(0, 1), (1, 0), (2, 2), (1, 7)]);
    /// assert_eq!(g.edge_count(), 1);
    /// assert_eq!(g.neighbours(1), &[0]);
    /// ```
    pub fn from_edges(n: usize, edges: &[(usize, usize)]) -> MeasureGraph {
        let kept: Vec<(usize, usize)> = edges
            .iter()
            .copied()
            .filter(|&(a, b)| a < n && b < n)
            .collect();
        Self::build((0..n).collect(), &kept)
    }

    /// The adjacency of `edges` (both directions, self-loops and ends `≥ n`
    /// left out) as sorted, deduplicated rows, by two stable counting passes
    /// (by the far end, then by the near one) instead of a comparison sort:
    /// O(n + E), and no sort for the web build to compile before the first
    /// frame, where the default `size=degree` builds this graph (a 2,085-actor
    /// load spent ~9 ms in the sort, in the browser's baseline code).
    fn build(actors: Vec<usize>, edges: &[(usize, usize)]) -> MeasureGraph {
        let n = actors.len();
        let mut arcs = Vec::with_capacity(edges.len() * 2);
        for &(a, b) in edges {
            if a != b && a < n && b < n {
                arcs.push((a, b));
                arcs.push((b, a));
            }
        }
        // Bucketed by the far end, then (stable) by the near end: each row
        // comes out ascending; then the repeats of a row (parallel links)
        // are dropped.
        let rows = bucket(n, &bucket(n, &arcs, 1), 0);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut adjacency = Vec::with_capacity(rows.len());
        let mut last = None;
        offsets.push(0);
        for (a, b) in rows {
            while offsets.len() <= a {
                offsets.push(adjacency.len());
                last = None;
            }
            if last != Some(b) {
                adjacency.push(b);
                last = Some(b);
            }
        }
        while offsets.len() <= n {
            offsets.push(adjacency.len());
        }
        MeasureGraph {
            actors,
            offsets,
            adjacency,
        }
    }

    /// The number of nodes (visible actors).
    pub fn node_count(&self) -> usize {
        self.actors.len()
    }

    /// The number of undirected edges (pairs of actors with a visible link).
    pub fn edge_count(&self) -> usize {
        self.adjacency.len() / 2
    }

    /// The neighbours of node `v`, ascending; empty for an unknown node.
    pub fn neighbours(&self, v: usize) -> &[usize] {
        match (self.offsets.get(v), self.offsets.get(v + 1)) {
            (Some(&a), Some(&b)) => self.adjacency.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The dataset index of the actor at node `v`.
    pub fn actor(&self, v: usize) -> Option<usize> {
        self.actors.get(v).copied()
    }

    /// Node → actor index, ascending (the visible actors in dataset order).
    pub fn actors(&self) -> &[usize] {
        &self.actors
    }

    /// Every edge once, as `(u, v)` with `u < v`, ascending: with
    /// [`node_count`](Self::node_count), what [`MeasureGraph::from_edges`]
    /// needs to build the same graph (a Web Worker receives this).
    ///
    /// ```
    /// use civicmap::model::network::metrics::MeasureGraph;
    /// let g = MeasureGraph::from_edges(3, &[(2, 0), (1, 0), (0, 1)]);
    /// assert_eq!(g.edges().collect::<Vec<_>>(), vec![(0, 1), (0, 2)]);
    /// ```
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.node_count()).flat_map(move |v| {
            self.neighbours(v)
                .iter()
                .filter(move |&&w| w > v)
                .map(move |&w| (v, w))
        })
    }

    /// The node of actor `actor`, if it is visible (binary search).
    pub fn node_of(&self, actor: usize) -> Option<usize> {
        self.actors.binary_search(&actor).ok()
    }
}

/// All the measures of a graph, indexed by node.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measures {
    /// Number of neighbours.
    pub degree: Vec<usize>,
    /// Brandes betweenness, normalised by 2/((n−1)(n−2)).
    pub betweenness: Vec<f64>,
    /// Closeness with the Wasserman–Faust correction.
    pub closeness: Vec<f64>,
    /// PageRank, damping 0.85.
    pub pagerank: Vec<f64>,
    /// Louvain communities.
    pub communities: Communities,
}

/// Every measure at once: who has the most links, who bridges groups, who
/// reaches everyone fastest, who is linked to by the linked, and which
/// groups form.
///
/// Complexity: O(n·m) time (betweenness and closeness share one
/// breadth-first search per node), O(n + m) memory. Equal, bit for bit, to
/// running a [`MeasureJob`] in slices.
///
/// ```
/// use civicmap::model::network::metrics::{measures, MeasureGraph};
/// // A star: 0 is linked to 1, 2 and 3.
/// let g = MeasureGraph::from_edges(4, &[(0, 1), (0, 2), (0, 3)]);
/// let m = measures(&g);
/// assert_eq!(m.degree, vec![3, 1, 1, 1]);
/// assert_eq!(m.betweenness[0], 1.0);
/// assert_eq!(m.closeness[0], 1.0);
/// assert!(m.pagerank[0] > m.pagerank[1]);
/// assert_eq!(m.communities.count, 1);
/// ```
pub fn measures(g: &MeasureGraph) -> Measures {
    MeasureJob::new(g.clone()).finish()
}
