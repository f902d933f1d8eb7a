//! Inline SVG icons: the six node shapes of the legend (the same shapes the
//! canvas draws, so a type never relies on colour alone) and a few
//! interface glyphs. Decorative: every icon is `aria-hidden`.

use yew::prelude::*;

use crate::model::format::dataset::Shape;

/// The id of `shape`'s element in [`shape_sprite`].
fn shape_id(shape: Shape) -> &'static str {
    match shape {
        Shape::Circle => "cm-shape-circle",
        Shape::Square => "cm-shape-square",
        Shape::Triangle => "cm-shape-triangle",
        Shape::Diamond => "cm-shape-diamond",
        Shape::Hexagon => "cm-shape-hexagon",
        Shape::Star => "cm-shape-star",
    }
}

/// The six node shapes in a 20×20 view box, each defined once per page
/// (rendered by the app root) for the icons' `<use>`: a type icon is then a
/// few dozen bytes, however many rows and chips show one.
pub fn shape_sprite() -> Html {
    Html::from_html_unchecked(AttrValue::Static(concat!(
        r#"<svg class="sprite" aria-hidden="true" focusable="false"><defs>"#,
        r#"<circle id="cm-shape-circle" cx="10" cy="10" r="7.5"/>"#,
        r#"<rect id="cm-shape-square" x="3" y="3" width="14" height="14" rx="1.5"/>"#,
        r#"<polygon id="cm-shape-triangle" points="10,2.5 18,17 2,17"/>"#,
        r#"<polygon id="cm-shape-diamond" points="10,1.5 18.5,10 10,18.5 1.5,10"/>"#,
        r#"<polygon id="cm-shape-hexagon" points="18,10 14,16.93 6,16.93 2,10 6,3.07 14,3.07"/>"#,
        r#"<polygon id="cm-shape-star" points="10,1.5 12.35,7.3 18.55,7.72 13.8,11.7 15.3,17.75 10,14.45 4.7,17.75 6.2,11.7 1.45,7.72 7.65,7.3"/>"#,
        "</defs></svg>"
    )))
}

/// A type's shape in its colour, with the contrasting outline the canvas
/// uses (`.shape-icon` in static/app.css), as markup text for
/// [`Markup`](super::markup::Markup); the colour is escaped. It draws the
/// page's [`shape_sprite`].
pub fn shape_svg(shape: Shape, color: &str) -> String {
    let mut out =
        String::from(r#"<svg class="shape-icon" viewBox="0 0 20 20" aria-hidden="true" fill=""#);
    crate::convert::xml::escape_into(&mut out, color);
    out.push_str(r##""><use href="#"##);
    out.push_str(shape_id(shape));
    out.push_str(r#""/></svg>"#);
    out
}

/// A type's shape in its colour, with the contrasting outline the canvas
/// uses: raw markup, no component (icons repeat in every list).
pub fn shape_icon(shape: Shape, color: &str) -> Html {
    Html::from_html_unchecked(shape_svg(shape, color).into())
}

/// Interface glyphs (24×24, stroked with the current colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    Filter,
    Share,
    Info,
    Close,
    Search,
    Globe,
    External,
    Warning,
    Check,
    /// The graph view: nodes and links.
    Network,
    /// The list view: rows.
    Rows,
    /// The timeline view: a line with dates.
    Timeline,
    /// The stakes view: a balance.
    Stakes,
    /// The analysis view: bars.
    Chart,
    /// `</>`: embed this map.
    Code,
    Play,
    Pause,
    /// The theme choice.
    Contrast,
    /// The "Exporter" menu: an arrow into a tray.
    Download,
}

/// A glyph's lines in a 24×24 view box.
fn glyph_body(glyph: Glyph) -> &'static str {
    match glyph {
        Glyph::Filter => r#"<path d="M4 5h16l-6 7.5V19l-4-2v-4.5z"/>"#,
        Glyph::Share => {
            r#"<circle cx="18" cy="5.5" r="2.5"/><circle cx="6" cy="12" r="2.5"/><circle cx="18" cy="18.5" r="2.5"/><path d="M8.2 10.8l7.6-4.1M8.2 13.2l7.6 4.1"/>"#
        }
        Glyph::Info => r#"<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5v.5"/>"#,
        Glyph::Close => r#"<path d="M6 6l12 12M18 6L6 18"/>"#,
        Glyph::Search => r#"<circle cx="10.5" cy="10.5" r="6"/><path d="M15 15l5 5"/>"#,
        Glyph::Globe => {
            r#"<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c3 3.2 3 14.8 0 18M12 3c-3 3.2-3 14.8 0 18"/>"#
        }
        Glyph::External => {
            r#"<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>"#
        }
        Glyph::Code => r#"<path d="M8 7l-5 5 5 5M16 7l5 5-5 5M13.5 4.5l-3 15"/>"#,
        Glyph::Warning => r#"<path d="M12 3.5l9.5 16.5h-19z"/><path d="M12 10v4.5M12 17v.5"/>"#,
        Glyph::Check => r#"<path d="M5 12.5l4.5 4.5L19 7.5"/>"#,
        Glyph::Network => {
            r#"<circle cx="6" cy="7" r="2.5"/><circle cx="18" cy="6" r="2.5"/><circle cx="12" cy="18" r="2.5"/><path d="M8.4 7.6l7.2-1.2M7.2 9.2l3.6 6.6M16.9 8.3l-3.7 7.5"/>"#
        }
        Glyph::Rows => r#"<path d="M4 6h16M4 12h16M4 18h16"/>"#,
        Glyph::Timeline => {
            r#"<path d="M3 12h18"/><circle cx="7" cy="12" r="2"/><circle cx="17" cy="12" r="2"/><path d="M12 5v4M12 15v4"/>"#
        }
        Glyph::Stakes => {
            r#"<path d="M12 4v16M8 20h8M5 7h14"/><path d="M5 7l-3 6a3 3 0 0 0 6 0zM19 7l-3 6a3 3 0 0 0 6 0z"/>"#
        }
        Glyph::Chart => r#"<path d="M4 20h16M7 20v-6M12 20V6M17 20v-9"/>"#,
        Glyph::Play => r#"<path d="M8 5v14l11-7z" fill="currentColor"/>"#,
        Glyph::Pause => r#"<path d="M8 5v14M16 5v14" stroke-width="3.2"/>"#,
        Glyph::Contrast => {
            r#"<circle cx="12" cy="12" r="9"/><path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor"/>"#
        }
        Glyph::Download => {
            r#"<path d="M12 4v11M7.5 10.5L12 15l4.5-4.5M4 17v2a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-2"/>"#
        }
    }
}
/// A small line icon, as markup text for [`Markup`](super::markup::Markup).
pub fn glyph_svg(glyph: Glyph) -> String {
    format!(
        r#"<svg class="glyph" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">{}</svg>"#,
        glyph_body(glyph)
    )
}

/// A small line icon (raw markup in the virtual DOM: no component of its
/// own, each of which costs its generic lifecycle code in the wasm).
pub fn glyph(glyph: Glyph) -> Html {
    Html::from_html_unchecked(glyph_svg(glyph).into())
}
