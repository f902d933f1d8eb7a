//! What the engine needs from a `<canvas>`: the few Canvas 2D operations
//! [`super::draw`] makes, the backing store's size, the element's attributes
//! and style properties the engine keeps up to date, and the clock frames
//! are timed with, and the Web Worker a big layout runs in.
//!
//! [`WebSurface`] is the browser's canvas; a recording surface in the tests
//! (`super::recording`) lets the engine's frame budget, gestures, selection
//! and hit testing run natively.

use std::f64::consts::TAU;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::model::format::dataset::Position;
use crate::model::network::layout::LayoutInput;

/// A canvas the engine draws on. Drawing calls cannot fail in a way the
/// visitor could act on, so they return nothing.
pub trait Surface {
    /// Whether a real canvas is behind the surface (attributes set before
    /// are lost, so the engine sets them again once it is).
    fn attached(&self) -> bool;
    /// Milliseconds on a monotonic clock (`performance.now()`).
    fn now(&self) -> f64;
    /// Sizes the backing store (device pixels).
    fn set_size(&mut self, width: u32, height: u32);
    /// Sets an attribute of the canvas element (`data-zoom`, …).
    fn set_attribute(&mut self, name: &str, value: &str);
    /// Sets a style property of the canvas element (`cursor`, `touch-action`).
    fn set_style_property(&mut self, property: &str, value: &str);
    /// The width of `text` in the current font, if it can be measured.
    fn measure_text(&mut self, text: &str) -> Option<f64>;
    /// The boxes `(x, y, width, height)`, in canvas coordinates, of the
    /// page's controls drawn over the canvas ([`OVERLAYS`]).
    fn overlays(&self) -> Vec<(f64, f64, f64, f64)>;

    fn set_transform(&mut self, scale: f64);
    fn set_global_alpha(&mut self, alpha: f64);
    fn set_fill_style(&mut self, colour: &str);
    fn set_stroke_style(&mut self, colour: &str);
    fn set_line_width(&mut self, width: f64);
    fn set_line_cap(&mut self, cap: &str);
    fn set_line_join(&mut self, join: &str);
    fn set_line_dash(&mut self, dash: &[f64]);
    fn set_font(&mut self, font: &str);
    fn set_text_baseline(&mut self, baseline: &str);
    fn set_text_align(&mut self, align: &str);
    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64);
    fn begin_path(&mut self);
    fn move_to(&mut self, x: f64, y: f64);
    fn line_to(&mut self, x: f64, y: f64);
    /// A full circle as a new sub-path.
    fn circle(&mut self, x: f64, y: f64, r: f64);
    fn fill(&mut self);
    fn stroke(&mut self);
    fn fill_text(&mut self, text: &str, x: f64, y: f64);
    fn stroke_text(&mut self, text: &str, x: f64, y: f64);

    /// Keeps a copy of what the canvas shows now (the last complete
    /// drawing), for [`Surface::draw_snapshot`].
    fn keep_snapshot(&mut self) {}
    /// Draws the kept copy as [`SnapshotDraw`] says; false (and nothing
    /// drawn) without a copy of the canvas's current size.
    fn draw_snapshot(&mut self, _snap: SnapshotDraw<'_>) -> bool {
        false
    }
    /// Starts laying out `input` away from the page's thread (a Web
    /// Worker, `crate::work::client`); `None` where that cannot be done,
    /// and the engine lays out itself.
    fn lay_out_away(&mut self, _input: &LayoutInput) -> Option<Box<dyn AwayLayout>> {
        None
    }
}

/// A layout running away from the page's thread, as the engine polls it
/// once per frame.
pub trait AwayLayout {
    /// The newest positions that arrived since the last call, if any.
    fn take(&mut self) -> Option<Vec<Position>>;
    /// Whether the positions that arrived last are the settled ones.
    fn settled(&self) -> bool;
    /// Whether it failed: the engine then lays out on the page itself.
    fn failed(&self) -> bool;
}

/// Where [`Surface::draw_snapshot`] puts the kept drawing: the canvas is
/// filled with `background` (`width` × `height` CSS pixels at `dpr`
/// device pixels each), then the drawing is put with its top-left corner
/// at `(x, y)`, scaled by `scale` (CSS pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SnapshotDraw<'a> {
    pub dpr: f64,
    pub background: &'a str,
    pub width: f64,
    pub height: f64,
    pub x: f64,
    pub y: f64,
    pub scale: f64,
}

/// The page's controls that sit over the map (the count and notices, the
/// zoom buttons, the text-version link, embed mode's buttons, the legend): the camera
/// frames the actors in what they leave free.
pub const OVERLAYS: &str =
    ".map-overlay > *, .map-text-version, .civicmap-zoom, .embed-controls, .map-legend";

/// The browser's canvas and its 2D context; every call is a no-op before
/// the component is mounted.
#[derive(Default)]
pub struct WebSurface {
    canvas: Option<HtmlCanvasElement>,
    ctx: Option<CanvasRenderingContext2d>,
    /// The last dash pattern set, so that an unchanged pattern does not
    /// build a new JS array.
    dash: Option<Vec<f64>>,
    /// A detached canvas holding the last complete drawing
    /// ([`Surface::keep_snapshot`]), created on first use.
    snapshot: Option<(HtmlCanvasElement, CanvasRenderingContext2d)>,
    /// Whether `snapshot` holds the drawing of the canvas's current size.
    snapshot_kept: bool,
}

/// A new `<canvas>` outside the page (the PNG export's, the kept drawing's).
pub fn offscreen_canvas() -> Option<HtmlCanvasElement> {
    web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into::<HtmlCanvasElement>()
        .ok()
}

/// A canvas's 2D context, if it has one.
fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

impl WebSurface {
    /// The surface of a mounted canvas (its 2D context, if it has one).
    pub fn new(canvas: Option<HtmlCanvasElement>) -> WebSurface {
        let ctx = canvas.as_ref().and_then(context_2d);
        WebSurface {
            canvas,
            ctx,
            dash: None,
            snapshot: None,
            snapshot_kept: false,
        }
    }
}

impl Surface for WebSurface {
    fn attached(&self) -> bool {
        self.canvas.is_some()
    }
    fn lay_out_away(&mut self, input: &LayoutInput) -> Option<Box<dyn AwayLayout>> {
        crate::work::client::layout_away(input)
    }
    fn now(&self) -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or(0.0)
    }
    fn set_size(&mut self, width: u32, height: u32) {
        if let Some(c) = &self.canvas {
            c.set_width(width);
            c.set_height(height);
        }
        // Sizing a canvas resets its context's state (and its drawing).
        self.dash = None;
        self.snapshot_kept = false;
    }
    fn set_attribute(&mut self, name: &str, value: &str) {
        if let Some(c) = &self.canvas {
            let _ = c.set_attribute(name, value);
        }
    }
    fn set_style_property(&mut self, property: &str, value: &str) {
        if let Some(c) = &self.canvas {
            let _ = c.style().set_property(property, value);
        }
    }
    fn measure_text(&mut self, text: &str) -> Option<f64> {
        let ctx = self.ctx.as_ref()?;
        Some(ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0))
    }
    fn overlays(&self) -> Vec<(f64, f64, f64, f64)> {
        let mut out = Vec::new();
        let Some(c) = &self.canvas else { return out };
        let Some(doc) = c.owner_document() else {
            return out;
        };
        let Ok(list) = doc.query_selector_all(OVERLAYS) else {
            return out;
        };
        let origin = c.get_bounding_client_rect();
        for i in 0..list.length() {
            let Some(el) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let r = el.get_bounding_client_rect();
            if r.width() > 0.0 && r.height() > 0.0 {
                out.push((
                    r.x() - origin.x(),
                    r.y() - origin.y(),
                    r.width(),
                    r.height(),
                ));
            }
        }
        out
    }
    fn set_transform(&mut self, scale: f64) {
        if let Some(c) = &self.ctx {
            let _ = c.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0);
        }
    }
    fn set_global_alpha(&mut self, alpha: f64) {
        if let Some(c) = &self.ctx {
            c.set_global_alpha(alpha);
        }
    }
    fn set_fill_style(&mut self, colour: &str) {
        if let Some(c) = &self.ctx {
            c.set_fill_style_str(colour);
        }
    }
    fn set_stroke_style(&mut self, colour: &str) {
        if let Some(c) = &self.ctx {
            c.set_stroke_style_str(colour);
        }
    }
    fn set_line_width(&mut self, width: f64) {
        if let Some(c) = &self.ctx {
            c.set_line_width(width);
        }
    }
    fn set_line_cap(&mut self, cap: &str) {
        if let Some(c) = &self.ctx {
            c.set_line_cap(cap);
        }
    }
    fn set_line_join(&mut self, join: &str) {
        if let Some(c) = &self.ctx {
            c.set_line_join(join);
        }
    }
    fn set_line_dash(&mut self, dash: &[f64]) {
        let Some(c) = &self.ctx else { return };
        if self.dash.as_deref() == Some(dash) {
            return;
        }
        let a = js_sys::Array::new();
        for x in dash {
            a.push(&JsValue::from_f64(*x));
        }
        let _ = c.set_line_dash(&a);
        self.dash = Some(dash.to_vec());
    }
    fn set_font(&mut self, font: &str) {
        if let Some(c) = &self.ctx {
            c.set_font(font);
        }
    }
    fn set_text_baseline(&mut self, baseline: &str) {
        if let Some(c) = &self.ctx {
            c.set_text_baseline(baseline);
        }
    }
    fn set_text_align(&mut self, align: &str) {
        if let Some(c) = &self.ctx {
            c.set_text_align(align);
        }
    }
    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        if let Some(c) = &self.ctx {
            c.fill_rect(x, y, w, h);
        }
    }
    fn begin_path(&mut self) {
        if let Some(c) = &self.ctx {
            c.begin_path();
        }
    }
    fn move_to(&mut self, x: f64, y: f64) {
        if let Some(c) = &self.ctx {
            c.move_to(x, y);
        }
    }
    fn line_to(&mut self, x: f64, y: f64) {
        if let Some(c) = &self.ctx {
            c.line_to(x, y);
        }
    }
    fn circle(&mut self, x: f64, y: f64, r: f64) {
        if let Some(c) = &self.ctx {
            c.move_to(x + r, y);
            let _ = c.arc(x, y, r, 0.0, TAU);
        }
    }
    fn fill(&mut self) {
        if let Some(c) = &self.ctx {
            c.fill();
        }
    }
    fn stroke(&mut self) {
        if let Some(c) = &self.ctx {
            c.stroke();
        }
    }
    fn fill_text(&mut self, text: &str, x: f64, y: f64) {
        if let Some(c) = &self.ctx {
            let _ = c.fill_text(text, x, y);
        }
    }
    fn stroke_text(&mut self, text: &str, x: f64, y: f64) {
        if let Some(c) = &self.ctx {
            let _ = c.stroke_text(text, x, y);
        }
    }
    fn keep_snapshot(&mut self) {
        let Some(canvas) = &self.canvas else { return };
        if self.snapshot.is_none() {
            self.snapshot = offscreen_canvas().and_then(|c| {
                let ctx = context_2d(&c)?;
                Some((c, ctx))
            });
        }
        let Some((copy, ctx)) = &self.snapshot else {
            return;
        };
        if copy.width() != canvas.width() || copy.height() != canvas.height() {
            copy.set_width(canvas.width());
            copy.set_height(canvas.height());
        }
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.set_global_alpha(1.0);
        ctx.clear_rect(0.0, 0.0, f64::from(copy.width()), f64::from(copy.height()));
        self.snapshot_kept = ctx
            .draw_image_with_html_canvas_element(canvas, 0.0, 0.0)
            .is_ok();
    }
    fn draw_snapshot(&mut self, s: SnapshotDraw<'_>) -> bool {
        let (Some(c), Some((copy, _)), true) = (&self.ctx, &self.snapshot, self.snapshot_kept)
        else {
            return false;
        };
        let _ = c.set_transform(s.dpr, 0.0, 0.0, s.dpr, 0.0, 0.0);
        c.set_global_alpha(1.0);
        c.set_fill_style_str(s.background);
        c.fill_rect(0.0, 0.0, s.width, s.height);
        c.draw_image_with_html_canvas_element_and_dw_and_dh(
            copy,
            s.x,
            s.y,
            s.width * s.scale,
            s.height * s.scale,
        )
        .is_ok()
    }
}
