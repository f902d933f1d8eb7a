//! The one application state and its reducer: `AppState::apply(Action)`.
//! The UI dispatches actions; everything shown derives from the state.

use super::dataset::Dataset;
use super::filter::Filter;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Graph,
    List,
    Timeline,
    Stakes,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// The shareable state of the map (everything in the URL).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppState {
    pub filter: Filter,
    /// `path=a~b` (reserved).
    pub path: Option<(String, String)>,
    pub view: View,
    pub lang: Lang,
    /// `None`: follow the system setting.
    pub theme: Option<Theme>,
    pub embed: bool,
    /// `data=`: URL of another dataset.
    pub data: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    ToggleType(String),
    ToggleObjective(String),
    ToggleEcosystem(String),
    ToggleLink(String),
    SetYear(Option<i64>),
    SetQuery(String),
    SetStake(Option<String>),
    /// Select an actor (by id) or clear the selection. Clearing also drops `depth`.
    Select(Option<String>),
    SetDepth(Option<u8>),
    SetView(View),
    SetLang(Lang),
    SetTheme(Option<Theme>),
    /// Clears type, objective, ecosystem, link, year, q and stake (keeps selection if still visible).
    ClearFilters,
    /// Replaces the whole state (URL navigation, host `set-state`); `embed` is kept.
    Replace(Box<AppState>),
}

impl AppState {
    /// The reducer. Toggles keep ids in dataset (taxonomy) order; after a
    /// filter change, the selection is dropped if the selected actor is no
    /// longer visible.
    pub fn apply(&mut self, _ds: Option<&Dataset>, _action: Action) {
        unimplemented!()
    }
}
