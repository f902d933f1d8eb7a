//! Inline SVG icons: the six node shapes of the legend (the same shapes the
//! canvas draws, so a type never relies on colour alone) and a few
//! interface glyphs. Decorative: every icon is `aria-hidden`.

use yew::prelude::*;

use crate::model::format::dataset::Shape;

/// The SVG element of `shape` in a 20×20 box, for a 20×20 view box.
fn shape_element(shape: Shape) -> Html {
    match shape {
        Shape::Circle => html! { <circle cx="10" cy="10" r="7.5" /> },
        Shape::Square => html! { <rect x="3" y="3" width="14" height="14" rx="1.5" /> },
        Shape::Triangle => html! { <polygon points="10,2.5 18,17 2,17" /> },
        Shape::Diamond => html! { <polygon points="10,1.5 18.5,10 10,18.5 1.5,10" /> },
        Shape::Hexagon => {
            html! { <polygon points="18,10 14,16.93 6,16.93 2,10 6,3.07 14,3.07" /> }
        }
        Shape::Star => html! {
            <polygon points="10,1.5 12.35,7.3 18.55,7.72 13.8,11.7 15.3,17.75 10,14.45 4.7,17.75 6.2,11.7 1.45,7.72 7.65,7.3" />
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct ShapeIconProps {
    pub shape: Shape,
    /// `#rrggbb` fill.
    pub color: AttrValue,
    /// Draw the outline only (undated actors under a year filter).
    #[prop_or_default]
    pub hollow: bool,
}

/// A type's shape in its colour, with the contrasting outline the canvas uses.
#[function_component(ShapeIcon)]
pub fn shape_icon(props: &ShapeIconProps) -> Html {
    let fill = if props.hollow {
        AttrValue::from("none")
    } else {
        props.color.clone()
    };
    html! {
        <svg class="shape-icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"
             focusable="false" fill={fill} stroke="var(--node-outline)" stroke-width="1.5"
             stroke-linejoin="round">
            { shape_element(props.shape) }
        </svg>
    }
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

#[derive(Properties, PartialEq)]
pub struct GlyphProps {
    pub glyph: Glyph,
}

/// A small line icon.
#[function_component(GlyphIcon)]
pub fn glyph_icon(props: &GlyphProps) -> Html {
    let body = match props.glyph {
        Glyph::Filter => html! { <path d="M4 5h16l-6 7.5V19l-4-2v-4.5z" /> },
        Glyph::Share => html! { <>
            <circle cx="18" cy="5.5" r="2.5" /><circle cx="6" cy="12" r="2.5" /><circle cx="18" cy="18.5" r="2.5" />
            <path d="M8.2 10.8l7.6-4.1M8.2 13.2l7.6 4.1" />
        </> },
        Glyph::Info => html! { <>
            <circle cx="12" cy="12" r="9" /><path d="M12 11v6M12 7.5v.5" />
        </> },
        Glyph::Close => html! { <path d="M6 6l12 12M18 6L6 18" /> },
        Glyph::Search => html! { <>
            <circle cx="10.5" cy="10.5" r="6" /><path d="M15 15l5 5" />
        </> },
        Glyph::Globe => html! { <>
            <circle cx="12" cy="12" r="9" /><path d="M3 12h18M12 3c3 3.2 3 14.8 0 18M12 3c-3 3.2-3 14.8 0 18" />
        </> },
        Glyph::External => {
            html! { <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" /> }
        }
        Glyph::Code => html! { <path d="M8 7l-5 5 5 5M16 7l5 5-5 5M13.5 4.5l-3 15" /> },
        Glyph::Warning => html! { <>
            <path d="M12 3.5l9.5 16.5h-19z" /><path d="M12 10v4.5M12 17v.5" />
        </> },
        Glyph::Check => html! { <path d="M5 12.5l4.5 4.5L19 7.5" /> },
        Glyph::Network => html! { <>
            <circle cx="6" cy="7" r="2.5" /><circle cx="18" cy="6" r="2.5" /><circle cx="12" cy="18" r="2.5" />
            <path d="M8.4 7.6l7.2-1.2M7.2 9.2l3.6 6.6M16.9 8.3l-3.7 7.5" />
        </> },
        Glyph::Rows => html! { <path d="M4 6h16M4 12h16M4 18h16" /> },
        Glyph::Timeline => html! { <>
            <path d="M3 12h18" /><circle cx="7" cy="12" r="2" /><circle cx="17" cy="12" r="2" />
            <path d="M12 5v4M12 15v4" />
        </> },
        Glyph::Stakes => html! { <>
            <path d="M12 4v16M8 20h8M5 7h14" />
            <path d="M5 7l-3 6a3 3 0 0 0 6 0zM19 7l-3 6a3 3 0 0 0 6 0z" />
        </> },
        Glyph::Chart => html! { <path d="M4 20h16M7 20v-6M12 20V6M17 20v-9" /> },
        Glyph::Play => html! { <path d="M8 5v14l11-7z" fill="currentColor" /> },
        Glyph::Pause => html! { <path d="M8 5v14M16 5v14" stroke-width="3.2" /> },
        Glyph::Contrast => html! { <>
            <circle cx="12" cy="12" r="9" /><path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor" />
        </> },
        Glyph::Download => {
            html! { <path d="M12 4v11M7.5 10.5L12 15l4.5-4.5M4 17v2a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-2" /> }
        }
    };
    html! {
        <svg class="glyph" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"
             fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
            { body }
        </svg>
    }
}
