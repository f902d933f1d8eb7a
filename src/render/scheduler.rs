//! The frame scheduler: `requestAnimationFrame` plumbing (a frame is
//! requested only while something changes), the layout's slices and the
//! frame budget that decides when a layout in progress is drawn, and the
//! quick frames of a map slow to draw while only its camera moves (its last
//! complete drawing moved and scaled, drawn again once the camera rests).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::engine::{Engine, Out, Running};
use super::style;
use super::surface::{SnapshotDraw, Surface};
use crate::model::network::layout::positions_hash;

/// Milliseconds of layout work in an animation frame that also draws.
const LAYOUT_BUDGET_MS: f64 = 8.0;
/// Milliseconds of layout work in a frame that does not draw: with the
/// frame's other work (~5 ms) it ends within two screen refreshes (33 ms),
/// and the page handles input between two such frames.
const BUSY_LAYOUT_MS: f64 = 22.0;
/// While the layout runs, its positions are drawn only once the time since
/// the last drawing is this many times what that drawing took: drawing a
/// big graph (tens of thousands of links) must not take most of the time
/// the layout needs, and its slow frames must stay rare. Under one in
/// twenty keeps 95 % of the frames short; twenty times leaves room for the
/// last frame, which draws the settled positions whatever the share: a
/// layout of a second or two has only some fifty frames.
const LAYOUT_DRAW_SHARE: f64 = 20.0;
/// A graph drawn in at most this long (ms) is drawn on every frame while
/// it lays out.
const QUICK_LAYOUT_DRAW_MS: f64 = 10.0;
/// A frame that drew and was followed by a gap (less its layout work) over
/// this long had a slow paint: the gap is its drawing cost.
const SLOW_PAINT_MS: f64 = 50.0;
/// The most a frame's drawing is assumed to cost (a throttled background
/// tab makes the gap between frames meaningless).
const MAX_DRAW_COST_MS: f64 = 2_000.0;
/// A map whose complete drawing costs at least this (ms, painting
/// included) is not drawn completely while only the camera moves: its last
/// complete drawing is shown moved and scaled instead, and drawn again
/// completely once the camera rests for [`REST_MS`].
pub(crate) const QUICK_DRAW_MS: f64 = 50.0;
/// How long the camera must rest before the complete drawing (ms).
pub(crate) const REST_MS: f64 = 150.0;
/// Layout work units per `Layout::advance` call between two looks at the
/// clock (a few hundred actors: well under a millisecond).
const LAYOUT_SLICE: usize = 256;

impl<S: Surface> Engine<S> {
    /// One animation frame at `now_ms`: a slice of the layout (within the
    /// frame budget), the camera flight, and a drawing if anything changed.
    /// Returns the callbacks to emit.
    pub(crate) fn frame(&mut self, now_ms: f64) -> Vec<Out> {
        let mut out = Vec::new();
        if !self.alive {
            return out;
        }
        let t0 = self.surface.now();
        if let Some((start, layout_ms, drew)) = self.prev_frame.take() {
            if drew {
                // A gap of a few frames includes the wait for the next
                // screen refresh: only a long one says painting is slow.
                let spent = t0 - start - layout_ms;
                self.draw_cost = if spent > SLOW_PAINT_MS {
                    spent
                } else {
                    self.last_frame_ms
                }
                .clamp(0.0, MAX_DRAW_COST_MS);
            }
        }
        let mut layout_ms = 0.0;
        // A worker that failed: lay out here, from the start.
        if let Some(Running::Away { away, .. }) = &self.layout {
            if away.failed() {
                if let Some(Running::Away { here, .. }) = self.layout.take() {
                    self.layout = Some(Running::Here(here));
                }
            }
        }
        if let Some(run) = &mut self.layout {
            if !self.layout_started {
                self.layout_started = true;
                out.push(Out::LayoutStarted);
            }
            let draw = self.draw_cost <= QUICK_LAYOUT_DRAW_MS
                || t0 - self.layout_drawn_at >= LAYOUT_DRAW_SHARE * self.draw_cost;
            let show = draw && !self.quiet_layout;
            let (settled, fresh) = match run {
                Running::Here(layout) => {
                    let budget = if show {
                        LAYOUT_BUDGET_MS
                    } else {
                        BUSY_LAYOUT_MS
                    };
                    // Time only spreads the work: the iterations run are the
                    // same whatever the frame rate, and a slice may end inside
                    // an iteration (one of 50,000 actors takes longer than a
                    // frame).
                    let mut settled = false;
                    loop {
                        if layout.advance(LAYOUT_SLICE) {
                            settled = true;
                            break;
                        }
                        if self.surface.now() - t0 >= budget {
                            break;
                        }
                    }
                    layout_ms = self.surface.now() - t0;
                    if settled || show {
                        self.positions.clone_from(&layout.positions);
                    }
                    (settled, settled || show)
                }
                // The worker's newest positions, when they may be shown.
                Running::Away { away, .. } => {
                    let settled = away.settled();
                    let fresh = if settled || show {
                        away.take().map(|p| self.positions = p).is_some()
                    } else {
                        false
                    };
                    (settled, fresh)
                }
            };
            if fresh {
                self.layout_drawn_at = t0;
                self.grid_dirty = true;
                if !self.user_moved {
                    self.camera = self.aim_camera();
                }
                self.dirty = true;
            }
            if settled {
                self.layout = None;
            }
        }
        if self.layout.is_none() {
            if let Some(a) = self.pending_centre.take() {
                self.centre_on(a, now_ms);
            }
        }
        if let Some(f) = self.flight {
            let (cam, done) = f.at(now_ms);
            self.camera = cam;
            if done {
                self.flight = None;
            }
            self.dirty = true;
        }
        let rested = self.full_due.is_some_and(|t| now_ms >= t);
        if rested {
            self.full_due = None;
            self.dirty = true;
        }
        let mut complete = false;
        if self.dirty {
            let d0 = self.surface.now();
            if rested || !self.quick_frame(now_ms) {
                self.render();
                complete = true;
                self.full_due = None;
                // The copy itself waits for the first quick frame: made
                // now, it would wait for the canvas to be painted.
                self.snapshot = (self.draw_cost >= QUICK_DRAW_MS && self.layout.is_none())
                    .then(|| (self.look(), self.camera, false));
            }
            self.dirty = false;
            let ms = self.surface.now() - d0;
            self.last_frame_ms = ms;
            if self.ready_sent {
                self.max_frame_ms = self.max_frame_ms.max(ms);
            }
            if self.surface.attached() {
                let max = format!("{:.2}", self.max_frame_ms);
                self.surface
                    .set_attribute("data-frame-ms", &format!("{ms:.2}"));
                self.surface.set_attribute("data-max-frame-ms", &max);
                // The camera's scale, for tests and host pages that check
                // whether a gesture zoomed the map.
                let zoom = format!("{:.4}", self.camera.zoom);
                self.surface.set_attribute("data-zoom", &zoom);
                self.show_framing();
            }
            if self.measured_pending && self.surface.attached() {
                self.measured_pending = false;
                out.push(Out::Measured);
            }
            if self.layout.is_none() && !self.ready_sent && self.dataset.is_some() {
                self.ready_sent = true;
                if self.surface.attached() {
                    let hash = positions_hash(&self.positions);
                    self.surface
                        .set_attribute("data-layout-hash", &format!("{hash:#018x}"));
                }
                out.push(Out::Ready);
            }
        }
        self.prev_frame = Some((t0, layout_ms, complete));
        out
    }

    /// Shows the last complete drawing moved and scaled to the camera, when
    /// nothing but the camera changed since and the map is slow to draw;
    /// the complete drawing is then due once the camera rests.
    fn quick_frame(&mut self, now_ms: f64) -> bool {
        let Some((look, snap, copied)) = self.snapshot else {
            return false;
        };
        if self.draw_cost < QUICK_DRAW_MS || look != self.look() {
            return false;
        }
        if !copied {
            // The canvas still shows the complete drawing.
            self.surface.keep_snapshot();
            self.snapshot = Some((look, snap, true));
        }
        let (vp, cam) = (self.viewport(), self.camera);
        let scale = cam.zoom / snap.zoom;
        if !scale.is_finite() || scale <= 0.0 {
            return false;
        }
        let shown = self.surface.draw_snapshot(SnapshotDraw {
            dpr: self.dpr,
            background: style::palette(self.dark).background,
            width: vp.width,
            height: vp.height,
            x: vp.width / 2.0 * (1.0 - scale) + (snap.x - cam.x) * cam.zoom,
            y: vp.height / 2.0 * (1.0 - scale) + (snap.y - cam.y) * cam.zoom,
            scale,
        });
        if shown {
            self.full_due = Some(now_ms + REST_MS);
        }
        shown
    }
}

pub(crate) type Shared = Rc<RefCell<Engine>>;

/// Requests an animation frame if the engine wants one and none is pending.
pub(crate) fn schedule(rc: &Shared) {
    let Ok(mut e) = rc.try_borrow_mut() else {
        return;
    };
    if e.raf_pending || !e.alive || !e.wants_frame() {
        return;
    }
    let Some(win) = web_sys::window() else { return };
    let rc2 = rc.clone();
    let cb = Closure::once_into_js(move |_t: f64| on_frame(&rc2));
    if win.request_animation_frame(cb.unchecked_ref()).is_ok() {
        e.raf_pending = true;
    }
}

pub(crate) fn on_frame(rc: &Shared) {
    let out = {
        let Ok(mut e) = rc.try_borrow_mut() else {
            return;
        };
        e.raf_pending = false;
        let t = e.surface.now();
        e.frame(t)
    };
    schedule(rc);
    emit(rc, out);
}

/// Emits callbacks once the engine is released.
pub(crate) fn emit(rc: &Shared, out: Vec<Out>) {
    if out.is_empty() {
        return;
    }
    let Ok(e) = rc.try_borrow() else { return };
    let (sel, ready) = (e.on_select.clone(), e.on_ready.clone());
    drop(e);
    for o in out {
        match o {
            Out::Select(s) => sel.emit(s),
            Out::Ready => ready.emit(()),
            Out::Measured => mark("civicmap:measures"),
            Out::LayoutStarted => mark("civicmap:layout"),
        }
    }
}

fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Runs `f` on the engine, then schedules a frame and emits callbacks.
pub(crate) fn with_engine(rc: &Shared, f: impl FnOnce(&mut Engine, f64) -> Vec<Out>) {
    let out = {
        let Ok(mut e) = rc.try_borrow_mut() else {
            return;
        };
        let t = e.surface.now();
        f(&mut e, t)
    };
    schedule(rc);
    emit(rc, out);
}
