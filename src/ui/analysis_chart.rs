//! The analysis view's charts as inline SVG drawn from Rust: a bar per row
//! of a count table, and the growth chart (actors present per year, stacked
//! by type, the timeline's events as ticks under the axis, the `year`
//! filter as a dashed line). Geometry is pure ([`stack_paths`],
//! [`year_ticks`], [`x_of`]) and tested natively; colours are the types'
//! (for the theme) and CSS variables (axes, text), so both themes read.

use yew::prelude::*;

use super::markup::{self, Markup};
use super::store::Frozen;

use crate::model::format::dataset::Dataset;
use crate::model::view::analysis::Growth;
use crate::model::view::state::Lang;
use crate::model::view::{derive, lookup};

/// The growth chart's drawing box (viewBox units).
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 240.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
/// Room under the plot: the event ticks, then the year labels.
const BOTTOM: f64 = 42.0;

fn plot_w() -> f64 {
    WIDTH - LEFT - RIGHT
}
fn plot_h() -> f64 {
    HEIGHT - TOP - BOTTOM
}

/// The x of the `i`-th of `n` years.
pub fn x_of(i: usize, n: usize) -> f64 {
    if n <= 1 {
        LEFT + plot_w() / 2.0
    } else {
        LEFT + plot_w() * i as f64 / (n - 1) as f64
    }
}

fn y_of(v: usize, peak: usize) -> f64 {
    if peak == 0 {
        TOP + plot_h()
    } else {
        TOP + plot_h() * (1.0 - v as f64 / peak as f64)
    }
}

fn r1(x: f64) -> String {
    format!("{:.1}", x)
}

/// One closed path per type (bottom band first): the area between the
/// cumulated counts of the types before it and those up to it. A type
/// that is never present gets an empty path.
pub fn stack_paths(g: &Growth) -> Vec<String> {
    let n = g.years.len();
    let peak = g.peak();
    let mut below = vec![0usize; n];
    let mut out = Vec::with_capacity(g.types.len());
    for t in 0..g.types.len() {
        let above: Vec<usize> = (0..n)
            .map(|y| {
                below.get(y).copied().unwrap_or(0)
                    + g.counts.get(y).and_then(|c| c.get(t)).copied().unwrap_or(0)
            })
            .collect();
        if above == below || n == 0 {
            out.push(String::new());
            continue;
        }
        let mut d = String::new();
        // A single year is drawn as a thin column.
        let xs: Vec<f64> = if n == 1 {
            vec![x_of(0, 1) - 6.0, x_of(0, 1) + 6.0]
        } else {
            (0..n).map(|i| x_of(i, n)).collect()
        };
        let at = |v: &[usize], i: usize| v.get(i.min(n - 1)).copied().unwrap_or(0);
        for (i, x) in xs.iter().enumerate() {
            let cmd = if i == 0 { 'M' } else { 'L' };
            d.push_str(&format!(
                "{cmd}{} {} ",
                r1(*x),
                r1(y_of(at(&above, i), peak))
            ));
        }
        for (i, x) in xs.iter().enumerate().rev() {
            d.push_str(&format!("L{} {} ", r1(*x), r1(y_of(at(&below, i), peak))));
        }
        d.push('Z');
        out.push(d);
        below = above;
    }
    out
}

/// The years labelled under the axis: every 5, 10, 20… years so that at
/// most about eight labels show, plus the first and the last.
pub fn year_ticks(years: &[i64]) -> Vec<usize> {
    let n = years.len();
    if n == 0 {
        return Vec::new();
    }
    let step = [1i64, 2, 5, 10, 20, 25, 50, 100]
        .into_iter()
        .find(|s| (n as i64) / s <= 8)
        .unwrap_or(100);
    let mut out: Vec<usize> = (0..n)
        .filter(|&i| years.get(i).is_some_and(|y| y.rem_euclid(step) == 0))
        .collect();
    // The ends, unless a label sits too close to them.
    let near = |i: usize, j: usize| (i as i64 - j as i64).unsigned_abs() * 8 < n as u64;
    if out.first().is_none_or(|&f| f != 0) {
        out.retain(|&i| !near(i, 0));
        out.insert(0, 0);
    }
    if out.last().is_none_or(|&l| l != n - 1) {
        out.retain(|&i| !near(i, n - 1));
        out.push(n - 1);
    }
    out
}

/// Round gridline values for the y axis (0 excluded, the peak's order of
/// magnitude).
pub fn y_grid(peak: usize) -> Vec<usize> {
    if peak == 0 {
        return Vec::new();
    }
    let step = [
        1usize, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000,
    ]
    .into_iter()
    .find(|s| peak / s <= 4)
    .unwrap_or(peak.div_ceil(4).max(1));
    (1..=peak / step).map(|k| k * step).collect()
}

/// Draws the growth chart into the `<svg>` of [`svg`] (the node returned)
/// when the growth, the dataset, the language or the theme change: the
/// types' colours and the events' titles are taken once per change, and
/// the content is markup filled in parts ([`fill_chart`]).
#[hook]
pub fn use_growth_chart(
    growth: std::rc::Rc<Growth>,
    dataset: Frozen<Dataset>,
    lang: Lang,
    dark: bool,
) -> NodeRef {
    let node = use_node_ref();
    let drawing = {
        let memo = use_memo(
            (Frozen(growth), dataset, lang, dark),
            |(g, ds, lang, dark)| {
                Frozen::new(Drawing {
                    growth: g.0.clone(),
                    colors: g
                        .types
                        .iter()
                        .map(|ty| lookup::type_style(ds, ty, *dark).0)
                        .collect(),
                    event_titles: g
                        .events
                        .iter()
                        .map(|&(_, e)| derive::event_title(ds, e, *lang))
                        .collect(),
                })
            },
        );
        (*memo).clone()
    };
    markup::use_fill(node.clone(), Some(drawing), fill_chart);
    node
}

/// The chart's `<svg>` element, named by its one-line summary `label`;
/// [`use_growth_chart`] draws into it.
pub fn svg(node: NodeRef, label: AttrValue) -> Html {
    html! {
        <svg class="growth-chart" data-testid="growth-chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
             role="img" aria-label={label} preserveAspectRatio="xMidYMid meet" ref={node} />
    }
}

/// What the chart's content is drawn from.
struct Drawing {
    growth: std::rc::Rc<Growth>,
    /// Each type's colour (`#rrggbb`), in `growth.types` order.
    colors: Vec<String>,
    /// Each event's title, for the ticks' tooltips (`growth.events` order).
    event_titles: Vec<String>,
}

/// Draws the chart's content into `svg`, a few elements at a time through
/// one buffer: the 106 events' ticks and titles made a 35 KB string, whose
/// copy raised the page's wasm memory for good (docs/soak.md).
fn fill_chart(d: &Drawing, svg: &web_sys::Element) {
    let g = &*d.growth;
    let n = g.years.len();
    let peak = g.peak();
    let base = TOP + plot_h();
    let mut m = Markup::with_capacity(PART + 1024);
    let line = |m: &mut Markup, class: &'static str, x1: f64, x2: f64, y1: f64, y2: f64| {
        m.open("line")
            .attr("class", class)
            .attr("x1", &r1(x1))
            .attr("x2", &r1(x2))
            .attr("y1", &r1(y1))
            .attr("y2", &r1(y2))
            .trusted("/>");
    };
    let label = |m: &mut Markup, x: f64, y: f64, anchor: &str, middle: bool, text: &str| {
        m.trusted(r#"<text class="tick-label""#)
            .attr("x", &r1(x))
            .attr("y", &r1(y))
            .attr("text-anchor", anchor)
            .attr_opt("dominant-baseline", middle.then_some("middle"))
            .end()
            .text(text)
            .close("text");
    };
    for v in y_grid(peak) {
        let y = y_of(v, peak);
        line(&mut m, "grid", LEFT, WIDTH - RIGHT, y, y);
        label(&mut m, LEFT - 6.0, y, "end", true, &v.to_string());
        m.flush(svg, PART);
    }
    for (t, path) in stack_paths(g)
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
    {
        let fill = d.colors.get(t).map(|c| c.as_str()).unwrap_or("#999999");
        m.trusted(r#"<path class="band""#)
            .attr("d", path)
            .attr("fill", fill)
            .trusted("/>");
        m.flush(svg, PART);
    }
    line(&mut m, "axis", LEFT, WIDTH - RIGHT, base, base);
    label(&mut m, LEFT - 6.0, base, "end", true, "0");
    for i in year_ticks(&g.years) {
        let Some(year) = g.years.get(i) else {
            continue;
        };
        let x = x_of(i, n);
        line(&mut m, "axis", x, x, base, base + 4.0);
        label(&mut m, x, base + 30.0, "middle", false, &year.to_string());
        m.flush(svg, PART);
    }
    let first = g.years.first().copied().unwrap_or(0);
    for (k, &(year, _)) in g.events.iter().enumerate() {
        let i = usize::try_from(year - first).unwrap_or(0);
        let x = r1(x_of(i, n));
        let title = d
            .event_titles
            .get(k)
            .map(|t| t.as_str())
            .unwrap_or_default();
        m.trusted(r#"<path class="event-tick""#)
            .attr("data-year", &year.to_string())
            .attr("d", &format!("M{x} {} l-4 7 h8 z", r1(base + 6.0)))
            .trusted("><title>")
            .text(&format!("{year} — {title}"))
            .trusted("</title></path>");
        m.flush(svg, PART);
    }
    if let Some(i) = g.current.and_then(|y| {
        usize::try_from(y.checked_sub(first)?)
            .ok()
            .filter(|&i| i < n)
    }) {
        let x = x_of(i, n);
        line(&mut m, "current-year", x, x, TOP, base);
    }
    m.insert_into(svg);
}

/// The chart's markup goes into the page in parts of about this many bytes.
const PART: usize = 2048;

/// One bar of a count table as markup (decorative: the number is in the
/// next cell); `color`: `#rrggbb`, or none for the accent colour.
pub fn bar_markup(m: &mut Markup, value: usize, max: usize, color: Option<&str>) {
    let w = if max == 0 {
        0.0
    } else {
        100.0 * value as f64 / max as f64
    };
    m.trusted(r#"<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect"#)
        .attr("class", if color.is_none() { "bar-fill accent" } else { "bar-fill" })
        .attr("x", "0")
        .attr("y", "1")
        .attr("width", &r1(w))
        .attr("height", "8")
        .attr_opt("fill", color)
        .trusted("/></svg>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn growth(counts: Vec<Vec<usize>>) -> Growth {
        Growth {
            years: (2000..2000 + counts.len() as i64).collect(),
            types: vec!["a".into(), "b".into()],
            counts,
            ..Growth::default()
        }
    }

    #[test]
    fn bands_stack_from_the_axis_to_the_peak() {
        let g = growth(vec![vec![1, 0], vec![2, 2]]);
        let p = stack_paths(&g);
        // Type a: from the axis up to 1 then 2 (of a peak of 4).
        assert_eq!(p[0], "M44.0 151.5 L628.0 105.0 L628.0 198.0 L44.0 198.0 Z");
        // Type b sits on a and reaches the peak (the top) in the last year.
        assert_eq!(p[1], "M44.0 151.5 L628.0 12.0 L628.0 105.0 L44.0 151.5 Z");
        let g = growth(vec![vec![1, 0], vec![2, 0]]);
        assert_eq!(stack_paths(&g)[1], "");
    }

    #[test]
    fn one_year_is_a_column_and_no_year_is_nothing() {
        let g = growth(vec![vec![3, 0]]);
        let p = stack_paths(&g);
        assert!(p[0].starts_with("M330.0 12.0 L342.0 12.0"), "{}", p[0]);
        assert_eq!(
            stack_paths(&growth(vec![])),
            vec![String::new(), String::new()]
        );
    }

    #[test]
    fn year_labels_are_round_and_include_the_ends() {
        let years: Vec<i64> = (1995..=2024).collect();
        let t = year_ticks(&years);
        let labelled: Vec<i64> = t.iter().map(|&i| years[i]).collect();
        assert_eq!(labelled, vec![1995, 2000, 2005, 2010, 2015, 2020, 2024]);
        let years: Vec<i64> = (1816..=2024).collect();
        let labelled: Vec<i64> = year_ticks(&years).iter().map(|&i| years[i]).collect();
        assert!(labelled.len() <= 10, "{labelled:?}");
        assert_eq!((labelled[0], *labelled.last().unwrap()), (1816, 2024));
        assert_eq!(year_ticks(&[2001]), vec![0]);
        assert!(year_ticks(&[]).is_empty());
    }

    #[test]
    fn gridlines_are_round() {
        assert_eq!(y_grid(0), Vec::<usize>::new());
        assert_eq!(y_grid(3), vec![1, 2, 3]);
        assert_eq!(y_grid(162), vec![50, 100, 150]);
        assert_eq!(y_grid(2085), vec![500, 1000, 1500, 2000]);
    }
}
