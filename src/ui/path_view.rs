//! `path=a~b` on the page: the box that spells the chain out (the `path`
//! hook of product.md) and the actor card's "Comment est-il relié à… ?",
//! a second search box that picks the other actor.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::context::use_map;
use super::i18n::{self, t, Key};
use super::icons::{glyph, Glyph};
use super::search::SearchBox;
use super::store::Frozen;
use crate::model::format::dataset::Dataset;
use crate::model::network::filter::{Filter, Visible};
use crate::model::network::graph::Graph;
use crate::model::network::path::{find, PathOutcome};
use crate::model::network::search;
use crate::model::view::derive::SUGGESTIONS;
use crate::model::view::state::Action;

/// What `path` shows under the filter `f`; `None` without a path or when
/// the dataset lacks an end.
pub fn outcome(
    ds: &Dataset,
    g: &Graph,
    path: Option<&(String, String)>,
    f: &Filter,
) -> Option<PathOutcome> {
    let (a, b) = path?;
    Some(find(ds, g, f, g.actor(a)?, g.actor(b)?))
}

/// The chain's actors and links (empty without a chain): what the map
/// emphasises.
pub fn chain_marks(outcome: Option<&PathOutcome>) -> (Vec<usize>, Vec<usize>) {
    match outcome {
        Some(PathOutcome::Chain(c)) => (c.actors.clone(), c.steps.iter().map(|s| s.link).collect()),
        _ => (Vec::new(), Vec::new()),
    }
}

#[derive(Properties, PartialEq)]
pub struct PathBoxProps {
    pub outcome: Rc<PathOutcome>,
}

/// The chain in words, or why there is none; `data-testid="path"`.
#[function_component(PathBox)]
pub fn path_box(props: &PathBoxProps) -> Html {
    let Some(map) = use_map() else {
        return Html::default();
    };
    let (ds, lang) = (&*map.dataset, map.lang);
    let (length, actors) = match &*props.outcome {
        PathOutcome::Chain(c) => (
            c.len().to_string(),
            c.actors
                .iter()
                .filter_map(|&i| ds.actors.get(i).map(|a| a.id().to_string()))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => ("none".to_string(), String::new()),
    };
    let text = i18n::path::outcome_text(ds, &props.outcome, lang);
    let clear = {
        let d = map.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::SetPath(None)))
    };
    html! {
        <section class="path-box" data-testid="path" data-length={length} data-actors={actors}
                 aria-labelledby="path-title">
            <h2 id="path-title" class="path-title">{ t(lang, Key::PathTitle) }</h2>
            <p class="path-text" data-testid="path-text" aria-live="polite">{ text }</p>
            <button type="button" class="icon-btn path-clear" data-testid="path-clear"
                    aria-label={t(lang, Key::PathClear)} title={t(lang, Key::PathClear)} onclick={clear}>
                { glyph(Glyph::Close) }
            </button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PathPickerProps {
    /// The actor the card shows: the chain's start.
    pub actor: usize,
    pub visible: Frozen<Visible>,
}

/// "Comment est-il relié à… ?": a button that opens a search box for the
/// other actor; picking one sets `path`.
#[function_component(PathPicker)]
pub fn path_picker(props: &PathPickerProps) -> Html {
    let open = use_state(|| false);
    let query = use_state(String::new);
    {
        let open = *open;
        use_effect_with(open, move |open| {
            if *open {
                browser::focus("#path-pick-input");
            }
        });
    }
    let Some(map) = use_map() else {
        return Html::default();
    };
    let lang = map.lang;
    let ds = map.dataset.clone();
    let actor = props.actor;
    let suggestions = {
        let q = (*query).clone();
        let vis = props.visible.clone();
        let shown = |i: &usize| *i != actor && vis.actors.get(*i).copied().unwrap_or(false);
        let list = if q.trim().is_empty() {
            Vec::new()
        } else {
            search::suggestions(&ds, &q, SUGGESTIONS * 4)
                .into_iter()
                .filter(shown)
                .take(SUGGESTIONS)
                .collect()
        };
        Frozen::new(list)
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |q: String| query.set(q))
    };
    let on_pick = {
        let dispatch = map.dispatch.clone();
        let ds = ds.clone();
        let open = open.clone();
        let query = query.clone();
        Callback::from(move |other: usize| {
            let id = |i: usize| ds.actors.get(i).map(|a| a.id().to_string());
            if let (Some(a), Some(b)) = (id(actor), id(other)) {
                dispatch.emit(Action::SetPath(Some((a, b))));
            }
            query.set(String::new());
            open.set(false);
        })
    };
    // Escape closes the box, not the card.
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                open.set(false);
            }
        })
    };
    html! {
        <div class="path-picker">
            <button type="button" class="btn path-ask" data-testid="path-ask"
                    aria-expanded={if *open { "true" } else { "false" }} onclick={toggle}>
                { t(lang, Key::PathAsk) }
            </button>
            if *open {
                <div class="path-pick" {onkeydown}>
                    <SearchBox query={AttrValue::from((*query).clone())} suggestions={suggestions}
                        on_query={on_query} on_pick={on_pick}
                        prefix={AttrValue::Static("path-pick")}
                        label={Some(AttrValue::Static(t(lang, Key::PathPickLabel)))} />
                </div>
            }
        </div>
    }
}
