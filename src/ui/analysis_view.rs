//! The analysis view (`view=analysis`): for the visible set — the counts
//! per type, objective and ecosystem (tables with bars), the ten most
//! central actors by the chosen measure (`size=`) each with one plain
//! sentence, the communities named after their most central member, and
//! the growth of the ecosystem (a stacked chart with the timeline's events
//! on its axis, its figures in a table). Figures come from
//! [`crate::model::view::analysis`]; words from `i18n::analysis`.
//!
//! The measures are computed by [`use_view_measures`], the one place that
//! says where they come from.

use std::rc::Rc;

use yew::prelude::*;

use super::analysis_chart::{self, bar_markup};
use super::context::{use_map, MapContext};
use super::i18n;
use super::i18n::analysis::{self as words, words as w, Words};
use super::icons::shape_svg;
use super::markup::{self, Markup};
use super::measures::use_visible_measures;
use super::store::Frozen;
use crate::model::format::dataset::Dataset;
use crate::model::network::filter::{Filter, Visible};
use crate::model::network::graph::Graph;
use crate::model::network::metrics::{Measure, MeasureGraph, Measures};
use crate::model::view::analysis::{self, Tally};
use crate::model::view::state::{Action, Lang};
use crate::model::view::timeline::Timeline;
use crate::model::view::{derive, lookup};

#[derive(Properties, PartialEq)]
pub struct AnalysisViewProps {
    /// The app's visible set.
    pub visible: Frozen<Visible>,
    /// The filters (the growth leaves `year` out and marks it).
    pub filter: Filter,
    /// The chosen measure (`size=`).
    pub measure: Measure,
}

/// The visible graph and its measures, from the app's measures context
/// (`ui::measures`, computed in slices off the page's critical path);
/// `None` while they are computed for this visible set.
#[hook]
pub fn use_view_measures(visible: Frozen<Visible>) -> Option<(Rc<MeasureGraph>, Rc<Measures>)> {
    use_visible_measures()
        .filter(|m| m.visible == visible.0)
        .and_then(|m| Some((m.graph.clone(), m.full.clone()?)))
}

fn tally_table(
    map: &MapContext,
    id: &'static str,
    caption: &str,
    tally: &Tally,
    label: &dyn Fn(&str) -> String,
    typed: bool,
) -> Html {
    let (ds, lang, dark) = (&*map.dataset, map.lang, map.dark);
    let max = tally
        .values
        .iter()
        .map(|v| v.1)
        .max()
        .unwrap_or(0)
        .max(tally.none);
    let mut m = Markup::with_capacity(512 + tally.values.len() * 600);
    m.open("table")
        .attr("class", "count-table")
        .attr("data-testid", &format!("analysis-{id}"))
        .end()
        .trusted("<caption>")
        .text(caption)
        .trusted(r#"</caption><thead><tr><th scope="col">"#)
        .text(w(lang, Words::Value))
        .trusted(r#"</th><th scope="col" class="num">"#)
        .text(w(lang, Words::Actors))
        .trusted(r#"</th><th scope="col"><span class="visually-hidden">"#)
        .text(w(lang, Words::Share))
        .trusted("</span></th></tr></thead><tbody>");
    for (value, n) in &tally.values {
        let (color, shape) = lookup::type_style(ds, value, dark);
        m.open("tr")
            .attr("data-testid", "count-row")
            .attr("data-id", value)
            .attr("data-count", &n.to_string())
            .trusted(r#"><th scope="row"><span class="row-label">"#);
        if typed {
            m.trusted(&shape_svg(shape, &color));
        }
        m.trusted("<span>")
            .text(&label(value))
            .trusted(r#"</span></span></th><td class="num">"#)
            .text(&i18n::number(lang, *n))
            .trusted(r#"</td><td class="bar-cell">"#);
        bar_markup(&mut m, *n, max, typed.then_some(color.as_str()));
        m.trusted("</td></tr>");
    }
    if tally.none > 0 && !typed {
        m.trusted(r#"<tr class="none-row" data-testid="count-none""#)
            .attr("data-count", &tally.none.to_string())
            .trusted(r#"><th scope="row"><span>"#)
            .text(w(lang, Words::NoValue))
            .trusted(r#"</span></th><td class="num">"#)
            .text(&i18n::number(lang, tally.none))
            .trusted(r#"</td><td class="bar-cell">"#);
        bar_markup(&mut m, tally.none, max, None);
        m.trusted("</td></tr>");
    }
    m.trusted("</tbody></table>");
    Html::from_html_unchecked(m.into_string().into())
}

/// The communities of a render, with what their markup depends on.
struct GroupsFill {
    dataset: Frozen<Dataset>,
    lang: Lang,
    dark: bool,
    groups: analysis::Groups,
}

/// Fills the communities' list (`<ul class="group-list">`) one community
/// at a time, each a short string in one reused buffer, so no string
/// holds them all (a 40 KB string and its copy once raised the page's
/// wasm memory for good; docs/soak.md).
fn fill_groups(f: &GroupsFill, list: &web_sys::Element) {
    let (ds, lang) = (&*f.dataset, f.lang);
    let mut m = Markup::with_capacity(4096);
    for g in &f.groups.groups {
        let name = g
            .members
            .first()
            .and_then(|&a| ds.actors.get(a))
            .map(|a| words::around(lang, a.name()))
            .unwrap_or_default();
        m.trusted(r#"<li data-testid="analysis-group""#)
            .attr("data-size", &g.size.to_string())
            .trusted("><h4>")
            .text(&name)
            .trusted("</h4><p>")
            .text(&words::group_size(lang, g.size))
            .trusted(r#"</p><ul class="chips">"#);
        for &a in &g.members {
            m.trusted("<li>");
            markup::chip_button(&mut m, ds, f.dark, a, "analysis-actor");
            m.trusted("</li>");
        }
        m.trusted("</ul></li>");
        m.insert_into(list);
    }
}

/// The years of the growth table of a render, with what their markup
/// depends on.
struct GrowthRows {
    dataset: Frozen<Dataset>,
    lang: Lang,
    growth: Rc<analysis::Growth>,
    /// The types with an actor in some year (the table's columns).
    present: Vec<usize>,
}

/// Fills the growth table's body one year (row) at a time, like
/// [`fill_groups`].
fn fill_growth(r: &GrowthRows, tbody: &web_sys::Element) {
    let (g, lang) = (&*r.growth, r.lang);
    let mut m = Markup::with_capacity(1024);
    for y in g.changes() {
        let Some(&year) = g.years.get(y) else {
            continue;
        };
        m.trusted(r#"<tr data-testid="growth-row""#)
            .attr("data-year", &year.to_string())
            .attr("data-total", &g.total(y).to_string())
            .trusted(r#"><th scope="row">"#)
            .text(&year.to_string())
            .trusted("</th>");
        for &t in &r.present {
            let n = g.counts.get(y).and_then(|c| c.get(t)).copied().unwrap_or(0);
            m.trusted(r#"<td class="num">"#)
                .text(&i18n::number(lang, n))
                .trusted("</td>");
        }
        m.trusted(r#"<td class="num">"#)
            .text(&i18n::number(lang, g.total(y)))
            .trusted("</td><td>");
        let titles = g.events.iter().filter(|e| e.0 == year);
        for (k, &(_, e)) in titles.enumerate() {
            if k > 0 {
                m.text(" · ");
            }
            m.text(&derive::event_title(&r.dataset, e, lang));
        }
        m.trusted("</td></tr>");
        m.insert_into(tbody);
    }
}

/// The analysis view.
#[function_component(AnalysisView)]
pub fn analysis_view(props: &AnalysisViewProps) -> Html {
    let map = use_map();
    let graph = map
        .as_ref()
        .map(|m| m.graph.clone())
        .unwrap_or_else(|| Frozen::new(Graph::default()));
    let measures = use_view_measures(props.visible.clone());
    let ds_frozen = map
        .as_ref()
        .map(|m| m.dataset.clone())
        .unwrap_or_else(|| Frozen::new(Dataset::default()));
    let timeline = use_memo(ds_frozen.clone(), |ds| Timeline::new(ds));
    let growth = {
        let tl = timeline.clone();
        use_memo(
            (ds_frozen.clone(), graph.clone(), props.filter.clone()),
            move |(ds, g, f)| analysis::growth(ds, g, f, &tl),
        )
    };
    let (lang, dark) = map
        .as_ref()
        .map_or((Lang::default(), false), |m| (m.lang, m.dark));
    // The communities and the growth table's years are filled in the
    // browser part by part (`fill_groups`, `fill_growth`) when they change.
    let groups_fill = {
        let computed = measures
            .as_ref()
            .map(|(mg, m)| (Frozen(mg.clone()), Frozen(m.clone())));
        let memo = use_memo(
            (ds_frozen.clone(), lang, dark, props.measure, computed),
            |(ds, lang, dark, by, computed)| {
                computed.as_ref().map(|(mg, m)| {
                    Frozen::new(GroupsFill {
                        dataset: ds.clone(),
                        lang: *lang,
                        dark: *dark,
                        groups: analysis::groups(mg, m, *by),
                    })
                })
            },
        );
        (*memo).clone()
    };
    let groups_list = use_node_ref();
    markup::use_fill(groups_list.clone(), groups_fill.clone(), fill_groups);
    let growth_rows = {
        let memo = use_memo(
            (ds_frozen.clone(), lang, Frozen(growth.clone())),
            |(ds, lang, g)| {
                let present = (0..g.types.len())
                    .filter(|&t| g.counts.iter().any(|c| c.get(t).copied().unwrap_or(0) > 0))
                    .collect();
                Frozen::new(GrowthRows {
                    dataset: ds.clone(),
                    lang: *lang,
                    growth: g.0.clone(),
                    present,
                })
            },
        );
        (*memo).clone()
    };
    let growth_body = use_node_ref();
    markup::use_fill(growth_body.clone(), Some(growth_rows.clone()), fill_growth);
    let chart = analysis_chart::use_growth_chart(growth.clone(), ds_frozen.clone(), lang, dark);
    let Some(map) = map else {
        return Html::default();
    };
    let ds = &*map.dataset;
    let tax = &ds.taxonomy;
    let vis = &*props.visible;
    let counts = analysis::counts(ds, vis);

    // Counts.
    let type_label = |id: &str| lookup::type_label(ds, id, lang);
    let top_type = counts
        .types
        .values
        .iter()
        .filter(|v| v.1 > 0)
        .max_by_key(|v| (v.1, std::cmp::Reverse(v.0.clone())))
        .map(|(id, n)| (type_label(id), *n));
    let counts_summary = words::counts_summary(
        lang,
        &counts,
        top_type.as_ref().map(|(l, n)| (l.as_str(), *n)),
    );
    let objective_label = |id: &str| lookup::term_label(tax.objectives.as_deref(), id, lang);
    let ecosystem_label = |id: &str| lookup::term_label(tax.ecosystems.as_deref(), id, lang);

    // The ranking and the groups.
    let by = props.measure;
    let on_measure = {
        let d = map.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(m) = Measure::from_id(&select.value()) {
                d.emit(Action::SetSize(m));
            }
        })
    };
    let ranking = match &measures {
        None => {
            html! { <p class="computing" data-testid="analysis-computing" role="status">{ w(lang, Words::Computing) }</p> }
        }
        Some((mg, m)) => {
            let top = analysis::central(mg, m, by, analysis::TOP);
            if top.is_empty() {
                html! { <p>{ w(lang, Words::NoCentral) }</p> }
            } else {
                let mut m = Markup::with_capacity(top.len() * 600);
                m.trusted(r#"<ol class="central-list" data-testid="analysis-central""#)
                    .attr("data-measure", by.id())
                    .end();
                for c in &top {
                    m.trusted(r#"<li data-testid="central-actor""#)
                        .attr_opt("data-actor-id", ds.actors.get(c.actor).map(|a| a.id()))
                        .end();
                    markup::chip_button(&mut m, ds, dark, c.actor, "analysis-actor");
                    m.trusted(r#"<span class="central-fact">"#)
                        .text(&words::fact(lang, &c.fact))
                        .trusted("</span></li>");
                }
                m.trusted("</ol>");
                Html::from_html_unchecked(m.into_string().into())
            }
        }
    };
    let groups_view = match &measures {
        None => html! { <p class="computing" role="status">{ w(lang, Words::Computing) }</p> },
        Some(_) => html! { <>
            if let Some(f) = &groups_fill {
                <p class="summary">{ words::groups_summary(lang, &f.groups) }</p>
            }
            <ul class="group-list" data-testid="analysis-groups" ref={groups_list.clone()} />
        </> },
    };

    // Growth.
    let g = growth.clone();
    let growth_summary = words::growth_summary(lang, &g);
    let present = &growth_rows.present;
    let growth_view = if g.years.is_empty() {
        html! { <p class="summary" data-testid="growth-summary">{ growth_summary }</p> }
    } else {
        // The table under the chart; its rows are markup (`fill_growth`).
        let table = html! {
            <table data-testid="growth-table">
                <caption class="visually-hidden">{ w(lang, Words::GrowthTitle) }</caption>
                <thead><tr>
                    <th scope="col">{ w(lang, Words::Year) }</th>
                    { for present.iter().filter_map(|&t| g.types.get(t)).map(|ty| html! {
                        <th scope="col" class="num">{ type_label(ty) }</th>
                    }) }
                    <th scope="col" class="num">{ w(lang, Words::Total) }</th>
                    <th scope="col">{ w(lang, Words::Events) }</th>
                </tr></thead>
                <tbody ref={growth_body.clone()} />
            </table>
        };
        html! { <>
            <p class="summary" data-testid="growth-summary">{ growth_summary.clone() }</p>
            <figure class="chart">
                { analysis_chart::svg(chart, AttrValue::from(growth_summary)) }
                <figcaption>
                    <span class="visually-hidden">{ w(lang, Words::Legend) }</span>
                    <ul class="chart-legend">
                        { for present.iter().filter_map(|&t| {
                            let ty = g.types.get(t)?;
                            let (c, s) = lookup::type_style(ds, ty, dark);
                            Some(html! { <li>{ markup::chip_body_html(s, &c, &type_label(ty), None) }</li> })
                        }) }
                        if !g.events.is_empty() {
                            <li><span class="event-key" aria-hidden="true">{ "▲" }</span><span>{ w(lang, Words::Events) }</span></li>
                        }
                    </ul>
                </figcaption>
            </figure>
            <details class="chart-table">
                <summary>{ w(lang, Words::ShowTable) }</summary>
                <div class="growth-table-scroll" tabindex="0" role="region" aria-label={w(lang, Words::GrowthTitle)}>
                    { table }
                </div>
            </details>
        </> }
    };

    // One listener for the actor chips (their markup is not Yew's).
    let on_chip = markup::selects("button.actor-chip[data-index]", &map.dispatch);
    html! {
        <section class="analysis" data-testid="analysis" aria-labelledby="analysis-title" onclick={on_chip}>
            <h2 id="analysis-title">{ w(lang, Words::Title) }</h2>
            <p class="analysis-intro">{ words::intro(lang, vis.actor_count, vis.link_count) }</p>

            <section class="analysis-block" aria-labelledby="analysis-counts-title">
                <h3 id="analysis-counts-title">{ w(lang, Words::CountsTitle) }</h3>
                <p class="summary" data-testid="counts-summary">{ counts_summary }</p>
                <div class="count-tables">
                    { tally_table(&map, "types", w(lang, Words::Types), &counts.types, &type_label, true) }
                    { tally_table(&map, "objectives", w(lang, Words::Objectives), &counts.objectives, &objective_label, false) }
                    { tally_table(&map, "ecosystems", w(lang, Words::Ecosystems), &counts.ecosystems, &ecosystem_label, false) }
                </div>
            </section>

            <section class="analysis-block" aria-labelledby="analysis-central-title">
                <h3 id="analysis-central-title">{ w(lang, Words::CentralTitle) }</h3>
                <div class="rank-by">
                    <label for="analysis-measure">{ w(lang, Words::RankBy) }</label>
                    <select id="analysis-measure" data-testid="analysis-measure" onchange={on_measure}>
                        { for Measure::ALL.iter().map(|m| html! {
                            <option value={m.id()} selected={*m == by}>{ words::measure_name(lang, *m) }</option>
                        }) }
                    </select>
                </div>
                <p class="summary">{ words::measure_meaning(lang, by) }</p>
                { ranking }
            </section>

            <section class="analysis-block" aria-labelledby="analysis-groups-title">
                <h3 id="analysis-groups-title">{ w(lang, Words::GroupsTitle) }</h3>
                { groups_view }
            </section>

            <section class="analysis-block" aria-labelledby="analysis-growth-title">
                <h3 id="analysis-growth-title">{ w(lang, Words::GrowthTitle) }</h3>
                { growth_view }
            </section>
        </section>
    }
}
