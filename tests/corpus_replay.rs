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
    replay_dirs(&[&["tests", "corpus", target]], entry)
}

/// Runs `entry` on every file of the given directories (relative to the
/// repository), in name order.
fn replay_dirs(dirs: &[&[&str]], entry: fn(&[u8]) -> Result<(), Violation>) -> usize {
    let mut files: Vec<PathBuf> = Vec::new();
    for parts in dirs {
        let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        dir.extend(parts.iter());
        files.extend(
            std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file()),
        );
    }
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
    // The seeds are the diagnostic fixtures themselves (one per code, read
    // from tests/fixtures/, never copied), the minimal valid file, a slice of
    // the real dataset, and anything a fuzzer once found.
    let fixtures = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/diagnostics"
    ))
    .unwrap()
    .count();
    assert!(fixtures >= 27, "{fixtures} diagnostic fixtures");
    let replayed = replay_dirs(
        &[
            &["tests", "corpus", "load"],
            &["tests", "fixtures", "diagnostics"],
            &["tests", "fixtures"],
        ],
        fuzz_entry::load,
    );
    assert!(replayed > fixtures + 2, "{replayed} files replayed");
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
