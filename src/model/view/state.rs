//! The one application state and its reducer: `AppState::apply(Action)`.
//! The UI dispatches actions; everything shown derives from the state.
//! The reducer is pure: the same state, dataset and action give the same
//! next state.

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::{self, Facet, Filter};
use crate::model::network::metrics::Measure;
use crate::model::network::search;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Graph,
    List,
    Timeline,
    Stakes,
    Analysis,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The language code: `<html lang>`, `LocalizedText::get`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// What node colour shows (`color=`, product.md): the actor's type by
/// default, else its objectives, its ecosystems or its Louvain community.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ColorBy {
    #[default]
    Type,
    Objective,
    Ecosystem,
    Community,
}

impl ColorBy {
    /// Every choice, in the order the controls list them.
    pub const ALL: [ColorBy; 4] = [
        ColorBy::Type,
        ColorBy::Objective,
        ColorBy::Ecosystem,
        ColorBy::Community,
    ];

    /// The value of `color=`.
    pub fn id(self) -> &'static str {
        match self {
            ColorBy::Type => "type",
            ColorBy::Objective => "objective",
            ColorBy::Ecosystem => "ecosystem",
            ColorBy::Community => "community",
        }
    }

    /// The choice named `id`, if any.
    pub fn from_id(id: &str) -> Option<ColorBy> {
        ColorBy::ALL.into_iter().find(|c| c.id() == id)
    }
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
    /// `path=a~b`: the two actors (ids) whose chain the map shows.
    pub path: Option<(String, String)>,
    /// `size=`: the measure node sizes show.
    pub size: Measure,
    /// `color=`: what node colours show.
    pub color: ColorBy,
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
    /// Adds the value `id` to the facet's filter, or removes it.
    Toggle(Facet, String),
    SetYear(Option<i64>),
    SetQuery(String),
    SetStake(Option<String>),
    /// Select an actor by id (or alias) or clear the selection: for ids that
    /// arrive from outside the app. Clearing also drops `depth`.
    Select(Option<String>),
    /// Select the actor at this index in `dataset.actors` or clear the
    /// selection: what the app's own components (map, card, list, search,
    /// views) dispatch, since the selection is an index inside the app.
    SelectAt(Option<usize>),
    SetDepth(Option<u8>),
    SetView(View),
    /// `size=`: what node sizes show.
    SetSize(Measure),
    /// `color=`: what node colours show.
    SetColor(ColorBy),
    SetLang(Lang),
    SetTheme(Option<Theme>),
    /// Clears type, objective, ecosystem, link, year, q and stake (keeps selection if still visible).
    ClearFilters,
    /// Sets `path=a~b` (ids or aliases, stored as ids) or clears it;
    /// ignored when the dataset lacks either actor.
    SetPath(Option<(String, String)>),
    /// Replaces the whole state (URL navigation, host `set-state`); `embed` is kept.
    Replace(Box<AppState>),
}

impl AppState {
    /// The reducer. Toggles keep ids in dataset (taxonomy) order; after a
    /// filter change, the selection is dropped if the selected actor is no
    /// longer visible.
    ///
    /// Rules, beyond what each action says:
    /// - ids the taxonomy does not list sort after those it lists (in the order
    ///   they were added); without a dataset, toggles append;
    /// - `Select(Some(id))` accepts an alias and stores the actor's id; it is
    ///   ignored when the dataset has no such actor or the filters hide it;
    ///   selecting another actor keeps `depth`;
    /// - `SelectAt(Some(i))` stores the id of actor `i`; it is ignored without
    ///   a dataset, when `i` is out of range or when the filters hide it;
    /// - `SetDepth` is ignored without a selection or outside 1–3;
    ///   `SetYear` is ignored outside 1000–2100; `SetStake` ignores a stake
    ///   the dataset does not have;
    /// - after every action, a selection the filters hide is dropped with its
    ///   `depth`, and a `depth` without selection is dropped.
    pub fn apply(&mut self, ds: Option<&Dataset>, action: Action) {
        let f = &mut self.filter;
        match action {
            Action::Toggle(facet, id) => {
                let list = match facet {
                    Facet::Type => &mut f.types,
                    Facet::Objective => &mut f.objectives,
                    Facet::Ecosystem => &mut f.ecosystems,
                    Facet::Link => &mut f.links,
                };
                toggle(list, id, ds, facet);
            }
            Action::SetYear(y) => {
                if y.is_none_or(|y| (YEAR_MIN..=YEAR_MAX).contains(&y)) {
                    f.year = y;
                }
            }
            Action::SetQuery(q) => f.q = q,
            Action::SetStake(stake) => {
                let known = |id: &str| {
                    ds.is_none_or(|ds| ds.stakes.iter().any(|s| s.id.as_deref() == Some(id)))
                };
                if stake.as_deref().is_none_or(known) {
                    f.stake = stake;
                }
            }
            Action::Select(None) | Action::SelectAt(None) => {
                f.actor = None;
                f.depth = None;
            }
            Action::Select(Some(key)) => match ds {
                None => f.actor = Some(key),
                Some(ds) => {
                    if let Some(i) = search::resolve_actor(ds, &key) {
                        select_at(ds, f, i);
                    }
                }
            },
            Action::SelectAt(Some(i)) => {
                if let Some(ds) = ds {
                    select_at(ds, f, i);
                }
            }
            Action::SetDepth(d) => {
                if d.is_none() || (f.actor.is_some() && d.is_some_and(|d| (1..=3).contains(&d))) {
                    f.depth = d;
                }
            }
            Action::SetView(v) => self.view = v,
            Action::SetSize(m) => self.size = m,
            Action::SetColor(c) => self.color = c,
            Action::SetLang(l) => self.lang = l,
            Action::SetTheme(t) => self.theme = t,
            Action::ClearFilters => {
                *f = Filter {
                    actor: f.actor.take(),
                    depth: f.depth.take(),
                    ..Filter::default()
                };
            }
            Action::SetPath(None) => self.path = None,
            Action::SetPath(Some((a, b))) => match ds {
                None => self.path = Some((a, b)),
                Some(ds) => {
                    let id = |k: &str| {
                        search::resolve_actor(ds, k)
                            .and_then(|i| ds.actors.get(i))
                            .map(|x| x.id().to_string())
                    };
                    if let (Some(a), Some(b)) = (id(&a), id(&b)) {
                        self.path = Some((a, b));
                    }
                }
            },
            Action::Replace(next) => {
                let embed = self.embed;
                *self = *next;
                self.embed = embed;
            }
        }
        self.drop_hidden_selection(ds);
    }

    /// Drops a selection the filters hide (and its depth), and a depth
    /// without selection. A focus (selection + depth) is hidden only by
    /// `year` ([`filter::keeps_selection`]).
    fn drop_hidden_selection(&mut self, ds: Option<&Dataset>) {
        let f = &mut self.filter;
        if let (Some(ds), Some(id)) = (ds, f.actor.as_deref()) {
            let shown = ds
                .actors
                .iter()
                .position(|a| a.id() == id)
                .is_some_and(|i| filter::keeps_selection(ds, f, i));
            if !shown {
                f.actor = None;
            }
        }
        if f.actor.is_none() {
            f.depth = None;
        }
    }
}

/// Selects actor `i` (its id) unless it is out of range or the filters hide it.
fn select_at(ds: &Dataset, f: &mut Filter, i: usize) {
    if let Some(a) = ds.actors.get(i) {
        if filter::keeps_selection(ds, f, i) {
            f.actor = Some(a.id().to_string());
        }
    }
}

/// Years the URL and the state accept.
pub const YEAR_MIN: i64 = 1000;
/// Years the URL and the state accept.
pub const YEAR_MAX: i64 = 2100;

/// Adds or removes `id`, keeping the list in taxonomy order.
fn toggle(list: &mut Vec<String>, id: String, ds: Option<&Dataset>, facet: Facet) {
    if let Some(at) = list.iter().position(|x| *x == id) {
        list.remove(at);
        return;
    }
    list.push(id);
    if let Some(ds) = ds {
        let order = filter::facet_values(ds, facet);
        // Stable: unlisted ids keep their relative order, after the listed ones.
        list.sort_by_key(|x| order.iter().position(|o| o == x).unwrap_or(usize::MAX));
    }
}

#[cfg(test)]
mod tests;
