//! Inline styles set through the CSSOM.
//!
//! The map is served with a Content-Security-Policy whose `style-src` has
//! no `'unsafe-inline'`, which blocks every `style="…"` attribute (in the
//! markup or set with `setAttribute`). Properties set on an element's
//! `style` object through the CSSOM are allowed, so components that must
//! style themselves without the stylesheet (the map canvas, which also runs
//! in the browser tests without `app.css`) use [`set_style`] from an effect
//! instead of a `style` attribute; [`apply_styles`] styles the map
//! canvas component this way.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::style::{self, Controls};

/// Sets each `property: value` declaration of `declarations`
/// (`;`-separated, as in CSS) on `el` through `el.style.setProperty`.
pub fn set_style(el: &HtmlElement, declarations: &str) {
    let style = el.style();
    for (property, value) in parse(declarations) {
        let _ = style.set_property(property, value);
    }
}

/// The `(property, value)` pairs of a declaration list; blank and malformed
/// declarations are skipped.
fn parse(declarations: &str) -> impl Iterator<Item = (&str, &str)> {
    declarations.split(';').filter_map(|d| {
        let (p, v) = d.split_once(':')?;
        let (p, v) = (p.trim(), v.trim());
        (!p.is_empty() && !v.is_empty()).then_some((p, v))
    })
}

const VISUALLY_HIDDEN: &str = "position:absolute;width:1px;height:1px;padding:0;margin:-1px;\
    overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0";
const ROOT_STYLE: &str = "position:relative;width:100%;height:100%;min-height:0;overflow:hidden";
// `touch-action` and `cursor` are the engine's (`show_gestures`, `set_cursor`).
const CANVAS_STYLE: &str = "position:absolute;inset:0;width:100%;height:100%;display:block;\
    user-select:none;-webkit-user-select:none";
const ZOOM_STYLE: &str =
    "position:absolute;right:12px;bottom:12px;display:flex;flex-direction:column;gap:8px";

/// Styles the component's own elements (the children of `root`, known by
/// tag or class) for the theme, through the CSSOM: a `style` attribute
/// would need `style-src 'unsafe-inline'` in the Content-Security-Policy
/// (see the module documentation). An element added to the component gets its style
/// here or a class in `app.css`, never a `style` attribute.
pub fn apply_styles(root: &HtmlElement, dark: bool) {
    let Controls {
        background: bg,
        text: fg,
        border,
    } = style::controls(dark);
    let button = format!(
        "width:44px;height:44px;display:flex;align-items:center;justify-content:center;padding:0;\
         margin:0;border:1px solid {border};border-radius:8px;background:{bg};color:{fg};\
         font:600 22px/1 system-ui,sans-serif;cursor:pointer;box-shadow:0 1px 3px rgba(0,0,0,.18)"
    );
    set_style(root, ROOT_STYLE);
    let children = |parent: &web_sys::Element| {
        std::iter::successors(parent.first_element_child(), |e| e.next_element_sibling())
    };
    for child in children(root) {
        let class = child.class_name();
        let declarations = if child.tag_name().eq_ignore_ascii_case("canvas") {
            CANVAS_STYLE
        } else if class.split_whitespace().any(|c| c == "civicmap-sr") {
            VISUALLY_HIDDEN
        } else if class.split_whitespace().any(|c| c == "civicmap-zoom") {
            for b in children(&child) {
                if let Ok(b) = b.dyn_into::<HtmlElement>() {
                    set_style(&b, &button);
                }
            }
            ZOOM_STYLE
        } else {
            continue;
        };
        if let Ok(el) = child.dyn_into::<HtmlElement>() {
            set_style(&el, declarations);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn declarations_are_split_like_css() {
        let got: Vec<_> =
            parse(" width:44px; font:600 22px/1 system-ui,sans-serif;;bad; x: ").collect();
        assert_eq!(
            got,
            vec![
                ("width", "44px"),
                ("font", "600 22px/1 system-ui,sans-serif")
            ]
        );
    }
}
