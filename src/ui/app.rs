//! The root component: a composition of hooks (`ui::hooks`) — the dataset
//! loader, the address bar, the host page, what is derived from the state
//! (one filter pass per filter change, one encoding per state change) — and
//! the layout: the skip link, the header, the filter panel, the view tabs
//! and panel, and the actor card. It provides the map context (language,
//! theme, dataset, graph, dispatch) and owns what views share but the URL
//! does not: the event whose actors the map highlights, and the play of the
//! years; and it applies the theme (`theme=`, else the system's) to the
//! page and the map. The selection is an actor index here, an id only in
//! the state (the URL, the messages).

use std::rc::Rc;

use yew::prelude::*;

use super::actor_panel::ActorPanel;
use super::analysis_view::AnalysisView;
use super::browser;
use super::chrome::{AboutDialog, VisibleCount};
use super::context::MapContext;
use super::describe;
use super::embed::{EmbedControls, EmbedDialog, EmbedFooter};
use super::exporter::ExportMenu;
use super::filters::FilterPanel;
mod handlers;
mod screens;

use super::hooks::{use_dataset_loader, use_derived, use_host_sync, use_media, use_url_sync};
use super::i18n::{self, t, Key};
use super::icons::{glyph, shape_sprite, Glyph};
use super::legend::{self, MapLegend, SizeColorControls};
use super::list_view::ListView;
use super::loader;
use super::measures::{MeasuresContext, MeasuresJob};
use super::path_fields::PathFields;
use super::path_view::{self, PathBox};
use super::play::{use_play, Play, PlayButton};
use super::resize::use_host_resize;
use super::search::SearchBox;
use super::stakes_view::{ActiveStake, StakesView};
use super::store::{Frozen, Msg, Phase, Store};
use super::timeline::TimelineView;
use super::topbar::Topbar;
use super::versions::{SuggestContext, VersionNotice};
use super::view_tabs::{self, ViewTabs};
use crate::model::network::filter::Visible;
use crate::model::network::path::PathOutcome;
use crate::model::view::derive;
use crate::model::view::state::{Action, AppState, Lang, Theme, View};
use crate::model::view::timeline;
use crate::model::view::url;
use crate::render::MapCanvas;
use handlers::{use_handlers, Handlers, Panels};
use screens::{not_ready, notices};

/// The app.
#[function_component(App)]
pub fn app() -> Html {
    let store = use_reducer(|| Store::from_query(&browser::query()));
    let system_dark = use_media("(prefers-color-scheme: dark)");
    let reduced_motion = use_media("(prefers-reduced-motion: reduce)");
    let filters_open = use_state(|| false);
    // The filter panel is a drawer in embed mode and below 1024 px
    // (static/app.css): its body is rendered once it has been opened.
    let filters_opened = use_mut_ref(|| false);
    let filters_beside = use_media("(min-width: 1024px)");
    let about_open = use_state(|| false);
    let embed_open = use_state(|| false);
    // Embed mode, narrow frames: the search bar behind its button.
    let search_open = use_state(|| false);
    let canvas_ready = use_state(|| false);
    // The event whose actors the map highlights (index in `dataset.events`).
    let highlight = use_state(|| None::<usize>);
    // Where the focus goes once a view change has rendered (skip link,
    // "show on the map"): a selector.
    let focus_after = use_mut_ref(|| None::<&'static str>);
    let view_scroll = use_node_ref();
    // `v` of the address the page was opened with (never written back).
    let shared_version = use_state(|| url::decode_version(&browser::query()).map(AttrValue::from));

    let state = &store.state;
    let lang = state.lang;
    // `theme=` wins over the system setting.
    let dark = match state.theme {
        Some(Theme::Dark) => true,
        Some(Theme::Light) => false,
        None => system_dark,
    };
    let generation = store.generation;
    let ready = store.phase == Phase::Ready;

    use_dataset_loader(&store);
    let derived = use_derived(&store);
    let vis = derived.filtered.visible.clone();
    let addresses = derived.addresses.clone();
    let navigate = use_url_sync(&store, addresses.page.clone(), ready);
    use_host_sync(
        navigate,
        *canvas_ready,
        addresses.shared.clone(),
        (vis.actor_count, vis.link_count),
        state.filter.actor.clone(),
    );
    // `civicmap:resize` while a text view is shown (only when framed).
    use_host_resize(
        state.view,
        ready && store.dataset.is_some(),
        generation,
        view_scroll.clone(),
    );
    // <html data-theme> follows (the page's colours; the canvas gets `dark`).
    use_effect_with(dark, |dark| {
        browser::set_document_theme(if *dark { "dark" } else { "light" });
    });
    // <html lang> and the document title follow.
    use_effect_with((lang, derived.title.clone()), |(lang, title)| {
        browser::set_document_lang(lang.code());
        browser::set_title(title);
    });

    let dispatch = {
        let d = store.dispatcher();
        use_callback((), move |a: Action, _| d.dispatch(Msg::Do(a)))
    };
    // A new dataset: its events are not the old ones.
    {
        let highlight = highlight.clone();
        use_effect_with(generation, move |_| highlight.set(None));
    }
    // The highlighted event's actors that the filters show.
    let highlighted: Rc<Vec<usize>> = {
        let ds = store.dataset.clone();
        use_memo(
            (generation, *highlight, Frozen(vis.clone())),
            move |(_, h, vis)| match (ds, *h) {
                (Some(ds), Some(e)) => derive::event_actors(&ds, vis, e),
                _ => Vec::new(),
            },
        )
    };
    // `path=`: the chain (or why there is none), and what the map emphasises.
    let path_outcome: Rc<Option<PathOutcome>> = {
        let ds = store.dataset.clone();
        let g = derived.graph.clone();
        use_memo(
            (generation, state.path.clone(), state.filter.clone()),
            move |(_, p, f)| match (ds, g) {
                (Some(ds), Some(g)) => path_view::outcome(&ds, &g, p.as_ref(), f),
                _ => None,
            },
        )
    };
    let (path_actors, path_links) = {
        let (a, l) = path_view::chain_marks(path_outcome.as_ref().as_ref());
        (Rc::new(a), Rc::new(l))
    };
    let (measures, encoded, measures_job) = legend::use_encoding(
        store.dataset.clone(),
        derived.graph.clone(),
        vis.clone(),
        generation,
        state,
    );
    let wide = use_media("(min-width: 700px)");
    let play_years: Rc<Vec<i64>> = {
        let ds = store.dataset.clone();
        use_memo(generation, move |_| {
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

    let panels = Panels {
        filters: filters_open.clone(),
        about: about_open.clone(),
        embed: embed_open.clone(),
        search: search_open.clone(),
    };
    let Handlers {
        on_select_index,
        on_ready,
        on_card_select,
        on_query,
        on_pick,
        toggle_filters,
        toggle_filters_embed,
        close_filters,
        close_embed,
        close_about,
        open_embed,
        open_about,
        on_search_open,
        to_list,
        on_show_event,
        clear_highlight,
        retry,
    } = use_handlers(
        &store,
        &dispatch,
        &panels,
        &highlight,
        &focus_after,
        &canvas_ready,
    );

    let (Some(ds), Some(g), true, Some(measures), Some(encoded)) = (
        store.dataset.clone(),
        derived.graph.clone(),
        ready,
        measures,
        encoded,
    ) else {
        return not_ready(&store, retry);
    };

    let context = MapContext {
        lang,
        dark,
        dataset: ds.clone(),
        graph: g.clone(),
        dispatch: dispatch.clone(),
    };
    let vis = Frozen(vis);
    let selected = derived.filtered.selected;
    let title = derived.title.clone();
    let share_state = AppState {
        embed: false,
        ..state.clone()
    };
    // The links the map hands out carry `v` (not the address bar, not `civicmap:state`).
    let permalink = AttrValue::from(browser::permalink(&url::shared_link_query(
        &addresses.shared,
        ds.meta.version.as_deref(),
    )));
    let list_href = AttrValue::from(format!("?{}", addresses.list));
    let dataset_href = AttrValue::from(
        state
            .data
            .clone()
            .unwrap_or_else(|| loader::current_config().default_dataset.clone()),
    );
    let suggest = SuggestContext {
        dataset: AttrValue::from(
            browser::resolve(&dataset_href)
                .map(|r| r.url)
                .unwrap_or_else(|| dataset_href.to_string()),
        ),
        version: AttrValue::from(ds.meta.version.clone().unwrap_or_default()),
        url: permalink.clone(),
    };
    let highlight_info = highlight
        .filter(|_| !highlighted.is_empty())
        .map(|e| (derive::event_title(&ds, e, lang), highlighted.len()));
    let legend_words = Rc::new(legend::legend_text(&ds, &encoded, lang, dark));
    let canvas_label = AttrValue::from(
        describe::with_path(
            describe::canvas_label(
                &ds,
                &state.filter,
                &vis,
                selected,
                highlight_info.clone(),
                lang,
            ),
            &ds,
            path_outcome.as_ref().as_ref(),
            lang,
        ) + " "
            + &legend::legend_sentence(&legend_words, lang),
    );
    let badge = derive::active_filters(&state.filter);
    if *filters_open {
        *filters_opened.borrow_mut() = true;
    }
    let panel_body = *filters_open || *filters_opened.borrow() || (!state.embed && filters_beside);

    let notices = notices(&store, &retry);

    let view = state.view;
    let graph_view = view == View::Graph;
    // The counts (and the active stake) are always on screen: over the map,
    // or at the top of the other views.
    let status = html! {
        <div class="view-status">
            <VisibleCount actors={vis.actor_count} links={vis.link_count} />
            if let Some(stake) = state.filter.stake.clone() {
                <ActiveStake stake={AttrValue::from(stake)} />
            }
            if let Some(p) = path_outcome.as_ref().clone() {
                <PathBox outcome={Rc::new(p)} />
            }
        </div>
    };
    let search = html! {
        <SearchBox query={AttrValue::from(state.filter.q.clone())}
            suggestions={Frozen(derived.filtered.suggestions.clone())}
            on_query={on_query} on_pick={on_pick} />
    };
    let credit = i18n::credit(
        lang,
        ds.meta.attribution.as_deref(),
        ds.meta.license.as_deref(),
    )
    .map(AttrValue::from);
    let exporter = |place: &'static str, title: AttrValue| {
        html! {
            <ExportMenu visible={vis.clone()} location={dataset_href.clone()} view={view}
                title={title} credit={credit.clone()} place={place} legend={legend_words.clone()} />
        }
    };
    let view_content = match view {
        View::Graph => Html::default(),
        other => other_view(
            other,
            state,
            &vis,
            selected,
            &on_show_event,
            &play,
            reduced_motion,
        ),
    };

    html! {
        <ContextProvider<MapContext> context={context}>
        <ContextProvider<MeasuresContext> context={MeasuresContext(measures)}>
        <ContextProvider<SuggestContext> context={suggest}>
        <div class={classes!(
            "app",
            state.embed.then_some("embed"),
            (*filters_open).then_some("filters-open"),
            selected.is_some().then_some("has-actor"),
            reduced_motion.then_some("reduced-motion"),
        )}>
            { shape_sprite() }
            <a class="skip-link" href={list_href.clone()} data-testid="skip-to-list" onclick={to_list.clone()}>
                { t(lang, Key::SkipToList) }
            </a>
            if state.embed {
                // No page header in a frame; the page keeps its heading.
                <h1 class="visually-hidden">{ title.clone() }</h1>
            } else {
                <Topbar title={title.clone()} subtitle={ds.meta.attribution.clone().map(AttrValue::from)}
                    search={search.clone()} filters_open={*filters_open} badge={badge}
                    permalink={permalink.clone()} on_filters={toggle_filters}
                    on_embed={open_embed} on_about={open_about} exporter={exporter("header", title.clone())} />
            }
            <div class="workspace">
                <FilterPanel counts={Frozen(derived.filtered.counts.clone())} filter={state.filter.clone()}
                    visible_actors={vis.actor_count} undated={vis.undated_actors}
                    open={*filters_open} on_close={close_filters.clone()} body={panel_body}
                    display={html! { <SizeColorControls size={state.size} color={state.color} /> }}
                    path_fields={html! { <PathFields path={state.path.clone()} visible={vis.clone()} /> }}
                    play={html! { <PlayButton play={play.clone()} place="year" reduced_motion={reduced_motion} /> }} />
                if *filters_open {
                    <div class="sheet-backdrop" onclick={let c = close_filters.clone(); Callback::from(move |_: MouseEvent| c.emit(()))}></div>
                }
                <main class="map-area" id="map">
                    <div class="viewbar">
                        <ViewTabs view={view} />
                    </div>
                    <div class={classes!("view-panel", graph_view.then_some("graph"))} id="view-panel"
                         role="tabpanel" aria-labelledby={view_tabs::tab_id(view)}>
                        // The map stays mounted under the other views, so its
                        // layout and camera are kept for the way back.
                        <div class={classes!("graph-layer", (!graph_view).then_some("off"))}>
                            <MeasuresJob ..measures_job />
                            <MapCanvas dataset={ds.0.clone()} graph={g.0.clone()} visible={vis.0.clone()}
                                selected={selected}
                                highlighted={if path_links.is_empty() { highlighted.clone() } else { path_actors.clone() }}
                                path_links={path_links.clone()} year_active={state.filter.year.is_some()}
                                encoding={encoded.node.clone()}
                                dark={dark} lang={lang} reduced_motion={reduced_motion}
                                on_select={on_select_index} on_ready={on_ready} label={canvas_label}
                                cooperative={state.embed} />
                            <p class="map-text-version" data-testid="text-version">
                                { t(lang, Key::TextVersion) }{ i18n::colon(lang) }
                                <a href={list_href} onclick={to_list}>{ t(lang, Key::TextVersionLink) }</a>
                            </p>
                            if vis.actor_count == 0 {
                                { empty_map(lang, ds.0.actors.is_empty(), &dispatch) }
                            }
                        </div>
                        if graph_view {
                            <div class="map-overlay top-left">
                                { status }
                                <MapLegend encoded={encoded.clone()} open={wide} />
                                if let Some((title, n)) = highlight_info {
                                    { highlight_banner(lang, &title, n, clear_highlight) }
                                }
                            </div>
                        } else {
                            <div class="view-scroll" ref={view_scroll} tabindex="-1">
                                <div class="view-content">
                                    { status }
                                    { view_content }
                                </div>
                            </div>
                        }
                        if state.embed {
                            <EmbedControls search_open={*search_open}
                                searching={!state.filter.q.is_empty()} filters_open={*filters_open}
                                filters_badge={badge} on_search={on_search_open} on_filters={toggle_filters_embed}>
                                { search }
                            </EmbedControls>
                        }
                    </div>
                    { notices }
                    <div class="notices version-notices">
                        <VersionNotice state={state.clone()} shared={(*shared_version).clone()} />
                    </div>
                </main>
                if let Some(i) = selected {
                    { actor_card(&vis, i, state.filter.depth, on_card_select) }
                }
            </div>
            if state.embed {
                <EmbedFooter credit={credit.clone()} full_href={permalink.clone()}>
                    { exporter("embed", title.clone()) }
                </EmbedFooter>
            }
            if *embed_open {
                { embed_dialog(share_state, close_embed) }
            }
            if *about_open {
                { about_dialog(permalink, dataset_href, close_about, state.theme) }
            }
        </div>
        </ContextProvider<SuggestContext>>
        </ContextProvider<MeasuresContext>>
        </ContextProvider<MapContext>>
    }
}

// What a visitor reaches only by a later step (another view, the empty map,
// a highlighted event, the actor card, a dialog) is built in functions of
// its own, never inlined into `app`: `app` runs before `civicmap:ready`, so
// its code loads first, and scripts/split-wasm.mjs leaves out of that first
// load only whole functions that did not run (scripts/split-late.txt).

/// The list, timeline, stakes or analysis view.
#[inline(never)]
fn other_view(
    view: View,
    state: &AppState,
    vis: &Frozen<Visible>,
    selected: Option<usize>,
    on_show_event: &Callback<usize>,
    play: &Play,
    reduced_motion: bool,
) -> Html {
    match view {
        View::List => html! {
            <ListView visible={vis.clone()} selected={selected} size={state.size} />
        },
        View::Timeline => html! {
            <TimelineView visible={vis.clone()} on_show={on_show_event.clone()}
                play={Some(play.clone())} reduced_motion={reduced_motion}
                year={state.filter.year} />
        },
        View::Stakes => html! {
            <StakesView filter={state.filter.clone()} selected={selected} />
        },
        View::Analysis => html! {
            <AnalysisView visible={vis.clone()} filter={state.filter.clone()} measure={state.size} />
        },
        View::Graph => Html::default(),
    }
}

/// An empty map says why, and offers the way out when filters are the cause.
#[inline(never)]
fn empty_map(lang: Lang, no_actors: bool, dispatch: &Callback<Action>) -> Html {
    html! {
        <div class="map-empty" data-testid="map-empty">
            if no_actors {
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
}

/// The banner over the map while an event's `n` actors are highlighted.
#[inline(never)]
fn highlight_banner(lang: Lang, title: &str, n: usize, clear: Callback<MouseEvent>) -> Html {
    html! {
        <p class="highlight-banner" data-testid="highlight-banner">
            <span>{ i18n::highlight_banner(lang, title, n) }</span>
            <button type="button" class="icon-btn" data-testid="highlight-clear"
                    aria-label={t(lang, Key::ClearHighlight)} title={t(lang, Key::ClearHighlight)}
                    onclick={clear}>
                { glyph(Glyph::Close) }
            </button>
        </p>
    }
}

/// The selected actor's card.
#[inline(never)]
fn actor_card(
    vis: &Frozen<Visible>,
    actor: usize,
    depth: Option<u8>,
    on_select: Callback<Option<usize>>,
) -> Html {
    html! {
        <ActorPanel visible={vis.clone()} actor={actor} depth={depth} on_select={on_select} />
    }
}

/// The "embed this map" dialog.
#[inline(never)]
fn embed_dialog(state: AppState, on_close: Callback<()>) -> Html {
    html! {
        <EmbedDialog state={state} base={AttrValue::from(browser::page_base())} on_close={on_close} />
    }
}

/// The "about" dialog.
#[inline(never)]
fn about_dialog(
    permalink: AttrValue,
    dataset_href: AttrValue,
    on_close: Callback<()>,
    theme: Option<Theme>,
) -> Html {
    html! {
        <AboutDialog permalink={permalink} dataset_href={dataset_href} on_close={on_close} theme={theme} />
    }
}
