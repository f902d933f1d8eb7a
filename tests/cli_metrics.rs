//! `civicmap metrics`: the measures of a view, in JSON and CSV, matching
//! the library on the same filters.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod cli_run;
use cli_run::{run, stderr, stdout};

use civicmap::model::format::validate::load;
use civicmap::model::network::filter;
use civicmap::model::network::graph::Graph;
use civicmap::model::network::metrics;
use civicmap::model::view::url;

const DEFAULT: &str = "static/data/civic-tech-fr.json";

fn json(args: &[&str]) -> serde_json::Value {
    let out = run(args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn whole_dataset_one_entry_per_actor_in_dataset_order() {
    let v = json(&["metrics", DEFAULT]);
    let actors = v["actors"].as_array().unwrap();
    assert_eq!(actors.len(), 162);
    let bytes = std::fs::read(format!("{}/{DEFAULT}", cli_run::ROOT)).unwrap();
    let ds = load(&bytes).dataset.unwrap();
    for (a, row) in ds.actors.iter().zip(actors) {
        assert_eq!(row["id"], a.id());
        for key in [
            "degree",
            "betweenness",
            "closeness",
            "pagerank",
            "community",
        ] {
            assert!(row[key].is_number(), "{key} of {}", a.id());
        }
    }
    assert!(v["modularity"].as_f64().unwrap() > 0.6);
    let count = v["communities"].as_u64().unwrap();
    let max = actors
        .iter()
        .map(|r| r["community"].as_u64().unwrap())
        .max()
        .unwrap();
    assert_eq!(max + 1, count);
    // PageRank sums to 1.
    let sum: f64 = actors.iter().map(|r| r["pagerank"].as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-9);
}

#[test]
fn state_gives_the_numbers_of_the_map_under_the_same_filters() {
    let query = "type=association&year=2016";
    let out = run(&["metrics", DEFAULT, "--state", query]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(format!("{}/{DEFAULT}", cli_run::ROOT)).unwrap();
    let ds = load(&bytes).dataset.unwrap();
    let (state, _) = url::decode(query);
    let (state, _) = url::resolve(state, &ds);
    let g = Graph::new(&ds);
    let vis = filter::visible(&ds, &g, &state.filter);
    let expected = metrics::report(&ds, &g, &vis);
    // Compared as text: serde_json's default float parser may be an ulp off.
    assert_eq!(
        stdout(&out),
        serde_json::to_string_pretty(&expected).unwrap() + "\n"
    );
    assert_eq!(expected.actors.len(), vis.actor_count);
    assert!(vis.actor_count < 162);
}

#[test]
fn csv_has_the_same_columns_and_rows() {
    let out = run(&[
        "metrics",
        DEFAULT,
        "--format",
        "csv",
        "--state",
        "type=platform",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("id,degree,betweenness,closeness,pagerank,community")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 22); // 22 platforms (fact sheet)
    let v = json(&["metrics", DEFAULT, "--state", "type=platform"]);
    for (row, obj) in rows.iter().zip(v["actors"].as_array().unwrap()) {
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!(cells[0], obj["id"]);
        assert_eq!(
            cells[1].parse::<u64>().unwrap(),
            obj["degree"].as_u64().unwrap()
        );
        let pagerank = cells[4].parse::<f64>().unwrap();
        assert!((pagerank - obj["pagerank"].as_f64().unwrap()).abs() < 1e-15);
    }
}

#[test]
fn a_bad_state_warns_and_a_bad_file_fails() {
    let out = run(&["metrics", DEFAULT, "--state", "type=nope&depth=9"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("type=nope"), "{err}");
    assert!(err.contains("depth=9"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["actors"].as_array().unwrap().len(), 162);
    let out = run(&["metrics", "does-not-exist.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does-not-exist.json"));
}
