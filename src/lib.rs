//! civicmap: an interactive map of an ecosystem's actors and their links.
//!
//! - [`model`]: pure Rust (format, validation, graph, filters, state, URL, layout);
//!   never touches the web platform.
//! - [`deploy`]: the site's config, security headers, embed snippet, host messages.
//! - [`convert`]: CSV and sigma.js conversions and summary figures for the data team.
//! - `ui`: the Yew components (thin; state flows through `model::state`).
//! - `render`: the canvas renderer, camera and hit testing.
//! - [`work`]: the Web Worker a big layout and the network measures run in.
//!
//! See `ARCHITECTURE.md` for the code map and the invariants.

pub mod convert;
pub mod deploy;
pub mod model;
pub mod render;
pub mod ui;
pub mod work;
