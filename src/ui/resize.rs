//! `civicmap:resize` (product.md, "Messages with the host page"): while the
//! list, timeline, stakes or analysis view is shown in a frame, tell the host the
//! page's natural height — what it needs to show the whole view without
//! inner scrolling — whenever it changes, at most once per animation frame.
//! The graph view fills whatever it is given and sends none.
//!
//! The natural height is the viewport's height, minus what the view's
//! scroll container is given, plus what its content takes.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;
use yew::prelude::*;

use super::browser;
use crate::deploy::message;
use crate::model::view::state::View;

/// The page's natural height in whole CSS pixels, from the view's scroll
/// container (whose first child is the view's content).
fn natural_height(scroller: &HtmlElement) -> Option<u32> {
    let doc = web_sys::window()?.document()?.document_element()?;
    let content = scroller.first_element_child()?;
    let inner = content.get_bounding_client_rect().height();
    let h = f64::from(doc.client_height()) - f64::from(scroller.client_height()) + inner;
    // Whole pixels, rounded up so the host never cuts the last one off.
    (h.is_finite() && h >= 0.0).then(|| h.ceil().min(f64::from(u32::MAX)) as u32)
}

/// A live observer and the closure it calls (dropped together).
type Observer = (web_sys::ResizeObserver, Closure<dyn FnMut(JsValue)>);

/// Per activation: the last height sent, a frame pending, still active.
#[derive(Default)]
struct Reporter {
    last: Cell<Option<u32>>,
    pending: Cell<bool>,
    alive: Cell<bool>,
}

fn schedule(rep: &Rc<Reporter>, scroller: &HtmlElement) {
    if rep.pending.get() || !rep.alive.get() {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    let rep2 = rep.clone();
    let el = scroller.clone();
    let cb = Closure::once_into_js(move |_t: f64| {
        rep2.pending.set(false);
        if !rep2.alive.get() {
            return;
        }
        if let Some(h) = natural_height(&el) {
            if rep2.last.get() != Some(h) {
                rep2.last.set(Some(h));
                browser::post_to_host(&message::encode_resize_message(h));
            }
        }
    });
    if w.request_animation_frame(cb.unchecked_ref()).is_ok() {
        rep.pending.set(true);
    }
}

/// Reports the natural height to the host page while `view` is not the
/// graph. `scroller` is the view's scroll container, present whenever the
/// map is `shown` (a dataset is loaded) and `view` is not the graph;
/// `generation` changes when it may have been rebuilt (a new dataset).
/// Each new view reports afresh.
#[hook]
pub fn use_host_resize(view: View, shown: bool, generation: u32, scroller: NodeRef) {
    use_effect_with((view, shown, generation), move |(view, shown, _)| {
        let rep = Rc::new(Reporter::default());
        let mut observer: Option<Observer> = None;
        if *shown && *view != View::Graph {
            if let Some(el) = scroller.cast::<HtmlElement>() {
                rep.alive.set(true);
                let (rep2, el2) = (rep.clone(), el.clone());
                let cb =
                    Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| schedule(&rep2, &el2));
                if let Ok(o) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
                    // The container follows the frame; its content follows the data.
                    o.observe(&el);
                    if let Some(content) = el.first_element_child() {
                        o.observe(&content);
                    }
                    observer = Some((o, cb));
                }
            }
        }
        move || {
            rep.alive.set(false);
            if let Some((o, cb)) = observer {
                o.disconnect();
                drop(cb);
            }
        }
    });
}
