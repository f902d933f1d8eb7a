//! Label placement: which actor names are written this frame, so that no
//! two labels overlap.
//!
//! Greedy, in priority order: the labels that must be shown (selected,
//! hovered, focused, highlighted actors) first, then the most connected
//! actors first; a label is kept when its box touches no kept box. Zooming
//! in spreads the nodes apart on screen, so more labels fit: more labels as
//! you zoom in, without any threshold table. Kept boxes are indexed in a
//! screen grid, so a frame costs about one grid lookup per candidate; the
//! placer keeps its buffers between frames (no per-frame allocation once
//! warm).

/// A label box in screen pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// True when `o` lies entirely inside `self`.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x
            && o.y >= self.y
            && o.x + o.w <= self.x + self.w
            && o.y + o.h <= self.y + self.h
    }

    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// The box of a label `text_w` pixels wide for a node drawn at `(sx, sy)`
/// reaching `reach` pixels from its centre: on the node's right, or on its
/// left when it would cross the right edge of a viewport `vp_width` wide
/// (and fits on the left). The text is drawn 1 px inside the box.
pub fn label_box(sx: f64, sy: f64, reach: f64, text_w: f64, vp_width: f64) -> Rect {
    use super::style::size::{LABEL_GAP, LABEL_H};
    let w = text_w.max(0.0) + 2.0;
    let right = sx + reach + LABEL_GAP;
    let left = sx - reach - LABEL_GAP - w;
    let x = if right + w > vp_width && left >= 0.0 {
        left
    } else {
        right
    };
    Rect {
        x,
        y: sy - LABEL_H / 2.0,
        w,
        h: LABEL_H,
    }
}

/// The other places a label may take when [`label_box`]'s is taken: on
/// the node's other side, then above it, then below it.
pub fn other_boxes(first: Rect, sx: f64, sy: f64, reach: f64) -> [Rect; 3] {
    use super::style::size::{LABEL_GAP, LABEL_H};
    let mirrored = if first.x >= sx {
        sx - reach - LABEL_GAP - first.w
    } else {
        sx + reach + LABEL_GAP
    };
    let centred = sx - first.w / 2.0;
    [
        Rect {
            x: mirrored,
            ..first
        },
        Rect {
            x: centred,
            y: sy - reach - LABEL_GAP / 2.0 - LABEL_H,
            ..first
        },
        Rect {
            x: centred,
            y: sy + reach + LABEL_GAP / 2.0,
            ..first
        },
    ]
}

fn finite(r: &Rect) -> bool {
    r.x.is_finite() && r.y.is_finite() && r.w.is_finite() && r.h.is_finite()
}

/// A label that may be written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub actor: usize,
    pub rect: Rect,
    /// Shown whatever it overlaps (selected, hovered, focused, highlighted).
    pub forced: bool,
    /// The box of the actor's node: once this candidate is handled, the
    /// labels after it (less connected actors) keep clear of it, so a name
    /// never hides a more connected actor.
    pub node: Option<Rect>,
    /// Other places tried, in order, when `rect` is taken ([`other_boxes`];
    /// a small map gives every actor its best chance of a label).
    pub others: Option<[Rect; 3]>,
}

/// The side of a grid cell, in screen pixels.
const CELL: f64 = 64.0;
/// Labels keep this distance from each other (pixels), for legibility.
pub const GAP: f64 = 2.0;

/// Places labels; keep one per canvas and reuse it each frame.
#[derive(Debug, Clone, Default)]
pub struct Placer {
    cols: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
    kept: Vec<Rect>,
}

impl Placer {
    /// Chooses the labels to write among `candidates`, given in priority
    /// order, for a viewport of `width` × `height` pixels. Appends the
    /// chosen candidates to `out` (cleared first), in the order given.
    /// Candidates whose box is off screen are skipped (forced ones only
    /// when entirely off screen).
    pub fn place(
        &mut self,
        width: f64,
        height: f64,
        candidates: impl IntoIterator<Item = Candidate>,
        out: &mut Vec<Candidate>,
    ) {
        self.place_clear_of(width, height, &[], candidates, out);
    }

    /// [`Self::place`], keeping the labels that are not forced clear of
    /// `obstacles` (the page's controls over the canvas).
    pub fn place_clear_of(
        &mut self,
        width: f64,
        height: f64,
        obstacles: &[Rect],
        candidates: impl IntoIterator<Item = Candidate>,
        out: &mut Vec<Candidate>,
    ) {
        out.clear();
        self.kept.clear();
        let cols = ((width.max(0.0) / CELL).ceil() as usize).clamp(1, 1024);
        let rows = ((height.max(0.0) / CELL).ceil() as usize).clamp(1, 1024);
        if cols * rows != self.cells.len() {
            self.cells.resize_with(cols * rows, Vec::new);
        }
        self.cols = cols;
        self.rows = rows;
        for c in &mut self.cells {
            c.clear();
        }
        let screen = Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
        };
        for o in obstacles {
            if finite(o) && o.overlaps(&screen) {
                self.keep(*o);
            }
        }
        for cand in candidates {
            let tries = std::iter::once(cand.rect).chain(cand.others.into_iter().flatten());
            for rect in tries {
                let c = Candidate { rect, ..cand };
                if self.accepts(&c, &screen) {
                    self.keep(rect);
                    out.push(c);
                    break;
                }
            }
            // Less connected actors' labels keep clear of this node.
            if let Some(n) = cand.node {
                if finite(&n) && n.overlaps(&screen) {
                    self.keep(n);
                }
            }
        }
    }

    /// Whether the label of `cand` can be written, given what is kept.
    fn accepts(&self, cand: &Candidate, screen: &Rect) -> bool {
        let r = cand.rect;
        if !finite(&r) || !r.overlaps(screen) {
            return false;
        }
        // A label cut by the viewport's edge is noise: only the forced ones
        // (selected, hovered, …) may be cut.
        if !cand.forced && !screen.contains(&r) {
            return false;
        }
        let padded = Rect {
            x: r.x - GAP,
            y: r.y - GAP,
            w: r.w + 2.0 * GAP,
            h: r.h + 2.0 * GAP,
        };
        let (x0, x1, y0, y1) = self.span(&padded);
        cand.forced || !self.collides(&padded, x0, x1, y0, y1)
    }

    /// Records a box as taken.
    fn keep(&mut self, r: Rect) {
        let padded = Rect {
            x: r.x - GAP,
            y: r.y - GAP,
            w: r.w + 2.0 * GAP,
            h: r.h + 2.0 * GAP,
        };
        let (x0, x1, y0, y1) = self.span(&padded);
        let id = self.kept.len() as u32;
        self.kept.push(r);
        for cy in y0..=y1 {
            for cx in x0..=x1 {
                if let Some(c) = self.cells.get_mut(cy * self.cols + cx) {
                    c.push(id);
                }
            }
        }
    }

    /// The grid cells a box touches (clamped to the grid).
    fn span(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let cell =
            |v: f64, n: usize| ((v / CELL).floor().max(0.0) as usize).min(n.saturating_sub(1));
        (
            cell(r.x, self.cols),
            cell(r.x + r.w, self.cols),
            cell(r.y, self.rows),
            cell(r.y + r.h, self.rows),
        )
    }

    fn collides(&self, r: &Rect, x0: usize, x1: usize, y0: usize, y1: usize) -> bool {
        for cy in y0..=y1 {
            for cx in x0..=x1 {
                let Some(cell) = self.cells.get(cy * self.cols + cx) else {
                    continue;
                };
                for &k in cell {
                    if self.kept.get(k as usize).is_some_and(|o| o.overlaps(r)) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cand(actor: usize, x: f64, y: f64, w: f64, forced: bool) -> Candidate {
        Candidate {
            others: None,
            actor,
            rect: Rect { x, y, w, h: 14.0 },
            forced,
            node: None,
        }
    }

    fn placed(p: &mut Placer, c: Vec<Candidate>) -> Vec<usize> {
        let mut out = Vec::new();
        p.place(800.0, 600.0, c, &mut out);
        out.iter().map(|c| c.actor).collect()
    }

    #[test]
    fn a_label_whose_place_is_taken_tries_the_other_side_then_above_then_below() {
        // Node 1 at (200, 100) just right of node 0 at (100, 100): node 0's
        // label covers node 1's right side.
        let mut p = Placer::default();
        let with_others = |a: usize, sx: f64, sy: f64| {
            let rect = label_box(sx, sy, 5.0, 60.0, 800.0);
            Candidate {
                actor: a,
                rect,
                forced: false,
                node: None,
                others: Some(other_boxes(rect, sx, sy, 5.0)),
            }
        };
        let blocker = cand(9, 200.0, 97.0, 200.0, false);
        let mut out = Vec::new();
        p.place(
            800.0,
            600.0,
            [blocker, with_others(1, 190.0, 100.0)],
            &mut out,
        );
        assert_eq!(out.len(), 2);
        assert!(
            out[1].rect.x + out[1].rect.w <= 190.0,
            "left of its node: {:?}",
            out[1].rect
        );
        // Both sides taken: above.
        let left = cand(8, 0.0, 97.0, 180.0, false);
        p.place(
            800.0,
            600.0,
            [blocker, left, with_others(1, 190.0, 100.0)],
            &mut out,
        );
        assert_eq!(out.len(), 3);
        assert!(
            out[2].rect.y + out[2].rect.h <= 95.0,
            "above its node: {:?}",
            out[2].rect
        );
        // Without other places, the label is dropped.
        let plain = Candidate {
            others: None,
            ..with_others(1, 190.0, 100.0)
        };
        p.place(800.0, 600.0, [blocker, left, plain], &mut out);
        assert_eq!(out.len(), 2);
        // The page's controls are obstacles too.
        let zoom_buttons = Rect {
            x: 250.0,
            y: 80.0,
            w: 44.0,
            h: 140.0,
        };
        p.place_clear_of(800.0, 600.0, &[zoom_buttons], [plain], &mut out);
        assert_eq!(out.len(), 0);
        p.place_clear_of(
            800.0,
            600.0,
            &[zoom_buttons],
            [with_others(1, 190.0, 100.0)],
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert!(!out[0].rect.overlaps(&zoom_buttons), "{:?}", out[0].rect);
    }

    #[test]
    fn labels_go_right_of_the_node_unless_they_would_leave_the_screen() {
        let r = label_box(100.0, 50.0, 5.0, 60.0, 800.0);
        assert!(r.x > 105.0 && r.x < 110.0 && r.w == 62.0);
        assert!(
            (r.y + r.h / 2.0 - 50.0).abs() < 1e-9,
            "vertically centred on the node"
        );
        let l = label_box(780.0, 50.0, 5.0, 60.0, 800.0);
        assert!(l.x + l.w < 775.0, "flipped to the left: {l:?}");
        // No room on either side: stays on the right.
        let n = label_box(30.0, 50.0, 5.0, 900.0, 800.0);
        assert!(n.x > 35.0);
    }

    #[test]
    fn the_first_in_priority_order_wins_an_overlap() {
        let mut p = Placer::default();
        // 0 and 1 overlap; 2 is apart. Priority order given by the caller.
        let got = placed(
            &mut p,
            vec![
                cand(1, 100.0, 100.0, 80.0, false),
                cand(0, 120.0, 105.0, 80.0, false),
                cand(2, 400.0, 100.0, 80.0, false),
            ],
        );
        assert_eq!(got, vec![1, 2]);
    }

    #[test]
    fn labels_keep_clear_of_more_connected_nodes() {
        let mut p = Placer::default();
        let node = |x: f64, y: f64| {
            Some(Rect {
                x,
                y,
                w: 20.0,
                h: 20.0,
            })
        };
        let mut hub = cand(0, 400.0, 100.0, 80.0, false);
        hub.node = node(150.0, 95.0);
        // 1's label would cover the hub's node: dropped. 2's label may cover
        // the node of 3, which comes after it.
        let c1 = cand(1, 100.0, 100.0, 80.0, false);
        let c2 = cand(2, 100.0, 300.0, 80.0, false);
        let mut c3 = cand(3, 600.0, 500.0, 80.0, false);
        c3.node = node(150.0, 295.0);
        let mut forced = cand(4, 100.0, 102.0, 80.0, true);
        forced.node = None;
        let got = placed(&mut p, vec![hub, c1, c2, c3]);
        assert_eq!(got, vec![0, 2, 3]);
        let got = placed(&mut p, vec![hub, forced]);
        assert_eq!(got, vec![0, 4], "forced labels ignore nodes");
    }

    #[test]
    fn forced_labels_are_always_shown_and_block_others() {
        let mut p = Placer::default();
        let got = placed(
            &mut p,
            vec![
                cand(7, 120.0, 105.0, 80.0, true),
                cand(1, 100.0, 100.0, 80.0, false),
            ],
        );
        assert_eq!(got, vec![7]);
    }

    #[test]
    fn off_screen_and_broken_boxes_are_skipped() {
        let mut p = Placer::default();
        let got = placed(
            &mut p,
            vec![
                cand(0, -500.0, 10.0, 80.0, false),
                cand(1, 10.0, f64::NAN, 80.0, false),
                cand(2, 790.0, 590.0, 80.0, false),
                cand(3, 790.0, 500.0, 80.0, true),
                cand(4, 700.0, 300.0, 80.0, false),
            ],
        );
        // Cut by the edge: only a forced label is kept.
        assert_eq!(got, vec![3, 4]);
    }

    #[test]
    fn more_labels_fit_when_zoomed_in() {
        // The same 200 actors on a line, at two zooms.
        let count = |zoom: f64| {
            let mut p = Placer::default();
            let c: Vec<Candidate> = (0..200)
                .map(|i| cand(i, 5.0 + i as f64 * 3.0 * zoom, 300.0, 60.0, false))
                .collect();
            placed(&mut p, c).len()
        };
        assert!(count(4.0) > count(1.0));
    }

    proptest! {
        /// No two unforced labels overlap (with the gap), every kept label is
        /// entirely on screen, and a label fully on screen is only dropped
        /// for an overlap with one placed before it.
        #[test]
        fn kept_labels_never_overlap(
            boxes in proptest::collection::vec((-50.0..850.0f64, -20.0..620.0f64, 5.0..150.0f64), 0..300),
        ) {
            let c: Vec<Candidate> = boxes.iter().enumerate().map(|(i, &(x, y, w))| cand(i, x, y, w, false)).collect();
            let mut p = Placer::default();
            let mut out = Vec::new();
            p.place(800.0, 600.0, c.clone(), &mut out);
            for (i, a) in out.iter().enumerate() {
                for b in out.iter().skip(i + 1) {
                    let pa = Rect { x: a.rect.x - GAP, y: a.rect.y - GAP, w: a.rect.w + 2.0 * GAP, h: a.rect.h + 2.0 * GAP };
                    prop_assert!(!pa.overlaps(&b.rect), "{:?} {:?}", a, b);
                }
            }
            let screen = Rect { x: 0.0, y: 0.0, w: 800.0, h: 600.0 };
            prop_assert!(out.iter().all(|o| screen.contains(&o.rect)));
            for cnd in &c {
                if out.iter().any(|o| o.actor == cnd.actor) || !screen.contains(&cnd.rect) { continue; }
                let pc = Rect { x: cnd.rect.x - GAP, y: cnd.rect.y - GAP, w: cnd.rect.w + 2.0 * GAP, h: cnd.rect.h + 2.0 * GAP };
                let blocker = out.iter().find(|o| o.rect.overlaps(&pc));
                prop_assert!(blocker.is_some_and(|b| b.actor < cnd.actor), "{:?} dropped without cause", cnd);
            }
        }
    }
}
