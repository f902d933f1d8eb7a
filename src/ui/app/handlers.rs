//! The app root's callbacks, built once (or once per dataset, or per
//! value they toggle) with `use_callback`, so the components they go to —
//! the map canvas first — re-render only when what they show changes.

use yew::prelude::*;

use crate::model::view::state::{Action, View};
use crate::ui::browser;
use crate::ui::store::{Msg, Store};

/// The app's open panels and dialogs.
pub struct Panels {
    pub filters: UseStateHandle<bool>,
    pub about: UseStateHandle<bool>,
    pub embed: UseStateHandle<bool>,
    /// Embed mode, narrow frames: the search bar behind its button.
    pub search: UseStateHandle<bool>,
}

/// Every callback the app root hands out.
pub struct Handlers {
    /// The map: a node clicked (`Some`) or empty space (`None`).
    pub on_select_index: Callback<Option<usize>>,
    /// The map drew its first complete frame: `civicmap:ready`.
    pub on_ready: Callback<()>,
    /// The actor card: another actor (index), or close (the focus goes back).
    pub on_card_select: Callback<Option<usize>>,
    /// The search box: the query typed.
    pub on_query: Callback<String>,
    /// The search box: a suggestion picked.
    pub on_pick: Callback<usize>,
    /// The header's filters button.
    pub toggle_filters: Callback<MouseEvent>,
    /// Embed mode's filters button.
    pub toggle_filters_embed: Callback<()>,
    /// Close the filter sheet (focus back on its button).
    pub close_filters: Callback<()>,
    /// Close the embed dialog (focus back on its button).
    pub close_embed: Callback<()>,
    /// Close the about dialog (focus back on its button).
    pub close_about: Callback<()>,
    /// Open the embed dialog.
    pub open_embed: Callback<MouseEvent>,
    /// Open the about dialog.
    pub open_about: Callback<MouseEvent>,
    /// Embed mode: the search bar shown or hidden.
    pub on_search_open: Callback<bool>,
    /// The skip link and the text-version link: the list view, focused.
    pub to_list: Callback<MouseEvent>,
    /// "Show on the map" in the timeline.
    pub on_show_event: Callback<usize>,
    /// Clear the highlighted event.
    pub clear_highlight: Callback<MouseEvent>,
    /// Try the failed load again.
    pub retry: Callback<()>,
}

/// Where the map's canvas is, for the focus.
const CANVAS: &str = "canvas[data-testid=\"map-canvas\"]";

/// A callback that sets a flag, built once.
#[hook]
fn use_setter<T: 'static>(flag: &UseStateHandle<bool>, to: bool) -> Callback<T> {
    let flag = flag.clone();
    use_callback((), move |_: T, _| flag.set(to))
}

/// A callback that closes a dialog or sheet and gives the focus back to the
/// button that opened it, built once.
#[hook]
fn use_closer(flag: &UseStateHandle<bool>, opener: &'static str) -> Callback<()> {
    let flag = flag.clone();
    use_callback((), move |(), _| {
        flag.set(false);
        browser::focus(opener);
    })
}

/// See [`Handlers`].
#[hook]
pub fn use_handlers(
    store: &UseReducerHandle<Store>,
    dispatch: &Callback<Action>,
    panels: &Panels,
    highlight: &UseStateHandle<Option<usize>>,
    focus_after: &std::rc::Rc<std::cell::RefCell<Option<&'static str>>>,
    canvas_ready: &UseStateHandle<bool>,
) -> Handlers {
    let state = &store.state;
    let (filters_open, about_open, embed_open, search_open) = (
        &panels.filters,
        &panels.about,
        &panels.embed,
        &panels.search,
    );
    // Callbacks, built once (or once per dataset): the canvas re-renders
    // only when what it draws changes.
    let on_select_index = {
        let (dispatch, filters_open) = (dispatch.clone(), filters_open.clone());
        use_callback((), move |i: Option<usize>, _| {
            if i.is_some() {
                filters_open.set(false);
            }
            dispatch.emit(Action::SelectAt(i));
        })
    };
    let on_ready = {
        let canvas_ready = canvas_ready.clone();
        use_callback((), move |(), _| {
            browser::mark_ready();
            canvas_ready.set(true);
        })
    };
    let on_card_select = {
        let dispatch = dispatch.clone();
        use_callback(
            (state.view, state.filter.actor.clone()),
            move |i: Option<usize>, (view, current)| {
                let closing = i.is_none();
                dispatch.emit(Action::SelectAt(i));
                if closing {
                    // Back where the selection was made.
                    if *view == View::Graph {
                        browser::focus(CANVAS);
                    } else {
                        browser::focus(".view-scroll");
                        if let Some(a) = current {
                            browser::focus(&format!(
                                "#view-panel tr[data-actor-id=\"{a}\"] button, #view-panel button[data-actor-id=\"{a}\"]"
                            ));
                        }
                    }
                }
            },
        )
    };
    let on_query = {
        let dispatch = dispatch.clone();
        use_callback((), move |q: String, _| dispatch.emit(Action::SetQuery(q)))
    };
    let on_pick = {
        let dispatch = dispatch.clone();
        let (filters_open, search_open) = (filters_open.clone(), search_open.clone());
        use_callback((), move |i: usize, _| {
            // Show the actor among its neighbours, not among the matches.
            dispatch.emit(Action::SetQuery(String::new()));
            dispatch.emit(Action::SelectAt(Some(i)));
            filters_open.set(false);
            search_open.set(false);
        })
    };
    let toggle_filters = {
        let filters_open = filters_open.clone();
        use_callback(*filters_open, move |_: MouseEvent, open| {
            filters_open.set(!*open)
        })
    };
    let toggle_filters_embed = {
        let filters_open = filters_open.clone();
        use_callback(*filters_open, move |(), open| filters_open.set(!*open))
    };
    let close_filters = use_closer(filters_open, "[data-testid=\"filters-toggle\"]");
    let close_embed = use_closer(embed_open, "[data-testid=\"embed-button\"]");
    let close_about = use_closer(about_open, "[data-testid=\"about-button\"]");
    let open_embed = use_setter::<MouseEvent>(embed_open, true);
    let open_about = use_setter::<MouseEvent>(about_open, true);
    let on_search_open = {
        let search_open = search_open.clone();
        use_callback((), move |open: bool, _| search_open.set(open))
    };
    // The skip link and the map's "text version" link: the list view, with
    // the focus on it.
    let to_list = {
        let (dispatch, focus_after) = (dispatch.clone(), focus_after.clone());
        use_callback((), move |e: MouseEvent, _| {
            e.prevent_default();
            *focus_after.borrow_mut() = Some("#view-panel .view-scroll");
            dispatch.emit(Action::SetView(View::List));
        })
    };
    // "Show on the map" in the timeline: the graph, the event's actors
    // highlighted, the focus on the map.
    let on_show_event = {
        let (dispatch, highlight) = (dispatch.clone(), highlight.clone());
        let focus_after = focus_after.clone();
        use_callback((), move |e: usize, _| {
            highlight.set(Some(e));
            *focus_after.borrow_mut() = Some(CANVAS);
            dispatch.emit(Action::SetView(View::Graph));
        })
    };
    let clear_highlight = {
        let highlight = highlight.clone();
        use_callback((), move |_: MouseEvent, _| {
            highlight.set(None);
            browser::focus(CANVAS);
        })
    };
    let retry = {
        let d = store.dispatcher();
        use_callback((), move |(), _| d.dispatch(Msg::Retry))
    };
    Handlers {
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
    }
}
