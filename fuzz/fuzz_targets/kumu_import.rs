//! Fuzz target `kumu_import`: The Kumu importer on arbitrary bytes (Elements CSV, NUL, Connections CSV).
//! The harness is `civicmap::model::fuzz_entry::kumu_import`, shared with
//! `tests/corpus_replay.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = civicmap::model::fuzz_entry::kumu_import(data) {
        panic!("invariant broken: {violation}");
    }
});
