//! Communities by Louvain modularity (Blondel et al. 2008), deterministic:
//! nodes are visited in ascending order, a node moves only to a strictly
//! better community, ties go to the lowest community number, and the
//! communities are numbered by their first member. No randomness and no
//! hash map, so a dataset always gives the same communities.

use super::MeasureGraph;

/// A partition of the nodes into communities.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Communities {
    /// `membership[v]`: the community of node `v`, numbered `0..count` in
    /// the order of their first node (node 0 is in community 0).
    pub membership: Vec<usize>,
    /// The number of communities (an actor without links is alone in its own).
    pub count: usize,
    /// The modularity of the partition (0 for a graph without edges).
    pub modularity: f64,
}

impl Communities {
    /// The nodes of community `c`, ascending.
    pub fn members(&self, c: usize) -> Vec<usize> {
        (0..self.membership.len())
            .filter(|&v| self.membership.get(v) == Some(&c))
            .collect()
    }

    /// The size of every community.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![0; self.count];
        for &c in &self.membership {
            if let Some(s) = sizes.get_mut(c) {
                *s += 1;
            }
        }
        sizes
    }
}

/// The groups of actors more linked among themselves than with the rest:
/// Louvain's greedy modularity optimisation, deterministic.
///
/// Complexity: O(m) per sweep, a few sweeps per level and O(log n) levels
/// in practice; O(n + m) memory.
///
/// ```
/// use civicmap::model::network::metrics::{louvain, MeasureGraph};
/// // Two triangles joined by one edge.
/// let g = MeasureGraph::from_edges(6, &[(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]);
/// let c = louvain(&g);
/// assert_eq!(c.membership, vec![0, 0, 0, 1, 1, 1]);
/// assert!((c.modularity - 5.0 / 14.0).abs() < 1e-12);
/// ```
pub fn louvain(g: &MeasureGraph) -> Communities {
    let n = g.node_count();
    let base = Level::of(g);
    let mut membership: Vec<usize> = (0..n).collect();
    // Rounds: the levels of Louvain, then local moves of single nodes on the
    // original graph from the partition found (which the coarse levels
    // cannot make), and again while that improves modularity.
    let mut best_q = f64::NEG_INFINITY;
    for _round in 0..16 {
        let (moved, comm) = base.one_level(membership.clone());
        let (comm, count) = renumber(&comm);
        membership = comm;
        let mut level = base.aggregate(&membership, count);
        for _ in 0..64 {
            let start = (0..level.node_count()).collect();
            let (moved, comm) = level.one_level(start);
            if !moved {
                break;
            }
            let (renumbered, count) = renumber(&comm);
            for m in membership.iter_mut() {
                *m = renumbered.get(*m).copied().unwrap_or(0);
            }
            level = level.aggregate(&renumbered, count);
        }
        let q = modularity(g, &membership);
        if !moved || q <= best_q + EPS {
            break;
        }
        best_q = q;
    }
    let (membership, count) = renumber(&membership);
    let modularity = modularity(g, &membership);
    Communities {
        membership,
        count,
        modularity,
    }
}

/// The modularity of a partition: the share of edges inside communities
/// minus the share expected if edges were drawn at random with the same
/// degrees. 0 for a graph without edges.
///
/// Complexity: O(n + m).
///
/// ```
/// use civicmap::model::network::metrics::{modularity, MeasureGraph};
/// let g = MeasureGraph::from_edges(4, &[(0, 1), (2, 3)]);
/// assert_eq!(modularity(&g, &[0, 0, 1, 1]), 0.5);
/// assert_eq!(modularity(&g, &[0, 0, 0, 0]), 0.0);
/// ```
pub fn modularity(g: &MeasureGraph, membership: &[usize]) -> f64 {
    let n = g.node_count();
    let m2 = (2 * g.edge_count()) as f64;
    if m2 == 0.0 {
        return 0.0;
    }
    let count = membership.iter().copied().max().map_or(0, |c| c + 1);
    let mut inside = vec![0.0; count];
    let mut total = vec![0.0; count];
    for v in 0..n {
        let Some(&c) = membership.get(v) else {
            continue;
        };
        let nb = g.neighbours(v);
        if let Some(t) = total.get_mut(c) {
            *t += nb.len() as f64;
        }
        let same = nb
            .iter()
            .filter(|&&w| membership.get(w) == Some(&c))
            .count();
        if let Some(i) = inside.get_mut(c) {
            *i += same as f64;
        }
    }
    inside
        .iter()
        .zip(&total)
        .map(|(i, t)| i / m2 - (t / m2) * (t / m2))
        .sum()
}

/// Numbers the values of `comm` in order of first appearance.
fn renumber(comm: &[usize]) -> (Vec<usize>, usize) {
    let mut map = vec![usize::MAX; comm.len()];
    let mut next = 0;
    let out = comm
        .iter()
        .map(|&c| match map.get_mut(c) {
            Some(slot) => {
                if *slot == usize::MAX {
                    *slot = next;
                    next += 1;
                }
                *slot
            }
            None => 0,
        })
        .collect();
    (out, next)
}

/// A weighted graph of one Louvain level (nodes are the communities of the
/// level below); self-loops are not stored, only counted in `k`.
struct Level {
    offsets: Vec<usize>,
    nbr: Vec<usize>,
    w: Vec<f64>,
    /// Weighted degree (inner arcs of the aggregated node included).
    k: Vec<f64>,
    /// Twice the total edge weight.
    m2: f64,
}

/// Gains closer than this count as equal (the weights are integers, so
/// real differences are far larger).
const EPS: f64 = 1e-12;

impl Level {
    fn of(g: &MeasureGraph) -> Level {
        let n = g.node_count();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut nbr = Vec::with_capacity(2 * g.edge_count());
        offsets.push(0);
        for v in 0..n {
            nbr.extend_from_slice(g.neighbours(v));
            offsets.push(nbr.len());
        }
        let k = (0..n).map(|v| g.neighbours(v).len() as f64).collect();
        Level {
            offsets,
            w: vec![1.0; nbr.len()],
            nbr,
            k,
            m2: (2 * g.edge_count()) as f64,
        }
    }

    fn node_count(&self) -> usize {
        self.k.len()
    }

    fn arcs(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let (a, b) = match (self.offsets.get(v), self.offsets.get(v + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        };
        let nbr = self.nbr.get(a..b).unwrap_or(&[]);
        let w = self.w.get(a..b).unwrap_or(&[]);
        nbr.iter().copied().zip(w.iter().copied())
    }

    /// Moves nodes between communities, from the partition `start` (values
    /// `< n`), until no move improves modularity. Returns whether anything
    /// moved, and the community of each node.
    fn one_level(&self, start: Vec<usize>) -> (bool, Vec<usize>) {
        let n = self.node_count();
        let mut comm = start;
        let mut tot = vec![0.0; n];
        for (v, &c) in comm.iter().enumerate() {
            if let Some(t) = tot.get_mut(c) {
                *t += self.k.get(v).copied().unwrap_or(0.0);
            }
        }
        let mut weight_to = vec![0.0; n];
        let mut seen = vec![false; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut any = false;
        if self.m2 == 0.0 {
            return (false, comm);
        }
        for _sweep in 0..1000 {
            let mut moved = false;
            for v in 0..n {
                let cv = comm.get(v).copied().unwrap_or(v);
                let kv = self.k.get(v).copied().unwrap_or(0.0);
                touched.clear();
                for (u, w) in self.arcs(v) {
                    let cu = comm.get(u).copied().unwrap_or(u);
                    if let (Some(s), Some(x)) = (seen.get_mut(cu), weight_to.get_mut(cu)) {
                        if !*s {
                            *s = true;
                            touched.push(cu);
                        }
                        *x += w;
                    }
                }
                if let Some(t) = tot.get_mut(cv) {
                    *t -= kv;
                }
                let gain = |c: usize| {
                    weight_to.get(c).copied().unwrap_or(0.0)
                        - tot.get(c).copied().unwrap_or(0.0) * kv / self.m2
                };
                let mut best = cv;
                let mut best_gain = gain(cv);
                touched.sort_unstable();
                for &c in &touched {
                    let g = gain(c);
                    if g > best_gain + EPS {
                        best = c;
                        best_gain = g;
                    }
                }
                if let Some(t) = tot.get_mut(best) {
                    *t += kv;
                }
                if best != cv {
                    if let Some(slot) = comm.get_mut(v) {
                        *slot = best;
                    }
                    moved = true;
                    any = true;
                }
                for &c in &touched {
                    if let (Some(s), Some(x)) = (seen.get_mut(c), weight_to.get_mut(c)) {
                        *s = false;
                        *x = 0.0;
                    }
                }
            }
            if !moved {
                break;
            }
        }
        (any, comm)
    }

    /// The graph of the communities `comm` (numbered `0..count`).
    fn aggregate(&self, comm: &[usize], count: usize) -> Level {
        let mut k = vec![0.0; count];
        let mut triples: Vec<(usize, usize, f64)> = Vec::new();
        for v in 0..self.node_count() {
            let cv = comm.get(v).copied().unwrap_or(0);
            if let Some(x) = k.get_mut(cv) {
                *x += self.k.get(v).copied().unwrap_or(0.0);
            }
            for (u, w) in self.arcs(v) {
                let cu = comm.get(u).copied().unwrap_or(0);
                if cu != cv {
                    triples.push((cv, cu, w));
                }
            }
        }
        triples.sort_by_key(|&(a, b, _)| (a, b));
        let mut offsets = vec![0usize; count + 1];
        let mut nbr: Vec<usize> = Vec::new();
        let mut w: Vec<f64> = Vec::new();
        let mut last: Option<(usize, usize)> = None;
        for (a, b, x) in triples {
            if last == Some((a, b)) {
                if let Some(acc) = w.last_mut() {
                    *acc += x;
                }
            } else {
                nbr.push(b);
                w.push(x);
                if let Some(o) = offsets.get_mut(a + 1) {
                    *o += 1;
                }
                last = Some((a, b));
            }
        }
        for c in 0..count {
            let before = offsets.get(c).copied().unwrap_or(0);
            if let Some(o) = offsets.get_mut(c + 1) {
                *o += before;
            }
        }
        Level {
            offsets,
            nbr,
            w,
            k,
            m2: self.m2,
        }
    }
}
