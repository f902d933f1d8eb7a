//! The layout of a fixed generated graph (with pinned actors: a random
//! start; without: the Pivot MDS start) hashes to a known value natively;
//! `tests/wasm_layout.rs` asserts the same value in a browser, which proves
//! that the browser computes the same positions bit for bit.

mod common;

use civicmap::model::network::graph::Graph;
use civicmap::model::network::layout;

#[test]
fn golden_layout_checksum() {
    let ds = common::golden_dataset();
    let g = Graph::new(&ds);
    let p = layout::compute(&ds, &g);
    assert!(p.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
    let h = common::fnv(&p);
    assert_eq!(h, common::GOLDEN, "layout hash is {h:#018x}");
}

#[test]
fn golden_layout_checksum_from_the_pivot_mds_start() {
    let ds = common::golden_free_dataset();
    let g = Graph::new(&ds);
    let p = layout::compute(&ds, &g);
    assert!(p.iter().all(|q| q.x.is_finite() && q.y.is_finite()));
    let h = common::fnv(&p);
    assert_eq!(h, common::GOLDEN_FREE, "layout hash is {h:#018x}");
}
