//! Colours, line styles and sizes of the map, for the light and dark themes.
//!
//! The canvas reads its colours from here (chosen by the `dark` prop), never
//! from CSS at each frame. The background is painted by the canvas itself so
//! label halos always match it; the UI can use [`Palette::background`] to
//! match the page around it.

/// The colours of one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub background: &'static str,
    /// Links, neutral (their kind is told by the dash pattern).
    pub link: &'static str,
    /// Links of the hovered / selected actor.
    pub link_strong: &'static str,
    /// The outline of every node: contrasts with the background and the fills.
    pub outline: &'static str,
    /// Links and outlines outside the emphasised neighbourhood (the
    /// outline pre-blended with the background: opaque colours draw faster
    /// than `globalAlpha` in software rasterizers).
    pub link_dim: &'static str,
    pub outline_dim: &'static str,
    pub label: &'static str,
    /// The halo behind labels (the background colour).
    pub halo: &'static str,
    /// The ring around the selected actor.
    pub selection: &'static str,
    /// The ring around the keyboard-focused actor.
    pub focus: &'static str,
    /// The ring around actors the UI asks to emphasise (`highlighted`).
    pub highlight: &'static str,
}

/// The colours of the map's own buttons (zoom in, zoom out, show all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Controls {
    pub background: &'static str,
    pub text: &'static str,
    pub border: &'static str,
}

/// The buttons' colours for a theme.
pub fn controls(dark: bool) -> Controls {
    if dark {
        Controls {
            background: "#23272e",
            text: "#eef1f5",
            border: "#8a94a3",
        }
    } else {
        Controls {
            background: "#ffffff",
            text: "#1b1f24",
            border: "#7d8694",
        }
    }
}

/// The dash pattern of the keyboard focus ring.
pub const FOCUS_DASH: &[f64] = &[4.0, 3.0];

pub const LIGHT: Palette = Palette {
    background: "#f7f8fa",
    link: "rgba(70, 78, 92, 0.38)",
    link_strong: "rgba(32, 38, 48, 0.9)",
    outline: "#22272e",
    link_dim: "rgba(70, 78, 92, 0.09)",
    outline_dim: "#d1d2d5",
    label: "#1b1f24",
    halo: "rgba(247, 248, 250, 0.92)",
    selection: "#c2185b",
    focus: "#0b57d0",
    highlight: "#b85a00",
};

pub const DARK: Palette = Palette {
    background: "#15181d",
    link: "rgba(190, 198, 212, 0.32)",
    link_strong: "rgba(236, 240, 246, 0.9)",
    outline: "#eef1f5",
    link_dim: "rgba(190, 198, 212, 0.08)",
    outline_dim: "#3c3f44",
    label: "#eef1f5",
    halo: "rgba(21, 24, 29, 0.92)",
    selection: "#ff6fa8",
    focus: "#8ab4f8",
    highlight: "#ffb74d",
};

/// The palette of a theme.
pub fn palette(dark: bool) -> &'static Palette {
    if dark {
        &DARK
    } else {
        &LIGHT
    }
}

/// Dash patterns (CSS pixels) of link kinds, by kind index modulo the
/// length: solid, dashed, dotted, dash-dot, long dashes, sparse dots.
pub const DASHES: [&[f64]; 6] = [
    &[],
    &[7.0, 4.0],
    &[1.5, 3.0],
    &[9.0, 3.0, 1.5, 3.0],
    &[14.0, 5.0],
    &[1.0, 6.0],
];

/// The dash pattern of the link kind at `index`.
pub fn dash(index: usize) -> &'static [f64] {
    DASHES.get(index % DASHES.len()).copied().unwrap_or(&[])
}

/// `s` when it is a `#rrggbb` colour (any case), else `None`. Only such
/// strings reach the canvas.
pub fn hex_colour(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let ok =
        b.len() == 7 && b.first() == Some(&b'#') && b.iter().skip(1).all(u8::is_ascii_hexdigit);
    ok.then_some(s)
}

/// `fg` blended over `bg` with opacity `alpha` (both `#rrggbb`), as an
/// opaque `#rrggbb`; `None` when either is not a hex colour.
pub fn blend(fg: &str, bg: &str, alpha: f64) -> Option<String> {
    let channel = |s: &str, i: usize| -> Option<f64> {
        let h = hex_colour(s)?;
        u8::from_str_radix(h.get(i..i + 2)?, 16).ok().map(f64::from)
    };
    let a = alpha.clamp(0.0, 1.0);
    let mut out = String::with_capacity(7);
    out.push('#');
    for i in [1, 3, 5] {
        let v = channel(fg, i)? * a + channel(bg, i)? * (1.0 - a);
        out.push_str(&format!("{:02x}", v.round().clamp(0.0, 255.0) as u8));
    }
    Some(out)
}

/// Sizes, in CSS pixels.
pub mod size {
    /// Nodes are never drawn smaller than this radius.
    pub const MIN_NODE_RADIUS: f64 = 2.0;
    /// Node outline width.
    pub const OUTLINE: f64 = 1.0;
    /// Link width, and for the links of the hovered / selected actor.
    pub const LINK: f64 = 1.0;
    pub const LINK_STRONG: f64 = 1.8;
    /// Arrowheads: length and half width.
    pub const ARROW_LEN: f64 = 7.0;
    pub const ARROW_HALF: f64 = 3.5;
    /// Label font size and line box height.
    pub const FONT: f64 = 12.0;
    pub const LABEL_H: f64 = 15.0;
    /// Gap between a node and its label.
    pub const LABEL_GAP: f64 = 3.0;
    /// A node must be drawn at least this big for its label to be a candidate
    /// (unless it is selected, hovered, focused or highlighted).
    pub const LABEL_MIN_RADIUS: f64 = 3.0;
    /// A map showing at most this many actors is a small one: every actor
    /// gets a label candidate whatever its size, and the camera frames them
    /// all rather than zooming on a selected one.
    pub const SMALL_MAP: usize = 50;
    /// When framing, the biggest visible node is drawn at most this big
    /// (CSS pixels): two or three actors are framed, not blown up.
    pub const FRAMED_MAX_RADIUS: f64 = 28.0;
    /// Centring on a selected actor zooms in until it is drawn this big.
    pub const CENTRED_RADIUS: f64 = 8.0;
    /// Extra distance around nodes that still counts as a hit (fingers).
    pub const HIT_SLOP: f64 = 4.0;
    /// Movement under which a press-release is a tap (a click), not a drag.
    pub const TAP_SLOP: f64 = 6.0;
    /// Margin kept around the graph when fitting.
    pub const FIT_PADDING: f64 = 32.0;
    /// Opacity of what is not the hovered / selected actor's neighbourhood.
    pub const DIM_ALPHA: f64 = 0.18;
}

/// The canvas font of labels.
pub const LABEL_FONT: &str =
    "500 12px system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let c = |i: usize| {
            let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn outlines_and_labels_contrast_with_the_background() {
        for p in [LIGHT, DARK] {
            // WCAG: text 4.5:1, graphical objects 3:1.
            assert!(contrast(p.label, p.background) >= 4.5);
            assert!(contrast(p.outline, p.background) >= 3.0);
            assert!(contrast(p.focus, p.background) >= 3.0);
            assert!(contrast(p.selection, p.background) >= 3.0);
            assert!(contrast(p.highlight, p.background) >= 3.0);
        }
    }

    #[test]
    fn light_outline_contrasts_with_every_palette_fill() {
        // In the dark theme the light outline contrasts with the background
        // (tested above); in the light theme the dark outline also sets every
        // fill the app gives a type apart (the one palette, in
        // `model::format::complete`).
        for (light, _) in crate::model::format::complete::PALETTE {
            assert!(contrast(LIGHT.outline, light) >= 2.5, "{light}");
        }
    }

    #[test]
    fn dashes_differ_for_the_first_kinds_and_cycle() {
        for i in 0..DASHES.len() {
            for j in 0..i {
                assert_ne!(dash(i), dash(j));
            }
        }
        assert_eq!(dash(6), dash(0));
    }

    #[test]
    fn dimmed_outlines_are_the_outline_faded_into_the_background() {
        for p in [LIGHT, DARK] {
            assert_eq!(
                blend(p.outline, p.background, size::DIM_ALPHA).as_deref(),
                Some(p.outline_dim)
            );
        }
        assert_eq!(blend("#ffffff", "#000000", 0.5).as_deref(), Some("#808080"));
        assert_eq!(blend("#102030", "#000000", 1.0).as_deref(), Some("#102030"));
        assert_eq!(blend("red", "#000000", 0.5), None);
    }

    #[test]
    fn only_hex_colours_pass() {
        assert_eq!(hex_colour("#1B9e77"), Some("#1B9e77"));
        for bad in [
            "1b9e77", "#1b9e7", "#1b9e77;", "red", "#gggggg", "", "url(x)",
        ] {
            assert_eq!(hex_colour(bad), None, "{bad}");
        }
    }
}
