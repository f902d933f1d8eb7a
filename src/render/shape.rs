//! Node shapes as geometry: every actor type has its own shape (so the map
//! never relies on colour alone), and all shapes of one radius cover about
//! the same area (so no type looks more important than another).
//!
//! [`trace`] writes a shape into any [`PathSink`]; the canvas drawing code
//! implements the sink with `CanvasRenderingContext2d`, the tests with a
//! recorder.

use crate::model::format::dataset::Shape;

/// Something that builds a path: the subset of the Canvas 2D path API the
/// shapes need. There is deliberately no `close_path`: Chromium's
/// `closePath` costs time proportional to the whole path, so a batch of
/// thousands of polygons closed one by one is quadratic (measured: 1.6 s of
/// a one-second pan). Polygons end with a `line_to` their first vertex.
pub trait PathSink {
    fn move_to(&mut self, x: f64, y: f64);
    fn line_to(&mut self, x: f64, y: f64);
    /// A full circle.
    fn circle(&mut self, x: f64, y: f64, r: f64);
}

/// Vertices of the polygon shapes for a radius of 1, centred on 0, `y`
/// down. Scaled so that each polygon's area is close to the unit circle's
/// (π), capped so spikes stay short.
const SQUARE: [(f64, f64); 4] = [
    (-0.886, -0.886),
    (0.886, -0.886),
    (0.886, 0.886),
    (-0.886, 0.886),
];
const DIAMOND: [(f64, f64); 4] = [(0.0, -1.253), (1.253, 0.0), (0.0, 1.253), (-1.253, 0.0)];
/// Pointing up, centroid on the centre, circumradius 1.5.
const TRIANGLE: [(f64, f64); 3] = [(0.0, -1.5), (1.299, 0.75), (-1.299, 0.75)];
/// Flat top and bottom, circumradius 1.1.
const HEXAGON: [(f64, f64); 6] = [
    (1.1, 0.0),
    (0.55, 0.9526),
    (-0.55, 0.9526),
    (-1.1, 0.0),
    (-0.55, -0.9526),
    (0.55, -0.9526),
];
/// Five points up, outer radius 1.5, inner radius 0.75.
const STAR: [(f64, f64); 10] = [
    (0.0, -1.5),
    (0.4408, -0.6068),
    (1.4266, -0.4635),
    (0.7133, 0.2318),
    (0.8817, 1.2135),
    (0.0, 0.75),
    (-0.8817, 1.2135),
    (-0.7133, 0.2318),
    (-1.4266, -0.4635),
    (-0.4408, -0.6068),
];

/// The unit vertices of a polygon shape; empty for the circle.
pub fn vertices(shape: Shape) -> &'static [(f64, f64)] {
    match shape {
        Shape::Circle => &[],
        Shape::Square => &SQUARE,
        Shape::Diamond => &DIAMOND,
        Shape::Triangle => &TRIANGLE,
        Shape::Hexagon => &HEXAGON,
        Shape::Star => &STAR,
    }
}

/// How far the shape reaches from its centre, for a radius of 1.
pub fn extent(shape: Shape) -> f64 {
    vertices(shape)
        .iter()
        .map(|&(x, y)| (x * x + y * y).sqrt())
        .fold(1.0_f64, f64::max)
}

/// Adds the outline of `shape` centred on `(x, y)` with radius `r` to `sink`
/// as one sub-path that ends where it starts.
pub fn trace(sink: &mut impl PathSink, shape: Shape, x: f64, y: f64, r: f64) {
    let v = vertices(shape);
    let mut it = v.iter();
    match it.next() {
        None => sink.circle(x, y, r),
        Some(&(fx, fy)) => {
            let first = (x + fx * r, y + fy * r);
            sink.move_to(first.0, first.1);
            for &(vx, vy) in it {
                sink.line_to(x + vx * r, y + vy * r);
            }
            sink.line_to(first.0, first.1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    #[derive(Default)]
    struct Rec {
        subpaths: Vec<Vec<(f64, f64)>>,
        circles: Vec<(f64, f64, f64)>,
    }
    impl PathSink for Rec {
        fn move_to(&mut self, x: f64, y: f64) {
            self.subpaths.push(vec![(x, y)]);
        }
        fn line_to(&mut self, x: f64, y: f64) {
            self.subpaths.last_mut().unwrap().push((x, y));
        }
        fn circle(&mut self, x: f64, y: f64, r: f64) {
            self.circles.push((x, y, r));
        }
    }

    fn area(v: &[(f64, f64)]) -> f64 {
        let n = v.len();
        let mut a = 0.0;
        for i in 0..n {
            let (x0, y0) = v[i];
            let (x1, y1) = v[(i + 1) % n];
            a += x0 * y1 - x1 * y0;
        }
        (a / 2.0).abs()
    }

    fn regular(n: usize, r: f64, start_deg: f64) -> Vec<(f64, f64)> {
        (0..n)
            .map(|k| {
                let a = (start_deg + 360.0 * k as f64 / n as f64).to_radians();
                (r * a.cos(), r * a.sin())
            })
            .collect()
    }

    fn same(a: &[(f64, f64)], b: &[(f64, f64)]) {
        assert_eq!(a.len(), b.len());
        for (p, q) in a.iter().zip(b) {
            assert!(
                (p.0 - q.0).abs() < 1e-3 && (p.1 - q.1).abs() < 1e-3,
                "{p:?} {q:?}"
            );
        }
    }

    #[test]
    fn tables_are_the_regular_shapes_they_claim() {
        same(&TRIANGLE, &regular(3, 1.5, -90.0));
        same(&HEXAGON, &regular(6, 1.1, 0.0));
        same(&DIAMOND, &regular(4, 1.253, -90.0));
        let outer = regular(5, 1.5, -90.0);
        let inner = regular(5, 0.75, -54.0);
        let star: Vec<_> = outer
            .iter()
            .zip(&inner)
            .flat_map(|(o, i)| [*o, *i])
            .collect();
        same(&STAR, &star);
    }

    #[test]
    fn every_shape_covers_about_the_area_of_the_circle() {
        for s in Shape::ALL {
            let a = if s == Shape::Circle {
                PI
            } else {
                area(vertices(s))
            };
            assert!((a / PI - 1.0).abs() < 0.12, "{s:?}: area {a}");
            assert!(extent(s) <= 1.5 + 1e-3, "{s:?} reaches too far");
        }
    }

    #[test]
    fn shapes_are_told_apart_by_their_vertex_count() {
        let mut counts: Vec<usize> = Shape::ALL.iter().map(|&s| vertices(s).len()).collect();
        // Square and diamond both have four vertices: they differ by rotation.
        assert_eq!(counts, vec![0, 4, 3, 4, 6, 10]);
        assert_ne!(vertices(Shape::Square)[0], vertices(Shape::Diamond)[0]);
        counts.dedup();
        assert_eq!(counts.len(), 6);
    }

    #[test]
    fn trace_scales_and_centres_and_closes() {
        let mut rec = Rec::default();
        trace(&mut rec, Shape::Circle, 10.0, 20.0, 3.0);
        trace(&mut rec, Shape::Square, 10.0, 20.0, 2.0);
        trace(&mut rec, Shape::Star, -5.0, 0.0, 4.0);
        assert_eq!(rec.circles, vec![(10.0, 20.0, 3.0)]);
        assert_eq!(rec.subpaths.len(), 2);
        for sub in &rec.subpaths {
            assert_eq!(sub.first(), sub.last(), "each polygon ends where it starts");
        }
        let sq = &rec.subpaths[0][..4];
        assert_eq!(rec.subpaths[0].len(), 5);
        let cx: f64 = sq.iter().map(|p| p.0).sum::<f64>() / 4.0;
        let cy: f64 = sq.iter().map(|p| p.1).sum::<f64>() / 4.0;
        assert!((cx - 10.0).abs() < 1e-9 && (cy - 20.0).abs() < 1e-9);
        assert!((sq[1].0 - sq[0].0 - 2.0 * 0.886 * 2.0).abs() < 1e-9);
        assert_eq!(rec.subpaths[1][0], (-5.0, -6.0)); // star tip points up
    }
}
