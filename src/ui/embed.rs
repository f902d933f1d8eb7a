//! Embed mode's chrome and the "Embed this map" dialog.
//!
//! - [`EmbedControls`]: in embed mode (`embed=1`) there is no page header;
//!   the search and the filters sit behind two buttons over the map (the
//!   search field shows inline when the frame is at least 720 px wide).
//! - [`EmbedFooter`]: the dataset's credit line and a discreet link that
//!   opens the standalone map, same view, in a new tab.
//! - [`EmbedDialog`]: in the standalone map, generates the `<iframe>`
//!   snippet of the current view ([`crate::deploy::snippet`]), with a size
//!   and a language, a copy button and a live preview.
//!
//! The gestures that embed mode leaves to the host page are the canvas's
//! business (`render::gestures`).
//!
//! All three read the language (the dialog also the dataset) from the map
//! context.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::browser;
use super::chrome::{backdrop_close, trap_tab};
use super::context::use_map;
use super::i18n::{self, t, Key};
use super::icons::{glyph, Glyph};
use crate::deploy::snippet::{self, Size, DEFAULT_HEIGHT, MAX_HEIGHT, MIN_HEIGHT};
use crate::model::view::state::{AppState, Lang};

/// The id of the search bar (the search button's `aria-controls`).
const SEARCH_BAR_ID: &str = "embed-search";

#[derive(Properties, PartialEq)]
pub struct EmbedControlsProps {
    /// The search bar is open (narrow frames; wide ones always show it).
    pub search_open: bool,
    /// A search text filters the map (a dot on the closed search button).
    pub searching: bool,
    pub filters_open: bool,
    /// Active filter values (badge of the filters button).
    pub filters_badge: usize,
    /// Open (`true`) or close the search bar.
    pub on_search: Callback<bool>,
    pub on_filters: Callback<()>,
    /// The search box.
    #[prop_or_default]
    pub children: Html,
}

/// The buttons over the map in embed mode: search and filters.
#[function_component(EmbedControls)]
pub fn embed_controls(props: &EmbedControlsProps) -> Html {
    let lang = use_map().map(|m| m.lang).unwrap_or_default();
    // Opening the bar puts the cursor in the field.
    use_effect_with(props.search_open, |open| {
        if *open {
            browser::focus("#search-input");
        }
    });
    let close = {
        let cb = props.on_search.clone();
        move || {
            cb.emit(false);
            browser::focus("[data-testid=\"search-toggle\"]");
        }
    };
    let toggle_search = {
        let cb = props.on_search.clone();
        let open = props.search_open;
        let close = close.clone();
        Callback::from(move |_: MouseEvent| {
            if open {
                close();
            } else {
                cb.emit(true);
            }
        })
    };
    let close_btn = {
        let close = close.clone();
        Callback::from(move |_: MouseEvent| close())
    };
    // Escape in an empty search field closes the bar (the search box's own
    // Escape closes its list first, then clears the text).
    let onkeydown = {
        let searching = props.searching;
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !searching {
                close();
            }
        })
    };
    let toggle_filters = {
        let cb = props.on_filters.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let expanded = |b: bool| if b { "true" } else { "false" };
    html! {
        <div class={classes!("embed-controls", props.search_open.then_some("search-open"))}>
            <div id={SEARCH_BAR_ID} class="embed-search" {onkeydown}>
                { props.children.clone() }
                <button type="button" class="icon-btn embed-search-close" data-testid="search-close"
                        aria-label={t(lang, Key::SearchClose)} title={t(lang, Key::SearchClose)}
                        onclick={close_btn}>
                    { glyph(Glyph::Close) }
                </button>
            </div>
            <button type="button" class="btn embed-btn search-toggle" data-testid="search-toggle"
                    aria-controls={SEARCH_BAR_ID} aria-expanded={expanded(props.search_open)}
                    title={t(lang, Key::Search)} onclick={toggle_search}>
                { glyph(Glyph::Search) }
                <span class="visually-hidden">{ t(lang, Key::Search) }</span>
                if props.searching && !props.search_open {
                    <span class="badge dot" aria-hidden="true"></span>
                }
            </button>
            <button type="button" class="btn embed-btn filters-toggle" data-testid="filters-toggle"
                    aria-controls="filter-panel" aria-expanded={expanded(props.filters_open)}
                    title={t(lang, Key::Filters)} onclick={toggle_filters}>
                { glyph(Glyph::Filter) }
                <span class="embed-btn-text">{ t(lang, Key::Filters) }</span>
                if props.filters_badge > 0 { <span class="badge">{ props.filters_badge }</span> }
            </button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedFooterProps {
    /// The dataset's credit line ([`i18n::credit`]).
    pub credit: Option<AttrValue>,
    /// The standalone map with the same view.
    pub full_href: AttrValue,
    /// The "Exporter" menu.
    #[prop_or_default]
    pub children: Html,
}

/// The credit line and the "Open the full map" link of embed mode.
#[function_component(EmbedFooter)]
pub fn embed_footer(props: &EmbedFooterProps) -> Html {
    let lang = use_map().map(|m| m.lang).unwrap_or_default();
    html! {
        <footer class="embed-foot">
            // First, floated right: the credit flows beside and below it.
            // Narrow frames show the short text (the name follows what shows).
            <a class="open-full" data-testid="open-full-map" href={props.full_href.clone()}
               target="_blank" rel="noopener noreferrer">
                <span class="long">{ t(lang, Key::OpenFullMap) }</span>
                <span class="short">{ t(lang, Key::FullMapShort) }</span>
                <span class="visually-hidden">{ " " }{ t(lang, Key::NewTab) }</span>
                { glyph(Glyph::External) }
            </a>
            { props.children.clone() }
            if let Some(c) = props.credit.clone() {
                <p class="credit" data-testid="embed-credit">{ c }</p>
            }
        </footer>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    /// The view to embed.
    pub state: AppState,
    /// The map's address without query (`browser::page_base`).
    pub base: AttrValue,
    pub on_close: Callback<()>,
}

#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Manual,
}

/// The "Embed this map" dialog. See the module documentation.
#[function_component(EmbedDialog)]
pub fn embed_dialog(props: &EmbedDialogProps) -> Html {
    // The map's context is there for the dialog's whole life (it opens
    // over a loaded map), so the hooks below always run in the same order.
    let Some(map) = use_map() else {
        return Html::default();
    };
    // The interface's language: the snippet's language starts as it.
    let lang = map.lang;
    let fixed = use_state(|| false);
    let height_text = use_state(|| DEFAULT_HEIGHT.to_string());
    let last_height = use_state(|| DEFAULT_HEIGHT);
    let frame_lang = use_state(|| lang);
    let copy = use_state(|| CopyState::Idle);
    let copy_timer = use_mut_ref(|| None::<Timeout>);
    let dialog = use_node_ref();
    let code_ref = use_node_ref();
    let preview_box = use_node_ref();
    let preview_frame = use_node_ref();

    let height = snippet::parse_height(&height_text);
    let size = if *fixed {
        Size::Fixed(*height.as_ref().unwrap_or(&*last_height))
    } else {
        Size::Responsive
    };
    let invalid = *fixed && height.is_err();
    let code_lang = i18n::code(*frame_lang);
    let dataset_title = map
        .dataset
        .meta
        .title
        .as_ref()
        .map(|t| t.get(code_lang).to_string())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| t(*frame_lang, Key::AppName).to_string());
    let title = snippet::one_line(&i18n::frame_title(*frame_lang, &dataset_title));
    let src = snippet::embed_src_at(
        &props.base,
        &props.state,
        *frame_lang,
        map.dataset.meta.version.as_deref(),
    );
    let code = snippet::snippet(&src, &title, size);

    // A "copied" confirmation is about the code it copied.
    {
        let copy = copy.clone();
        use_effect_with(code.clone(), move |_| copy.set(CopyState::Idle));
    }
    // Focus the dialog when it opens.
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(el) = dialog.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    // The preview's height follows a fixed size (through the CSSOM: no
    // inline style attribute, so a strict CSP allows it).
    {
        let preview_box = preview_box.clone();
        let preview_frame = preview_frame.clone();
        use_effect_with(size, move |size| {
            let set = |r: &NodeRef, h: Option<String>| {
                if let Some(el) = r.cast::<web_sys::HtmlElement>() {
                    let style = el.style();
                    let _ = match h {
                        Some(h) => style.set_property("height", &h),
                        None => style.remove_property("height").map(|_| ()),
                    };
                }
            };
            match size {
                Size::Fixed(h) => {
                    set(&preview_frame, Some(format!("{h}px")));
                    set(&preview_box, Some(format!("{}px", f64::from(*h) / 2.0)));
                }
                Size::Responsive => {
                    set(&preview_frame, None);
                    set(&preview_box, None);
                }
            }
        });
    }

    let on_close = props.on_close.clone();
    let close_btn = {
        let cb = on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let backdrop = backdrop_close(on_close.clone());
    // Escape closes; Tab and Shift + Tab cycle inside the dialog (it is
    // modal: the page behind is covered).
    let onkeydown = {
        let cb = on_close.clone();
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                cb.emit(());
            } else {
                trap_tab(&e, &dialog);
            }
        })
    };

    let set_fixed = |v: bool| {
        let fixed = fixed.clone();
        Callback::from(move |_: Event| fixed.set(v))
    };
    let on_height = {
        let height_text = height_text.clone();
        let last_height = last_height.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let v = input.value();
            if let Ok(h) = snippet::parse_height(&v) {
                last_height.set(h);
            }
            height_text.set(v);
        })
    };
    let set_lang = |l: Lang| {
        let frame_lang = frame_lang.clone();
        Callback::from(move |_: Event| frame_lang.set(l))
    };
    let on_copy = {
        let copy = copy.clone();
        let timer = copy_timer.clone();
        let code = code.clone();
        let code_ref = code_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let copy = copy.clone();
            let timer = timer.clone();
            let code = code.clone();
            let code_ref = code_ref.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let field = code_ref.cast::<web_sys::HtmlElement>();
                let done = browser::copy_text(&code).await
                    || field.as_ref().is_some_and(browser::copy_from_field);
                if done {
                    copy.set(CopyState::Copied);
                    let c = copy.clone();
                    *timer.borrow_mut() = Some(Timeout::new(4000, move || c.set(CopyState::Idle)));
                } else {
                    if let Some(f) = &field {
                        let _ = f.focus();
                        browser::select_field(f);
                    }
                    copy.set(CopyState::Manual);
                }
            });
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(el) = e.target_dyn_into::<web_sys::HtmlElement>() {
            browser::select_field(&el);
        }
    });

    let height_error = match (&height, *fixed) {
        (Err(e), true) => Some(i18n::height_error(lang, *e)),
        _ => None,
    };
    let lang_option = |l: Lang, label: &'static str| {
        let code = i18n::code(l);
        html! {
            <label class="choice">
                <input type="radio" name="embed-lang" data-testid={format!("embed-lang-{code}")}
                       checked={*frame_lang == l} onchange={set_lang(l)} />
                <span lang={code}>{ label }</span>
            </label>
        }
    };

    html! {
        <div class="backdrop" onclick={backdrop}>
            <section class="dialog embed-dialog" data-testid="embed-dialog" role="dialog" aria-modal="true"
                     aria-labelledby="embed-title" aria-describedby="embed-intro" tabindex="-1"
                     ref={dialog} {onkeydown}>
                <div class="panel-head">
                    <h2 id="embed-title">{ t(lang, Key::EmbedTitle) }</h2>
                    <button type="button" class="icon-btn" data-testid="embed-close"
                            aria-label={t(lang, Key::Close)} title={t(lang, Key::Close)} onclick={close_btn}>
                        { glyph(Glyph::Close) }
                    </button>
                </div>
                <div class="dialog-body">
                    <p id="embed-intro">{ t(lang, Key::EmbedIntro) }</p>
                    <div class="embed-options">
                        <fieldset class="embed-field">
                            <legend>{ t(lang, Key::EmbedSize) }</legend>
                            <label class="choice">
                                <input type="radio" name="embed-size" data-testid="embed-size-responsive"
                                       checked={!*fixed} onchange={set_fixed(false)} />
                                <span>{ t(lang, Key::EmbedResponsive) }</span>
                            </label>
                            <label class="choice">
                                <input type="radio" name="embed-size" data-testid="embed-size-fixed"
                                       checked={*fixed} onchange={set_fixed(true)} />
                                <span>{ t(lang, Key::EmbedFixed) }</span>
                            </label>
                            <div class="embed-height">
                                <label for="embed-height">{ t(lang, Key::EmbedHeight) }</label>
                                <input id="embed-height" data-testid="embed-height" type="text"
                                       inputmode="numeric" autocomplete="off" size="6"
                                       disabled={!*fixed} value={(*height_text).clone()}
                                       aria-invalid={if invalid { "true" } else { "false" }}
                                       aria-describedby={height_error.as_ref().map(|_| "embed-height-error")}
                                       placeholder={format!("{MIN_HEIGHT}–{MAX_HEIGHT}")}
                                       oninput={on_height} />
                                if let Some(msg) = height_error.clone() {
                                    <p id="embed-height-error" class="field-error" data-testid="embed-height-error"
                                       role="alert">{ msg }</p>
                                }
                            </div>
                        </fieldset>
                        <fieldset class="embed-field">
                            <legend>{ t(lang, Key::EmbedLang) }</legend>
                            { lang_option(Lang::Fr, "Français") }
                            { lang_option(Lang::En, "English") }
                        </fieldset>
                    </div>
                    <h3 class="embed-subtitle">{ t(lang, Key::EmbedPreview) }</h3>
                    // The snippet's own frame, at twice the box's width and
                    // half the scale; inert, so Tab never wanders into it.
                    <div class={classes!("embed-preview", (!*fixed).then_some("responsive"))}
                         ref={preview_box} inert=true>
                        <div class="embed-stage">
                            <iframe ref={preview_frame} data-testid="embed-preview" src={src.clone()}
                                    title={title.clone()} loading="lazy" tabindex="-1"></iframe>
                        </div>
                    </div>
                    <label for="embed-code" class="embed-subtitle">{ t(lang, Key::EmbedCode) }</label>
                    <textarea id="embed-code" data-testid="embed-snippet" ref={code_ref} readonly=true
                              rows="9" spellcheck="false" value={code.clone()} onfocus={select_all} />
                    <div class="embed-copy">
                        <button type="button" class="btn primary" data-testid="embed-copy"
                                disabled={invalid} onclick={on_copy}>
                            { t(lang, Key::EmbedCopy) }
                        </button>
                        <p class="copy-status" data-testid="embed-copy-status" role="status">
                            { match *copy {
                                CopyState::Idle => "",
                                CopyState::Copied => t(lang, Key::EmbedCopied),
                                CopyState::Manual => t(lang, Key::EmbedManual),
                            } }
                        </p>
                    </div>
                </div>
            </section>
        </div>
    }
}
