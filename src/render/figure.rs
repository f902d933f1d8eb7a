//! The exported picture of the map, laid out once for every format: the
//! visible links and actors fitted into the drawing, the actors' names,
//! and under the map the title, the legend (colour, shape and label of each
//! type), the visible counts and the source and licence. [`figure`] computes
//! it (pure, natively tested); `svg` writes it as an SVG document and
//! [`paint`] draws it on any [`Surface`] at a scale (the PNG export draws
//! it at 2× on an offscreen canvas), so both files show the same thing.

use crate::model::format::dataset::{Position, Shape};
use crate::model::network::filter::Visible;

use super::draw::Ctx;
use super::scene::Scene;
use super::shape;
use super::style;
use super::surface::Surface;

/// Width of the drawing (SVG user units; CSS pixels at scale 1).
pub const WIDTH: f64 = 1200.0;
/// Height of the map part.
const MAP_HEIGHT: f64 = 800.0;
pub const MARGIN: f64 = 40.0;
const LINE: f64 = 22.0;
/// The font of every text.
pub const FONT_FAMILY: &str = "system-ui, sans-serif";
/// The actors' names.
pub const NAME_SIZE: f64 = 12.0;

/// The texts drawn around the map, already in the page's language.
pub struct Caption<'a> {
    pub title: &'a str,
    /// The colour legend as the map shows it: the types, or the groups of
    /// `color=`.
    pub legend: Vec<Key>,
    /// Lines under the legend: what size shows, the note on rings.
    pub notes: Vec<String>,
    pub counts: &'a str,
    /// Source and licence, when the dataset names them.
    pub credit: Option<&'a str>,
}

/// One entry of the legend: its key's shape and colour, and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub label: String,
    pub shape: Shape,
    pub fill: String,
}

/// A shape at a place, filled with a colour, maybe ringed in a second one
/// (an actor with a second group under `color=`): `(colour, radius)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub shape: Shape,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub fill: String,
    pub ring: Option<(String, f64)>,
}

/// A line of text: its anchor point (alphabetic baseline), size in units.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub bold: bool,
    pub text: String,
}

/// Everything the exported picture shows, in drawing units.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub width: f64,
    pub height: f64,
    /// The document's title (the map's title).
    pub title: String,
    pub background: &'static str,
    pub link_colour: &'static str,
    pub outline: &'static str,
    pub text_colour: &'static str,
    /// The visible links: `[x1, y1, x2, y2]`.
    pub links: Vec<[f64; 4]>,
    pub actors: Vec<Mark>,
    /// The actors' names, centred under them.
    pub names: Vec<Text>,
    /// Under the map, left-aligned: the title, the legend (each type's key
    /// and label), the counts and the credit.
    pub heading: Text,
    pub legend: Vec<(Mark, Text)>,
    pub notes: Vec<Text>,
    pub counts: Text,
    pub credit: Option<Text>,
}

/// The picture of the visible part of the map, fitted to the drawing.
pub fn figure(
    scene: &Scene,
    positions: &[Position],
    visible: &Visible,
    dark: bool,
    caption: &Caption,
) -> Figure {
    let palette = style::palette(dark);
    let shown = |a: usize| visible.actors.get(a).copied().unwrap_or(false);
    let actors: Vec<(usize, &Position)> = positions
        .iter()
        .enumerate()
        .filter(|(a, _)| shown(*a))
        .collect();
    // Fit the visible actors' box into the map part.
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (_, p) in &actors {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let inner_w = WIDTH - 2.0 * MARGIN;
    let inner_h = MAP_HEIGHT - 2.0 * MARGIN;
    let scale = if actors.is_empty() {
        1.0
    } else {
        let w = (x1 - x0).max(1.0);
        let h = (y1 - y0).max(1.0);
        (inner_w / w).min(inner_h / h).min(4.0)
    };
    let (cx, cy) = if actors.is_empty() {
        (0.0, 0.0)
    } else {
        ((x0 + x1) / 2.0, (y0 + y1) / 2.0)
    };
    let at = |p: &Position| {
        (
            WIDTH / 2.0 + (p.x - cx) * scale,
            MAP_HEIGHT / 2.0 + (p.y - cy) * scale,
        )
    };
    let legend_rows = caption.legend.len().div_ceil(3);
    let height = MAP_HEIGHT + LINE * (3 + legend_rows + caption.notes.len()) as f64 + MARGIN;

    let links = scene
        .links
        .iter()
        .filter(|l| visible.links.get(l.link).copied().unwrap_or(false))
        .filter_map(|l| {
            let (a, b) = (positions.get(l.source)?, positions.get(l.target)?);
            let ((ax, ay), (bx, by)) = (at(a), at(b));
            Some([ax, ay, bx, by])
        })
        .collect();
    let style_of = |t: Option<&super::scene::TypeStyle>| {
        t.map_or(("#888888".to_string(), Shape::Circle), |t| {
            (t.fill_for(dark, false).to_string(), t.shape)
        })
    };
    // `color=`: the groups' colours, as on the map.
    let swatch = |k: usize| {
        scene
            .paint
            .as_ref()
            .and_then(|p| p.swatches.get(k))
            .map(|s| s.fill_for(dark, false).to_string())
    };
    let mut marks = Vec::with_capacity(actors.len());
    let mut names = Vec::with_capacity(actors.len());
    for (a, p) in &actors {
        let (x, y) = at(p);
        let r = scene.radius_of(*a).min(40.0);
        let (fill, shape) = style_of(scene.type_style(*a));
        let paint = scene.paint.as_ref();
        let fill = paint.and_then(|p| swatch(p.fill_of(*a))).unwrap_or(fill);
        let ring = paint
            .and_then(|p| p.ring.get(*a).copied().flatten())
            .and_then(swatch)
            .map(|c| (c, r * scene.extent_of(*a) + 2.5));
        marks.push(Mark {
            shape,
            x,
            y,
            r,
            fill,
            ring,
        });
        names.push(Text {
            x,
            y: y + r + 13.0,
            size: NAME_SIZE,
            bold: false,
            text: scene.names.get(*a).cloned().unwrap_or_default(),
        });
    }
    // Caption: title, legend, counts, credit.
    let text = |y: f64, size: f64, text: &str| Text {
        x: MARGIN,
        y,
        size,
        bold: false,
        text: text.to_string(),
    };
    let mut y = MAP_HEIGHT + LINE;
    let heading = Text {
        bold: true,
        ..text(y, 18.0, caption.title)
    };
    y += LINE;
    let col_w = (WIDTH - 2.0 * MARGIN) / 3.0;
    let legend = caption
        .legend
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let x = MARGIN + col_w * (i % 3) as f64;
            let ly = y + LINE * (i / 3) as f64;
            let key = Mark {
                shape: k.shape,
                x: x + 7.0,
                y: ly - 5.0,
                r: 7.0,
                fill: k.fill.clone(),
                ring: None,
            };
            let label = Text {
                x: x + 20.0,
                ..text(ly, 14.0, &k.label)
            };
            (key, label)
        })
        .collect();
    y += LINE * legend_rows as f64;
    let notes = caption
        .notes
        .iter()
        .map(|n| {
            let t = text(y, 13.0, n);
            y += LINE;
            t
        })
        .collect();
    let counts = text(y, 14.0, caption.counts);
    y += LINE;
    let credit = caption.credit.map(|c| text(y, 12.0, c));
    Figure {
        width: WIDTH,
        height,
        title: caption.title.to_string(),
        background: palette.background,
        link_colour: palette.link,
        outline: palette.outline,
        text_colour: palette.label,
        links,
        actors: marks,
        names,
        heading,
        legend,
        notes,
        counts,
        credit,
    }
}

/// The CSS font of a text at `size` units.
pub fn font(size: f64, bold: bool) -> String {
    let weight = if bold { "bold " } else { "" };
    format!("{weight}{size}px {FONT_FAMILY}")
}

/// Draws `f` on `s` at `scale` device pixels per unit (the backing store
/// must be `width × scale` by `height × scale`).
pub fn paint<S: Surface>(f: &Figure, s: &mut S, scale: f64) {
    s.set_transform(scale);
    s.set_global_alpha(1.0);
    s.set_fill_style(f.background);
    s.fill_rect(0.0, 0.0, f.width, f.height);
    s.set_line_width(1.0);
    s.set_line_dash(&[]);
    s.set_stroke_style(f.link_colour);
    s.begin_path();
    for [ax, ay, bx, by] in &f.links {
        s.move_to(*ax, *ay);
        s.line_to(*bx, *by);
    }
    s.stroke();
    // Actors outlined, legend keys not (as in the SVG).
    s.set_stroke_style(f.outline);
    for m in &f.actors {
        mark(s, m);
        s.stroke();
    }
    // Second groups: a ring over a halo of the outline colour, as on the
    // map.
    for m in &f.actors {
        if let Some((colour, r)) = &m.ring {
            s.begin_path();
            s.circle(m.x, m.y, *r);
            s.set_line_width(4.5);
            s.set_stroke_style(f.outline);
            s.stroke();
            s.set_line_width(2.5);
            s.set_stroke_style(colour);
            s.stroke();
        }
    }
    for (key, _) in &f.legend {
        mark(s, key);
    }
    s.set_fill_style(f.text_colour);
    s.set_text_baseline("alphabetic");
    s.set_text_align("center");
    s.set_font(&font(NAME_SIZE, false));
    for t in &f.names {
        s.fill_text(&t.text, t.x, t.y);
    }
    s.set_text_align("left");
    let caption = std::iter::once(&f.heading)
        .chain(f.legend.iter().map(|(_, t)| t))
        .chain(&f.notes)
        .chain(std::iter::once(&f.counts))
        .chain(f.credit.as_ref());
    for t in caption {
        s.set_font(&font(t.size, t.bold));
        s.fill_text(&t.text, t.x, t.y);
    }
}

/// Fills one shape (its path stays current, for an outline).
fn mark<S: Surface>(s: &mut S, m: &Mark) {
    s.begin_path();
    shape::trace(&mut Ctx(s), m.shape, m.x, m.y, m.r);
    s.set_fill_style(&m.fill);
    s.fill();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::default_dataset;
    use crate::model::network::filter::{visible, Filter};
    use crate::model::network::graph::Graph;

    /// A surface that keeps what a painting fills and writes.
    #[derive(Default)]
    struct Paper {
        scale: f64,
        fill_style: String,
        /// The colour of every `fill` (and `fill_rect`).
        fills: Vec<String>,
        texts: Vec<(String, String)>,
        font: String,
    }

    impl Surface for Paper {
        fn attached(&self) -> bool {
            true
        }
        fn now(&self) -> f64 {
            0.0
        }
        fn set_size(&mut self, _: u32, _: u32) {}
        fn set_attribute(&mut self, _: &str, _: &str) {}
        fn set_style_property(&mut self, _: &str, _: &str) {}
        fn measure_text(&mut self, _: &str) -> Option<f64> {
            None
        }
        fn overlays(&self) -> Vec<(f64, f64, f64, f64)> {
            Vec::new()
        }
        fn set_transform(&mut self, scale: f64) {
            self.scale = scale;
        }
        fn set_global_alpha(&mut self, _: f64) {}
        fn set_fill_style(&mut self, colour: &str) {
            self.fill_style = colour.to_string();
        }
        fn set_stroke_style(&mut self, _: &str) {}
        fn set_line_width(&mut self, _: f64) {}
        fn set_line_cap(&mut self, _: &str) {}
        fn set_line_join(&mut self, _: &str) {}
        fn set_line_dash(&mut self, _: &[f64]) {}
        fn set_font(&mut self, font: &str) {
            self.font = font.to_string();
        }
        fn set_text_baseline(&mut self, _: &str) {}
        fn set_text_align(&mut self, _: &str) {}
        fn fill_rect(&mut self, _: f64, _: f64, _: f64, _: f64) {
            self.fills.push(self.fill_style.clone());
        }
        fn begin_path(&mut self) {}
        fn move_to(&mut self, _: f64, _: f64) {}
        fn line_to(&mut self, _: f64, _: f64) {}
        fn circle(&mut self, _: f64, _: f64, _: f64) {}
        fn fill(&mut self) {
            self.fills.push(self.fill_style.clone());
        }
        fn stroke(&mut self) {}
        fn fill_text(&mut self, text: &str, _: f64, _: f64) {
            self.texts.push((text.to_string(), self.font.clone()));
        }
        fn stroke_text(&mut self, _: &str, _: f64, _: f64) {}
    }

    fn sample(dark: bool) -> (Figure, usize, Vec<String>) {
        let ds = default_dataset();
        let g = Graph::new(&ds);
        let scene = Scene::new(&ds, &g);
        let f = Filter {
            types: vec![ds.actors[0].actor_type().to_string()],
            ..Filter::default()
        };
        let vis = visible(&ds, &g, &f);
        let positions: Vec<Position> = (0..ds.actors.len())
            .map(|i| Position {
                x: (i % 10) as f64 * 50.0,
                y: (i / 10) as f64 * 50.0,
            })
            .collect();
        let colours: Vec<String> = scene
            .types
            .iter()
            .map(|t| t.fill_for(dark, false).to_string())
            .collect();
        let legend = scene
            .types
            .iter()
            .enumerate()
            .map(|(t, ty)| Key {
                label: format!("type {t}"),
                shape: ty.shape,
                fill: colours[t].clone(),
            })
            .collect();
        let caption = Caption {
            title: "Carte",
            legend,
            notes: Vec::new(),
            counts: "3 acteurs",
            credit: Some("Source — CC BY 4.0"),
        };
        let fig = figure(&scene, &positions, &vis, dark, &caption);
        (fig, vis.actor_count, colours)
    }

    #[test]
    fn the_figure_fits_the_visible_actors_and_lays_the_caption_out_below() {
        let (fig, count, colours) = sample(false);
        assert!(count > 0);
        assert_eq!(fig.actors.len(), count);
        assert_eq!(fig.names.len(), count);
        for m in &fig.actors {
            assert!(
                m.x >= MARGIN - 1e-9 && m.x <= WIDTH - MARGIN + 1e-9,
                "{m:?}"
            );
            assert!(m.y < fig.heading.y, "{m:?}");
        }
        // Three legend keys a row, in the types' own colours.
        assert_eq!(fig.legend.len(), colours.len());
        let rows = colours.len().div_ceil(3);
        assert_eq!(fig.height, MAP_HEIGHT + LINE * (3 + rows) as f64 + MARGIN);
        for (i, (key, label)) in fig.legend.iter().enumerate() {
            assert_eq!(Some(&key.fill), colours.get(i));
            assert_eq!(label.text, format!("type {i}"));
            assert!(key.y > fig.heading.y && key.y < fig.counts.y);
        }
        assert!(fig.counts.y < fig.credit.as_ref().map_or(0.0, |c| c.y));
        assert!(fig.credit.as_ref().is_some_and(|c| c.y <= fig.height));
    }

    #[test]
    fn painting_draws_what_the_svg_writes_at_the_scale_asked() {
        for dark in [false, true] {
            let (fig, count, colours) = sample(dark);
            let mut paper = Paper::default();
            paint(&fig, &mut paper, 2.0);
            assert_eq!(paper.scale, 2.0);
            // The background, then one fill per actor and per legend key.
            assert_eq!(
                paper.fills.first().map(String::as_str),
                Some(fig.background)
            );
            assert_eq!(paper.fills.len(), 1 + count + colours.len());
            assert_eq!(&paper.fills[1 + count..], &colours[..]);
            // Every text of the SVG, in the same order, names in 12 px.
            let texts: Vec<&str> = paper.texts.iter().map(|(t, _)| t.as_str()).collect();
            let mut expected: Vec<&str> = fig.names.iter().map(|t| t.text.as_str()).collect();
            expected.extend(["Carte"]);
            expected.extend(fig.legend.iter().map(|(_, t)| t.text.as_str()));
            expected.extend(["3 acteurs", "Source — CC BY 4.0"]);
            assert_eq!(texts, expected);
            assert_eq!(paper.texts[0].1, "12px system-ui, sans-serif");
            assert!(paper
                .texts
                .iter()
                .any(|(t, f)| t == "Carte" && f.starts_with("bold 18px")));
        }
    }

    #[test]
    fn under_color_the_figure_shows_the_groups_colours_and_rings_as_the_map_does() {
        use crate::model::view::encoding::by_terms;
        use crate::model::view::state::ColorBy;
        use crate::render::scene::{NodeEncoding, Paint};
        let ds = default_dataset();
        let g = Graph::new(&ds);
        let vis = visible(&ds, &g, &Filter::default());
        let colouring = by_terms(&ds, &vis, ColorBy::Objective).unwrap();
        let mut scene = Scene::new(&ds, &g);
        scene.encode(&NodeEncoding {
            colouring: Some(colouring.clone()),
            ..NodeEncoding::default()
        });
        let groups = Paint::new(&colouring);
        let positions: Vec<Position> = (0..ds.actors.len())
            .map(|i| Position {
                x: (i % 20) as f64 * 40.0,
                y: (i / 20) as f64 * 40.0,
            })
            .collect();
        let caption = Caption {
            title: "Carte",
            legend: Vec::new(),
            notes: vec!["Taille : degré".into(), "Anneau : second objectif".into()],
            counts: "162 acteurs",
            credit: None,
        };
        let fig = figure(&scene, &positions, &vis, false, &caption);
        let swatch = |k: usize| groups.swatches[k].fill_for(false, false).to_string();
        let mut ringed = 0;
        for (m, a) in fig.actors.iter().zip(0..) {
            assert_eq!(m.fill, swatch(groups.fill_of(a)), "actor {a}");
            assert_eq!(
                m.ring.as_ref().map(|r| r.0.clone()),
                groups.ring[a].map(swatch)
            );
            ringed += usize::from(m.ring.is_some());
        }
        assert!(
            ringed > 0,
            "some actor of the default dataset has two objectives"
        );
        // The notes under the legend, in the SVG and in the painting.
        assert_eq!(fig.notes.len(), 2);
        assert!(fig.notes[1].y < fig.counts.y);
        let svg = crate::render::svg::write(&fig);
        assert_eq!(svg.matches("class=\"ring\"").count(), ringed);
        assert!(svg.contains(">Anneau : second objectif</text>"));
        let mut paper = Paper::default();
        paint(&fig, &mut paper, 1.0);
        assert!(paper.texts.iter().any(|(t, _)| t == "Taille : degré"));
    }
}
