//! Native tests of the map engine on a [`Recording`] surface: clicks and
//! hit testing, the frame budget while a layout runs, wheel / pinch zoom,
//! embed-mode gestures and keyboard navigation, each checked on what the
//! visitor sees (the selection, the rings drawn, the zoom, the cursor).

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use yew::Callback;

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;
use crate::model::view::state::Lang;

use super::canvas::MapCanvasProps;
use super::engine::{Engine, Out};
use super::gestures::{Pointer, Wheel};
use super::style;

mod away;
use super::surface::{SnapshotDraw, Surface};

/// A canvas that records what a drawing strokes and writes, and the
/// element's attributes and style properties. Its clock is the test's:
/// each reading advances it by `tick` ms, and each path operation by
/// `op_cost` ms, so a drawing costs in proportion to what it draws.
#[derive(Default)]
pub(crate) struct Recording {
    clock: Rc<Cell<f64>>,
    tick: f64,
    op_cost: f64,
    /// Drawings made so far.
    draws: usize,
    /// The colour of every stroke of the last drawing.
    strokes: Vec<String>,
    /// The labels written by the last drawing.
    texts: Vec<String>,
    attributes: HashMap<String, String>,
    styles: HashMap<String, String>,
    stroke_style: String,
    /// The page's controls over the canvas.
    overlays: Vec<(f64, f64, f64, f64)>,
    /// Copies kept of a complete drawing, and the quick frames drawn from
    /// the last one: `(x, y, scale)`.
    kept: usize,
    quick: Vec<(f64, f64, f64)>,
    /// A stand-in for the Web Worker (`away.rs`): when set, big layouts
    /// are handed to it.
    away: Option<Rc<std::cell::RefCell<away::Worker>>>,
}

impl Recording {
    fn cost(&mut self) {
        self.clock.set(self.clock.get() + self.op_cost);
    }
}

impl Surface for Recording {
    fn attached(&self) -> bool {
        true
    }
    fn now(&self) -> f64 {
        let t = self.clock.get() + self.tick;
        self.clock.set(t);
        t
    }
    fn set_size(&mut self, _width: u32, _height: u32) {}
    fn set_attribute(&mut self, name: &str, value: &str) {
        self.attributes.insert(name.to_string(), value.to_string());
    }
    fn set_style_property(&mut self, property: &str, value: &str) {
        self.styles.insert(property.to_string(), value.to_string());
    }
    fn measure_text(&mut self, text: &str) -> Option<f64> {
        Some(text.chars().count() as f64 * 7.0)
    }
    fn overlays(&self) -> Vec<(f64, f64, f64, f64)> {
        self.overlays.clone()
    }
    fn set_transform(&mut self, _scale: f64) {
        // The first call of every drawing.
        self.draws += 1;
        self.strokes.clear();
        self.texts.clear();
    }
    fn set_global_alpha(&mut self, _alpha: f64) {}
    fn set_fill_style(&mut self, _colour: &str) {}
    fn set_stroke_style(&mut self, colour: &str) {
        self.stroke_style = colour.to_string();
    }
    fn set_line_width(&mut self, _width: f64) {}
    fn set_line_cap(&mut self, _cap: &str) {}
    fn set_line_join(&mut self, _join: &str) {}
    fn set_line_dash(&mut self, _dash: &[f64]) {}
    fn set_font(&mut self, _font: &str) {}
    fn set_text_baseline(&mut self, _baseline: &str) {}
    fn set_text_align(&mut self, _align: &str) {}
    fn fill_rect(&mut self, _x: f64, _y: f64, _w: f64, _h: f64) {}
    fn begin_path(&mut self) {}
    fn move_to(&mut self, _x: f64, _y: f64) {
        self.cost();
    }
    fn line_to(&mut self, _x: f64, _y: f64) {
        self.cost();
    }
    fn circle(&mut self, _x: f64, _y: f64, _r: f64) {
        self.cost();
    }
    fn fill(&mut self) {}
    fn stroke(&mut self) {
        self.strokes.push(self.stroke_style.clone());
    }
    fn fill_text(&mut self, text: &str, _x: f64, _y: f64) {
        self.texts.push(text.to_string());
    }
    fn stroke_text(&mut self, _text: &str, _x: f64, _y: f64) {}
    fn keep_snapshot(&mut self) {
        self.kept += 1;
    }
    fn draw_snapshot(&mut self, s: SnapshotDraw<'_>) -> bool {
        self.quick.push((s.x, s.y, s.scale));
        self.kept > 0
    }
    fn lay_out_away(
        &mut self,
        input: &crate::model::network::layout::LayoutInput,
    ) -> Option<Box<dyn super::surface::AwayLayout>> {
        away::start(self.away.as_ref()?, input)
    }
}

/// A mounted 800 × 600 map on a recording surface, with its props.
struct Map {
    e: Engine<Recording>,
    clock: Rc<Cell<f64>>,
    props: MapCanvasProps,
}

impl Map {
    fn new(ds: Dataset, op_cost: f64) -> Map {
        Map::with_worker(ds, op_cost, None)
    }

    /// A map whose big layouts go to `away` (a stand-in Web Worker).
    fn with_worker(
        ds: Dataset,
        op_cost: f64,
        away: Option<Rc<std::cell::RefCell<away::Worker>>>,
    ) -> Map {
        let ds = Rc::new(ds);
        let graph = Rc::new(Graph::new(&ds));
        let visible = Rc::new(Visible {
            actors: vec![true; ds.actors.len()],
            links: vec![true; ds.links.len()],
            actor_count: ds.actors.len(),
            link_count: ds.links.len(),
            undated_actors: 0,
        });
        let props = MapCanvasProps {
            dataset: ds,
            graph,
            visible,
            selected: None,
            highlighted: Rc::new(Vec::new()),
            path_links: Rc::new(Vec::new()),
            encoding: Rc::default(),
            year_active: false,
            dark: false,
            lang: Lang::En,
            reduced_motion: false,
            on_select: Callback::noop(),
            on_ready: Callback::noop(),
            label: "map".into(),
            cooperative: false,
        };
        let clock = Rc::new(Cell::new(0.0));
        let mut e = Engine {
            surface: Recording {
                clock: clock.clone(),
                tick: 1.0,
                op_cost,
                away,
                ..Recording::default()
            },
            alive: true,
            ..Engine::default()
        };
        e.resize(800.0, 600.0, 1.0);
        e.sync(&props, 0.0);
        Map { e, clock, props }
    }

    /// The next animation frame, 16 ms after the last one ended.
    fn frame(&mut self) -> Vec<Out> {
        self.clock.set(self.clock.get() + 16.0);
        let t = self.clock.get();
        self.e.frame(t)
    }

    /// Frames until nothing moves any more (layout, flights).
    fn settle(&mut self) {
        for _ in 0..400 {
            self.frame();
            if !self.e.wants_frame() {
                return;
            }
        }
        panic!("the map never settles");
    }

    /// New props, as the app would pass them.
    fn set(&mut self, f: impl FnOnce(&mut MapCanvasProps)) {
        f(&mut self.props);
        let t = self.clock.get();
        self.e.sync(&self.props, t);
    }

    /// Where actor `a` is on screen.
    fn screen(&self, a: usize) -> (f64, f64) {
        let p = self.e.positions[a];
        self.e.camera.to_screen(self.e.viewport(), p.x, p.y)
    }

    fn click(&mut self, (x, y): (f64, f64)) -> Vec<Out> {
        self.e.pointer_down(1, x, y, Pointer::Mouse);
        self.e.pointer_up(1, x, y, false)
    }

    fn key(&mut self, key: &str) -> Vec<Out> {
        let mut out = Vec::new();
        let t = self.clock.get();
        self.e.key(key, t, &mut out);
        out
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.e.surface.attributes.get(name).map(String::as_str)
    }
}

/// Four actors on a square (a b / c d), placed in the file; links a–b,
/// a–c, c–d.
fn square() -> Dataset {
    let actor = |id: &str, name: &str, x: f64, y: f64| serde_json::json!({"id": id, "name": name, "type": "org", "position": {"x": x, "y": y}});
    let link =
        |s: &str, t: &str| serde_json::json!({"source": s, "target": t, "kind": "works-with"});
    serde_json::from_value(serde_json::json!({
        "format": "civicmap/1",
        "taxonomy": {
            "actor_types": [{"id": "org"}],
            "link_kinds": [{"id": "works-with"}]
        },
        "actors": [
            actor("a", "Alpha", 0.0, 0.0),
            actor("b", "Beta", 100.0, 0.0),
            actor("c", "Gamma", 0.0, 100.0),
            actor("d", "Delta", 100.0, 100.0)
        ],
        "links": [link("a", "b"), link("a", "c"), link("c", "d")]
    }))
    .unwrap()
}

/// `n` actors without positions (the map lays them out), each linked to
/// the next and to `links_per_actor - 1` others.
fn unplaced(n: usize, links_per_actor: usize) -> Dataset {
    let actors: Vec<_> = (0..n)
        .map(|i| serde_json::json!({"id": format!("n{i}"), "name": format!("Actor {i}"), "type": "org"}))
        .collect();
    let mut links = Vec::new();
    for i in 0..n {
        for k in 0..links_per_actor {
            let j = (i + 1 + k * 7) % n;
            if j != i {
                links.push(serde_json::json!({
                    "source": format!("n{i}"), "target": format!("n{j}"), "kind": "works-with"
                }));
            }
        }
    }
    serde_json::from_value(serde_json::json!({
        "format": "civicmap/1",
        "taxonomy": {"actor_types": [{"id": "org"}], "link_kinds": [{"id": "works-with"}]},
        "actors": actors,
        "links": links
    }))
    .unwrap()
}

#[test]
fn a_map_placed_in_the_file_is_ready_after_its_first_frame() {
    let mut m = Map::new(square(), 0.0);
    assert_eq!(m.frame(), vec![Out::Ready]);
    assert_eq!(m.e.surface.draws, 1);
    assert!(m.e.surface.texts.contains(&"Alpha".to_string()));
    assert!(m.frame().is_empty(), "ready once per dataset");
}

#[test]
fn a_click_on_a_node_selects_it_and_a_click_on_empty_space_clears() {
    let mut m = Map::new(square(), 0.0);
    m.settle();
    let b = m.screen(1);
    assert_eq!(m.click(b), vec![Out::Select(Some(1))]);
    // A click a few pixels off the centre still hits the node.
    assert_eq!(m.click((b.0 + 3.0, b.1 - 2.0)), vec![Out::Select(Some(1))]);
    // The middle of the square is empty.
    let (a, d) = (m.screen(0), m.screen(3));
    let middle = ((a.0 + d.0) / 2.0, (a.1 + d.1) / 2.0);
    assert_eq!(m.click(middle), vec![Out::Select(None)]);

    // Once the app selects it, the actor gets its ring.
    let ring = style::LIGHT.selection.to_string();
    assert!(!m.e.surface.strokes.contains(&ring));
    m.set(|p| p.selected = Some(1));
    m.settle();
    assert!(m.e.surface.strokes.contains(&ring));
}

#[test]
fn a_drag_pans_the_map_and_selects_nothing() {
    let mut m = Map::new(square(), 0.0);
    m.settle();
    let before = m.screen(1);
    m.e.pointer_down(1, before.0, before.1, Pointer::Mouse);
    m.e.pointer_move(1, before.0 + 40.0, before.1 + 10.0, true);
    assert_eq!(
        m.e.surface.styles.get("cursor").map(String::as_str),
        Some("grabbing")
    );
    let out = m.e.pointer_up(1, before.0 + 40.0, before.1 + 10.0, false);
    assert!(out.is_empty(), "a drag is not a click");
    let after = m.screen(1);
    assert!((after.0 - before.0 - 40.0).abs() < 1e-6 && (after.1 - before.1 - 10.0).abs() < 1e-6);
}

#[test]
fn hovering_a_node_shows_the_pointer_cursor_and_emphasises_its_links() {
    let mut m = Map::new(square(), 0.0);
    m.settle();
    let strong = style::LIGHT.link_strong.to_string();
    assert!(!m.e.surface.strokes.contains(&strong));
    let c = m.screen(2);
    m.e.pointer_move(7, c.0, c.1, true);
    assert_eq!(
        m.e.surface.styles.get("cursor").map(String::as_str),
        Some("pointer")
    );
    m.frame();
    assert!(
        m.e.surface.strokes.contains(&strong),
        "the hovered actor's links stand out"
    );
    m.e.pointer_leave();
    assert_eq!(
        m.e.surface.styles.get("cursor").map(String::as_str),
        Some("grab")
    );
}

#[test]
fn a_big_graph_is_not_redrawn_every_frame_while_it_lays_out_but_a_small_one_is() {
    // Every path operation costs 20 µs: a small graph draws in a few ms,
    // a big one in tens of ms.
    let run = |ds: Dataset| {
        let mut m = Map::new(ds, 0.02);
        let (mut frames, mut drawn, mut marks) = (0, 0, Vec::new());
        while m.e.layout.is_some() && frames < 400 {
            let before = m.e.surface.draws;
            let out = m.frame();
            if out.contains(&Out::LayoutStarted) {
                marks.push(frames);
            }
            frames += 1;
            drawn += m.e.surface.draws - before;
        }
        // `civicmap:layout` is marked once, on the layout's first frame.
        assert_eq!(marks, vec![0]);
        (frames, drawn)
    };
    let (frames, drawn) = run(unplaced(30, 2));
    // From the Pivot MDS start the layout runs 80 iterations (not ~200):
    // fewer frames, still several.
    assert!(
        frames >= 3,
        "the small layout takes a few frames ({frames})"
    );
    assert_eq!(drawn, frames, "a small graph is drawn on every frame");

    // Big enough that its 80 iterations from the Pivot MDS start take many
    // frames.
    let (frames, drawn) = run(unplaced(4_000, 3));
    assert!(
        (40..400).contains(&frames),
        "the big layout takes many frames ({frames})"
    );
    assert!(drawn >= 2, "its progress is still shown ({drawn} drawings)");
    // Its slow frames stay under one in twenty: 95 % of the frames are short.
    assert!(
        drawn * 20 <= frames,
        "a big graph is drawn only now and then while it lays out ({drawn} of {frames} frames)"
    );
}

#[test]
fn a_map_slow_to_draw_shows_its_last_drawing_moved_while_the_camera_moves_and_draws_it_again_at_rest(
) {
    // 1,600 actors at 0.1 ms per path operation: a drawing takes ~160 ms.
    let mut m = Map::new(grid(40, 40, 30.0), 0.1);
    m.settle();
    let (cx, cy) = (300.0, 200.0);
    // The first turn of the wheel draws completely; the drawing is copied
    // on the next turn.
    m.e.wheel_event(cx, cy, -120.0, false, false);
    m.frame();
    assert!(m.e.snapshot.is_some() && m.e.surface.kept == 0);
    let (draws, zoom) = (m.e.surface.draws, m.e.camera.zoom);
    for _ in 0..5 {
        m.e.wheel_event(cx, cy, -120.0, false, false);
        m.frame();
    }
    assert_eq!(m.e.surface.kept, 1, "the slow drawing is copied once");
    assert_eq!(
        m.e.surface.draws, draws,
        "no complete drawing while the wheel turns"
    );
    assert_eq!(
        m.e.surface.quick.len(),
        5,
        "each frame shows the kept drawing"
    );
    let &(x, y, scale) = m.e.surface.quick.last().unwrap();
    assert!(
        (scale - m.e.camera.zoom / zoom).abs() < 1e-9,
        "scaled by the zoom since"
    );
    assert!(
        (x + cx * scale - cx).abs() < 1e-6 && (y + cy * scale - cy).abs() < 1e-6,
        "the point under the pointer stays under it ({x}, {y}, ×{scale})"
    );
    assert_eq!(
        m.attribute("data-zoom"),
        Some(format!("{:.4}", m.e.camera.zoom).as_str())
    );
    // At rest, one complete drawing.
    m.settle();
    assert_eq!(
        m.e.surface.draws,
        draws + 1,
        "drawn completely once the camera rests"
    );
    // Anything but the camera (here a hover) is drawn completely at once.
    m.e.wheel_event(cx, cy, 120.0, false, false);
    m.frame();
    let (draws, quick) = (m.e.surface.draws, m.e.surface.quick.len());
    let b = m.screen(0);
    m.e.pointer_move(1, b.0, b.1, true);
    m.frame();
    assert_eq!(m.e.hovered, Some(0));
    assert_eq!(
        (m.e.surface.draws, m.e.surface.quick.len()),
        (draws + 1, quick)
    );
}

#[test]
fn a_map_quick_to_draw_is_drawn_completely_on_every_turn_of_the_wheel() {
    let mut m = Map::new(square(), 0.0);
    m.settle();
    let draws = m.e.surface.draws;
    for _ in 0..5 {
        m.e.wheel_event(400.0, 300.0, -120.0, false, false);
        m.frame();
    }
    assert_eq!(m.e.surface.draws, draws + 5);
    assert!(m.e.surface.quick.is_empty() && m.e.surface.kept == 0);
}

#[test]
fn the_wheel_zooms_at_the_pointer_and_so_does_a_pinch() {
    let mut m = Map::new(square(), 0.0);
    m.settle();
    let zoom = m.e.camera.zoom;
    let shown = m.attribute("data-zoom").map(str::to_string);
    let b = m.screen(1);
    assert_eq!(m.e.wheel_event(b.0, b.1, -120.0, false, false), Wheel::Zoom);
    m.frame();
    assert!(m.e.camera.zoom > zoom, "wheel up zooms in");
    assert_ne!(m.attribute("data-zoom").map(str::to_string), shown);
    let after = m.screen(1);
    assert!(
        (after.0 - b.0).abs() < 1e-6 && (after.1 - b.1).abs() < 1e-6,
        "around the pointer"
    );

    // Two fingers moving apart zoom in; lifting them selects nothing.
    let zoom = m.e.camera.zoom;
    m.e.pointer_down(1, 350.0, 300.0, Pointer::Touch);
    m.e.pointer_down(2, 450.0, 300.0, Pointer::Touch);
    m.e.pointer_move(2, 500.0, 300.0, false);
    assert!(m.e.camera.zoom > zoom * 1.2, "a pinch zooms");
    assert!(m.e.pointer_up(2, 500.0, 300.0, false).is_empty());
    assert!(m.e.pointer_up(1, 350.0, 300.0, false).is_empty());
}

#[test]
fn in_embed_mode_a_plain_wheel_and_one_finger_are_the_pages_and_ctrl_wheel_and_two_fingers_the_maps(
) {
    let mut m = Map::new(square(), 0.0);
    m.set(|p| p.cooperative = true);
    m.settle();
    assert_eq!(m.attribute("data-gestures"), Some("cooperative"));
    assert_eq!(
        m.e.surface.styles.get("touch-action").map(String::as_str),
        Some("pan-x pan-y")
    );
    let cam = m.e.camera;
    assert_eq!(
        m.e.wheel_event(400.0, 300.0, -120.0, false, false),
        Wheel::Page
    );
    assert_eq!(m.e.camera, cam, "the page scrolls, the map stays");
    assert_eq!(
        m.e.wheel_event(400.0, 300.0, -120.0, true, false),
        Wheel::Zoom
    );
    assert!(m.e.camera.zoom > cam.zoom, "Ctrl + wheel zooms");

    let cam = m.e.camera;
    m.e.pointer_down(1, 100.0, 100.0, Pointer::Touch);
    m.e.pointer_move(1, 100.0, 200.0, false);
    m.e.pointer_up(1, 100.0, 200.0, false);
    assert_eq!(m.e.camera, cam, "one finger scrolls the page");
    m.e.pointer_down(1, 100.0, 100.0, Pointer::Touch);
    m.e.pointer_down(2, 200.0, 100.0, Pointer::Touch);
    m.e.pointer_move(1, 100.0, 150.0, false);
    m.e.pointer_move(2, 200.0, 150.0, false);
    assert_ne!(m.e.camera, cam, "two fingers move the map");
}

#[test]
fn arrow_keys_move_the_focus_between_neighbours_and_enter_selects() {
    let mut m = Map::new(square(), 0.0);
    m.set(|p| p.selected = Some(0));
    m.e.has_focus = true;
    m.settle();
    // The first arrow starts at the selected actor (a, top left).
    m.key("ArrowRight");
    assert_eq!(m.e.focused, Some(0));
    m.key("ArrowRight");
    assert_eq!(m.e.focused, Some(1), "b is right of a");
    m.key("ArrowDown");
    assert_eq!(m.e.focused, Some(3), "d is below b");
    m.key("ArrowLeft");
    assert_eq!(m.e.focused, Some(2), "c is left of d");
    m.settle();
    let ring = style::LIGHT.focus.to_string();
    assert!(
        m.e.surface.strokes.contains(&ring),
        "the focused actor has its ring"
    );
    assert_eq!(m.key("Enter"), vec![Out::Select(Some(2))]);
    assert_eq!(m.key("Escape"), vec![Out::Select(None)]);
}

/// `cols × rows` isolated actors placed on a grid `gap` world units apart.
fn grid(cols: usize, rows: usize, gap: f64) -> Dataset {
    let actors: Vec<_> = (0..cols * rows)
        .map(|i| {
            serde_json::json!({
                "id": format!("n{i}"), "name": format!("Actor {i}"), "type": "org",
                "position": {"x": (i % cols) as f64 * gap, "y": (i / cols) as f64 * gap}
            })
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "format": "civicmap/1",
        "taxonomy": {"actor_types": [{"id": "org"}], "link_kinds": [{"id": "works-with"}]},
        "actors": actors,
        "links": []
    }))
    .unwrap()
}

/// Only the actors `on` visible.
fn only(n: usize, on: &[usize]) -> Rc<Visible> {
    let mut actors = vec![false; n];
    for &a in on {
        actors[a] = true;
    }
    Rc::new(Visible {
        actors,
        links: Vec::new(),
        actor_count: on.len(),
        link_count: 0,
        undated_actors: 0,
    })
}

/// The free part of the canvas `(left, top, right, bottom)` the controls
/// of these tests leave: a count chip along the top, zoom buttons on the
/// right, a link at the bottom left.
const CHROME: [(f64, f64, f64, f64); 3] = [
    (12.0, 12.0, 300.0, 40.0),
    (740.0, 400.0, 48.0, 190.0),
    (12.0, 550.0, 230.0, 40.0),
];

#[test]
fn on_a_small_filtered_map_every_actor_that_fits_gets_its_label() {
    // 60 actors far apart: on the whole map each is drawn under the label
    // threshold, so none is labelled.
    let mut m = Map::new(grid(10, 6, 2000.0), 0.0);
    m.settle();
    assert_eq!(m.e.surface.texts.len(), 0, "{:?}", m.e.surface.texts);
    // Twenty of them, as spread out as the sixty: each still small, each
    // labelled.
    let shown: Vec<usize> = (0..60).step_by(3).collect();
    m.set(|p| p.visible = only(60, &shown));
    m.settle();
    let mut texts = m.e.surface.texts.clone();
    texts.sort();
    let mut want: Vec<String> = shown.iter().map(|i| format!("Actor {i}")).collect();
    want.sort();
    assert_eq!(texts, want);
    assert_eq!(m.attribute("data-labels"), Some("20"));
}

#[test]
fn after_a_filter_change_the_camera_frames_the_visible_actors_clear_of_the_controls() {
    let mut m = Map::new(grid(10, 6, 2000.0), 0.0);
    m.e.surface.overlays = CHROME.to_vec();
    m.settle();
    // The visitor zooms into the top-left corner…
    for _ in 0..6 {
        m.e.wheel(10.0, 10.0, -300.0, true);
    }
    m.settle();
    // …then filters: three actors at three corners of the grid.
    let shown = [0, 9, 59];
    m.set(|p| p.visible = only(60, &shown));
    m.settle();
    assert_eq!(m.attribute("data-framed"), Some("3/3"));
    for a in shown {
        let (x, y) = m.screen(a);
        // Clear of the chip (bottom at 52), the zoom column (left at 740)
        // and the link (top at 550), with the padding.
        assert!(
            (32.0..=708.0).contains(&x) && (84.0..=518.0).contains(&y),
            "{a}: {x} {y}"
        );
    }
}

#[test]
fn a_focus_on_a_small_map_frames_its_neighbours_rather_than_zooming_on_it() {
    // type=…&actor=…&depth=1: the selected actor and the two linked to it,
    // far apart, are all on screen.
    let mut m = Map::new(grid(10, 6, 2000.0), 0.0);
    m.e.surface.overlays = CHROME.to_vec();
    m.settle();
    m.set(|p| {
        p.selected = Some(25);
        p.visible = only(60, &[25, 3, 51]);
    });
    m.settle();
    assert_eq!(m.attribute("data-framed"), Some("3/3"));
    // Once framed, a resize keeps them framed.
    m.e.resize(390.0, 314.0, 1.0);
    m.settle();
    assert_eq!(m.attribute("data-framed"), Some("3/3"));
}

#[test]
fn a_resized_map_centred_on_an_actor_shows_what_a_map_loaded_at_that_size_shows() {
    // The embed dialog's preview: the frame is sized after the map centred
    // the selected actor (or hidden, then shown at another size).
    let mut m = Map::new(grid(10, 6, 100.0), 0.0);
    m.settle();
    m.set(|p| p.selected = Some(25));
    m.settle();
    m.e.resize(0.0, 0.0, 1.0);
    m.e.resize(600.0, 400.0, 1.0);
    m.settle();
    let mut fresh = Map::new(grid(10, 6, 100.0), 0.0);
    fresh.e.resize(600.0, 400.0, 1.0);
    fresh.settle();
    fresh.set(|p| p.selected = Some(25));
    fresh.settle();
    let (a, b) = (m.e.camera, fresh.e.camera);
    assert!(
        (a.x - b.x).abs() < 1e-6 && (a.y - b.y).abs() < 1e-6 && (a.zoom - b.zoom).abs() < 1e-9,
        "{a:?} vs {b:?}"
    );
    let (x, y) = m.screen(25);
    assert!(
        (x - 300.0).abs() < 0.5 && (y - 200.0).abs() < 0.5,
        "{x} {y}"
    );
}

#[test]
fn new_measures_are_drawn_then_marked_once_with_their_sizes_and_rings() {
    use super::scene::NodeEncoding;
    use crate::model::network::communities::{Swatch, OKABE_ITO};
    use crate::model::view::encoding::Colouring;
    use crate::model::view::state::ColorBy;

    let mut m = Map::new(square(), 0.0);
    m.settle();
    let n = m.props.dataset.actors.len();
    let base = m.e.scene.radius.clone();
    let mut radius = vec![4.0; n];
    radius[1] = 20.0;
    let colouring = Colouring {
        by: ColorBy::Objective,
        fill: vec![Swatch::Colour(0); n],
        ring: (0..n)
            .map(|a| (a == 1).then_some(Swatch::Colour(2)))
            .collect(),
        legend: Vec::new(),
        rings: true,
    };
    m.set(|p| {
        p.encoding = Rc::new(NodeEncoding {
            radius: radius.clone(),
            colouring: Some(colouring.clone()),
            measured: true,
        })
    });
    assert_eq!(m.frame(), vec![Out::Measured]);
    assert_eq!(m.e.scene.radius, radius);
    assert_eq!(m.e.scene.by_priority[0], 1, "the largest is labelled first");
    // One ring, in the second group's colour, over the outline.
    let rings =
        m.e.surface
            .strokes
            .iter()
            .filter(|s| *s == OKABE_ITO[2])
            .count();
    assert_eq!(rings, 1, "{:?}", m.e.surface.strokes);
    // A click where only the bigger node reaches selects it.
    let (x, y) = m.screen(1);
    let r = m.e.scene.radius[1] * m.e.camera.zoom;
    assert_eq!(m.click((x + r * 0.8, y)), vec![Out::Select(Some(1))]);
    // Nothing new: no second mark. The same encoding again: none either.
    m.set(|p| p.selected = None);
    assert!(!m.frame().contains(&Out::Measured));
    m.set(|p| p.encoding = Rc::new((*p.encoding).clone()));
    assert!(!m.frame().contains(&Out::Measured));
    // Back to the default: the base radii, the types' colours.
    m.set(|p| p.encoding = Rc::default());
    m.frame();
    assert_eq!(m.e.scene.radius, base);
    assert!(m.e.scene.paint.is_none());
}
