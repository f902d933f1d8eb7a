//! The camera: which part of the layout's world plane the canvas shows.
//!
//! World coordinates are the layout's (`model::dataset::Position`), screen
//! coordinates are CSS pixels from the canvas's top-left corner; both have
//! `y` pointing down. A [`Camera`] is the world point at the centre of the
//! viewport plus a zoom (screen pixels per world unit). Everything here is
//! plain arithmetic, tested natively.

/// The size of the drawing area in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub width: f64,
    pub height: f64,
}

impl Viewport {
    /// True when there is nothing to draw on (a hidden or collapsed canvas).
    pub fn is_empty(&self) -> bool {
        !(self.width >= 1.0 && self.height >= 1.0)
    }

    /// The centre of the viewport, in screen coordinates.
    pub fn centre(&self) -> (f64, f64) {
        (self.width / 2.0, self.height / 2.0)
    }
}

/// An axis-aligned box in world coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl Bounds {
    /// The smallest box containing every disc `(x, y, radius)`; `None` when
    /// there is none (or none is finite).
    pub fn of_discs(discs: impl IntoIterator<Item = (f64, f64, f64)>) -> Option<Bounds> {
        let mut b: Option<Bounds> = None;
        for (x, y, r) in discs {
            if !(x.is_finite() && y.is_finite() && r.is_finite()) {
                continue;
            }
            let r = r.max(0.0);
            let d = Bounds {
                min_x: x - r,
                min_y: y - r,
                max_x: x + r,
                max_y: y + r,
            };
            b = Some(match b {
                None => d,
                Some(a) => Bounds {
                    min_x: a.min_x.min(d.min_x),
                    min_y: a.min_y.min(d.min_y),
                    max_x: a.max_x.max(d.max_x),
                    max_y: a.max_y.max(d.max_y),
                },
            });
        }
        b
    }

    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }

    pub fn centre(&self) -> (f64, f64) {
        (
            (self.min_x + self.max_x) / 2.0,
            (self.min_y + self.max_y) / 2.0,
        )
    }
}

/// How much of the canvas's edges the page's own controls cover (CSS
/// pixels): the camera frames what it shows inside what is left.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Insets {
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
}

impl Insets {
    /// No side may lose more than this share of the viewport.
    pub const MAX_SHARE: f64 = 0.35;

    /// The insets left by controls drawn over the canvas, given as boxes
    /// `(x, y, width, height)` in canvas coordinates. Each box is charged to
    /// the edge it takes the least from (a count chip across the top, a
    /// column of zoom buttons on the right, a link along the bottom) or,
    /// given the `content`'s size (world units), to the one of its two
    /// cheapest edges that leaves the bigger zoom for it (a wide graph on a
    /// tall phone keeps its width and gives up height). Boxes outside the
    /// canvas, broken, or covering most of it (a hint shown over the whole
    /// map) count for nothing.
    pub fn from_overlays(
        vp: Viewport,
        boxes: impl IntoIterator<Item = (f64, f64, f64, f64)>,
        content: Option<(f64, f64)>,
    ) -> Insets {
        let mut out = Insets::default();
        if vp.is_empty() {
            return out;
        }
        let (w, h) = (vp.width, vp.height);
        for (x, y, bw, bh) in boxes {
            if !(x.is_finite() && y.is_finite() && bw.is_finite() && bh.is_finite()) {
                continue;
            }
            let (l, t) = (x.max(0.0), y.max(0.0));
            let (r, b) = ((x + bw).min(w), (y + bh).min(h));
            if r <= l || b <= t || (r - l) * (b - t) > 0.5 * w * h {
                continue;
            }
            // What each edge would give up, as a share of its dimension.
            let mut costs = [(b / h, 0), ((w - l) / w, 1), ((h - t) / h, 2), (r / w, 3)];
            costs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let charge = |mut i: Insets, side: usize| {
                match side {
                    0 => i.top = i.top.max(b),
                    1 => i.right = i.right.max(w - l),
                    2 => i.bottom = i.bottom.max(h - t),
                    _ => i.left = i.left.max(r),
                }
                i
            };
            let first = charge(out, costs[0].1);
            out = match content {
                Some((cw, ch)) if costs[1].0 <= 0.5 => {
                    let second = charge(out, costs[1].1);
                    let zoom = |i: Insets| {
                        let (fw, fh) = i.free(vp);
                        (fw / cw.max(1e-9)).min(fh / ch.max(1e-9))
                    };
                    if zoom(second) > zoom(first) * (1.0 + 1e-9) {
                        second
                    } else {
                        first
                    }
                }
                _ => first,
            };
        }
        let (mw, mh) = (w * Self::MAX_SHARE, h * Self::MAX_SHARE);
        Insets {
            top: out.top.min(mh),
            right: out.right.min(mw),
            bottom: out.bottom.min(mh),
            left: out.left.min(mw),
        }
    }

    /// The centre of the part of `vp` the insets leave free.
    pub fn centre(&self, vp: Viewport) -> (f64, f64) {
        (
            (self.left + vp.width - self.right) / 2.0,
            (self.top + vp.height - self.bottom) / 2.0,
        )
    }

    /// The free part's size.
    pub fn free(&self, vp: Viewport) -> (f64, f64) {
        (
            (vp.width - self.left - self.right).max(1.0),
            (vp.height - self.top - self.bottom).max(1.0),
        )
    }
}

/// The zooms a visitor may reach, relative to the zoom that fits the graph:
/// from a quarter of it (the whole graph small in the middle) to
/// [`ZoomRange::MAX_OVER_FIT`] times it (a few actors fill the screen).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZoomRange {
    pub min: f64,
    pub max: f64,
}

impl ZoomRange {
    /// How far out from the fitting zoom one can go.
    pub const MIN_OVER_FIT: f64 = 0.25;
    /// How far in from the fitting zoom one can go.
    pub const MAX_OVER_FIT: f64 = 60.0;

    /// The range around the zoom that fits the whole graph.
    pub fn around(fit_zoom: f64) -> ZoomRange {
        let fit = if fit_zoom.is_finite() && fit_zoom > 0.0 {
            fit_zoom
        } else {
            1.0
        };
        ZoomRange {
            min: fit * Self::MIN_OVER_FIT,
            max: fit * Self::MAX_OVER_FIT,
        }
    }

    pub fn clamp(&self, zoom: f64) -> f64 {
        if zoom.is_nan() {
            return self.min;
        }
        zoom.clamp(self.min, self.max)
    }
}

/// What the canvas shows: the world point at the viewport centre and the
/// scale (CSS pixels per world unit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    pub x: f64,
    pub y: f64,
    pub zoom: f64,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            x: 0.0,
            y: 0.0,
            zoom: 1.0,
        }
    }
}

impl Camera {
    /// World → screen.
    pub fn to_screen(&self, vp: Viewport, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.x) * self.zoom + vp.width / 2.0,
            (y - self.y) * self.zoom + vp.height / 2.0,
        )
    }

    /// Screen → world.
    pub fn to_world(&self, vp: Viewport, sx: f64, sy: f64) -> (f64, f64) {
        (
            (sx - vp.width / 2.0) / self.zoom + self.x,
            (sy - vp.height / 2.0) / self.zoom + self.y,
        )
    }

    /// Moves the view by `(dx, dy)` screen pixels (the content follows the
    /// pointer: dragging right shows what was on the left).
    pub fn pan_by(&self, dx: f64, dy: f64) -> Camera {
        if !(dx.is_finite() && dy.is_finite()) {
            return *self;
        }
        Camera {
            x: self.x - dx / self.zoom,
            y: self.y - dy / self.zoom,
            zoom: self.zoom,
        }
    }

    /// Multiplies the zoom by `factor` (clamped to `range`) keeping the world
    /// point under the screen point `(sx, sy)` where it is.
    pub fn zoom_at(&self, vp: Viewport, sx: f64, sy: f64, factor: f64, range: ZoomRange) -> Camera {
        if !(factor.is_finite() && factor > 0.0 && sx.is_finite() && sy.is_finite()) {
            return *self;
        }
        let (wx, wy) = self.to_world(vp, sx, sy);
        let zoom = range.clamp(self.zoom * factor);
        Camera {
            x: wx - (sx - vp.width / 2.0) / zoom,
            y: wy - (sy - vp.height / 2.0) / zoom,
            zoom,
        }
    }

    /// The camera that shows all of `bounds` inside `vp` with `padding` CSS
    /// pixels of margin on each side, centred. A degenerate box (one actor)
    /// is given a minimum extent so the zoom stays finite.
    pub fn fit(bounds: Bounds, vp: Viewport, padding: f64) -> Camera {
        let (cx, cy) = bounds.centre();
        let min_extent = 1e-6_f64.max(bounds.width().max(bounds.height()) * 1e-3);
        let bw = bounds.width().max(min_extent);
        let bh = bounds.height().max(min_extent);
        let aw = (vp.width - 2.0 * padding).max(vp.width * 0.5).max(1.0);
        let ah = (vp.height - 2.0 * padding).max(vp.height * 0.5).max(1.0);
        let mut zoom = (aw / bw).min(ah / bh);
        if bounds.width() <= min_extent && bounds.height() <= min_extent {
            zoom = 1.0;
        }
        if !zoom.is_finite() || zoom <= 0.0 {
            zoom = 1.0;
        }
        Camera {
            x: if cx.is_finite() { cx } else { 0.0 },
            y: if cy.is_finite() { cy } else { 0.0 },
            zoom,
        }
    }

    /// The camera that shows all of `bounds` in the part of `vp` that
    /// `insets` leave free, `padding` pixels inside it, centred there, and
    /// no closer than `max_zoom` (a few actors are framed, not blown up).
    pub fn fit_in(
        bounds: Bounds,
        vp: Viewport,
        insets: Insets,
        padding: f64,
        max_zoom: f64,
    ) -> Camera {
        let (fw, fh) = insets.free(vp);
        let inner = Viewport {
            width: fw,
            height: fh,
        };
        let mut cam = Camera::fit(bounds, inner, padding);
        let degenerate = bounds.width() <= 0.0 && bounds.height() <= 0.0;
        if max_zoom.is_finite() && max_zoom > 0.0 && (degenerate || cam.zoom > max_zoom) {
            cam.zoom = max_zoom;
        }
        cam.looking_at(vp, insets, cam.x, cam.y)
    }

    /// This camera's zoom, moved so that the world point `(x, y)` is drawn
    /// at the centre of the part of `vp` that `insets` leave free.
    pub fn looking_at(&self, vp: Viewport, insets: Insets, x: f64, y: f64) -> Camera {
        let (cx, cy) = insets.centre(vp);
        Camera {
            x: x - (cx - vp.width / 2.0) / self.zoom,
            y: y - (cy - vp.height / 2.0) / self.zoom,
            zoom: self.zoom,
        }
    }

    /// The camera `t` (0–1) of the way from `a` to `b`: the centre moves
    /// linearly and the zoom geometrically (so zooming feels even).
    pub fn lerp(a: Camera, b: Camera, t: f64) -> Camera {
        let t = t.clamp(0.0, 1.0);
        let zoom = if a.zoom > 0.0 && b.zoom > 0.0 {
            a.zoom * (b.zoom / a.zoom).powf(t)
        } else {
            b.zoom
        };
        Camera {
            x: a.x + (b.x - a.x) * t,
            y: a.y + (b.y - a.y) * t,
            zoom,
        }
    }

    /// True when `(x, y)` (world) is at least `margin` pixels inside the viewport.
    pub fn shows(&self, vp: Viewport, x: f64, y: f64, margin: f64) -> bool {
        let (sx, sy) = self.to_screen(vp, x, y);
        sx >= margin && sy >= margin && sx <= vp.width - margin && sy <= vp.height - margin
    }
}

/// The part of the segment `(x0, y0)–(x1, y1)` inside the box
/// `[min_x, max_x] × [min_y, max_y]` (Liang–Barsky), or `None` when it
/// misses the box. Links are clipped to the viewport before drawing, so a
/// link thousands of pixels long at high zoom costs no more than a short one
/// (dashed strokes are paid per dash).
pub fn clip_segment(
    (x0, y0): (f64, f64),
    (x1, y1): (f64, f64),
    (min_x, min_y): (f64, f64),
    (max_x, max_y): (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
        return None;
    }
    let (dx, dy) = (x1 - x0, y1 - y0);
    let mut t0 = 0.0_f64;
    let mut t1 = 1.0_f64;
    for (p, q) in [
        (-dx, x0 - min_x),
        (dx, max_x - x0),
        (-dy, y0 - min_y),
        (dy, max_y - y0),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    Some(((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)))
}

/// Smooth start and stop for camera moves (cubic ease-in-out on 0–1).
pub fn ease_in_out(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        let u = -2.0 * t + 2.0;
        1.0 - u * u * u / 2.0
    }
}

/// A camera move in progress.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flight {
    pub from: Camera,
    pub to: Camera,
    /// Start time and duration, in milliseconds.
    pub start: f64,
    pub duration: f64,
}

impl Flight {
    /// The camera at time `now`, and whether the flight is over.
    pub fn at(&self, now: f64) -> (Camera, bool) {
        if self.duration <= 0.0 || !now.is_finite() {
            return (self.to, true);
        }
        let t = (now - self.start) / self.duration;
        if t >= 1.0 {
            (self.to, true)
        } else {
            (Camera::lerp(self.from, self.to, ease_in_out(t)), false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VP: Viewport = Viewport {
        width: 800.0,
        height: 600.0,
    };

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
    }

    #[test]
    fn screen_and_world_are_inverse() {
        let c = Camera {
            x: 12.0,
            y: -40.0,
            zoom: 2.5,
        };
        let (sx, sy) = c.to_screen(VP, 30.0, 7.0);
        let (x, y) = c.to_world(VP, sx, sy);
        assert!(close(x, 30.0) && close(y, 7.0));
        // The camera's centre is drawn at the viewport's centre.
        assert_eq!(c.to_screen(VP, 12.0, -40.0), (400.0, 300.0));
    }

    #[test]
    fn panning_moves_content_with_the_pointer() {
        let c = Camera::default();
        let before = c.to_screen(VP, 5.0, 5.0);
        let after = c.pan_by(10.0, -4.0).to_screen(VP, 5.0, 5.0);
        assert!(close(after.0 - before.0, 10.0) && close(after.1 - before.1, -4.0));
    }

    #[test]
    fn zoom_is_clamped() {
        let r = ZoomRange::around(2.0);
        let c = Camera {
            x: 0.0,
            y: 0.0,
            zoom: 2.0,
        };
        assert_eq!(c.zoom_at(VP, 1.0, 1.0, 1e9, r).zoom, r.max);
        assert_eq!(c.zoom_at(VP, 1.0, 1.0, 1e-9, r).zoom, r.min);
        // Nonsense factors leave the camera alone.
        assert_eq!(c.zoom_at(VP, 1.0, 1.0, f64::NAN, r), c);
        assert_eq!(c.zoom_at(VP, 1.0, 1.0, -2.0, r), c);
    }

    #[test]
    fn fit_of_one_point_is_finite_and_centred() {
        let b = Bounds::of_discs([(3.0, 4.0, 0.0)]).unwrap();
        let c = Camera::fit(b, VP, 40.0);
        assert!(c.zoom.is_finite() && c.zoom > 0.0);
        assert_eq!((c.x, c.y), (3.0, 4.0));
    }

    #[test]
    fn bounds_skip_non_finite_and_empty_is_none() {
        assert_eq!(Bounds::of_discs(Vec::new()), None);
        assert_eq!(Bounds::of_discs([(f64::NAN, 0.0, 1.0)]), None);
        let b = Bounds::of_discs([(0.0, 0.0, 1.0), (f64::INFINITY, 0.0, 1.0), (10.0, 2.0, 2.0)])
            .unwrap();
        assert_eq!(
            (b.min_x, b.min_y, b.max_x, b.max_y),
            (-1.0, -1.0, 12.0, 4.0)
        );
    }

    #[test]
    fn flight_ends_exactly_at_its_target_and_eases() {
        let f = Flight {
            from: Camera::default(),
            to: Camera {
                x: 100.0,
                y: 50.0,
                zoom: 4.0,
            },
            start: 1000.0,
            duration: 300.0,
        };
        assert_eq!(f.at(1000.0).0, f.from);
        let (mid, done) = f.at(1150.0);
        assert!(!done);
        assert!(close(mid.x, 50.0) && close(mid.zoom, 2.0));
        assert_eq!(f.at(1300.0), (f.to, true));
        assert_eq!(f.at(5000.0), (f.to, true));
        assert!(ease_in_out(0.1) < 0.1 && ease_in_out(0.9) > 0.9);
    }

    #[test]
    fn segments_are_clipped_to_the_box() {
        let b = ((0.0, 0.0), (100.0, 50.0));
        // Inside: unchanged.
        assert_eq!(
            clip_segment((10.0, 10.0), (20.0, 30.0), b.0, b.1),
            Some(((10.0, 10.0), (20.0, 30.0)))
        );
        // Crossing the whole box horizontally.
        assert_eq!(
            clip_segment((-1e6, 25.0), (1e6, 25.0), b.0, b.1),
            Some(((0.0, 25.0), (100.0, 25.0)))
        );
        // Missing it, or broken.
        assert_eq!(clip_segment((-10.0, -10.0), (-5.0, 60.0), b.0, b.1), None);
        assert_eq!(clip_segment((200.0, 0.0), (300.0, 300.0), b.0, b.1), None);
        assert_eq!(clip_segment((f64::NAN, 0.0), (1.0, 1.0), b.0, b.1), None);
        // A diagonal entering through a corner region keeps its direction.
        let ((ax, ay), (bx, by)) = clip_segment((-50.0, -25.0), (150.0, 75.0), b.0, b.1).unwrap();
        assert!(close(ax, 0.0) && close(ay, 0.0) && close(bx, 100.0) && close(by, 50.0));
    }

    #[test]
    fn overlays_are_charged_to_the_edge_they_take_least_from() {
        // A 390 × 314 phone map: the count chip along the top, the zoom
        // column on the right, the text-version link at the bottom left,
        // the embed buttons at the top right, a hint over everything.
        let vp = Viewport {
            width: 390.0,
            height: 314.0,
        };
        let i = Insets::from_overlays(
            vp,
            [
                (12.0, 12.0, 160.0, 32.0),
                (334.0, 154.0, 44.0, 148.0),
                (8.0, 267.0, 229.0, 38.0),
                (288.0, 8.0, 94.0, 44.0),
                (0.0, 0.0, 390.0, 314.0),
                (f64::NAN, 0.0, 10.0, 10.0),
                (500.0, 0.0, 10.0, 10.0),
            ],
            None,
        );
        assert_eq!(i.top, 52.0);
        assert_eq!(i.right, 56.0);
        assert_eq!(i.bottom, 47.0);
        assert_eq!(i.left, 0.0);
        // A side never loses more than its share.
        let big = Insets::from_overlays(vp, [(0.0, 0.0, 390.0, 150.0)], None);
        assert!(close(big.top, 314.0 * Insets::MAX_SHARE));
        // A wide graph on a tall phone map: the zoom column in the bottom
        // right corner is charged to the bottom, the graph keeps the width.
        let tall = Viewport {
            width: 390.0,
            height: 780.0,
        };
        let zoom_column = [(334.0, 560.0, 44.0, 148.0)];
        assert_eq!(Insets::from_overlays(tall, zoom_column, None).right, 56.0);
        let wide = Insets::from_overlays(tall, zoom_column, Some((400.0, 200.0)));
        assert_eq!((wide.right, wide.bottom), (0.0, 220.0));
        // A tall graph keeps the height.
        let high = Insets::from_overlays(tall, zoom_column, Some((100.0, 800.0)));
        assert_eq!((high.right, high.bottom), (56.0, 0.0));
    }

    #[test]
    fn fit_in_frames_inside_the_free_part_and_caps_the_zoom() {
        let insets = Insets {
            top: 60.0,
            right: 50.0,
            bottom: 40.0,
            left: 0.0,
        };
        let b = Bounds {
            min_x: -10.0,
            min_y: -5.0,
            max_x: 30.0,
            max_y: 15.0,
        };
        let c = Camera::fit_in(b, VP, insets, 10.0, f64::INFINITY);
        let (l, t) = c.to_screen(VP, b.min_x, b.min_y);
        let (r, bt) = c.to_screen(VP, b.max_x, b.max_y);
        assert!(l >= 10.0 - 1e-6 && t >= 70.0 - 1e-6, "{l} {t}");
        assert!(r <= 740.0 + 1e-6 && bt <= 550.0 + 1e-6, "{r} {bt}");
        // Centred in the free part.
        let (cx, cy) = insets.centre(VP);
        assert!(close((l + r) / 2.0, cx) && close((t + bt) / 2.0, cy));
        // A cap keeps a few actors from being blown up, still centred.
        let capped = Camera::fit_in(b, VP, insets, 10.0, 2.0);
        assert_eq!(capped.zoom, 2.0);
        let (sx, sy) = capped.to_screen(VP, 10.0, 5.0);
        assert!(close(sx, cx) && close(sy, cy));
        // One actor: the cap is its zoom.
        let one = Bounds::of_discs([(3.0, 4.0, 0.0)]).unwrap();
        assert_eq!(Camera::fit_in(one, VP, insets, 10.0, 3.0).zoom, 3.0);
    }

    proptest! {
        /// Zooming around a point keeps that point where it is on screen.
        #[test]
        fn zoom_keeps_the_pointer_fixed(
            cx in -1e4..1e4f64, cy in -1e4..1e4f64, zoom in 0.01..100.0f64,
            sx in 0.0..800.0f64, sy in 0.0..600.0f64, factor in 0.2..5.0f64,
        ) {
            let c = Camera { x: cx, y: cy, zoom };
            let range = ZoomRange { min: 1e-3, max: 1e4 };
            let before = c.to_world(VP, sx, sy);
            let z = c.zoom_at(VP, sx, sy, factor, range);
            let after = z.to_world(VP, sx, sy);
            prop_assert!(close(before.0, after.0) && close(before.1, after.1));
            prop_assert!(close(z.zoom, zoom * factor));
        }

        /// Fit shows every disc inside the viewport, inside the padding.
        #[test]
        fn fit_contains_all_points(
            pts in proptest::collection::vec((-1e4..1e4f64, -1e4..1e4f64, 0.0..50.0f64), 1..60),
            w in 100.0..2000.0f64, h in 100.0..2000.0f64,
        ) {
            let vp = Viewport { width: w, height: h };
            let b = Bounds::of_discs(pts.iter().copied()).unwrap();
            let c = Camera::fit(b, vp, 20.0);
            prop_assert!(c.zoom.is_finite() && c.zoom > 0.0);
            for (x, y, r) in pts {
                let (l, t) = c.to_screen(vp, x - r, y - r);
                let (rr, bb) = c.to_screen(vp, x + r, y + r);
                prop_assert!(l >= 20.0 - 1e-6 && t >= 20.0 - 1e-6, "{l} {t}");
                prop_assert!(rr <= w - 20.0 + 1e-6 && bb <= h - 20.0 + 1e-6, "{rr} {bb}");
            }
        }
    }
}
