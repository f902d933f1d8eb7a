//! How good a picture a layout makes, by figures that do not depend on the
//! algorithm (so ours and ForceAtlas2's can be compared): the same
//! definitions as the benchmark's `layoutQuality` (tests/e2e/bench-report.mjs).
//!
//! - **link ratio**: the mean length of the links over the mean distance
//!   between [`PAIRS`] random pairs of actors (a fixed-seed generator, the
//!   benchmark's): lower means linked actors sit closer than chance;
//! - **neighbour share**: for each actor with k ≥ 1 graph neighbours, the
//!   share of its k nearest actors on the screen that are graph neighbours,
//!   averaged (higher means the picture shows the neighbourhoods; 1 is
//!   perfect). Above [`SAMPLE`] actors, every `n / SAMPLE`-th actor is
//!   measured (brute force on each).

use crate::model::format::dataset::Position;

/// Random pairs drawn for the mean distance.
pub const PAIRS: usize = 20_000;
/// The most actors whose nearest neighbours are measured.
pub const SAMPLE: usize = 2_000;
/// The pair generator's seed (the benchmark's `lcg(7n)`).
const SEED: u64 = 7;

/// The two quality figures of a layout; `None` when undefined (no link, or
/// no actor with a neighbour).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Quality {
    /// Mean link length / mean random-pair distance (lower is better).
    pub link_ratio: Option<f64>,
    /// Mean share of each actor's k nearest on screen that are among its
    /// k graph neighbours (higher is better).
    pub neighbour_share: Option<f64>,
    /// Links measured (self-links and links to missing actors left out).
    pub links: usize,
    /// Actors whose nearest neighbours were measured.
    pub sampled: usize,
}

/// The benchmark's 64-bit linear congruential generator (Knuth's MMIX
/// constants; `below(k)` = the high bits modulo k).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, k: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % k.max(1) as u64) as usize
    }
}

fn distance(a: Position, b: Position) -> f64 {
    libm::hypot(a.x - b.x, a.y - b.y)
}

/// The quality of `positions` (actor *i* at `positions[i]`) for the links
/// `edges` (pairs of actor indices; duplicates count once as neighbours but
/// each adds its length, as in the benchmark).
pub fn measure(positions: &[Position], edges: &[(usize, usize)]) -> Quality {
    let n = positions.len();
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut link_sum = 0.0;
    let mut links = 0usize;
    for &(a, b) in edges {
        let (Some(&pa), Some(&pb)) = (positions.get(a), positions.get(b)) else {
            continue;
        };
        if a == b {
            continue;
        }
        if let Some(list) = neighbours.get_mut(a) {
            list.push(b);
        }
        if let Some(list) = neighbours.get_mut(b) {
            list.push(a);
        }
        link_sum += distance(pa, pb);
        links += 1;
    }
    for list in &mut neighbours {
        list.sort_unstable();
        list.dedup();
    }
    let link_ratio = if links == 0 || n == 0 {
        None
    } else {
        let mut rng = Lcg(SEED);
        let mut pair_sum = 0.0;
        for _ in 0..PAIRS {
            let a = rng.below(n);
            let b = rng.below(n);
            if let (Some(&pa), Some(&pb)) = (positions.get(a), positions.get(b)) {
                pair_sum += distance(pa, pb);
            }
        }
        let mean_pair = pair_sum / PAIRS as f64;
        (mean_pair > 0.0).then(|| link_sum / links as f64 / mean_pair)
    };
    let step = (n / SAMPLE).max(1);
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut dist2 = vec![0.0f64; n];
    let (mut share_sum, mut sampled) = (0.0, 0usize);
    for (i, (&pi, mine)) in positions.iter().zip(&neighbours).enumerate().step_by(step) {
        let k = mine.len();
        if k == 0 || n < 2 {
            continue;
        }
        for (d, p) in dist2.iter_mut().zip(positions) {
            *d = (p.x - pi.x) * (p.x - pi.x) + (p.y - pi.y) * (p.y - pi.y);
        }
        if let Some(d) = dist2.get_mut(i) {
            *d = f64::INFINITY;
        }
        // The k nearest, ties broken by index (as a stable sort by distance).
        order.clear();
        order.extend(0..n);
        let key = |&j: &usize| (dist2.get(j).copied().unwrap_or(f64::INFINITY), j);
        let k = k.min(n - 1);
        if k < n {
            order.select_nth_unstable_by(k - 1, |a, b| {
                let (da, ia) = key(a);
                let (db, ib) = key(b);
                da.total_cmp(&db).then(ia.cmp(&ib))
            });
        }
        let hits = order
            .iter()
            .take(k)
            .filter(|j| mine.binary_search(j).is_ok())
            .count();
        share_sum += hits as f64 / mine.len() as f64;
        sampled += 1;
    }
    Quality {
        link_ratio,
        neighbour_share: (sampled > 0).then(|| share_sum / sampled as f64),
        links,
        sampled,
    }
}

#[cfg(test)]
mod tests;
