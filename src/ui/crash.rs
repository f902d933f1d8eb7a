//! The last resort: should the app ever panic (clippy forbids the usual
//! causes, but a bug is a bug), the visitor gets a readable panel — what
//! happened, a reload button, the details to report — instead of a frozen
//! or blank map. Built with plain DOM calls (no Yew: the app may be the thing
//! that broke), every text set with `textContent`, so nothing in the panic
//! message can become markup.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use super::i18n::{t, Key};
use crate::model::view::state::Lang;

/// Installs the panic hook: the panic still goes to the console (with its
/// stack, via `console_error_panic_hook`), then [`show`] replaces the page.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Replaces the page's content (the `<body>`, where the app is mounted)
/// with the error panel. Does nothing without a document.
pub fn show(details: &str) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        show_in(&body, details);
    }
}

/// Replaces the children of `root` with the error panel
/// (`data-testid="crash-panel"`), in the page's language (`<html lang>`).
pub fn show_in(root: &Element, details: &str) {
    let Some(doc) = root.owner_document() else {
        return;
    };
    let lang = match doc.document_element().and_then(|e| e.get_attribute("lang")) {
        Some(l) if l == "en" => Lang::En,
        _ => Lang::Fr,
    };
    let Some(panel) = build(&doc, lang, details) else {
        return;
    };
    root.set_text_content(None);
    let _ = root.append_child(&panel);
}

fn element(doc: &Document, tag: &str, text: Option<&str>) -> Option<Element> {
    let e = doc.create_element(tag).ok()?;
    if let Some(text) = text {
        e.set_text_content(Some(text));
    }
    Some(e)
}

fn build(doc: &Document, lang: Lang, details: &str) -> Option<Element> {
    let panel = element(doc, "div", None)?;
    panel.set_class_name("crash-panel");
    panel.set_attribute("role", "alert").ok()?;
    panel.set_attribute("data-testid", "crash-panel").ok()?;
    let title = element(doc, "h1", Some(t(lang, Key::CrashTitle)))?;
    panel.append_child(&title).ok()?;
    let body = element(doc, "p", Some(t(lang, Key::CrashBody)))?;
    panel.append_child(&body).ok()?;

    let reload = element(doc, "button", Some(t(lang, Key::CrashReload)))?;
    reload.set_attribute("type", "button").ok()?;
    reload.set_class_name("btn primary");
    reload.set_attribute("data-testid", "crash-reload").ok()?;
    let on_click = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    reload
        .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
        .ok()?;
    // The panel lives until the page is reloaded: so does its listener.
    on_click.forget();
    panel.append_child(&reload).ok()?;

    let more = element(doc, "details", None)?;
    let summary = element(doc, "summary", Some(t(lang, Key::CrashDetails)))?;
    more.append_child(&summary).ok()?;
    let pre = element(doc, "pre", Some(details))?;
    more.append_child(&pre).ok()?;
    panel.append_child(&more).ok()?;
    Some(panel)
}
