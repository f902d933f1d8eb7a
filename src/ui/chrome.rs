//! The small pieces around the map: the visible count, notices, the
//! loading screen, the error panel, the share button and the about dialog
//! (with the theme choice and the accessibility statement).
//!
//! The pieces of a loaded map (the count, the notices, the share button, the
//! about dialog) read the language — and the dialog the dataset and the
//! dispatch — from the map context. The loading screen and the error panel
//! are shown before any dataset is there, so outside that context: they keep
//! a `lang` prop.
//!
//! Dialogs take the focus when they open, keep it inside while open (Tab
//! and Shift+Tab cycle), close with Escape and give it back to what opened
//! them.

use yew::prelude::*;

use super::browser;
use super::context::use_map;
use super::fetch_failure::FetchFailure;
use super::i18n::{self, t, Key};
use super::icons::{glyph, Glyph};
use super::versions::SuggestLink;
use crate::model::format::diagnostic::Diagnostic;
use crate::model::view::state::{Action, Lang, Theme};

/// What can take the keyboard focus inside a dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

/// Keeps Tab and Shift+Tab inside `container` (a modal dialog): from the
/// last focusable element Tab goes to the first, and back.
pub(crate) fn trap_tab(e: &KeyboardEvent, container: &NodeRef) {
    use wasm_bindgen::JsCast;
    if e.key() != "Tab" {
        return;
    }
    let Some(root) = container.cast::<web_sys::Element>() else {
        return;
    };
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        e.prevent_default();
        return;
    };
    let active = super::browser::active_element();
    let is = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.as_ref() as &web_sys::Element)
    };
    let on_root = active.as_ref().is_some_and(|a| *a == root);
    if e.shift_key() && (is(first) || on_root) {
        e.prevent_default();
        let _ = last.focus();
    } else if !e.shift_key() && is(last) {
        e.prevent_default();
        let _ = first.focus();
    }
}

/// A modal's backdrop handler: a click on the backdrop itself (not on the
/// dialog inside it) calls `on_close`.
pub(crate) fn backdrop_close(on_close: Callback<()>) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        let is_backdrop = e
            .target()
            .zip(e.current_target())
            .is_some_and(|(a, b)| a == b);
        if is_backdrop {
            on_close.emit(())
        }
    })
}

#[derive(Properties, PartialEq)]
pub struct VisibleCountProps {
    pub actors: usize,
    pub links: usize,
}

/// "162 acteurs · 209 liens", announced politely, with the numbers as data
/// attributes for host pages and tests.
#[function_component(VisibleCount)]
pub fn visible_count(props: &VisibleCountProps) -> Html {
    let lang = use_map().map(|m| m.lang).unwrap_or_default();
    html! {
        <p class="visible-count" data-testid="visible-count" aria-live="polite"
           data-actors={props.actors.to_string()} data-links={props.links.to_string()}>
            { i18n::visible_count(lang, props.actors, props.links) }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeBoxProps {
    pub title: AttrValue,
    pub items: Vec<String>,
    pub on_dismiss: Callback<()>,
}

/// A dismissible notice with a list of items.
#[function_component(NoticeBox)]
pub fn notice_box(props: &NoticeBoxProps) -> Html {
    let lang = use_map().map(|m| m.lang).unwrap_or_default();
    let cb = props.on_dismiss.clone();
    let onclick = Callback::from(move |_: MouseEvent| cb.emit(()));
    html! {
        <div class="notice" data-testid="notice" role="status">
            <span class="notice-icon">{ glyph(Glyph::Warning) }</span>
            <div class="notice-text">
                <p class="notice-title">{ props.title.clone() }</p>
                <ul>{ for props.items.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ul>
            </div>
            <button type="button" class="icon-btn" data-testid="notice-dismiss"
                    aria-label={t(lang, Key::Dismiss)} title={t(lang, Key::Dismiss)} {onclick}>
                { glyph(Glyph::Close) }
            </button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct LoadingProps {
    pub lang: Lang,
    pub received: u64,
    pub total: Option<u64>,
}

/// The loading screen, with a progress bar when the size is known.
#[function_component(LoadingView)]
pub fn loading_view(props: &LoadingProps) -> Html {
    let text = i18n::progress(props.lang, props.received, props.total);
    let bar = match props.total {
        Some(tot) if tot > 0 => html! {
            <progress max={tot.to_string()} value={props.received.min(tot).to_string()}
                      aria-label={t(props.lang, Key::LoadingTitle)} />
        },
        _ => html! { <progress aria-label={t(props.lang, Key::LoadingTitle)} /> },
    };
    html! {
        <div class="screen loading" data-testid="loading" role="status" aria-live="polite"
             data-received={props.received.to_string()}>
            <div class="screen-card">
                <div class="spinner" aria-hidden="true"></div>
                <p>{ text }</p>
                { bar }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorPanelProps {
    pub lang: Lang,
    /// A fetch failure (unreachable, not JSON, other origin, …).
    #[prop_or_default]
    pub failure: Option<FetchFailure>,
    /// The loader's diagnostics (errors first).
    #[prop_or_default]
    pub diagnostics: Vec<Diagnostic>,
    /// The address of the map with its default dataset, offered when a
    /// `data=` file failed.
    #[prop_or_default]
    pub default_href: Option<AttrValue>,
    /// Loads the file again; only given when that may help
    /// ([`FetchFailure::retryable`]).
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

/// Why the dataset is not shown: a sentence, or every diagnostic with its
/// place in the file.
#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorPanelProps) -> Html {
    let lang = props.lang;
    let errors: Vec<&Diagnostic> = props.diagnostics.iter().filter(|d| d.is_error()).collect();
    let place = |d: &Diagnostic| -> String {
        let mut parts = Vec::new();
        if let Some(l) = d.line {
            parts.push(format!("{} {l}", t(lang, Key::ErrorLine)));
        }
        if let Some(c) = d.column {
            parts.push(format!("{} {c}", t(lang, Key::ErrorColumn)));
        }
        parts.join(", ")
    };
    let retry = props
        .on_retry
        .clone()
        .map(|cb| Callback::from(move |_: MouseEvent| cb.emit(())));
    let kind = match &props.failure {
        Some(f) => f.code(),
        None => "invalid",
    };
    html! {
        <div class="screen">
            <section class="screen-card error-panel" data-testid="error-panel" role="alert"
                     aria-labelledby="error-title" data-failure={kind}>
                <h1 id="error-title">
                    { glyph(Glyph::Warning) }
                    { t(lang, Key::ErrorTitle) }
                </h1>
                if let Some(f) = &props.failure {
                    <p class="error-message" data-testid="error-message">{ i18n::fetch_failure(lang, f) }</p>
                }
                if !errors.is_empty() {
                    <p>{ t(lang, Key::ErrorIntro) }{ " " }<strong>{ i18n::error_count(lang, errors.len()) }</strong></p>
                    <ol class="diagnostics">
                        { for errors.iter().map(|d| html! {
                            <li class="diagnostic" data-code={d.code}>
                                <p class="diag-message">{ i18n::diagnostic_message(lang, d) }</p>
                                <p class="diag-place">
                                    if !d.path.is_empty() {
                                        <code>{ d.path.clone() }</code>
                                    }
                                    <span>{ place(d) }</span>
                                    <span class="diag-code">{ d.code }</span>
                                </p>
                            </li>
                        }) }
                    </ol>
                    <p class="muted small">{ t(lang, Key::ErrorHelp) }</p>
                }
                <div class="error-actions">
                    if let Some(onclick) = retry {
                        <button type="button" class="btn" data-testid="error-retry" {onclick}>{ t(lang, Key::Retry) }</button>
                    }
                    if let Some(href) = props.default_href.clone() {
                        <a class="btn primary" href={href}>{ t(lang, Key::OpenDefault) }</a>
                    }
                </div>
            </section>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub permalink: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum ShareState {
    Idle,
    Copied,
    Manual,
}

/// Copies the permalink and confirms; without clipboard access, shows the
/// link selected in a text field.
#[function_component(ShareButton)]
pub fn share_button(props: &ShareProps) -> Html {
    let lang = use_map().map(|m| m.lang).unwrap_or_default();
    let status = use_state(|| ShareState::Idle);
    let field = use_node_ref();
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);

    let onclick = {
        let status = status.clone();
        let link = props.permalink.clone();
        let timer = timer.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            let link = link.clone();
            let timer = timer.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if browser::copy_text(&link).await {
                    status.set(ShareState::Copied);
                    let s = status.clone();
                    *timer.borrow_mut() =
                        Some(gloo::timers::callback::Timeout::new(4000, move || {
                            s.set(ShareState::Idle)
                        }));
                } else {
                    status.set(ShareState::Manual);
                }
            });
        })
    };

    // In manual mode, select the field and try the old copy command.
    {
        let field = field.clone();
        let status = status.clone();
        use_effect_with(*status, move |s| {
            if *s == ShareState::Manual {
                if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                    let _ = input.focus();
                    if browser::copy_from_input(&input) {
                        status.set(ShareState::Copied);
                    }
                }
            }
        });
    }

    let close = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            status.set(ShareState::Idle);
            browser::focus("[data-testid=\"share-button\"]");
        })
    };
    let onkeydown = {
        let status = status.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *status != ShareState::Idle {
                e.stop_propagation();
                status.set(ShareState::Idle);
                browser::focus("[data-testid=\"share-button\"]");
            }
        })
    };

    html! {
        <div class="share" {onkeydown}>
            <button type="button" class="btn ghost" data-testid="share-button" {onclick}
                    title={t(lang, Key::Share)}>
                { glyph(Glyph::Share) }
                <span class="btn-text">{ t(lang, Key::Share) }</span>
            </button>
            if *status != ShareState::Idle {
                { share_popover(*status, lang, field, props.permalink.clone(), close) }
            }
        </div>
    }
}

/// What the share button shows once pressed: that the link is copied, or
/// the link to copy by hand. Never inlined into the button, which runs on
/// every load: the web build's split can then leave it out of the code
/// loaded before the map is ready.
#[inline(never)]
fn share_popover(
    status: ShareState,
    lang: Lang,
    field: NodeRef,
    permalink: AttrValue,
    close: Callback<MouseEvent>,
) -> Html {
    if status == ShareState::Copied {
        return html! {
            <p class="popover confirm" data-testid="share-confirm" role="status">
                { t(lang, Key::ShareCopied) }
            </p>
        };
    }
    html! {
        <div class="popover manual" data-testid="share-confirm" role="dialog"
             aria-labelledby="share-field-label">
            <label id="share-field-label" for="share-field">{ t(lang, Key::ShareManual) }</label>
            <input id="share-field" ref={field} type="text" readonly=true value={permalink} />
            <button type="button" class="btn small" onclick={close}>{ t(lang, Key::Close) }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AboutProps {
    pub permalink: AttrValue,
    /// Where the dataset file was loaded from (for the download link).
    pub dataset_href: AttrValue,
    pub on_close: Callback<()>,
    /// `theme=`: `None` follows the device.
    #[prop_or_default]
    pub theme: Option<Theme>,
}

/// Where the accessibility statement is served (beside `index.html`).
pub const STATEMENT_HREF: &str = "accessibility.html";

/// The about dialog: what the data is, who made it, how to cite the map.
#[function_component(AboutDialog)]
pub fn about_dialog(props: &AboutProps) -> Html {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(el) = dialog.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let Some(map) = use_map() else {
        return Html::default();
    };
    let lang = map.lang;
    let code = i18n::code(lang);
    let meta = &map.dataset.meta;
    let title = meta
        .title
        .as_ref()
        .map(|t| t.get(code).to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| t(lang, Key::AppName).to_string());
    let notes = meta
        .notes
        .as_ref()
        .map(|n| n.get(code).to_string())
        .filter(|s| !s.is_empty());
    let citation = i18n::citation(
        lang,
        meta.attribution.as_deref(),
        &title,
        meta.version.as_deref(),
        meta.updated.as_deref(),
        &props.permalink,
    );
    let close_btn = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let backdrop = backdrop_close(props.on_close.clone());
    let onkeydown = {
        let cb = props.on_close.clone();
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                cb.emit(())
            } else {
                trap_tab(&e, &dialog);
            }
        })
    };
    let theme_choice = |value: Option<Theme>, id: &'static str, key: Key| -> Html {
        let d = map.dispatch.clone();
        let onchange = Callback::from(move |_: Event| d.emit(Action::SetTheme(value)));
        let input_id = format!("theme-{id}");
        html! {
            <label for={input_id.clone()} class="choice">
                <input type="radio" name="theme" id={input_id.clone()} data-testid={input_id}
                       checked={props.theme == value} {onchange} />
                <span>{ t(lang, key) }</span>
            </label>
        }
    };
    let row = |k: Key, v: Option<&str>| -> Html {
        match v {
            Some(v) if !v.is_empty() => {
                html! { <div><dt>{ t(lang, k) }</dt><dd>{ v.to_string() }</dd></div> }
            }
            _ => Html::default(),
        }
    };
    html! {
        <div class="backdrop" onclick={backdrop}>
            <section class="dialog" data-testid="about-panel" role="dialog" aria-modal="true"
                     aria-labelledby="about-title" tabindex="-1" ref={dialog} {onkeydown}>
                <div class="panel-head">
                    <h2 id="about-title">{ t(lang, Key::AboutTitle) }</h2>
                    <button type="button" class="icon-btn" aria-label={t(lang, Key::Close)}
                            title={t(lang, Key::Close)} onclick={close_btn}>
                        { glyph(Glyph::Close) }
                    </button>
                </div>
                <div class="dialog-body">
                    <h3 class="dataset-title">{ title.clone() }</h3>
                    <p>{ t(lang, Key::AboutMap) }</p>
                    <dl class="facts">
                        { row(Key::Version, meta.version.as_deref()) }
                        { row(Key::Updated, meta.updated.as_deref()) }
                        { row(Key::License, meta.license.as_deref()) }
                        { row(Key::Attribution, meta.attribution.as_deref()) }
                    </dl>
                    if let Some(n) = notes {
                        <h4>{ t(lang, Key::Notes) }</h4>
                        <p class="notes">{ n }</p>
                    }
                    <p>
                        <a class="btn" href={props.dataset_href.clone()} download="">
                            { t(lang, Key::Download) }
                        </a>
                    </p>
                    <SuggestLink />
                    <h4>{ t(lang, Key::HowToCite) }</h4>
                    <blockquote class="citation">{ citation }</blockquote>
                    <p class="small">
                        <span class="muted">{ t(lang, Key::Permalink) }{ i18n::colon(lang) }</span>
                        <a href={props.permalink.clone()}>{ props.permalink.clone() }</a>
                    </p>
                    <h4>{ t(lang, Key::Display) }</h4>
                    <fieldset class="theme-choice" data-testid="theme-choice">
                        <legend>{ t(lang, Key::Theme) }</legend>
                        { theme_choice(None, "system", Key::ThemeSystem) }
                        { theme_choice(Some(Theme::Light), "light", Key::ThemeLight) }
                        { theme_choice(Some(Theme::Dark), "dark", Key::ThemeDark) }
                    </fieldset>
                    <h4>{ t(lang, Key::Accessibility) }</h4>
                    <p>
                        <a href={STATEMENT_HREF} data-testid="accessibility-statement"
                           hreflang={i18n::code(lang)}>
                            { t(lang, Key::AccessibilityStatement) }
                        </a>
                    </p>
                </div>
            </section>
        </div>
    }
}
