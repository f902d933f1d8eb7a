//! Turns one frame into Canvas 2D calls. No decisions are made here: what
//! is visible, emphasised, labelled and where the camera is all come in a
//! [`Frame`]; this module only batches the drawing (one path per link kind
//! and emphasis level, one path per node type and emphasis level, one
//! `set_line_dash` per kind batch).

use crate::model::format::dataset::Position;

use super::camera::{clip_segment, Camera, Viewport};
use super::labels::Candidate;
use super::scene::{Scene, SceneLink};
use super::shape::{self, PathSink};
use super::style::{size, Palette, FOCUS_DASH, LABEL_FONT};
use super::surface::Surface;

/// Links are clipped this far outside the viewport (pixels), so line caps
/// and dashes at the border look the same as inside.
const CLIP_MARGIN: f64 = 16.0;

/// Above this much link length on screen (pixels, Manhattan), links are
/// drawn solid (see [`dashes_on`]).
const DASH_BUDGET_PX: f64 = 60_000.0;

/// Everything a frame shows.
pub struct Frame<'a> {
    pub scene: &'a Scene,
    pub positions: &'a [Position],
    pub camera: Camera,
    pub vp: Viewport,
    pub dpr: f64,
    pub palette: &'static Palette,
    pub dark: bool,
    pub visible_actors: &'a [bool],
    pub visible_links: &'a [bool],
    /// The actor whose neighbourhood is emphasised (hovered, else
    /// selected) and that neighbourhood; everything else is dimmed.
    pub emphasis: Option<(usize, &'a [bool])>,
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
    /// The keyboard-focused actor, when the canvas has the focus.
    pub focused: Option<usize>,
    pub highlighted: &'a [usize],
    /// `path=`: the chain's links as marks; with it, `emphasis` marks the
    /// chain's actors and only the marked links are drawn strong.
    pub path_links: Option<&'a [bool]>,
    /// Draw actors without a founding year hollow.
    pub hollow_undated: bool,
    pub labels: &'a [Candidate],
}

/// A surface as a [`PathSink`] (also the exported figure's, `figure::paint`).
pub(super) struct Ctx<'a, S>(pub(super) &'a mut S);

impl<S: Surface> PathSink for Ctx<'_, S> {
    fn move_to(&mut self, x: f64, y: f64) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f64, y: f64) {
        self.0.line_to(x, y);
    }
    fn circle(&mut self, x: f64, y: f64, r: f64) {
        self.0.circle(x, y, r);
    }
}

/// The screen radius of actor `a` at this zoom.
pub fn screen_radius(scene: &Scene, a: usize, zoom: f64) -> f64 {
    (scene.radius_of(a) * zoom).max(size::MIN_NODE_RADIUS)
}

impl Frame<'_> {
    fn visible(&self, a: usize) -> bool {
        self.visible_actors.get(a).copied().unwrap_or(false)
    }

    fn emphasised(&self, a: usize) -> bool {
        match self.emphasis {
            None => true,
            Some((_, marks)) => marks.get(a).copied().unwrap_or(false),
        }
    }

    fn screen(&self, a: usize) -> Option<(f64, f64)> {
        let p = self.positions.get(a)?;
        Some(self.camera.to_screen(self.vp, p.x, p.y))
    }

    fn on_screen(&self, x: f64, y: f64, r: f64) -> bool {
        x + r >= 0.0 && y + r >= 0.0 && x - r <= self.vp.width && y - r <= self.vp.height
    }
}

/// Draws `f` on `ctx`. Returns nothing: a canvas call cannot fail in a way
/// the visitor could act on.
pub fn draw<S: Surface>(ctx: &mut S, f: &Frame) {
    ctx.set_transform(f.dpr);
    ctx.set_global_alpha(1.0);
    ctx.set_fill_style(f.palette.background);
    ctx.fill_rect(0.0, 0.0, f.vp.width, f.vp.height);
    if f.vp.is_empty() {
        return;
    }
    draw_links(&mut *ctx, f);
    draw_nodes(&mut *ctx, f);
    draw_rings(&mut *ctx, f);
    draw_labels(&mut *ctx, f);
}

/// Which links a pass draws: all (no emphasis), the dimmed ones, or the
/// ones touching the emphasised actor.
#[derive(Clone, Copy, PartialEq)]
enum LinkPass {
    All,
    Dim,
    Strong,
}

/// The on-screen part of link `l`, when it is visible and crosses the
/// viewport.
fn link_segment(f: &Frame, l: &SceneLink) -> Option<((f64, f64), (f64, f64))> {
    if !f.visible_links.get(l.link).copied().unwrap_or(false) {
        return None;
    }
    let a = f.screen(l.source)?;
    let b = f.screen(l.target)?;
    // Only the part inside the viewport (plus a margin) is stroked.
    clip_segment(
        a,
        b,
        (-CLIP_MARGIN, -CLIP_MARGIN),
        (f.vp.width + CLIP_MARGIN, f.vp.height + CLIP_MARGIN),
    )
}

fn touches_emphasis(f: &Frame, l: &SceneLink) -> bool {
    if let Some(marks) = f.path_links {
        return marks.get(l.link).copied().unwrap_or(false);
    }
    f.emphasis
        .is_some_and(|(e, _)| l.source == e || l.target == e)
}

/// Whether dash patterns are drawn this frame: dashed strokes cost per dash
/// in software rasterizers (about ten times a solid stroke), so when more
/// than [`DASH_BUDGET_PX`] of links are on screen (an overview of a large
/// graph, where patterns are unreadable anyway) links are drawn solid. The
/// emphasised actor's links always keep their pattern.
fn dashes_on(f: &Frame) -> bool {
    let mut total = 0.0;
    for l in &f.scene.links {
        if let Some(((ax, ay), (bx, by))) = link_segment(f, l) {
            total += (bx - ax).abs() + (by - ay).abs();
            if total > DASH_BUDGET_PX {
                return false;
            }
        }
    }
    true
}

fn draw_links<S: Surface>(ctx: &mut S, f: &Frame) {
    let passes: &[LinkPass] = if f.emphasis.is_some() {
        &[LinkPass::Dim, LinkPass::Strong]
    } else {
        &[LinkPass::All]
    };
    let dashed = dashes_on(f);
    ctx.set_line_cap("butt");
    for &pass in passes {
        let (colour, width) = match pass {
            LinkPass::All => (f.palette.link, size::LINK),
            LinkPass::Dim => (f.palette.link_dim, size::LINK),
            LinkPass::Strong => (f.palette.link_strong, size::LINK_STRONG),
        };
        ctx.set_stroke_style(colour);
        ctx.set_fill_style(colour);
        ctx.set_line_width(width);
        let dash_this_pass = dashed || pass == LinkPass::Strong;
        for (k, kind) in f.scene.kinds.iter().enumerate() {
            let links = f.scene.links_of_kind(k);
            if links.is_empty() {
                continue;
            }
            ctx.begin_path();
            let mut any = false;
            let mut arrows = false;
            for l in links {
                if pass != LinkPass::All && (pass == LinkPass::Strong) != touches_emphasis(f, l) {
                    continue;
                }
                let Some(((ax, ay), (bx, by))) = link_segment(f, l) else {
                    continue;
                };
                ctx.move_to(ax, ay);
                ctx.line_to(bx, by);
                any = true;
                arrows |= kind.directed;
            }
            if any {
                let dash = if dash_this_pass { kind.dash } else { &[] };
                ctx.set_line_dash(dash);
                ctx.stroke();
            }
            if arrows {
                draw_arrowheads(&mut *ctx, f, k, pass);
            }
        }
    }
    ctx.set_line_dash(&[]);
}

/// One filled path of arrowheads for the directed links of kind `k`,
/// their tips on the target's outline.
fn draw_arrowheads<S: Surface>(ctx: &mut S, f: &Frame, k: usize, pass: LinkPass) {
    ctx.begin_path();
    let mut any = false;
    for l in f.scene.links_of_kind(k) {
        if !f.visible_links.get(l.link).copied().unwrap_or(false) || l.source == l.target {
            continue;
        }
        if pass != LinkPass::All && (pass == LinkPass::Strong) != touches_emphasis(f, l) {
            continue;
        }
        let (Some((x0, y0)), Some((x1, y1))) = (f.screen(l.source), f.screen(l.target)) else {
            continue;
        };
        let rt = screen_radius(f.scene, l.target, f.camera.zoom);
        if !f.on_screen(x1, y1, rt + size::ARROW_LEN) {
            continue;
        }
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = (dx * dx + dy * dy).sqrt();
        let rs = screen_radius(f.scene, l.source, f.camera.zoom);
        if len <= rs + rt + size::ARROW_LEN * 1.5 {
            continue;
        }
        let (ux, uy) = (dx / len, dy / len);
        let tip = (x1 - ux * (rt + 1.0), y1 - uy * (rt + 1.0));
        let base = (tip.0 - ux * size::ARROW_LEN, tip.1 - uy * size::ARROW_LEN);
        let (px, py) = (-uy * size::ARROW_HALF, ux * size::ARROW_HALF);
        ctx.move_to(tip.0, tip.1);
        ctx.line_to(base.0 + px, base.1 + py);
        ctx.line_to(base.0 - px, base.1 - py);
        // No close_path (quadratic in Chromium, see `shape::PathSink`):
        // `fill` closes each sub-path itself.
        any = true;
    }
    if any {
        ctx.fill();
    }
}

fn draw_nodes<S: Surface>(ctx: &mut S, f: &Frame) {
    let zoom = f.camera.zoom;
    ctx.set_line_join("round");
    // Round caps hide the seam where an unclosed polygon outline meets itself.
    ctx.set_line_cap("round");
    // Dimmed actors first (under), then the others; each pass one path per
    // type for filled nodes and one for hollow ones.
    let passes: &[bool] = if f.emphasis.is_some() {
        &[true, false]
    } else {
        &[false]
    };
    for &dim in passes {
        let outline = if dim {
            f.palette.outline_dim
        } else {
            f.palette.outline
        };
        // Colours by group: one batch per type and swatch, else per type.
        let groups = f.scene.paint.as_ref().map_or(1, |p| p.swatches.len());
        for (style, actors) in f.scene.types.iter().zip(&f.scene.by_type) {
            for group in 0..groups {
                let fill = match &f.scene.paint {
                    Some(p) => p
                        .swatches
                        .get(group)
                        .map_or(style.fill_for(f.dark, dim), |s| s.fill_for(f.dark, dim)),
                    None => style.fill_for(f.dark, dim),
                };
                let in_group =
                    |a: usize| f.scene.paint.as_ref().is_none_or(|p| p.fill_of(a) == group);
                for hollow in [false, true] {
                    if hollow && !f.hollow_undated {
                        continue;
                    }
                    ctx.begin_path();
                    let mut any = false;
                    let mut sink = Ctx(&mut *ctx);
                    for &a in actors {
                        if !f.visible(a) || f.emphasised(a) == dim || !in_group(a) {
                            continue;
                        }
                        let founded = f.scene.founded.get(a).copied().unwrap_or(true);
                        if (f.hollow_undated && !founded) != hollow {
                            continue;
                        }
                        let Some((x, y)) = f.screen(a) else { continue };
                        let r = screen_radius(f.scene, a, zoom);
                        if !f.on_screen(x, y, r * style.extent) {
                            continue;
                        }
                        shape::trace(&mut sink, style.shape, x, y, r);
                        any = true;
                    }
                    if !any {
                        continue;
                    }
                    if hollow {
                        // Outline only, in the type's colour, inside a thin
                        // contrasting line so it reads on any background.
                        ctx.set_line_width(3.0);
                        ctx.set_stroke_style(outline);
                        ctx.stroke();
                        ctx.set_line_width(1.8);
                        ctx.set_stroke_style(fill);
                        ctx.stroke();
                    } else {
                        ctx.set_fill_style(fill);
                        ctx.fill();
                        ctx.set_line_width(size::OUTLINE);
                        ctx.set_stroke_style(outline);
                        ctx.stroke();
                    }
                }
            }
        }
        draw_group_rings(ctx, f, dim);
    }
}

/// The rings of actors with a second group (several objectives…): one
/// circle around the shape in the second group's colour, over a halo of the
/// outline colour; one path per swatch.
fn draw_group_rings<S: Surface>(ctx: &mut S, f: &Frame, dim: bool) {
    let Some(paint) = &f.scene.paint else { return };
    let zoom = f.camera.zoom;
    for (k, swatch) in paint.swatches.iter().enumerate() {
        ctx.begin_path();
        let mut any = false;
        for (a, ring) in paint.ring.iter().enumerate() {
            if *ring != Some(k) || !f.visible(a) || f.emphasised(a) == dim {
                continue;
            }
            let Some((x, y)) = f.screen(a) else { continue };
            let reach = screen_radius(f.scene, a, zoom) * f.scene.extent_of(a) + 2.5;
            if !f.on_screen(x, y, reach) {
                continue;
            }
            ctx.circle(x, y, reach);
            any = true;
        }
        if !any {
            continue;
        }
        ctx.set_line_width(4.5);
        ctx.set_stroke_style(if dim {
            f.palette.outline_dim
        } else {
            f.palette.outline
        });
        ctx.stroke();
        ctx.set_line_width(2.5);
        ctx.set_stroke_style(swatch.fill_for(f.dark, dim));
        ctx.stroke();
    }
}

fn ring<S: Surface>(ctx: &mut S, f: &Frame, a: usize, gap: f64, width: f64, colour: &str) {
    if !f.visible(a) {
        return;
    }
    let Some((x, y)) = f.screen(a) else { return };
    let r = screen_radius(f.scene, a, f.camera.zoom);
    let ext = f.scene.extent_of(a);
    ctx.begin_path();
    ctx.circle(x, y, r * ext + gap);
    ctx.set_line_width(width);
    ctx.set_stroke_style(colour);
    ctx.stroke();
}

fn draw_rings<S: Surface>(ctx: &mut S, f: &Frame) {
    for &h in f.highlighted {
        // Two rings with a background halo: a timeline event's actors must
        // stand out among all the others.
        ring(ctx, f, h, 3.5, 6.0, f.palette.background);
        ring(ctx, f, h, 3.5, 3.0, f.palette.highlight);
        ring(ctx, f, h, 8.0, 4.0, f.palette.background);
        ring(ctx, f, h, 8.0, 2.0, f.palette.highlight);
    }
    if let Some(h) = f.hovered {
        ring(ctx, f, h, 2.0, 1.5, f.palette.outline);
    }
    if let Some(s) = f.selected {
        // A halo of the background colour under the ring keeps it readable
        // over links.
        ring(ctx, f, s, 3.5, 5.0, f.palette.background);
        ring(ctx, f, s, 3.5, 3.0, f.palette.selection);
    }
    if let Some(k) = f.focused {
        ctx.set_line_dash(FOCUS_DASH);
        ring(ctx, f, k, 8.0, 2.0, f.palette.focus);
        ctx.set_line_dash(&[]);
    }
}

fn draw_labels<S: Surface>(ctx: &mut S, f: &Frame) {
    if f.labels.is_empty() {
        return;
    }
    ctx.set_font(LABEL_FONT);
    ctx.set_text_baseline("middle");
    ctx.set_text_align("left");
    ctx.set_line_join("round");
    ctx.set_line_width(4.0);
    ctx.set_stroke_style(f.palette.halo);
    ctx.set_fill_style(f.palette.label);
    for c in f.labels {
        let Some(name) = f.scene.names.get(c.actor) else {
            continue;
        };
        let x = c.rect.x + 1.0;
        let y = c.rect.y + c.rect.h / 2.0;
        ctx.stroke_text(name, x, y);
        ctx.fill_text(name, x, y);
    }
}
