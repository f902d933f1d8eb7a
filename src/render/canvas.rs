//! The Yew component [`MapCanvas`]: a `<canvas>` filling its parent, the
//! camera buttons, and an `aria-live` region announcing the keyboard-focused
//! actor.
//!
//! The component keeps one [`Engine`] (per-frame state: positions, layout
//! in progress, camera, hover, focus, gestures) in a `use_mut_ref`. Props
//! are copied into it after each render; input handlers and the
//! `requestAnimationFrame` loop mutate it and mark it dirty; a frame is
//! requested only while something changes (dirty flag, layout settling,
//! camera flight), so an idle map costs nothing.
//!
//! **Readiness.** `on_ready` fires once per dataset, after the first frame
//! drawn with the *final* positions: when the layout has settled (at once if
//! every actor has a position in the file, or under reduced motion, where
//! the layout is computed before the first paint).
//!
//! Callbacks (`on_select`, `on_ready`) are always emitted after the engine
//! is released, so a parent that re-renders synchronously is safe.
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlCanvasElement, HtmlElement, PointerEvent};
use yew::prelude::*;

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;
use crate::model::view::state::Lang;
use crate::ui::i18n::canvas::texts;

use super::css::apply_styles;
use super::engine::Engine;
use super::gestures::{Hint, Pointer};
use super::input::{
    key_handler, local, show_hint, touch_listener, wheel_listener, HintState, ZOOM_STEP,
};
use super::scene::NodeEncoding;
use super::scheduler::{with_engine, Shared};
use super::surface::{offscreen_canvas, Surface, WebSurface};

/// The component's props (the contract with the UI).
#[derive(Properties, Clone)]
pub struct MapCanvasProps {
    /// Validated, taxonomy completed.
    pub dataset: Rc<Dataset>,
    pub graph: Rc<Graph>,
    pub visible: Rc<Visible>,
    /// The selected actor's index.
    pub selected: Option<usize>,
    /// Extra actors to emphasise; may be empty.
    pub highlighted: Rc<Vec<usize>>,
    /// `path=`: the links of the chain (indices into `dataset.links`).
    /// When not empty, the chain's links and the `highlighted` actors are
    /// emphasised and everything else dimmed.
    #[prop_or_default]
    pub path_links: Rc<Vec<usize>>,
    /// What node size and colour show (`size=`, `color=`); the default is
    /// degree in the whole graph and the types' colours.
    #[prop_or_default]
    pub encoding: Rc<NodeEncoding>,
    /// Draw undated actors hollow.
    pub year_active: bool,
    pub dark: bool,
    pub lang: Lang,
    pub reduced_motion: bool,
    /// A click on a node (`Some`) or on empty space (`None`); Enter on the
    /// focused node; Escape (`None`).
    pub on_select: Callback<Option<usize>>,
    /// After the first complete frame of each dataset (see the module doc).
    pub on_ready: Callback<()>,
    /// The canvas's text alternative (`aria-label`).
    pub label: AttrValue,
    /// Embed mode: leave plain wheels and one-finger swipes to the host
    /// page (see [`super::gestures`]).
    #[prop_or_default]
    pub cooperative: bool,
}

impl PartialEq for MapCanvasProps {
    fn eq(&self, o: &Self) -> bool {
        // Datasets and graphs are compared by identity: a new load is a new Rc.
        Rc::ptr_eq(&self.dataset, &o.dataset)
            && Rc::ptr_eq(&self.graph, &o.graph)
            && (Rc::ptr_eq(&self.visible, &o.visible) || self.visible == o.visible)
            && self.selected == o.selected
            && self.highlighted == o.highlighted
            && self.path_links == o.path_links
            && (Rc::ptr_eq(&self.encoding, &o.encoding) || self.encoding == o.encoding)
            && self.year_active == o.year_active
            && self.dark == o.dark
            && self.lang == o.lang
            && self.reduced_motion == o.reduced_motion
            && self.on_select == o.on_select
            && self.on_ready == o.on_ready
            && self.label == o.label
            && self.cooperative == o.cooperative
    }
}

static INSTANCE: AtomicUsize = AtomicUsize::new(0);

/// The map canvas. See the module documentation.
#[function_component(MapCanvas)]
pub fn map_canvas(props: &MapCanvasProps) -> Html {
    let root = use_node_ref();
    let canvas = use_node_ref();
    let engine: Shared = use_mut_ref(Engine::default);
    ON_SCREEN.with(|c| *c.borrow_mut() = Rc::downgrade(&engine));
    let announce = use_state(String::new);
    // The gesture hint: which one was last shown, whether it shows now, and
    // whether to say ⌘ (macOS) rather than Ctrl.
    let hint = use_state(|| HintState {
        kind: Hint::Wheel,
        shown: false,
        mac: false,
    });
    let hint_timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let help_id = use_memo((), |_| {
        format!(
            "civicmap-canvas-help-{}",
            INSTANCE.fetch_add(1, Ordering::Relaxed)
        )
    });

    // Layout and look through the CSSOM (`apply_styles`), at mount and when
    // the theme changes. The first effect, so that the mount effect below
    // measures a laid-out element.
    {
        let root = root.clone();
        use_effect_with(props.dark, move |dark| {
            if let Some(r) = root.cast::<HtmlElement>() {
                apply_styles(&r, *dark);
            }
        });
    }

    // Mount: context, resize observer, wheel and touch listeners; released
    // on unmount.
    {
        let engine = engine.clone();
        let root = root.clone();
        let canvas = canvas.clone();
        let hint = hint.clone();
        let hint_timer = hint_timer.clone();
        use_effect_with((), move |_| {
            let canvas_el = canvas.cast::<HtmlCanvasElement>();
            let root_el = root.cast::<HtmlElement>();
            if let Ok(mut e) = engine.try_borrow_mut() {
                e.alive = true;
                e.dpr = 1.0;
                e.cursor = "";
                e.surface = WebSurface::new(canvas_el.clone());
            }
            let measure = {
                let engine = engine.clone();
                let root_el = root_el.clone();
                move || {
                    let Some(r) = &root_el else { return };
                    let rect = r.get_bounding_client_rect();
                    let dpr = web_sys::window()
                        .map(|w| w.device_pixel_ratio())
                        .unwrap_or(1.0);
                    with_engine(&engine, |e, _| {
                        e.resize(rect.width(), rect.height(), dpr);
                        Vec::new()
                    });
                }
            };
            measure();
            let measure2 = measure.clone();
            let on_resize = Closure::<dyn FnMut(JsValue)>::new(move |_entries: JsValue| measure2());
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(r)) = (&observer, &root_el) {
                o.observe(r);
            }
            let mac = web_sys::window()
                .and_then(|w| w.navigator().user_agent().ok())
                .is_some_and(|ua| ua.contains("Mac"));
            hint.set(HintState { mac, ..*hint });
            let show_hint = {
                let hint = hint.clone();
                let timer = hint_timer.clone();
                move |kind: Hint| show_hint(&hint, &timer, kind, mac)
            };
            let wheel = canvas_el
                .as_ref()
                .map(|c| wheel_listener(c, engine.clone(), show_hint.clone()));
            let touch = canvas_el
                .as_ref()
                .map(|c| touch_listener(c, engine.clone(), show_hint));
            move || {
                if let Ok(mut e) = engine.try_borrow_mut() {
                    e.alive = false;
                }
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_resize);
                drop(wheel);
                drop(touch);
            }
        });
    }

    // After every render: copy the props into the engine.
    {
        let engine = engine.clone();
        let props = props.clone();
        use_effect(move || {
            with_engine(&engine, |e, now| {
                e.sync(&props, now);
                Vec::new()
            });
        });
    }

    let onpointerdown = {
        let engine = engine.clone();
        let canvas = canvas.clone();
        Callback::from(move |ev: PointerEvent| {
            if ev.pointer_type() == "mouse" && ev.button() != 0 {
                return;
            }
            let Some((x, y)) = local(&ev, &canvas) else {
                return;
            };
            // Capture on the canvas (not on Yew's delegation root), so the
            // moves and the release of a drag or a pinch come back to it.
            if let Some(t) = canvas.cast::<HtmlElement>() {
                let _ = t.set_pointer_capture(ev.pointer_id());
            }
            let id = ev.pointer_id();
            let kind = Pointer::from_type(&ev.pointer_type());
            with_engine(&engine, |e, _| {
                e.pointer_down(id, x, y, kind);
                Vec::new()
            });
        })
    };
    let onpointermove = {
        let engine = engine.clone();
        let canvas = canvas.clone();
        Callback::from(move |ev: PointerEvent| {
            let Some((x, y)) = local(&ev, &canvas) else {
                return;
            };
            let hover = ev.pointer_type() != "touch";
            let id = ev.pointer_id();
            with_engine(&engine, |e, _| {
                e.pointer_move(id, x, y, hover);
                Vec::new()
            });
        })
    };
    let pointer_end = |cancelled: bool| {
        let engine = engine.clone();
        let canvas = canvas.clone();
        Callback::from(move |ev: PointerEvent| {
            let Some((x, y)) = local(&ev, &canvas) else {
                return;
            };
            let id = ev.pointer_id();
            with_engine(&engine, |e, _| e.pointer_up(id, x, y, cancelled));
        })
    };
    let onpointerup = pointer_end(false);
    let onpointercancel = pointer_end(true);
    let onpointerleave = {
        let engine = engine.clone();
        Callback::from(move |_: PointerEvent| {
            with_engine(&engine, |e, _| {
                e.pointer_leave();
                Vec::new()
            })
        })
    };
    let focus_change = |focused: bool| {
        let engine = engine.clone();
        Callback::from(move |_: FocusEvent| {
            with_engine(&engine, |e, _| {
                e.has_focus = focused;
                if !focused {
                    e.gestures.leave();
                    e.show_gestures();
                }
                e.dirty = true;
                Vec::new()
            })
        })
    };
    let onfocus = focus_change(true);
    let onblur = focus_change(false);
    let onkeydown = key_handler(engine.clone(), announce.clone(), props.lang);
    let button = |factor: Option<f64>| {
        let engine = engine.clone();
        Callback::from(move |_: MouseEvent| {
            with_engine(&engine, |e, now| {
                match factor {
                    Some(f) => e.zoom_by(f, now),
                    None => e.fit(now),
                }
                Vec::new()
            })
        })
    };

    let t = texts(props.lang);
    let (hint_text, hint_name) = match (hint.kind, hint.mac) {
        (Hint::Wheel, false) => (t.wheel_hint, "wheel"),
        (Hint::Wheel, true) => (t.wheel_hint_mac, "wheel"),
        (Hint::Touch, _) => (t.touch_hint, "touch"),
    };
    html! {
        <div ref={root} class="civicmap-canvas">
            <canvas ref={canvas}
                data-testid="map-canvas"
                tabindex="0"
                role="img"
                aria-label={props.label.clone()}
                aria-describedby={(*help_id).clone()}
                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onpointerleave}
                {onkeydown} {onfocus} {onblur}
            />
            <p id={(*help_id).clone()} class="civicmap-sr">{ t.help }</p>
            <p aria-live="polite" aria-atomic="true" data-testid="map-focus-live" class="civicmap-sr">
                { (*announce).clone() }
            </p>
            <div class="civicmap-zoom">
                <button type="button" data-testid="zoom-in" aria-label={t.zoom_in} title={t.zoom_in}
                        onclick={button(Some(ZOOM_STEP))}>{ "+" }</button>
                <button type="button" data-testid="zoom-out" aria-label={t.zoom_out} title={t.zoom_out}
                        onclick={button(Some(1.0 / ZOOM_STEP))}>{ "−" }</button>
                <button type="button" data-testid="zoom-fit" aria-label={t.fit} title={t.fit}
                        onclick={button(None)}>
                    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                        <path d="M2 7V2h5M13 2h5v5M18 13v5h-5M7 18H2v-5" fill="none" stroke="currentColor"
                              stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
                    </svg>
                </button>
            </div>
            if props.cooperative {
                // A pointer-only hint: hidden from screen readers, whose
                // users zoom with the keys the help text describes.
                <div class={classes!("map-hint", hint.shown.then_some("visible"))}
                     data-testid="map-hint" data-hint={hint_name} aria-hidden="true">
                    <p>{ hint_text }</p>
                </div>
            }
        </div>
    }
}

#[cfg(test)]
mod tests;

thread_local! {
    /// The engine of the map on screen (the last rendered canvas), for the
    /// "Exporter" menu.
    static ON_SCREEN: RefCell<std::rc::Weak<RefCell<Engine>>> =
        const { RefCell::new(std::rc::Weak::new()) };
}

/// The exported figure of the map on screen ([`super::figure::figure`]),
/// with its positions as they are now; `None` when no map is mounted.
pub fn map_figure(caption: &super::figure::Caption) -> Option<super::figure::Figure> {
    let engine = ON_SCREEN.with(|c| c.borrow().upgrade())?;
    let e = engine.try_borrow().ok()?;
    Some(super::figure::figure(
        &e.scene,
        &e.positions,
        &e.visible,
        e.dark,
        caption,
    ))
}

/// Paints `figure` at `scale` device pixels per unit on an offscreen canvas
/// and hands its PNG encoding to `done` (`None` if the browser could not
/// make it). Drawn with the same Canvas 2D calls as the map, not through an
/// `<img>` of the SVG, which the page's `img-src 'self'` would refuse.
/// Returns `false` when the canvas could not even be made.
pub fn map_png(
    figure: &super::figure::Figure,
    scale: f64,
    done: impl FnOnce(Option<web_sys::Blob>) + 'static,
) -> bool {
    let Some(canvas) = offscreen_canvas() else {
        return false;
    };
    let mut surface = WebSurface::new(Some(canvas.clone()));
    let size = |units: f64| (units * scale).round() as u32;
    surface.set_size(size(figure.width), size(figure.height));
    super::figure::paint(figure, &mut surface, scale);
    let callback = Closure::once_into_js(move |blob: JsValue| {
        done(blob.dyn_into::<web_sys::Blob>().ok());
    });
    canvas
        .to_blob_with_type(callback.unchecked_ref(), "image/png")
        .is_ok()
}
