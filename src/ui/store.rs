//! The reducer adapter: one Yew `Reducible` around the model's
//! [`AppState`], plus what only the app needs to know about the load in
//! progress and the notices on screen.
//!
//! Every change of the shareable state goes through `AppState::apply`; this
//! module only sequences loading (`Loaded` resolves the URL state against the
//! new dataset) and URL navigation (`Navigate`).

use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

use super::i18n::FetchFailure;
use crate::model::dataset::Dataset;
use crate::model::diagnostic::Diagnostic;
use crate::model::state::{Action, AppState};
use crate::model::url::{self, Notice};

/// An `Rc` compared by pointer: cheap props for data that only changes by
/// being replaced (a dataset, a graph, a memoized visible set).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Where the dataset stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Loading { received: u64, total: Option<u64> },
    Failed(FetchFailure),
    Invalid(Vec<Diagnostic>),
    Ready,
}

/// Everything the app keeps.
#[derive(Debug, Clone)]
pub struct Store {
    /// The shareable state (what the URL says).
    pub state: AppState,
    pub phase: Phase,
    /// The loaded dataset (kept while another one loads).
    pub dataset: Option<Shared<Dataset>>,
    /// Bumped on every successful load: memo key and `civicmap:ready` trigger.
    pub generation: u32,
    /// Dropped URL values not yet dismissed.
    pub url_notices: Vec<Notice>,
    /// Warnings of a `data=` dataset not yet dismissed.
    pub warnings: Vec<Diagnostic>,
}

/// What can happen to the store.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A user action on the view state.
    Do(Action),
    /// Bytes are arriving.
    Progress {
        received: u64,
        total: Option<u64>,
    },
    /// A dataset loaded: resolve the URL state against it.
    Loaded {
        dataset: Rc<Dataset>,
        warnings: Vec<Diagnostic>,
    },
    Failed(FetchFailure),
    Invalid(Vec<Diagnostic>),
    /// The address changed (Back/Forward): the decoded state and its notices.
    Navigate(Box<AppState>, Vec<Notice>),
    DismissUrlNotices,
    DismissWarnings,
}

impl Store {
    /// The store at start, from the page's query string (syntax only; ids are
    /// checked once the dataset is there).
    pub fn from_query(query: &str) -> Store {
        let (state, notices) = url::decode(query);
        Store {
            state,
            phase: Phase::Loading {
                received: 0,
                total: None,
            },
            dataset: None,
            generation: 0,
            url_notices: notices,
            warnings: Vec::new(),
        }
    }

    /// Checks `state` against the dataset and drops what the UI does not
    /// build yet; returns the notices.
    fn settle(state: AppState, ds: &Dataset) -> (AppState, Vec<Notice>) {
        let (state, mut notices) = url::resolve(state, ds);
        let (state, more) = url::unsupported(&state);
        notices.extend(more);
        (state, notices)
    }

    fn push_notices(&mut self, notices: Vec<Notice>) {
        for n in notices {
            if !self.url_notices.contains(&n) {
                self.url_notices.push(n);
            }
        }
    }
}

impl Reducible for Store {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Do(action) => {
                let ds = next.dataset.clone();
                next.state.apply(ds.as_deref(), action);
            }
            Msg::Progress { received, total } => {
                if !matches!(next.phase, Phase::Loading { .. }) {
                    return self;
                }
                next.phase = Phase::Loading { received, total };
            }
            Msg::Loaded { dataset, warnings } => {
                let (state, notices) = Store::settle(next.state.clone(), &dataset);
                next.state = state;
                next.push_notices(notices);
                next.dataset = Some(Shared(dataset));
                next.generation = next.generation.wrapping_add(1);
                next.warnings = if next.state.data.is_some() {
                    warnings
                } else {
                    Vec::new()
                };
                next.phase = Phase::Ready;
            }
            Msg::Failed(f) => next.phase = Phase::Failed(f),
            Msg::Invalid(d) => next.phase = Phase::Invalid(d),
            Msg::Navigate(state, notices) => {
                next.push_notices(notices);
                let same_data = state.data == next.state.data;
                match (next.dataset.clone(), same_data) {
                    (Some(ds), true) => {
                        let (state, notices) = Store::settle(*state, &ds);
                        next.push_notices(notices);
                        next.state
                            .apply(Some(&ds), Action::Replace(Box::new(state)));
                    }
                    _ => {
                        // Another dataset: the loading effect follows `state.data`.
                        let embed = next.state.embed;
                        next.state = *state;
                        next.state.embed = embed;
                        next.phase = Phase::Loading {
                            received: 0,
                            total: None,
                        };
                    }
                }
            }
            Msg::DismissUrlNotices => next.url_notices.clear(),
            Msg::DismissWarnings => next.warnings.clear(),
        }
        Rc::new(next)
    }
}
