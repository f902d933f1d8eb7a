//! Tests of the layout on the real civic-tech dataset and small cases:
//! determinism, finiteness, no overlap, pinned positions, compactness, and
//! a calm end of the animation.

use super::*;
use crate::model::fixtures::default_dataset_unplaced as default_dataset;
use crate::model::format::dataset::Actor;
use std::sync::OnceLock;

fn real() -> &'static (Dataset, Graph, Vec<Position>) {
    static R: OnceLock<(Dataset, Graph, Vec<Position>)> = OnceLock::new();
    R.get_or_init(|| {
        let ds = default_dataset();
        let g = Graph::new(&ds);
        let p = compute(&ds, &g);
        (ds, g, p)
    })
}

fn dist(a: Position, b: Position) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

/// Pairs of nodes closer than the sum of their radii.
fn overlaps(g: &Graph, p: &[Position]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..p.len() {
        for j in i + 1..p.len() {
            if dist(p[i], p[j]) < node_radius(g.degree(i)) + node_radius(g.degree(j)) {
                out.push((i, j));
            }
        }
    }
    out
}

#[test]
fn deterministic_bit_for_bit() {
    let (ds, g, p) = real();
    let again = compute(ds, g);
    let bits = |v: &[Position]| {
        v.iter()
            .flat_map(|p| [p.x.to_bits(), p.y.to_bits()])
            .collect::<Vec<_>>()
    };
    assert_eq!(bits(p), bits(&again));
}

#[test]
fn finite_and_no_overlap_on_the_civic_tech_dataset() {
    let (_, g, p) = real();
    assert_eq!(p.len(), crate::model::fixtures::fact_counts().actors);
    assert!(p.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
    assert_eq!(overlaps(g, p), vec![]);
}

#[test]
fn linked_actors_end_up_closer_than_unlinked_ones() {
    let (ds, g, p) = real();
    let edges: Vec<(usize, usize)> = (0..ds.links.len()).filter_map(|l| g.ends(l)).collect();
    let mean_edge = edges.iter().map(|&(s, t)| dist(p[s], p[t])).sum::<f64>() / edges.len() as f64;
    let mut all = 0.0;
    let mut pairs = 0.0;
    for i in 0..p.len() {
        for j in i + 1..p.len() {
            all += dist(p[i], p[j]);
            pairs += 1.0;
        }
    }
    let mean_pair = all / pairs;
    assert!(
        mean_edge < 0.5 * mean_pair,
        "edge {mean_edge:.1} vs pair {mean_pair:.1}"
    );
}

#[test]
fn isolated_actors_stay_near_the_rest() {
    let (_, g, p) = real();
    let n = p.len() as f64;
    let c = Position {
        x: p.iter().map(|q| q.x).sum::<f64>() / n,
        y: p.iter().map(|q| q.y).sum::<f64>() / n,
    };
    let linked_max = (0..p.len())
        .filter(|&i| g.degree(i) > 0)
        .map(|i| dist(p[i], c))
        .fold(0.0, f64::max);
    let isolated_max = (0..p.len())
        .filter(|&i| g.degree(i) == 0)
        .map(|i| dist(p[i], c))
        .fold(0.0, f64::max);
    assert!(isolated_max > 0.0);
    assert!(
        isolated_max < 1.3 * linked_max,
        "isolated {isolated_max:.1} vs linked {linked_max:.1}"
    );
}

#[test]
fn stepping_by_one_equals_computing_at_once_and_the_end_is_calm() {
    let (ds, g, p) = real();
    let mut l = Layout::new(ds, g);
    let n = crate::model::fixtures::fact_counts();
    // No actor is pinned: the Pivot MDS start and its budget.
    assert_eq!(l.budget(), budget_from_start(n.actors, n.links));
    assert!(!l.step(0));
    let mut last_moves = Vec::new();
    loop {
        let before = l.positions.clone();
        let settled = l.step(1);
        if settled
            && l.done() == l.budget()
            && before.len() == l.positions.len()
            && last_moves.len() >= l.budget()
        {
            break;
        }
        let moved = before
            .iter()
            .zip(&l.positions)
            .map(|(a, b)| dist(*a, *b))
            .fold(0.0, f64::max);
        last_moves.push(moved);
        if settled {
            break;
        }
    }
    assert_eq!(l.done(), l.budget());
    assert_eq!(&l.positions, p);
    // The last tenth of the animation (before the collision pass) moves
    // nothing by more than a unit per frame.
    let tail = &last_moves[last_moves.len() * 9 / 10..last_moves.len() - 1];
    assert!(tail.iter().all(|&m| m < 2.0), "{tail:?}");
    // And calms down monotonically over the last iterations.
    let end = &last_moves[last_moves.len() - 10..last_moves.len() - 1];
    assert!(end.windows(2).all(|w| w[1] <= w[0] + 1e-9), "{end:?}");
}

#[test]
fn file_positions_are_kept_as_they_are() {
    let mut ds = default_dataset();
    let pins = [(0usize, 123.456, -78.9), (5, -1e-3, 4e2), (40, 0.1, 0.2)];
    for &(i, x, y) in &pins {
        ds.actors[i].position = Some(Position { x, y });
    }
    let g = Graph::new(&ds);
    let p = compute(&ds, &g);
    for &(i, x, y) in &pins {
        assert_eq!(
            (p[i].x.to_bits(), p[i].y.to_bits()),
            (x.to_bits(), y.to_bits())
        );
    }
    assert!(p.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
}

#[test]
fn small_cases() {
    let mk = |n: usize, pos: bool| Dataset {
        actors: (0..n)
            .map(|i| Actor {
                id: format!("a{i}"),
                position: pos.then_some(Position {
                    x: i as f64,
                    y: 0.0,
                }),
                ..Actor::default()
            })
            .collect(),
        ..Dataset::default()
    };
    let empty = mk(0, false);
    assert!(compute(&empty, &Graph::new(&empty)).is_empty());
    let one = mk(1, false);
    let p = compute(&one, &Graph::new(&one));
    assert!(p[0].x.is_finite());
    // All pinned: nothing moves, even overlapping nodes.
    let pinned = mk(3, true);
    let l = Layout::new(&pinned, &Graph::new(&pinned));
    assert_eq!(l.budget(), 0);
    assert_eq!(
        compute(&pinned, &Graph::new(&pinned)),
        pinned
            .actors
            .iter()
            .map(|a| a.position.unwrap())
            .collect::<Vec<_>>()
    );
    // Many actors at the same pinned spot plus free ones: finite, free ones separated.
    let mut crowd = mk(30, false);
    for a in crowd.actors.iter_mut().take(10) {
        a.position = Some(Position { x: 5.0, y: 5.0 });
    }
    let g = Graph::new(&crowd);
    let p = compute(&crowd, &g);
    assert!(p.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
    let free_overlaps: Vec<_> = overlaps(&g, &p)
        .into_iter()
        .filter(|&(i, j)| i >= 10 || j >= 10)
        .collect();
    assert_eq!(free_overlaps, vec![]);
}

#[test]
fn node_radius_grows_with_degree() {
    assert_eq!(node_radius(0), 4.0);
    assert!(node_radius(1) < node_radius(10));
    assert!(node_radius(100) < 25.0);
}

#[test]
fn extreme_pinned_positions_do_not_break_the_free_ones() {
    let mut ds = default_dataset();
    ds.actors[0].position = Some(Position {
        x: 1e300,
        y: -1e300,
    });
    ds.actors[1].position = Some(Position {
        x: -1e300,
        y: 1e300,
    });
    let g = Graph::new(&ds);
    let p = compute(&ds, &g);
    assert!(p.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
    assert_eq!(
        p[0],
        Position {
            x: 1e300,
            y: -1e300
        }
    );
}

mod properties {
    use super::*;
    use crate::model::format::dataset::Link;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn random_graphs_are_finite_separated_and_deterministic(
            n in 1usize..40,
            raw in prop::collection::vec((0usize..40, 0usize..40), 0..80),
            pins in prop::collection::vec((0usize..40, -500.0f64..500.0, -500.0f64..500.0), 0..4),
        ) {
            let mut ds = Dataset {
                actors: (0..n).map(|i| Actor { id: format!("a{i}"), ..Actor::default() }).collect(),
                links: raw.iter().map(|&(s, t)| Link {
                    source: format!("a{}", s % n),
                    target: format!("a{}", t % n),
                    kind: "k".into(),
                    ..Link::default()
                }).collect(),
                ..Dataset::default()
            };
            for &(i, x, y) in &pins {
                ds.actors[i % n].position = Some(Position { x, y });
            }
            let g = Graph::new(&ds);
            let p = compute(&ds, &g);
            prop_assert!(p.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
            for (i, a) in ds.actors.iter().enumerate() {
                if let Some(pos) = a.position {
                    prop_assert_eq!(p[i], pos);
                }
            }
            let free_overlaps: Vec<_> = overlaps(&g, &p)
                .into_iter()
                .filter(|&(i, j)| ds.actors[i].position.is_none() || ds.actors[j].position.is_none())
                .collect();
            prop_assert!(free_overlaps.is_empty(), "{:?}", free_overlaps);
            prop_assert_eq!(p, compute(&ds, &g));
        }
    }
}

#[test]
fn the_budget_bounds_the_work_up_to_the_app_caps() {
    let caps = crate::model::format::validate::Limits::default();
    // Small and mid-size graphs keep their full budget: the default dataset,
    // the golden graph, the 2,085-node benchmark graph.
    let n = crate::model::fixtures::fact_counts();
    assert_eq!(
        budget_for(n.actors, n.links),
        150 + (8.0 * ((n.actors + n.links) as f64).sqrt()) as usize
    );
    assert_eq!(budget_for(300, 600), 150 + (8.0 * 900f64.sqrt()) as usize);
    assert_eq!(budget_for(2_085, 5_409), 600);
    // Big ones are capped by the work: 10,000 actors and 50,000 links run
    // 210 iterations, the largest graph the app accepts 40.
    assert_eq!(budget_for(10_000, 50_000), 210);
    assert_eq!(budget_for(caps.max_actors, caps.max_links), 40);
    for (n, m) in [
        (5_000, 20_000),
        (10_000, 50_000),
        (20_000, 100_000),
        (caps.max_actors, caps.max_links),
    ] {
        let work = budget_for(n, m) as u64 * cost_per_iteration(n, m);
        assert!(work <= MAX_WORK, "{n} actors, {m} links: {work}");
    }
    // Beyond the caps (the command line has none) the floor still gives a picture.
    assert_eq!(budget_for(1_000_000, 5_000_000), MIN_ITERATIONS);
    // From a Pivot MDS start: 80, 50 from 1,000 actors, up to the work
    // cap, the same floor.
    assert_eq!(budget_from_start(162, 209), START_ITERATIONS);
    assert_eq!(budget_from_start(999, 5_000), START_ITERATIONS);
    assert_eq!(budget_from_start(1_000, 5_000), BIG_START_ITERATIONS);
    assert_eq!(budget_from_start(2_085, 5_409), BIG_START_ITERATIONS);
    assert_eq!(budget_from_start(10_000, 19_995), BIG_START_ITERATIONS);
    assert_eq!(budget_from_start(caps.max_actors, caps.max_links), 40);
    assert_eq!(budget_from_start(1_000_000, 5_000_000), MIN_ITERATIONS);
    for (n, m) in [(2_085, 5_409), (caps.max_actors, caps.max_links)] {
        let work = budget_from_start(n, m) as u64 * cost_per_iteration(n, m);
        assert!(work <= MAX_WORK, "{n} actors, {m} links: {work}");
    }
}

#[test]
fn a_free_graph_starts_from_pivot_mds_and_beats_a_random_start_in_a_fraction_of_the_iterations() {
    use super::quality::measure;
    let (ds, g, p) = real();
    let edges: Vec<_> = (0..g.link_count()).filter_map(|l| g.ends(l)).collect();
    // The same dataset with one actor pinned where the layout put it: a
    // random start, with the old budget.
    let mut pinned = ds.clone();
    pinned.actors[0].position = Some(p[0]);
    let gp = Graph::new(&pinned);
    let random = Layout::new(&pinned, &gp);
    assert!(random.budget() > 3 * Layout::new(ds, g).budget());
    let from_random = compute(&pinned, &gp);
    let (a, b) = (measure(p, &edges), measure(&from_random, &edges));
    assert!(
        a.link_ratio.unwrap() <= b.link_ratio.unwrap(),
        "{a:?} vs {b:?}"
    );
    assert!(
        a.neighbour_share.unwrap() >= b.neighbour_share.unwrap(),
        "{a:?} vs {b:?}"
    );
}

#[test]
fn advancing_by_slices_gives_the_same_positions_bit_for_bit() {
    let (ds, g, p) = real();
    let bits = |v: &[Position]| {
        v.iter()
            .flat_map(|p| [p.x.to_bits(), p.y.to_bits()])
            .collect::<Vec<_>>()
    };
    for slice in [1, 7, 100, 5_000] {
        let mut l = Layout::new(ds, g);
        let mut calls = 0;
        while !l.advance(slice) {
            calls += 1;
        }
        assert!(l.settled());
        assert_eq!(l.done(), l.budget());
        assert_eq!(bits(&l.positions), bits(p), "slices of {slice}");
        if slice == 7 {
            assert!(calls > l.budget() * 20, "{calls} calls for slices of 7");
        }
    }
    // Slices then whole iterations, mixed.
    let mut l = Layout::new(ds, g);
    l.advance(50);
    assert_eq!(
        l.done(),
        0,
        "50 units do not finish an iteration of 162 actors"
    );
    l.step(3);
    assert_eq!(l.done(), 3);
    while !l.advance(333) {}
    assert_eq!(bits(&l.positions), bits(p));
}

#[test]
fn a_slice_stops_inside_an_iteration_of_a_big_graph() {
    use crate::model::format::dataset::Link;
    let n = 3_000;
    let ds = Dataset {
        actors: (0..n)
            .map(|i| Actor {
                id: format!("a{i}"),
                ..Actor::default()
            })
            .collect(),
        links: (0..n)
            .map(|i| Link {
                source: format!("a{i}"),
                target: format!("a{}", (i * 7 + 1) % n),
                kind: "k".into(),
                ..Link::default()
            })
            .collect(),
        ..Dataset::default()
    };
    let g = Graph::new(&ds);
    let mut l = Layout::new(&ds, &g);
    let left = l.work_left();
    assert_eq!(left, l.budget() as u64 * cost_per_iteration(n, n));
    // A frame's slice of 512 units covers a part of one iteration only.
    assert!(!l.advance(512));
    assert_eq!(l.done(), 0);
    let mut calls = 1;
    while l.done() == 0 {
        l.advance(512);
        calls += 1;
    }
    assert!(calls >= 2 * n / 512, "{calls} slices for one iteration");
    assert!(l.work_left() < left);
}

#[test]
fn the_sigma_demo_graph_from_no_positions_beats_forceatlas2s_quality() {
    use super::quality::measure;
    // sigma.js's 2,085-node demo graph without its positions: the map's own
    // layout (BIG_START_ITERATIONS from the Pivot MDS start) against
    // graphology's ForceAtlas2, 100 iterations with Barnes-Hut, as
    // `scripts/bench.sh` measured it (docs/performance.md): link ratio
    // 0.217, neighbour share 0.085.
    let ds = crate::model::fixtures::without_positions(crate::model::fixtures::sigma_demo());
    let g = Graph::new(&ds);
    let p = compute(&ds, &g);
    let edges: Vec<_> = (0..g.link_count()).filter_map(|l| g.ends(l)).collect();
    let q = measure(&p, &edges);
    assert!(q.link_ratio.unwrap() < 0.217, "{q:?}");
    assert!(q.neighbour_share.unwrap() > 0.085, "{q:?}");
}
