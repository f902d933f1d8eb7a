//! The Yew app: loading, panels, filters, search, URL, i18n.
//!
//! Components are thin: they render props and emit `model::state::Action`s;
//! the one reducer is [`store::Store`] around `model::state::AppState`.
//! Derived data (graph, visible set, facet counts, suggestions) is memoized
//! in [`app::App`], never stored. Browser APIs are wrapped in [`browser`]
//! and only called from effects and callbacks, so components also render
//! natively (Yew SSR tests in `tests/ui_ssr.rs`).

pub mod actor_panel;
pub mod analysis_chart;
pub mod analysis_view;
pub mod app;
pub mod browser;
pub mod chrome;
pub mod context;
pub mod crash;
pub mod describe;
pub mod embed;
pub mod exporter;
pub mod fetch_failure;
pub mod filters;
pub mod hooks;
pub mod host;
pub mod i18n;
pub mod icons;
pub mod legend;
pub mod list_view;
pub mod load_notice;
pub mod loader;
pub mod markup;
pub mod measures;
pub mod path_fields;
pub mod path_view;
pub mod play;
pub mod resize;
pub mod search;
pub mod stakes_view;
pub mod store;
pub mod timeline;
pub mod topbar;
pub mod versions;
pub mod view_tabs;

pub use app::App;
