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
