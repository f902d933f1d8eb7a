//! MapCanvas in a real browser (headless Chromium through
//! wasm-bindgen-test-runner): it mounts, fills its parent at the device pixel
//! ratio, fires `on_ready` once the layout has settled, selects on a tap,
//! clears on a tap in empty space, and works from the keyboard; in embed
//! mode (cooperative gestures) it leaves plain wheels and one-finger
//! swipes to the page.
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_render`
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::cell::RefCell;
use std::rc::Rc;

use civicmap::model::format::dataset::Dataset;
use civicmap::model::network::filter::{visible, Filter};
use civicmap::model::network::graph::Graph;
use civicmap::model::view::state::Lang;
use civicmap::render::{MapCanvas, MapCanvasProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::{AttrValue, Callback};

wasm_bindgen_test_configure!(run_in_browser);

/// A hub at the centre and four actors around it, all placed by the file,
/// so the hub is drawn at the canvas's centre once the camera fits.
fn star(with_positions: bool) -> Dataset {
    let pos = |x: f64, y: f64| {
        if with_positions {
            serde_json::json!({"x": x, "y": y})
        } else {
            serde_json::Value::Null
        }
    };
    let mut v = serde_json::json!({
        "format": "civicmap/1",
        "taxonomy": {
            "actor_types": [
                {"id": "association", "label": {"fr": "Association", "en": "Association"},
                 "color": "#1b9e77", "color_dark": "#66c2a5", "shape": "circle"},
                {"id": "startup", "label": {"fr": "Start-up", "en": "Start-up"},
                 "color": "#d95f02", "color_dark": "#fc8d62", "shape": "star"}
            ],
            "objectives": [], "ecosystems": [],
            "link_kinds": [
                {"id": "funds", "label": "finance", "directed": true},
                {"id": "partners-with", "label": "partenaire", "directed": false}
            ]
        },
        "actors": [
            {"id": "hub", "name": "Hub", "type": "association", "founded": 2010, "position": pos(0.0, 0.0)},
            {"id": "west", "name": "Ouest", "type": "startup", "position": pos(-100.0, 0.0)},
            {"id": "east", "name": "Est", "type": "startup", "position": pos(100.0, 0.0)},
            {"id": "north", "name": "Nord", "type": "association", "position": pos(0.0, -100.0)},
            {"id": "south", "name": "Sud", "type": "association", "position": pos(0.0, 100.0)}
        ],
        "links": [
            {"source": "hub", "target": "west", "kind": "funds"},
            {"source": "hub", "target": "east", "kind": "partners-with"},
            {"source": "north", "target": "hub", "kind": "funds"},
            {"source": "south", "target": "hub", "kind": "partners-with"}
        ]
    });
    if !with_positions {
        for a in v["actors"].as_array_mut().unwrap() {
            a.as_object_mut().unwrap().remove("position");
        }
    }
    serde_json::from_value(v).unwrap()
}

#[derive(Default)]
struct Record {
    ready: u32,
    selections: Vec<Option<usize>>,
}

fn props(ds: Dataset, rec: Rc<RefCell<Record>>, selected: Option<usize>) -> MapCanvasProps {
    let g = Graph::new(&ds);
    let vis = visible(&ds, &g, &Filter::default());
    let r1 = rec.clone();
    MapCanvasProps {
        dataset: Rc::new(ds),
        graph: Rc::new(g),
        visible: Rc::new(vis),
        selected,
        highlighted: Rc::new(Vec::new()),
        path_links: Rc::new(Vec::new()),
        encoding: Rc::default(),
        year_active: false,
        dark: false,
        lang: Lang::Fr,
        reduced_motion: false,
        on_select: Callback::from(move |s| r1.borrow_mut().selections.push(s)),
        on_ready: Callback::from(move |_| rec.borrow_mut().ready += 1),
        label: AttrValue::from("Carte du réseau : 5 acteurs et 4 liens affichés."),
        cooperative: false,
    }
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh 600 × 400 host element.
fn host() -> web_sys::Element {
    let div = document().create_element("div").unwrap();
    div.set_attribute("style", "width:600px;height:400px;position:relative")
        .unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

async fn wait_until(what: &str, f: impl Fn() -> bool) {
    for _ in 0..200 {
        if f() {
            return;
        }
        sleep(25).await;
    }
    panic!("timed out waiting for {what}");
}

/// Runs a JS snippet with the canvas as `c`.
fn js(canvas: &web_sys::Element, body: &str) {
    let f = js_sys::Function::new_with_args("c", body);
    f.call1(&wasm_bindgen::JsValue::NULL, canvas).unwrap();
}

fn tap(canvas: &web_sys::Element, x: f64, y: f64) {
    js(
        canvas,
        &format!(
            "const r = c.getBoundingClientRect();
             for (const type of ['pointerdown', 'pointerup']) {{
               c.dispatchEvent(new PointerEvent(type, {{bubbles: true, pointerId: 7, pointerType: 'mouse',
                 isPrimary: true, button: 0, clientX: r.left + {x}, clientY: r.top + {y}}}));
             }}"
        ),
    );
}

fn key(canvas: &web_sys::Element, k: &str) {
    js(
        canvas,
        &format!("c.dispatchEvent(new KeyboardEvent('keydown', {{key: '{k}', bubbles: true, cancelable: true}}));"),
    );
}

/// A map mounted in its own host element, ready, with its canvas and what
/// its callbacks recorded.
struct Mounted {
    root: web_sys::Element,
    handle: yew::AppHandle<MapCanvas>,
    canvas: web_sys::Element,
    rec: Rc<RefCell<Record>>,
}

/// Mounts a map of `ds` (embed mode if `cooperative`), waits for its first
/// `on_ready` and finds its canvas.
async fn mount(ds: Dataset, selected: Option<usize>, cooperative: bool) -> Mounted {
    let rec = Rc::new(RefCell::new(Record::default()));
    let root = host();
    let mut p = props(ds, rec.clone(), selected);
    p.cooperative = cooperative;
    let handle = yew::Renderer::<MapCanvas>::with_root_and_props(root.clone(), p).render();
    wait_until("on_ready", || rec.borrow().ready == 1).await;
    let canvas = root
        .query_selector("canvas[data-testid=map-canvas]")
        .unwrap()
        .unwrap();
    Mounted {
        root,
        handle,
        canvas,
        rec,
    }
}

#[wasm_bindgen_test]
async fn canvas_mounts_fills_its_parent_and_is_ready_once() {
    let Mounted {
        root,
        handle,
        canvas,
        rec,
    } = mount(star(true), None, false).await;
    assert_eq!(canvas.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert!(canvas
        .get_attribute("aria-label")
        .unwrap()
        .contains("5 acteurs"));
    let c: web_sys::HtmlCanvasElement = canvas.clone().dyn_into().unwrap();
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    assert_eq!(c.width(), (600.0 * dpr).round() as u32);
    assert_eq!(c.height(), (400.0 * dpr).round() as u32);
    for (id, label) in [
        ("zoom-in", "Zoomer"),
        ("zoom-out", "Dézoomer"),
        ("zoom-fit", "Tout voir"),
    ] {
        let b = root
            .query_selector(&format!("[data-testid={id}]"))
            .unwrap()
            .unwrap();
        assert_eq!(b.get_attribute("aria-label").as_deref(), Some(label));
        let r = b.get_bounding_client_rect();
        assert!(
            r.width() >= 44.0 && r.height() >= 44.0,
            "{id} is a 44 px target"
        );
    }
    // Something was drawn: the centre pixel is the hub, not the background.
    let pixel = js_sys::Function::new_with_args(
        "c",
        "const d = window.devicePixelRatio; \
         return Array.from(c.getContext('2d').getImageData(Math.round(300 * d), Math.round(200 * d), 1, 1).data);",
    );
    let px: Vec<u8> =
        js_sys::Array::from(&pixel.call1(&wasm_bindgen::JsValue::NULL, &canvas).unwrap())
            .iter()
            .map(|v| v.as_f64().unwrap() as u8)
            .collect();
    assert_ne!(
        px,
        vec![0xf7, 0xf8, 0xfa, 0xff],
        "the hub is drawn at the centre"
    );

    // A tap on the hub selects it; a tap in an empty corner clears. The
    // camera frames the star clear of the zoom buttons, so the hub is
    // found where it is drawn: the middle one of the three associations
    // (one column: the mean x; the median y lies in the biggest, middle blob).
    let find = js_sys::Function::new_with_args(
        "c",
        "const d = window.devicePixelRatio; \
         const img = c.getContext('2d').getImageData(0, 0, c.width, c.height); \
         const xs = [], ys = []; \
         for (let i = 0; i < img.data.length; i += 4) { \
           const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]]; \
           if (Math.abs(r - 0x1b) < 3 && Math.abs(g - 0x9e) < 3 && Math.abs(b - 0x77) < 3) { \
             const p = i / 4; xs.push(p % c.width); ys.push(Math.floor(p / c.width)); } } \
         ys.sort((a, b) => a - b); \
         return [xs.reduce((a, b) => a + b, 0) / xs.length / d, ys[ys.length >> 1] / d];",
    );
    let hub: Vec<f64> =
        js_sys::Array::from(&find.call1(&wasm_bindgen::JsValue::NULL, &canvas).unwrap())
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
    tap(&canvas, hub[0], hub[1]);
    tap(&canvas, 20.0, 20.0);
    assert_eq!(rec.borrow().selections, vec![Some(0), None]);

    // A drag is not a click.
    js(
        &canvas,
        "const r = c.getBoundingClientRect();
         const ev = (type, x) => c.dispatchEvent(new PointerEvent(type, {bubbles: true, pointerId: 8,
           pointerType: 'mouse', isPrimary: true, button: 0, buttons: 1, clientX: r.left + x, clientY: r.top + 200}));
         ev('pointerdown', 300); ev('pointermove', 340); ev('pointermove', 380); ev('pointerup', 380);",
    );
    assert_eq!(rec.borrow().selections.len(), 2);

    // Still ready only once; a new dataset re-arms it.
    sleep(100).await;
    assert_eq!(rec.borrow().ready, 1);
    let mut handle = handle;
    handle.update(props(star(true), rec.clone(), None));
    wait_until("on_ready after a new dataset", || rec.borrow().ready == 2).await;
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn keyboard_moves_focus_announces_and_selects() {
    let Mounted {
        root,
        handle,
        canvas,
        rec,
    } = mount(star(true), None, false).await;
    let live = root.query_selector("[aria-live]").unwrap().unwrap();

    // The first arrow focuses the actor nearest the centre (the hub)…
    key(&canvas, "ArrowRight");
    wait_until("announcement of the hub", || {
        live.text_content().unwrap_or_default().contains("Hub")
    })
    .await;
    assert!(live.text_content().unwrap().contains("4 liens"));
    // …the next one moves to the actor on its right.
    key(&canvas, "ArrowRight");
    wait_until("announcement of Est", || {
        live.text_content().unwrap_or_default().starts_with("Est")
    })
    .await;
    key(&canvas, "Enter");
    assert_eq!(rec.borrow().selections, vec![Some(2)]);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn ready_waits_for_the_layout_to_settle() {
    let Mounted {
        root, handle, rec, ..
    } = mount(star(false), Some(1), false).await;
    assert_eq!(rec.borrow().ready, 1, "on_ready after the layout");
    handle.destroy();
    root.remove();
}

/// Dispatches a cancelable event built by `make` (JS, with the canvas's
/// rect as `r`) on the canvas; returns whether the map cancelled it.
fn cancelled(canvas: &web_sys::Element, make: &str) -> bool {
    let f = js_sys::Function::new_with_args(
        "c",
        &format!("const r = c.getBoundingClientRect(); return !c.dispatchEvent({make});"),
    );
    f.call1(&wasm_bindgen::JsValue::NULL, canvas)
        .unwrap()
        .as_bool()
        .unwrap()
}

fn wheel(modifier: &str) -> String {
    format!(
        "new WheelEvent('wheel', {{bubbles: true, cancelable: true, deltaY: -120, \
         clientX: r.left + 300, clientY: r.top + 200, {modifier}}})"
    )
}

fn touch_move(fingers: usize) -> String {
    let touches = (0..fingers)
        .map(|i| {
            format!(
                "new Touch({{identifier: {i}, target: c, clientX: r.left + {}, clientY: r.top + 200}})",
                200 + 100 * i
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "new TouchEvent('touchmove', {{bubbles: true, cancelable: true, touches: [{touches}]}})"
    )
}

/// Whether the hint element has the `visible` class.
fn shown(hint: &web_sys::Element) -> bool {
    hint.class_name().split(' ').any(|c| c == "visible")
}

fn zoom(canvas: &web_sys::Element) -> f64 {
    canvas.get_attribute("data-zoom").unwrap().parse().unwrap()
}

#[wasm_bindgen_test]
async fn embed_mode_leaves_plain_wheels_and_one_finger_to_the_page() {
    let Mounted {
        root,
        handle,
        canvas,
        ..
    } = mount(star(true), None, true).await;
    let touch_action =
        js_sys::Function::new_with_args("c", "return getComputedStyle(c).touchAction;")
            .call1(&wasm_bindgen::JsValue::NULL, &canvas)
            .unwrap()
            .as_string()
            .unwrap();
    assert_eq!(
        touch_action, "pan-x pan-y",
        "one finger may scroll the page"
    );
    assert_eq!(
        canvas.get_attribute("data-gestures").as_deref(),
        Some("cooperative")
    );
    let hint = || {
        root.query_selector("[data-testid=map-hint]")
            .unwrap()
            .unwrap()
    };
    assert!(!shown(&hint()));
    assert_eq!(hint().get_attribute("aria-hidden").as_deref(), Some("true"));

    // A plain wheel is the page's: not cancelled, no zoom, a hint.
    let z0 = zoom(&canvas);
    assert!(!cancelled(&canvas, &wheel("")));
    sleep(50).await;
    assert_eq!(zoom(&canvas), z0);
    wait_until("the wheel hint", || shown(&hint())).await;
    assert!(hint().text_content().unwrap().contains("molette"));
    assert_eq!(hint().get_attribute("data-hint").as_deref(), Some("wheel"));
    wait_until("the hint to go", || !shown(&hint())).await;

    // Ctrl + wheel (and ⌘ + wheel) zoom.
    assert!(cancelled(&canvas, &wheel("ctrlKey: true")));
    wait_until("a zoom", || zoom(&canvas) > z0).await;
    let z1 = zoom(&canvas);
    assert!(cancelled(&canvas, &wheel("metaKey: true")));
    wait_until("another zoom", || zoom(&canvas) > z1).await;

    // A click activates the map: plain wheels zoom until the pointer leaves.
    js(
        &canvas,
        "const r = c.getBoundingClientRect();
         c.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, pointerId: 9, pointerType: 'mouse',
           isPrimary: true, button: 0, clientX: r.left + 20, clientY: r.top + 20}));
         c.dispatchEvent(new PointerEvent('pointerup', {bubbles: true, pointerId: 9, pointerType: 'mouse',
           isPrimary: true, button: 0, clientX: r.left + 20, clientY: r.top + 20}));",
    );
    assert_eq!(
        canvas.get_attribute("data-gestures").as_deref(),
        Some("active")
    );
    let z2 = zoom(&canvas);
    assert!(cancelled(&canvas, &wheel("")));
    wait_until("a zoom once active", || zoom(&canvas) > z2).await;
    js(
        &canvas,
        "c.dispatchEvent(new PointerEvent('pointerleave', {pointerId: 9, pointerType: 'mouse'}));",
    );
    assert_eq!(
        canvas.get_attribute("data-gestures").as_deref(),
        Some("cooperative")
    );
    assert!(!cancelled(&canvas, &wheel("")));

    // One finger: the page's (with a hint); two fingers: the map's.
    assert!(!cancelled(&canvas, &touch_move(1)));
    wait_until("the touch hint", || {
        hint().get_attribute("data-hint").as_deref() == Some("touch") && shown(&hint())
    })
    .await;
    assert!(hint().text_content().unwrap().contains("deux doigts"));
    assert!(cancelled(&canvas, &touch_move(2)));

    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_standalone_map_zooms_on_any_wheel() {
    let Mounted {
        root,
        handle,
        canvas,
        ..
    } = mount(star(true), None, false).await;
    assert_eq!(
        canvas.get_attribute("data-gestures").as_deref(),
        Some("free")
    );
    assert!(root
        .query_selector("[data-testid=map-hint]")
        .unwrap()
        .is_none());
    let z0 = zoom(&canvas);
    assert!(cancelled(&canvas, &wheel("")));
    wait_until("a zoom", || zoom(&canvas) > z0).await;
    assert!(cancelled(&canvas, &touch_move(1)));
    handle.destroy();
    root.remove();
}
