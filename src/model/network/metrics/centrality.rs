//! Centralities of a [`MeasureGraph`]: degree, betweenness (Brandes),
//! closeness (Wasserman–Faust) and PageRank (damping 0.85).
//!
//! Betweenness and closeness share one breadth-first search per source
//! ([`Brandes`]); PageRank is a power iteration ([`PageRank`]). Both are
//! steppable so that [`super::MeasureJob`] can run them in slices.

use super::trees::Trees;
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
/// Complexity: O(n·m) time, O(n + m) memory (1 KB per actor: a row of 64
/// path counts and one of 64 dependencies).
///
/// ```
/// use civicmap::model::network::metrics::{betweenness, MeasureGraph};
/// // 0 — 1 — 2 — 3: node 1 is on the chains 0–2 and 0–3 (2 of 3 pairs).
/// let g = MeasureGraph::from_edges(4, &[(0, 1), (1, 2), (2, 3)]);
/// let b = betweenness(&g);
/// assert_eq!(b, vec![0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0]);
/// ```
pub fn betweenness(g: &MeasureGraph) -> Vec<f64> {
    let mut b = Brandes::new(g);
    let sources = b.count();
    b.raw = b.trees.start();
    for s in (0..split(sources)).step_by(BLOCK) {
        b.block(s);
    }
    let first = std::mem::replace(&mut b.raw, vec![0.0; g.node_count()]);
    for s in (split(sources)..sources).step_by(BLOCK) {
        b.block(s);
    }
    normalise(&add_halves(&first, &b.raw))
}

/// How close an actor is to all the others it can reach, weighted by how
/// many it can reach: who hears of everything first. The
/// Wasserman–Faust closeness `(r−1)/Σd · (r−1)/(n−1)` for `r` actors
/// reachable (itself included); 0 for an actor without links.
///
/// Complexity: O(n·m) time, O(n + m) memory (1 KB per actor).
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
    for s in (0..b.count()).step_by(BLOCK) {
        b.block(s);
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

/// The state of Brandes' algorithm between blocks of sources.
///
/// The [`BLOCK`] sources of a block are searched together, breadth-first
/// and level by level, as one bit each in a 64-bit mask per actor (the
/// multi-source search of Then et al., "The More the Merrier", VLDB 2015):
/// an arc is scanned once per level for all the sources whose frontier
/// holds its tail, not once per source. Path counts and dependencies are
/// summed per source, only along the arcs of each source's shortest-path
/// graph, so each source's numbers are those of its own Brandes search:
/// the path counts while a level is expanded (the frontier's sources that
/// had not reached the head yet, `frontier & !seen`), the dependencies
/// level by level back (`mask & mask`). On the 10,000-node graph this is
/// about twice as fast as one search per source (docs/metrics.md).
///
/// The searches run on the core of the graph only ([`Trees`]): each core
/// actor counts for itself and the actors hanging off it (`ω`), and the
/// first half of the sums starts from what the chains into the trees add
/// ([`Trees::start`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Brandes {
    /// The actors hanging off the core, and the core.
    pub(crate) trees: Trees,
    /// The core of the graph with its actors renumbered in Cuthill–McKee order
    /// ([`locality_order`]): neighbours sit close in memory, and the
    /// sources of a block close in the graph, so their searches share
    /// levels. Blocks are blocks of this numbering.
    local: MeasureGraph,
    /// `order[v]`: the caller's node of local node `v`.
    order: Vec<usize>,
    /// `ω` of each local node, as a number.
    weight: Vec<f64>,
    /// `ω` of each source of the block under way.
    lanes: Vec<f64>,
    /// The caller's node count.
    nodes: usize,
    /// The sources of the block that have reached each actor.
    seen: Vec<u64>,
    /// While a level is expanded: the sources reaching each actor next.
    next: Vec<u64>,
    /// The masks of one level, by actor (zero elsewhere).
    level: Vec<u64>,
    /// Actors next to the level under expansion, one bit each: walked in
    /// order, they make the next level in memory order, so the passes
    /// over it read its rows one after another (half the time of the
    /// order they were found in, on the 10,000-node graph).
    touched: Vec<u64>,
    /// Each level's actors with the sources that reach them at that
    /// distance: `reached[levels[d]..levels[d + 1]]` for distance `d`.
    reached: Vec<(usize, u64)>,
    levels: Vec<usize>,
    /// Per actor and source of the block: the number of shortest paths.
    sigma: Vec<[f64; BLOCK]>,
    /// Per actor and source: the sum of its successors' `(1 + δ) / σ`,
    /// then its own `(1 + δ) / σ` once settled.
    delta: Vec<[f64; BLOCK]>,
    /// Dependencies of the current block of sources.
    block: Vec<f64>,
    /// Per source of the block under way: the total distance of the core
    /// actors it reached, each counted `ω` times (for closeness).
    reach: Vec<u64>,
    /// Where the block under way is; `None` between blocks.
    at: Option<Step>,
    /// Raw betweenness sums (each pair counted from both ends): the sum of
    /// the blocks, in block order; by the caller's nodes.
    pub(crate) raw: Vec<f64>,
    /// By the caller's nodes; zero for the sources not searched yet.
    pub(crate) closeness: Vec<f64>,
}

/// Where [`Brandes::advance`] is in a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Expanding the next level of the searches (path counts).
    Forward,
    /// Settling the dependencies of this level (then the ones before).
    Backward(usize),
}

/// The nodes of `g` that `keep` holds, in Cuthill–McKee order on the graph
/// they make: each connected piece breadth-first from its node of lowest
/// degree, neighbours by ascending degree (ties by node). Deterministic.
///
/// Complexity: O(n log n + m log m).
fn locality_order(g: &MeasureGraph, keep: &[bool]) -> Vec<usize> {
    let n = g.node_count();
    let kept = |v: usize| keep.get(v).copied().unwrap_or(false);
    let degree = |v: usize| g.neighbours(v).iter().filter(|&&w| kept(w)).count();
    let mut starts: Vec<usize> = (0..n).filter(|&v| kept(v)).collect();
    starts.sort_by_key(|&v| (degree(v), v));
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let mut next = Vec::new();
    for s in starts {
        if seen.get(s).copied().unwrap_or(true) {
            continue;
        }
        if let Some(x) = seen.get_mut(s) {
            *x = true;
        }
        let mut head = order.len();
        order.push(s);
        while let Some(&v) = order.get(head) {
            head += 1;
            next.clear();
            next.extend(
                g.neighbours(v)
                    .iter()
                    .copied()
                    .filter(|&w| kept(w) && !seen.get(w).copied().unwrap_or(true)),
            );
            next.sort_by_key(|&w| (degree(w), w));
            for &w in &next {
                if let Some(x) = seen.get_mut(w) {
                    *x = true;
                }
                order.push(w);
            }
        }
    }
    order
}

/// Sources are searched and summed in blocks of this many (`raw += block`
/// when a block ends), so that blocks computed apart (in slices or on
/// several threads) add up to the same bits.
pub(crate) const BLOCK: usize = 64;
// A block's sources are the bits of one `u64` mask (`bits`, `add_rows`).
const _: () = assert!(BLOCK == u64::BITS as usize);

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

/// The set bits of `mask` (the sources of a block, or the actors of a
/// word of `touched`), lowest first (each below 64).
#[inline(always)]
fn bits(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if mask == 0 {
            return None;
        }
        // Below 64 anyway: the mask lets indexing a block's row skip its check.
        let i = mask.trailing_zeros() as usize & (u64::BITS as usize - 1);
        mask &= mask - 1;
        Some(i)
    })
}

/// `rows[to][i] += rows[from][i]` for each source `i` in `mask`: the hot
/// loop of both passes, written so that even a size-optimised build keeps
/// it a tight loop (no call per bit, no bounds check per bit).
#[inline(always)]
fn add_rows(rows: &mut [[f64; BLOCK]], from: usize, to: usize, mut mask: u64) {
    let (src, dst) = if from < to {
        let (lo, hi) = rows.split_at_mut(to);
        (lo.get(from), hi.first_mut())
    } else {
        let (lo, hi) = rows.split_at_mut(from);
        (hi.first(), lo.get_mut(to))
    };
    if let (Some(src), Some(dst)) = (src, dst) {
        while mask != 0 {
            let i = mask.trailing_zeros() as usize & (BLOCK - 1);
            mask &= mask - 1;
            if let (Some(x), Some(y)) = (src.get(i), dst.get_mut(i)) {
                *y += *x;
            }
        }
    }
}

/// Zeroes the masks that one level's `entries` set in `level` (its other
/// actors are zero already).
fn clear_level(level: &mut [u64], entries: &[(usize, u64)]) {
    for &(w, _) in entries {
        if let Some(l) = level.get_mut(w) {
            *l = 0;
        }
    }
}

/// For each actor `v` of one level (`parents`, with the sources that reach
/// it there) and each neighbour `w` on the next level (`level[w]`: the
/// sources that reach `w` there), the sources for which `v → w` is an arc
/// of their shortest-path graph: `rows[v] += rows[w]`, source by source
/// (the dependencies, from the successors up to their parent). Returns the
/// arcs scanned.
#[inline(always)]
fn up_arcs(
    g: &MeasureGraph,
    parents: &[(usize, u64)],
    level: &[u64],
    rows: &mut [[f64; BLOCK]],
) -> u64 {
    let mut arcs = 0u64;
    for &(v, mask) in parents {
        let nb = g.neighbours(v);
        arcs += nb.len() as u64;
        for &w in nb {
            let both = mask & level.get(w).copied().unwrap_or(0);
            if both != 0 {
                add_rows(rows, w, v, both);
            }
        }
    }
    arcs
}

impl Brandes {
    pub(crate) fn new(g: &MeasureGraph) -> Brandes {
        let n = g.node_count();
        let trees = Trees::new(g);
        let order = locality_order(g, &trees.core);
        let core = order.len();
        let mut local_of = vec![usize::MAX; n];
        for (l, &v) in order.iter().enumerate() {
            if let Some(x) = local_of.get_mut(v) {
                *x = l;
            }
        }
        let local_node = |v: usize| local_of.get(v).copied().unwrap_or(usize::MAX);
        // Edges to a hanging actor name `usize::MAX`: from_edges drops them.
        let edges: Vec<(usize, usize)> = (0..n)
            .flat_map(|v| {
                g.neighbours(v)
                    .iter()
                    .filter(move |&&w| v < w)
                    .map(move |&w| (local_node(v), local_node(w)))
            })
            .collect();
        let weight = order.iter().map(|&v| trees.weight(v) as f64).collect();
        Brandes {
            local: MeasureGraph::from_edges(core, &edges),
            trees,
            order,
            weight,
            lanes: vec![1.0; BLOCK],
            nodes: n,
            seen: vec![0; core],
            next: vec![0; core],
            level: vec![0; core],
            touched: vec![0; core.div_ceil(64)],
            reached: Vec::with_capacity(4 * core),
            levels: Vec::new(),
            sigma: vec![[0.0; BLOCK]; core],
            delta: vec![[0.0; BLOCK]; core],
            block: vec![0.0; core],
            reach: vec![0; BLOCK],
            at: None,
            raw: vec![0.0; n],
            closeness: vec![0.0; n],
        }
    }

    /// How many sources there are: the core's actors. Blocks start at
    /// multiples of [`BLOCK`] below it.
    pub(crate) fn count(&self) -> usize {
        self.order.len()
    }

    /// The caller's nodes whose closeness the block starting at `first`
    /// sets: its sources and the actors hanging off them (for the threads
    /// of `super::parallel`, native only).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn settled(&self, first: usize) -> impl Iterator<Item = usize> + '_ {
        let end = (first + BLOCK).min(self.order.len());
        let sources = self.order.get(first..end).unwrap_or(&[]);
        sources
            .iter()
            .flat_map(|&s| std::iter::once(s).chain(self.trees.below(s)))
    }

    /// Runs the searches from the sources of the block starting at
    /// `first` (a multiple of [`BLOCK`]; [`Brandes::settled`] says which
    /// they are), adds their dependencies to `raw` and sets their
    /// closeness; returns the work done (actors reached per source plus
    /// the arcs scanned).
    pub(crate) fn block(&mut self, first: usize) -> u64 {
        let mut work = 0;
        loop {
            let (w, done) = self.advance(first);
            work += w;
            if done {
                return work;
            }
        }
    }

    /// No block is under way: the next [`Brandes::advance`] starts one.
    pub(crate) fn between_blocks(&self) -> bool {
        self.at.is_none()
    }

    /// One step of [`Brandes::block`]: starts the block, expands one level
    /// of its searches, settles one level's dependencies, or ends it. A
    /// level is a few milliseconds of work where a block is tens, so a
    /// page's slices stay short, even while the browser still runs the
    /// code unoptimised. Returns the work done and whether the block has
    /// ended; the numbers are those of one [`Brandes::block`].
    pub(crate) fn advance(&mut self, first: usize) -> (u64, bool) {
        let n = self.local.node_count();
        let count = n.saturating_sub(first).min(BLOCK);
        if count == 0 {
            return (1, true);
        }
        match self.at {
            None => {
                self.start(first, count);
                self.at = Some(Step::Forward);
                (count as u64, false)
            }
            Some(Step::Forward) => {
                let (work, more) = self.forward();
                if !more {
                    self.at = Some(Step::Backward(self.levels.len().saturating_sub(2)));
                }
                (work, false)
            }
            Some(Step::Backward(d)) if d >= 1 => {
                self.at = Some(Step::Backward(d - 1));
                (self.backward(d), false)
            }
            Some(Step::Backward(_)) => {
                self.at = None;
                (self.end(first, count), true)
            }
        }
    }

    /// The block's sources at distance 0.
    fn start(&mut self, first: usize, count: usize) {
        let Brandes {
            seen,
            reached,
            levels,
            sigma,
            reach,
            weight,
            lanes,
            ..
        } = self;
        reached.clear();
        levels.clear();
        levels.push(0);
        for i in 0..count {
            let s = first + i;
            if let (Some(lane), Some(&w)) = (lanes.get_mut(i), weight.get(s)) {
                *lane = w;
            }
            if let (Some(x), Some(row)) = (seen.get_mut(s), sigma.get_mut(s)) {
                *x = 1 << i;
                if let Some(c) = row.get_mut(i) {
                    *c = 1.0;
                }
            }
            reached.push((s, 1 << i));
        }
        levels.push(reached.len());
        reach.fill(0);
    }

    /// The next level of the searches and its path counts σ; `false` when
    /// there was none (the searches are over).
    fn forward(&mut self) -> (u64, bool) {
        let Brandes {
            local: g,
            seen,
            next,
            touched,
            reached,
            levels,
            sigma,
            ..
        } = self;
        let [.., a, b] = *levels.as_slice() else {
            return (0, false);
        };
        if a == b {
            return (0, false);
        }
        let mut work = 0u64;
        // Expand: every actor next to this level learns which sources
        // reach it (and is marked in `touched`), and for the
        // sources that had not reached it, `v → w` is an arc of their
        // shortest-path graph: σ(w) += σ(v). (Arcs in the same order as a
        // pass of their own: the same sums.)
        for &(v, frontier) in reached.get(a..b).unwrap_or(&[]) {
            let nb = g.neighbours(v);
            work += nb.len() as u64;
            for &w in nb {
                if let (Some(x), Some(&s)) = (next.get_mut(w), seen.get(w)) {
                    if let Some(t) = touched.get_mut(w / 64) {
                        *t |= 1 << (w % 64);
                    }
                    *x |= frontier;
                    let first = frontier & !s;
                    if first != 0 {
                        add_rows(sigma, v, w, first);
                    }
                }
            }
        }
        // The new level, in memory order: the sources reaching each
        // touched actor for the first time.
        for (k, t) in touched.iter_mut().enumerate() {
            for i in bits(std::mem::take(t)) {
                let w = k * 64 + i;
                if let (Some(x), Some(s)) = (next.get_mut(w), seen.get_mut(w)) {
                    let new = *x & !*s;
                    *x = 0;
                    if new != 0 {
                        *s |= new;
                        reached.push((w, new));
                    }
                }
            }
        }
        levels.push(reached.len());
        (work, true)
    }

    /// The dependencies δ of level `d` (the levels after it are settled),
    /// summed into `block`.
    fn backward(&mut self, d: usize) -> u64 {
        let Brandes {
            local: g,
            level,
            reached,
            levels,
            sigma,
            delta,
            block,
            reach,
            weight,
            lanes,
            ..
        } = self;
        let (lo, mid, hi) = match (levels.get(d - 1), levels.get(d), levels.get(d + 1)) {
            (Some(&lo), Some(&mid), Some(&hi)) => (lo, mid, hi),
            _ => return 1,
        };
        // Settle level d: δ = σ · Σ (ω(w) + δ(w)) / σ(w) over the
        // successors w, whose sum is complete; keep (ω + δ) / σ for the
        // parents. Each source's δ counts ω(source) times.
        for &(w, mask) in reached.get(mid..hi).unwrap_or(&[]) {
            if let (Some(l), Some(sw), Some(dw), Some(sum), Some(&ow)) = (
                level.get_mut(w),
                sigma.get(w),
                delta.get_mut(w),
                block.get_mut(w),
                weight.get(w),
            ) {
                *l = mask;
                let far = d as u64 * ow as u64;
                for i in bits(mask) {
                    if let (Some(s), Some(x), Some(t), Some(&os)) =
                        (sw.get(i), dw.get_mut(i), reach.get_mut(i), lanes.get(i))
                    {
                        let dependency = *s * *x;
                        *sum += dependency * os;
                        *x = (ow + dependency) / *s;
                        *t += far;
                    }
                }
            }
        }
        // Σ (ω(w) + δ(w)) / σ(w) over the successors w of each parent.
        let work = up_arcs(g, reached.get(lo..mid).unwrap_or(&[]), level, delta);
        clear_level(level, reached.get(mid..hi).unwrap_or(&[]));
        work
    }

    /// Ends the block: the closeness of its sources, its dependencies
    /// added to `raw`; returns the work (the actors reached).
    fn end(&mut self, first: usize, count: usize) -> u64 {
        // Closeness (Wasserman–Faust) of the sources and of the actors
        // hanging off them.
        for i in 0..count {
            let t = self.reach.get(i).copied().unwrap_or(0);
            let source = self.order.get(first + i).copied().unwrap_or(usize::MAX);
            self.trees
                .settle(source, t, self.nodes, &mut self.closeness);
        }
        for (&v, b) in self.order.iter().zip(self.block.iter_mut()) {
            if let Some(r) = self.raw.get_mut(v) {
                *r += *b;
            }
            *b = 0.0;
        }
        // Reset only the actors this block reached (whole rows: cheaper
        // than source by source).
        for &(v, _) in &self.reached {
            if let (Some(seen), Some(sigma), Some(delta)) = (
                self.seen.get_mut(v),
                self.sigma.get_mut(v),
                self.delta.get_mut(v),
            ) {
                if *seen != 0 {
                    *seen = 0;
                    *sigma = [0.0; BLOCK];
                    *delta = [0.0; BLOCK];
                }
            }
        }
        self.reached.len() as u64
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
