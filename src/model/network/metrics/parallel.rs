//! [`measures_threaded`]: the same numbers as [`super::measures`], with the
//! breadth-first searches spread over several threads (native only; the
//! browser uses [`super::MeasureJob`] in slices instead).
//!
//! Betweenness is summed by blocks of [`BLOCK`] sources in block order
//! whatever thread computed a block, so the result is bit-identical to the
//! one-thread computation.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::centrality::{add_halves, normalise, split, Brandes, PageRank, BLOCK};
use super::louvain::louvain;
use super::{degree, MeasureGraph, Measures};

/// Every measure, the searches on up to `threads` threads: the same bits
/// as [`super::measures`], sooner on several cores.
///
/// Complexity: O(n·m / threads) time plus O(n + m) per thread of memory
/// (1 KB per actor and thread).
///
/// ```
/// use civicmap::model::network::metrics::{measures, measures_threaded, MeasureGraph};
/// let edges: Vec<(usize, usize)> = (0..300).map(|i| (i, (i * 7 + 3) % 300)).collect();
/// let g = MeasureGraph::from_edges(300, &edges);
/// assert_eq!(measures_threaded(&g, 3), measures(&g));
/// ```
pub fn measures_threaded(g: &MeasureGraph, threads: usize) -> Measures {
    let n = g.node_count();
    let base = Brandes::new(g);
    let sources = base.count();
    let blocks = sources.div_ceil(BLOCK);
    let threads = threads.clamp(1, blocks.max(1));
    // Each thread takes the next block not taken yet (blocks differ in
    // cost: the first ones hold the actors without links). A finished
    // block's raw sums wait in `Merge` until the blocks before it are
    // added, so they are added in block order whoever finished first.
    // PageRank and the communities are computed meanwhile on this thread.
    let next = AtomicUsize::new(0);
    let merge = Mutex::new(Merge {
        next: 0,
        second_block: split(sources).div_ceil(BLOCK),
        waiting: BTreeMap::new(),
        halves: [base.trees.start(), vec![0.0; n]],
        closeness: vec![0.0; n],
    });
    let (rank, communities) = std::thread::scope(|scope| {
        for _ in 0..threads {
            let (next, merge, base) = (&next, &merge, &base);
            scope.spawn(move || {
                let mut b = base.clone();
                loop {
                    let block = next.fetch_add(1, Ordering::Relaxed);
                    if block >= blocks {
                        break;
                    }
                    b.block(block * BLOCK);
                    // The block was flushed into a zero `raw`: its sums exactly.
                    let sums = std::mem::replace(&mut b.raw, vec![0.0; n]);
                    if let Ok(mut m) = merge.lock() {
                        for s in b.settled(block * BLOCK) {
                            if let (Some(c), Some(x)) = (m.closeness.get_mut(s), b.closeness.get(s))
                            {
                                *c = *x;
                            }
                        }
                        m.add(block, sums);
                    }
                }
            });
        }
        let mut rank = PageRank::new(g);
        while !rank.done {
            rank.iterate(g);
        }
        (rank, louvain(g))
    });
    let Merge {
        halves: [first_half, second_half],
        closeness,
        ..
    } = merge
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    Measures {
        degree: degree(g),
        betweenness: normalise(&add_halves(&first_half, &second_half)),
        closeness,
        pagerank: rank.rank,
        communities,
    }
}

/// The blocks' raw sums, added in block order: each half of the sources
/// from zero, then the halves added — the bits of the one-thread job.
struct Merge {
    /// The next block to add.
    next: usize,
    /// The first block of the second half.
    second_block: usize,
    /// Finished blocks that wait for an earlier one.
    waiting: BTreeMap<usize, Vec<f64>>,
    halves: [Vec<f64>; 2],
    closeness: Vec<f64>,
}

impl Merge {
    fn add(&mut self, block: usize, sums: Vec<f64>) {
        self.waiting.insert(block, sums);
        while let Some(sums) = self.waiting.remove(&self.next) {
            let half = usize::from(self.next >= self.second_block);
            if let Some(raw) = self.halves.get_mut(half) {
                for (r, x) in raw.iter_mut().zip(&sums) {
                    *r += *x;
                }
            }
            self.next += 1;
        }
    }
}
