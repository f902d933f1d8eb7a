//! Fuzz target `graphml_import`: The GraphML importer on arbitrary bytes.
//! The harness is `civicmap::model::fuzz_entry::graphml_import`, shared with
//! `tests/corpus_replay.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = civicmap::model::fuzz_entry::graphml_import(data) {
        panic!("invariant broken: {violation}");
    }
});
