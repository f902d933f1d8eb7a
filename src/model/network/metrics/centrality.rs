//! Centralities of a [`MeasureGraph`]: degree, betweenness (Brandes),
//! closeness (Wasserman–Faust) and PageRank (damping 0.85).
//!
//! Betweenness and closeness share one breadth-first search per source
//! ([`Brandes`]); PageRank is a power iteration ([`PageRank`]). Both are
//! steppable so that [`super::MeasureJob`] can run them in slices.

use super::MeasureGraph;

/// The damping factor of PageRank.
pub const DAMPING: f64 = 0.85;
/// PageRank stops when the L1 change of an iteration is below this.
pub const PAGERANK_TOLERANCE: f64 = 1e-13;
/// PageRank stops after this many iterations at most.
pub const PAGERANK_MAX_ITERATIONS: usize = 1000;

/// How many actors each actor is linked to: who has the most direct links.
///
/// Complexity: O(n).
///
/// ```
/// use civicmap::model::network::metrics::{degree, MeasureGraph};
/// let g = MeasureGraph::from_edges(3, &[(0, 1), (0, 2), (2, 0)]);
/// assert_eq!(degree(&g), vec![2, 1, 1]);
/// ```
pub fn degree(g: &MeasureGraph) -> Vec<usize> {
    (0..g.node_count()).map(|v| g.neighbours(v).len()).collect()
}

/// How often an actor lies on the shortest chains between two others: the
/// brokers between groups. Brandes' algorithm, normalised by
/// 2/((n−1)(n−2)) so that the centre of a star scores 1.
///
/// Complexity: O(n·m) time, O(n + m) memory.
///
/// ```
/// use civicmap::model::network::metrics::{betweenness, MeasureGraph};
/// // 0 — 1 — 2 — 3: node 1 is on the chains 0–2 and 0–3 (2 of 3 pairs).
/// let g = MeasureGraph::from_edges(4, &[(0, 1), (1, 2), (2, 3)]);
/// let b = betweenness(&g);
/// assert_eq!(b, vec![0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0]);
/// ```
pub fn betweenness(g: &MeasureGraph) -> Vec<f64> {
    let mut b = Brandes::new(g.node_count());
    for s in 0..g.node_count() {
        b.source(g, s);
    }
    b.betweenness()
}

/// How close an actor is to all the others it can reach, weighted by how
/// many it can reach: who hears of everything first. The
/// Wasserman–Faust closeness `(r−1)/Σd · (r−1)/(n−1)` for `r` actors
/// reachable (itself included); 0 for an actor without links.
///
/// Complexity: O(n·m) time, O(n + m) memory.
///
/// ```
/// use civicmap::model::network::metrics::{closeness, MeasureGraph};
/// // Two pieces: 0 — 1 — 2 and 3 — 4.
/// let g = MeasureGraph::from_edges(5, &[(0, 1), (1, 2), (3, 4)]);
/// let c = closeness(&g);
/// assert_eq!(c[1], 1.0 * (2.0 / 4.0)); // 2 reached at distance 1, 2 of 4
/// assert_eq!(c[3], 1.0 * (1.0 / 4.0));
/// ```
pub fn closeness(g: &MeasureGraph) -> Vec<f64> {
    let mut b = Brandes::new(g.node_count());
    for s in 0..g.node_count() {
        b.source(g, s);
    }
    b.closeness
}

/// How much an actor is linked to by actors that are themselves linked to:
/// the share of time a visitor wandering along links spends there.
/// PageRank with damping 0.85; the rank of an actor without links is
/// spread over all. The values sum to 1.
///
/// Complexity: O(k·(n + m)) for k iterations (about 190: it stops when an
/// iteration changes the ranks by less than 1e-13 in total).
///
/// ```
/// use civicmap::model::network::metrics::{pagerank, MeasureGraph};
/// let g = MeasureGraph::from_edges(3, &[(0, 1), (0, 2)]);
/// let p = pagerank(&g);
/// assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// assert!(p[0] > p[1] && p[1] == p[2]);
/// ```
pub fn pagerank(g: &MeasureGraph) -> Vec<f64> {
    let mut p = PageRank::new(g);
    while !p.done {
        p.iterate(g);
    }
    p.rank
}

/// The state of Brandes' algorithm between sources: one breadth-first
/// search per source accumulates betweenness and gives that source's
/// closeness.
#[derive(Debug, Clone, Default)]
pub(crate) struct Brandes {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<usize>,
    /// Raw betweenness sums (each pair counted from both ends).
    raw: Vec<f64>,
    pub(crate) closeness: Vec<f64>,
}

const UNSEEN: u32 = u32::MAX;

impl Brandes {
    pub(crate) fn new(n: usize) -> Brandes {
        Brandes {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            raw: vec![0.0; n],
            closeness: vec![0.0; n],
        }
    }

    /// Runs the search from `s`; returns the work done (nodes reached plus
    /// arcs scanned).
    pub(crate) fn source(&mut self, g: &MeasureGraph, s: usize) -> u64 {
        let n = g.node_count();
        let Brandes {
            dist,
            sigma,
            delta,
            order,
            raw,
            closeness,
        } = self;
        order.clear();
        if let (Some(d), Some(sg)) = (dist.get_mut(s), sigma.get_mut(s)) {
            *d = 0;
            *sg = 1.0;
            order.push(s);
        }
        let mut arcs = 0u64;
        let mut head = 0;
        let mut total = 0u64;
        while let Some(&v) = order.get(head) {
            head += 1;
            let dv = dist.get(v).copied().unwrap_or(0);
            let sv = sigma.get(v).copied().unwrap_or(0.0);
            total += u64::from(dv);
            let nb = g.neighbours(v);
            arcs += nb.len() as u64;
            for &w in nb {
                let Some(dw) = dist.get_mut(w) else { continue };
                if *dw == UNSEEN {
                    *dw = dv + 1;
                    order.push(w);
                }
                if *dw == dv + 1 {
                    if let Some(x) = sigma.get_mut(w) {
                        *x += sv;
                    }
                }
            }
        }
        // Closeness (Wasserman–Faust), as networkx computes it.
        let r = order.len() as f64;
        if let Some(c) = closeness.get_mut(s) {
            *c = if total > 0 && n > 1 {
                ((r - 1.0) / total as f64) * ((r - 1.0) / (n as f64 - 1.0))
            } else {
                0.0
            };
        }
        // Dependencies, farthest first; predecessors are the neighbours one
        // step closer to the source.
        for &w in order.iter().rev() {
            let dw = dist.get(w).copied().unwrap_or(0);
            let sw = sigma.get(w).copied().unwrap_or(1.0);
            let coeff = (1.0 + delta.get(w).copied().unwrap_or(0.0)) / sw;
            for &v in g.neighbours(w) {
                if dist.get(v).copied().unwrap_or(UNSEEN).wrapping_add(1) == dw {
                    let sv = sigma.get(v).copied().unwrap_or(0.0);
                    if let Some(d) = delta.get_mut(v) {
                        *d += sv * coeff;
                    }
                }
            }
            if w != s {
                if let (Some(b), Some(d)) = (raw.get_mut(w), delta.get(w)) {
                    *b += *d;
                }
            }
        }
        // Reset only what this search touched.
        for &v in order.iter() {
            if let Some(d) = dist.get_mut(v) {
                *d = UNSEEN;
            }
            if let Some(x) = sigma.get_mut(v) {
                *x = 0.0;
            }
            if let Some(x) = delta.get_mut(v) {
                *x = 0.0;
            }
        }
        2 * arcs + order.len() as u64
    }

    /// Normalised betweenness (all sources must have been run).
    pub(crate) fn betweenness(&self) -> Vec<f64> {
        let n = self.raw.len() as f64;
        if self.raw.len() <= 2 {
            return vec![0.0; self.raw.len()];
        }
        // Undirected: each pair is counted from both ends, so the
        // 2/((n−1)(n−2)) of the definition becomes 1/((n−1)(n−2)).
        let scale = 1.0 / ((n - 1.0) * (n - 2.0));
        self.raw.iter().map(|b| b * scale).collect()
    }
}

/// The state of the PageRank power iteration.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageRank {
    pub(crate) rank: Vec<f64>,
    share: Vec<f64>,
    next: Vec<f64>,
    iterations: usize,
    pub(crate) done: bool,
}

impl PageRank {
    pub(crate) fn new(g: &MeasureGraph) -> PageRank {
        let n = g.node_count();
        PageRank {
            rank: vec![1.0 / n as f64; n],
            share: vec![0.0; n],
            next: vec![0.0; n],
            iterations: 0,
            done: n == 0,
        }
    }

    /// One iteration; returns the work done.
    pub(crate) fn iterate(&mut self, g: &MeasureGraph) -> u64 {
        let n = g.node_count();
        if self.done || n == 0 {
            self.done = true;
            return 1;
        }
        let nf = n as f64;
        let mut dangling = 0.0;
        for (v, (share, &r)) in self.share.iter_mut().zip(&self.rank).enumerate() {
            let d = g.neighbours(v).len();
            if d == 0 {
                dangling += r;
                *share = 0.0;
            } else {
                *share = r / d as f64;
            }
        }
        let base = (1.0 - DAMPING) / nf + DAMPING * dangling / nf;
        let mut arcs = 0u64;
        let mut err = 0.0;
        for (v, (next, &r)) in self.next.iter_mut().zip(&self.rank).enumerate() {
            let nb = g.neighbours(v);
            arcs += nb.len() as u64;
            let pulled: f64 = nb
                .iter()
                .map(|&u| self.share.get(u).copied().unwrap_or(0.0))
                .sum();
            *next = base + DAMPING * pulled;
            err += (*next - r).abs();
        }
        std::mem::swap(&mut self.rank, &mut self.next);
        self.iterations += 1;
        if err < PAGERANK_TOLERANCE || self.iterations >= PAGERANK_MAX_ITERATIONS {
            self.done = true;
        }
        arcs + n as u64
    }
}
