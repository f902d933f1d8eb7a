//! The layout's Barnes–Hut quadtree: the repulsion on each actor from all
//! the others in O(log n), the tree rebuilt every iteration into reused
//! buffers (moved out of `layout.rs` as it is).

use super::{GAP, MAX_DEPTH, NONE, REPULSION, THETA};
use crate::model::format::dataset::Position;

/// A Barnes–Hut quadtree over the actors, rebuilt every iteration into
/// reused buffers. Bodies are inserted in index order, so the tree (and
/// every sum over it) is the same on every machine.
#[derive(Debug, Clone, Default)]
pub(super) struct QuadTree {
    cells: Vec<Cell>,
    /// Next body in the same deepest leaf (`NONE` ends the list).
    next: Vec<u32>,
}

/// The most cells a depth-first walk of the tree holds at once: three
/// siblings waiting per level above the deepest, plus four children.
const STACK: usize = 4 * (MAX_DEPTH as usize + 1);

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
    /// Empties the tree and sizes its root on the bodies' bounding box;
    /// [`insert_body`](QuadTree::insert_body) then adds each body, in index
    /// order.
    pub(super) fn begin(&mut self, pos: &[Position]) {
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
    }

    /// Inserts body `b`.
    pub(super) fn insert_body(&mut self, b: usize, pos: &[Position], mass: &[f64]) {
        if let (Some(p), Some(&m)) = (pos.get(b), mass.get(b)) {
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
    pub(super) fn repulsion(
        &self,
        i: usize,
        pos: &[Position],
        mass: &[f64],
        radius: &[f64],
    ) -> (f64, f64) {
        let (Some(pi), Some(&mi), Some(&ri)) = (pos.get(i), mass.get(i), radius.get(i)) else {
            return (0.0, 0.0);
        };
        let (mut fx, mut fy) = (0.0, 0.0);
        // A fixed stack, not a `Vec`: its push was a call per opened cell
        // in the size-optimised build (10 % of a 10,000-actor layout).
        let mut stack = [0u32; STACK];
        let mut len = usize::from(!self.cells.is_empty());
        while len > 0 {
            len -= 1;
            let c = stack.get(len).copied().unwrap_or(NONE);
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
                    if let (true, Some(slot)) = (ch != NONE, stack.get_mut(len)) {
                        *slot = ch;
                        len += 1;
                    }
                }
            }
        }
        (fx, fy)
    }
}
