//! In the browser: the golden graph lays out to the same hash as natively
//! (`tests/layout_golden.rs`). Run with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_layout`.
#![cfg(target_arch = "wasm32")]

mod common;

use civicmap::model::network::graph::Graph;
use civicmap::model::network::layout;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn golden_layout_checksum_in_the_browser() {
    let ds = common::golden_dataset();
    let g = Graph::new(&ds);
    let p = layout::compute(&ds, &g);
    assert_eq!(common::fnv(&p), common::GOLDEN);
}

#[wasm_bindgen_test]
fn golden_layout_checksum_from_the_pivot_mds_start_in_the_browser() {
    let ds = common::golden_free_dataset();
    let g = Graph::new(&ds);
    let p = layout::compute(&ds, &g);
    assert_eq!(common::fnv(&p), common::GOLDEN_FREE);
}
