//! Tests of the layout-quality figures: a perfect picture, a scrambled one,
//! the benchmark's generator, and inputs that must not panic.

use super::*;

fn line(n: usize) -> Vec<Position> {
    (0..n)
        .map(|i| Position {
            x: i as f64,
            y: 0.0,
        })
        .collect()
}

fn path_edges(n: usize) -> Vec<(usize, usize)> {
    (1..n).map(|i| (i - 1, i)).collect()
}

#[test]
fn the_generator_is_the_benchmarks() {
    // node: lcg(7n).below(1000) five times (tests/e2e/bench-data.mjs).
    let mut r = Lcg(SEED);
    let got: Vec<usize> = (0..5).map(|_| r.below(1000)).collect();
    assert_eq!(got, [278, 231, 753, 673, 545]);
}

#[test]
fn a_path_drawn_on_a_line_is_perfect() {
    let q = measure(&line(50), &path_edges(50));
    assert_eq!(q.neighbour_share, Some(1.0));
    assert_eq!(q.links, 49);
    assert_eq!(q.sampled, 50);
    // Links have length 1, random pairs on 50 points average about 50/3.
    let r = q.link_ratio.unwrap();
    assert!(r > 0.04 && r < 0.08, "{r}");
}

#[test]
fn a_scrambled_picture_scores_worse() {
    let n = 200;
    let good = measure(&line(n), &path_edges(n));
    // The same path, its actors placed in a scrambled order.
    let mut p = line(n);
    let mut r = Lcg(99);
    for i in (1..n).rev() {
        p.swap(i, r.below(i + 1));
    }
    let bad = measure(&p, &path_edges(n));
    assert!(bad.link_ratio.unwrap() > 5.0 * good.link_ratio.unwrap());
    assert!(bad.neighbour_share.unwrap() < 0.3, "{bad:?}");
}

#[test]
fn neighbours_are_counted_once_and_self_links_skipped() {
    // a–b twice, b–b, and c far away linked to a.
    let p = [
        Position { x: 0.0, y: 0.0 },
        Position { x: 1.0, y: 0.0 },
        Position { x: 10.0, y: 0.0 },
    ];
    let q = measure(&p, &[(0, 1), (1, 0), (1, 1), (0, 2)]);
    assert_eq!(q.links, 3);
    // a: neighbours {b, c}, nearest two {b, c} → 1; b: {a} nearest a → 1;
    // c: {a}, nearest is b → 0.
    let share = q.neighbour_share.unwrap();
    assert!((share - 2.0 / 3.0).abs() < 1e-12, "{share}");
}

#[test]
fn big_graphs_are_sampled() {
    let n = 5 * SAMPLE;
    let q = measure(&line(n), &path_edges(n));
    assert_eq!(q.sampled, SAMPLE);
    assert_eq!(q.neighbour_share, Some(1.0));
}

#[test]
fn undefined_figures_and_hostile_input_do_not_panic() {
    let none = measure(&[], &[]);
    assert_eq!((none.link_ratio, none.neighbour_share), (None, None));
    let q = measure(&line(3), &[]);
    assert_eq!((q.link_ratio, q.neighbour_share), (None, None));
    // Links to actors that do not exist are left out.
    let q = measure(&line(3), &[(0, 7), (9, 9), (0, 1)]);
    assert_eq!(q.links, 1);
    // Non-finite or coincident positions give some figure, never a panic.
    let p = [
        Position {
            x: f64::NAN,
            y: 0.0,
        },
        Position {
            x: f64::INFINITY,
            y: 1.0,
        },
        Position { x: 0.0, y: 0.0 },
        Position { x: 0.0, y: 0.0 },
    ];
    let _ = measure(&p, &[(0, 1), (2, 3), (1, 2)]);
    let same = measure(&[Position { x: 1.0, y: 1.0 }; 2], &[(0, 1)]);
    assert_eq!(same.link_ratio, None);
    assert_eq!(same.neighbour_share, Some(1.0));
}
