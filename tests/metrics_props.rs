//! The measures against brute force on random small graphs (isolated
//! nodes, several pieces, self-links and parallel links included), and the
//! visible graph built from random datasets and filters.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use civicmap::model::format::dataset::{Actor, Dataset, Link};
use civicmap::model::network::filter::{self, Filter};
use civicmap::model::network::graph::Graph;
#[cfg(not(target_arch = "wasm32"))]
use civicmap::model::network::metrics::measures_threaded;
use civicmap::model::network::metrics::{
    betweenness, closeness, degree, join, louvain, measures, modularity, pagerank, Half,
    MeasureGraph, MeasureJob, Measures, Progress,
};
use proptest::prelude::*;

/// Adjacency matrix of the simple undirected graph (loops and repeats dropped).
fn matrix(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<bool>> {
    let mut a = vec![vec![false; n]; n];
    for &(u, v) in edges {
        if u != v {
            a[u][v] = true;
            a[v][u] = true;
        }
    }
    a
}

/// All-pairs distances (Floyd–Warshall) and numbers of shortest paths
/// (counted by dynamic programming over distance).
fn all_pairs(a: &[Vec<bool>]) -> (Vec<Vec<usize>>, Vec<Vec<f64>>) {
    let n = a.len();
    let inf = usize::MAX / 4;
    let mut d = vec![vec![inf; n]; n];
    for i in 0..n {
        d[i][i] = 0;
        for j in 0..n {
            if a[i][j] {
                d[i][j] = 1;
            }
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if d[i][k] + d[k][j] < d[i][j] {
                    d[i][j] = d[i][k] + d[k][j];
                }
            }
        }
    }
    // σ(s, t) = Σ over neighbours u of t with d(s,u) = d(s,t) − 1 of σ(s, u).
    let mut sigma = vec![vec![0.0; n]; n];
    for s in 0..n {
        let mut by_dist: Vec<usize> = (0..n).filter(|&t| d[s][t] < inf).collect();
        by_dist.sort_by_key(|&t| d[s][t]);
        for &t in &by_dist {
            sigma[s][t] = if t == s {
                1.0
            } else {
                (0..n)
                    .filter(|&u| a[u][t] && d[s][u] + 1 == d[s][t])
                    .map(|u| sigma[s][u])
                    .sum()
            };
        }
    }
    (d, sigma)
}

fn brute_betweenness(a: &[Vec<bool>]) -> Vec<f64> {
    let n = a.len();
    let (d, sigma) = all_pairs(a);
    let inf = usize::MAX / 4;
    let mut b = vec![0.0; n];
    for s in 0..n {
        for t in s + 1..n {
            if d[s][t] >= inf {
                continue;
            }
            for v in 0..n {
                if v != s && v != t && d[s][v] + d[v][t] == d[s][t] {
                    b[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
                }
            }
        }
    }
    if n > 2 {
        let scale = 2.0 / ((n as f64 - 1.0) * (n as f64 - 2.0));
        b.iter_mut().for_each(|x| *x *= scale);
    } else {
        b.iter_mut().for_each(|x| *x = 0.0);
    }
    b
}

fn brute_closeness(a: &[Vec<bool>]) -> Vec<f64> {
    let n = a.len();
    let (d, _) = all_pairs(a);
    let inf = usize::MAX / 4;
    (0..n)
        .map(|u| {
            let reach: Vec<usize> = (0..n).filter(|&v| d[u][v] < inf).map(|v| d[u][v]).collect();
            let total: usize = reach.iter().sum();
            let r = reach.len() as f64;
            if total == 0 || n < 2 {
                0.0
            } else {
                (r - 1.0) / total as f64 * (r - 1.0) / (n as f64 - 1.0)
            }
        })
        .collect()
}

/// Dense power iteration of the Google matrix, to a fixed point.
fn brute_pagerank(a: &[Vec<bool>]) -> Vec<f64> {
    let n = a.len();
    let deg: Vec<usize> = a.iter().map(|r| r.iter().filter(|&&x| x).count()).collect();
    let mut x = vec![1.0 / n as f64; n];
    for _ in 0..3000 {
        let mut y = vec![0.0; n];
        for (v, yv) in y.iter_mut().enumerate() {
            for u in 0..n {
                let p = if deg[u] == 0 {
                    1.0 / n as f64
                } else if a[u][v] {
                    1.0 / deg[u] as f64
                } else {
                    0.0
                };
                *yv += 0.85 * p * x[u];
            }
            *yv += 0.15 / n as f64;
        }
        x = y;
    }
    x
}

fn graphs() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
    (1usize..12).prop_flat_map(|n| (Just(n), prop::collection::vec((0..n, 0..n), 0..30)))
}

/// Betweenness and closeness within 1e-9 of the brute force.
fn near_brute_force(a: &[Vec<bool>], b: &[f64], c: &[f64]) -> Result<(), TestCaseError> {
    for (x, y) in b.iter().zip(brute_betweenness(a)) {
        prop_assert!((x - y).abs() < 1e-9, "betweenness {} vs {}", x, y);
    }
    for (x, y) in c.iter().zip(brute_closeness(a)) {
        prop_assert!((x - y).abs() < 1e-9, "closeness {} vs {}", x, y);
    }
    Ok(())
}

/// Two workers (a half each, in slices of `budget` units), the CLI's
/// `threads` and the one-shot functions all give the bits of `whole`.
fn same_bits_every_way(
    g: &MeasureGraph,
    whole: &Measures,
    budget: u64,
    threads: usize,
) -> Result<(), TestCaseError> {
    let half = |h| {
        let mut job = MeasureJob::half(g.clone(), h);
        while job.step(budget) == Progress::Working {}
        job.half_result().cloned().unwrap_or_default()
    };
    prop_assert_eq!(
        join(g, half(Half::First), half(Half::Second)),
        Some(whole.clone())
    );
    #[cfg(not(target_arch = "wasm32"))]
    prop_assert_eq!(&measures_threaded(g, threads), whole);
    let _ = threads;
    prop_assert_eq!(&betweenness(g), &whole.betweenness);
    prop_assert_eq!(&closeness(g), &whole.closeness);
    Ok(())
}

/// A random forest (each actor's parent an earlier actor, or none) with a
/// few extra links: long hanging chains and branching trees off small
/// cores, whole pieces that are trees, and isolated actors.
fn forests() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
    (2usize..150).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec((0.0f64..1.0, 0.0f64..1.0), n),
            prop::collection::vec((0..n, 0..n), 0..6),
        )
            .prop_map(|(n, picks, extra)| {
                let mut edges: Vec<(usize, usize)> = picks
                    .iter()
                    .enumerate()
                    .skip(1)
                    // One actor in ten starts a new piece; the others hang
                    // off an earlier one, often the one just before (chains).
                    .filter(|&(_, &(p, _))| p >= 0.1)
                    .map(|(v, &(_, q))| {
                        let parent = if q < 0.4 {
                            v - 1
                        } else {
                            (q * v as f64) as usize % v
                        };
                        (parent, v)
                    })
                    .collect();
                edges.extend(extra);
                (n, edges)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The searches run on the core and count the hanging trees
    /// (`Trees`): on forests with a few cycles, every measure still
    /// matches the brute force, and the halves, the threads and the
    /// page's slices still give the same bits.
    #[test]
    fn hanging_trees_match_brute_force((n, edges) in forests(), budget in 1u64..400) {
        let g = MeasureGraph::from_edges(n, &edges);
        let a = matrix(n, &edges);
        let whole = measures(&g);
        near_brute_force(&a, &whole.betweenness, &whole.closeness)?;
        same_bits_every_way(&g, &whole, budget, 2)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Betweenness and closeness search 64 sources at a time: graphs of
    /// several blocks (the last one partial), sparse enough to fall into
    /// pieces, still match the brute force.
    #[test]
    fn several_blocks_match_brute_force(
        (n, edges) in (65usize..200).prop_flat_map(|n| (Just(n), prop::collection::vec((0..n, 0..n), 0..(2 * n))))
    ) {
        let g = MeasureGraph::from_edges(n, &edges);
        let a = matrix(n, &edges);
        near_brute_force(&a, &betweenness(&g), &closeness(&g))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Each node's neighbours are the other ends of its edges, each once,
    /// ascending (the rows Brandes, closeness and Louvain walk).
    #[test]
    fn neighbours_are_the_other_ends_once_ascending((n, edges) in graphs()) {
        let g = MeasureGraph::from_edges(n, &edges);
        let a = matrix(n, &edges);
        for (v, row) in a.iter().enumerate() {
            let expected: Vec<usize> = (0..n).filter(|&u| row[u]).collect();
            prop_assert_eq!(g.neighbours(v), expected.as_slice());
        }
        let pairs = a.iter().flatten().filter(|&&x| x).count() / 2;
        prop_assert_eq!(g.edge_count(), pairs);
        prop_assert!(g.neighbours(n).is_empty());
    }

    #[test]
    fn measures_match_brute_force((n, edges) in graphs()) {
        let g = MeasureGraph::from_edges(n, &edges);
        let a = matrix(n, &edges);
        let deg: Vec<usize> = a.iter().map(|r| r.iter().filter(|&&x| x).count()).collect();
        prop_assert_eq!(degree(&g), deg);
        near_brute_force(&a, &betweenness(&g), &closeness(&g))?;
        for (x, y) in pagerank(&g).iter().zip(brute_pagerank(&a)) {
            prop_assert!((x - y).abs() < 1e-9, "pagerank {} vs {}", x, y);
        }
    }

    #[test]
    fn louvain_is_a_canonical_partition_no_worse_than_all_alone((n, edges) in graphs()) {
        let g = MeasureGraph::from_edges(n, &edges);
        let c = louvain(&g);
        prop_assert_eq!(c.membership.len(), n);
        prop_assert_eq!(&c, &louvain(&g));
        prop_assert!((c.modularity - modularity(&g, &c.membership)).abs() < 1e-12);
        let alone: Vec<usize> = (0..n).collect();
        prop_assert!(c.modularity >= modularity(&g, &alone) - 1e-12);
        // Numbered by first member.
        let mut next = 0;
        for &m in &c.membership {
            prop_assert!(m <= next);
            if m == next { next += 1; }
        }
        prop_assert_eq!(next, c.count);
        // An isolated node is alone.
        for v in 0..n {
            if g.neighbours(v).is_empty() {
                prop_assert_eq!(c.members(c.membership[v]), vec![v]);
            }
        }
    }

    #[test]
    fn slices_are_bit_identical((n, edges) in graphs(), budget in 0u64..200) {
        let g = MeasureGraph::from_edges(n, &edges);
        let mut job = MeasureJob::new(g.clone());
        while job.step(budget) == Progress::Working {}
        prop_assert_eq!(job.result(), Some(&measures(&g)));
    }

    /// Two workers (a half each, in slices), the threads of the CLI, the
    /// one-shot `betweenness` and the page's job give the same bits, on
    /// graphs of one to several blocks of 64 sources.
    #[test]
    fn halves_threads_and_one_job_are_bit_identical(
        (n, edges) in (1usize..260).prop_flat_map(|n| (Just(n), prop::collection::vec((0..n, 0..n), 0..400))),
        budget in 1u64..5_000,
        threads in 1usize..5,
    ) {
        let g = MeasureGraph::from_edges(n, &edges);
        let whole = measures(&g);
        same_bits_every_way(&g, &whole, budget, threads)?;
    }

    #[test]
    fn the_visible_graph_is_the_visible_links_merged(
        n in 1usize..10,
        raw in prop::collection::vec((0usize..10, 0usize..10, 0u8..3), 0..30),
        kinds in prop::collection::vec(0u8..3, 0..2),
        hide in prop::collection::vec(any::<bool>(), 10),
    ) {
        let kind = |k: u8| ["funds", "uses", "partners-with"][k as usize].to_string();
        let ds = Dataset {
            actors: (0..n).map(|i| Actor {
                id: format!("a{i}"),
                name: format!("A{i}"),
                actor_type: if hide[i] { "x".into() } else { "y".into() },
                ..Actor::default()
            }).collect(),
            links: raw.iter().map(|&(s, t, k)| Link {
                source: format!("a{}", s % n),
                target: format!("a{}", t % n),
                kind: kind(k),
                ..Link::default()
            }).collect(),
            ..Dataset::default()
        };
        let g = Graph::new(&ds);
        let f = Filter { types: vec!["y".into()], links: kinds.iter().map(|&k| kind(k)).collect(), ..Filter::default() };
        let vis = filter::visible(&ds, &g, &f);
        let mg = MeasureGraph::visible(&g, &vis);
        let nodes: Vec<usize> = (0..n).filter(|&i| vis.actors[i]).collect();
        prop_assert_eq!(mg.actors(), nodes.as_slice());
        let local = |i: usize| nodes.iter().position(|&x| x == i).unwrap();
        let edges: Vec<(usize, usize)> = raw.iter().enumerate()
            .filter(|&(l, _)| vis.links[l])
            .map(|(_, &(s, t, _))| (local(s % n), local(t % n)))
            .collect();
        let expected = MeasureGraph::from_edges(nodes.len(), &edges);
        prop_assert_eq!(mg.edge_count(), expected.edge_count());
        for (v, &actor) in nodes.iter().enumerate() {
            prop_assert_eq!(mg.neighbours(v), expected.neighbours(v));
            prop_assert_eq!(mg.node_of(actor), Some(v));
        }
    }
}
