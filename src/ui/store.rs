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

use super::fetch_failure::FetchFailure;
use crate::model::format::dataset::Dataset;
use crate::model::format::diagnostic::Diagnostic;
use crate::model::network::graph::Graph;
use crate::model::view::state::{Action, AppState};
use crate::model::view::url::{self, Notice};

/// An `Rc` compared by pointer: cheap props for data that only changes by
/// being replaced (a dataset, a graph, a memoized visible set). Frozen:
/// never mutated in place, so pointer equality is value equality.
#[derive(Debug)]
pub struct Frozen<T>(pub Rc<T>);

impl<T> Frozen<T> {
    pub fn new(value: T) -> Self {
        Frozen(Rc::new(value))
    }
}

impl<T> Clone for Frozen<T> {
    fn clone(&self) -> Self {
        Frozen(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Frozen<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Frozen<T> {
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

/// The dataset load the app should run: the loading effect follows `id`,
/// bumped for every new load (another `data=`, a retry) and only then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadRequest {
    /// The `data=` value (`None`: the deployment's default dataset).
    pub data: Option<String>,
    pub id: u32,
}

/// Why a load failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Failed(FetchFailure),
    Invalid(Vec<Diagnostic>),
}

/// A load that failed while another map was shown: that map stays, with
/// this notice over it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// The state that asked for the failed dataset (restored by a retry).
    pub wanted: Box<AppState>,
    pub problem: Problem,
}

/// Everything the app keeps.
#[derive(Debug, Clone)]
pub struct Store {
    /// The shareable state (what the URL says).
    pub state: AppState,
    pub phase: Phase,
    /// The loaded dataset (kept while another one loads).
    pub dataset: Option<Frozen<Dataset>>,
    /// Its graph, built once by the loader (which may have started a
    /// worker's layout from it); always set together with `dataset`.
    pub graph: Option<Frozen<Graph>>,
    /// Bumped on every successful load: memo key and `civicmap:ready` trigger.
    pub generation: u32,
    /// Dropped URL values not yet dismissed.
    pub url_notices: Vec<Notice>,
    /// Warnings of a `data=` dataset not yet dismissed.
    pub warnings: Vec<Diagnostic>,
    /// The load to run (see [`LoadRequest`]).
    pub request: LoadRequest,
    /// While another dataset loads over a shown map: the state of that map,
    /// restored if the load fails.
    pub previous: Option<AppState>,
    /// The last load that failed over a shown map, until dismissed.
    pub load_error: Option<LoadError>,
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
        /// `Graph::new(&dataset)`.
        graph: Rc<Graph>,
        warnings: Vec<Diagnostic>,
    },
    Failed(FetchFailure),
    Invalid(Vec<Diagnostic>),
    /// The address changed (Back/Forward): the decoded state and its notices.
    Navigate(Box<AppState>, Vec<Notice>),
    DismissUrlNotices,
    DismissWarnings,
    /// Try the failed load again (first load, or the one over the map).
    Retry,
    DismissLoadError,
}

impl Store {
    /// The store at start, from the page's query string (syntax only; ids are
    /// checked once the dataset is there).
    pub fn from_query(query: &str) -> Store {
        let (state, notices) = url::decode(query);
        Store {
            phase: Phase::Loading {
                received: 0,
                total: None,
            },
            dataset: None,
            graph: None,
            generation: 0,
            request: LoadRequest {
                data: state.data.clone(),
                id: 0,
            },
            state,
            url_notices: notices,
            warnings: Vec::new(),
            previous: None,
            load_error: None,
        }
    }

    /// Starts loading `self.state.data`; `shown` is the state of the map on
    /// screen, kept to come back to if the load fails (a load that replaces
    /// a load in progress keeps the first one's).
    fn begin_load(&mut self, shown: AppState) {
        if self.phase == Phase::Ready && self.dataset.is_some() {
            self.previous = Some(shown);
        }
        self.load_error = None;
        self.request = LoadRequest {
            data: self.state.data.clone(),
            id: self.request.id.wrapping_add(1),
        };
        self.phase = Phase::Loading {
            received: 0,
            total: None,
        };
    }

    /// A load failed: over a shown map, that map comes back with a notice;
    /// else the failure fills the screen.
    fn fail(&mut self, problem: Problem) {
        match self.previous.take() {
            Some(shown) if self.dataset.is_some() => {
                let wanted = std::mem::replace(&mut self.state, shown);
                self.load_error = Some(LoadError {
                    wanted: Box::new(wanted),
                    problem,
                });
                self.phase = Phase::Ready;
            }
            _ => {
                self.phase = match problem {
                    Problem::Failed(f) => Phase::Failed(f),
                    Problem::Invalid(d) => Phase::Invalid(d),
                }
            }
        }
    }

    /// Checks `state` against the dataset; returns the notices.
    fn resolve_against(state: AppState, ds: &Dataset) -> (AppState, Vec<Notice>) {
        url::resolve(state, ds)
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
                if next.state.data != self.state.data {
                    // A host's set-state may name another dataset.
                    next.begin_load(self.state.clone());
                }
            }
            Msg::Progress { received, total } => {
                if !matches!(next.phase, Phase::Loading { .. }) {
                    return self;
                }
                next.phase = Phase::Loading { received, total };
            }
            Msg::Loaded {
                dataset,
                graph,
                warnings,
            } => {
                let (state, notices) = Store::resolve_against(next.state.clone(), &dataset);
                next.state = state;
                next.push_notices(notices);
                next.dataset = Some(Frozen(dataset));
                next.graph = Some(Frozen(graph));
                next.generation = next.generation.wrapping_add(1);
                next.warnings = if next.state.data.is_some() {
                    warnings
                } else {
                    Vec::new()
                };
                next.phase = Phase::Ready;
                next.previous = None;
                next.load_error = None;
            }
            Msg::Failed(f) => next.fail(Problem::Failed(f)),
            Msg::Invalid(d) => next.fail(Problem::Invalid(d)),
            Msg::Navigate(state, notices) => {
                next.push_notices(notices);
                let same_data = state.data == next.state.data;
                match (next.dataset.clone(), same_data, &next.phase) {
                    (Some(ds), true, Phase::Ready) => {
                        let (state, notices) = Store::resolve_against(*state, &ds);
                        next.push_notices(notices);
                        next.state
                            .apply(Some(&ds), Action::Replace(Box::new(state)));
                    }
                    _ => {
                        // Another dataset (or the same one again after a
                        // failure): load it.
                        let shown = next.state.clone();
                        next.state = *state;
                        next.state.embed = shown.embed;
                        next.begin_load(shown);
                    }
                }
            }
            Msg::Retry => match next.load_error.take() {
                Some(e) => {
                    let shown = next.state.clone();
                    next.state = *e.wanted;
                    next.state.embed = shown.embed;
                    next.begin_load(shown);
                }
                None if matches!(next.phase, Phase::Failed(_) | Phase::Invalid(_)) => {
                    let shown = next.state.clone();
                    next.begin_load(shown);
                }
                None => return self,
            },
            Msg::DismissUrlNotices => next.url_notices.clear(),
            Msg::DismissWarnings => next.warnings.clear(),
            Msg::DismissLoadError => next.load_error = None,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format::validate;
    use crate::model::network::filter::Facet;
    use crate::model::view::url::NoticeReason;

    fn default_dataset() -> Rc<Dataset> {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/static/data/civic-tech-fr.json"
        ))
        .unwrap();
        Rc::new(validate::load(&bytes).dataset.unwrap())
    }

    fn reduce(s: Store, msg: Msg) -> Store {
        (*Rc::new(s).reduce(msg)).clone()
    }

    fn loaded(query: &str) -> Store {
        reduce(
            Store::from_query(query),
            Msg::Loaded {
                graph: Rc::new(Graph::new(&default_dataset())),
                dataset: default_dataset(),
                warnings: vec![Diagnostic::warning("isolated-actor", "actors[1]", "alone")],
            },
        )
    }

    #[test]
    fn loading_resolves_the_url_against_the_dataset_with_notices() {
        let s = loaded("type=licorne,association&view=list&actor=decidim&depth=9");
        assert_eq!(s.phase, Phase::Ready);
        assert_eq!(s.generation, 1);
        // The loader's graph is the dataset's, kept beside it.
        let (ds, g) = (s.dataset.as_deref().unwrap(), s.graph.as_deref().unwrap());
        assert_eq!(g.actor_count(), ds.actors.len());
        assert_eq!(s.state.filter.types, vec!["association".to_string()]);
        // decidim is a platform: the type filter hides it, so it is dropped.
        assert_eq!(s.state.filter.actor, None);
        let reasons: Vec<(String, NoticeReason)> = s
            .url_notices
            .iter()
            .map(|n| (n.param.clone(), n.reason))
            .collect();
        assert!(
            reasons.contains(&("type".into(), NoticeReason::UnknownId)),
            "{reasons:?}"
        );
        // Every view exists: `view=list` is kept, without a notice.
        assert_eq!(s.state.view, crate::model::view::state::View::List);
        assert!(!reasons.iter().any(|(p, _)| p == "view"), "{reasons:?}");
        assert!(reasons.contains(&("actor".into(), NoticeReason::HiddenActor)));
        assert!(reasons.iter().any(|(p, _)| p == "depth"), "{reasons:?}");
    }

    #[test]
    fn an_alias_in_the_url_selects_its_actor() {
        let s = loaded("actor=erdf&lang=en");
        assert_eq!(s.state.filter.actor.as_deref(), Some("enedis"));
        assert!(s.url_notices.is_empty(), "{:?}", s.url_notices);
        assert_eq!(s.state.lang, crate::model::view::state::Lang::En);
    }

    #[test]
    fn warnings_show_only_for_a_data_parameter() {
        assert!(loaded("").warnings.is_empty());
        assert_eq!(loaded("data=other.json").warnings.len(), 1);
        let s = reduce(loaded("data=other.json"), Msg::DismissWarnings);
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn actions_go_through_the_model_reducer() {
        let s = reduce(
            loaded(""),
            Msg::Do(Action::Toggle(Facet::Type, "association".into())),
        );
        assert_eq!(s.state.filter.types, vec!["association".to_string()]);
        let s = reduce(s, Msg::Do(Action::Select(Some("decider-ensemble".into()))));
        assert_eq!(s.state.filter.actor.as_deref(), Some("decider-ensemble"));
        // Hiding the selected actor drops the selection.
        let s = reduce(
            s,
            Msg::Do(Action::Toggle(Facet::Type, "association".into())),
        );
        let s = reduce(s, Msg::Do(Action::Toggle(Facet::Type, "platform".into())));
        assert_eq!(s.state.filter.actor, None);
    }

    #[test]
    fn back_and_forward_replace_the_state_but_keep_embed() {
        let s = loaded("embed=1&actor=etalab");
        let (next, notices) = url::decode("actor=licorne&type=association");
        let s = reduce(s, Msg::Navigate(Box::new(next), notices));
        assert!(s.state.embed, "embed stays");
        assert_eq!(s.state.filter.types, vec!["association".to_string()]);
        assert_eq!(s.state.filter.actor, None);
        assert!(s.url_notices.iter().any(|n| n.param == "actor"));
        assert_eq!(s.phase, Phase::Ready, "same dataset: no reload");
    }

    #[test]
    fn navigating_to_another_dataset_reloads() {
        let s = loaded("");
        let (next, notices) = url::decode("data=other.json");
        let s = reduce(s, Msg::Navigate(Box::new(next), notices));
        assert!(matches!(s.phase, Phase::Loading { .. }));
        assert_eq!(s.state.data.as_deref(), Some("other.json"));
    }

    #[test]
    fn progress_only_while_loading() {
        let s = reduce(
            Store::from_query(""),
            Msg::Progress {
                received: 10,
                total: Some(20),
            },
        );
        assert_eq!(
            s.phase,
            Phase::Loading {
                received: 10,
                total: Some(20)
            }
        );
        let s = reduce(
            loaded(""),
            Msg::Progress {
                received: 1,
                total: None,
            },
        );
        assert_eq!(s.phase, Phase::Ready);
    }

    #[test]
    fn url_notices_are_not_repeated_and_can_be_dismissed() {
        let s = loaded("type=licorne");
        let (next, notices) = url::decode("type=licorne");
        let s = reduce(s, Msg::Navigate(Box::new(next), notices));
        assert_eq!(s.url_notices.len(), 1, "{:?}", s.url_notices);
        let s = reduce(s, Msg::DismissUrlNotices);
        assert!(s.url_notices.is_empty());
    }

    fn failed(s: Store) -> Store {
        reduce(
            s,
            Msg::Failed(FetchFailure::Http {
                url: "bad.json".into(),
                status: 500,
            }),
        )
    }

    #[test]
    fn a_failed_load_over_a_map_keeps_that_map_with_a_notice() {
        let s = loaded("type=association&actor=decider-ensemble");
        let request = s.request.id;
        let (next, notices) = url::decode("data=bad.json&type=platform");
        let s = reduce(s, Msg::Navigate(Box::new(next), notices));
        assert!(matches!(s.phase, Phase::Loading { .. }));
        assert_eq!(s.request.id, request + 1, "a new load is asked for");
        assert_eq!(s.request.data.as_deref(), Some("bad.json"));
        let s = failed(s);
        // The map that was shown is back, as it was: state, dataset, phase.
        assert_eq!(s.phase, Phase::Ready);
        assert_eq!(s.state.data, None);
        assert_eq!(s.state.filter.types, vec!["association".to_string()]);
        assert_eq!(s.state.filter.actor.as_deref(), Some("decider-ensemble"));
        assert!(s.dataset.is_some());
        assert_eq!(s.generation, 1, "no new dataset, no new layout");
        assert_eq!(
            s.request.id,
            request + 1,
            "restoring the state loads nothing"
        );
        let e = s.load_error.clone().unwrap();
        assert_eq!(e.wanted.data.as_deref(), Some("bad.json"));
        assert_eq!(e.wanted.filter.types, vec!["platform".to_string()]);
        assert!(matches!(
            e.problem,
            Problem::Failed(FetchFailure::Http { status: 500, .. })
        ));
        // The map stays usable.
        let s = reduce(s, Msg::Do(Action::Select(None)));
        assert_eq!(s.state.filter.actor, None);
        let s = reduce(s, Msg::Do(Action::Toggle(Facet::Type, "platform".into())));
        assert!(s.state.filter.types.contains(&"platform".to_string()));
        assert!(s.load_error.is_some(), "the notice stays until dismissed");
        let s = reduce(s, Msg::DismissLoadError);
        assert!(s.load_error.is_none());
        assert_eq!(s.phase, Phase::Ready);
    }

    #[test]
    fn retrying_over_a_kept_map_asks_for_the_failed_state_again() {
        let s = failed(reduce(
            loaded("lang=en"),
            Msg::Navigate(Box::new(url::decode("data=bad.json&lang=en&q=x").0), vec![]),
        ));
        let id = s.request.id;
        let s = reduce(s, Msg::Retry);
        assert_eq!(s.request.id, id + 1);
        assert_eq!(s.state.data.as_deref(), Some("bad.json"));
        assert_eq!(s.state.filter.q, "x");
        assert!(s.load_error.is_none());
        assert!(matches!(s.phase, Phase::Loading { .. }));
        // Failing again brings the map back again.
        let s = reduce(
            s,
            Msg::Invalid(vec![Diagnostic::error("invalid-json", "", "broken")]),
        );
        assert_eq!(s.phase, Phase::Ready);
        assert_eq!(s.state.data, None);
        assert!(matches!(
            s.load_error.as_ref().map(|e| &e.problem),
            Some(Problem::Invalid(_))
        ));
    }

    #[test]
    fn a_first_load_failure_fills_the_screen_and_can_be_retried() {
        let s = failed(Store::from_query("data=bad.json"));
        assert!(matches!(s.phase, Phase::Failed(_)));
        assert!(s.load_error.is_none());
        let id = s.request.id;
        let s = reduce(s, Msg::Retry);
        assert_eq!(s.request.id, id + 1);
        assert_eq!(s.request.data.as_deref(), Some("bad.json"));
        assert!(matches!(s.phase, Phase::Loading { .. }));
        // No failure, nothing to retry.
        let s = loaded("");
        let again = reduce(s.clone(), Msg::Retry);
        assert_eq!(again.request, s.request);
    }

    #[test]
    fn a_host_set_state_naming_another_dataset_loads_it() {
        let s = loaded("");
        let (next, _) = url::decode("data=other.json&lang=en");
        let s = reduce(s, Msg::Do(Action::Replace(Box::new(next))));
        assert_eq!(s.request.data.as_deref(), Some("other.json"));
        assert!(matches!(s.phase, Phase::Loading { .. }));
        let s = failed(s);
        assert_eq!(s.state.data, None);
        assert_eq!(s.phase, Phase::Ready);
        assert!(s.load_error.is_some());
    }

    #[test]
    fn a_second_navigation_during_a_load_keeps_the_map_on_screen_to_come_back_to() {
        let s = loaded("type=association");
        let s = reduce(
            s,
            Msg::Navigate(Box::new(url::decode("data=a.json").0), vec![]),
        );
        let s = reduce(
            s,
            Msg::Navigate(Box::new(url::decode("data=b.json").0), vec![]),
        );
        assert_eq!(s.request.data.as_deref(), Some("b.json"));
        let s = failed(s);
        assert_eq!(s.state.data, None);
        assert_eq!(s.state.filter.types, vec!["association".to_string()]);
        assert_eq!(
            s.load_error.as_ref().and_then(|e| e.wanted.data.as_deref()),
            Some("b.json")
        );
    }
}
