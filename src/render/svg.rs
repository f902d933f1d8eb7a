//! The map as an SVG file (the "Exporter" menu): the exported figure
//! ([`super::figure`]) written as SVG — the visible links as lines, the
//! visible actors as their type's shape and colour, their names as
//! `<text>`, and under the map the title, the legend, the visible counts and
//! the source and licence. Pure: every text is XML-escaped here, so a
//! hostile label stays text.

use std::fmt::Write;

use crate::convert::xml::escape;
use crate::model::format::dataset::{Position, Shape};
use crate::model::network::filter::Visible;

use super::figure::{figure, Figure, Mark, Text, FONT_FAMILY, MARGIN, NAME_SIZE};
pub use super::figure::{Caption, Key};
use super::scene::Scene;
use super::shape::{self, PathSink};

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
fn shape_element(m: &Mark, extra: &str) -> String {
    let (x, y, r) = (m.x, m.y, m.r);
    if m.shape == Shape::Circle {
        return format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\"{extra}/>",
            escape(&m.fill)
        );
    }
    let mut d = PathData(String::new());
    shape::trace(&mut d, m.shape, x, y, r);
    format!("<path d=\"{}Z\" fill=\"{}\"{extra}/>", d.0, escape(&m.fill))
}

/// A caption line (left-aligned at the margin unless it says otherwise).
fn caption_text(out: &mut String, t: &Text) {
    let x = if t.x == MARGIN {
        format!("{MARGIN}")
    } else {
        format!("{:.1}", t.x)
    };
    let bold = if t.bold { " font-weight=\"bold\"" } else { "" };
    let _ = writeln!(
        out,
        "<text x=\"{x}\" y=\"{:.1}\" font-size=\"{}\"{bold}>{}</text>",
        t.y,
        t.size,
        escape(&t.text)
    );
}

/// The SVG document of the visible part of the map, fitted to the drawing.
pub fn map_svg(
    scene: &Scene,
    positions: &[Position],
    visible: &Visible,
    dark: bool,
    caption: &Caption,
) -> String {
    write(&figure(scene, positions, visible, dark, caption))
}

/// The figure as an SVG document.
pub fn write(f: &Figure) -> String {
    let (width, height) = (f.width, f.height);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         font-family=\"{FONT_FAMILY}\">\n<title>{}</title>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        escape(&f.title),
        f.background
    );
    let _ = writeln!(
        out,
        "<g class=\"links\" stroke=\"{}\" stroke-width=\"1\">",
        f.link_colour
    );
    for [ax, ay, bx, by] in &f.links {
        let _ = writeln!(
            out,
            "<line x1=\"{ax:.1}\" y1=\"{ay:.1}\" x2=\"{bx:.1}\" y2=\"{by:.1}\"/>"
        );
    }
    out.push_str("</g>\n");
    // Actors, then their names.
    let _ = writeln!(
        out,
        "<g class=\"actors\" stroke=\"{}\" stroke-width=\"1\">",
        f.outline
    );
    for m in &f.actors {
        out.push_str(&shape_element(m, " class=\"actor\""));
        out.push('\n');
    }
    out.push_str("</g>\n");
    // Second groups (`color=`): a ring over a halo, as on the map.
    let rings: Vec<_> = f
        .actors
        .iter()
        .filter_map(|m| m.ring.as_ref().map(|(c, r)| (m.x, m.y, *r, c)))
        .collect();
    if !rings.is_empty() {
        out.push_str("<g class=\"rings\" fill=\"none\">\n");
        for (x, y, r, colour) in rings {
            let _ = writeln!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" stroke=\"{}\" stroke-width=\"4.5\"/>\n\
                 <circle class=\"ring\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" stroke=\"{}\" stroke-width=\"2.5\"/>",
                f.outline,
                escape(colour)
            );
        }
        out.push_str("</g>\n");
    }
    let _ = writeln!(
        out,
        "<g class=\"labels\" font-size=\"{NAME_SIZE}\" fill=\"{}\" text-anchor=\"middle\">",
        f.text_colour
    );
    for t in &f.names {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            t.x,
            t.y,
            escape(&t.text)
        );
    }
    out.push_str("</g>\n");
    let _ = writeln!(out, "<g class=\"caption\" fill=\"{}\">", f.text_colour);
    caption_text(&mut out, &f.heading);
    for (key, label) in &f.legend {
        out.push_str(&shape_element(key, " class=\"legend-key\""));
        caption_text(&mut out, label);
    }
    for note in &f.notes {
        caption_text(&mut out, note);
    }
    caption_text(&mut out, &f.counts);
    if let Some(credit) = &f.credit {
        caption_text(&mut out, credit);
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
            .map(|t| Key {
                label: format!("<type {t}>"),
                shape: Shape::Circle,
                fill: "#123456".into(),
            })
            .collect::<Vec<_>>();
        let n_legend = legend.len();
        let caption = Caption {
            title: "Carte & <réseau>",
            legend,
            notes: vec!["Taille : <degré>".into()],
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
        assert!(texts.contains(&"Taille : <degré>"));
    }

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape("<a href='x'>&\u{1}"),
            "&lt;a href=&apos;x&apos;&gt;&amp;"
        );
    }
}
