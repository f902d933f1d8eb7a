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
    let n = g.node_count();
    let mut b = Brandes::new(g);
    for s in 0..split(n) {
        b.source(g, s);
    }
    let first = std::mem::replace(&mut b.raw, vec![0.0; n]);
    for s in split(n)..n {
        b.source(g, s);
    }
    normalise(&add_halves(&first, &b.raw))
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
    let mut b = Brandes::new(g);
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
///
/// The search is written without data-dependent branches in its inner
/// loop (the tests on an arc's distance become arithmetic), and records the
/// arcs of the shortest-path tree so that the accumulation of dependencies
/// walks only those, with one division per node.
#[derive(Debug, Clone, Default)]
pub(crate) struct Brandes {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    /// `(1 + δ(w)) / σ(w)` once `w` is settled.
    coeff: Vec<f64>,
    /// Nodes in the order they were reached (one spare slot).
    order: Vec<usize>,
    /// `children[starts[i]..starts[i + 1]]`: the successors of `order[i]`
    /// on shortest paths (one spare slot).
    starts: Vec<usize>,
    children: Vec<usize>,
    /// Dependencies of the current block of sources.
    block: Vec<f64>,
    /// Raw betweenness sums (each pair counted from both ends): the sum of
    /// the blocks, in block order.
    pub(crate) raw: Vec<f64>,
    pub(crate) closeness: Vec<f64>,
}

const UNSEEN: u32 = u32::MAX;

/// Sources are summed in blocks of this many (`raw += block` when a block
/// ends), so that blocks computed apart (in slices or on several threads)
/// add up to the same bits.
pub(crate) const BLOCK: usize = 64;

/// Betweenness sums its sources in two halves of whole blocks, each from
/// zero — `[0, split(n))` and `[split(n), n)` — then adds the two: two
/// workers computing a half each give the same bits as one computing both
/// (`super::job::Half`). This is where the second half starts.
pub(crate) fn split(n: usize) -> usize {
    (n.div_ceil(BLOCK).div_ceil(2) * BLOCK).min(n)
}

/// The raw sums of the two halves, added (a missing half counts as zeros).
pub(crate) fn add_halves(first: &[f64], second: &[f64]) -> Vec<f64> {
    let n = first.len().max(second.len());
    (0..n)
        .map(|i| first.get(i).copied().unwrap_or(0.0) + second.get(i).copied().unwrap_or(0.0))
        .collect()
}

impl Brandes {
    pub(crate) fn new(g: &MeasureGraph) -> Brandes {
        let n = g.node_count();
        Brandes {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            coeff: vec![0.0; n],
            order: vec![0; n + 1],
            starts: vec![0; n + 1],
            children: vec![0; 2 * g.edge_count() + 1],
            block: vec![0.0; n],
            raw: vec![0.0; n],
            closeness: vec![0.0; n],
        }
    }

    /// Runs the search from `s`; returns the work done (nodes reached plus
    /// twice the arcs scanned).
    pub(crate) fn source(&mut self, g: &MeasureGraph, s: usize) -> u64 {
        let n = g.node_count();
        let Brandes {
            dist,
            sigma,
            coeff,
            order,
            starts,
            children,
            block,
            raw,
            closeness,
        } = self;
        if s >= n {
            return 1;
        }
        if let (Some(d), Some(x), Some(o)) = (dist.get_mut(s), sigma.get_mut(s), order.get_mut(0)) {
            *d = 0;
            *x = 1.0;
            *o = s;
        }
        let (mut head, mut tail, mut kids) = (0usize, 1usize, 0usize);
        let mut total = 0u64;
        let mut arcs = 0u64;
        while head < tail {
            let v = order.get(head).copied().unwrap_or(0);
            if let Some(st) = starts.get_mut(head) {
                *st = kids;
            }
            head += 1;
            let dv = dist.get(v).copied().unwrap_or(0);
            let sv = sigma.get(v).copied().unwrap_or(0.0);
            let next = dv + 1;
            total += u64::from(dv);
            let nb = g.neighbours(v);
            arcs += nb.len() as u64;
            for &w in nb {
                if let (Some(dw), Some(sw)) = (dist.get_mut(w), sigma.get_mut(w)) {
                    let unseen = *dw == UNSEEN;
                    *dw = if unseen { next } else { *dw };
                    if let Some(slot) = order.get_mut(tail) {
                        *slot = w;
                    }
                    tail += usize::from(unseen);
                    let child = *dw == next;
                    *sw += if child { sv } else { 0.0 };
                    if let Some(slot) = children.get_mut(kids) {
                        *slot = w;
                    }
                    kids += usize::from(child);
                }
            }
        }
        if let Some(st) = starts.get_mut(tail) {
            *st = kids;
        }
        // Closeness (Wasserman–Faust), as networkx computes it.
        let r = tail as f64;
        if let Some(c) = closeness.get_mut(s) {
            *c = if total > 0 && n > 1 {
                ((r - 1.0) / total as f64) * ((r - 1.0) / (n as f64 - 1.0))
            } else {
                0.0
            };
        }
        // Dependencies, farthest first: δ(v) = σ(v) Σ (1 + δ(w)) / σ(w)
        // over the successors w of v.
        for i in (0..tail).rev() {
            let v = order.get(i).copied().unwrap_or(0);
            let (a, b) = (
                starts.get(i).copied().unwrap_or(0),
                starts.get(i + 1).copied().unwrap_or(0),
            );
            let sum: f64 = children
                .get(a..b)
                .unwrap_or(&[])
                .iter()
                .map(|&w| coeff.get(w).copied().unwrap_or(0.0))
                .sum();
            let sv = sigma.get(v).copied().unwrap_or(1.0);
            let delta = sv * sum;
            if let Some(c) = coeff.get_mut(v) {
                *c = (1.0 + delta) / sv;
            }
            if v != s {
                if let Some(x) = block.get_mut(v) {
                    *x += delta;
                }
            }
        }
        if (s + 1).is_multiple_of(BLOCK) || s + 1 == n {
            for (r, b) in raw.iter_mut().zip(block.iter_mut()) {
                *r += *b;
                *b = 0.0;
            }
        }
        // Reset only what this search touched.
        for &v in order.get(..tail).unwrap_or(&[]) {
            if let Some(d) = dist.get_mut(v) {
                *d = UNSEEN;
            }
            if let Some(x) = sigma.get_mut(v) {
                *x = 0.0;
            }
        }
        2 * arcs + tail as u64
    }
}

/// Raw sums → betweenness normalised by 2/((n−1)(n−2)).
pub(crate) fn normalise(raw: &[f64]) -> Vec<f64> {
    let n = raw.len() as f64;
    if raw.len() <= 2 {
        return vec![0.0; raw.len()];
    }
    // Undirected: each pair is counted from both ends, so the
    // 2/((n−1)(n−2)) of the definition becomes 1/((n−1)(n−2)).
    let scale = 1.0 / ((n - 1.0) * (n - 2.0));
    raw.iter().map(|b| b * scale).collect()
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
