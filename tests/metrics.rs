//! The network measures against published values (Zachary's karate club,
//! as networkx computes it: tests/fixtures/karate-networkx.tsv) and Louvain
//! on the karate club and on the default dataset.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use civicmap::model::format::validate::load;
use civicmap::model::network::filter::{self, Filter};
use civicmap::model::network::graph::Graph;
use civicmap::model::network::metrics::{
    betweenness, closeness, degree, louvain, measures, measures_threaded, modularity, pagerank,
    MeasureGraph, MeasureJob, Progress,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
const DEFAULT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/static/data/civic-tech-fr.json"
);

fn data_lines(name: &str) -> Vec<String> {
    std::fs::read_to_string(format!("{FIXTURES}{name}"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(String::from)
        .collect()
}

fn karate() -> MeasureGraph {
    let edges: Vec<(usize, usize)> = data_lines("karate.edges")
        .iter()
        .map(|l| {
            let mut it = l.split_whitespace().map(|x| x.parse::<usize>().unwrap());
            (it.next().unwrap(), it.next().unwrap())
        })
        .collect();
    assert_eq!(edges.len(), 78);
    MeasureGraph::from_edges(34, &edges)
}

struct Reference {
    degree: Vec<usize>,
    betweenness: Vec<f64>,
    closeness: Vec<f64>,
    pagerank: Vec<f64>,
}

fn reference() -> Reference {
    let mut r = Reference {
        degree: vec![],
        betweenness: vec![],
        closeness: vec![],
        pagerank: vec![],
    };
    for (i, line) in data_lines("karate-networkx.tsv").iter().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f[0].parse::<usize>().unwrap(), i);
        r.degree.push(f[1].parse().unwrap());
        r.betweenness.push(f[2].parse().unwrap());
        r.closeness.push(f[3].parse().unwrap());
        r.pagerank.push(f[4].parse().unwrap());
    }
    assert_eq!(r.degree.len(), 34);
    r
}

fn assert_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (v, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "{what} of node {v}: {g} vs {w}");
    }
}

#[test]
fn karate_degree_matches_networkx() {
    let g = karate();
    assert_eq!(g.edge_count(), 78);
    assert_eq!(degree(&g), reference().degree);
}

#[test]
fn karate_betweenness_matches_networkx_to_1e9() {
    let b = betweenness(&karate());
    assert_close("betweenness", &b, &reference().betweenness, 1e-9);
    // The two leaders are the brokers.
    let top = (0..34).max_by(|&a, &c| b[a].total_cmp(&b[c])).unwrap();
    assert_eq!(top, 0);
}

#[test]
fn karate_closeness_matches_networkx_to_1e9() {
    assert_close(
        "closeness",
        &closeness(&karate()),
        &reference().closeness,
        1e-9,
    );
}

#[test]
fn karate_pagerank_matches_networkx_to_1e6() {
    let p = pagerank(&karate());
    assert_close("pagerank", &p, &reference().pagerank, 1e-6);
    // Much closer in fact: both are converged.
    assert_close("pagerank", &p, &reference().pagerank, 1e-10);
    assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

#[test]
fn karate_louvain_reaches_standard_modularity() {
    let g = karate();
    let c = louvain(&g);
    // networkx's louvain_communities over 50 seeds reaches 0.3920–0.4198
    // (unweighted); the standard Louvain result is 0.4188 with 4 communities.
    assert!(c.modularity >= 0.4188, "modularity {}", c.modularity);
    assert_eq!(c.count, 4);
    assert!((c.modularity - modularity(&g, &c.membership)).abs() < 1e-15);
    // Mr. Hi (0) and the officer (33) lead different groups.
    assert_ne!(c.membership[0], c.membership[33]);
    // Canonical numbering: by first member.
    assert_eq!(c.membership[0], 0);
    let mut next = 0;
    for &m in &c.membership {
        assert!(m <= next);
        if m == next {
            next += 1;
        }
    }
    assert_eq!(next, c.count);
    println!("karate: Q = {} with {} communities", c.modularity, c.count);
}

#[test]
fn louvain_is_deterministic() {
    let g = karate();
    assert_eq!(louvain(&g), louvain(&g));
    assert_eq!(measures(&g), measures(&g));
}

fn default_graph() -> (civicmap::model::format::dataset::Dataset, Graph) {
    let bytes = std::fs::read(DEFAULT).unwrap();
    let ds = load(&bytes).dataset.unwrap();
    let g = Graph::new(&ds);
    (ds, g)
}

#[test]
fn default_dataset_communities() {
    let (ds, g) = default_graph();
    let vis = filter::visible(&ds, &g, &Filter::default());
    let mg = MeasureGraph::visible(&g, &vis);
    assert_eq!(mg.node_count(), 162);
    let c = louvain(&mg);
    // networkx's louvain_communities over 50 seeds: 0.6718–0.6904 (median
    // about 0.684) on this graph.
    assert!(c.modularity >= 0.684, "modularity {}", c.modularity);
    // 19 actors without links are alone in their community.
    let sizes = c.sizes();
    let isolated = (0..162).filter(|&v| mg.neighbours(v).is_empty()).count();
    assert_eq!(isolated, 19);
    assert!(sizes.iter().filter(|&&s| s == 1).count() >= isolated);
    assert_eq!(louvain(&mg), c);
    println!(
        "civic-tech-fr: Q = {} with {} communities",
        c.modularity, c.count
    );
}

#[test]
fn ids_do_not_change_communities() {
    // Renaming every actor keeps dataset order, hence the same partition.
    let (ds, g) = default_graph();
    let vis = filter::visible(&ds, &g, &Filter::default());
    let before = louvain(&MeasureGraph::visible(&g, &vis));
    let mut renamed = ds.clone();
    let old: Vec<String> = ds.actors.iter().map(|a| a.id().to_string()).collect();
    let new_id = |id: &str| format!("z-{}", id.chars().rev().collect::<String>());
    for a in &mut renamed.actors {
        a.id = new_id(a.id());
    }
    for l in &mut renamed.links {
        l.source = new_id(&l.source);
        l.target = new_id(&l.target);
    }
    assert_ne!(renamed.actors[0].id(), old[0]);
    let g2 = Graph::new(&renamed);
    let vis2 = filter::visible(&renamed, &g2, &Filter::default());
    assert_eq!(louvain(&MeasureGraph::visible(&g2, &vis2)), before);
}

#[test]
fn slices_give_bit_identical_measures() {
    let g = karate();
    let whole = measures(&g);
    for budget in [0, 1, 50, 500, 5_000] {
        let mut job = MeasureJob::new(g.clone());
        let mut steps = 0;
        while job.step(budget) == Progress::Working {
            steps += 1;
            assert!(job.result().is_none());
            assert!(job.fraction() < 1.0);
        }
        assert!(budget >= 5_000 || steps > 10, "budget {budget}: {steps}");
        let sliced = job.result().unwrap();
        // Bit for bit, not approximately.
        for (a, b) in sliced.betweenness.iter().zip(&whole.betweenness) {
            assert_eq!(a.to_bits(), b.to_bits());
        }
        for (a, b) in sliced.pagerank.iter().zip(&whole.pagerank) {
            assert_eq!(a.to_bits(), b.to_bits());
        }
        assert_eq!(sliced, &whole);
    }
}

#[test]
fn measures_follow_the_filters() {
    let (ds, g) = default_graph();
    let f = Filter {
        types: vec!["association".into()],
        ..Filter::default()
    };
    let vis = filter::visible(&ds, &g, &f);
    let mg = MeasureGraph::visible(&g, &vis);
    assert_eq!(mg.node_count(), vis.actor_count);
    let m = measures(&mg);
    // Degrees on the visible graph: only visible, distinct neighbours.
    for v in 0..mg.node_count() {
        let a = mg.actor(v).unwrap();
        let mut others: Vec<usize> = g
            .incident(a)
            .iter()
            .filter(|&&(o, l)| o != a && vis.links[l])
            .map(|&(o, _)| o)
            .collect();
        others.sort();
        others.dedup();
        assert_eq!(m.degree[v], others.len(), "{}", ds.actors[a].id());
    }
}

#[test]
fn threads_give_bit_identical_measures() {
    let (ds, g) = default_graph();
    let vis = filter::visible(&ds, &g, &Filter::default());
    let mg = MeasureGraph::visible(&g, &vis);
    // A larger pseudo-random graph too: several blocks of sources per thread.
    let edges: Vec<(usize, usize)> = (0..2_000usize)
        .map(|i| (i * 7919 % 700, (i * 104_729 + 13) % 700))
        .collect();
    let big = MeasureGraph::from_edges(700, &edges);
    for graph in [&mg, &big] {
        let one = measures(graph);
        for threads in [1, 2, 3, 8] {
            let m = measures_threaded(graph, threads);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&m.betweenness), bits(&one.betweenness));
            assert_eq!(m, one, "{threads} threads");
        }
    }
}

#[test]
fn a_long_ring_matches_its_closed_form() {
    // A ring of 2k + 1 actors: every pair has one shortest chain, and each
    // actor lies inside k(k − 1)/2 of them, so its betweenness is
    // (k − 1) / (2(2k − 1)) and its closeness 2 / (k + 1). No actor hangs
    // off it: every search runs its k levels, 10 blocks of sources.
    let k = 300usize;
    let n = 2 * k + 1;
    let edges: Vec<(usize, usize)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
    let g = MeasureGraph::from_edges(n, &edges);
    let m = measures_threaded(&g, 2);
    let kf = k as f64;
    let between = (kf - 1.0) / (2.0 * (2.0 * kf - 1.0));
    let close = 2.0 / (kf + 1.0);
    assert_close("betweenness", &m.betweenness, &vec![between; n], 1e-12);
    assert_close("closeness", &m.closeness, &vec![close; n], 1e-12);
    assert_eq!(m.betweenness, betweenness(&g));
    assert_eq!(m.closeness, closeness(&g));
}
