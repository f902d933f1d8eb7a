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

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, KeyboardEvent, PointerEvent,
    WheelEvent,
};
use yew::prelude::*;

use crate::model::format::dataset::{Dataset, Position};
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;
use crate::model::network::layout::Layout;
use crate::model::view::state::Lang;

use super::camera::{Bounds, Camera, Flight, Viewport, ZoomRange};
use super::css;
use super::draw::{self, screen_radius, Frame};
use super::gestures::{Gestures, Hint, Pointer, Wheel};
use super::labels::{label_box, Candidate, Placer, Rect};
use super::scene::{neighbourhood, Scene};
use super::spatial::{self, Direction, Grid};
use super::style::{self, size};

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

/// Milliseconds of layout work in an animation frame that also draws.
const LAYOUT_BUDGET_MS: f64 = 8.0;
/// Milliseconds of layout work in a frame that does not draw (the page
/// still handles input between two such frames).
const BUSY_LAYOUT_MS: f64 = 40.0;
/// While the layout runs, its positions are drawn only once the time since
/// the last drawing is this many times what that drawing took: drawing a
/// big graph (tens of thousands of links) must not take most of the time
/// the layout needs. A small graph is still drawn on every frame.
const LAYOUT_DRAW_SHARE: f64 = 4.0;
/// A frame that drew and was followed by a gap (less its layout work) over
/// this long had a slow paint: the gap is its drawing cost.
const SLOW_PAINT_MS: f64 = 50.0;
/// The most a frame's drawing is assumed to cost (a throttled background
/// tab makes the gap between frames meaningless).
const MAX_DRAW_COST_MS: f64 = 2_000.0;
/// Layout work units per `Layout::advance` call between two looks at the
/// clock (a few hundred actors: well under a millisecond).
const LAYOUT_SLICE: usize = 256;
/// Under reduced motion, a layout of at most this many work units is
/// computed at once (well under 100 ms); a bigger one is spread over frames
/// like any other, but shown only once settled.
const SYNC_LAYOUT_WORK: u64 = 2_000_000;
/// Duration of animated camera moves.
const FLIGHT_MS: f64 = 300.0;
/// Zoom factor of the buttons and the +/- keys.
const ZOOM_STEP: f64 = 1.5;

enum Out {
    Select(Option<usize>),
    Ready,
}

/// A press in progress (one or two pointers).
#[derive(Debug, Clone, Copy)]
struct Press {
    start: (f64, f64),
    last: (f64, f64),
    /// Moved beyond the tap slop, or became a pinch: not a click.
    moved: bool,
    /// The kind of the first pointer.
    pointer: Pointer,
}

/// Per-canvas state that changes from frame to frame.
#[derive(Default)]
pub struct Engine {
    alive: bool,
    canvas: Option<HtmlCanvasElement>,
    ctx: Option<CanvasRenderingContext2d>,
    vp: Option<Viewport>,
    dpr: f64,

    dataset: Option<Rc<Dataset>>,
    graph: Option<Rc<Graph>>,
    scene: Scene,
    positions: Vec<Position>,
    layout: Option<Layout>,
    /// Show the layout only once settled (reduced motion, big graph).
    quiet_layout: bool,
    /// When the layout's positions were last drawn (ms, `performance.now`).
    layout_drawn_at: f64,
    /// What drawing a frame really costs, painting included (ms): the time
    /// from a frame that drew to the next one, less its layout work, when
    /// that is long (else the draw calls' own time). The browser rasterizes
    /// the canvas after our draw calls return, so the calls' own time
    /// (`last_frame_ms`) can be a tenth of a big graph's real cost.
    draw_cost: f64,
    /// The last frame: when it started, its layout time, whether it drew.
    prev_frame: Option<(f64, f64, bool)>,
    grid: Grid,
    grid_dirty: bool,

    visible: Rc<Visible>,
    selected: Option<usize>,
    highlighted: Rc<Vec<usize>>,
    dark: bool,
    year_active: bool,
    reduced_motion: bool,
    on_select: Callback<Option<usize>>,
    on_ready: Callback<()>,

    camera: Camera,
    flight: Option<Flight>,
    /// The visitor moved the camera: stop fitting automatically.
    user_moved: bool,
    /// Centre this actor once the layout has settled.
    pending_centre: Option<usize>,

    hovered: Option<usize>,
    focused: Option<usize>,
    has_focus: bool,
    pointers: Vec<(i32, f64, f64)>,
    press: Option<Press>,
    cursor: &'static str,
    /// Which gestures are the map's (embed mode leaves some to the page).
    gestures: Gestures,
    /// What the canvas last said about `gestures` (`touch-action`,
    /// `data-gestures`), to touch the DOM only on a change.
    gestures_shown: Option<Gestures>,

    emphasis: Vec<bool>,
    emphasis_for: Option<Option<usize>>,
    placer: Placer,
    labels: Vec<Candidate>,
    forced: Vec<usize>,
    label_w: Vec<f64>,
    dashes: Vec<JsValue>,
    solid: JsValue,
    focus_dash: JsValue,

    dirty: bool,
    raf_pending: bool,
    ready_sent: bool,
    /// Duration of the last drawn frame and the longest since the layout
    /// settled (ms), exposed on the canvas as `data-frame-ms` /
    /// `data-max-frame-ms` for measurements.
    last_frame_ms: f64,
    max_frame_ms: f64,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn js_numbers(v: &[f64]) -> JsValue {
    let a = js_sys::Array::new();
    for x in v {
        a.push(&JsValue::from_f64(*x));
    }
    a.into()
}

impl Engine {
    fn is_visible(&self, a: usize) -> bool {
        self.visible.actors.get(a).copied().unwrap_or(false)
    }

    fn viewport(&self) -> Viewport {
        self.vp.unwrap_or(Viewport {
            width: 0.0,
            height: 0.0,
        })
    }

    fn wants_frame(&self) -> bool {
        self.dirty || self.layout.is_some() || self.flight.is_some()
    }

    /// A new dataset: scene, positions (file positions, else the layout),
    /// camera fitted, readiness re-armed.
    fn load(&mut self, p: &MapCanvasProps) {
        self.dataset = Some(p.dataset.clone());
        self.graph = Some(p.graph.clone());
        self.scene = Scene::new(&p.dataset, &p.graph);
        let all_placed = p.dataset.actors.iter().all(|a| a.position.is_some());
        if all_placed {
            self.positions = p
                .dataset
                .actors
                .iter()
                .map(|a| a.position.unwrap_or(Position { x: 0.0, y: 0.0 }))
                .collect();
            self.layout = None;
        } else {
            let mut layout = Layout::new(&p.dataset, &p.graph);
            self.quiet_layout = p.reduced_motion;
            if p.reduced_motion && layout.work_left() <= SYNC_LAYOUT_WORK {
                while !layout.step(64) {}
                self.positions = layout.positions;
                self.layout = None;
            } else {
                self.positions = layout.positions.clone();
                self.layout = Some(layout);
            }
        }
        self.grid_dirty = true;
        self.dashes = self
            .scene
            .kinds
            .iter()
            .map(|k| js_numbers(k.dash))
            .collect();
        self.solid = js_numbers(&[]);
        self.focus_dash = js_numbers(&[4.0, 3.0]);
        self.measure_labels();
        self.user_moved = false;
        self.flight = None;
        self.hovered = None;
        self.focused = None;
        self.press = None;
        self.pointers.clear();
        self.emphasis_for = None;
        self.ready_sent = false;
        self.max_frame_ms = 0.0;
        self.selected = p.selected;
        self.pending_centre = p.selected;
        self.camera = self.fit_camera();
        self.dirty = true;
    }

    fn measure_labels(&mut self) {
        self.label_w.clear();
        match &self.ctx {
            Some(ctx) => {
                ctx.set_font(style::LABEL_FONT);
                for name in &self.scene.names {
                    let w = ctx.measure_text(name).map(|m| m.width()).unwrap_or(0.0);
                    self.label_w.push(w);
                }
            }
            None => {
                // Rough width: 0.6 em per character.
                for name in &self.scene.names {
                    self.label_w
                        .push(name.chars().count() as f64 * size::FONT * 0.6);
                }
            }
        }
    }

    /// Copies the props in; reacts to what changed.
    fn sync(&mut self, p: &MapCanvasProps, now: f64) -> Vec<Out> {
        self.on_select = p.on_select.clone();
        self.on_ready = p.on_ready.clone();
        self.reduced_motion = p.reduced_motion;
        self.gestures.set_cooperative(p.cooperative);
        self.show_gestures();
        let same_data = self
            .dataset
            .as_ref()
            .is_some_and(|d| Rc::ptr_eq(d, &p.dataset))
            && self.graph.as_ref().is_some_and(|g| Rc::ptr_eq(g, &p.graph));
        if !Rc::ptr_eq(&self.visible, &p.visible) && *self.visible != *p.visible {
            self.visible = p.visible.clone();
            self.emphasis_for = None;
            if self.hovered.is_some_and(|h| !self.is_visible(h)) {
                self.hovered = None;
            }
            if self.focused.is_some_and(|h| !self.is_visible(h)) {
                self.focused = None;
            }
            // Until the visitor moves the camera, it keeps showing all that
            // is visible.
            if !self.user_moved && self.layout.is_none() && same_data {
                let to = self.fit_camera();
                self.fly_to(to, now);
            }
            self.dirty = true;
        } else {
            self.visible = p.visible.clone();
        }
        if !same_data {
            self.load(p);
        } else if self.selected != p.selected {
            self.selected = p.selected;
            self.emphasis_for = None;
            if let Some(s) = p.selected {
                if self.layout.is_some() {
                    self.pending_centre = Some(s);
                } else {
                    self.centre_on(s, now);
                }
            }
            self.dirty = true;
        }
        if *self.highlighted != *p.highlighted {
            self.highlighted = p.highlighted.clone();
            self.dirty = true;
        }
        if self.dark != p.dark || self.year_active != p.year_active {
            self.dark = p.dark;
            self.year_active = p.year_active;
            self.dirty = true;
        }
        Vec::new()
    }

    /// The canvas's box changed (CSS pixels) or the pixel ratio did.
    fn resize(&mut self, width: f64, height: f64, dpr: f64) {
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr.min(4.0)
        } else {
            1.0
        };
        let vp = Viewport {
            width: width.max(0.0),
            height: height.max(0.0),
        };
        if self.vp == Some(vp) && self.dpr == dpr {
            return;
        }
        let old = self.vp;
        self.vp = Some(vp);
        self.dpr = dpr;
        if let Some(c) = &self.canvas {
            c.set_width((vp.width * dpr).round().max(1.0) as u32);
            c.set_height((vp.height * dpr).round().max(1.0) as u32);
        }
        if !self.user_moved || old.is_none_or(|o| o.is_empty()) {
            self.flight = None;
            self.camera = self.fit_camera();
        }
        self.dirty = true;
    }

    /// The bounds of the visible actors (all actors if none is visible).
    fn bounds(&self, only_visible: bool) -> Option<Bounds> {
        let discs = |vis: bool| {
            self.positions
                .iter()
                .enumerate()
                .filter(move |(i, _)| !vis || self.is_visible(*i))
                .map(|(i, p)| (p.x, p.y, self.scene.radius_of(i) * 1.5))
        };
        if only_visible {
            Bounds::of_discs(discs(true)).or_else(|| Bounds::of_discs(discs(false)))
        } else {
            Bounds::of_discs(discs(false))
        }
    }

    fn fit_camera(&self) -> Camera {
        let vp = self.viewport();
        if vp.is_empty() {
            return self.camera;
        }
        match self.bounds(true) {
            Some(b) => Camera::fit(b, vp, size::FIT_PADDING),
            None => Camera::default(),
        }
    }

    fn zoom_range(&self) -> ZoomRange {
        let vp = self.viewport();
        let fit = match self.bounds(false) {
            Some(b) if !vp.is_empty() => Camera::fit(b, vp, size::FIT_PADDING).zoom,
            _ => self.camera.zoom,
        };
        ZoomRange::around(fit)
    }

    fn fly_to(&mut self, to: Camera, now: f64) {
        if self.reduced_motion {
            self.flight = None;
            self.camera = to;
        } else {
            self.flight = Some(Flight {
                from: self.camera,
                to,
                start: now,
                duration: FLIGHT_MS,
            });
        }
        self.dirty = true;
    }

    /// Centres actor `a`, zooming in if it would be drawn tiny.
    fn centre_on(&mut self, a: usize, now: f64) {
        let Some(p) = self.positions.get(a).copied() else {
            return;
        };
        let range = self.zoom_range();
        let r = self.scene.radius_of(a).max(1e-9);
        let zoom = range.clamp(self.camera.zoom.max(8.0 / r));
        self.user_moved = true;
        self.fly_to(
            Camera {
                x: p.x,
                y: p.y,
                zoom,
            },
            now,
        );
    }

    fn frame(&mut self, now_ms: f64) -> Vec<Out> {
        let mut out = Vec::new();
        if !self.alive {
            return out;
        }
        let t0 = now();
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
        if let Some(layout) = &mut self.layout {
            let mut settled = false;
            let draw = t0 - self.layout_drawn_at >= LAYOUT_DRAW_SHARE * self.draw_cost;
            let budget = if draw && !self.quiet_layout {
                LAYOUT_BUDGET_MS
            } else {
                BUSY_LAYOUT_MS
            };
            // Time only spreads the work: the iterations run are the same
            // whatever the frame rate, and a slice may end inside an
            // iteration (one of 50,000 actors takes longer than a frame).
            loop {
                if layout.advance(LAYOUT_SLICE) {
                    settled = true;
                    break;
                }
                if now() - t0 >= budget {
                    break;
                }
            }
            layout_ms = now() - t0;
            if settled || (draw && !self.quiet_layout) {
                self.positions.clone_from(&layout.positions);
                self.layout_drawn_at = t0;
                self.grid_dirty = true;
                if !self.user_moved {
                    self.camera = self.fit_camera();
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
        self.prev_frame = Some((t0, layout_ms, self.dirty));
        if self.dirty {
            let d0 = now();
            self.render();
            self.dirty = false;
            let ms = now() - d0;
            self.last_frame_ms = ms;
            if self.ready_sent {
                self.max_frame_ms = self.max_frame_ms.max(ms);
            }
            if let Some(c) = &self.canvas {
                let _ = c.set_attribute("data-frame-ms", &format!("{ms:.2}"));
                let _ = c.set_attribute("data-max-frame-ms", &format!("{:.2}", self.max_frame_ms));
                // The camera's scale, for tests and host pages that check
                // whether a gesture zoomed the map.
                let _ = c.set_attribute("data-zoom", &format!("{:.4}", self.camera.zoom));
            }
            if self.layout.is_none() && !self.ready_sent && self.dataset.is_some() {
                self.ready_sent = true;
                out.push(Out::Ready);
            }
        }
        out
    }

    /// The actor whose neighbourhood is emphasised: hovered, else selected.
    fn emphasis_actor(&self) -> Option<usize> {
        self.hovered
            .or(self.selected)
            .filter(|&a| self.is_visible(a))
    }

    fn render(&mut self) {
        if self.grid_dirty {
            self.grid = Grid::build(&self.positions, &self.scene.radius);
            self.grid_dirty = false;
        }
        let focus = self.emphasis_actor();
        if self.emphasis_for != Some(focus) {
            if let Some(a) = focus {
                neighbourhood(&self.scene, &self.visible.links, a, &mut self.emphasis);
            }
            self.emphasis_for = Some(focus);
        }
        self.place_labels(focus);
        let (Some(ctx), Some(vp)) = (&self.ctx, self.vp) else {
            return;
        };
        let frame = Frame {
            scene: &self.scene,
            positions: &self.positions,
            camera: self.camera,
            vp,
            dpr: self.dpr,
            palette: style::palette(self.dark),
            dark: self.dark,
            visible_actors: &self.visible.actors,
            visible_links: &self.visible.links,
            emphasis: focus.map(|a| (a, self.emphasis.as_slice())),
            selected: self.selected.filter(|&s| self.is_visible(s)),
            hovered: self.hovered,
            focused: self.focused.filter(|_| self.has_focus),
            highlighted: &self.highlighted,
            hollow_undated: self.year_active,
            labels: &self.labels,
            dashes: &self.dashes,
            solid: &self.solid,
            focus_dash: &self.focus_dash,
        };
        draw::draw(ctx, &frame);
    }

    fn place_labels(&mut self, focus: Option<usize>) {
        let vp = self.viewport();
        self.forced.clear();
        for a in [
            self.selected,
            self.hovered,
            self.focused.filter(|_| self.has_focus),
        ]
        .into_iter()
        .flatten()
        .chain(self.highlighted.iter().copied())
        {
            if self.is_visible(a) && !self.forced.contains(&a) {
                self.forced.push(a);
            }
        }
        let cam = self.camera;
        let scene = &self.scene;
        let positions = &self.positions;
        let visible = &self.visible.actors;
        let label_w = &self.label_w;
        let emphasis = focus.map(|_| self.emphasis.as_slice());
        let forced = &self.forced;
        // The label box and the node box of actor `a`.
        let boxes = |a: usize| -> Option<(Rect, Rect)> {
            let p = positions.get(a)?;
            let (sx, sy) = cam.to_screen(vp, p.x, p.y);
            let reach = screen_radius(scene, a, cam.zoom) * scene.extent_of(a);
            let w = label_w.get(a).copied().unwrap_or(0.0);
            let node = Rect {
                x: sx - reach,
                y: sy - reach,
                w: 2.0 * reach,
                h: 2.0 * reach,
            };
            Some((label_box(sx, sy, reach, w, vp.width), node))
        };
        let forced_c = forced.iter().filter_map(|&a| {
            boxes(a).map(|(rect, node)| Candidate {
                actor: a,
                rect,
                forced: true,
                node: Some(node),
            })
        });
        let others = scene.by_priority.iter().filter_map(|&a| {
            if !visible.get(a).copied().unwrap_or(false) || forced.contains(&a) {
                return None;
            }
            if emphasis.is_some_and(|e| !e.get(a).copied().unwrap_or(false)) {
                return None;
            }
            if scene.radius_of(a) * cam.zoom < size::LABEL_MIN_RADIUS {
                return None;
            }
            boxes(a).map(|(rect, node)| Candidate {
                actor: a,
                rect,
                forced: false,
                node: Some(node),
            })
        });
        self.placer.place(
            vp.width,
            vp.height,
            forced_c.chain(others),
            &mut self.labels,
        );
    }

    /// The visible actor under the screen point, if any.
    fn hit(&self, sx: f64, sy: f64) -> Option<usize> {
        let vp = self.viewport();
        let zoom = self.camera.zoom;
        let (wx, wy) = self.camera.to_world(vp, sx, sy);
        let max_hit = ((self.grid.max_radius() * zoom).max(size::MIN_NODE_RADIUS) * 1.5
            + size::HIT_SLOP)
            / zoom;
        let scene = &self.scene;
        self.grid.hit(
            &self.positions,
            wx,
            wy,
            max_hit,
            |i| {
                let ext = scene.extent_of(i).min(1.2);
                (screen_radius(scene, i, zoom) * ext + size::HIT_SLOP) / zoom
            },
            |i| self.is_visible(i),
        )
    }

    fn set_cursor(&mut self) {
        let c = if self.press.is_some_and(|p| p.moved) {
            "grabbing"
        } else if self.hovered.is_some() {
            "pointer"
        } else {
            "grab"
        };
        if c != self.cursor {
            self.cursor = c;
            if let Some(canvas) = &self.canvas {
                let _ = canvas.style().set_property("cursor", c);
            }
        }
    }

    fn pointer_down(&mut self, id: i32, x: f64, y: f64, pointer: Pointer) {
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
    fn show_gestures(&mut self) {
        if self.gestures_shown == Some(self.gestures) {
            return;
        }
        if let Some(c) = &self.canvas {
            let _ = c
                .style()
                .set_property("touch-action", self.gestures.touch_action());
            let _ = c.set_attribute("data-gestures", self.gestures.name());
            self.gestures_shown = Some(self.gestures);
        }
    }

    fn pointer_move(&mut self, id: i32, x: f64, y: f64, hover: bool) {
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

    fn pointer_up(&mut self, id: i32, x: f64, y: f64, cancelled: bool) -> Vec<Out> {
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

    fn pointer_leave(&mut self) {
        if self.hovered.take().is_some() {
            self.dirty = true;
        }
        self.gestures.leave();
        self.show_gestures();
        self.set_cursor();
    }

    fn wheel(&mut self, x: f64, y: f64, delta_px: f64, pinch: bool) {
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

    fn zoom_by(&mut self, factor: f64, now: f64) {
        let vp = self.viewport();
        let (cx, cy) = vp.centre();
        let base = self.flight.map(|f| f.to).unwrap_or(self.camera);
        let to = base.zoom_at(vp, cx, cy, factor, self.zoom_range());
        self.user_moved = true;
        self.fly_to(to, now);
    }

    fn fit(&mut self, now: f64) {
        let to = self.fit_camera();
        self.user_moved = false;
        self.fly_to(to, now);
    }

    /// A key pressed on the canvas. Returns whether it was used, and the
    /// actor that newly got the keyboard focus.
    fn key(&mut self, key: &str, now: f64, out: &mut Vec<Out>) -> (bool, Option<usize>) {
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

type Shared = Rc<RefCell<Engine>>;

/// Requests an animation frame if the engine wants one and none is pending.
fn schedule(rc: &Shared) {
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

fn on_frame(rc: &Shared) {
    let out = {
        let Ok(mut e) = rc.try_borrow_mut() else {
            return;
        };
        e.raf_pending = false;
        e.frame(now())
    };
    schedule(rc);
    emit(rc, out);
}

/// Emits callbacks once the engine is released.
fn emit(rc: &Shared, out: Vec<Out>) {
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
        }
    }
}

/// Runs `f` on the engine, then schedules a frame and emits callbacks.
fn with_engine(rc: &Shared, f: impl FnOnce(&mut Engine, f64) -> Vec<Out>) {
    let out = {
        let Ok(mut e) = rc.try_borrow_mut() else {
            return;
        };
        f(&mut e, now())
    };
    schedule(rc);
    emit(rc, out);
}

/// The pointer's position relative to the canvas, in CSS pixels.
///
/// Measured against the canvas itself: Yew delegates events, so an event's
/// `currentTarget` in a handler is the app's root, not the canvas.
fn local(e: &PointerEvent, canvas: &NodeRef) -> Option<(f64, f64)> {
    let target: HtmlElement = canvas.cast()?;
    let r = target.get_bounding_client_rect();
    Some((
        f64::from(e.client_x()) - r.left(),
        f64::from(e.client_y()) - r.top(),
    ))
}

struct Texts {
    wheel_hint: &'static str,
    wheel_hint_mac: &'static str,
    touch_hint: &'static str,
    zoom_in: &'static str,
    zoom_out: &'static str,
    fit: &'static str,
    help: &'static str,
    link: &'static str,
    links: &'static str,
    selected: &'static str,
}

fn texts(lang: Lang) -> &'static Texts {
    const FR: Texts = Texts {
        wheel_hint: "Ctrl + molette pour zoomer",
        wheel_hint_mac: "⌘ + molette pour zoomer",
        touch_hint: "Utilisez deux doigts pour déplacer la carte",
        zoom_in: "Zoomer",
        zoom_out: "Dézoomer",
        fit: "Tout voir",
        help: "Flèches : parcourir les acteurs. Entrée : sélectionner. Échap : désélectionner. \
               + et − : zoomer et dézoomer. 0 : tout voir. Glisser pour déplacer la carte.",
        link: "lien",
        links: "liens",
        selected: "sélectionné",
    };
    const EN: Texts = Texts {
        wheel_hint: "Use Ctrl + scroll to zoom the map",
        wheel_hint_mac: "Use ⌘ + scroll to zoom the map",
        touch_hint: "Use two fingers to move the map",
        zoom_in: "Zoom in",
        zoom_out: "Zoom out",
        fit: "Show all",
        help: "Arrow keys: move between actors. Enter: select. Escape: clear the selection. \
               + and −: zoom in and out. 0: show all. Drag to move the map.",
        link: "link",
        links: "links",
        selected: "selected",
    };
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// What the live region says when an actor gets the keyboard focus:
/// "Name (Type) : 3 liens" / "Name (Type): 3 links".
fn announcement(
    ds: &Dataset,
    scene: &Scene,
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
    let type_label = ds
        .taxonomy
        .actor_types
        .iter()
        .find(|t| t.id == actor.actor_type())
        .and_then(|t| t.label.as_ref())
        .map(|l| l.get(lang_code))
        .unwrap_or(actor.actor_type());
    let n = scene
        .neighbours(a)
        .iter()
        .filter(|(_, l)| visible.links.get(*l).copied().unwrap_or(false))
        .count();
    let t = texts(lang);
    let sep = if lang == Lang::Fr { " : " } else { ": " };
    let word = if n == 1 { t.link } else { t.links };
    let sel = if selected {
        format!(", {}", t.selected)
    } else {
        String::new()
    };
    format!("{} ({}){sep}{n} {word}{sel}", actor.name(), type_label)
}

static INSTANCE: AtomicUsize = AtomicUsize::new(0);

/// How long a gesture hint stays (ms) after the last ignored gesture.
const HINT_MS: u32 = 1500;

/// The gesture hint overlay (embed mode).
#[derive(Debug, Clone, Copy, PartialEq)]
struct HintState {
    kind: Hint,
    shown: bool,
    /// Say ⌘ rather than Ctrl.
    mac: bool,
}

/// Shows `kind` and (re)starts the timer that hides it; re-renders only when
/// what is shown changes, not on every wheel tick.
fn show_hint(
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

const VISUALLY_HIDDEN: &str = "position:absolute;width:1px;height:1px;padding:0;margin:-1px;\
    overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0";
const ROOT_STYLE: &str = "position:relative;width:100%;height:100%;min-height:0;overflow:hidden";
// `touch-action` and `cursor` are the engine's (`show_gestures`, `set_cursor`).
const CANVAS_STYLE: &str = "position:absolute;inset:0;width:100%;height:100%;display:block;\
    user-select:none;-webkit-user-select:none";
const ZOOM_STYLE: &str =
    "position:absolute;right:12px;bottom:12px;display:flex;flex-direction:column;gap:8px";

/// Styles the component's own elements (the children of `root`, known by
/// tag or class) for the theme, through the CSSOM: a `style` attribute
/// would need `style-src 'unsafe-inline'` in the Content-Security-Policy
/// (see [`super::css`]). An element added to the component gets its style
/// here or a class in `app.css`, never a `style` attribute.
fn apply_styles(root: &HtmlElement, dark: bool) {
    let (bg, fg, border) = if dark {
        ("#23272e", "#eef1f5", "#8a94a3")
    } else {
        ("#ffffff", "#1b1f24", "#7d8694")
    };
    let button = format!(
        "width:44px;height:44px;display:flex;align-items:center;justify-content:center;padding:0;\
         margin:0;border:1px solid {border};border-radius:8px;background:{bg};color:{fg};\
         font:600 22px/1 system-ui,sans-serif;cursor:pointer;box-shadow:0 1px 3px rgba(0,0,0,.18)"
    );
    css::set_style(root, ROOT_STYLE);
    let children = |parent: &web_sys::Element| {
        std::iter::successors(parent.first_element_child(), |e| e.next_element_sibling())
    };
    for child in children(root) {
        let class = child.class_name();
        let declarations = if child.tag_name().eq_ignore_ascii_case("canvas") {
            CANVAS_STYLE
        } else if class.split_whitespace().any(|c| c == "civicmap-sr") {
            VISUALLY_HIDDEN
        } else if class.split_whitespace().any(|c| c == "civicmap-zoom") {
            for b in children(&child) {
                if let Ok(b) = b.dyn_into::<HtmlElement>() {
                    css::set_style(&b, &button);
                }
            }
            ZOOM_STYLE
        } else {
            continue;
        };
        if let Ok(el) = child.dyn_into::<HtmlElement>() {
            css::set_style(&el, declarations);
        }
    }
}

/// The map canvas. See the module documentation.
#[function_component(MapCanvas)]
pub fn map_canvas(props: &MapCanvasProps) -> Html {
    let root = use_node_ref();
    let canvas = use_node_ref();
    let engine: Shared = use_mut_ref(Engine::default);
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
                e.ctx = canvas_el
                    .as_ref()
                    .and_then(|c| c.get_context("2d").ok().flatten())
                    .and_then(|o| o.dyn_into::<CanvasRenderingContext2d>().ok());
                e.canvas = canvas_el.clone();
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
            let wheel = canvas_el.as_ref().map(|c| {
                let engine = engine.clone();
                let show_hint = show_hint.clone();
                EventListener::new_with_options(
                    c,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |ev| {
                        let Some(ev) = ev.dyn_ref::<WheelEvent>() else {
                            return;
                        };
                        let decision = engine
                            .try_borrow()
                            .map(|e| e.gestures.wheel(ev.ctrl_key(), ev.meta_key()))
                            .unwrap_or(Wheel::Zoom);
                        if decision == Wheel::Page {
                            // Not cancelled: the host page scrolls.
                            show_hint(Hint::Wheel);
                            return;
                        }
                        ev.prevent_default();
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
                        let pinch = ev.ctrl_key();
                        with_engine(&engine, |e, _| {
                            e.wheel(x, y, dy, pinch);
                            Vec::new()
                        });
                    },
                )
            });
            // Touch moves: cancelled for a pinch (so the browser does not
            // scroll and the pointer events keep coming); left to the page
            // for one finger in embed mode.
            let touch = canvas_el.as_ref().map(|c| {
                let engine = engine.clone();
                EventListener::new_with_options(
                    c,
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
            });
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
            with_engine(&engine, |e, now| e.sync(&props, now));
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
    let onkeydown = {
        let engine = engine.clone();
        let announce = announce.clone();
        let lang = props.lang;
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
                    said = Some(announcement(ds, &e.scene, &e.visible, a, sel, lang));
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
    };
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
mod tests {
    use super::*;
    use crate::render::scene::tests::{graph_of, small};

    #[test]
    fn the_focused_actor_is_announced_with_its_type_and_visible_links() {
        let ds = small();
        let scene = Scene::new(&ds, &graph_of(&ds));
        let vis = Visible {
            actors: vec![true; 4],
            links: vec![true, true, false, true],
            ..Visible::default()
        };
        assert_eq!(
            announcement(&ds, &scene, &vis, 2, false, Lang::Fr),
            "Gamma (agency) : 1 lien"
        );
        assert_eq!(
            announcement(&ds, &scene, &vis, 0, true, Lang::En),
            "Alpha (association): 3 links, selected"
        );
        assert_eq!(announcement(&ds, &scene, &vis, 9, false, Lang::En), "");
    }

    #[test]
    fn props_compare_datasets_by_identity() {
        let ds = Rc::new(small());
        let p = MapCanvasProps {
            dataset: ds.clone(),
            graph: Rc::new(graph_of(&ds)),
            visible: Rc::new(Visible::default()),
            selected: None,
            highlighted: Rc::new(Vec::new()),
            year_active: false,
            dark: false,
            lang: Lang::Fr,
            reduced_motion: false,
            on_select: Callback::noop(),
            on_ready: Callback::noop(),
            label: "x".into(),
            cooperative: false,
        };
        let mut q = p.clone();
        assert!(p == q);
        q.dataset = Rc::new(small());
        assert!(p != q, "an equal but new dataset is a new load");
        let mut q = p.clone();
        q.visible = Rc::new(Visible::default());
        assert!(p == q, "an equal visible set in a new Rc changes nothing");
        q.selected = Some(1);
        assert!(p != q);
    }
}
