//! Tests of the Pivot MDS start: graph distances become plane distances,
//! disconnected parts and isolated actors do not collapse, and bad input
//! gives no start rather than a panic.

use super::*;

fn dist(a: Position, b: Position) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

fn seeded() -> impl FnMut() -> f64 {
    let mut x = 0x1234_5678_u64;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn a_path_is_laid_out_in_order() {
    let n = 40;
    let edges: Vec<_> = (1..n).map(|i| (i - 1, i)).collect();
    let p = pivot_mds(n, &edges, (0.0, 0.0), 400.0, seeded()).unwrap();
    // Distances from one end grow along the path (up to the small offsets).
    let from_end: Vec<f64> = p.iter().map(|&q| dist(p[0], q)).collect();
    for i in 5..n {
        assert!(from_end[i] > from_end[i - 5], "{i}: {from_end:?}");
    }
    // Spread over about the square asked for, around its centre.
    let far = from_end.iter().cloned().fold(0.0, f64::max);
    assert!(far > 200.0 && far < 800.0, "{far}");
}

#[test]
fn two_clusters_start_apart() {
    // Two cliques of 10 joined by one long path of 6 links.
    let mut edges = Vec::new();
    for base in [0, 10] {
        for a in 0..10 {
            for b in a + 1..10 {
                edges.push((base + a, base + b));
            }
        }
    }
    let mut prev = 0;
    for v in 20..25 {
        edges.push((prev, v));
        prev = v;
    }
    edges.push((prev, 10));
    let p = pivot_mds(25, &edges, (0.0, 0.0), 500.0, seeded()).unwrap();
    let centre = |r: std::ops::Range<usize>| {
        let k = r.len() as f64;
        let (x, y) = r.fold((0.0, 0.0), |(x, y), i| (x + p[i].x, y + p[i].y));
        Position { x: x / k, y: y / k }
    };
    let (a, b) = (centre(0..10), centre(10..20));
    let spread_a = (0..10).map(|i| dist(p[i], a)).fold(0.0, f64::max);
    assert!(dist(a, b) > 3.0 * spread_a, "{} vs {spread_a}", dist(a, b));
}

#[test]
fn isolated_actors_and_small_parts_do_not_coincide_or_steal_pivots() {
    // A path of 30 and 200 isolated actors.
    let edges: Vec<_> = (1..30).map(|i| (i - 1, i)).collect();
    let p = pivot_mds(230, &edges, (5.0, -5.0), 600.0, seeded()).unwrap();
    assert!(p.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
    for i in 30..230 {
        for j in i + 1..230 {
            assert!(dist(p[i], p[j]) > 1e-6, "{i} and {j} coincide");
        }
    }
    // The path is still laid out along its length.
    assert!(dist(p[0], p[29]) > 4.0 * dist(p[0], p[1]));
}

#[test]
fn deterministic_and_no_start_for_degenerate_input() {
    let edges = [(0, 1), (1, 2), (2, 3), (3, 0), (0, 2)];
    let a = pivot_mds(4, &edges, (0.0, 0.0), 100.0, seeded());
    assert_eq!(a, pivot_mds(4, &edges, (0.0, 0.0), 100.0, seeded()));
    assert!(a.is_some());
    assert_eq!(pivot_mds(2, &[(0, 1)], (0.0, 0.0), 10.0, seeded()), None);
    assert_eq!(pivot_mds(10, &[], (0.0, 0.0), 10.0, seeded()), None);
    // Ends out of range are ignored.
    let p = pivot_mds(
        5,
        &[(0, 1), (1, 99), (1, 2), (2, 3), (3, 4)],
        (0.0, 0.0),
        50.0,
        seeded(),
    );
    assert!(p.is_some_and(|p| p.len() == 5));
}
