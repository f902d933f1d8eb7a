//! Shared by the native and the browser layout tests: a fixed generated
//! graph and the FNV-1a hash of the positions it lays out to.

use civicmap::model::format::dataset::{Actor, Dataset, Link, Position};

/// 300 actors (every 50th pinned, a few isolated) and 600 links, from a
/// fixed xorshift sequence.
pub fn golden_dataset() -> Dataset {
    let mut x: u64 = 0x0123_4567_89AB_CDEF;
    let mut next = move |k: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % k
    };
    let n = 300u64;
    let actors = (0..n)
        .map(|i| Actor {
            id: format!("a{i}"),
            name: format!("Actor {i}"),
            actor_type: "org".into(),
            position: (i % 50 == 0).then_some(Position {
                x: i as f64 * 1.5 - 200.0,
                y: 100.0 - i as f64,
            }),
            ..Actor::default()
        })
        .collect();
    let links = (0..600)
        .map(|_| {
            // Actors 290..300 stay isolated.
            let s = next(290);
            let t = (s + 1 + next(20)) % 290;
            Link {
                source: format!("a{s}"),
                target: format!("a{t}"),
                kind: "k".into(),
                ..Link::default()
            }
        })
        .collect();
    Dataset {
        actors,
        links,
        ..Dataset::default()
    }
}

/// FNV-1a (64 bits) over the bit patterns of x then y of every position.
pub fn fnv(positions: &[Position]) -> u64 {
    civicmap::model::network::layout::positions_hash(positions)
}

/// The hash the golden dataset lays out to, on every machine (a random
/// start: some actors are pinned).
pub const GOLDEN: u64 = 0xf268_4e59_f2fa_3a7d;

/// The golden dataset with no actor pinned: the layout starts from Pivot
/// MDS (`layout/start.rs`).
pub fn golden_free_dataset() -> Dataset {
    let mut ds = golden_dataset();
    for a in &mut ds.actors {
        a.position = None;
    }
    ds
}

/// The hash the free golden dataset lays out to, on every machine. Set
/// when the Pivot MDS start came in (a new start, a new budget: every
/// position changed on purpose).
pub const GOLDEN_FREE: u64 = 0x9fad_d987_84fe_5273;
