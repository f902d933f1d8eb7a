//! The pure model of civicmap: the `civicmap/1` format, its validation, the
//! graph, filters, search, the view state and its URL codec, the layout.
//!
//! Invariant: nothing under `model` imports `yew`, `web_sys`, `js_sys`,
//! `gloo` or `wasm_bindgen`; it compiles and is tested natively, and the
//! browser runs exactly the same code.

pub mod complete;
pub mod config;
pub mod dataset;
pub mod diagnostic;
pub mod filter;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod fuzz_entry;
pub mod graph;
pub mod headers;
pub mod import;
pub mod layout;
pub mod listing;
pub mod locate;
pub mod message;
pub mod search;
mod shape;
pub mod snippet;
pub mod stakes;
pub mod state;
pub mod stats;
pub mod timeline;
pub mod url;
pub mod validate;
