//! [`Trees`]: the actors that hang off a graph's core in trees, whose
//! betweenness and closeness follow from counting, so that Brandes'
//! searches run on the core alone.
//!
//! Removing actors of degree 1 one after another (the "1-degree reduction"
//! of Baglioni, Geraci, Pellegrini and Lastres, "Fast exact computation of
//! betweenness centrality in social networks", ASONAM 2012) leaves the
//! core: the 2-core of each connected piece, or one actor of a piece that
//! is a tree. Every removed actor hangs, through its parent (its last
//! neighbour when it was removed), off one actor of the core: its root.
//! A shortest chain into a hanging tree is the chain to its root and then
//! the only way down, so
//! - the searches from the core, each core actor `c` counting as
//!   `ω(c) = 1 +` the actors hanging off it, give the betweenness that
//!   chains between two core actors' groups add;
//! - the chains that enter a tree add to its actors and root a term that
//!   only counts actors ([`Trees::start`]);
//! - a hanging actor's distances are its parent's, one longer towards
//!   everyone outside its own subtree and one shorter inside it
//!   ([`Trees::settle`]).
//!
//! On the 10,000-node sigma.js graph the core is 9,026 of its 10,000
//! actors. The numbers are those of the plain searches up to rounding, and
//! bit-identical when nothing hangs (`ω = 1` multiplies and adds exactly).

use super::MeasureGraph;

/// One hanging actor, in [`Trees::hanging`]: `node`, its subtree's size
/// (itself included) and its parent's position in the same root's list
/// (`None`: the parent is the root).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hanging {
    node: usize,
    size: u64,
    parent: Option<usize>,
}

/// The core of a graph and what hangs off it (module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Trees {
    /// Per node: whether it is in the core.
    pub(crate) core: Vec<bool>,
    /// Per node: the actors hanging below it (its subtree without itself).
    below: Vec<u64>,
    /// Per node: the size of its connected piece.
    piece: Vec<u64>,
    /// Per node: the depths of all the actors hanging anywhere in its
    /// piece, summed (each counted from its own root).
    depths: Vec<u64>,
    /// Per node: the raw betweenness of the chains that enter a tree
    /// (each pair counted from both ends, as Brandes' raw sums).
    raw: Vec<f64>,
    /// The hanging actors by root, each root's parents before their
    /// children: `hanging[first[r]..first[r + 1]]` for root `r`.
    hanging: Vec<Hanging>,
    first: Vec<usize>,
}

impl Trees {
    /// Finds the trees of `g`.
    ///
    /// Complexity: O(n + m).
    pub(crate) fn new(g: &MeasureGraph) -> Trees {
        let n = g.node_count();
        let mut degree: Vec<usize> = (0..n).map(|v| g.neighbours(v).len()).collect();
        let mut core = vec![true; n];
        let mut below = vec![0u64; n];
        let mut squares = vec![0u64; n];
        let mut depth_sums = vec![0u64; n];
        let mut parent = vec![usize::MAX; n];
        // Leaves in node order, then each actor as it becomes a leaf.
        let mut queue: Vec<usize> = (0..n).filter(|&v| degree.get(v) == Some(&1)).collect();
        let mut removed = Vec::new();
        let mut head = 0;
        while let Some(&v) = queue.get(head) {
            head += 1;
            if degree.get(v) != Some(&1) || !core.get(v).copied().unwrap_or(false) {
                continue;
            }
            let Some(&u) = g
                .neighbours(v)
                .iter()
                .find(|&&w| core.get(w).copied().unwrap_or(false))
            else {
                continue;
            };
            if let Some(c) = core.get_mut(v) {
                *c = false;
            }
            if let Some(p) = parent.get_mut(v) {
                *p = u;
            }
            removed.push(v);
            let size = below.get(v).copied().unwrap_or(0) + 1;
            let depth = depth_sums.get(v).copied().unwrap_or(0);
            if let (Some(b), Some(s), Some(d), Some(k)) = (
                below.get_mut(u),
                squares.get_mut(u),
                depth_sums.get_mut(u),
                degree.get_mut(u),
            ) {
                *b += size;
                *s += size * size;
                *d += depth + size;
                *k -= 1;
                if *k == 1 {
                    queue.push(u);
                }
            }
        }
        let label = piece_labels(g);
        let mut count = vec![0u64; n];
        for &l in &label {
            if let Some(c) = count.get_mut(l) {
                *c += 1;
            }
        }
        let piece: Vec<u64> = label
            .iter()
            .map(|&l| count.get(l).copied().unwrap_or(1))
            .collect();
        // The chains through an actor that start in its subtree: to the
        // rest of its piece, and between two of its children's subtrees.
        let raw = (0..n)
            .map(|v| {
                let p = below.get(v).copied().unwrap_or(0);
                let size = piece.get(v).copied().unwrap_or(1);
                let between = p * p - squares.get(v).copied().unwrap_or(0);
                (2 * p * (size - p - 1) + between) as f64
            })
            .collect();
        // Each hanging actor's root; the lists parents first (the reverse
        // of the removal order).
        let mut root = vec![usize::MAX; n];
        let mut by_root: Vec<(usize, usize)> = Vec::with_capacity(removed.len());
        for &v in removed.iter().rev() {
            let p = parent.get(v).copied().unwrap_or(usize::MAX);
            let r = if core.get(p).copied().unwrap_or(false) {
                p
            } else {
                root.get(p).copied().unwrap_or(usize::MAX)
            };
            if let Some(x) = root.get_mut(v) {
                *x = r;
            }
            by_root.push((r, v));
        }
        by_root.sort_by_key(|&(r, _)| r); // stable: parents stay first
        let mut first = vec![0usize; n + 1];
        for &(r, _) in &by_root {
            if let Some(c) = first.get_mut(r + 1) {
                *c += 1;
            }
        }
        for v in 0..n {
            let before = first.get(v).copied().unwrap_or(0);
            if let Some(c) = first.get_mut(v + 1) {
                *c += before;
            }
        }
        let mut position = vec![usize::MAX; n];
        let mut hanging = Vec::with_capacity(by_root.len());
        for (i, &(r, v)) in by_root.iter().enumerate() {
            if let Some(x) = position.get_mut(v) {
                *x = i - first.get(r).copied().unwrap_or(0);
            }
            let p = parent.get(v).copied().unwrap_or(usize::MAX);
            hanging.push(Hanging {
                node: v,
                size: below.get(v).copied().unwrap_or(0) + 1,
                parent: (p != r).then(|| position.get(p).copied().unwrap_or(0)),
            });
        }
        // The depths hanging in each piece, summed over its roots.
        let mut per_piece = vec![0u64; n];
        for (v, &l) in label.iter().enumerate() {
            if let (Some(s), Some(&d)) = (per_piece.get_mut(l), depth_sums.get(v)) {
                if core.get(v).copied().unwrap_or(false) {
                    *s += d;
                }
            }
        }
        let depths = label
            .iter()
            .map(|&l| per_piece.get(l).copied().unwrap_or(0))
            .collect();
        Trees {
            core,
            below,
            piece,
            depths,
            raw,
            hanging,
            first,
        }
    }

    /// `ω(v)`: the core actor `v` and the actors hanging off it.
    pub(crate) fn weight(&self, v: usize) -> u64 {
        self.below.get(v).copied().unwrap_or(0) + 1
    }

    /// The raw betweenness sums that the first half of the searches starts
    /// from (`centrality::split`): what the chains into the trees add.
    pub(crate) fn start(&self) -> Vec<f64> {
        self.raw.clone()
    }

    /// The actors hanging off `root`, parents first (native only: the
    /// CLI's threads copy their closeness).
    #[cfg(any(test, not(target_arch = "wasm32")))]
    pub(crate) fn below(&self, root: usize) -> impl Iterator<Item = usize> + '_ {
        self.list(root).iter().map(|h| h.node)
    }

    fn list(&self, root: usize) -> &[Hanging] {
        match (self.first.get(root), self.first.get(root + 1)) {
            (Some(&a), Some(&b)) => self.hanging.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The closeness of core actor `root`, whose search found the core
    /// actors of its piece at `distance` in total (each counted `ω` times),
    /// and of the actors hanging off it, written into `closeness`; `n` is
    /// the graph's node count.
    pub(crate) fn settle(&self, root: usize, distance: u64, n: usize, closeness: &mut [f64]) {
        let piece = self.piece.get(root).copied().unwrap_or(1);
        let total = distance + self.depths.get(root).copied().unwrap_or(0);
        if let Some(c) = closeness.get_mut(root) {
            *c = wasserman_faust(piece, total, n);
        }
        // A child's distances: one longer to the piece outside its
        // subtree, one shorter to its subtree.
        let list = self.list(root);
        let mut totals = Vec::with_capacity(list.len());
        for h in list {
            let above = h
                .parent
                .and_then(|p| totals.get(p).copied())
                .unwrap_or(total);
            let t = (above + piece).saturating_sub(2 * h.size);
            totals.push(t);
            if let Some(c) = closeness.get_mut(h.node) {
                *c = wasserman_faust(piece, t, n);
            }
        }
    }
}

/// Wasserman–Faust closeness, as networkx computes it: `piece` actors
/// reachable (itself included) at `total` distance, of `n`.
fn wasserman_faust(piece: u64, total: u64, n: usize) -> f64 {
    let r = piece as f64;
    if total > 0 && n > 1 {
        ((r - 1.0) / total as f64) * ((r - 1.0) / (n as f64 - 1.0))
    } else {
        0.0
    }
}

/// Each node's connected piece, numbered by its lowest node.
///
/// Complexity: O(n + m).
fn piece_labels(g: &MeasureGraph) -> Vec<usize> {
    let n = g.node_count();
    let mut label = vec![usize::MAX; n];
    let mut stack = Vec::new();
    for s in 0..n {
        if label.get(s) != Some(&usize::MAX) {
            continue;
        }
        stack.push(s);
        while let Some(v) = stack.pop() {
            if let Some(l) = label.get_mut(v) {
                if *l != usize::MAX {
                    continue;
                }
                *l = s;
            }
            stack.extend(
                g.neighbours(v)
                    .iter()
                    .copied()
                    .filter(|&w| label.get(w) == Some(&usize::MAX)),
            );
        }
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_one_core_actor_with_everything_hanging() {
        // 0 — 1 — 2 — 3: leaves 0 and 3 go, then 1 (or 2): one actor left.
        let g = MeasureGraph::from_edges(4, &[(0, 1), (1, 2), (2, 3)]);
        let t = Trees::new(&g);
        assert_eq!(t.core.iter().filter(|&&c| c).count(), 1);
        let root = t.core.iter().position(|&c| c).unwrap_or(9);
        assert_eq!(t.weight(root), 4);
        assert_eq!(t.below(root).count(), 3);
        // Raw sums: 1 and 2 are each on 2 of the 6 pairs, from both ends.
        assert_eq!(t.start(), vec![0.0, 4.0, 4.0, 0.0]);
    }

    #[test]
    fn a_cycle_keeps_every_actor_and_its_tails_hang() {
        // A triangle 0-1-2 with a tail 2 — 3 — 4.
        let g = MeasureGraph::from_edges(5, &[(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)]);
        let t = Trees::new(&g);
        assert_eq!(t.core, vec![true, true, true, false, false]);
        assert_eq!(t.weight(2), 3);
        assert_eq!(t.below(2).collect::<Vec<_>>(), vec![3, 4]);
        let mut c = vec![0.0; 5];
        // From 2: 0 and 1 at 1 (weight 1 each), then 3 at 1 and 4 at 2.
        t.settle(2, 2, 5, &mut c);
        assert_eq!(c[2], (4.0 / 5.0) * (4.0 / 4.0));
        // From 3: 2 and 4 at 1, 0 and 1 at 2: 6.
        assert_eq!(c[3], (4.0 / 6.0) * (4.0 / 4.0));
        // From 4: 3 at 1, 2 at 2, 0 and 1 at 3: 9.
        assert_eq!(c[4], (4.0 / 9.0) * (4.0 / 4.0));
    }
}
