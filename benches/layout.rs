//! Layout and filter timings on real data (release build, no harness):
//! `cargo bench --bench layout`.
//!
//! - the civic-tech dataset (162 actors, 209 links) from the fact sheets;
//! - the sigma.js Wikipedia data-visualisation graph (2,085 nodes, 5,409
//!   edges), its own positions ignored;
//! - `visible` + `facet_counts` on the latter;
//! - generated graphs of 2,000 / 10,000 / 50,000 actors (the app's cap),
//!   with the per-iteration cost, the iteration budget and the total time.
//!   `cargo bench --bench layout -- <actors> <links>` times one size only.

use std::time::Instant;

use civicmap::model::format::dataset::Dataset;
use civicmap::model::format::file::{self, Actor, ActorType, Link, Taxonomy};
use civicmap::model::network::filter::{self, Filter};
use civicmap::model::network::graph::Graph;
use civicmap::model::network::layout::{self, node_radius};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/");

fn civic_tech() -> Result<Dataset, Box<dyn std::error::Error>> {
    let mut actors = Vec::new();
    for r in csv::Reader::from_path(format!("{SHARED}data/facts/actors.csv"))?.records() {
        let r = r?;
        actors.push(Actor {
            id: r.get(0).map(String::from),
            name: r.get(1).map(String::from),
            actor_type: r.get(3).map(String::from),
            ..Actor::default()
        });
    }
    let mut links = Vec::new();
    for r in csv::Reader::from_path(format!("{SHARED}data/facts/links.csv"))?.records() {
        let r = r?;
        links.push(Link {
            source: r.get(0).map(String::from),
            target: r.get(1).map(String::from),
            kind: r.get(2).map(String::from),
            ..Link::default()
        });
    }
    Ok(Dataset::try_from(file::Dataset {
        actors,
        links,
        ..file::Dataset::default()
    })?)
}

/// The sigma.js demo file, as published.
#[derive(serde::Deserialize)]
struct SigmaFile {
    nodes: Vec<SigmaNode>,
    edges: Vec<(String, String)>,
}

#[derive(serde::Deserialize)]
struct SigmaNode {
    key: String,
    label: Option<String>,
    tag: Option<String>,
    cluster: Option<String>,
}

fn sigma_wikipedia() -> Result<Dataset, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(format!(
        "{SHARED}datasets/sigma-demo-wikipedia-dataviz.json"
    ))?;
    let file: SigmaFile = serde_json::from_str(&text)?;
    let mut tags: Vec<String> = Vec::new();
    let actors = file
        .nodes
        .into_iter()
        .map(|n| {
            let tag = n
                .tag
                .unwrap_or_else(|| "none".into())
                .to_lowercase()
                .replace(' ', "-");
            if !tags.contains(&tag) {
                tags.push(tag.clone());
            }
            Actor {
                id: Some(n.key),
                name: n.label,
                actor_type: Some(tag),
                ecosystems: vec![format!("c{}", n.cluster.unwrap_or_default())],
                ..Actor::default()
            }
        })
        .collect();
    let links = file
        .edges
        .into_iter()
        .map(|(s, t)| Link {
            source: Some(s),
            target: Some(t),
            kind: Some("links-to".into()),
            ..Link::default()
        })
        .collect();
    Ok(Dataset::try_from(file::Dataset {
        taxonomy: Taxonomy {
            actor_types: Some(
                tags.iter()
                    .map(|t| ActorType {
                        id: Some(t.clone()),
                        ..ActorType::default()
                    })
                    .collect(),
            ),
            ..Taxonomy::default()
        },
        actors,
        links,
        ..file::Dataset::default()
    })?)
}

fn overlaps(g: &Graph, p: &[civicmap::model::format::dataset::Position]) -> usize {
    let mut n = 0;
    for (i, a) in p.iter().enumerate() {
        for (j, b) in p.iter().enumerate().skip(i + 1) {
            let d = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
            if d < node_radius(g.degree(i)) + node_radius(g.degree(j)) {
                n += 1;
            }
        }
    }
    n
}

fn bench_layout(name: &str, ds: &Dataset) {
    let g = Graph::new(ds);
    let l = layout::Layout::new(ds, &g);
    let runs = if ds.actors.len() < 500 { 10 } else { 3 };
    let mut best = f64::MAX;
    let mut p = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        p = layout::compute(ds, &g);
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
    }
    let (x0, x1) = p
        .iter()
        .fold((f64::MAX, f64::MIN), |a, q| (a.0.min(q.x), a.1.max(q.x)));
    println!(
        "layout {name}: {} actors, {} links, {} iterations: {best:.1} ms (best of {runs}); width {:.0}, overlaps {}",
        ds.actors.len(),
        ds.links.len(),
        l.budget(),
        x1 - x0,
        overlaps(&g, &p)
    );
}

fn bench_filter(name: &str, ds: &Dataset) {
    let g = Graph::new(ds);
    let types: Vec<String> = filter::facet_values(ds, filter::Facet::Type)
        .into_iter()
        .take(3)
        .map(String::from)
        .collect();
    let id = ds.actors.get(7).map(|a| a.id().to_string());
    let filters = [
        ("no filter", Filter::default()),
        (
            "types + q",
            Filter {
                types: types.clone(),
                q: "data vis".into(),
                ..Filter::default()
            },
        ),
        (
            "types + actor + depth 2",
            Filter {
                types,
                actor: id,
                depth: Some(2),
                ..Filter::default()
            },
        ),
    ];
    for (label, f) in filters {
        let runs = 50;
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..runs {
            n += filter::visible(ds, &g, &f).actor_count;
            n += filter::facet_counts(ds, &g, &f).types.len();
        }
        let ms = t.elapsed().as_secs_f64() * 1e3 / runs as f64;
        println!("filter {name} [{label}]: visible + facet_counts {ms:.2} ms ({n})");
    }
}

/// A generated graph: `actors` actors, `links` links between pseudo-random
/// ends (a linear congruential generator, so every run lays out the same
/// graph), a quarter of the links kept inside clusters of 50 actors so the
/// layout has structure to find.
fn synthetic(actors: usize, links: usize) -> Dataset {
    let mut x: u64 = 42;
    let mut below = move |n: usize| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((x >> 33) % n.max(1) as u64) as usize
    };
    let actor_list = (0..actors)
        .map(|i| Actor {
            id: Some(format!("a{i}")),
            name: Some(format!("Actor {i}")),
            actor_type: Some("t".into()),
            ..Actor::default()
        })
        .collect();
    let link_list = (0..links)
        .map(|l| {
            let s = below(actors);
            let t = if l % 4 == 0 {
                (s / 50) * 50 + below(50)
            } else {
                below(actors)
            }
            .min(actors.saturating_sub(1));
            Link {
                source: Some(format!("a{s}")),
                target: Some(format!("a{t}")),
                kind: Some("k".into()),
                ..Link::default()
            }
        })
        .collect();
    checked(file::Dataset {
        taxonomy: Taxonomy {
            actor_types: Some(vec![ActorType {
                id: Some("t".into()),
                ..ActorType::default()
            }]),
            ..Taxonomy::default()
        },
        actors: actor_list,
        links: link_list,
        ..file::Dataset::default()
    })
}

/// The checked dataset of a generated file (which has every required field).
fn checked(file: file::Dataset) -> Dataset {
    Dataset::try_from(file).unwrap_or_else(|e| {
        eprintln!("generated dataset: {e}");
        std::process::exit(1)
    })
}

/// CPU time of this process so far (Linux `schedstat`), if available: less
/// sensitive than wall-clock time to other processes on a shared machine.
fn cpu_time() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// The layout of a big generated graph, phase by phase: the per-iteration
/// cost (first and last 10 iterations), the whole run and the final
/// collision pass, against the iteration budget.
fn bench_big(actors: usize, links: usize) {
    let ds = synthetic(actors, links);
    let g = Graph::new(&ds);
    let mut l = layout::Layout::new(&ds, &g);
    let budget = l.budget();
    let cpu0 = cpu_time();
    let t = Instant::now();
    let mut first = 0.0;
    while !l.step(1) {
        if l.done() == 10 {
            first = t.elapsed().as_secs_f64() * 1e3 / 10.0;
        }
        if l.done() + 1 == l.budget() {
            break;
        }
    }
    let iterations = t.elapsed().as_secs_f64() * 1e3;
    let c = Instant::now();
    while !l.step(1) {}
    let last = c.elapsed().as_secs_f64() * 1e3;
    let cpu = match (cpu0, cpu_time()) {
        (Some(a), Some(b)) => format!(", CPU {:.1} s", b - a),
        _ => String::new(),
    };
    println!(
        "layout generated {actors} actors, {links} links: budget {budget} iterations, \
         {first:.1} ms/iteration (first 10), {:.1} s in all ({:.1} s of iterations, \
         last iteration + collision pass {last:.0} ms){cpu}",
        (iterations + last) / 1e3,
        iterations / 1e3,
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if let [actors, links] = sizes[..] {
        bench_big(actors, links);
        return Ok(());
    }
    let civic = civic_tech()?;
    let wiki = sigma_wikipedia()?;
    bench_layout("civic-tech", &civic);
    bench_layout("sigma wikipedia", &wiki);
    bench_filter("sigma wikipedia", &wiki);
    for (actors, links) in [(2_000, 5_000), (10_000, 50_000), (50_000, 200_000)] {
        bench_big(actors, links);
    }
    Ok(())
}
