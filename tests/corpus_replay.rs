//! Replays every file of `tests/corpus/<target>/` — the fuzzers' seeds and
//! every input that ever crashed one — through the same entry functions the
//! fuzz targets call (`civicmap::model::fuzz_entry`), so a plain stable
//! `cargo test` catches a regression without nightly. See `docs/fuzzing.md`.

// A test crate: its helpers may panic like the tests they serve.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use civicmap::model::fuzz_entry::{self, Violation};

/// Runs `entry` on every file of `tests/corpus/<target>/`; fails on the
/// first panic or broken invariant, naming the file. Returns how many
/// files were replayed.
fn replay(target: &str, entry: fn(&[u8]) -> Result<(), Violation>) -> usize {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "corpus", target]
        .iter()
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let outcome = std::panic::catch_unwind(|| entry(&bytes));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(v)) => panic!("{}: invariant broken: {v}", file.display()),
            Err(_) => panic!("{}: panicked (see above)", file.display()),
        }
    }
    files.len()
}

#[test]
fn load_corpus() {
    // The seeds include one fixture per diagnostic code.
    assert!(replay("load", fuzz_entry::load) >= 28);
}

#[test]
fn url_corpus() {
    assert!(replay("url", fuzz_entry::url) >= 5);
}

#[test]
fn csv_import_corpus() {
    assert!(replay("csv_import", fuzz_entry::csv_import) >= 4);
}

#[test]
fn host_message_corpus() {
    assert!(replay("host_message", fuzz_entry::host_message) >= 5);
}

#[test]
fn gexf_import_corpus() {
    assert!(replay("gexf_import", fuzz_entry::gexf_import) >= 4);
}

#[test]
fn graphml_import_corpus() {
    assert!(replay("graphml_import", fuzz_entry::graphml_import) >= 2);
}

#[test]
fn kumu_import_corpus() {
    assert!(replay("kumu_import", fuzz_entry::kumu_import) >= 2);
}
