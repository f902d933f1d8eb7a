//! The app root's hooks: the media queries it follows and the dataset
//! loader.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use super::browser;
use super::fetch_failure::FetchFailure;
use super::loader::{self, LoadOutcome};
use super::store::Msg;
use super::store::Store;

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
pub async fn load(
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
    match loader::outcome(&resolved.url, &bytes) {
        LoadOutcome::Ready { dataset, warnings } => {
            if data.is_none() {
                // The default dataset's warnings are for its maintainers.
                for w in &warnings {
                    browser::warn(&format!(
                        "civicmap: {} [{}] at {}: {}",
                        href, w.code, w.path, w.message
                    ));
                }
            }
            dispatcher.dispatch(Msg::Loaded { dataset, warnings });
        }
        LoadOutcome::Failed(f) => dispatcher.dispatch(Msg::Failed(f)),
        LoadOutcome::Invalid(d) => dispatcher.dispatch(Msg::Invalid(d)),
    }
}
