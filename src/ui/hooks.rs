//! The app root's hooks, one concern each: the media queries it follows,
//! the dataset loader, the address bar, the host page, and what it derives
//! from the state (memoized in `model::view::derive`).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use super::browser::{self, HistoryMode};
use super::fetch_failure::FetchFailure;
use super::host;
use super::i18n::{t, Key};
use super::loader::{self, LoadOutcome};
use super::store::{Frozen, Msg, Store};
use crate::deploy::message;
use crate::model::network::graph::Graph;
use crate::model::view::derive::{self, Addresses, Derivation, Filtered};
use crate::model::view::url;
use crate::work::client;

/// Whether a media query matches, following its changes.
#[hook]
pub fn use_media(query: &'static str) -> bool {
    let matches = use_state(|| browser::media(query).is_some_and(|m| m.matches()));
    {
        let matches = matches.clone();
        use_effect_with(query, move |q| {
            let listener = browser::media(q).map(|mql| {
                let target = mql.clone();
                EventListener::new(&mql, "change", move |_| matches.set(target.matches()))
            });
            move || drop(listener)
        });
    }
    *matches
}

/// Fetches and reads the dataset named by `data` (or the default one) and
/// reports to the store, unless a newer load started meanwhile (which also
/// aborts this one's download through `abort`).
async fn load(
    data: Option<String>,
    dispatcher: UseReducerDispatcher<Store>,
    seq: Rc<RefCell<u32>>,
    mine: u32,
    abort: Option<web_sys::AbortController>,
) {
    let current = || *seq.borrow() == mine;
    let config = loader::config().await;
    if !current() {
        return;
    }
    // The deployment's own default may be anywhere it chose; `data=` only
    // on the page's origin or one of `data_origins`.
    let href = data
        .clone()
        .unwrap_or_else(|| config.default_dataset.clone());
    let resolved = match browser::resolve(&href) {
        Some(r) if r.web && (data.is_none() || config.allows_data(&r.origin, &r.own)) => r,
        Some(r) => {
            dispatcher.dispatch(Msg::Failed(FetchFailure::OtherOrigin { url: r.url }));
            return;
        }
        None => {
            dispatcher.dispatch(Msg::Failed(FetchFailure::BadUrl { url: href }));
            return;
        }
    };
    let progress = {
        let dispatcher = dispatcher.clone();
        let seq = seq.clone();
        move |received, total| {
            if *seq.borrow() == mine {
                dispatcher.dispatch(Msg::Progress { received, total });
            }
        }
    };
    // A redirect may stay on the origin asked for, or go to an allowed one.
    let origin_ok = |o: &str| o == resolved.origin || config.allows_data(o, &resolved.own);
    let options = loader::FetchOptions {
        cap: config.max_dataset_bytes,
        origin_ok: &origin_ok,
        abort,
    };
    let bytes = loader::fetch(&resolved.url, &options, progress).await;
    if !current() {
        return;
    }
    let bytes = match bytes {
        Ok(b) => b,
        Err(f) => {
            if let FetchFailure::Unreachable { detail, .. } = &f {
                browser::warn(&format!("civicmap: {href} could not be reached: {detail}"));
            }
            dispatcher.dispatch(Msg::Failed(f));
            return;
        }
    };
    match loader::outcome(&resolved.url, &bytes, data.is_some()) {
        LoadOutcome::Ready { dataset, warnings } => {
            if data.is_none() {
                // The default dataset's warnings are for its maintainers:
                // one line for all of them, not one per warning.
                if let Some(line) = loader::warnings_summary(&href, warnings.len()) {
                    browser::warn(&line);
                }
            }
            // The graph, once for the whole app; a big layout starts in its
            // worker now, and the worker gets a moment of this thread to
            // start before the view is built.
            let graph = Rc::new(Graph::new(&dataset));
            client::prestart_layout(&dataset, &graph).await;
            if !current() {
                return;
            }
            dispatcher.dispatch(Msg::Loaded {
                dataset,
                graph,
                warnings,
            });
        }
        LoadOutcome::Failed(f) => dispatcher.dispatch(Msg::Failed(f)),
        LoadOutcome::Invalid(d) => dispatcher.dispatch(Msg::Invalid(d)),
    }
}

/// Loads the dataset the store asks for: at start, when `data=` changes, on
/// a retry (the store's `request`). A newer request aborts the older
/// download.
#[hook]
pub fn use_dataset_loader(store: &UseReducerHandle<Store>) {
    let load_seq = use_mut_ref(|| 0u32);
    let dispatcher = store.dispatcher();
    use_effect_with(store.request.clone(), move |request| {
        let mine = {
            let mut s = load_seq.borrow_mut();
            *s = s.wrapping_add(1);
            *s
        };
        let abort = web_sys::AbortController::new().ok();
        wasm_bindgen_futures::spawn_local(load(
            request.data.clone(),
            dispatcher,
            load_seq,
            mine,
            abort.clone(),
        ));
        move || {
            if let Some(a) = abort {
                a.abort();
            }
        }
    });
}

/// What the address bar last showed: (the actor written last, whether a
/// Back/Forward or a host command just replaced the state).
type History = Rc<RefCell<(Option<Option<String>>, bool)>>;

/// The address is the state: Back/Forward replace the state (through the
/// returned callback, which the host's `set-state` also uses: a query
/// string to go to without a new history entry), and every change of the
/// state writes the address — `replaceState` for filters, `pushState` when
/// the selection changes (not in embed mode). `page` is the state's own
/// query (`derive::Addresses::page`); nothing is written before `ready`.
#[hook]
pub fn use_url_sync(
    store: &UseReducerHandle<Store>,
    page: Rc<str>,
    ready: bool,
) -> Callback<String> {
    let history: History = use_mut_ref(|| (None, false));
    let navigate = {
        let dispatcher = store.dispatcher();
        let history = history.clone();
        use_callback((), move |query: String, _| {
            let (s, notices) = url::decode(&query);
            history.borrow_mut().1 = true;
            dispatcher.dispatch(Msg::Navigate(Box::new(s), notices));
        })
    };
    {
        let navigate = navigate.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "popstate", move |_| navigate.emit(browser::query()))
            });
            move || drop(listener)
        });
    }
    let actor = store.state.filter.actor.clone();
    let embed = store.state.embed;
    use_effect_with((page, actor, ready), move |(query, actor, ready)| {
        if !*ready {
            return;
        }
        let mut h = history.borrow_mut();
        let popped = std::mem::replace(&mut h.1, false);
        if browser::query() != **query {
            let mode = match &h.0 {
                Some(prev) if prev != actor && !embed && !popped => HistoryMode::Push,
                _ => HistoryMode::Replace,
            };
            browser::write_query(query, mode);
        }
        h.0 = Some(actor.clone());
    });
    navigate
}

/// The conversation with the host page (product.md), only when framed:
/// `civicmap:set-state` goes to `navigate`; `civicmap:state` right after
/// `civicmap:ready` (`canvas_ready`) and on every later change of the view
/// (`shared`, the shareable query) or its counts; `civicmap:select` when
/// the selection changes. `host` coalesces them to one send per frame.
#[hook]
pub fn use_host_sync(
    navigate: Callback<String>,
    canvas_ready: bool,
    shared: Rc<str>,
    counts: (usize, usize),
    actor: Option<String>,
) {
    host::use_host_commands(navigate);
    use_effect_with(
        (canvas_ready, shared, counts),
        |(ready, query, (actors, links))| {
            if *ready {
                host::send_state(message::encode_state_message(query, *actors, *links));
            }
        },
    );
    let last_selected = use_mut_ref(|| None::<Option<String>>);
    use_effect_with((canvas_ready, actor), move |(ready, actor)| {
        if *ready {
            let mut last = last_selected.borrow_mut();
            // The selection the view opened with is in the first state message.
            if last.as_ref().is_some_and(|prev| prev != actor) {
                host::send_select(message::encode_select_message(actor.as_deref()));
            }
            *last = Some(actor.clone());
        }
    });
}

/// What the app shows, derived from the store: the graph (once per
/// dataset), then through one [`Derivation`] kept across renders the
/// filtered view (one filter pass per filter change) and the addresses (one
/// encoding per state change), and the page title.
pub struct Derived {
    pub graph: Option<Frozen<Graph>>,
    pub filtered: Filtered,
    pub addresses: Addresses,
    /// The dataset's title in the current language, else the app's name.
    pub title: AttrValue,
}

/// See [`Derived`].
#[hook]
pub fn use_derived(store: &UseReducerHandle<Store>) -> Derived {
    let generation = store.generation;
    let graph = store.graph.clone();
    let memo = use_mut_ref(Derivation::default);
    let data = store.dataset.as_deref().zip(graph.as_deref());
    let filtered = memo
        .borrow_mut()
        .filtered(generation, data, &store.state.filter);
    let addresses = memo.borrow_mut().addresses(&store.state);
    let lang = store.state.lang;
    let title = derive::dataset_title(store.dataset.as_deref(), lang)
        .unwrap_or_else(|| t(lang, Key::AppName).to_string());
    Derived {
        graph,
        filtered,
        addresses,
        title: title.into(),
    }
}
