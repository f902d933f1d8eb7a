//! Inline styles set through the CSSOM.
//!
//! The map is served with a Content-Security-Policy whose `style-src` has
//! no `'unsafe-inline'`, which blocks every `style="…"` attribute (in the
//! markup or set with `setAttribute`). Properties set on an element's
//! `style` object through the CSSOM are allowed, so components that must
//! style themselves without the stylesheet (the map canvas, which also runs
//! in the browser tests without `app.css`) use [`set_style`] from an effect
//! instead of a `style` attribute.

use web_sys::HtmlElement;

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
