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
//! **Start.** With no actor pinned, the actors start where Pivot MDS puts
//! them (`start.rs`: graph distances from 50 pivots, their two main axes),
//! so the big picture is there from the first frame and
//! [`START_ITERATIONS`] (80; [`BIG_START_ITERATIONS`], 50, from 1,000
//! actors) settle the rest ([`budget_from_start`]).
//!
//! **Budget.** The iteration count depends on the counts only
//! ([`budget_from_start`] from an MDS start; [`budget_for`] from a random
//! one): more iterations for bigger graphs, up to 600, and no
//! more than [`MAX_WORK`] units of work in all (a unit is about one actor's
//! share of an iteration), so that the largest graph the app accepts
//! (50,000 actors, 200,000 links: 40 iterations) still settles in seconds.
//! No clock is ever read here: the same dataset gets the same iterations,
//! hence the same picture, on every machine. The renderer spreads the work
//! over frames with [`Layout::advance`], which stops after about `work`
//! units even in the middle of an iteration (an iteration of 50,000 actors
//! takes longer than a frame), so the page stays responsive; advancing by
//! slices or by whole iterations gives the same positions bit for bit.
//!
//! Actors with a `position` in the file are pinned: they keep it bit for bit,
//! still repel and attract the others, and the centre of gravity is their
//! mean. The others then start at seeded pseudo-random positions
//! (xorshift64*), with the budget of a random start.
//!
//! ```
//! use civicmap::model::format::dataset::Dataset;
//! use civicmap::model::network::{graph::Graph, layout};
//! let ds: Dataset = serde_json::from_str(r#"{"taxonomy": {"actor_types": [{"id": "o"}]},
//!   "actors": [{"id": "a", "name": "A", "type": "o"}, {"id": "b", "name": "B", "type": "o"}],
//!   "links": [{"source": "a", "target": "b", "kind": "k"}]}"#).unwrap();
//! let g = Graph::new(&ds);
//! let p = layout::compute(&ds, &g);
//! let d = ((p[0].x - p[1].x).powi(2) + (p[0].y - p[1].y).powi(2)).sqrt();
//! assert!(d >= 2.0 * layout::node_radius(1));
//! assert_eq!(p, layout::compute(&ds, &g)); // deterministic
//! ```

use crate::model::format::dataset::{Dataset, Position};
use crate::model::network::graph::Graph;
use quadtree::QuadTree;

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
/// From a Pivot MDS start the first moves are at most side / this (the
/// start already has the big picture; a random start allows side / 4).
const START_COOLING: f64 = 16.0;
/// Space kept between two nodes by the collision pass.
const GAP: f64 = 1.0;
/// Quadtree depth limit (bodies closer than 2⁻⁴⁰ of the extent share a leaf).
const MAX_DEPTH: u32 = 40;
/// The most collision passes run at the end.
const MAX_COLLISION_PASSES: usize = 500;
/// "No body" / "no child" in the quadtree.
const NONE: u32 = u32::MAX;

/// The most work a layout may take, in units of [`cost_per_iteration`]:
/// iterations × cost stays under it, whatever the size (see the module
/// documentation for the times it gives).
pub const MAX_WORK: u64 = 40_000_000;
/// The iterations from a Pivot MDS start: on the 2,085- and 10,000-node
/// benchmark graphs, 80 give a better quality figure (`quality.rs`) than
/// 600 from a random start, and than ForceAtlas2's 100 (docs/performance.md).
pub const START_ITERATIONS: usize = 80;
/// From [`BIG_START_ACTORS`] actors, a Pivot MDS start settles in this many:
/// on the 2,085- and 10,000-node graphs the quality figures stay better
/// than ForceAtlas2's 100 iterations (docs/performance.md, session 17), in
/// 60 % of the time of 80. Smaller maps lay out in milliseconds: they keep
/// [`START_ITERATIONS`].
pub const BIG_START_ITERATIONS: usize = 50;
/// See [`BIG_START_ITERATIONS`].
pub const BIG_START_ACTORS: usize = 1_000;
/// The fewest iterations a layout with free actors runs (a usable picture
/// even beyond the app's caps, e.g. natively).
pub const MIN_ITERATIONS: usize = 30;

/// The cost of one iteration, in work units: the Barnes–Hut tree and
/// repulsion grow as n·log₂n, the links as m.
pub fn cost_per_iteration(actors: usize, links: usize) -> u64 {
    let n = actors as u64;
    let log2 = u64::from(u64::BITS - n.leading_zeros());
    n.saturating_mul(log2.max(1)).saturating_add(links as u64)
}

/// The iteration budget for `actors` actors and `links` links: more for
/// bigger graphs (150 + 8·√(actors + links), at most 600), and at most
/// [`MAX_WORK`] / [`cost_per_iteration`] (at least [`MIN_ITERATIONS`]), so
/// the time to settle stays bounded. Depends on the counts only.
pub fn budget_for(actors: usize, links: usize) -> usize {
    let size = (actors + links) as f64;
    let extra = (8.0 * size.sqrt()) as usize;
    let by_size = (150 + extra).min(600);
    let by_work = MAX_WORK / cost_per_iteration(actors, links).max(1);
    let by_work = usize::try_from(by_work).unwrap_or(usize::MAX);
    by_size.min(by_work).max(MIN_ITERATIONS)
}

/// The iteration budget from a Pivot MDS start (`start.rs`): the big
/// picture is already there, so [`START_ITERATIONS`] settle the
/// neighbourhoods ([`BIG_START_ITERATIONS`] from [`BIG_START_ACTORS`];
/// fewer if [`MAX_WORK`] says so, at least [`MIN_ITERATIONS`]). Depends on
/// the counts only.
pub fn budget_from_start(actors: usize, links: usize) -> usize {
    let by_work = MAX_WORK / cost_per_iteration(actors, links).max(1);
    let by_work = usize::try_from(by_work).unwrap_or(usize::MAX);
    let settle = if actors >= BIG_START_ACTORS {
        BIG_START_ITERATIONS
    } else {
        START_ITERATIONS
    };
    settle.min(by_work).max(MIN_ITERATIONS)
}

/// Where a layout stands: inside an iteration (building the tree, the
/// repulsion of each actor, then attraction and moves), in the final
/// collision passes, or settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Start,
    /// Inserting bodies into the tree, from this one.
    Insert(usize),
    /// Computing the repulsion on each actor, from this one.
    Repulse(usize),
    /// Attraction, gravity and moves: the end of an iteration.
    Move,
    /// The collision pass number.
    Resolve(usize),
    Done,
}

/// A fingerprint of positions, bit for bit (FNV-1a over the bytes of each
/// `x` and `y`): two layouts with the same hash placed every actor on the
/// same point. The map shows it in its canvas's `data-layout-hash` and
/// `civicmap layout` prints it, so a test can tell that the browser (its
/// Web Worker included) laid out what the native code does.
///
/// ```
/// use civicmap::model::format::dataset::Position;
/// use civicmap::model::network::layout::positions_hash;
/// let a = [Position { x: 1.0, y: 2.0 }];
/// assert_eq!(positions_hash(&a), positions_hash(&a.clone()));
/// assert_ne!(positions_hash(&a), positions_hash(&[Position { x: 1.0, y: -2.0 }]));
/// ```
pub fn positions_hash(positions: &[Position]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in positions {
        for v in [p.x.to_bits(), p.y.to_bits()] {
            for b in v.to_le_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    h
}

/// What a layout starts from, without the dataset: each actor's degree
/// and file position, the links' ends, the number of links. A Web Worker
/// receives this (`work::wire`) and lays out the same positions as
/// [`Layout::new`] on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutInput {
    /// Each actor's degree (links to other actors).
    pub degree: Vec<usize>,
    /// Each actor's position in the file, if any (such actors are pinned).
    pub fixed: Vec<Option<Position>>,
    /// The ends of every link that is not a self-loop, in link order.
    pub edges: Vec<(usize, usize)>,
    /// The number of links, self-loops included (the iteration budget).
    pub links: usize,
}

impl LayoutInput {
    /// The input of the layout of `ds` (whose graph is `g`).
    ///
    /// Complexity: O(n + m).
    pub fn of(ds: &Dataset, g: &Graph) -> LayoutInput {
        let n = ds.actors.len();
        LayoutInput {
            degree: (0..n).map(|i| g.degree(i)).collect(),
            fixed: ds.actors.iter().map(|a| a.position).collect(),
            edges: (0..g.link_count())
                .filter_map(|l| g.ends(l))
                .filter(|(s, t)| s != t)
                .collect(),
            links: ds.links.len(),
        }
    }

    /// The work units the layout of this input will take (see
    /// [`Layout::work_left`]), without computing its start: exact, except
    /// when the Pivot MDS start finds no spread (`start.rs`) and the layout
    /// runs the longer budget of a random start instead.
    ///
    /// Complexity: O(n + m).
    pub fn work(&self) -> u64 {
        let n = self.degree.len().min(self.fixed.len());
        let linked = self.edges.iter().any(|&(s, t)| s != t && s < n && t < n);
        let pinned = self
            .fixed
            .iter()
            .take(n)
            .filter(|p| p.is_some_and(|p| p.x.is_finite() && p.y.is_finite()))
            .count();
        let budget = if pinned == n {
            0
        } else if pinned == 0 && n >= 3 && linked {
            budget_from_start(n, self.links)
        } else {
            budget_for(n, self.links)
        };
        (budget as u64).saturating_mul(cost_per_iteration(n, self.links))
    }
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
    stage: Stage,
    links: usize,
    force: Vec<(f64, f64)>,
    /// Each actor's last move and its adaptive step (Yifan Hu's
    /// adaptive step length, per actor).
    last_move: Vec<(f64, f64)>,
    speed: Vec<f64>,
    tree: QuadTree,
    /// The collision pass's grid, reused.
    grid: Vec<(i64, i64, usize)>,
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
        Layout::from_input(LayoutInput::of(ds, g))
    }

    /// The layout of what [`LayoutInput`] holds: the same as
    /// [`Layout::new`] on the dataset it was taken from (a Web Worker
    /// receives only this).
    pub fn from_input(input: LayoutInput) -> Layout {
        let LayoutInput {
            degree,
            fixed: file,
            edges,
            links,
        } = input;
        let n = degree.len().min(file.len());
        let edges: Vec<(usize, usize)> = edges
            .into_iter()
            .filter(|&(s, t)| s != t && s < n && t < n)
            .collect();
        let mass = degree.iter().take(n).map(|&d| d as f64 + 1.0).collect();
        let radius = degree.iter().take(n).map(|&d| node_radius(d)).collect();
        let file: Vec<Option<Position>> = file
            .into_iter()
            .take(n)
            .map(|p| p.filter(|p| p.x.is_finite() && p.y.is_finite()))
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
        // The start spreads over a square whose area grows with the actor
        // count: by the graph's distances (Pivot MDS, `start.rs`) when no
        // actor is pinned, else seeded at random.
        let side = 2.0 * REPULSION.sqrt() * (n.max(1) as f64).sqrt();
        let mut rng = Rng(0x5EED_C1F1_C0DE_2018);
        let spread = if pinned_count == 0 {
            start::pivot_mds(n, &edges, center, side, || rng.unit())
        } else {
            None
        };
        let t0 = if spread.is_some() {
            side / START_COOLING
        } else {
            side / 4.0
        };
        let spread_start = spread.is_some();
        let positions = match spread {
            Some(p) => p,
            None => file
                .iter()
                .map(|p| {
                    let x = center.0 + (rng.unit() - 0.5) * side;
                    let y = center.1 + (rng.unit() - 0.5) * side;
                    p.unwrap_or(Position { x, y })
                })
                .collect(),
        };
        let free = n - pinned_count;
        // The repulsion of a disc of radius R and total mass M on a body at
        // its rim is about REPULSION·m·M/R; a gravity g·m·R balances it, and
        // a uniform disc whose actors are SPACING·√REPULSION apart has
        // R² = n·SPACING²·REPULSION/π, so g = π·(M/n)/SPACING².
        let total_mass: f64 = degree.iter().take(n).map(|&d| d as f64 + 1.0).sum();
        let gravity = std::f64::consts::PI * (total_mass / n.max(1) as f64) / (SPACING * SPACING);
        Layout {
            positions,
            pinned,
            mass,
            radius,
            edges,
            center,
            gravity,
            t0,
            budget: if free == 0 {
                0
            } else if spread_start {
                budget_from_start(n, links)
            } else {
                budget_for(n, links)
            },
            done: 0,
            stage: Stage::Start,
            links,
            force: vec![(0.0, 0.0); n],
            last_move: vec![(0.0, 0.0); n],
            speed: vec![STEP; n],
            tree: QuadTree::default(),
            grid: Vec::new(),
        }
    }

    /// Runs up to `iterations` more whole iterations (finishing first the
    /// one [`advance`](Layout::advance) may have left half done); returns
    /// true when settled (the budget is spent; the collision passes then
    /// run within that call).
    pub fn step(&mut self, iterations: usize) -> bool {
        let target = self.done.saturating_add(iterations);
        loop {
            match self.stage {
                Stage::Done => return true,
                Stage::Start if self.done >= target && self.done < self.budget => return false,
                _ => {
                    self.run_stage(usize::MAX);
                }
            }
        }
    }

    /// Runs about `work` units of work (at least one stage), stopping in
    /// the middle of an iteration if need be; returns true when settled.
    /// One unit is about one actor inserted in the tree or one actor's
    /// repulsion; a whole iteration is about [`cost_per_iteration`] units.
    pub fn advance(&mut self, work: usize) -> bool {
        let mut left = work.max(1);
        while self.stage != Stage::Done {
            left = left.saturating_sub(self.run_stage(left));
            if left == 0 {
                break;
            }
        }
        self.stage == Stage::Done
    }

    /// Whether the layout has settled.
    pub fn settled(&self) -> bool {
        self.stage == Stage::Done
    }

    /// The work units left before the layout settles (an estimate: the
    /// collision passes count as one).
    pub fn work_left(&self) -> u64 {
        let per = cost_per_iteration(self.positions.len(), self.links);
        let iterations = self.budget.saturating_sub(self.done) as u64;
        iterations.saturating_mul(per)
    }

    /// Runs one stage, or a part of it of at most `limit` actors; returns
    /// the work units used (at least 1).
    fn run_stage(&mut self, limit: usize) -> usize {
        let n = self.positions.len();
        match self.stage {
            Stage::Start => {
                if self.done >= self.budget {
                    self.stage = Stage::Resolve(0);
                    return 1;
                }
                self.tree.begin(&self.positions);
                self.stage = Stage::Insert(0);
                1 + n / 16
            }
            Stage::Insert(from) => {
                let to = from.saturating_add(limit).min(n);
                for b in from..to {
                    self.tree.insert_body(b, &self.positions, &self.mass);
                }
                self.stage = if to >= n {
                    Stage::Repulse(0)
                } else {
                    Stage::Insert(to)
                };
                (to - from).max(1)
            }
            Stage::Repulse(from) => {
                let to = from.saturating_add(limit).min(n);
                for i in from..to {
                    let f = if self.pinned.get(i).copied().unwrap_or(true) {
                        (0.0, 0.0)
                    } else {
                        self.tree
                            .repulsion(i, &self.positions, &self.mass, &self.radius)
                    };
                    if let Some(slot) = self.force.get_mut(i) {
                        *slot = f;
                    }
                }
                self.stage = if to >= n {
                    Stage::Move
                } else {
                    Stage::Repulse(to)
                };
                (to - from).max(1)
            }
            Stage::Move => {
                self.finish_iteration();
                self.done += 1;
                self.stage = Stage::Start;
                1 + (n + self.edges.len()) / 4
            }
            Stage::Resolve(pass) => {
                let moved = pass < MAX_COLLISION_PASSES && self.collision_pass();
                self.stage = if moved {
                    Stage::Resolve(pass + 1)
                } else {
                    Stage::Done
                };
                n.max(1)
            }
            Stage::Done => 1,
        }
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

    /// The end of an iteration (the repulsion is in `force`): attraction,
    /// gravity, then moves capped by the temperature.
    fn finish_iteration(&mut self) {
        let progress = self.done as f64 / self.budget.max(1) as f64;
        let temperature = self.t0 * (1.0 - progress) * (1.0 - progress);
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

    /// One pass pushing overlapping nodes apart (pinned ones stay); true
    /// if anything moved. The passes run after the last iteration until
    /// nothing moves or [`MAX_COLLISION_PASSES`]. Uniform grid, pairs in a
    /// fixed order, positions updated in place.
    fn collision_pass(&mut self) -> bool {
        let max_r = self.radius.iter().fold(0.0f64, |a, &b| a.max(b));
        let cell = 2.0 * max_r + GAP;
        let mut grid = std::mem::take(&mut self.grid);
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
        self.grid = grid;
        moved
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
    compute_with(ds, g, None)
}

/// The final layout with `iterations` instead of the budget from the counts
/// (`None`: the budget, as the map runs it). `civicmap layout --iterations`.
pub fn compute_with(ds: &Dataset, g: &Graph, iterations: Option<usize>) -> Vec<Position> {
    let mut l = Layout::new(ds, g);
    if let Some(n) = iterations {
        if l.budget > 0 {
            l.budget = n;
        }
    }
    while !l.step(64) {}
    l.positions
}

mod quadtree;
pub mod quality;
mod start;

#[cfg(test)]
mod tests;
