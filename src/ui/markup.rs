//! Markup written as text, for the long repeated parts of the views (the
//! list's rows, the timeline's events, the analysis tables, chips): short
//! strings the browser parses, instead of a Yew virtual node per cell.
//!
//! Why: a virtual node costs a few hundred bytes of wasm memory and its
//! bundle as much again, and wasm memory never shrinks; the list's 162 rows
//! built node by node raised the page's wasm memory by 0.56 MB for good
//! (docs/soak.md). The longest lists go in one row or event at a time
//! (`insertAdjacentHTML`), so no string holds a whole list.
//!
//! Invariants: every text and attribute value goes through
//! [`crate::convert::xml::escape_into`]; tag and attribute names are
//! literals; [`Markup::trusted`] takes only markup made here or in
//! [`super::icons`]. Clicks inside are read by one delegated listener on an
//! element around the markup, through [`selects`] / [`clicked`] and `data-` attributes.

use yew::prelude::*;

use super::store::Frozen;

use super::i18n::{self, t, Key};
use super::icons::shape_svg;
use crate::convert::xml::escape_into;
use crate::model::format::dataset::{Dataset, Shape, Source};
use crate::model::view::lookup;
use crate::model::view::state::{Action, Lang};

/// Markup under construction.
#[derive(Debug, Default)]
pub struct Markup(String);

impl Markup {
    /// Empty, with room for `bytes` (a close guess spares the copies a
    /// growing string makes, which count in wasm memory's high-water mark).
    pub fn with_capacity(bytes: usize) -> Self {
        Self(String::with_capacity(bytes))
    }

    /// `<tag` (attributes follow with [`Markup::attr`], then [`Markup::end`]).
    pub fn open(&mut self, tag: &'static str) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        self
    }

    /// ` name="value"`, the value escaped.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        escape_into(&mut self.0, value);
        self.0.push('"');
        self
    }

    /// [`Markup::attr`] when `value` is some.
    pub fn attr_opt(&mut self, name: &'static str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.attr(name, v);
        }
        self
    }

    /// `>`: the end of an opening tag.
    pub fn end(&mut self) -> &mut Self {
        self.0.push('>');
        self
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.0, s);
        self
    }

    /// Markup made by this module or by the icons (never dataset text).
    pub fn trusted(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    /// Appends the markup at the end of `el`'s content
    /// (`insertAdjacentHTML`), then empties itself, keeping its room for
    /// the next part: a long list goes in part by part through one buffer.
    pub fn insert_into(&mut self, el: &web_sys::Element) {
        let _ = el.insert_adjacent_html("beforeend", &self.0);
        self.0.clear();
    }

    /// [`Markup::insert_into`] once the markup holds more than `bytes`.
    pub fn flush(&mut self, el: &web_sys::Element, bytes: usize) {
        if self.0.len() > bytes {
            self.insert_into(el);
        }
    }

    /// The markup as text.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// An actor chip's content: its type's shape, its name, and, for an actor
/// the filters hide, `hidden` said to screen readers.
pub fn chip_body(m: &mut Markup, shape: Shape, color: &str, name: &str, hidden: Option<&str>) {
    m.trusted(&shape_svg(shape, color))
        .trusted("<span>")
        .text(name)
        .trusted("</span>");
    if let Some(note) = hidden {
        m.trusted(r#"<span class="visually-hidden"> ("#)
            .text(note)
            .trusted(")</span>");
    }
}

/// A chip that selects `actor` (a button with `data-testid`, the actor's id
/// and `data-index`), for a delegated listener ([`selects`], [`clicked`]).
pub fn chip_button(m: &mut Markup, ds: &Dataset, dark: bool, actor: usize, testid: &str) {
    let Some(a) = ds.actors.get(actor) else {
        return;
    };
    let (color, shape) = lookup::type_style(ds, a.actor_type(), dark);
    m.trusted(r#"<button type="button" class="actor-chip""#)
        .attr("data-testid", testid)
        .attr("data-actor-id", a.id())
        .attr("data-index", &actor.to_string())
        .end();
    chip_body(m, shape, &color, a.name(), None);
    m.close("button");
}

/// A source: a safe link (`http(s)` only, opened in a new tab without
/// opener or referrer) or text.
pub fn source(m: &mut Markup, src: &Source, lang: Lang) {
    let (text, href) = lookup::source_view(src, lang);
    match href {
        Some(h) => m
            .open("a")
            .attr("href", &h)
            .attr("target", "_blank")
            .attr("rel", "noopener noreferrer")
            .end()
            .text(&text)
            .close("a"),
        None => m.trusted("<span>").text(&text).close("span"),
    };
}

/// "Sources : a, b", each a [`source`], inside `<p class="…">`.
pub fn sources(m: &mut Markup, class: &'static str, list: &[Source], lang: Lang) {
    m.open("p")
        .attr("class", class)
        .trusted(r#"><span class="muted">"#)
        .text(t(lang, Key::Sources))
        .text(i18n::colon(lang))
        .trusted("</span>");
    for (i, src) in list.iter().enumerate() {
        if i > 0 {
            m.text(", ");
        }
        source(m, src, lang);
    }
    m.close("p");
}

/// [`chip_body`] as Yew raw HTML (inside a chip Yew renders).
pub fn chip_body_html(shape: Shape, color: &str, name: &str, hidden: Option<&str>) -> Html {
    let mut m = Markup::with_capacity(256);
    chip_body(&mut m, shape, color, name, hidden);
    Html::from_html_unchecked(m.into_string().into())
}

/// Fills the element `target` refers to with `what` (through `fill`, on
/// the emptied element) after a render where `what` is new (another
/// `Frozen`: its inputs changed) or the element is (a new element is
/// empty). The element is Yew's, its content is not: Yew never touches it.
#[hook]
pub fn use_fill<T: 'static>(
    target: NodeRef,
    what: Option<Frozen<T>>,
    fill: fn(&T, &web_sys::Element),
) {
    let filled = use_mut_ref(|| None::<Frozen<T>>);
    use_effect(move || {
        if let (Some(el), Some(what)) = (target.cast::<web_sys::Element>(), what) {
            let mut last = filled.borrow_mut();
            if last.as_ref() != Some(&what) || el.child_element_count() == 0 {
                el.set_inner_html("");
                fill(&what.0, &el);
                *last = Some(what);
            }
        }
    });
}

/// Moves the "current" mark under `root` without rebuilding anything (the
/// focus stays where it is): the elements matching `item` lose `class` and
/// `aria-current`, then the one whose `data-index` is `selected` gets them.
/// `aria`: the descendant that carries `aria-current` (the row's button),
/// or the element itself.
pub fn mark_current(
    root: &web_sys::Element,
    item: &str,
    class: &str,
    aria: Option<&str>,
    selected: Option<usize>,
) {
    use wasm_bindgen::JsCast;
    let set = |el: &web_sys::Element, on: bool| {
        let _ = el.class_list().toggle_with_force(class, on);
        let target = match aria {
            Some(sel) => el.query_selector(sel).ok().flatten(),
            None => Some(el.clone()),
        };
        if let Some(t) = target {
            let _ = if on {
                t.set_attribute("aria-current", "true")
            } else {
                t.remove_attribute("aria-current")
            };
        }
    };
    if let Ok(marked) = root.query_selector_all(&format!("{item}.{class}")) {
        for i in 0..marked.length() {
            if let Some(el) = marked
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                set(&el, false);
            }
        }
    }
    if let Some(i) = selected {
        if let Ok(Some(el)) = root.query_selector(&format!("{item}[data-index=\"{i}\"]")) {
            set(&el, true);
        }
    }
}

/// The closest element to the event's target that matches `selector`.
fn closest(e: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    e.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// The number in attribute `attr` of the closest element around the click
/// that matches `selector` (a delegated listener's target).
pub fn clicked(e: &web_sys::Event, selector: &str, attr: &str) -> Option<usize> {
    closest(e, selector)?.get_attribute(attr)?.parse().ok()
}

/// One listener for many chips or rows: a click on (or in) an element
/// matching `selector` selects the actor of its `data-index`.
pub fn selects(selector: &'static str, dispatch: &Callback<Action>) -> Callback<MouseEvent> {
    let d = dispatch.clone();
    Callback::from(move |e: MouseEvent| {
        if let Some(i) = clicked(&e, selector, "data-index") {
            d.emit(Action::SelectAt(Some(i)));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attribute_values_are_escaped_names_are_not() {
        let mut m = Markup::with_capacity(64);
        m.open("td")
            .attr("data-x", "\"><script>")
            .attr_opt("title", None)
            .end()
            .text("<img src=x onerror=alert(1)> & co")
            .close("td");
        assert_eq!(
            m.into_string(),
            "<td data-x=\"&quot;&gt;&lt;script&gt;\">&lt;img src=x onerror=alert(1)&gt; &amp; co</td>"
        );
    }

    proptest::proptest! {
        /// Whatever a dataset holds, a value can neither close its
        /// attribute nor open a tag: the markup is exactly the structure
        /// around the escaped value.
        #[test]
        fn any_value_stays_a_value(value in "\\PC*") {
            let mut m = Markup::with_capacity(0);
            m.open("td").attr("title", &value).end().text(&value).close("td");
            let out = m.into_string();
            let inner = out
                .strip_prefix("<td title=\"")
                .and_then(|r| r.strip_suffix("</td>"))
                .map(|r| r.to_string());
            proptest::prop_assert!(inner.is_some(), "{}", out);
            let inner = inner.unwrap_or_default();
            let parts: Vec<&str> = inner.splitn(2, "\">").collect();
            proptest::prop_assert_eq!(parts.len(), 2);
            for part in parts {
                proptest::prop_assert!(!part.contains(['<', '>', '"']), "{}", out);
            }
        }
    }
}
