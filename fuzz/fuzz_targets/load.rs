//! Fuzz target `load`: The dataset loader and validator on arbitrary bytes.
//! The harness is `civicmap::model::fuzz_entry::load`, shared with
//! `tests/corpus_replay.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = civicmap::model::fuzz_entry::load(data) {
        panic!("invariant broken: {violation}");
    }
});
