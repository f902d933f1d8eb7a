//! Deterministic force-directed layout. Same dataset → same positions, on
//! every machine, natively and in wasm: seeded generator, no hash-map
//! iteration, iteration count from the actor and link counts only, and only
//! + − × ÷ √ (or `libm`).
//!
//! The model is ForceAtlas2-like:
//! - every pair of actors repels with `REPULSION · mᵢ · mⱼ / d`, where the
//!   mass `m` is the degree + 1 (hubs push harder), computed with a
//!   Barnes–Hut quadtree (θ = [`THETA`]) so 2,000 actors cost O(n log n) per
//!   iteration;
//! - every link pulls its two ends with a force proportional to their
//!   distance (× [`ATTRACTION`]);
//! - a gravity proportional to the distance pulls each actor toward the
//!   centre, so isolated actors and small components stay near the rest;
//! - actors closer than their radii ([`node_radius`]) push each other apart.
//!
//! Each actor moves by its force divided by its mass, times a step, capped
//! by a temperature that falls linearly to zero over the budget: the
//! animated settle slows down smoothly instead of jittering. When the budget
//! is spent a collision pass separates any actors that still overlap.
//!
//! Actors with a `position` in the file are pinned: they keep it bit for bit,
//! still repel and attract the others, and the centre of gravity is their
//! mean. The others start at seeded pseudo-random positions (xorshift64*).
//!
//! ```
//! use civicmap::model::{dataset::Dataset, graph::Graph, layout};
//! let ds: Dataset = serde_json::from_str(r#"{"taxonomy": {"actor_types": [{"id": "o"}]},
//!   "actors": [{"id": "a", "name": "A", "type": "o"}, {"id": "b", "name": "B", "type": "o"}],
//!   "links": [{"source": "a", "target": "b", "kind": "k"}]}"#).unwrap();
//! let g = Graph::new(&ds);
//! let p = layout::compute(&ds, &g);
//! let d = ((p[0].x - p[1].x).powi(2) + (p[0].y - p[1].y).powi(2)).sqrt();
//! assert!(d >= 2.0 * layout::node_radius(1));
//! assert_eq!(p, layout::compute(&ds, &g)); // deterministic
//! ```

use super::dataset::{Dataset, Position};
use super::graph::Graph;

/// The radius of an actor's node, in layout units, from its degree. The
/// renderer draws nodes with this radius so that "no overlap" holds on
/// screen at every zoom.
pub fn node_radius(degree: usize) -> f64 {
    4.0 + 1.5 * (degree as f64).sqrt()
}

/// Repulsion coefficient: two linked actors of degree 1 settle about
/// `2·√REPULSION` apart.
const REPULSION: f64 = 400.0;
/// Pull of a link per unit of length.
const ATTRACTION: f64 = 3.0;
/// Spacing between neighbouring actors, relative to `√REPULSION`, that
/// sets the gravity (see [`Layout::new`]).
const SPACING: f64 = 3.0;
/// Step: displacement = force / mass × STEP (before the temperature cap).
const STEP: f64 = 0.5;
/// Barnes–Hut opening criterion.
const THETA: f64 = 0.8;
/// Space kept between two nodes by the collision pass.
const GAP: f64 = 1.0;
/// Quadtree depth limit (bodies closer than 2⁻⁴⁰ of the extent share a leaf).
const MAX_DEPTH: u32 = 40;
/// The most collision passes run at the end.
const MAX_COLLISION_PASSES: usize = 500;
/// "No body" / "no child" in the quadtree.
const NONE: u32 = u32::MAX;

/// The iteration budget for `actors` actors and `links` links: more for
/// bigger graphs, capped so that 2,000 actors settle in a few seconds in a
/// browser. Depends on the counts only.
pub fn budget_for(actors: usize, links: usize) -> usize {
    let size = (actors + links) as f64;
    let extra = (8.0 * size.sqrt()) as usize;
    (150 + extra).min(600)
}

/// A layout in progress; the UI calls `step` a few times per frame.
#[derive(Debug, Clone)]
pub struct Layout {
    /// One position per actor, in dataset order.
    pub positions: Vec<Position>,
    pinned: Vec<bool>,
    mass: Vec<f64>,
    radius: Vec<f64>,
    /// Ends of every link that is not a self-loop, in link order.
    edges: Vec<(usize, usize)>,
    center: (f64, f64),
    /// Gravity toward the centre, per unit of distance and of mass.
    gravity: f64,
    /// Initial temperature (largest move in one iteration).
    t0: f64,
    budget: usize,
    done: usize,
    resolved: bool,
    force: Vec<(f64, f64)>,
    /// Each actor's last move and its adaptive step (Yifan Hu's
    /// adaptive step length, per actor).
    last_move: Vec<(f64, f64)>,
    speed: Vec<f64>,
    tree: QuadTree,
}

/// xorshift64* — tiny, seeded, identical on every target.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

impl Layout {
    /// Initial positions (file positions kept as they are, others seeded).
    pub fn new(ds: &Dataset, g: &Graph) -> Layout {
        let n = ds.actors.len();
        let degree: Vec<usize> = (0..n).map(|i| g.degree(i)).collect();
        let mass = degree.iter().map(|&d| d as f64 + 1.0).collect();
        let radius = degree.iter().map(|&d| node_radius(d)).collect();
        let file: Vec<Option<Position>> = ds
            .actors
            .iter()
            .map(|a| a.position.filter(|p| p.x.is_finite() && p.y.is_finite()))
            .collect();
        let pinned: Vec<bool> = file.iter().map(Option::is_some).collect();
        let pinned_count = pinned.iter().filter(|&&p| p).count();
        let center = if pinned_count == 0 {
            (0.0, 0.0)
        } else {
            let (sx, sy) = file
                .iter()
                .flatten()
                .fold((0.0, 0.0), |(sx, sy), p| (sx + p.x, sy + p.y));
            let c = (sx / pinned_count as f64, sy / pinned_count as f64);
            if c.0.is_finite() && c.1.is_finite() {
                c
            } else {
                (0.0, 0.0)
            }
        };
        // Seeded start in a square whose area grows with the actor count.
        let side = 2.0 * REPULSION.sqrt() * (n.max(1) as f64).sqrt();
        let mut rng = Rng(0x5EED_C1F1_C0DE_2018);
        let positions = file
            .iter()
            .map(|p| {
                let x = center.0 + (rng.unit() - 0.5) * side;
                let y = center.1 + (rng.unit() - 0.5) * side;
                p.unwrap_or(Position { x, y })
            })
            .collect();
        let edges = (0..g.link_count())
            .filter_map(|l| g.ends(l))
            .filter(|(s, t)| s != t)
            .collect();
        let free = n - pinned_count;
        // The repulsion of a disc of radius R and total mass M on a body at
        // its rim is about REPULSION·m·M/R; a gravity g·m·R balances it, and
        // a uniform disc whose actors are SPACING·√REPULSION apart has
        // R² = n·SPACING²·REPULSION/π, so g = π·(M/n)/SPACING².
        let total_mass: f64 = degree.iter().map(|&d| d as f64 + 1.0).sum();
        let gravity = std::f64::consts::PI * (total_mass / n.max(1) as f64) / (SPACING * SPACING);
        Layout {
            positions,
            pinned,
            mass,
            radius,
            edges,
            center,
            gravity,
            t0: side / 4.0,
            budget: if free == 0 {
                0
            } else {
                budget_for(n, ds.links.len())
            },
            done: 0,
            resolved: false,
            force: vec![(0.0, 0.0); n],
            last_move: vec![(0.0, 0.0); n],
            speed: vec![STEP; n],
            tree: QuadTree::default(),
        }
    }

    /// Runs up to `iterations` more iterations; returns true when settled
    /// (the total iteration budget is spent; the collision pass then runs
    /// once, within that call).
    pub fn step(&mut self, iterations: usize) -> bool {
        let k = iterations.min(self.budget.saturating_sub(self.done));
        for _ in 0..k {
            self.iterate();
            self.done += 1;
        }
        if self.done >= self.budget {
            if !self.resolved {
                self.resolve_overlaps();
                self.resolved = true;
            }
            return true;
        }
        false
    }

    /// Total iterations this layout will run (from the counts only).
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Iterations run so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// The radius of each actor's node (see [`node_radius`]).
    pub fn radii(&self) -> &[f64] {
        &self.radius
    }

    /// One iteration: forces, then moves capped by the temperature.
    fn iterate(&mut self) {
        let progress = self.done as f64 / self.budget.max(1) as f64;
        let temperature = self.t0 * (1.0 - progress) * (1.0 - progress);
        self.tree.build(&self.positions, &self.mass);
        for (i, f) in self.force.iter_mut().enumerate() {
            *f = if self.pinned.get(i).copied().unwrap_or(true) {
                (0.0, 0.0)
            } else {
                self.tree
                    .repulsion(i, &self.positions, &self.mass, &self.radius)
            };
        }
        for &(s, t) in &self.edges {
            let (Some(ps), Some(pt)) = (self.positions.get(s), self.positions.get(t)) else {
                continue;
            };
            let (dx, dy) = (ATTRACTION * (pt.x - ps.x), ATTRACTION * (pt.y - ps.y));
            if let Some(f) = self.force.get_mut(s) {
                f.0 += dx;
                f.1 += dy;
            }
            if let Some(f) = self.force.get_mut(t) {
                f.0 -= dx;
                f.1 -= dy;
            }
        }
        let (cx, cy) = self.center;
        let gravity = self.gravity;
        for (((p, f), &m), ((&pinned, last), speed)) in self
            .positions
            .iter_mut()
            .zip(&self.force)
            .zip(&self.mass)
            .zip(
                self.pinned
                    .iter()
                    .zip(&mut self.last_move)
                    .zip(&mut self.speed),
            )
        {
            if pinned {
                continue;
            }
            let fx = f.0 - gravity * m * (p.x - cx);
            let fy = f.1 - gravity * m * (p.y - cy);
            // A node that turns back is oscillating: halve its step; one
            // that keeps its course may speed up again.
            if fx * last.0 + fy * last.1 < 0.0 {
                *speed *= 0.5;
            } else {
                *speed = (*speed * 1.1).min(STEP);
            }
            let (mut dx, mut dy) = (fx / m * *speed, fy / m * *speed);
            let len = (dx * dx + dy * dy).sqrt();
            if len > temperature {
                let k = temperature / len;
                dx *= k;
                dy *= k;
            }
            let (x, y) = (p.x + dx, p.y + dy);
            if x.is_finite() && y.is_finite() {
                p.x = x;
                p.y = y;
                *last = (dx, dy);
            }
        }
    }

    /// Pushes overlapping nodes apart (pinned ones stay) until no two free
    /// nodes overlap or the pass limit is reached. Uniform grid, pairs in a
    /// fixed order, positions updated in place.
    fn resolve_overlaps(&mut self) {
        let n = self.positions.len();
        let max_r = self.radius.iter().fold(0.0f64, |a, &b| a.max(b));
        let cell = 2.0 * max_r + GAP;
        let mut grid: Vec<(i64, i64, usize)> = Vec::with_capacity(n);
        for _ in 0..MAX_COLLISION_PASSES {
            grid.clear();
            grid.extend(
                self.positions
                    .iter()
                    .enumerate()
                    .map(|(i, p)| ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64, i)),
            );
            grid.sort_unstable();
            let mut moved = false;
            for &(gx, gy, i) in &grid {
                for (ox, oy) in NEIGHBOUR_CELLS {
                    let key = (gx.saturating_add(ox), gy.saturating_add(oy));
                    let from = grid.partition_point(|&(x, y, _)| (x, y) < key);
                    let upto = grid.partition_point(|&(x, y, _)| (x, y) <= key);
                    for &(_, _, j) in grid.get(from..upto).unwrap_or(&[]) {
                        if j > i {
                            moved |= self.separate(i, j);
                        }
                    }
                }
            }
            if !moved {
                break;
            }
        }
    }

    /// Moves `i` and `j` apart if they overlap; true if anything moved.
    fn separate(&mut self, i: usize, j: usize) -> bool {
        let (Some(&pi), Some(&pj)) = (self.positions.get(i), self.positions.get(j)) else {
            return false;
        };
        let ri = self.radius.get(i).copied().unwrap_or(0.0);
        let rj = self.radius.get(j).copied().unwrap_or(0.0);
        let fixed_i = self.pinned.get(i).copied().unwrap_or(true);
        let fixed_j = self.pinned.get(j).copied().unwrap_or(true);
        let (dx, dy) = (pj.x - pi.x, pj.y - pi.y);
        let d = (dx * dx + dy * dy).sqrt();
        let want = ri + rj + GAP;
        if d >= ri + rj || (fixed_i && fixed_j) {
            return false;
        }
        let (ux, uy) = if d > 1e-9 {
            (dx / d, dy / d)
        } else if (i + j).is_multiple_of(2) {
            (0.6, 0.8)
        } else {
            (-0.8, 0.6)
        };
        let push = want - d;
        let (si, sj) = match (fixed_i, fixed_j) {
            (true, _) => (0.0, push),
            (_, true) => (push, 0.0),
            _ => (push / 2.0, push / 2.0),
        };
        if let Some(p) = self.positions.get_mut(i) {
            p.x -= ux * si;
            p.y -= uy * si;
        }
        if let Some(p) = self.positions.get_mut(j) {
            p.x += ux * sj;
            p.y += uy * sj;
        }
        true
    }
}

const NEIGHBOUR_CELLS: [(i64, i64); 9] = [
    (-1, -1),
    (-1, 0),
    (-1, 1),
    (0, -1),
    (0, 0),
    (0, 1),
    (1, -1),
    (1, 0),
    (1, 1),
];

/// The final layout, all at once (natively, and under reduced motion).
pub fn compute(ds: &Dataset, g: &Graph) -> Vec<Position> {
    let mut l = Layout::new(ds, g);
    while !l.step(64) {}
    l.positions
}

/// A Barnes–Hut quadtree over the actors, rebuilt every iteration into
/// reused buffers. Bodies are inserted in index order, so the tree (and
/// every sum over it) is the same on every machine.
#[derive(Debug, Clone, Default)]
struct QuadTree {
    cells: Vec<Cell>,
    /// Next body in the same deepest leaf (`NONE` ends the list).
    next: Vec<u32>,
    /// Traversal stack, reused.
    stack: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    cx: f64,
    cy: f64,
    half: f64,
    mass: f64,
    mx: f64,
    my: f64,
    children: [u32; 4],
    /// First body of a leaf (`NONE`: empty leaf or inner cell).
    first: u32,
    leaf: bool,
    depth: u32,
}

impl Cell {
    fn new(cx: f64, cy: f64, half: f64, depth: u32) -> Cell {
        Cell {
            cx,
            cy,
            half,
            mass: 0.0,
            mx: 0.0,
            my: 0.0,
            children: [NONE; 4],
            first: NONE,
            leaf: true,
            depth,
        }
    }

    fn quadrant(&self, x: f64, y: f64) -> usize {
        usize::from(x >= self.cx) + 2 * usize::from(y >= self.cy)
    }

    fn child_center(&self, q: usize) -> (f64, f64) {
        let h = self.half / 2.0;
        let dx = if q & 1 == 1 { h } else { -h };
        let dy = if q & 2 == 2 { h } else { -h };
        (self.cx + dx, self.cy + dy)
    }
}

impl QuadTree {
    fn build(&mut self, pos: &[Position], mass: &[f64]) {
        self.cells.clear();
        self.next.clear();
        self.next.resize(pos.len(), NONE);
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in pos {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        if pos.is_empty() {
            return;
        }
        let half = ((x1 - x0).max(y1 - y0) / 2.0).max(1.0) * 1.0001;
        self.cells
            .push(Cell::new((x0 + x1) / 2.0, (y0 + y1) / 2.0, half, 0));
        for (b, (p, &m)) in pos.iter().zip(mass).enumerate() {
            self.insert(b, p.x, p.y, m, pos, mass);
        }
    }

    fn insert(&mut self, b: usize, x: f64, y: f64, m: f64, pos: &[Position], mass: &[f64]) {
        let mut c = 0usize;
        loop {
            let Some(cell) = self.cells.get_mut(c) else {
                return;
            };
            cell.mass += m;
            cell.mx += m * x;
            cell.my += m * y;
            if cell.leaf {
                if cell.first == NONE {
                    cell.first = b as u32;
                    return;
                }
                if cell.depth >= MAX_DEPTH {
                    if let Some(nx) = self.next.get_mut(b) {
                        *nx = cell.first;
                    }
                    cell.first = b as u32;
                    return;
                }
                // Split: the leaf's single body moves down one level.
                let old = cell.first as usize;
                cell.first = NONE;
                cell.leaf = false;
                let snapshot = *cell;
                let (Some(po), Some(&mo)) = (pos.get(old), mass.get(old)) else {
                    return;
                };
                let q = snapshot.quadrant(po.x, po.y);
                let (ccx, ccy) = snapshot.child_center(q);
                let mut child = Cell::new(ccx, ccy, snapshot.half / 2.0, snapshot.depth + 1);
                child.first = old as u32;
                child.mass = mo;
                child.mx = mo * po.x;
                child.my = mo * po.y;
                let id = self.cells.len() as u32;
                self.cells.push(child);
                if let Some(slot) = self.cells.get_mut(c).and_then(|c| c.children.get_mut(q)) {
                    *slot = id;
                }
            }
            // Inner cell: descend, creating the child if needed.
            let Some(cell) = self.cells.get(c).copied() else {
                return;
            };
            let q = cell.quadrant(x, y);
            let child = cell.children.get(q).copied().unwrap_or(NONE);
            c = if child == NONE {
                let (ccx, ccy) = cell.child_center(q);
                let id = self.cells.len() as u32;
                self.cells
                    .push(Cell::new(ccx, ccy, cell.half / 2.0, cell.depth + 1));
                if let Some(slot) = self.cells.get_mut(c).and_then(|c| c.children.get_mut(q)) {
                    *slot = id;
                }
                id as usize
            } else {
                child as usize
            };
        }
    }

    /// The repulsion (and overlap push) on body `i` from all others.
    fn repulsion(
        &mut self,
        i: usize,
        pos: &[Position],
        mass: &[f64],
        radius: &[f64],
    ) -> (f64, f64) {
        let (Some(pi), Some(&mi), Some(&ri)) = (pos.get(i), mass.get(i), radius.get(i)) else {
            return (0.0, 0.0);
        };
        let (mut fx, mut fy) = (0.0, 0.0);
        self.stack.clear();
        if !self.cells.is_empty() {
            self.stack.push(0);
        }
        while let Some(c) = self.stack.pop() {
            let Some(cell) = self.cells.get(c as usize) else {
                continue;
            };
            if cell.mass <= 0.0 {
                continue;
            }
            if cell.leaf {
                let mut b = cell.first;
                while b != NONE {
                    let j = b as usize;
                    b = self.next.get(j).copied().unwrap_or(NONE);
                    if j == i {
                        continue;
                    }
                    let (Some(pj), Some(&mj), Some(&rj)) = (pos.get(j), mass.get(j), radius.get(j))
                    else {
                        continue;
                    };
                    let (mut dx, mut dy) = (pi.x - pj.x, pi.y - pj.y);
                    let mut d2 = dx * dx + dy * dy;
                    if d2 < 1e-12 {
                        // Coincident: a fixed, index-dependent direction.
                        dx = if i < j { 0.01 } else { -0.01 };
                        dy = if (i + j).is_multiple_of(2) {
                            0.01
                        } else {
                            -0.01
                        };
                        d2 = dx * dx + dy * dy;
                    }
                    let d = d2.sqrt();
                    // REPULSION · mi · mj / d along the unit vector.
                    let mut k = REPULSION * mi * mj / d2;
                    let overlap = ri + rj + GAP - d;
                    if overlap > 0.0 {
                        k += mi * overlap / d;
                    }
                    fx += dx * k;
                    fy += dy * k;
                }
                continue;
            }
            let (dx, dy) = (pi.x - cell.mx / cell.mass, pi.y - cell.my / cell.mass);
            let d2 = dx * dx + dy * dy;
            let size = 2.0 * cell.half;
            if size * size < THETA * THETA * d2 {
                let k = REPULSION * mi * cell.mass / d2;
                fx += dx * k;
                fy += dy * k;
            } else {
                for &ch in &cell.children {
                    if ch != NONE {
                        self.stack.push(ch);
                    }
                }
            }
        }
        (fx, fy)
    }
}

#[cfg(test)]
mod tests;
