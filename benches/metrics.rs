//! Timings of the network measures (release build, no harness):
//! `cargo bench --bench metrics -- FILE` on a civicmap/1 dataset (default:
//! the civic-tech dataset); for the 10,000-node sigma.js graph, convert it
//! first with `civicmap import sigma`.

#[cfg(not(target_arch = "wasm32"))]
use std::time::Instant;

#[cfg(not(target_arch = "wasm32"))]
use civicmap::model::format::validate::load;
#[cfg(not(target_arch = "wasm32"))]
use civicmap::model::network::filter::{self, Filter};
#[cfg(not(target_arch = "wasm32"))]
use civicmap::model::network::graph::Graph;
#[cfg(not(target_arch = "wasm32"))]
use civicmap::model::network::metrics::{self, MeasureGraph, MeasureJob, Progress};

/// Benchmarks run natively only (the threaded measures are native).
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::*;

    pub fn main() -> Result<(), Box<dyn std::error::Error>> {
        let path = std::env::args()
            .skip(1)
            .find(|a| !a.starts_with('-'))
            .unwrap_or_else(|| {
                concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/static/data/civic-tech-fr.json"
                )
                .into()
            });
        let bytes = std::fs::read(&path)?;
        let ds = load(&bytes).dataset.ok_or("the dataset does not load")?;
        let g = Graph::new(&ds);
        let vis = filter::visible(&ds, &g, &Filter::default());
        let t = Instant::now();
        let mg = MeasureGraph::visible(&g, &vis);
        let build = t.elapsed();
        println!(
            "{path}: {} nodes, {} edges; graph built in {build:?}",
            mg.node_count(),
            mg.edge_count()
        );
        let time = |name: &str, f: &dyn Fn()| {
            let t = Instant::now();
            f();
            println!("  {name:<16} {:?}", t.elapsed());
        };
        time("degree", &|| drop(metrics::degree(&mg)));
        time("betweenness", &|| drop(metrics::betweenness(&mg)));
        time("closeness", &|| drop(metrics::closeness(&mg)));
        time("pagerank", &|| drop(metrics::pagerank(&mg)));
        time("louvain", &|| drop(metrics::louvain(&mg)));
        time("all", &|| drop(metrics::measures(&mg)));
        let threads = std::thread::available_parallelism().map_or(1, |p| p.get());
        time(&format!("all, {threads} threads"), &|| {
            drop(metrics::measures_threaded(&mg, threads))
        });
        // What `civicmap metrics` does after reading the file.
        time("load+report", &|| {
            let ds = load(&bytes).dataset.unwrap_or_default();
            let g = Graph::new(&ds);
            let vis = filter::visible(&ds, &g, &Filter::default());
            drop(metrics::report(&ds, &g, &vis))
        });
        // Slices of about 2 ms: how many frames the page needs.
        let t = Instant::now();
        let mut job = MeasureJob::new(mg.clone());
        let mut slices = 1;
        while job.step(1_000_000) == Progress::Working {
            slices += 1;
        }
        println!(
            "  job in slices of 1e6 units: {slices} slices, {:?}",
            t.elapsed()
        );
        Ok(())
    }
}
