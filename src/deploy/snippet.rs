//! The `<iframe>` snippet that the "Embed this map" dialog hands to partner
//! webmasters: its address, its accessible title, its size, and the HTML
//! text itself, with every attribute value escaped.
//!
//! The frame's address is the map's own address with the canonical query of
//! the current view plus `embed=1` (and the chosen language), so the framed
//! map opens on exactly what the webmaster sees. The title comes from the
//! dataset (hostile text is possible): it is flattened to one line and
//! escaped, so nothing in it can close the attribute or the element.
//!
//! ```
//! use civicmap::deploy::snippet::{snippet, embed_src, Size};
//! use civicmap::model::view::state::{AppState, Lang};
//! let mut st = AppState::default();
//! st.filter.types = vec!["association".into()];
//! let src = embed_src("https://map.example/", &st, Lang::En);
//! assert_eq!(src, "https://map.example/?type=association&lang=en&embed=1");
//! let html = snippet(&src, "Interactive map: \"A & B\"", Size::Fixed(500));
//! assert!(html.starts_with("<iframe\n  src=\"https://map.example/?type=association&amp;lang=en&amp;embed=1\""));
//! assert!(html.contains("title=\"Interactive map: &quot;A &amp; B&quot;\""));
//! assert!(html.ends_with("></iframe>"));
//! ```

use crate::model::view::state::{AppState, Lang};
use crate::model::view::url;

/// How the frame is sized on the host page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// The width of its container, 4:3, at least [`RESPONSIVE_MIN_HEIGHT`]
    /// pixels tall and at most 85 % of the visitor's window (so the page
    /// always shows something around it to scroll on).
    Responsive,
    /// The width of its container and this height in CSS pixels.
    Fixed(u32),
}

/// The smallest height the responsive frame takes (CSS pixels).
pub const RESPONSIVE_MIN_HEIGHT: u32 = 400;
/// The fixed heights the dialog accepts (CSS pixels).
pub const MIN_HEIGHT: u32 = 300;
/// The fixed heights the dialog accepts (CSS pixels).
pub const MAX_HEIGHT: u32 = 2000;
/// The fixed height the dialog proposes.
pub const DEFAULT_HEIGHT: u32 = 600;
/// The longest title kept, in characters (a screen reader reads it whole).
pub const MAX_TITLE_CHARS: usize = 200;

/// Why a typed height was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeightError {
    Empty,
    /// Not a whole number of pixels.
    NotANumber,
    /// Outside [`MIN_HEIGHT`]–[`MAX_HEIGHT`].
    OutOfRange,
}

/// Reads a height typed by the webmaster: digits, optionally followed by
/// `px`, with spaces around; within [`MIN_HEIGHT`]–[`MAX_HEIGHT`].
pub fn parse_height(input: &str) -> Result<u32, HeightError> {
    let s = input.trim();
    let s = s.strip_suffix("px").unwrap_or(s).trim_end();
    if s.is_empty() {
        return Err(HeightError::Empty);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(HeightError::NotANumber);
    }
    match s.parse::<u32>() {
        Ok(h) if (MIN_HEIGHT..=MAX_HEIGHT).contains(&h) => Ok(h),
        // Digits only: a parse failure is an overflow, i.e. too large.
        _ => Err(HeightError::OutOfRange),
    }
}

/// The framed map's address: `base` (the map's address without query)
/// followed by the canonical query of `state` in `lang`, with `embed=1`.
pub fn embed_src(base: &str, state: &AppState, lang: Lang) -> String {
    embed_src_at(base, state, lang, None)
}

/// [`embed_src`] pinned to the dataset's `meta.version`: `v=` last, as
/// every link the map hands out (product.md, `v`).
pub fn embed_src_at(base: &str, state: &AppState, lang: Lang, version: Option<&str>) -> String {
    let st = AppState {
        embed: true,
        lang,
        ..state.clone()
    };
    // Never empty: `embed=1` is always there.
    format!(
        "{base}?{}",
        url::shared_link_query(&url::encode(&st), version)
    )
}

/// `s` on one line: control characters and runs of white space become one
/// space, the ends are trimmed, and it is cut at [`MAX_TITLE_CHARS`].
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    match out.char_indices().nth(MAX_TITLE_CHARS) {
        Some((cut, _)) => out.get(..cut).unwrap_or(&out).trim_end().to_string(),
        None => out,
    }
}

/// Escapes `s` for a double-quoted HTML attribute value: `&`, `"`, `'`,
/// `<` and `>` become character references (`'`, `<` and `>` are not
/// needed there, but a snippet pasted into a template language is safer
/// without them).
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The inline style of the frame for `size`.
pub fn frame_style(size: Size) -> String {
    match size {
        Size::Responsive => format!(
            "display:block;width:100%;aspect-ratio:4/3;min-height:{RESPONSIVE_MIN_HEIGHT}px;\
             max-height:85vh;border:0"
        ),
        Size::Fixed(h) => format!("display:block;width:100%;height:{h}px;border:0"),
    }
}

/// The `<iframe>` element to paste into a host page, one attribute per line.
///
/// `title` is the frame's accessible name (RGAA 2.1): it is put on one line
/// ([`one_line`]) and escaped; `src` is escaped. A fixed size also sets the
/// `height` attribute, which keeps a sensible height on the hosts whose
/// editors strip `style` attributes.
pub fn snippet(src: &str, title: &str, size: Size) -> String {
    let mut attrs: Vec<(&str, String)> = vec![
        ("src", src.to_string()),
        ("title", one_line(title)),
        ("loading", "lazy".into()),
        ("allow", "clipboard-write".into()),
    ];
    if let Size::Fixed(h) = size {
        attrs.push(("height", h.to_string()));
    }
    attrs.push(("style", frame_style(size)));
    let mut out = String::from("<iframe");
    for (name, value) in attrs {
        out.push_str("\n  ");
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(&escape_attr(&value));
        out.push('"');
    }
    out.push_str("\n></iframe>");
    out
}

#[cfg(test)]
mod tests;
