//! The pure model in a real browser (wasm32, headless Chromium through
//! `wasm-bindgen-test-runner`): the same file gives the same diagnostics, with
//! the same places, the same visible counts and the same URL notices as in
//! the native tests, so what the data team's checker says is what visitors see.
#![cfg(target_arch = "wasm32")]
// `wasm_bindgen_test` functions are tests too: they may fail loudly.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use civicmap::model::format::diagnostic::Severity;
use civicmap::model::format::validate::load;
use civicmap::model::network::filter::{visible, Filter};
use civicmap::model::network::graph::Graph;
use civicmap::model::network::search::{fold, suggestions};
use civicmap::model::view::url::{decode, encode, resolve};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const TINY: &[u8] = include_bytes!("fixtures/e2e/tiny.json");
const BAD: &[u8] = include_bytes!("fixtures/e2e/bad.json");
const UNKNOWN_ACTOR: &[u8] = include_bytes!("fixtures/diagnostics/unknown-actor.json");

#[wasm_bindgen_test]
fn a_broken_file_gives_every_error_with_its_place() {
    let loaded = load(BAD);
    assert!(loaded.dataset.is_none());
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.path.as_str()))
        .collect();
    assert!(
        errors.contains(&("not-in-taxonomy", "actors[1].type")),
        "{errors:?}"
    );
    assert!(
        errors.contains(&("unknown-actor", "links[0].target")),
        "{errors:?}"
    );

    // Same line and column as the native test (tests/diagnostics.rs).
    let loaded = load(UNKNOWN_ACTOR);
    let got: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.path.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        got,
        [("unknown-actor", "links[1].target", Some(13), Some(31))]
    );
}

#[wasm_bindgen_test]
fn filters_and_counts_match_the_native_ones() {
    let loaded = load(TINY);
    let ds = loaded.dataset.expect("tiny.json loads");
    let g = Graph::new(&ds);
    let all = visible(&ds, &g, &Filter::default());
    assert_eq!(
        (all.actor_count, all.links.iter().filter(|v| **v).count()),
        (3, 2)
    );
    let platforms = Filter {
        types: vec!["platform".to_string()],
        ..Filter::default()
    };
    assert_eq!(visible(&ds, &g, &platforms).actor_count, 1);
}

#[wasm_bindgen_test]
fn search_ignores_accents_in_the_browser_too() {
    assert_eq!(fold("Bêta Plateforme"), "beta plateforme");
    let ds = load(TINY).dataset.expect("tiny.json loads");
    let found = suggestions(&ds, "beta", 5);
    let ids: Vec<_> = found
        .iter()
        .filter_map(|&i| ds.actors.get(i))
        .map(|a| a.id())
        .collect();
    assert_eq!(ids, ["beta"]);
}

#[wasm_bindgen_test]
fn a_bad_url_is_dropped_with_notices_and_the_rest_kept() {
    let ds = load(TINY).dataset.expect("tiny.json loads");
    let (state, syntax) = decode("?type=nope,platform&depth=9&lang=en");
    let (state, unknown) = resolve(state, &ds);
    let dropped: Vec<_> = syntax
        .iter()
        .chain(&unknown)
        .map(|n| (n.param.as_str(), n.value.as_str()))
        .collect();
    assert!(dropped.contains(&("depth", "9")), "{dropped:?}");
    assert!(dropped.contains(&("type", "nope")), "{dropped:?}");
    assert_eq!(encode(&state), "type=platform&lang=en");
}
