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

use super::analysis_chart::{Bar, GrowthChart};
use super::context::{use_map, MapContext};
use super::i18n;
use super::i18n::analysis::{self as words, words as w, Words};
use super::icons::ShapeIcon;
use super::measures::use_visible_measures;
use super::store::Frozen;
use crate::model::format::dataset::Dataset;
use crate::model::network::filter::{Filter, Visible};
use crate::model::network::graph::Graph;
use crate::model::network::metrics::{Measure, MeasureGraph, Measures};
use crate::model::view::analysis::{self, Tally};
use crate::model::view::lookup;
use crate::model::view::state::Action;
use crate::model::view::timeline::Timeline;

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
    let rows = tally.values.iter().map(|(value, n)| {
        let (color, shape) = lookup::type_style(ds, value, dark);
        html! {
            <tr data-testid="count-row" data-id={value.clone()} data-count={n.to_string()}>
                <th scope="row"><span class="row-label">
                    if typed { <ShapeIcon shape={shape} color={AttrValue::from(color.clone())} /> }
                    <span>{ label(value) }</span>
                </span></th>
                <td class="num">{ i18n::number(lang, *n) }</td>
                <td class="bar-cell"><Bar value={*n} max={max} color={typed.then(|| AttrValue::from(color))} /></td>
            </tr>
        }
    });
    html! {
        <table class="count-table" data-testid={format!("analysis-{id}")}>
            <caption>{ caption }</caption>
            <thead><tr>
                <th scope="col">{ w(lang, Words::Value) }</th>
                <th scope="col" class="num">{ w(lang, Words::Actors) }</th>
                <th scope="col"><span class="visually-hidden">{ w(lang, Words::Share) }</span></th>
            </tr></thead>
            <tbody>
                { for rows }
                if tally.none > 0 && !typed {
                    <tr class="none-row" data-testid="count-none" data-count={tally.none.to_string()}>
                        <th scope="row"><span>{ w(lang, Words::NoValue) }</span></th>
                        <td class="num">{ i18n::number(lang, tally.none) }</td>
                        <td class="bar-cell"><Bar value={tally.none} max={max} /></td>
                    </tr>
                }
            </tbody>
        </table>
    }
}

fn actor_button(map: &MapContext, actor: usize) -> Html {
    let Some(a) = map.dataset.actors.get(actor) else {
        return Html::default();
    };
    let (c, s) = lookup::type_style(&map.dataset, a.actor_type(), map.dark);
    let d = map.dispatch.clone();
    let id = a.id().to_string();
    let onclick = Callback::from(move |_: MouseEvent| d.emit(Action::Select(Some(id.clone()))));
    html! {
        <button type="button" class="actor-chip" data-testid="analysis-actor" data-actor-id={a.id().to_string()} {onclick}>
            <ShapeIcon shape={s} color={AttrValue::from(c)} /><span>{ a.name() }</span>
        </button>
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
    let Some(map) = map else {
        return Html::default();
    };
    let (lang, dark) = (map.lang, map.dark);
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
                html! {
                    <ol class="central-list" data-testid="analysis-central" data-measure={by.id()}>
                        { for top.iter().map(|c| html! {
                            <li data-testid="central-actor" data-actor-id={ds.actors.get(c.actor).map(|a| a.id().to_string())}>
                                { actor_button(&map, c.actor) }
                                <span class="central-fact">{ words::fact(lang, &c.fact) }</span>
                            </li>
                        }) }
                    </ol>
                }
            }
        }
    };
    let groups_view = match &measures {
        None => html! { <p class="computing" role="status">{ w(lang, Words::Computing) }</p> },
        Some((mg, m)) => {
            let gr = analysis::groups(mg, m, by);
            html! { <>
                <p class="summary">{ words::groups_summary(lang, &gr) }</p>
                <ul class="group-list" data-testid="analysis-groups">
                    { for gr.groups.iter().map(|g| {
                        let name = g.members.first()
                            .and_then(|&a| ds.actors.get(a))
                            .map(|a| words::around(lang, a.name()))
                            .unwrap_or_default();
                        html! {
                            <li data-testid="analysis-group" data-size={g.size.to_string()}>
                                <h4>{ name }</h4>
                                <p>{ words::group_size(lang, g.size) }</p>
                                <ul class="chips">
                                    { for g.members.iter().map(|&a| html! { <li>{ actor_button(&map, a) }</li> }) }
                                </ul>
                            </li>
                        }
                    }) }
                </ul>
            </> }
        }
    };

    // Growth.
    let g = growth.clone();
    let growth_summary = words::growth_summary(lang, &g);
    let colors: Vec<AttrValue> = g
        .types
        .iter()
        .map(|ty| AttrValue::from(lookup::type_style(ds, ty, dark).0))
        .collect();
    let event_title = |e: usize| {
        ds.events
            .get(e)
            .and_then(|ev| {
                ev.title
                    .as_ref()
                    .map(|x| x.get(i18n::code(lang)).to_string())
                    .filter(|s| !s.is_empty())
                    .or_else(|| ev.id.clone())
            })
            .unwrap_or_default()
    };
    let event_titles: Vec<AttrValue> = g
        .events
        .iter()
        .map(|&(_, e)| AttrValue::from(event_title(e)))
        .collect();
    let present: Vec<usize> = (0..g.types.len())
        .filter(|&t| g.counts.iter().any(|c| c.get(t).copied().unwrap_or(0) > 0))
        .collect();
    let growth_view = if g.years.is_empty() {
        html! { <p class="summary" data-testid="growth-summary">{ growth_summary }</p> }
    } else {
        let rows = g.changes().into_iter().filter_map(|y| {
            let year = *g.years.get(y)?;
            let evs: Vec<String> = g.events.iter().filter(|e| e.0 == year).map(|e| event_title(e.1)).collect();
            Some(html! {
                <tr data-testid="growth-row" data-year={year.to_string()} data-total={g.total(y).to_string()}>
                    <th scope="row">{ year }</th>
                    { for present.iter().map(|&t| html! {
                        <td class="num">{ i18n::number(lang, g.counts.get(y).and_then(|c| c.get(t)).copied().unwrap_or(0)) }</td>
                    }) }
                    <td class="num">{ i18n::number(lang, g.total(y)) }</td>
                    <td>{ evs.join(" · ") }</td>
                </tr>
            })
        });
        html! { <>
            <p class="summary" data-testid="growth-summary">{ growth_summary.clone() }</p>
            <figure class="chart">
                <GrowthChart growth={growth.clone()} colors={colors.clone()} label={AttrValue::from(growth_summary)}
                    event_titles={event_titles} />
                <figcaption>
                    <span class="visually-hidden">{ w(lang, Words::Legend) }</span>
                    <ul class="chart-legend">
                        { for present.iter().filter_map(|&t| {
                            let ty = g.types.get(t)?;
                            let (c, s) = lookup::type_style(ds, ty, dark);
                            Some(html! { <li><ShapeIcon shape={s} color={AttrValue::from(c)} /><span>{ type_label(ty) }</span></li> })
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
                    <table data-testid="growth-table">
                        <caption class="visually-hidden">{ w(lang, Words::GrowthTitle) }</caption>
                        <thead><tr>
                            <th scope="col">{ w(lang, Words::Year) }</th>
                            { for present.iter().filter_map(|&t| g.types.get(t).map(|ty| html! { <th scope="col" class="num">{ type_label(ty) }</th> })) }
                            <th scope="col" class="num">{ w(lang, Words::Total) }</th>
                            <th scope="col">{ w(lang, Words::Events) }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            </details>
        </> }
    };

    html! {
        <section class="analysis" data-testid="analysis" aria-labelledby="analysis-title">
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
