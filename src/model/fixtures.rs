//! Test fixtures, for the crate's unit tests and the integration tests alike
//! (native only; never used by the app or the CLI): the default dataset as the
//! app loads it, and its counts computed from the researched fact sheets in
//! `shared/data/facts`, so no test types "162" or "209" by hand.

// Fixtures serve tests: a missing or broken file is a failed test.
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use crate::model::format::dataset::Dataset;
use crate::model::format::validate;

/// Where the repository keeps the default dataset.
pub const DEFAULT_DATASET: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/static/data/civic-tech-fr.json"
);

/// Where the researched fact sheets are (beside the repository).
pub const FACTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/facts");

/// The default dataset `static/data/civic-tech-fr.json`, loaded exactly as
/// the app loads it (validated, taxonomy completed).
pub fn default_dataset() -> Dataset {
    let bytes = std::fs::read(DEFAULT_DATASET).expect("static/data/civic-tech-fr.json");
    validate::load(&bytes)
        .dataset
        .unwrap_or_else(|| panic!("the default dataset does not load"))
}

/// The default dataset without the positions it ships (`civicmap layout`
/// wrote them): what the layout starts from, for the layout's own tests.
pub fn default_dataset_unplaced() -> Dataset {
    without_positions(default_dataset())
}

/// `ds` with no actor placed: what the layout computes from scratch.
pub fn without_positions(mut ds: Dataset) -> Dataset {
    for a in &mut ds.actors {
        a.position = None;
    }
    ds
}

/// How many actors, links, events and stakes the fact sheets hold: what the
/// default dataset must show with no filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactCounts {
    pub actors: usize,
    pub links: usize,
    pub events: usize,
    pub stakes: usize,
}

/// Counts the data rows of each fact sheet (a CSV reader, so quoted line
/// breaks do not count).
pub fn fact_counts() -> FactCounts {
    let rows = |file: &str| {
        let path = format!("{FACTS}/{file}");
        csv::Reader::from_path(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .records()
            .count()
    };
    FactCounts {
        actors: rows("actors.csv"),
        links: rows("links.csv"),
        events: rows("timeline.csv"),
        stakes: rows("issues.csv"),
    }
}

/// The sigma.js demo graph (`shared/datasets/sigma-demo-wikipedia-dataviz.json`,
/// 2,085 nodes and 5,409 edges), converted by the data team's own converter
/// (`civicmap import sigma`) with the file's positions, and loaded as the app
/// loads it.
pub fn sigma_demo() -> Dataset {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/datasets/sigma-demo-wikipedia-dataviz.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    sigma_with_positions(&text)
}

/// A sigma.js/graphology JSON text converted by `civicmap import sigma`,
/// with the file's positions kept (for the browser bench page, which has the
/// text but no file system).
pub fn sigma_with_positions(text: &str) -> Dataset {
    let path = "sigma.json";
    let mut imported =
        crate::convert::sigma::import_sigma(path, text).unwrap_or_else(|e| panic!("{path}: {e:?}"));
    // The converter leaves positions out (the map lays the graph out itself);
    // this fixture keeps sigma's, one node per actor in file order.
    let file: serde_json::Value = serde_json::from_str(text).expect("sigma demo JSON");
    let nodes = file["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), imported.dataset.actors.len());
    for (actor, node) in imported.dataset.actors.iter_mut().zip(nodes) {
        actor.position = Some(crate::model::format::dataset::Position {
            x: node["x"].as_f64().expect("x"),
            y: node["y"].as_f64().expect("y"),
        });
    }
    let json = serde_json::to_vec(&imported.dataset).expect("a dataset serializes");
    validate::load(&json)
        .dataset
        .unwrap_or_else(|| panic!("the converted sigma demo does not load"))
}

/// A checked dataset from JSON that names only what a test needs: missing
/// required fields are filled in (an actor's name is its id, its type `t`; a
/// link's kind `k`), then the file goes through the checked conversion.
pub fn sketch(json: &str) -> Dataset {
    let mut v: serde_json::Value = serde_json::from_str(json).expect("sketch JSON");
    if let Some(actors) = v.get_mut("actors").and_then(|a| a.as_array_mut()) {
        for a in actors.iter_mut().filter_map(|a| a.as_object_mut()) {
            let id = a.get("id").cloned().unwrap_or_default();
            a.entry("name").or_insert(id);
            a.entry("type").or_insert("t".into());
        }
    }
    if let Some(links) = v.get_mut("links").and_then(|l| l.as_array_mut()) {
        for l in links.iter_mut().filter_map(|l| l.as_object_mut()) {
            l.entry("kind").or_insert("k".into());
        }
    }
    serde_json::from_value(v).expect("a sketch is a dataset")
}
