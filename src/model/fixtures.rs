//! Test fixtures, for the crate's unit tests and the integration tests alike
//! (native only; never used by the app or the CLI): the default dataset as the
//! app loads it, and its counts computed from the researched fact sheets in
//! `shared/data/facts`, so no test types "162" or "209" by hand.

// Fixtures serve tests: a missing or broken file is a failed test.
#![allow(clippy::expect_used, clippy::panic)]

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
