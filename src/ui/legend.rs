//! What size and colour show on the map (`size=`, `color=`) and their
//! legends: [`encode`] turns the measures of the visible graph into the
//! renderer's [`NodeEncoding`]; [`legend_text`] puts the legend in words
//! (the same words on the map, in [`MapLegend`], and in the canvas's text
//! alternative); [`SizeColorControls`] is the "Taille selon" / "Couleur
//! selon" control of the filter panel (also embed mode's filter drawer).
//! [`use_encoding`] is the app root's hook that ties them together: the
//! measures of the visible set, then their encoding.

use std::rc::Rc;

use yew::prelude::*;

use super::context::use_map;
use super::i18n::{self, measures as words};
use super::icons::shape_icon;
use super::measures::{use_measures, JobProps, VisibleMeasures};
use super::store::Frozen;
use crate::model::format::dataset::{Dataset, Shape};
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;
use crate::model::network::metrics::Measure;
use crate::model::view::encoding::{self, Colouring, GroupKey, SizeLegend};
use crate::model::view::lookup;
use crate::model::view::state::{Action, AppState, ColorBy, Lang, View};
use crate::render::scene::NodeEncoding;

/// Sizes and colours for the map, with what their legends need.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    pub node: Rc<NodeEncoding>,
    pub size: SizeLegend,
    pub color: ColorBy,
    /// Colours by group (`None` for `type`, and while communities compute).
    pub colouring: Option<Rc<Colouring>>,
    /// Visible actors per type, in taxonomy order (the `type` legend).
    pub types: Vec<(String, usize)>,
}

/// Whether `size` and `color` need more than degree.
pub fn needs_measures(size: Measure, color: ColorBy) -> bool {
    size != Measure::Degree || color == ColorBy::Community
}

/// The measures of the visible set `vis` and the map's sizes and colours
/// for `state`: degree at once; the other measures in slices
/// ([`use_measures`]) when something shows them — a size or colour that
/// uses them, the list's columns, the analysis view. Re-encoded once per
/// change of the measures, the size or the colour (`generation` is the
/// dataset's).
#[hook]
pub fn use_encoding(
    dataset: Option<Frozen<Dataset>>,
    graph: Option<Frozen<Graph>>,
    vis: Rc<Visible>,
    generation: u32,
    state: &AppState,
) -> (Option<Rc<VisibleMeasures>>, Option<Rc<Encoded>>, JobProps) {
    let need = needs_measures(state.size, state.color)
        || matches!(state.view, View::List | View::Analysis);
    let (measures, job) = use_measures(graph, vis.clone(), need);
    let encoded = use_memo(
        (generation, measures.clone(), state.size, state.color),
        move |(_, m, size, color)| match (dataset, m) {
            (Some(ds), Some(m)) => Some(Rc::new(encode(&ds, &vis, m, *size, *color))),
            _ => None,
        },
    );
    (measures, (*encoded).clone(), job)
}

/// The map's sizes and colours for the visible set `vis` and its measures.
pub fn encode(
    ds: &Dataset,
    vis: &Visible,
    m: &VisibleMeasures,
    size: Measure,
    color: ColorBy,
) -> Encoded {
    let n = ds.actors.len();
    let full = m.full.as_deref();
    let (radius, size_legend) = encoding::sizes(n, &m.graph, &m.degree, full, size);
    let colouring = match color {
        ColorBy::Type => None,
        ColorBy::Objective | ColorBy::Ecosystem => encoding::by_terms(ds, vis, color),
        ColorBy::Community => full.map(|f| encoding::by_community(n, &m.graph, f)),
    }
    .map(Rc::new);
    let colour_ready = color != ColorBy::Community || colouring.is_some();
    let mut types: Vec<(String, usize)> = ds
        .taxonomy
        .actor_types
        .iter()
        .map(|t| (t.id.clone(), 0))
        .collect();
    for (a, actor) in ds.actors.iter().enumerate() {
        if vis.actors.get(a).copied().unwrap_or(false) {
            if let Some(t) = types.iter_mut().find(|(id, _)| id == actor.actor_type()) {
                t.1 += 1;
            }
        }
    }
    types.retain(|(_, c)| *c > 0);
    Encoded {
        node: Rc::new(NodeEncoding {
            radius,
            colouring: colouring.as_deref().cloned(),
            measured: !size_legend.pending && colour_ready,
        }),
        size: size_legend,
        color,
        colouring,
        types,
    }
}

/// One line of the colour legend in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Swatch {
    pub label: String,
    pub colour: String,
    /// The type's shape for `color=type`, else a circle.
    pub shape: Shape,
    pub count: usize,
}

/// The legend in words.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendText {
    /// "Taille : intermédiarité, de 0 % à 12 %" (+ "calcul en cours…").
    pub size: String,
    pub colour: String,
    pub swatches: Vec<Swatch>,
    /// The note on rings, when some visible actor has one.
    pub ring: Option<&'static str>,
    pub computing: bool,
}

/// The legend of `e` in `lang`, with the theme's type colours.
pub fn legend_text(ds: &Dataset, e: &Encoded, lang: Lang, dark: bool) -> LegendText {
    let tax = &ds.taxonomy;
    let mut size = words::size_range(lang, e.size.measure, e.size.min, e.size.max);
    if e.size.pending {
        // Degree meanwhile; the chosen measure follows.
        size = format!(
            "{} — {} {}",
            words::size_range(lang, Measure::Degree, e.size.min, e.size.max),
            words::measure_name(lang, e.size.measure),
            words::computing(lang)
        );
    }
    let swatches = match (&e.colouring, e.color) {
        (None, _) => e
            .types
            .iter()
            .map(|(id, count)| {
                let (colour, shape) = lookup::type_style(ds, id, dark);
                Swatch {
                    label: lookup::type_label(ds, id, lang),
                    colour,
                    shape,
                    count: *count,
                }
            })
            .collect(),
        (Some(c), by) => c
            .legend
            .iter()
            .map(|entry| Swatch {
                label: match &entry.key {
                    GroupKey::Term(id) => match by {
                        ColorBy::Ecosystem => {
                            lookup::term_label(tax.ecosystems.as_deref(), id, lang)
                        }
                        _ => lookup::term_label(tax.objectives.as_deref(), id, lang),
                    },
                    GroupKey::Community { leader } => words::around(
                        lang,
                        leader
                            .and_then(|a| ds.actors.get(a))
                            .map_or("?", |a| a.name()),
                    ),
                    GroupKey::Others { folded, without } => {
                        words::others(lang, by, *folded, *without)
                    }
                },
                colour: entry.swatch.hex().to_string(),
                shape: Shape::Circle,
                count: entry.count,
            })
            .collect(),
    };
    let computing = e.size.pending || (e.color == ColorBy::Community && e.colouring.is_none());
    let mut colour = words::colour_heading(lang, e.color);
    if e.color == ColorBy::Community && e.colouring.is_none() {
        colour = format!("{colour} — {}", words::computing(lang));
    }
    LegendText {
        size,
        colour,
        swatches,
        ring: e
            .colouring
            .as_ref()
            .filter(|c| c.rings)
            .map(|_| words::ring_note(lang, e.color)),
        computing,
    }
}

/// The legend as one paragraph, for the canvas's text alternative.
pub fn legend_sentence(l: &LegendText, lang: Lang) -> String {
    let groups: Vec<String> = l
        .swatches
        .iter()
        .map(|s| format!("{} ({})", s.label, i18n::number(lang, s.count)))
        .collect();
    let mut out = format!(
        "{}. {}{}{}.",
        l.size,
        l.colour,
        i18n::colon(lang),
        groups.join(", ")
    );
    if let Some(r) = l.ring {
        out.push(' ');
        out.push_str(r);
        out.push('.');
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct MapLegendProps {
    pub encoded: Rc<Encoded>,
    /// Open at first (wide screens); a phone opens it on demand.
    pub open: bool,
}

/// The legend over the map: size range and colour groups, in a
/// `<details>` a phone keeps closed.
#[function_component(MapLegend)]
pub fn map_legend(props: &MapLegendProps) -> Html {
    let Some(ctx) = use_map() else {
        return Html::default();
    };
    let lang = ctx.lang;
    let l = legend_text(&ctx.dataset, &props.encoded, lang, ctx.dark);
    let e = &props.encoded;
    let r = |x: f64| format!("{:.1}", x.clamp(2.0, 14.0));
    html! {
        <details class="map-legend" data-testid="map-legend" open={props.open}
                 data-size={e.size.measure.id()} data-color={e.color.id()}
                 data-computing={if l.computing { "true" } else { "false" }}>
            <summary>{ words::legend_title(lang) }</summary>
            <p class="legend-size" data-testid="legend-size">
                <svg width="40" height="30" viewBox="0 0 40 30" aria-hidden="true" focusable="false">
                    <circle cx="8" cy="22" r={r(e.size.min_radius)} class="legend-dot" />
                    <circle cx="26" cy="16" r={r(e.size.max_radius)} class="legend-dot" />
                </svg>
                <span>{ l.size.clone() }</span>
            </p>
            <p class="legend-colour-title">{ l.colour.clone() }</p>
            <ul class="legend-swatches" data-testid="legend-colours" role="list">
                { for l.swatches.iter().map(|s| html! {
                    <li>
                        { shape_icon(s.shape, &s.colour) }
                        <span class="legend-label">{ s.label.clone() }</span>
                        <span class="legend-count">{ i18n::number(lang, s.count) }</span>
                    </li>
                }) }
            </ul>
            if let Some(note) = l.ring {
                <p class="legend-ring">
                    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                        <circle cx="10" cy="10" r="7" class="legend-ring-mark" />
                    </svg>
                    { note }
                </p>
            }
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct SizeColorProps {
    pub size: Measure,
    pub color: ColorBy,
}

/// "Taille selon" / "Couleur selon": two labelled selects, each with the
/// plain-words help of the current choice.
#[function_component(SizeColorControls)]
pub fn size_color_controls(props: &SizeColorProps) -> Html {
    let Some(ctx) = use_map() else {
        return Html::default();
    };
    let lang = ctx.lang;
    let on_size = {
        let d = ctx.dispatch.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(m) = Measure::from_id(&s.value()) {
                d.emit(Action::SetSize(m));
            }
        })
    };
    let on_color = {
        let d = ctx.dispatch.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(c) = ColorBy::from_id(&s.value()) {
                d.emit(Action::SetColor(c));
            }
        })
    };
    html! {
        <fieldset class="facet size-color" aria-labelledby="size-color-title">
            <legend id="size-color-title">{ words::display_title(lang) }</legend>
            <label class="select-row" for="size-by">{ words::size_by(lang) }</label>
            <select id="size-by" data-testid="size-by" onchange={on_size}
                    aria-describedby="size-by-help">
                { for Measure::ALL.into_iter().map(|m| html! {
                    <option value={m.id()} selected={m == props.size}>{ words::measure_name(lang, m) }</option>
                }) }
            </select>
            <p class="hint" id="size-by-help">{ words::measure_help(lang, props.size) }</p>
            <label class="select-row" for="color-by">{ words::color_by(lang) }</label>
            <select id="color-by" data-testid="color-by" onchange={on_color}
                    aria-describedby="color-by-help">
                { for ColorBy::ALL.into_iter().map(|c| html! {
                    <option value={c.id()} selected={c == props.color}>{ words::color_name(lang, c) }</option>
                }) }
            </select>
            <p class="hint" id="color-by-help">{ words::color_help(lang, props.color) }</p>
        </fieldset>
    }
}
