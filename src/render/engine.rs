//! The map engine: the per-canvas state that changes from frame to frame
//! (positions, layout in progress, camera, hover, focus, gestures), what a
//! new dataset or new props do to it, hit testing and drawing one frame.
//!
//! Input handling is in [`super::input`], the frame loop and its budget in
//! [`super::scheduler`], the Yew component in [`super::canvas`].

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::format::dataset::{Dataset, Position};
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;
use crate::model::network::layout::{Layout, LayoutInput};

use super::camera::{Bounds, Camera, Flight, Insets, Viewport, ZoomRange};
use super::canvas::MapCanvasProps;
use super::draw::{self, screen_radius, Frame};
use super::gestures::Gestures;
use super::input::Press;
use super::labels::{label_box, other_boxes, Candidate, Placer, Rect};
use super::scene::{neighbourhood, NodeEncoding, Scene};
use super::spatial::Grid;
use super::style::{self, size};
use super::surface::{AwayLayout, Surface, WebSurface};

/// Under reduced motion, a layout of at most this many work units is
/// computed at once (well under 100 ms); a bigger one is spread over frames
/// like any other, but shown only once settled.
pub(crate) const SYNC_LAYOUT_WORK: u64 = 2_000_000;
/// A layout of more work units than this runs in a Web Worker when the
/// surface can start one (`Surface::lay_out_away`): about 50 ms of work
/// here (the 2,085-node graph is ~2.4 million units, the default dataset
/// ~0.13 million, laid out on the page sooner than a worker starts).
pub(crate) const AWAY_LAYOUT_WORK: u64 = 500_000;
/// Duration of animated camera moves.
pub(crate) const FLIGHT_MS: f64 = 300.0;

/// What a drawing shows, the camera aside ([`Engine::look`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Look {
    data: (usize, usize, usize, usize, usize),
    marks: (Option<usize>, Option<usize>, Option<usize>, bool),
    theme: (bool, bool),
    size: (Option<Viewport>, f64),
    settled: bool,
}

/// What the engine asks the component to emit.
#[derive(Debug, PartialEq)]
pub(crate) enum Out {
    Select(Option<usize>),
    Ready,
    /// New measures are drawn (`performance.mark("civicmap:measures")`).
    Measured,
    /// The first slice of a layout ran (`performance.mark("civicmap:layout")`,
    /// for the benchmark's frame times during the layout).
    LayoutStarted,
}

/// A layout in progress: advanced here by the frames, or in a Web Worker
/// whose positions the frames show as they arrive (`here` then holds the
/// start, and takes over if the worker fails).
pub(crate) enum Running {
    Here(Layout),
    Away {
        here: Layout,
        away: Box<dyn AwayLayout>,
    },
}

/// Per-canvas state that changes from frame to frame, drawn on a
/// [`Surface`] (the browser's canvas, or a recording one in the tests).
#[derive(Default)]
pub struct Engine<S = WebSurface> {
    pub(crate) alive: bool,
    pub(crate) surface: S,
    pub(crate) vp: Option<Viewport>,
    pub(crate) dpr: f64,

    pub(crate) dataset: Option<Rc<Dataset>>,
    pub(crate) graph: Option<Rc<Graph>>,
    pub(crate) scene: Scene,
    pub(crate) positions: Vec<Position>,
    pub(crate) layout: Option<Running>,
    /// The layout in `layout` has run its first slice.
    pub(crate) layout_started: bool,
    /// Show the layout only once settled (reduced motion, big graph).
    pub(crate) quiet_layout: bool,
    /// When the layout's positions were last drawn (ms, `performance.now`).
    pub(crate) layout_drawn_at: f64,
    /// What drawing a frame really costs, painting included (ms): the time
    /// from a frame that drew to the next one, less its layout work, when
    /// that is long (else the draw calls' own time). The browser rasterizes
    /// the canvas after our draw calls return, so the calls' own time
    /// (`last_frame_ms`) can be a tenth of a big graph's real cost.
    pub(crate) draw_cost: f64,
    /// The last frame: when it started, its layout time, whether it drew
    /// completely.
    pub(crate) prev_frame: Option<(f64, f64, bool)>,
    /// On a map slow to draw: what the last complete drawing showed, its
    /// camera, and whether the surface has copied it yet. While only the
    /// camera moves, frames show that copy moved and scaled, and the
    /// complete drawing follows once the camera rests (`super::scheduler`).
    pub(crate) snapshot: Option<(Look, Camera, bool)>,
    /// When the complete drawing after quick ones is due (ms).
    pub(crate) full_due: Option<f64>,
    pub(crate) grid: Grid,
    pub(crate) grid_dirty: bool,

    pub(crate) visible: Rc<Visible>,
    pub(crate) selected: Option<usize>,
    pub(crate) highlighted: Rc<Vec<usize>>,
    /// `path=`: the chain's links; with [`Self::path_marks`] (its actors
    /// and links as marks) when not empty.
    pub(crate) path_links: Rc<Vec<usize>>,
    pub(crate) path_marks: Option<(Vec<bool>, Vec<bool>)>,
    pub(crate) dark: bool,
    /// What size and colour show; `measured_pending` until a frame drew
    /// final measures.
    pub(crate) encoding: Rc<NodeEncoding>,
    pub(crate) measured_pending: bool,
    pub(crate) year_active: bool,
    pub(crate) reduced_motion: bool,
    pub(crate) on_select: Callback<Option<usize>>,
    pub(crate) on_ready: Callback<()>,

    pub(crate) camera: Camera,
    pub(crate) flight: Option<Flight>,
    /// The visitor moved the camera: stop fitting automatically.
    pub(crate) user_moved: bool,
    /// The actor the camera was last centred on for a selection (until the
    /// visitor moves it): a resize centres it again, as a fresh load at the
    /// new size would.
    pub(crate) centred: Option<usize>,
    /// The boxes of the page's controls over the canvas
    /// ([`Surface::overlays`]), measured after each render and resize.
    pub(crate) overlays: Vec<(f64, f64, f64, f64)>,
    /// Centre this actor once the layout has settled.
    pub(crate) pending_centre: Option<usize>,

    pub(crate) hovered: Option<usize>,
    pub(crate) focused: Option<usize>,
    pub(crate) has_focus: bool,
    pub(crate) pointers: Vec<(i32, f64, f64)>,
    pub(crate) press: Option<Press>,
    pub(crate) cursor: &'static str,
    /// Which gestures are the map's (embed mode leaves some to the page).
    pub(crate) gestures: Gestures,
    /// What the canvas last said about `gestures` (`touch-action`,
    /// `data-gestures`), to touch the DOM only on a change.
    pub(crate) gestures_shown: Option<Gestures>,

    pub(crate) emphasis: Vec<bool>,
    pub(crate) emphasis_for: Option<Option<usize>>,
    pub(crate) placer: Placer,
    pub(crate) labels: Vec<Candidate>,
    pub(crate) forced: Vec<usize>,
    pub(crate) label_w: Vec<f64>,

    pub(crate) dirty: bool,
    pub(crate) raf_pending: bool,
    pub(crate) ready_sent: bool,
    /// Duration of the last drawn frame and the longest since the layout
    /// settled (ms), exposed on the canvas as `data-frame-ms` /
    /// `data-max-frame-ms` for measurements.
    pub(crate) last_frame_ms: f64,
    pub(crate) max_frame_ms: f64,
}

impl<S: Surface> Engine<S> {
    pub(crate) fn is_visible(&self, a: usize) -> bool {
        self.visible.actors.get(a).copied().unwrap_or(false)
    }

    pub(crate) fn viewport(&self) -> Viewport {
        self.vp.unwrap_or(Viewport {
            width: 0.0,
            height: 0.0,
        })
    }

    pub(crate) fn wants_frame(&self) -> bool {
        self.dirty || self.layout.is_some() || self.flight.is_some() || self.full_due.is_some()
    }

    /// Everything a drawing shows but the camera (shared values compared
    /// by address: a new value counts as a change).
    pub(crate) fn look(&self) -> Look {
        let at = |p: *const ()| p as usize;
        Look {
            data: (
                self.dataset
                    .as_ref()
                    .map_or(0, |d| at(Rc::as_ptr(d).cast())),
                at(Rc::as_ptr(&self.visible).cast()),
                at(Rc::as_ptr(&self.encoding).cast()),
                at(Rc::as_ptr(&self.highlighted).cast()),
                at(Rc::as_ptr(&self.path_links).cast()),
            ),
            marks: (self.selected, self.hovered, self.focused, self.has_focus),
            theme: (self.dark, self.year_active),
            size: (self.vp, self.dpr),
            settled: self.layout.is_none(),
        }
    }

    /// A new dataset: scene, positions (file positions, else the layout),
    /// camera fitted, readiness re-armed.
    pub(crate) fn load(&mut self, p: &MapCanvasProps) {
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
            let input = LayoutInput::of(&p.dataset, &p.graph);
            let mut layout = Layout::from_input(input.clone());
            self.layout_started = false;
            self.quiet_layout = p.reduced_motion;
            let work = layout.work_left();
            if p.reduced_motion && work <= SYNC_LAYOUT_WORK {
                while !layout.step(64) {}
                self.positions = layout.positions;
                self.layout = None;
            } else {
                self.positions = layout.positions.clone();
                let away = (work > AWAY_LAYOUT_WORK)
                    .then(|| self.surface.lay_out_away(&input))
                    .flatten();
                self.layout = Some(match away {
                    Some(away) => Running::Away { here: layout, away },
                    None => Running::Here(layout),
                });
            }
        }
        self.grid_dirty = true;
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
        self.centred = None;
        self.measure_insets();
        self.camera = self.fit_camera();
        self.dirty = true;
    }

    /// The width of every actor's label, for placing labels without
    /// overlaps: the sum of its characters' widths, each measured once (one
    /// `measureText` per distinct character rather than per name: 10,000
    /// names took ~200 ms at load). Kerning is left out: a box is at most a
    /// few pixels off.
    pub(crate) fn measure_labels(&mut self) {
        self.label_w.clear();
        self.surface.set_font(style::LABEL_FONT);
        let mut widths: HashMap<char, f64> = HashMap::new();
        let mut buf = [0u8; 4];
        for name in &self.scene.names {
            let mut w = 0.0;
            for c in name.chars() {
                w += *widths.entry(c).or_insert_with(|| {
                    // Without a canvas, a rough width: 0.6 em.
                    self.surface
                        .measure_text(c.encode_utf8(&mut buf))
                        .unwrap_or(size::FONT * 0.6)
                });
            }
            self.label_w.push(w);
        }
    }

    /// Copies the props in; reacts to what changed. Emits nothing: readiness
    /// and selections come from frames and input.
    pub(crate) fn sync(&mut self, p: &MapCanvasProps, now: f64) {
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
        let visible_changed = !Rc::ptr_eq(&self.visible, &p.visible) && *self.visible != *p.visible;
        self.visible = p.visible.clone();
        if visible_changed {
            self.emphasis_for = None;
            if self.hovered.is_some_and(|h| !self.is_visible(h)) {
                self.hovered = None;
            }
            if self.focused.is_some_and(|h| !self.is_visible(h)) {
                self.focused = None;
            }
            self.dirty = true;
        }
        self.measure_insets();
        if !same_data {
            self.load(p);
            self.encode(p.encoding.clone());
        } else {
            if !Rc::ptr_eq(&self.encoding, &p.encoding) && *self.encoding != *p.encoding {
                self.encode(p.encoding.clone());
            }
            let selection_changed = self.selected != p.selected;
            if selection_changed {
                self.selected = p.selected;
                self.emphasis_for = None;
                self.dirty = true;
            }
            match p.selected.filter(|_| selection_changed) {
                Some(s) if self.layout.is_some() => self.pending_centre = Some(s),
                Some(s) => self.centre_on(s, now),
                None => {
                    if selection_changed {
                        self.centred = None;
                    }
                    // After each filter change the camera frames what is
                    // visible (the visitor's own moves included).
                    if visible_changed {
                        self.user_moved = false;
                        if self.layout.is_none() {
                            let to = self.aim_camera();
                            self.fly_to(to, now);
                        }
                    }
                }
            }
        }
        if *self.highlighted != *p.highlighted || *self.path_links != *p.path_links {
            self.highlighted = p.highlighted.clone();
            self.path_links = p.path_links.clone();
            self.path_marks = (!self.path_links.is_empty()).then(|| {
                let mark = |n: usize, on: &[usize]| {
                    let mut v = vec![false; n];
                    for &i in on {
                        if let Some(m) = v.get_mut(i) {
                            *m = true;
                        }
                    }
                    v
                };
                (
                    mark(p.dataset.actors.len(), &self.highlighted),
                    mark(p.dataset.links.len(), &self.path_links),
                )
            });
            self.dirty = true;
        }
        if self.dark != p.dark || self.year_active != p.year_active {
            self.dark = p.dark;
            self.year_active = p.year_active;
            self.dirty = true;
        }
    }

    /// Applies a new size and colour encoding to the scene.
    pub(crate) fn encode(&mut self, enc: Rc<NodeEncoding>) {
        self.scene.encode(&enc);
        self.measured_pending = enc.measured;
        self.encoding = enc;
        self.grid_dirty = true;
        self.dirty = true;
    }

    /// The canvas's box changed (CSS pixels) or the pixel ratio did.
    pub(crate) fn resize(&mut self, width: f64, height: f64, dpr: f64) {
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
        self.surface.set_size(
            (vp.width * dpr).round().max(1.0) as u32,
            (vp.height * dpr).round().max(1.0) as u32,
        );
        self.measure_insets();
        if !self.user_moved || old.is_none_or(|o| o.is_empty()) {
            self.flight = None;
            self.camera = self.aim_camera();
        }
        self.dirty = true;
    }

    /// The bounds of the visible actors (all actors if none is visible).
    pub(crate) fn bounds(&self, only_visible: bool) -> Option<Bounds> {
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

    /// Measures where the page's controls cover the canvas.
    pub(crate) fn measure_insets(&mut self) {
        self.overlays = self.surface.overlays();
    }

    /// What the controls leave free of the canvas, for content of this
    /// size (world units) if known.
    pub(crate) fn insets(&self, content: Option<(f64, f64)>) -> Insets {
        Insets::from_overlays(self.viewport(), self.overlays.iter().copied(), content)
    }

    /// The camera framing the visible actors in the part of the canvas the
    /// controls leave free, the biggest drawn at most
    /// [`size::FRAMED_MAX_RADIUS`].
    pub(crate) fn fit_camera(&self) -> Camera {
        let vp = self.viewport();
        if vp.is_empty() {
            return self.camera;
        }
        let biggest = (0..self.positions.len())
            .filter(|&i| self.is_visible(i))
            .map(|i| self.scene.radius_of(i))
            .fold(0.0_f64, f64::max);
        let mut max_zoom = self.zoom_range().max;
        if biggest > 0.0 {
            max_zoom = max_zoom.min(size::FRAMED_MAX_RADIUS / biggest);
        }
        match self.bounds(true) {
            Some(b) => {
                let insets = self.insets(Some((b.width(), b.height())));
                Camera::fit_in(b, vp, insets, size::FIT_PADDING, max_zoom)
            }
            None => Camera::default(),
        }
    }

    /// Whether few enough actors are visible to frame them all (and label
    /// them all) rather than zoom on one ([`size::SMALL_MAP`]).
    pub(crate) fn small_map(&self) -> bool {
        self.visible.actor_count <= size::SMALL_MAP
    }

    /// Where the camera goes while the visitor has not moved it: on the
    /// centred actor of a big map, else framing the visible actors. Depends
    /// only on the viewport, the data and the props, so a map resized to a
    /// size shows what a map loaded at that size shows.
    pub(crate) fn aim_camera(&self) -> Camera {
        let fit = self.fit_camera();
        match self
            .centred
            .filter(|&a| self.is_visible(a) && !self.small_map())
        {
            Some(a) => self.centre_camera(a, fit.zoom),
            None => fit,
        }
    }

    /// Actor `a` at the centre of the free part of the canvas, at `zoom`
    /// or closer if it would be drawn tiny.
    pub(crate) fn centre_camera(&self, a: usize, zoom: f64) -> Camera {
        let Some(p) = self.positions.get(a).copied() else {
            return self.camera;
        };
        let range = self.zoom_range();
        let r = self.scene.radius_of(a).max(1e-9);
        let zoom = range.clamp(zoom.max(size::CENTRED_RADIUS / r));
        Camera {
            x: p.x,
            y: p.y,
            zoom,
        }
        .looking_at(self.viewport(), self.insets(None), p.x, p.y)
    }

    pub(crate) fn zoom_range(&self) -> ZoomRange {
        let vp = self.viewport();
        let fit = match self.bounds(false) {
            Some(b) if !vp.is_empty() => Camera::fit(b, vp, size::FIT_PADDING).zoom,
            _ => self.camera.zoom,
        };
        ZoomRange::around(fit)
    }

    pub(crate) fn fly_to(&mut self, to: Camera, now: f64) {
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

    /// A selection: on a small map, frames every visible actor (the
    /// selected one among them); on a big one, centres actor `a`, zooming
    /// in if it would be drawn tiny.
    pub(crate) fn centre_on(&mut self, a: usize, now: f64) {
        if self.positions.get(a).is_none() {
            return;
        }
        self.centred = Some(a);
        self.user_moved = false;
        let to = if self.small_map() {
            self.fit_camera()
        } else {
            let zoom = self.flight.map(|f| f.to).unwrap_or(self.camera).zoom;
            self.centre_camera(a, zoom)
        };
        self.fly_to(to, now);
    }

    /// The actor whose neighbourhood is emphasised: hovered, else selected.
    pub(crate) fn emphasis_actor(&self) -> Option<usize> {
        self.hovered
            .or(self.selected)
            .filter(|&a| self.is_visible(a))
    }

    pub(crate) fn render(&mut self) {
        if self.grid_dirty {
            self.grid = Grid::build(&self.positions, &self.scene.radius);
            self.grid_dirty = false;
        }
        let focus = self.emphasis_actor();
        if self.emphasis_for != Some(focus) {
            if let (Some(a), Some(g)) = (focus, &self.graph) {
                neighbourhood(g, &self.visible.links, a, &mut self.emphasis);
            }
            self.emphasis_for = Some(focus);
        }
        self.place_labels(focus);
        let Some(vp) = self.vp else {
            return;
        };
        if !self.surface.attached() {
            return;
        }
        let selected = self.selected.filter(|&s| self.is_visible(s));
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
            emphasis: match &self.path_marks {
                Some((actors, _)) => Some((usize::MAX, actors.as_slice())),
                None => focus.map(|a| (a, self.emphasis.as_slice())),
            },
            path_links: self.path_marks.as_ref().map(|(_, l)| l.as_slice()),
            selected,
            hovered: self.hovered,
            focused: self.focused.filter(|_| self.has_focus),
            highlighted: &self.highlighted,
            hollow_undated: self.year_active,
            labels: &self.labels,
        };
        draw::draw(&mut self.surface, &frame);
    }

    pub(crate) fn place_labels(&mut self, focus: Option<usize>) {
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
        let emphasis = match &self.path_marks {
            Some((actors, _)) => Some(actors.as_slice()),
            None => focus.map(|_| self.emphasis.as_slice()),
        };
        let forced = &self.forced;
        // On a small map every actor is a candidate: it gets its label if
        // the label fits.
        let small = self.small_map();
        // The label box and the node box of actor `a`.
        let boxes = |a: usize| -> Option<(Rect, Rect, Option<[Rect; 3]>)> {
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
            let rect = label_box(sx, sy, reach, w, vp.width);
            let others = small.then(|| other_boxes(rect, sx, sy, reach));
            Some((rect, node, others))
        };
        let forced_c = forced.iter().filter_map(|&a| {
            boxes(a).map(|(rect, node, _)| Candidate {
                actor: a,
                rect,
                forced: true,
                node: Some(node),
                others: None,
            })
        });
        let others = scene.by_priority.iter().filter_map(|&a| {
            if !visible.get(a).copied().unwrap_or(false) || forced.contains(&a) {
                return None;
            }
            if emphasis.is_some_and(|e| !e.get(a).copied().unwrap_or(false)) {
                return None;
            }
            if !small && scene.radius_of(a) * cam.zoom < size::LABEL_MIN_RADIUS {
                return None;
            }
            boxes(a).map(|(rect, node, others)| Candidate {
                actor: a,
                rect,
                forced: false,
                node: Some(node),
                others,
            })
        });
        let obstacles: Vec<Rect> = self
            .overlays
            .iter()
            .map(|&(x, y, w, h)| Rect { x, y, w, h })
            .collect();
        self.placer.place_clear_of(
            vp.width,
            vp.height,
            &obstacles,
            forced_c.chain(others),
            &mut self.labels,
        );
    }

    /// Writes on the canvas, for tests and host pages, how the visible
    /// actors are framed: `data-framed="shown/visible"` (centres on the
    /// canvas and under none of the page's controls), `data-labels` (labels
    /// drawn) and `data-selected-at="x,y"` (the selected actor on screen).
    pub(crate) fn show_framing(&mut self) {
        let vp = self.viewport();
        let under = |x: f64, y: f64| {
            self.overlays
                .iter()
                .any(|&(ox, oy, w, h)| x >= ox && x <= ox + w && y >= oy && y <= oy + h)
        };
        let inside = self
            .positions
            .iter()
            .enumerate()
            .filter(|&(i, p)| {
                let (x, y) = self.camera.to_screen(vp, p.x, p.y);
                self.is_visible(i)
                    && (0.0..=vp.width).contains(&x)
                    && (0.0..=vp.height).contains(&y)
                    && !under(x, y)
            })
            .count();
        let framed = format!("{inside}/{}", self.visible.actor_count);
        let labels = self.labels.len().to_string();
        let selected = self
            .selected
            .filter(|&s| self.is_visible(s))
            .and_then(|s| self.positions.get(s))
            .map(|p| {
                let (x, y) = self.camera.to_screen(vp, p.x, p.y);
                format!("{x:.1},{y:.1}")
            })
            .unwrap_or_default();
        self.surface.set_attribute("data-framed", &framed);
        self.surface.set_attribute("data-labels", &labels);
        self.surface.set_attribute("data-selected-at", &selected);
    }

    /// The visible actor under the screen point, if any.
    pub(crate) fn hit(&self, sx: f64, sy: f64) -> Option<usize> {
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
}
