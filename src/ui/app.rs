//! The root component: reads the URL, loads the dataset, holds the one
//! reducer, derives the visible set and the facet counts (memoized, never
//! stored), writes the URL back from one effect, and lays out the skip
//! link, the header, the filter panel, the view tabs and panel, and the
//! actor card. It also owns what views share but the URL does not: the
//! event whose actors the map highlights, and the play of the years; and it
//! applies the theme (`theme=`, else the system's) to the page and the map.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use super::actor_panel::ActorPanel;
use super::browser::{self, HistoryMode};
use super::chrome::{AboutDialog, ErrorPanel, LoadingView, NoticeBox, ShareButton, VisibleCount};
use super::describe;
use super::embed::{EmbedControls, EmbedDialog, EmbedFooter};
use super::filters::FilterPanel;
use super::hooks::{load, use_media};
use super::host;
use super::i18n::{self, t, Key};
use super::icons::{Glyph, GlyphIcon};
use super::list_view::ListView;
use super::load_notice::LoadErrorNotice;
use super::loader;
use super::play::{use_play, PlayButton};
use super::resize::use_host_resize;
use super::search::SearchBox;
use super::stakes_view::{ActiveStake, StakesView};
use super::store::{Frozen, Msg, Phase, Store};
use super::timeline::TimelineView;
use super::view_tabs::{self, ViewTabs};
use crate::deploy::message;
use crate::model::network::filter::{self, FacetCounts, Filter, Visible};
use crate::model::network::graph::Graph;
use crate::model::network::search;
use crate::model::view::state::{Action, AppState, Lang, Theme, View};
use crate::model::view::timeline;
use crate::model::view::url;
use crate::render::MapCanvas;

/// How many suggestions the search box lists.
const SUGGESTIONS: usize = 8;

/// The filter without the neighbourhood cut: which actors search may offer.
fn without_focus(f: &Filter) -> Filter {
    Filter {
        actor: None,
        depth: None,
        ..f.clone()
    }
}

/// The number of active filter values (badge of the filters button).
fn active_filters(f: &Filter) -> usize {
    f.types.len()
        + f.objectives.len()
        + f.ecosystems.len()
        + f.links.len()
        + usize::from(f.year.is_some())
        + usize::from(f.stake.is_some())
}

/// The app.
#[function_component(App)]
pub fn app() -> Html {
    let store = use_reducer(|| Store::from_query(&browser::query()));
    let system_dark = use_media("(prefers-color-scheme: dark)");
    let reduced_motion = use_media("(prefers-reduced-motion: reduce)");
    let filters_open = use_state(|| false);
    let about_open = use_state(|| false);
    let embed_open = use_state(|| false);
    // Embed mode, narrow frames: the search bar behind its button.
    let search_open = use_state(|| false);
    let load_seq = use_mut_ref(|| 0u32);
    // (last actor written to the address, a Back/Forward just happened)
    let history = use_mut_ref(|| (None::<Option<String>>, false));

    let state = &store.state;
    let lang = state.lang;
    // `theme=` wins over the system setting.
    let dark = match state.theme {
        Some(Theme::Dark) => true,
        Some(Theme::Light) => false,
        None => system_dark,
    };
    // The event whose actors the map highlights (index in `dataset.events`).
    let highlight = use_state(|| None::<usize>);
    // Where the focus goes once a view change has rendered (skip link,
    // "show on the map"): a selector.
    let focus_after = use_mut_ref(|| None::<&'static str>);
    let gen = store.generation;
    let ready = store.phase == Phase::Ready;

    // Load the dataset the store asks for: at start, when `data=` changes,
    // on a retry. A newer request aborts the older download.
    {
        let dispatcher = store.dispatcher();
        let seq = load_seq.clone();
        use_effect_with(store.request.clone(), move |request| {
            let mine = {
                let mut s = seq.borrow_mut();
                *s = s.wrapping_add(1);
                *s
            };
            let abort = web_sys::AbortController::new().ok();
            wasm_bindgen_futures::spawn_local(load(
                request.data.clone(),
                dispatcher,
                seq,
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

    // Back/Forward: the address is the state.
    {
        let dispatcher = store.dispatcher();
        let history = history.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "popstate", move |_| {
                    let (s, notices) = url::decode(&browser::query());
                    history.borrow_mut().1 = true;
                    dispatcher.dispatch(Msg::Navigate(Box::new(s), notices));
                })
            });
            move || drop(listener)
        });
    }

    // Write the address: replaceState for filters, pushState when the
    // selection changes (not in embed mode).
    {
        let query = url::encode(state);
        let actor = state.filter.actor.clone();
        let embed = state.embed;
        let history = history.clone();
        use_effect_with((query, actor, ready), move |(query, actor, ready)| {
            if !*ready {
                return;
            }
            let mut h = history.borrow_mut();
            let popped = std::mem::replace(&mut h.1, false);
            if browser::query() != *query {
                let mode = match &h.0 {
                    Some(prev) if prev != actor && !embed && !popped => HistoryMode::Push,
                    _ => HistoryMode::Replace,
                };
                browser::write_query(query, mode);
            }
            h.0 = Some(actor.clone());
        });
    }

    // <html data-theme> follows (the page's colours; the canvas gets `dark`).
    use_effect_with(dark, |dark| {
        browser::set_document_theme(if *dark { "dark" } else { "light" });
    });

    // <html lang> and the document title follow.
    {
        let title = store
            .dataset
            .as_ref()
            .and_then(|d| {
                d.meta
                    .title
                    .as_ref()
                    .map(|t| t.get(i18n::code(lang)).to_string())
            })
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| t(lang, Key::AppName).to_string());
        use_effect_with((lang, title), |(lang, title)| {
            browser::set_document_lang(i18n::code(*lang));
            browser::set_title(title);
        });
    }

    // Derived data, recomputed only when the dataset or the filter change.
    let dataset = store.dataset.clone();
    let graph: Rc<Option<Frozen<Graph>>> = {
        let ds = dataset.clone();
        use_memo(gen, move |_| ds.map(|d| Frozen::new(Graph::new(&d))))
    };
    let visible: Rc<Frozen<Visible>> = {
        let ds = dataset.clone();
        let g = (*graph).clone();
        use_memo((gen, state.filter.clone()), move |(_, f)| match (ds, g) {
            (Some(ds), Some(g)) => Frozen::new(filter::visible(&ds, &g, f)),
            _ => Frozen::new(Visible::default()),
        })
    };
    let counts: Rc<Frozen<FacetCounts>> = {
        let ds = dataset.clone();
        let g = (*graph).clone();
        use_memo((gen, state.filter.clone()), move |(_, f)| match (ds, g) {
            (Some(ds), Some(g)) => Frozen::new(filter::facet_counts(&ds, &g, f)),
            _ => Frozen::new(FacetCounts::default()),
        })
    };
    let suggestions: Rc<Frozen<Vec<usize>>> = {
        let ds = dataset.clone();
        let g = (*graph).clone();
        let vis = (*visible).clone();
        use_memo((gen, state.filter.clone()), move |(_, f)| {
            let (Some(ds), Some(g)) = (ds, g) else {
                return Frozen::new(Vec::new());
            };
            if f.q.trim().is_empty() {
                return Frozen::new(Vec::new());
            }
            // Offer only actors the other filters keep (else picking one
            // would select a hidden actor).
            let pool = if f.depth.is_some() {
                Frozen::new(filter::visible(&ds, &g, &without_focus(f)))
            } else {
                vis
            };
            Frozen::new(
                search::suggestions(&ds, &f.q, SUGGESTIONS * 4)
                    .into_iter()
                    .filter(|i| pool.actors.get(*i).copied().unwrap_or(false))
                    .take(SUGGESTIONS)
                    .collect(),
            )
        })
    };

    // Commands from the host page: `civicmap:set-state` replaces the whole
    // view like an address (embed mode stays, notices as for a URL), never
    // adding a history entry.
    {
        let dispatcher = store.dispatcher();
        let history = history.clone();
        host::use_host_commands(Callback::from(move |query: String| {
            let (s, notices) = url::decode(&query);
            history.borrow_mut().1 = true;
            dispatcher.dispatch(Msg::Navigate(Box::new(s), notices));
        }));
    }

    // Messages to the host page (product.md): `civicmap:state` right after
    // `civicmap:ready` and on every later change of the view or its counts,
    // `civicmap:select` when the selection changes. Only when framed; at
    // most once per frame (`host` coalesces).
    let canvas_ready = use_state(|| false);
    {
        let shared = AppState {
            embed: false,
            ..state.clone()
        };
        let query = url::encode(&shared);
        let (actors, links) = (visible.actor_count, visible.link_count);
        use_effect_with(
            (*canvas_ready, query, actors, links),
            |(ready, query, actors, links)| {
                if *ready {
                    host::send_state(message::encode_state_message(query, *actors, *links));
                }
            },
        );
    }
    {
        let last_selected = use_mut_ref(|| None::<Option<String>>);
        use_effect_with(
            (*canvas_ready, state.filter.actor.clone()),
            move |(ready, actor)| {
                if *ready {
                    let mut last = last_selected.borrow_mut();
                    // The selection the view opened with is in the first state message.
                    if last.as_ref().is_some_and(|prev| prev != actor) {
                        host::send_select(message::encode_select_message(actor.as_deref()));
                    }
                    *last = Some(actor.clone());
                }
            },
        );
    }

    // `civicmap:resize` while a text view is shown (only when framed).
    let view_scroll = use_node_ref();
    use_host_resize(
        state.view,
        ready && store.dataset.is_some(),
        gen,
        view_scroll.clone(),
    );

    let dispatch = {
        let d = store.dispatcher();
        Callback::from(move |a: Action| d.dispatch(Msg::Do(a)))
    };

    // A new dataset: its events are not the old ones.
    {
        let highlight = highlight.clone();
        use_effect_with(gen, move |_| highlight.set(None));
    }
    // The highlighted event's actors that the filters show.
    let highlighted: Rc<Vec<usize>> = {
        let ds = dataset.clone();
        let vis = (*visible).clone();
        use_memo((gen, *highlight, vis.clone()), move |(_, h, _)| {
            let (Some(ds), Some(e)) = (ds, *h) else {
                return Vec::new();
            };
            let actors = ds
                .events
                .get(e)
                .map(|ev| ev.actors.as_slice())
                .unwrap_or_default();
            ds.actors
                .iter()
                .enumerate()
                .filter(|(i, a)| {
                    vis.actors.get(*i).copied().unwrap_or(false)
                        && actors.iter().any(|x| x == a.id())
                })
                .map(|(i, _)| i)
                .collect()
        })
    };
    let play_years: Rc<Vec<i64>> = {
        let ds = dataset.clone();
        use_memo(gen, move |_| {
            ds.map(|d| timeline::play_years(&d)).unwrap_or_default()
        })
    };
    let play = use_play(
        play_years,
        state.filter.year,
        reduced_motion,
        dispatch.clone(),
    );

    // After a view change asked for it, move the focus.
    {
        let focus_after = focus_after.clone();
        use_effect_with(state.view, move |_| {
            if let Some(selector) = focus_after.borrow_mut().take() {
                browser::focus(selector);
            }
        });
    }

    let (Some(ds), Some(g), true) = (dataset, (*graph).clone(), ready) else {
        // After a failed `data=` file, offer the default map (same language).
        let default_href = state.data.as_ref().map(|_| {
            let home = AppState {
                lang,
                embed: state.embed,
                ..AppState::default()
            };
            AttrValue::from(browser::permalink(&url::encode(&home)))
        });
        let retry = {
            let d = store.dispatcher();
            Callback::from(move |()| d.dispatch(Msg::Retry))
        };
        return match &store.phase {
            Phase::Failed(f) => html! {
                <ErrorPanel lang={lang} failure={Some(f.clone())} default_href={default_href}
                    on_retry={f.retryable().then_some(retry)} />
            },
            Phase::Invalid(d) => html! {
                <ErrorPanel lang={lang} diagnostics={d.clone()} default_href={default_href} />
            },
            Phase::Loading { received, total } => {
                html! { <LoadingView lang={lang} received={*received} total={*total} /> }
            }
            Phase::Ready => html! { <LoadingView lang={lang} received={0} total={None} /> },
        };
    };

    let vis = (*visible).clone();
    let selected = state
        .filter
        .actor
        .as_deref()
        .and_then(|id| g.node(id))
        .map(|n| n.index())
        .filter(|i| vis.actors.get(*i).copied().unwrap_or(false));
    let code = i18n::code(lang);
    let title = ds
        .meta
        .title
        .as_ref()
        .map(|t| t.get(code).to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| t(lang, Key::AppName).to_string());

    let share_state = AppState {
        embed: false,
        ..state.clone()
    };
    let permalink = AttrValue::from(browser::permalink(&url::encode(&share_state)));
    let dataset_href = AttrValue::from(
        state
            .data
            .clone()
            .unwrap_or_else(|| loader::current_config().default_dataset.clone()),
    );

    let on_select_index = {
        let dispatch = dispatch.clone();
        let ds = ds.clone();
        let filters_open = filters_open.clone();
        Callback::from(move |i: Option<usize>| {
            let id = i.and_then(|i| ds.actors.get(i)).map(|a| a.id().to_string());
            if id.is_some() {
                filters_open.set(false);
            }
            dispatch.emit(Action::Select(id));
        })
    };
    let on_select_id = {
        let dispatch = dispatch.clone();
        let view = state.view;
        let current = state.filter.actor.clone();
        Callback::from(move |id: Option<String>| {
            let closing = id.is_none();
            dispatch.emit(Action::Select(id));
            if closing {
                // Back where the selection was made.
                if view == View::Graph {
                    browser::focus("canvas[data-testid=\"map-canvas\"]");
                } else {
                    browser::focus(".view-scroll");
                    if let Some(a) = &current {
                        browser::focus(&format!(
                            "#view-panel tr[data-actor-id=\"{a}\"] button, #view-panel button[data-actor-id=\"{a}\"]"
                        ));
                    }
                }
            }
        })
    };
    let on_depth = {
        let dispatch = dispatch.clone();
        Callback::from(move |d: Option<u8>| dispatch.emit(Action::SetDepth(d)))
    };
    let on_query = {
        let dispatch = dispatch.clone();
        Callback::from(move |q: String| dispatch.emit(Action::SetQuery(q)))
    };
    let on_pick = {
        let dispatch = dispatch.clone();
        let ds = ds.clone();
        let filters_open = filters_open.clone();
        let search_open = search_open.clone();
        Callback::from(move |i: usize| {
            if let Some(a) = ds.actors.get(i) {
                // Show the actor among its neighbours, not among the matches.
                dispatch.emit(Action::SetQuery(String::new()));
                dispatch.emit(Action::Select(Some(a.id().to_string())));
                filters_open.set(false);
                search_open.set(false);
            }
        })
    };
    let on_ready = {
        let canvas_ready = canvas_ready.clone();
        Callback::from(move |()| {
            browser::mark("civicmap:ready");
            canvas_ready.set(true);
        })
    };
    let toggle_filters = {
        let filters_open = filters_open.clone();
        Callback::from(move |_: MouseEvent| filters_open.set(!*filters_open))
    };
    let close_filters = {
        let filters_open = filters_open.clone();
        Callback::from(move |()| {
            filters_open.set(false);
            browser::focus("[data-testid=\"filters-toggle\"]");
        })
    };
    let toggle_filters_embed = {
        let filters_open = filters_open.clone();
        Callback::from(move |()| filters_open.set(!*filters_open))
    };
    let on_search_open = {
        let search_open = search_open.clone();
        Callback::from(move |open: bool| search_open.set(open))
    };
    let open_embed = {
        let embed_open = embed_open.clone();
        Callback::from(move |_: MouseEvent| embed_open.set(true))
    };
    let close_embed = {
        let embed_open = embed_open.clone();
        Callback::from(move |()| {
            embed_open.set(false);
            browser::focus("[data-testid=\"embed-button\"]");
        })
    };
    let open_about = {
        let about_open = about_open.clone();
        Callback::from(move |_: MouseEvent| about_open.set(true))
    };
    let close_about = {
        let about_open = about_open.clone();
        Callback::from(move |()| {
            about_open.set(false);
            browser::focus("[data-testid=\"about-button\"]");
        })
    };
    let switch_lang = {
        let dispatch = dispatch.clone();
        let next = match lang {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        };
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::SetLang(next)))
    };
    let dismiss_url = {
        let d = store.dispatcher();
        Callback::from(move |()| d.dispatch(Msg::DismissUrlNotices))
    };
    let dismiss_warnings = {
        let d = store.dispatcher();
        Callback::from(move |()| d.dispatch(Msg::DismissWarnings))
    };
    let load_error = store.load_error.as_ref().map(|e| {
        let d = store.dispatcher();
        let retry = Callback::from(move |()| d.dispatch(Msg::Retry));
        let d = store.dispatcher();
        let dismiss = Callback::from(move |()| d.dispatch(Msg::DismissLoadError));
        let href = e
            .wanted
            .data
            .clone()
            .unwrap_or_else(|| loader::current_config().default_dataset.clone());
        // The address as the failure messages give it: absolute.
        let href = browser::resolve(&href).map(|r| r.url).unwrap_or(href);
        html! {
            <LoadErrorNotice lang={lang} href={href} problem={e.problem.clone()}
                on_retry={retry} on_dismiss={dismiss} />
        }
    });

    let event_title = |e: usize| {
        ds.events
            .get(e)
            .and_then(|ev| {
                ev.title
                    .as_ref()
                    .map(|x| x.get(code).to_string())
                    .or(ev.id.clone())
            })
            .unwrap_or_default()
    };
    let highlight_info = highlight
        .filter(|_| !highlighted.is_empty())
        .map(|e| (event_title(e), highlighted.len()));
    let canvas_label = AttrValue::from(describe::canvas_label(
        &ds,
        &state.filter,
        &vis,
        selected,
        highlight_info.clone(),
        lang,
    ));
    // The skip link and the map's "text version" link: the list view, with
    // the focus on it.
    let to_list = {
        let dispatch = dispatch.clone();
        let focus_after = focus_after.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            *focus_after.borrow_mut() = Some("#view-panel .view-scroll");
            dispatch.emit(Action::SetView(View::List));
        })
    };
    let list_href = {
        let list = AppState {
            view: View::List,
            ..share_state.clone()
        };
        AttrValue::from(format!("?{}", url::encode(&list)))
    };
    // "Show on the map" in the timeline: the graph, the event's actors
    // highlighted, the focus on the map.
    let on_show_event = {
        let dispatch = dispatch.clone();
        let highlight = highlight.clone();
        let focus_after = focus_after.clone();
        Callback::from(move |e: usize| {
            highlight.set(Some(e));
            *focus_after.borrow_mut() = Some("canvas[data-testid=\"map-canvas\"]");
            dispatch.emit(Action::SetView(View::Graph));
        })
    };
    let clear_highlight = {
        let highlight = highlight.clone();
        Callback::from(move |_: MouseEvent| {
            highlight.set(None);
            browser::focus("canvas[data-testid=\"map-canvas\"]");
        })
    };
    let on_theme = {
        let dispatch = dispatch.clone();
        Callback::from(move |t: Option<Theme>| dispatch.emit(Action::SetTheme(t)))
    };
    let badge = active_filters(&state.filter);

    let notices = html! {
        <div class="notices">
            { load_error }
            if !store.url_notices.is_empty() {
                <NoticeBox lang={lang} title={t(lang, Key::UrlNoticeTitle)}
                    items={store.url_notices.iter().map(|n| i18n::url_notice(lang, n)).collect::<Vec<_>>()}
                    on_dismiss={dismiss_url} />
            }
            if !store.warnings.is_empty() {
                <NoticeBox lang={lang} title={i18n::warnings_title(lang, store.warnings.len())}
                    items={store.warnings.iter().map(|w| {
                        let place = w.line.map(|l| format!(" ({} {l})", t(lang, Key::ErrorLine))).unwrap_or_default();
                        format!("{} — {}{}", w.path, w.message, place)
                    }).collect::<Vec<_>>()}
                    on_dismiss={dismiss_warnings} />
            }
        </div>
    };

    let view = state.view;
    let graph_view = view == View::Graph;
    // The counts (and the active stake) are always on screen: over the map,
    // or at the top of the other views.
    let status = html! {
        <div class="view-status">
            <VisibleCount actors={vis.actor_count} links={vis.link_count} lang={lang} />
            if let Some(stake) = state.filter.stake.clone() {
                <ActiveStake dataset={ds.clone()} stake={AttrValue::from(stake)} lang={lang}
                    dispatch={dispatch.clone()} />
            }
        </div>
    };

    let search = html! {
        <SearchBox dataset={ds.clone()} query={AttrValue::from(state.filter.q.clone())}
            suggestions={(*suggestions).clone()} lang={lang} dark={dark}
            on_query={on_query} on_pick={on_pick} />
    };
    let credit = i18n::credit(
        lang,
        ds.meta.attribution.as_deref(),
        ds.meta.license.as_deref(),
    )
    .map(AttrValue::from);

    let other_lang = match lang {
        Lang::Fr => "en",
        Lang::En => "fr",
    };

    html! {
        <div class={classes!(
            "app",
            state.embed.then_some("embed"),
            (*filters_open).then_some("filters-open"),
            selected.is_some().then_some("has-actor"),
            reduced_motion.then_some("reduced-motion"),
        )}>
            <a class="skip-link" href={list_href.clone()} data-testid="skip-to-list" onclick={to_list.clone()}>
                { t(lang, Key::SkipToList) }
            </a>
            if state.embed {
                // No page header in a frame; the page keeps its heading.
                <h1 class="visually-hidden">{ title.clone() }</h1>
            } else {
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true">
                        <svg viewBox="0 0 32 32" width="28" height="28">
                            <path d="M9 10L22 8M9 10l4 13M22 8l-9 15M22 8l3 13M13 23l12-2" stroke="currentColor" stroke-width="1.6" fill="none" opacity="0.55"/>
                            <circle cx="9" cy="10" r="4" fill="var(--accent)"/>
                            <rect x="19" y="5" width="6" height="6" rx="1" fill="var(--accent-2)"/>
                            <polygon points="13,18.5 17.5,26 8.5,26" fill="var(--accent-3)"/>
                            <circle cx="25" cy="21" r="3" fill="var(--accent-2)"/>
                        </svg>
                    </span>
                    <div class="titles">
                        <h1>{ title }</h1>
                        if let Some(a) = ds.meta.attribution.as_deref() {
                            <p class="subtitle">{ a.to_string() }</p>
                        }
                    </div>
                </div>
                { search.clone() }
                <nav class="actions" aria-label={t(lang, Key::Map)}>
                    <button type="button" class="btn ghost filters-toggle" data-testid="filters-toggle"
                            aria-controls="filter-panel" aria-expanded={if *filters_open { "true" } else { "false" }}
                            onclick={toggle_filters} title={t(lang, Key::Filters)}>
                        <GlyphIcon glyph={Glyph::Filter} />
                        <span class="btn-text">{ t(lang, Key::Filters) }</span>
                        if badge > 0 { <span class="badge">{ badge }</span> }
                    </button>
                    <button type="button" class="btn ghost" data-testid="lang-switch" lang={other_lang}
                            title={t(lang, Key::SwitchLangLabel)}
                            onclick={switch_lang}>
                        <GlyphIcon glyph={Glyph::Globe} />
                        <span class="btn-text">{ t(lang, Key::SwitchLang) }</span>
                        <span class="btn-short" aria-hidden="true">{ other_lang.to_uppercase() }</span>
                    </button>
                    <ShareButton lang={lang} permalink={permalink.clone()} />
                    <button type="button" class="btn ghost" data-testid="embed-button" onclick={open_embed}
                            aria-haspopup="dialog" title={t(lang, Key::EmbedTitle)}>
                        <GlyphIcon glyph={Glyph::Code} />
                        <span class="btn-text">{ t(lang, Key::Embed) }</span>
                    </button>
                    <button type="button" class="btn ghost" data-testid="about-button" onclick={open_about}
                            title={t(lang, Key::About)}>
                        <GlyphIcon glyph={Glyph::Info} />
                        <span class="btn-text">{ t(lang, Key::About) }</span>
                    </button>
                </nav>
            </header>
            }
            <div class="workspace">
                <FilterPanel dataset={ds.clone()} counts={(*counts).clone()} filter={state.filter.clone()}
                    visible_actors={vis.actor_count} undated={vis.undated_actors} lang={lang} dark={dark}
                    open={*filters_open} on_action={dispatch.clone()} on_close={close_filters.clone()}
                    play={html! { <PlayButton play={play.clone()} lang={lang} place="year" reduced_motion={reduced_motion} /> }} />
                if *filters_open {
                    <div class="sheet-backdrop" onclick={let c = close_filters.clone(); Callback::from(move |_: MouseEvent| c.emit(()))}></div>
                }
                <main class="map-area" id="map">
                    <div class="viewbar">
                        <ViewTabs view={view} lang={lang} dispatch={dispatch.clone()} />
                    </div>
                    <div class={classes!("view-panel", graph_view.then_some("graph"))} id="view-panel"
                         role="tabpanel" aria-labelledby={view_tabs::tab_id(view)}>
                        // The map stays mounted under the other views, so its
                        // layout and camera are kept for the way back.
                        <div class={classes!("graph-layer", (!graph_view).then_some("off"))}>
                            <MapCanvas dataset={ds.0.clone()} graph={g.0.clone()} visible={vis.0.clone()}
                                selected={selected} highlighted={highlighted.clone()} year_active={state.filter.year.is_some()}
                                dark={dark} lang={lang} reduced_motion={reduced_motion}
                                on_select={on_select_index} on_ready={on_ready} label={canvas_label}
                                cooperative={state.embed} />
                            <p class="map-text-version" data-testid="text-version">
                                { t(lang, Key::TextVersion) }{ i18n::colon(lang) }
                                <a href={list_href.clone()} onclick={to_list.clone()}>{ t(lang, Key::TextVersionLink) }</a>
                            </p>
                            if vis.actor_count == 0 {
                                // An empty map says why, and offers the way out when filters are the cause.
                                <div class="map-empty" data-testid="map-empty">
                                    if ds.0.actors.is_empty() {
                                        <p>{ t(lang, Key::EmptyDataset) }</p>
                                    } else {
                                        <p>{ t(lang, Key::NothingVisible) }</p>
                                        <button type="button" class="btn" data-testid="map-empty-clear"
                                            onclick={let d = dispatch.clone(); Callback::from(move |_: MouseEvent| d.emit(Action::ClearFilters))}>
                                            { t(lang, Key::ClearFilters) }
                                        </button>
                                    }
                                </div>
                            }
                        </div>
                        if graph_view {
                            <div class="map-overlay top-left">
                                { status }
                                if let Some((title, n)) = highlight_info.clone() {
                                    <p class="highlight-banner" data-testid="highlight-banner">
                                        <span>{ i18n::highlight_banner(lang, &title, n) }</span>
                                        <button type="button" class="icon-btn" data-testid="highlight-clear"
                                                aria-label={t(lang, Key::ClearHighlight)} title={t(lang, Key::ClearHighlight)}
                                                onclick={clear_highlight}>
                                            <GlyphIcon glyph={Glyph::Close} />
                                        </button>
                                    </p>
                                }
                            </div>
                        } else {
                            <div class="view-scroll" ref={view_scroll} tabindex="-1">
                                <div class="view-content">
                                    { status }
                                    { match view {
                                        View::List => html! {
                                            <ListView dataset={ds.clone()} graph={g.clone()} visible={vis.clone()}
                                                selected={selected} lang={lang} dark={dark} dispatch={dispatch.clone()} />
                                        },
                                        View::Timeline => html! {
                                            <TimelineView dataset={ds.clone()} visible={vis.clone()} lang={lang}
                                                dispatch={dispatch.clone()} on_show={on_show_event.clone()}
                                                play={Some(play.clone())} reduced_motion={reduced_motion}
                                                year={state.filter.year} dark={dark} />
                                        },
                                        View::Stakes => html! {
                                            <StakesView dataset={ds.clone()} graph={g.clone()} filter={state.filter.clone()}
                                                selected={selected} lang={lang} dark={dark} dispatch={dispatch.clone()} />
                                        },
                                        View::Graph => Html::default(),
                                    } }
                                </div>
                            </div>
                        }
                        if state.embed {
                            <EmbedControls lang={lang} search_open={*search_open}
                                searching={!state.filter.q.is_empty()} filters_open={*filters_open}
                                filters_badge={badge} on_search={on_search_open} on_filters={toggle_filters_embed}>
                                { search }
                            </EmbedControls>
                        }
                    </div>
                    { notices }
                </main>
                if let Some(i) = selected {
                    <ActorPanel dataset={ds.clone()} graph={g.clone()} visible={vis.clone()} actor={i}
                        depth={state.filter.depth} lang={lang} dark={dark}
                        on_select={on_select_id} on_depth={on_depth} />
                }
            </div>
            if state.embed {
                <EmbedFooter lang={lang} credit={credit} full_href={permalink.clone()} />
            }
            if *embed_open {
                <EmbedDialog dataset={ds.clone()} lang={lang} state={share_state.clone()}
                    base={AttrValue::from(browser::page_base())} on_close={close_embed} />
            }
            if *about_open {
                <AboutDialog dataset={ds.clone()} lang={lang} permalink={permalink}
                    dataset_href={dataset_href} on_close={close_about}
                    theme={state.theme} on_theme={on_theme} />
            }
        </div>
    }
}
