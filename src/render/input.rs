//! Input handling: pointer (click, drag, pinch), wheel and keyboard events
//! as they change the engine's camera, hover, focus and selection.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, PointerEvent, WheelEvent};
use yew::prelude::*;

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;
use crate::model::view::state::Lang;
use crate::ui::i18n::canvas::focus_sentence;

use super::camera::Camera;
use super::engine::{Engine, Out};
use super::gestures::{Hint, Pointer, Wheel};
use super::scheduler::{with_engine, Shared};
use super::spatial::{self, Direction};
use super::style::size;
use super::surface::Surface;

/// Zoom factor of the buttons and the +/- keys.
pub(crate) const ZOOM_STEP: f64 = 1.5;

/// A press in progress (one or two pointers).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Press {
    pub(crate) start: (f64, f64),
    pub(crate) last: (f64, f64),
    /// Moved beyond the tap slop, or became a pinch: not a click.
    pub(crate) moved: bool,
    /// The kind of the first pointer.
    pub(crate) pointer: Pointer,
}

impl<S: Surface> Engine<S> {
    pub(crate) fn set_cursor(&mut self) {
        let c = if self.press.is_some_and(|p| p.moved) {
            "grabbing"
        } else if self.hovered.is_some() {
            "pointer"
        } else {
            "grab"
        };
        if c != self.cursor {
            self.cursor = c;
            self.surface.set_style_property("cursor", c);
        }
    }

    pub(crate) fn pointer_down(&mut self, id: i32, x: f64, y: f64, pointer: Pointer) {
        self.gestures.press(pointer);
        self.show_gestures();
        self.pointers.retain(|p| p.0 != id);
        if self.pointers.len() >= 2 {
            return;
        }
        self.pointers.push((id, x, y));
        match self.press {
            Some(ref mut p) if self.pointers.len() == 2 => p.moved = true,
            _ => {
                self.press = Some(Press {
                    start: (x, y),
                    last: (x, y),
                    moved: false,
                    pointer,
                })
            }
        }
        self.flight = None;
    }

    /// Puts `gestures` on the canvas (`touch-action` through the CSSOM,
    /// `data-gestures`) when it changed.
    pub(crate) fn show_gestures(&mut self) {
        if self.gestures_shown == Some(self.gestures) {
            return;
        }
        if self.surface.attached() {
            self.surface
                .set_style_property("touch-action", self.gestures.touch_action());
            self.surface
                .set_attribute("data-gestures", self.gestures.name());
            self.gestures_shown = Some(self.gestures);
        }
    }

    pub(crate) fn pointer_move(&mut self, id: i32, x: f64, y: f64, hover: bool) {
        let Some(idx) = self.pointers.iter().position(|p| p.0 == id) else {
            if hover && self.press.is_none() {
                let h = self.hit(x, y);
                if h != self.hovered {
                    self.hovered = h;
                    self.dirty = true;
                }
                self.set_cursor();
            }
            return;
        };
        let old: Vec<(f64, f64)> = self.pointers.iter().map(|p| (p.1, p.2)).collect();
        if let Some(p) = self.pointers.get_mut(idx) {
            p.1 = x;
            p.2 = y;
        }
        let vp = self.viewport();
        if let (Some(&(ax, ay)), Some(&(bx, by)), [(_, nax, nay), (_, nbx, nby)]) =
            (old.first(), old.get(1), self.pointers.as_slice())
        {
            // Pinch: pan by the midpoint's move, zoom by the distance ratio.
            let (m0x, m0y) = ((ax + bx) / 2.0, (ay + by) / 2.0);
            let (m1x, m1y) = ((nax + nbx) / 2.0, (nay + nby) / 2.0);
            let d0 = ((ax - bx).powi(2) + (ay - by).powi(2)).sqrt();
            let d1 = ((nax - nbx).powi(2) + (nay - nby).powi(2)).sqrt();
            let range = self.zoom_range();
            let mut cam = self.camera.pan_by(m1x - m0x, m1y - m0y);
            if d0 > 1.0 && d1 > 1.0 {
                cam = cam.zoom_at(vp, m1x, m1y, d1 / d0, range);
            }
            self.camera = cam;
            self.user_moved = true;
            self.dirty = true;
            return;
        }
        let Some(mut press) = self.press else { return };
        let (dx, dy) = (x - press.start.0, y - press.start.1);
        if !press.moved && (dx * dx + dy * dy).sqrt() > size::TAP_SLOP {
            press.moved = true;
            if self.hovered.take().is_some() {
                self.dirty = true;
            }
        }
        if press.moved
            && self
                .gestures
                .drag_moves_map(self.pointers.len(), press.pointer)
        {
            self.camera = self.camera.pan_by(x - press.last.0, y - press.last.1);
            self.user_moved = true;
            self.dirty = true;
        }
        press.last = (x, y);
        self.press = Some(press);
        self.set_cursor();
    }

    pub(crate) fn pointer_up(&mut self, id: i32, x: f64, y: f64, cancelled: bool) -> Vec<Out> {
        let mut out = Vec::new();
        let was = self.pointers.len();
        self.pointers.retain(|p| p.0 != id);
        if was == self.pointers.len() {
            return out;
        }
        if self.pointers.is_empty() {
            if let Some(p) = self.press.take() {
                if !p.moved && !cancelled {
                    let hit = self.hit(x, y);
                    out.push(Out::Select(hit));
                }
            }
        } else if let (Some(p), Some(&(_, ox, oy))) = (&mut self.press, self.pointers.first()) {
            // One finger left after a pinch: keep panning from where it is.
            p.last = (ox, oy);
            p.moved = true;
        }
        self.set_cursor();
        out
    }

    pub(crate) fn pointer_leave(&mut self) {
        if self.hovered.take().is_some() {
            self.dirty = true;
        }
        self.gestures.leave();
        self.show_gestures();
        self.set_cursor();
    }

    pub(crate) fn wheel(&mut self, x: f64, y: f64, delta_px: f64, pinch: bool) {
        // A trackpad pinch arrives as Ctrl + wheel with small deltas; a
        // mouse notch with Ctrl held has large ones and zooms like a wheel.
        let k = if pinch && delta_px.abs() < 50.0 {
            0.01
        } else {
            0.0015
        };
        let factor = (-delta_px * k).exp().clamp(0.5, 2.0);
        let range = self.zoom_range();
        let vp = self.viewport();
        self.flight = None;
        self.camera = self.camera.zoom_at(vp, x, y, factor, range);
        self.user_moved = true;
        self.dirty = true;
    }

    /// A wheel turn at `(x, y)` of `delta_px` pixels, with Ctrl / ⌘ held
    /// or not: zooms the map, unless embed mode leaves a plain wheel to the
    /// host page (then returns [`Wheel::Page`] and changes nothing).
    pub(crate) fn wheel_event(
        &mut self,
        x: f64,
        y: f64,
        delta_px: f64,
        ctrl: bool,
        meta: bool,
    ) -> Wheel {
        let decision = self.gestures.wheel(ctrl, meta);
        if decision == Wheel::Zoom {
            self.wheel(x, y, delta_px, ctrl);
        }
        decision
    }

    pub(crate) fn zoom_by(&mut self, factor: f64, now: f64) {
        let vp = self.viewport();
        let (cx, cy) = vp.centre();
        let base = self.flight.map(|f| f.to).unwrap_or(self.camera);
        let to = base.zoom_at(vp, cx, cy, factor, self.zoom_range());
        self.user_moved = true;
        self.fly_to(to, now);
    }

    pub(crate) fn fit(&mut self, now: f64) {
        let to = self.fit_camera();
        self.user_moved = false;
        self.centred = None;
        self.fly_to(to, now);
    }

    /// A key pressed on the canvas. Returns whether it was used, and the
    /// actor that newly got the keyboard focus.
    pub(crate) fn key(&mut self, key: &str, now: f64, out: &mut Vec<Out>) -> (bool, Option<usize>) {
        let dir = match key {
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            _ => None,
        };
        if let Some(dir) = dir {
            let current = self.focused.filter(|&f| self.is_visible(f));
            let next = match current {
                Some(f) => {
                    spatial::nearest_in_direction(&self.positions, f, dir, |i| self.is_visible(i))
                }
                None => self.selected.filter(|&s| self.is_visible(s)).or_else(|| {
                    let vp = self.viewport();
                    let (cx, cy) = vp.centre();
                    let (wx, wy) = self.camera.to_world(vp, cx, cy);
                    spatial::nearest(&self.positions, wx, wy, |i| self.is_visible(i))
                }),
            };
            let Some(next) = next else {
                return (true, None);
            };
            self.focused = Some(next);
            self.dirty = true;
            if let Some(p) = self.positions.get(next).copied() {
                if !self.camera.shows(self.viewport(), p.x, p.y, 48.0) {
                    let to = Camera {
                        x: p.x,
                        y: p.y,
                        zoom: self.camera.zoom,
                    };
                    self.user_moved = true;
                    self.fly_to(to, now);
                }
            }
            return (true, Some(next));
        }
        match key {
            "Enter" | " " => {
                if let Some(f) = self.focused.filter(|&f| self.is_visible(f)) {
                    out.push(Out::Select(Some(f)));
                    return (true, None);
                }
                (false, None)
            }
            "Escape" => {
                if self.selected.is_some() {
                    out.push(Out::Select(None));
                    return (true, None);
                }
                (false, None)
            }
            "+" | "=" => {
                self.zoom_by(ZOOM_STEP, now);
                (true, None)
            }
            "-" | "_" => {
                self.zoom_by(1.0 / ZOOM_STEP, now);
                (true, None)
            }
            "0" => {
                self.fit(now);
                (true, None)
            }
            _ => (false, None),
        }
    }
}

/// The pointer's position relative to the canvas, in CSS pixels.
///
/// Measured against the canvas itself: Yew delegates events, so an event's
/// `currentTarget` in a handler is the app's root, not the canvas.
pub(crate) fn local(e: &PointerEvent, canvas: &NodeRef) -> Option<(f64, f64)> {
    let target: HtmlElement = canvas.cast()?;
    let r = target.get_bounding_client_rect();
    Some((
        f64::from(e.client_x()) - r.left(),
        f64::from(e.client_y()) - r.top(),
    ))
}

/// The canvas's keydown handler: arrows move the keyboard focus (and the
/// live region announces the focused actor), Enter selects, Escape clears,
/// + / − / 0 zoom (see [`Engine::key`]).
pub(crate) fn key_handler(
    engine: Shared,
    announce: UseStateHandle<String>,
    lang: Lang,
) -> Callback<KeyboardEvent> {
    Callback::from(move |ev: KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let key = ev.key();
        let mut said = None;
        let mut used = false;
        with_engine(&engine, |e, now| {
            let mut out = Vec::new();
            let (u, focused) = e.key(&key, now, &mut out);
            used = u;
            if let (Some(a), Some(ds)) = (focused, &e.dataset) {
                let sel = e.selected == Some(a);
                said = e
                    .graph
                    .as_ref()
                    .map(|g| announcement(ds, g, &e.visible, a, sel, lang));
            }
            out
        });
        if used {
            ev.prevent_default();
        }
        if let Some(s) = said {
            announce.set(s);
        }
    })
}

/// The canvas's wheel listener: zooms at the pointer, or (embed mode, no
/// Ctrl / ⌘) leaves the wheel to the page and shows the hint.
pub(crate) fn wheel_listener(
    canvas: &HtmlCanvasElement,
    engine: Shared,
    show_hint: impl Fn(Hint) + 'static,
) -> EventListener {
    EventListener::new_with_options(
        canvas,
        "wheel",
        EventListenerOptions::enable_prevent_default(),
        move |ev| {
            let Some(ev) = ev.dyn_ref::<WheelEvent>() else {
                return;
            };
            let Some(target) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<HtmlElement>().ok())
            else {
                return;
            };
            let r = target.get_bounding_client_rect();
            let (x, y) = (
                f64::from(ev.client_x()) - r.left(),
                f64::from(ev.client_y()) - r.top(),
            );
            let unit = match ev.delta_mode() {
                1 => 16.0,
                2 => r.height().max(1.0),
                _ => 1.0,
            };
            let dy = ev.delta_y() * unit;
            let (ctrl, meta) = (ev.ctrl_key(), ev.meta_key());
            let mut decision = Wheel::Zoom;
            with_engine(&engine, |e, _| {
                decision = e.wheel_event(x, y, dy, ctrl, meta);
                Vec::new()
            });
            if decision == Wheel::Page {
                // Not cancelled: the host page scrolls.
                show_hint(Hint::Wheel);
            } else {
                ev.prevent_default();
            }
        },
    )
}

/// The canvas's touch-move listener: cancelled for a pinch (so the browser
/// does not scroll and the pointer events keep coming); left to the page
/// for one finger in embed mode, with the hint.
pub(crate) fn touch_listener(
    canvas: &HtmlCanvasElement,
    engine: Shared,
    show_hint: impl Fn(Hint) + 'static,
) -> EventListener {
    EventListener::new_with_options(
        canvas,
        "touchmove",
        EventListenerOptions::enable_prevent_default(),
        move |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::TouchEvent>() else {
                return;
            };
            let cancel = engine
                .try_borrow()
                .map(|e| e.gestures.cancel_touch_move(ev.touches().length()))
                .unwrap_or(true);
            if cancel {
                if ev.cancelable() {
                    ev.prevent_default();
                }
            } else {
                show_hint(Hint::Touch);
            }
        },
    )
}

/// How long a gesture hint stays (ms) after the last ignored gesture.
const HINT_MS: u32 = 1500;

/// The gesture hint overlay (embed mode).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct HintState {
    pub(crate) kind: Hint,
    pub(crate) shown: bool,
    /// Say ⌘ rather than Ctrl.
    pub(crate) mac: bool,
}

/// Shows `kind` and (re)starts the timer that hides it; re-renders only when
/// what is shown changes, not on every wheel tick.
pub(crate) fn show_hint(
    hint: &UseStateHandle<HintState>,
    timer: &Rc<RefCell<Option<Timeout>>>,
    kind: Hint,
    mac: bool,
) {
    let next = HintState {
        kind,
        shown: true,
        mac,
    };
    if **hint != next {
        hint.set(next);
    }
    let h = hint.clone();
    let hide = Timeout::new(HINT_MS, move || {
        h.set(HintState {
            shown: false,
            ..next
        })
    });
    if let Ok(mut t) = timer.try_borrow_mut() {
        // Dropping the previous timeout cancels it.
        *t = Some(hide);
    }
}

/// What the live region says when an actor gets the keyboard focus:
/// "Name (Type) : 3 liens" / "Name (Type): 3 links" (its visible links).
pub(crate) fn announcement(
    ds: &Dataset,
    graph: &Graph,
    visible: &Visible,
    a: usize,
    selected: bool,
    lang: Lang,
) -> String {
    let Some(actor) = ds.actors.get(a) else {
        return String::new();
    };
    let lang_code = match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let type_label = ds.taxonomy.type_label(actor.actor_type(), lang_code);
    let n = graph
        .incident(a)
        .iter()
        .filter(|(_, l)| visible.links.get(*l).copied().unwrap_or(false))
        .count();
    focus_sentence(lang, actor.name(), type_label, n, selected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::scene::tests::{graph_of, small};

    #[test]
    fn the_focused_actor_is_announced_with_its_type_and_visible_links() {
        let ds = small();
        let g = graph_of(&ds);
        let vis = Visible {
            actors: vec![true; 4],
            links: vec![true, true, false, true],
            ..Visible::default()
        };
        assert_eq!(
            announcement(&ds, &g, &vis, 2, false, Lang::Fr),
            "Gamma (agency) : 1 lien"
        );
        assert_eq!(
            announcement(&ds, &g, &vis, 0, true, Lang::En),
            "Alpha (association): 3 links, selected"
        );
        assert_eq!(announcement(&ds, &g, &vis, 9, false, Lang::En), "");
    }
}
