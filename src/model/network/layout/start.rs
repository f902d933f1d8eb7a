//! The layout's starting positions when no actor is pinned: Pivot MDS
//! (Brandes & Pich, "Eigensolver methods for progressive multidimensional
//! scaling of large data", 2006). Graph distances from a few pivots (one
//! breadth-first search each), double-centred, and the two main axes of
//! that matrix found by power iteration: actors far apart in the graph
//! start far apart on the plane, so the forces only have the local
//! structure left to settle — far fewer iterations than from random
//! positions, for a better picture.
//!
//! Deterministic like the rest of the layout: pivots chosen by index order
//! on ties, fixed iteration counts, only + − × ÷ √, sums in index order.
//! Disconnected parts are placed by a distance one more than the longest
//! finite one; every actor also gets a small seeded offset, so that actors
//! with the same distances (isolated ones, leaves of one hub) do not start
//! on the same point.

use crate::model::format::dataset::Position;

/// The most pivots (breadth-first searches).
const PIVOTS: usize = 50;
/// The fewest actors a disconnected part needs to get pivots of its own.
const MIN_PART: usize = 8;
/// Power-iteration steps per axis.
const POWER_STEPS: usize = 100;

/// The adjacency of `n` actors from the layout's edges, as compressed rows.
fn adjacency(n: usize, edges: &[(usize, usize)]) -> (Vec<usize>, Vec<usize>) {
    let mut degree = vec![0usize; n + 1];
    for &(s, t) in edges {
        if s < n && t < n {
            if let Some(d) = degree.get_mut(s) {
                *d += 1;
            }
            if let Some(d) = degree.get_mut(t) {
                *d += 1;
            }
        }
    }
    let mut offsets = Vec::with_capacity(n + 1);
    let mut sum = 0usize;
    for d in &degree {
        offsets.push(sum);
        sum += d;
    }
    let mut fill = offsets.clone();
    let mut targets = vec![0usize; sum];
    for &(s, t) in edges {
        if s < n && t < n {
            for (a, b) in [(s, t), (t, s)] {
                if let Some(f) = fill.get_mut(a) {
                    if let Some(slot) = targets.get_mut(*f) {
                        *slot = b;
                    }
                    *f += 1;
                }
            }
        }
    }
    (offsets, targets)
}

/// A breadth-first sweep from the actors already in `queue`: `discover(v,
/// w)` is asked for each neighbour `w` of each reached `v` and says whether
/// `w` is newly reached (then queued).
fn sweep(
    offsets: &[usize],
    targets: &[usize],
    queue: &mut Vec<usize>,
    mut discover: impl FnMut(usize, usize) -> bool,
) {
    let mut head = 0;
    while let Some(&v) = queue.get(head) {
        head += 1;
        let (a, b) = (
            offsets.get(v).copied().unwrap_or(0),
            offsets.get(v + 1).copied().unwrap_or(0),
        );
        for &w in targets.get(a..b).unwrap_or(&[]) {
            if discover(v, w) {
                queue.push(w);
            }
        }
    }
}

/// The size of each actor's connected part (one pass over the graph).
fn part_sizes(offsets: &[usize], targets: &[usize]) -> Vec<usize> {
    let n = offsets.len().saturating_sub(1);
    let mut part = vec![usize::MAX; n];
    let mut sizes = Vec::new();
    let mut queue = Vec::new();
    for v in 0..n {
        if part.get(v).is_none_or(|&p| p != usize::MAX) {
            continue;
        }
        let id = sizes.len();
        queue.clear();
        queue.push(v);
        if let Some(p) = part.get_mut(v) {
            *p = id;
        }
        sweep(offsets, targets, &mut queue, |_, w| match part.get_mut(w) {
            Some(p) if *p == usize::MAX => {
                *p = id;
                true
            }
            _ => false,
        });
        sizes.push(queue.len());
    }
    part.iter()
        .map(|&p| sizes.get(p).copied().unwrap_or(1))
        .collect()
}

/// Breadth-first distances from `from` (`u32::MAX`: unreachable).
fn bfs(
    from: usize,
    offsets: &[usize],
    targets: &[usize],
    dist: &mut [u32],
    queue: &mut Vec<usize>,
) {
    dist.fill(u32::MAX);
    queue.clear();
    if let Some(d) = dist.get_mut(from) {
        *d = 0;
        queue.push(from);
    }
    sweep(offsets, targets, queue, |v, w| {
        let dv = dist.get(v).copied().unwrap_or(u32::MAX);
        match dist.get_mut(w) {
            Some(dw) if *dw == u32::MAX => {
                *dw = dv.saturating_add(1);
                true
            }
            _ => false,
        }
    });
}

/// The starting positions of `n` actors linked by `edges`, spread over
/// about the square of side `side` centred on `center`; `unit` draws the
/// seeded offsets (uniform in [0, 1)). `None` below three actors or without
/// a link (the random start is as good there).
pub fn pivot_mds(
    n: usize,
    edges: &[(usize, usize)],
    center: (f64, f64),
    side: f64,
    mut unit: impl FnMut() -> f64,
) -> Option<Vec<Position>> {
    if n < 3 || edges.is_empty() {
        return None;
    }
    let (offsets, targets) = adjacency(n, edges);
    let k = PIVOTS.min(n);
    // The size of each actor's connected part: a small part (an isolated
    // actor, a pair) never gets a pivot of its own.
    let part_size = part_sizes(&offsets, &targets);
    // Pivots: the most linked actor, then each time the actor farthest
    // from all the pivots so far (max-min), lowest index on ties.
    let degree =
        |v: usize| offsets.get(v + 1).copied().unwrap_or(0) - offsets.get(v).copied().unwrap_or(0);
    let mut pivot = (0..n).fold(0, |best, v| if degree(v) > degree(best) { v } else { best });
    let mut columns: Vec<Vec<u32>> = Vec::with_capacity(k);
    let mut nearest = vec![u32::MAX; n];
    let mut queue = Vec::with_capacity(n);
    let mut longest = 0u32;
    for _ in 0..k {
        let mut dist = vec![0u32; n];
        bfs(pivot, &offsets, &targets, &mut dist, &mut queue);
        for (m, &d) in nearest.iter_mut().zip(&dist) {
            *m = (*m).min(d);
            if d != u32::MAX {
                longest = longest.max(d);
            }
        }
        columns.push(dist);
        // Unreached actors of a big enough part come first; unreached
        // actors of a small part never.
        let mut next = None;
        let mut far = 0u32;
        for (v, (&m, &size)) in nearest.iter().zip(&part_size).enumerate() {
            if (m != u32::MAX || size >= MIN_PART) && m > far {
                far = m;
                next = Some(v);
            }
        }
        match next {
            Some(v) => pivot = v,
            None => break,
        }
    }
    let k = columns.len();
    // Squared distances, unreachable = one more than the longest finite.
    let cap = f64::from(longest) + 1.0;
    let mut c = vec![0.0f64; n * k];
    for (j, col) in columns.iter().enumerate() {
        for (i, &d) in col.iter().enumerate() {
            let d = if d == u32::MAX { cap } else { f64::from(d) };
            if let Some(slot) = c.get_mut(i * k + j) {
                *slot = d * d;
            }
        }
    }
    // Double centring: c_ij ← −½ (d²_ij − row mean − column mean + mean).
    let mut col_mean = vec![0.0f64; k];
    let mut row_mean = vec![0.0f64; n];
    for (i, row) in c.chunks(k).enumerate() {
        let mut s = 0.0;
        for (m, &x) in col_mean.iter_mut().zip(row) {
            *m += x;
            s += x;
        }
        if let Some(r) = row_mean.get_mut(i) {
            *r = s / k as f64;
        }
    }
    for m in &mut col_mean {
        *m /= n as f64;
    }
    let mean = col_mean.iter().sum::<f64>() / k as f64;
    for (row, &rm) in c.chunks_mut(k).zip(&row_mean) {
        for (x, &cm) in row.iter_mut().zip(&col_mean) {
            *x = -0.5 * (*x - rm - cm + mean);
        }
    }
    // CᵀC (k × k), then its two main eigenvectors by power iteration.
    let mut ctc = vec![0.0f64; k * k];
    for row in c.chunks(k) {
        for (a, &xa) in row.iter().enumerate() {
            for (b, &xb) in row.iter().enumerate() {
                if let Some(slot) = ctc.get_mut(a * k + b) {
                    *slot += xa * xb;
                }
            }
        }
    }
    let multiply = |v: &[f64]| -> Vec<f64> {
        ctc.chunks(k)
            .map(|row| row.iter().zip(v).map(|(a, b)| a * b).sum())
            .collect()
    };
    let normalise = |v: &mut Vec<f64>| {
        let len = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if len > 0.0 && len.is_finite() {
            for x in v.iter_mut() {
                *x /= len;
            }
        }
    };
    let mut axes: Vec<Vec<f64>> = Vec::with_capacity(2);
    for axis in 0..2 {
        let mut v: Vec<f64> = (0..k).map(|_| unit() - 0.5).collect();
        for _ in 0..POWER_STEPS {
            v = multiply(&v);
            for u in &axes {
                let dot: f64 = v.iter().zip(u).map(|(a, b)| a * b).sum();
                for (x, &y) in v.iter_mut().zip(u) {
                    *x -= dot * y;
                }
            }
            normalise(&mut v);
        }
        if axis == 0 && v.iter().all(|&x| x == 0.0) {
            return None;
        }
        axes.push(v);
    }
    // Coordinates C·v, scaled so their spread matches the square's.
    let mut xy: Vec<(f64, f64)> = c
        .chunks(k)
        .map(|row| {
            let dot = |v: &Vec<f64>| row.iter().zip(v).map(|(a, b)| a * b).sum::<f64>();
            (axes.first().map_or(0.0, dot), axes.get(1).map_or(0.0, dot))
        })
        .collect();
    let (mx, my) = xy
        .iter()
        .fold((0.0, 0.0), |(sx, sy), &(x, y)| (sx + x, sy + y));
    let (mx, my) = (mx / n as f64, my / n as f64);
    let spread = (xy
        .iter()
        .map(|&(x, y)| (x - mx) * (x - mx) + (y - my) * (y - my))
        .sum::<f64>()
        / n as f64)
        .sqrt();
    if !(spread > 0.0 && spread.is_finite()) {
        return None;
    }
    // A uniform square of side s has an RMS radius of s / √6.
    let scale = side / 6.0f64.sqrt() / spread;
    // The offsets: a few percent of the side's share per actor.
    let jitter = side / (n as f64).sqrt() * 0.5;
    for p in &mut xy {
        p.0 = center.0 + (p.0 - mx) * scale + (unit() - 0.5) * jitter;
        p.1 = center.1 + (p.1 - my) * scale + (unit() - 0.5) * jitter;
    }
    Some(xy.into_iter().map(|(x, y)| Position { x, y }).collect())
}

#[cfg(test)]
mod tests;
