//! Fuzz target `url`: The URL codec: decode, resolve, encode; decode(encode(s)) is stable.
//! The harness is `civicmap::model::fuzz_entry::url`, shared with
//! `tests/corpus_replay.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = civicmap::model::fuzz_entry::url(data) {
        panic!("invariant broken: {violation}");
    }
});
