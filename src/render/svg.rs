//! The map as an SVG file (the "Exporter" menu): the visible links as
//! lines, the visible actors as their type's shape and colour, their names
//! as `<text>`, and under the map the title, the legend (colour, shape and
//! label of each type), the visible counts and the source and licence.
//! Pure: every text is XML-escaped here, so a hostile label stays text.

use std::fmt::Write;

use crate::model::format::dataset::{Position, Shape};
use crate::model::network::filter::Visible;

use super::scene::Scene;
use super::shape::{self, PathSink};
use super::style;

/// Width of the drawing (SVG user units).
const WIDTH: f64 = 1200.0;
/// Height of the map part.
const MAP_HEIGHT: f64 = 800.0;
const MARGIN: f64 = 40.0;
const LINE: f64 = 22.0;

/// The texts drawn around the map, already in the page's language.
pub struct Caption<'a> {
    pub title: &'a str,
    /// One entry per type shown in the legend: its label and its index in
    /// `scene.types`.
    pub legend: Vec<(String, usize)>,
    pub counts: &'a str,
    /// Source and licence, when the dataset names them.
    pub credit: Option<&'a str>,
}

/// `text` safe inside an XML element or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An SVG path's `d` attribute, built through [`PathSink`].
struct PathData(String);

impl PathSink for PathData {
    fn move_to(&mut self, x: f64, y: f64) {
        let _ = write!(self.0, "M{x:.1} {y:.1}");
    }
    fn line_to(&mut self, x: f64, y: f64) {
        let _ = write!(self.0, "L{x:.1} {y:.1}");
    }
    fn circle(&mut self, x: f64, y: f64, r: f64) {
        let _ = write!(
            self.0,
            "M{:.1} {y:.1}a{r:.1} {r:.1} 0 1 0 {:.1} 0a{r:.1} {r:.1} 0 1 0 {:.1} 0",
            x - r,
            2.0 * r,
            -2.0 * r
        );
    }
}

/// One shape as an SVG element (a `<circle>` or a closed `<path>`).
fn shape_element(s: Shape, x: f64, y: f64, r: f64, fill: &str, extra: &str) -> String {
    if s == Shape::Circle {
        return format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\"{extra}/>",
            escape(fill)
        );
    }
    let mut d = PathData(String::new());
    shape::trace(&mut d, s, x, y, r);
    format!("<path d=\"{}Z\" fill=\"{}\"{extra}/>", d.0, escape(fill))
}

/// The SVG document of the visible part of the map, fitted to the drawing.
pub fn map_svg(
    scene: &Scene,
    positions: &[Position],
    visible: &Visible,
    dark: bool,
    caption: &Caption,
) -> String {
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
    let height = MAP_HEIGHT + LINE * (3 + legend_rows) as f64 + MARGIN;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" \
         font-family=\"system-ui, sans-serif\">\n<title>{}</title>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        escape(caption.title),
        palette.background
    );
    // Links.
    let _ = writeln!(
        out,
        "<g class=\"links\" stroke=\"{}\" stroke-width=\"1\">",
        palette.link
    );
    for l in &scene.links {
        if !visible.links.get(l.link).copied().unwrap_or(false) {
            continue;
        }
        if let (Some(a), Some(b)) = (positions.get(l.source), positions.get(l.target)) {
            let ((ax, ay), (bx, by)) = (at(a), at(b));
            let _ = writeln!(
                out,
                "<line x1=\"{ax:.1}\" y1=\"{ay:.1}\" x2=\"{bx:.1}\" y2=\"{by:.1}\"/>"
            );
        }
    }
    out.push_str("</g>\n");
    // Actors, then their names.
    let _ = writeln!(
        out,
        "<g class=\"actors\" stroke=\"{}\" stroke-width=\"1\">",
        palette.outline
    );
    for (a, p) in &actors {
        let (x, y) = at(p);
        let r = scene.radius_of(*a).min(40.0);
        let (fill, s) = scene
            .type_style(*a)
            .map_or(("#888888", Shape::Circle), |t| {
                (t.fill_for(dark, false), t.shape)
            });
        out.push_str(&shape_element(s, x, y, r, fill, " class=\"actor\""));
        out.push('\n');
    }
    out.push_str("</g>\n");
    let _ = writeln!(
        out,
        "<g class=\"labels\" font-size=\"12\" fill=\"{}\" text-anchor=\"middle\">",
        palette.label
    );
    for (a, p) in &actors {
        let (x, y) = at(p);
        let r = scene.radius_of(*a).min(40.0);
        let name = scene.names.get(*a).map_or("", String::as_str);
        let _ = writeln!(
            out,
            "<text x=\"{x:.1}\" y=\"{:.1}\">{}</text>",
            y + r + 13.0,
            escape(name)
        );
    }
    out.push_str("</g>\n");
    // Caption: title, legend, counts, credit.
    let mut y = MAP_HEIGHT + LINE;
    let _ = writeln!(
        out,
        "<g class=\"caption\" fill=\"{}\">\n<text x=\"{MARGIN}\" y=\"{y:.1}\" font-size=\"18\" \
         font-weight=\"bold\">{}</text>",
        palette.label,
        escape(caption.title)
    );
    y += LINE;
    let col_w = (WIDTH - 2.0 * MARGIN) / 3.0;
    for (i, (label, t)) in caption.legend.iter().enumerate() {
        let x = MARGIN + col_w * (i % 3) as f64;
        let ly = y + LINE * (i / 3) as f64;
        let (fill, s) = scene.types.get(*t).map_or(("#888888", Shape::Circle), |t| {
            (t.fill_for(dark, false), t.shape)
        });
        out.push_str(&shape_element(
            s,
            x + 7.0,
            ly - 5.0,
            7.0,
            fill,
            " class=\"legend-key\"",
        ));
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{ly:.1}\" font-size=\"14\">{}</text>",
            x + 20.0,
            escape(label)
        );
    }
    y += LINE * legend_rows as f64;
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{y:.1}\" font-size=\"14\">{}</text>",
        escape(caption.counts)
    );
    y += LINE;
    if let Some(credit) = caption.credit {
        let _ = writeln!(
            out,
            "<text x=\"{MARGIN}\" y=\"{y:.1}\" font-size=\"12\">{}</text>",
            escape(credit)
        );
    }
    out.push_str("</g>\n</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::xml::{parse, Element, Limits};
    use crate::model::fixtures::default_dataset;
    use crate::model::network::filter::{visible, Filter};
    use crate::model::network::graph::Graph;

    /// Every element of the tree, depth first.
    fn all(e: &Element) -> Vec<&Element> {
        let mut out = vec![e];
        for c in &e.children {
            out.extend(all(c));
        }
        out
    }

    fn picture(hostile: &str) -> (String, usize, usize) {
        let mut ds = default_dataset();
        ds.actors[0].name = hostile.to_string();
        let g = Graph::new(&ds);
        let f = Filter {
            types: vec![ds.actors[0].actor_type().to_string()],
            ..Filter::default()
        };
        let vis = visible(&ds, &g, &f);
        let scene = Scene::new(&ds, &g);
        let positions: Vec<Position> = (0..ds.actors.len())
            .map(|i| Position {
                x: (i % 10) as f64 * 50.0,
                y: (i / 10) as f64 * 50.0,
            })
            .collect();
        let legend = (0..ds.taxonomy.actor_types.len())
            .map(|t| (format!("<type {t}>"), t))
            .collect::<Vec<_>>();
        let n_legend = legend.len();
        let caption = Caption {
            title: "Carte & <réseau>",
            legend,
            counts: "3 acteurs",
            credit: Some("Source : \"X\" — CC BY 4.0"),
        };
        (
            map_svg(&scene, &positions, &vis, false, &caption),
            vis.actor_count,
            n_legend,
        )
    }

    #[test]
    fn the_svg_parses_with_one_shape_per_visible_actor_and_the_caption() {
        let hostile = "<script>alert(1)</script>&\"'=1+1";
        let (svg, count, n_legend) = picture(hostile);
        assert!(count > 0);
        let root = parse(&svg, &Limits::DEFAULT).unwrap();
        assert_eq!(root.name, "svg");
        let elements = all(&root);
        let texts: Vec<&str> = elements.iter().map(|e| e.text.as_str()).collect();
        let actors = elements
            .iter()
            .filter(|e| e.attr("class") == Some("actor"))
            .count();
        assert_eq!(actors, count);
        let keys = elements
            .iter()
            .filter(|e| e.attr("class") == Some("legend-key"))
            .count();
        assert_eq!(keys, n_legend);
        assert!(!elements.iter().any(|e| e.name == "script"));
        assert!(texts.contains(&hostile), "{texts:?}");
        assert!(texts.contains(&"Carte & <réseau>"));
        assert!(texts.contains(&"3 acteurs"));
        assert!(texts.contains(&"Source : \"X\" — CC BY 4.0"));
        assert!(texts.contains(&"<type 0>"));
    }

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape("<a href='x'>&\u{1}"),
            "&lt;a href=&apos;x&apos;&gt;&amp;"
        );
    }
}
