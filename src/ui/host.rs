//! The conversation with the page that frames the map (product.md,
//! "Messages with the host page"), on the browser side.
//!
//! - **Out**: [`send_state`] and [`send_select`] queue `civicmap:state` and
//!   `civicmap:select`; the queue is flushed at most once per frame
//!   (`requestAnimationFrame`), the latest state first, then the selections
//!   in order. A frame the browser does not paint (a hidden or off-screen
//!   iframe, where animation frames stop) is flushed by a fallback timer, so
//!   a host that commands a hidden map still hears back.
//! - **In**: [`use_host_commands`] listens to `message` events and passes on
//!   the `state` of a `civicmap:set-state` that comes from `window.parent`,
//!   from an origin listed in `command_origins` of `civicmap.config.json`,
//!   and that [`message::decode_host_message`] accepts. Everything else from
//!   the parent is ignored with a console warning; messages from other
//!   windows (child frames, extensions) are ignored silently unless they try
//!   to command the map.

use std::cell::RefCell;

use gloo::events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::browser;
use super::loader;
use crate::deploy::message::{self, SET_STATE};

/// How long a queued message may wait for an animation frame, in ms.
const FALLBACK_MS: i32 = 200;

/// Messages waiting for the next frame.
#[derive(Default)]
struct Outbox {
    /// The latest `civicmap:state` (older ones are superseded).
    state: Option<String>,
    /// Every `civicmap:select`, in order.
    selects: Vec<String>,
    /// The pending `requestAnimationFrame` and fallback timer, if any.
    raf: Option<i32>,
    timer: Option<i32>,
    /// The one JS function both call (kept for the page's lifetime).
    flush: Option<Closure<dyn FnMut()>>,
}

thread_local! {
    static OUTBOX: RefCell<Outbox> = RefCell::new(Outbox::default());
}

/// Queues `civicmap:state` (JSON text); it replaces a state not yet sent.
pub fn send_state(json: String) {
    OUTBOX.with(|o| o.borrow_mut().state = Some(json));
    schedule();
}

/// Queues `civicmap:select` (JSON text).
pub fn send_select(json: String) {
    OUTBOX.with(|o| o.borrow_mut().selects.push(json));
    schedule();
}

/// Asks for a flush at the next animation frame (or the fallback timer),
/// unless one is pending.
fn schedule() {
    let Some(w) = web_sys::window() else { return };
    OUTBOX.with(|o| {
        let Ok(mut o) = o.try_borrow_mut() else {
            return;
        };
        if o.raf.is_some() || o.timer.is_some() {
            return;
        }
        let f = o
            .flush
            .get_or_insert_with(|| Closure::<dyn FnMut()>::new(flush));
        let f: &js_sys::Function = f.as_ref().unchecked_ref();
        let raf = w.request_animation_frame(f).ok();
        let timer = w
            .set_timeout_with_callback_and_timeout_and_arguments_0(f, FALLBACK_MS)
            .ok();
        o.raf = raf;
        o.timer = timer;
    });
}

/// Posts what is queued: the latest state, then the selections.
fn flush() {
    let (state, selects) = OUTBOX.with(|o| {
        let Ok(mut o) = o.try_borrow_mut() else {
            return (None, Vec::new());
        };
        if let Some(w) = web_sys::window() {
            if let Some(id) = o.raf.take() {
                let _ = w.cancel_animation_frame(id);
            }
            if let Some(id) = o.timer.take() {
                w.clear_timeout_with_handle(id);
            }
        }
        (o.state.take(), std::mem::take(&mut o.selects))
    });
    for json in state.iter().chain(selects.iter()) {
        browser::post_to_host(json);
    }
}

/// Listens for `civicmap:set-state` from the host page and emits its
/// `state` (a query string, to be decoded like the address bar) on
/// `on_command`. Installed once; the callback should only capture what does
/// not change (a dispatcher, shared cells).
#[hook]
pub fn use_host_commands(on_command: Callback<String>) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "message", move |ev| {
                if let Some(ev) = ev.dyn_ref::<web_sys::MessageEvent>() {
                    if let Some(state) = command(ev) {
                        on_command.emit(state);
                    }
                }
            })
        });
        move || drop(listener)
    });
}

/// The `state` of an accepted command; `None` (with a warning when the
/// message was meant for the map, or came from its host) otherwise.
fn command(ev: &web_sys::MessageEvent) -> Option<String> {
    let w = web_sys::window()?;
    let data = ev.data();
    let origin = ev.origin();
    let parent = w.parent().ok().flatten();
    let framed = parent.as_ref().is_some_and(|p| !js_sys::Object::is(p, &w));
    let from_parent = match (ev.source(), parent.as_ref()) {
        (Some(source), Some(p)) => framed && js_sys::Object::is(&source, p),
        _ => false,
    };
    if !from_parent {
        // Not the host: the page's own scripts, extensions, a framed
        // preview of the map talking to its own host… Only a command is
        // worth a word.
        if field(&data, "type").as_string().as_deref() == Some(SET_STATE) {
            browser::warn(&format!(
                "civicmap: `{SET_STATE}` from {} ignored: only the page that frames the map may send it",
                describe_origin(&origin)
            ));
        }
        return None;
    }
    let config = loader::current_config();
    if !config.allows_command(&origin) {
        let why = if loader::config_read() {
            "this origin is not in `command_origins` of civicmap.config.json"
        } else {
            "civicmap.config.json is not read yet (wait for the first `civicmap:state`)"
        };
        browser::warn(&format!(
            "civicmap: message from {} ignored: {why}",
            describe_origin(&origin)
        ));
        return None;
    }
    let decoded = match message_text(&data) {
        Ok(text) => message::decode_host_message(&text).map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    match decoded {
        Ok(message::HostCommand::SetState { state }) => Some(state),
        Err(e) => {
            browser::warn(&format!(
                "civicmap: message from {} ignored: {e}",
                describe_origin(&origin)
            ));
            None
        }
    }
}

/// `data[name]` for an object, else `undefined` (never throws).
fn field(data: &JsValue, name: &str) -> JsValue {
    if data.is_object() {
        js_sys::Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// The message as JSON text for the codec. An object is reduced to its
/// `type` and `state` (the only fields the map reads), so a huge or cyclic
/// object costs nothing; other values are serialized as they are, and the
/// codec names what is wrong with them.
fn message_text(data: &JsValue) -> Result<String, String> {
    let value = if js_sys::Array::is_array(data) {
        js_sys::Array::new().into()
    } else if data.is_object() {
        let o = js_sys::Object::new();
        for name in ["type", "state"] {
            let v = field(data, name);
            if !v.is_undefined() {
                let _ = js_sys::Reflect::set(&o, &JsValue::from_str(name), &v);
            }
        }
        o.into()
    } else {
        data.clone()
    };
    js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| "the message is not JSON data".to_string())
}

/// An origin for a console message (the browser gives `"null"` for opaque
/// ones).
fn describe_origin(origin: &str) -> String {
    let o: String = origin.chars().take(200).collect();
    if o.is_empty() {
        "an unknown origin".to_string()
    } else {
        o
    }
}
