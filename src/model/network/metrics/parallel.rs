//! [`measures_threaded`]: the same numbers as [`super::measures`], with the
//! breadth-first searches spread over several threads (native only; the
//! browser uses [`super::MeasureJob`] in slices instead).
//!
//! Betweenness is summed by blocks of [`BLOCK`] sources in block order
//! whatever thread computed a block, so the result is bit-identical to the
//! one-thread computation.

use super::centrality::{add_halves, normalise, split, Brandes, PageRank, BLOCK};
use super::louvain::louvain;
use super::{degree, MeasureGraph, Measures};

/// Every measure, the searches on up to `threads` threads: the same bits
/// as [`super::measures`], sooner on several cores.
///
/// Complexity: O(n·m / threads) time plus O(n + m) per thread of memory.
///
/// ```
/// use civicmap::model::network::metrics::{measures, measures_threaded, MeasureGraph};
/// let edges: Vec<(usize, usize)> = (0..300).map(|i| (i, (i * 7 + 3) % 300)).collect();
/// let g = MeasureGraph::from_edges(300, &edges);
/// assert_eq!(measures_threaded(&g, 3), measures(&g));
/// ```
pub fn measures_threaded(g: &MeasureGraph, threads: usize) -> Measures {
    let n = g.node_count();
    let blocks = n.div_ceil(BLOCK);
    let threads = threads.clamp(1, blocks.max(1));
    let per_thread = blocks.div_ceil(threads);
    // Each thread: (first block, the raw sums of each of its blocks, the
    // closeness of its sources).
    type Part = (usize, Vec<Vec<f64>>, Vec<(usize, f64)>);
    let parts: Vec<Part> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let first = t * per_thread;
                    let last = ((t + 1) * per_thread).min(blocks);
                    let mut b = Brandes::new(g);
                    let mut sums = Vec::new();
                    let mut close = Vec::new();
                    for block in first..last {
                        b.block(block * BLOCK);
                        for &s in b.sources(block * BLOCK) {
                            close.push((s, b.closeness.get(s).copied().unwrap_or(0.0)));
                        }
                        // The block was flushed into a zero `raw`: its sums exactly.
                        sums.push(std::mem::replace(&mut b.raw, vec![0.0; n]));
                    }
                    (first, sums, close)
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    // Each half of the sources summed from zero, block by block in order,
    // then the halves added: the bits of the one-thread job.
    let second_block = split(n).div_ceil(BLOCK);
    let mut halves = [vec![0.0; n], vec![0.0; n]];
    let mut closeness = vec![0.0; n];
    let mut ordered: Vec<&Part> = parts.iter().collect();
    ordered.sort_by_key(|p| p.0);
    for (first, sums, close) in ordered {
        for (i, block) in sums.iter().enumerate() {
            let half = usize::from(first + i >= second_block);
            if let Some(raw) = halves.get_mut(half) {
                for (r, x) in raw.iter_mut().zip(block) {
                    *r += *x;
                }
            }
        }
        for &(s, c) in close {
            if let Some(slot) = closeness.get_mut(s) {
                *slot = c;
            }
        }
    }
    let [first_half, second_half] = &halves;
    let mut rank = PageRank::new(g);
    while !rank.done {
        rank.iterate(g);
    }
    Measures {
        degree: degree(g),
        betweenness: normalise(&add_halves(first_half, second_half)),
        closeness,
        pagerank: rank.rank,
        communities: louvain(g),
    }
}
