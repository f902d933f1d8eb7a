//! Fuzz target `host_message`: The host-page message decoder and the map's own messages.
//! The harness is `civicmap::model::fuzz_entry::host_message`, shared with
//! `tests/corpus_replay.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = civicmap::model::fuzz_entry::host_message(data) {
        panic!("invariant broken: {violation}");
    }
});
