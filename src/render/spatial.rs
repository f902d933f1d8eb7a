//! Finding actors by position: a uniform grid over the world for pointer
//! hit testing, and the keyboard's "nearest actor in that direction".

use crate::model::format::dataset::Position;

/// A uniform grid of actor indices over the world plane. Rebuilt when
/// positions change (each layout frame, then once); queries only look at
/// the cells around the point.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    min_x: f64,
    min_y: f64,
    cell: f64,
    cols: usize,
    rows: usize,
    /// `items[start[c]..start[c + 1]]` are the actors of cell `c`.
    start: Vec<usize>,
    items: Vec<usize>,
    max_radius: f64,
}

/// Cells per axis are capped so a degenerate spread cannot allocate much.
const MAX_CELLS_PER_AXIS: usize = 256;

impl Grid {
    /// Indexes every actor with a finite position. `radius[i]` is actor
    /// `i`'s world radius.
    pub fn build(positions: &[Position], radius: &[f64]) -> Grid {
        let finite = |p: &&Position| p.x.is_finite() && p.y.is_finite();
        let mut min_x = f64::INFINITY;
        let mut min_y = f64::INFINITY;
        let mut max_x = f64::NEG_INFINITY;
        let mut max_y = f64::NEG_INFINITY;
        let mut count = 0usize;
        for p in positions.iter().filter(finite) {
            min_x = min_x.min(p.x);
            min_y = min_y.min(p.y);
            max_x = max_x.max(p.x);
            max_y = max_y.max(p.y);
            count += 1;
        }
        if count == 0 {
            return Grid::default();
        }
        let max_radius = radius
            .iter()
            .copied()
            .filter(|r| r.is_finite())
            .fold(0.0_f64, f64::max);
        let span = (max_x - min_x).max(max_y - min_y).max(1e-9);
        // About one actor per cell on average, never finer than a node.
        let side = ((count as f64).sqrt().ceil() as usize).clamp(1, MAX_CELLS_PER_AXIS);
        let cell = (span / side as f64).max(max_radius * 2.0).max(1e-9);
        let cols = (((max_x - min_x) / cell) as usize + 1).min(MAX_CELLS_PER_AXIS + 1);
        let rows = (((max_y - min_y) / cell) as usize + 1).min(MAX_CELLS_PER_AXIS + 1);
        let mut g = Grid {
            min_x,
            min_y,
            cell,
            cols,
            rows,
            start: vec![0; cols * rows + 1],
            items: vec![0; count],
            max_radius,
        };
        // Counting sort into cells.
        let cell_of: Vec<Option<usize>> = positions.iter().map(|p| g.cell_of(p.x, p.y)).collect();
        for c in cell_of.iter().flatten() {
            if let Some(s) = g.start.get_mut(c + 1) {
                *s += 1;
            }
        }
        for c in 0..cols * rows {
            let prev = g.start.get(c).copied().unwrap_or(0);
            if let Some(s) = g.start.get_mut(c + 1) {
                *s += prev;
            }
        }
        let mut fill = g.start.clone();
        for (i, c) in cell_of.iter().enumerate() {
            if let Some(c) = c {
                if let Some(slot) = fill.get_mut(*c) {
                    if let Some(it) = g.items.get_mut(*slot) {
                        *it = i;
                    }
                    *slot += 1;
                }
            }
        }
        g
    }

    fn cell_of(&self, x: f64, y: f64) -> Option<usize> {
        if !(x.is_finite() && y.is_finite()) || self.cols == 0 {
            return None;
        }
        let cx = (((x - self.min_x) / self.cell).floor().max(0.0) as usize).min(self.cols - 1);
        let cy = (((y - self.min_y) / self.cell).floor().max(0.0) as usize).min(self.rows - 1);
        Some(cy * self.cols + cx)
    }

    /// The actor hit at world point `(x, y)`: among actors with
    /// `accept(i)` whose disc of radius `hit_radius(i)` contains the point,
    /// the one whose centre is nearest. `hit_radius` must not exceed
    /// `max_hit` (both in world units).
    pub fn hit(
        &self,
        positions: &[Position],
        x: f64,
        y: f64,
        max_hit: f64,
        hit_radius: impl Fn(usize) -> f64,
        accept: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        if self.cols == 0 || !(x.is_finite() && y.is_finite() && max_hit.is_finite()) {
            return None;
        }
        let reach = max_hit.max(0.0);
        let lo_x = ((x - reach - self.min_x) / self.cell).floor();
        let hi_x = ((x + reach - self.min_x) / self.cell).floor();
        let lo_y = ((y - reach - self.min_y) / self.cell).floor();
        let hi_y = ((y + reach - self.min_y) / self.cell).floor();
        let last_x = (self.cols - 1) as f64;
        let last_y = (self.rows - 1) as f64;
        if hi_x < 0.0 || hi_y < 0.0 || lo_x > last_x || lo_y > last_y {
            return None;
        }
        let (lo_x, hi_x) = (lo_x.max(0.0) as usize, hi_x.min(last_x) as usize);
        let (lo_y, hi_y) = (lo_y.max(0.0) as usize, hi_y.min(last_y) as usize);
        let mut best: Option<(f64, usize)> = None;
        for cy in lo_y..=hi_y {
            let row = cy * self.cols;
            let s = self.start.get(row + lo_x).copied().unwrap_or(0);
            let e = self.start.get(row + hi_x + 1).copied().unwrap_or(s);
            for &i in self.items.get(s..e).unwrap_or(&[]) {
                let Some(p) = positions.get(i) else { continue };
                let d2 = (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y);
                let r = hit_radius(i);
                if d2 <= r * r
                    && accept(i)
                    && best.is_none_or(|(bd, bi)| d2 < bd || (d2 == bd && i > bi))
                {
                    best = Some((d2, i));
                }
            }
        }
        best.map(|(_, i)| i)
    }

    /// The largest radius indexed (world units).
    pub fn max_radius(&self) -> f64 {
        self.max_radius
    }
}

/// A direction of the arrow keys (screen and world share `y` down).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

impl Direction {
    fn vector(self) -> (f64, f64) {
        match self {
            Direction::Up => (0.0, -1.0),
            Direction::Down => (0.0, 1.0),
            Direction::Left => (-1.0, 0.0),
            Direction::Right => (1.0, 0.0),
        }
    }
}

/// The actor to move the keyboard focus to from actor `from` when an arrow
/// key is pressed: among accepted actors lying within 60° of the direction,
/// the one minimising distance along the direction plus twice the sideways
/// offset (so roughly aligned actors win over closer but off-axis ones).
pub fn nearest_in_direction(
    positions: &[Position],
    from: usize,
    dir: Direction,
    accept: impl Fn(usize) -> bool,
) -> Option<usize> {
    let o = positions.get(from)?;
    let (dx, dy) = dir.vector();
    let mut best: Option<(f64, usize)> = None;
    for (i, p) in positions.iter().enumerate() {
        if i == from || !accept(i) {
            continue;
        }
        let (vx, vy) = (p.x - o.x, p.y - o.y);
        let along = vx * dx + vy * dy;
        let side = (vx * dy - vy * dx).abs();
        // tan(60°) ≈ 1.732
        if !(along > 0.0 && side <= along * 1.732) {
            continue;
        }
        let score = along + 2.0 * side;
        if best.is_none_or(|(b, _)| score < b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// The accepted actor nearest to world point `(x, y)` (where keyboard
/// navigation starts when nothing is focused yet).
pub fn nearest(
    positions: &[Position],
    x: f64,
    y: f64,
    accept: impl Fn(usize) -> bool,
) -> Option<usize> {
    positions
        .iter()
        .enumerate()
        .filter(|(i, p)| accept(*i) && p.x.is_finite() && p.y.is_finite())
        .map(|(i, p)| ((p.x - x) * (p.x - x) + (p.y - y) * (p.y - y), i))
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pos(v: &[(f64, f64)]) -> Vec<Position> {
        v.iter().map(|&(x, y)| Position { x, y }).collect()
    }

    #[test]
    fn hit_finds_the_node_under_the_point_and_nothing_elsewhere() {
        let p = pos(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]);
        let r = [2.0, 2.0, 5.0];
        let g = Grid::build(&p, &r);
        let hit = |x, y| g.hit(&p, x, y, 5.0, |i| r[i], |_| true);
        assert_eq!(hit(0.5, 0.5), Some(0));
        assert_eq!(hit(11.0, -1.0), Some(1));
        assert_eq!(hit(13.0, 13.0), Some(2));
        assert_eq!(hit(5.0, 0.0), None);
        assert_eq!(hit(-100.0, 0.0), None);
        assert_eq!(hit(f64::NAN, 0.0), None);
        // Hidden actors are not hit.
        assert_eq!(g.hit(&p, 0.5, 0.5, 5.0, |i| r[i], |i| i != 0), None);
        // Overlapping discs: the nearest centre wins.
        assert_eq!(hit(10.0, 1.5), Some(1));
        assert_eq!(hit(10.0, 8.5), Some(2));
    }

    #[test]
    fn empty_and_degenerate_grids_are_safe() {
        let g = Grid::build(&[], &[]);
        assert_eq!(g.hit(&[], 0.0, 0.0, 1.0, |_| 1.0, |_| true), None);
        let p = pos(&[(f64::NAN, 1.0), (3.0, 3.0), (3.0, 3.0)]);
        let g = Grid::build(&p, &[1.0, 1.0, 1.0]);
        assert_eq!(g.hit(&p, 3.0, 3.0, 1.0, |_| 1.0, |_| true), Some(2));
    }

    #[test]
    fn arrows_move_to_the_aligned_neighbour() {
        //      1
        //  3   0   2      4 is far right but off axis
        //      5            4
        let p = pos(&[
            (0.0, 0.0),
            (0.0, -10.0),
            (10.0, 0.0),
            (-10.0, 0.0),
            (9.0, 8.0),
            (0.0, 10.0),
        ]);
        let all = |_| true;
        assert_eq!(nearest_in_direction(&p, 0, Direction::Up, all), Some(1));
        assert_eq!(nearest_in_direction(&p, 0, Direction::Right, all), Some(2));
        assert_eq!(nearest_in_direction(&p, 0, Direction::Left, all), Some(3));
        assert_eq!(nearest_in_direction(&p, 0, Direction::Down, all), Some(5));
        assert_eq!(
            nearest_in_direction(&p, 0, Direction::Right, |i| i != 2),
            Some(4)
        );
        assert_eq!(nearest_in_direction(&p, 1, Direction::Up, all), None);
        assert_eq!(nearest_in_direction(&p, 99, Direction::Up, all), None);
        assert_eq!(nearest(&p, 8.0, 7.0, all), Some(4));
        assert_eq!(nearest(&p, 8.0, 7.0, |i| i == 3), Some(3));
    }

    proptest! {
        /// The grid answers exactly like a scan of every actor.
        #[test]
        fn grid_hit_equals_brute_force(
            pts in proptest::collection::vec((-500.0..500.0f64, -500.0..500.0f64, 0.5..20.0f64), 1..120),
            qx in -520.0..520.0f64, qy in -520.0..520.0f64,
        ) {
            let p: Vec<Position> = pts.iter().map(|&(x, y, _)| Position { x, y }).collect();
            let r: Vec<f64> = pts.iter().map(|t| t.2).collect();
            let g = Grid::build(&p, &r);
            let got = g.hit(&p, qx, qy, 20.0, |i| r[i], |i| i % 3 != 0);
            let want = p.iter().enumerate()
                .filter(|(i, q)| i % 3 != 0 && (q.x - qx).powi(2) + (q.y - qy).powi(2) <= r[*i] * r[*i])
                .map(|(i, q)| ((q.x - qx).powi(2) + (q.y - qy).powi(2), i))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
                .map(|(_, i)| i);
            prop_assert_eq!(got, want);
        }
    }
}
