//! The search box: typing sets `q` (the map filters live) and lists
//! suggestions following the WAI-ARIA combobox pattern (listbox, arrow
//! keys, Enter, Escape). Picking a suggestion selects the actor (its
//! index goes to `on_pick`). Reads the language, theme and dataset from the
//! map context.

use yew::prelude::*;

use super::browser;
use super::context::use_map;
use super::i18n::{self, t, Key};
use super::icons::{glyph, shape_icon, Glyph};
use super::store::Frozen;
use crate::model::format::dataset::Dataset;
use crate::model::view::lookup;
use crate::model::view::state::Lang;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    /// The current `q`.
    pub query: AttrValue,
    /// Actor indices to suggest, best first.
    pub suggestions: Frozen<Vec<usize>>,
    pub on_query: Callback<String>,
    /// An actor was picked (index into `dataset.actors`).
    pub on_pick: Callback<usize>,
    /// The prefix of the box's ids and test ids (`search-input`, …): a
    /// second box on the page (the path's) takes another.
    #[prop_or(AttrValue::Static("search"))]
    pub prefix: AttrValue,
    /// The box's name, when not the search's.
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// The search combobox.
#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let open = use_state(|| false);
    let active = use_state(|| None::<usize>);
    // A new input element after each pick (its `key`): the browser keeps
    // what was typed into an input for its undo history until the input
    // leaves the page, and a kiosk's search box would keep every search
    // typed into it for days (docs/soak.md). The picked search is over (its
    // text is emptied or replaced by the pick), so the new box loses
    // nothing; it takes the focus the old one had (a no-op when the pick
    // hid the box).
    let picks = use_state(|| 0u32);
    {
        let input_id = format!("#{}-input", props.prefix);
        use_effect_with(*picks, move |n| {
            if *n > 0 {
                browser::focus(&input_id);
            }
        });
    }
    let Some(map) = use_map() else {
        return Html::default();
    };
    let (ds, lang, dark) = (&*map.dataset, map.lang, map.dark);
    let items: &[usize] = &props.suggestions;
    let count = items.len();
    let pre = props.prefix.clone();
    let listbox_id = format!("{pre}-listbox");
    let input_id = format!("{pre}-input");
    let label = props
        .label
        .clone()
        .unwrap_or(AttrValue::Static(t(lang, Key::SearchLabel)));
    let expanded = *open && !props.query.is_empty();

    let oninput = {
        let on_query = props.on_query.clone();
        let open = open.clone();
        let active = active.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            open.set(true);
            active.set(None);
            on_query.emit(input.value());
        })
    };

    let pick = {
        let on_pick = props.on_pick.clone();
        let open = open.clone();
        let active = active.clone();
        let picks = picks.clone();
        Callback::from(move |i: usize| {
            open.set(false);
            active.set(None);
            picks.set(picks.wrapping_add(1));
            on_pick.emit(i);
        })
    };

    let onkeydown = {
        let open = open.clone();
        let active = active.clone();
        let pick = pick.clone();
        let on_query = props.on_query.clone();
        let items = props.suggestions.clone();
        let query_empty = props.query.is_empty();
        Callback::from(move |e: KeyboardEvent| {
            let n = items.len();
            match e.key().as_str() {
                "ArrowDown" if n > 0 => {
                    e.prevent_default();
                    open.set(true);
                    active.set(Some(match *active {
                        Some(i) if i + 1 < n => i + 1,
                        _ => 0,
                    }));
                }
                "ArrowUp" if n > 0 => {
                    e.prevent_default();
                    open.set(true);
                    active.set(Some(match *active {
                        Some(i) if i > 0 => i - 1,
                        _ => n - 1,
                    }));
                }
                "Enter" => {
                    let chosen = active
                        .map_or(Some(0), Some)
                        .and_then(|i| items.get(i).copied());
                    if let Some(actor) = chosen {
                        e.prevent_default();
                        pick.emit(actor);
                    }
                }
                "Escape" => {
                    if *open && !query_empty {
                        open.set(false);
                        active.set(None);
                    } else {
                        on_query.emit(String::new());
                    }
                }
                _ => {}
            }
        })
    };

    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(false))
    };
    let onfocus = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(true))
    };

    let active_desc = active
        .filter(|i| expanded && *i < count)
        .map(|i| option_id(&pre, i));

    let list = if expanded {
        let at = Suggested {
            ds,
            items,
            active: *active,
            lang,
            dark,
        };
        suggestion_list(&at, &pre, &listbox_id, &label, &pick)
    } else {
        Html::default()
    };

    html! {
        <div class="search" role="search" aria-label={props.label.clone()}>
            <label for={input_id.clone()} class="visually-hidden">{ label.clone() }</label>
            <span class="search-icon">{ glyph(Glyph::Search) }</span>
            <input key={*picks} id={input_id.clone()} type="search" data-testid={input_id} autocomplete="off"
                   spellcheck="false" role="combobox" aria-autocomplete="list"
                   aria-expanded={if expanded { "true" } else { "false" }}
                   aria-controls={listbox_id} aria-activedescendant={active_desc}
                   placeholder={t(lang, Key::SearchPlaceholder)}
                   value={props.query.clone()} {oninput} {onkeydown} {onblur} {onfocus} />
            { list }
            <span class="visually-hidden" aria-live="polite">
                { if expanded { i18n::suggestions_count(lang, count) } else { String::new() } }
            </span>
        </div>
    }
}

/// The id of the suggestion at `pos` in the box whose prefix is `pre`.
fn option_id(pre: &str, pos: usize) -> String {
    format!("{pre}-option-{pos}")
}

/// What the suggestion list shows.
struct Suggested<'a> {
    ds: &'a Dataset,
    /// Actor indices, best first.
    items: &'a [usize],
    /// The highlighted suggestion's position.
    active: Option<usize>,
    lang: Lang,
    dark: bool,
}

/// The open list of suggestions: built only once the visitor types, in a
/// function of its own so that scripts/split-wasm.mjs can leave it out of
/// what loads before `civicmap:ready` (it is never inlined into the box).
#[inline(never)]
fn suggestion_list(
    at: &Suggested<'_>,
    pre: &str,
    listbox_id: &str,
    label: &AttrValue,
    pick: &Callback<usize>,
) -> Html {
    let Suggested {
        ds,
        items,
        active,
        lang,
        dark,
    } = *at;
    html! {
        <ul id={listbox_id.to_string()} role="listbox" class="suggestions" aria-label={label.clone()}>
            { for items.iter().enumerate().map(|(pos, &actor_ix)| {
                let Some(actor) = ds.actors.get(actor_ix) else { return Html::default() };
                let (color, shape) = lookup::type_style(ds, actor.actor_type(), dark);
                let is_active = active == Some(pos);
                let pick = pick.clone();
                // mousedown would blur the input first and close the list.
                let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
                let onclick = Callback::from(move |_: MouseEvent| pick.emit(actor_ix));
                html! {
                    <li id={option_id(pre, pos)} role="option" aria-selected={if is_active { "true" } else { "false" }}
                        class={classes!("suggestion", is_active.then_some("active"))}
                        data-testid={format!("{pre}-suggestion")} data-actor-id={actor.id().to_string()}
                        {onmousedown} {onclick}>
                        { shape_icon(shape, &color) }
                        <span class="s-name">{ actor.name() }</span>
                        <span class="s-type">{ lookup::type_label(ds, actor.actor_type(), lang) }</span>
                    </li>
                }
            }) }
            if items.is_empty() {
                <li class="suggestion none" role="option" aria-disabled="true" aria-selected="false">
                    { t(lang, Key::SearchNoResult) }
                </li>
            }
        </ul>
    }
}
