//! What every component of a loaded map reads — the language, the theme,
//! the dataset, its graph and the dispatch of actions — as one Yew context
//! that the app root provides, instead of props threaded by hand.
//!
//! Components of a loaded map read it with [`use_map`] and render nothing
//! without it. Those shown before a dataset is there (the loading screen, the
//! error panel, the load-error notice, the crash screen) keep a `lang` prop;
//! so does the map canvas, whose props are the render engine's contract
//! (ARCHITECTURE.md, "What the map context carries").

use yew::prelude::*;

use super::store::Frozen;
use crate::model::format::dataset::Dataset;
use crate::model::network::graph::Graph;
use crate::model::view::state::{Action, Lang};

/// The context of a loaded map (provided once the dataset is there).
#[derive(Clone, PartialEq)]
pub struct MapContext {
    pub lang: Lang,
    /// The dark theme is on (`theme=`, else the system's).
    pub dark: bool,
    pub dataset: Frozen<Dataset>,
    pub graph: Frozen<Graph>,
    /// Every change of the state goes through here (built once).
    pub dispatch: Callback<Action>,
}

/// The map's context; `None` outside a loaded map (a component rendered on
/// its own, as the SSR tests do).
#[hook]
pub fn use_map() -> Option<MapContext> {
    use_context::<MapContext>()
}
