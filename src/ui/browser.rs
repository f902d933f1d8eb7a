//! Thin wrappers over the browser APIs the app uses (location, history,
//! clipboard, User Timing, media queries, console), each returning an
//! `Option`/`Result` instead of throwing, so no `JsValue` error reaches the
//! visitor as a blank page. Only called from effects and callbacks, never
//! while rendering (the components also render natively, in SSR tests).

use std::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Runs `f` once, `ms` milliseconds from now (`setTimeout`), and frees it
/// once it has run. (A `gloo` `Timeout` that is `forget()`-ed keeps its
/// callback, and a slot of the externref table, for good: one closure
/// per call, which the soak test found piling up; docs/soak.md.)
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let Some(w) = window() else { return };
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms);
}

/// Calls `f` once the app's code that is loaded after `civicmap:ready` is
/// there (scripts/split-wasm.mjs sets `civicmapSplitLoaded`; a build
/// without that split has it all) and, if `ready`, the page is ready
/// ([`mark_ready`]), checking every 20 ms for up to 10 s. Work that can
/// wait (the measures) then does not make the page load that code
/// synchronously (a long task of 200–400 ms here on the 10,000-actor
/// graph), and, if it is big, does not delay the first frame.
pub fn when_code_loaded(ready: bool, f: impl FnOnce() + 'static) {
    wait_for_code(500, ready, f);
}

fn wait_for_code(tries: u32, ready: bool, f: impl FnOnce() + 'static) {
    let flag = js_sys::Reflect::get(&js_sys::global(), &"civicmapSplitLoaded".into());
    let loaded = !flag.is_ok_and(|v| v.as_bool() == Some(false));
    if tries > 0 && !(loaded && (!ready || READY.with(Cell::get))) {
        after(20, move || wait_for_code(tries - 1, ready, f));
    } else {
        f();
    }
}

thread_local! {
    /// A map has been drawn ([`mark_ready`]).
    static READY: Cell<bool> = const { Cell::new(false) };
}

/// Marks `civicmap:ready` (product.md: the layout settled and drawn).
pub fn mark_ready() {
    mark("civicmap:ready");
    READY.with(|r| r.set(true));
}

/// The page's query string without `?` (`""` when unavailable).
pub fn query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.trim_start_matches('?').to_string())
        .unwrap_or_default()
}

/// The page's own address without query or fragment.
pub fn page_base() -> String {
    window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// The full permalink for a canonical query (without `?`).
pub fn permalink(query: &str) -> String {
    let base = page_base();
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

/// How a history entry is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryMode {
    Push,
    Replace,
}

/// Writes `?query` to the address bar (keeping path and fragment).
pub fn write_query(query: &str, mode: HistoryMode) {
    let Some(w) = window() else { return };
    let l = w.location();
    let path = l.pathname().unwrap_or_default();
    let hash = l.hash().unwrap_or_default();
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    let Ok(h) = w.history() else { return };
    let r = match mode {
        HistoryMode::Push => h.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryMode::Replace => h.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
    if let Err(e) = r {
        warn(&format!("civicmap: could not update the address: {e:?}"));
    }
}

/// A link resolved against the page: its absolute URL, its origin (the
/// browser's serialization, `null` for opaque ones) and the page's own
/// origin.
pub struct Resolved {
    pub url: String,
    pub origin: String,
    pub own: String,
    /// `http:` or `https:`.
    pub web: bool,
}

/// Resolves `href` against the page's address; `None` when it is not a URL.
pub fn resolve(href: &str) -> Option<Resolved> {
    let w = window()?;
    let base = w.location().href().ok()?;
    let url = web_sys::Url::new_with_base(href, &base).ok()?;
    let proto = url.protocol();
    Some(Resolved {
        url: url.href(),
        origin: url.origin(),
        own: w.location().origin().ok()?,
        web: proto == "http:" || proto == "https:",
    })
}

/// Resolves in a later task (`setTimeout(0)`): lets the browser run what
/// waits for this thread (a Web Worker's start) before a long task.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Moves the keyboard focus to the first element matching `selector`
/// (after a panel closes, so the focus is not lost on `<body>`).
pub fn focus(selector: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// `performance.now()` (0 without a window).
pub fn now() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// `performance.mark(name)`.
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        if let Err(e) = p.mark(name) {
            warn(&format!("civicmap: performance.mark failed: {e:?}"));
        }
    }
}

/// Posts a message (JSON text, sent as an object) to the page that frames
/// this one, if any. The messages carry only the public view state, so any
/// host may read them (`targetOrigin` `*`).
pub fn post_to_host(json: &str) {
    let Some(w) = window() else {
        return;
    };
    let Ok(Some(parent)) = w.parent() else {
        return;
    };
    if js_sys::Object::is(&parent, &w) {
        return;
    }
    match js_sys::JSON::parse(json) {
        Ok(msg) => {
            if let Err(e) = parent.post_message(&msg, "*") {
                warn(&format!("civicmap: postMessage failed: {e:?}"));
            }
        }
        Err(e) => warn(&format!("civicmap: bad host message {json}: {e:?}")),
    }
}

/// `console.warn(msg)`.
pub fn warn(msg: &str) {
    web_sys::console::warn_1(&JsValue::from_str(msg));
}

/// The `MediaQueryList` for `query`, if the browser has `matchMedia`.
pub fn media(query: &str) -> Option<web_sys::MediaQueryList> {
    window().and_then(|w| w.match_media(query).ok().flatten())
}

/// Sets `<html lang>`.
pub fn set_document_lang(code: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", code);
    }
}

/// Sets `data-theme` on `<html>` (`light` or `dark`): the page's colours
/// follow it (static/app.css).
pub fn set_document_theme(theme: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("data-theme", theme);
    }
}

/// Scrolls the first element matching `selector` into view, if needed.
pub fn scroll_into_view(selector: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
    {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// Copies `text` with the asynchronous Clipboard API. `false` when it is
/// missing or refused (the caller then shows the text to copy by hand).
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let nav = w.navigator();
    // `navigator.clipboard` is undefined outside secure contexts.
    let clip = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard")).ok();
    if clip
        .as_ref()
        .is_none_or(|c| c.is_undefined() || c.is_null())
    {
        return false;
    }
    let promise = nav.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Selects the text of an input and runs `document.execCommand("copy")`
/// (the old fallback; deprecated but still the only one without the
/// Clipboard API). `false` when the browser refuses.
pub fn copy_from_input(input: &web_sys::HtmlInputElement) -> bool {
    input.select();
    let Some(doc) = window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(f) = js_sys::Reflect::get(&doc, &JsValue::from_str("execCommand")) else {
        return false;
    };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    f.call1(&doc, &JsValue::from_str("copy"))
        .map(|v| v.as_bool().unwrap_or(false))
        .unwrap_or(false)
}

/// A readable text for a JS error value.
pub fn js_error_text(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Selects the whole text of a text field (`<input>` or `<textarea>`),
/// so the visitor can copy it by hand.
pub fn select_field(field: &web_sys::HtmlElement) {
    if let Ok(f) = js_sys::Reflect::get(field, &JsValue::from_str("select")) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(field);
        }
    }
}

/// Selects a text field's text and runs `document.execCommand("copy")`
/// (the fallback without the Clipboard API). `false` when refused.
pub fn copy_from_field(field: &web_sys::HtmlElement) -> bool {
    select_field(field);
    let Some(doc) = window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(f) = js_sys::Reflect::get(&doc, &JsValue::from_str("execCommand")) else {
        return false;
    };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    f.call1(&doc, &JsValue::from_str("copy"))
        .map(|v| v.as_bool().unwrap_or(false))
        .unwrap_or(false)
}

/// The element that has the keyboard focus, if any.
pub fn active_element() -> Option<web_sys::Element> {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
}

/// Has the browser download `content` as a file named `name` (a Blob, an
/// object URL, a click on an `<a download>` not in the page, the URL
/// revoked a moment later). False when the browser refused.
pub fn download(name: &str, mime: &str, content: &str) -> bool {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    download_blob(name, &blob)
}

/// Offers `blob` as a download named `name` (see [`download`]).
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> bool {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return false;
    };
    let anchor = gloo::utils::document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let done = anchor.is_some();
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // Revoked once the download has started.
    after(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    done
}
