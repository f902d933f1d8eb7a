//! The pure model of civicmap, by domain: [`format`] (the `civicmap/1` file,
//! its validation and diagnostics), [`network`] (the graph, filters, search,
//! layout) and [`view`] (the view state, its URL codec, the list, timeline and
//! stakes views).
//!
//! Invariant: nothing under `model` imports `yew`, `web_sys`, `js_sys`,
//! `gloo` or `wasm_bindgen`; it compiles and is tested natively, and the
//! browser runs exactly the same code (`tests/tidy.rs` checks it).

// Test fixtures (they read files; the app never calls them, so the
// release build drops them).
#[doc(hidden)]
pub mod fixtures;
pub mod format;
pub mod fuzz_entry;
pub mod network;
pub mod order;
pub mod view;
