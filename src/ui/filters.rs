//! The filter panel: the legend (which is the actor-type filter), the
//! objective, ecosystem and link-kind facets with their counts, the year
//! slider, the two path boxes and "clear all". On a phone it is a bottom sheet.
//! Reads the language, theme, dataset and dispatch from the map context.

use yew::prelude::*;

use super::context::{use_map, MapContext};
use super::i18n::{self, t, Key};
use super::icons::shape_icon;
use super::store::Frozen;
use crate::model::network::filter::{Facet, FacetCounts, Filter};
use crate::model::view::lookup;
use crate::model::view::state::{Action, Lang};

#[derive(Properties, PartialEq)]
pub struct FilterPanelProps {
    pub counts: Frozen<FacetCounts>,
    pub filter: Filter,
    /// Visible actors (for the phone sheet's "show N actors" button).
    pub visible_actors: usize,
    /// Undated actors kept by the year filter.
    pub undated: usize,
    /// Open as a sheet (phone); the desktop panel is always shown.
    pub open: bool,
    /// Whether the panel's body (the facets, size and colour, the path
    /// boxes) is rendered. The app leaves it out while the panel is a
    /// closed drawer that was never opened (embed mode, narrow screens): it
    /// is two thirds of the elements of a phone's first render.
    #[prop_or(true)]
    pub body: bool,
    pub on_close: Callback<()>,
    /// The play control, shown under the year slider (`ui::play`).
    #[prop_or_default]
    pub play: Html,
    /// What size and colour show (`ui::legend::SizeColorControls`), at the
    /// top of the panel.
    #[prop_or_default]
    pub display: Html,
    /// "Comment sont-ils reliés ?" (`ui::path_fields`).
    #[prop_or_default]
    pub path_fields: Html,
}

/// A facet's checkbox `data-testid` prefix.
fn testid(facet: Facet) -> &'static str {
    match facet {
        Facet::Type => "type",
        Facet::Objective => "objective",
        Facet::Ecosystem => "ecosystem",
        Facet::Link => "link",
    }
}

struct Row {
    id: String,
    label: String,
    count: usize,
    checked: bool,
    icon: Html,
}

fn facet_rows(
    facet: Facet,
    counts: &[(String, usize)],
    chosen: &[String],
    label: impl Fn(&str) -> String,
    icon: impl Fn(&str) -> Html,
) -> Vec<Row> {
    counts
        .iter()
        .map(|(id, n)| Row {
            id: id.clone(),
            label: label(id),
            count: *n,
            checked: chosen.contains(id),
            icon: if facet == Facet::Type {
                icon(id)
            } else {
                Html::default()
            },
        })
        .collect()
}

fn facet_view(
    facet: Facet,
    title: &str,
    hint: Option<&str>,
    rows: Vec<Row>,
    lang: Lang,
    on_action: &Callback<Action>,
) -> Html {
    if rows.is_empty() {
        return Html::default();
    }
    let none_checked = rows.iter().all(|r| !r.checked);
    let heading_id = format!("facet-{}-title", testid(facet));
    html! {
        <fieldset class="facet" aria-labelledby={heading_id.clone()}>
            <legend id={heading_id}>{ title }</legend>
            if let Some(h) = hint { <p class="hint">{ h }</p> }
            <ul class="facet-list" role="list">
                { for rows.into_iter().map(|r| {
                    let cb = on_action.clone();
                    let id = r.id.clone();
                    let onchange = Callback::from(move |_: Event| cb.emit(Action::Toggle(facet, id.clone())));
                    let input_id = format!("facet-{}-{}", testid(facet), r.id);
                    html! {
                        <li class={classes!("facet-row", (r.count == 0 && !r.checked).then_some("empty"))}>
                            <input type="checkbox" id={input_id.clone()} data-testid={input_id.clone()}
                                   checked={r.checked} {onchange} />
                            <label for={input_id}>
                                { r.icon }
                                <span class="facet-label">{ r.label }</span>
                                <span class="facet-count">{ i18n::number(lang, r.count) }</span>
                            </label>
                        </li>
                    }
                }) }
            </ul>
            if none_checked { <p class="hint subtle">{ t(lang, Key::FacetNoneChecked) }</p> }
        </fieldset>
    }
}

/// The filter panel.
#[function_component(FilterPanel)]
pub fn filter_panel(props: &FilterPanelProps) -> Html {
    let Some(map) = use_map() else {
        return Html::default();
    };
    let (ds, lang, dark) = (&*map.dataset, map.lang, map.dark);
    let code = i18n::code(lang);
    let f = &props.filter;
    let tax = &ds.taxonomy;

    let icon = |id: &str| {
        let (color, shape) = lookup::type_style(ds, id, dark);
        shape_icon(shape, &color)
    };
    let types = facet_rows(
        Facet::Type,
        &props.counts.types,
        &f.types,
        |id| lookup::type_label(ds, id, lang),
        icon,
    );
    let objectives = facet_rows(
        Facet::Objective,
        &props.counts.objectives,
        &f.objectives,
        |id| lookup::term_label(tax.objectives.as_deref(), id, lang),
        |_| Html::default(),
    );
    let ecosystems = facet_rows(
        Facet::Ecosystem,
        &props.counts.ecosystems,
        &f.ecosystems,
        |id| lookup::term_label(tax.ecosystems.as_deref(), id, lang),
        |_| Html::default(),
    );
    let kinds = facet_rows(
        Facet::Link,
        &props.counts.links,
        &f.links,
        |id| {
            lookup::link_kind(ds, id)
                .and_then(|k| k.label.as_ref())
                .map(|l| l.get(code).to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| id.to_string())
        },
        |_| Html::default(),
    );

    let year_view = match lookup::year_range(ds) {
        None => Html::default(),
        Some((lo, hi)) => {
            let value = f.year.unwrap_or(hi).clamp(lo, hi);
            let cb = map.dispatch.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                if let Ok(y) = input.value().parse::<i64>() {
                    cb.emit(Action::SetYear(Some(y)));
                }
            });
            let cb = map.dispatch.clone();
            let clear = Callback::from(move |_: MouseEvent| cb.emit(Action::SetYear(None)));
            let status = match f.year {
                Some(y) => i18n::year_shown(lang, y),
                None => t(lang, Key::AllYears).to_string(),
            };
            html! {
                <fieldset class="facet year">
                    <legend id="year-title">{ t(lang, Key::Year) }</legend>
                    <p class="hint">{ t(lang, Key::YearHint) }</p>
                    <div class="year-row">
                        <input type="range" data-testid="year-slider" id="year-slider"
                               min={lo.to_string()} max={hi.to_string()} step="1"
                               value={value.to_string()} aria-labelledby="year-title"
                               aria-valuetext={status.clone()} {oninput} />
                        <output for="year-slider" aria-hidden="true" class={classes!("year-value", f.year.is_none().then_some("all"))}>
                            { f.year.map(|y| y.to_string()).unwrap_or_else(|| t(lang, Key::AllYears).to_string()) }
                        </output>
                    </div>
                    <div class="year-scale" aria-hidden="true"><span>{ lo }</span><span>{ hi }</span></div>
                    <p class="year-status" aria-live="polite">
                        { status }
                        if f.year.is_some() {
                            <>{ " · " }{ i18n::undated_shown(lang, props.undated) }</>
                        }
                    </p>
                    <div class="year-actions">
                        <button type="button" class="btn small" data-testid="year-clear" onclick={clear}
                                disabled={f.year.is_none()}>
                            { t(lang, Key::AllYears) }
                        </button>
                        { props.play.clone() }
                    </div>
                </fieldset>
            }
        }
    };

    // The active stake (set from the stakes view), with its way out.
    let stake_view = match f.stake.as_deref() {
        None => Html::default(),
        Some(id) => stake_facet(&map, id),
    };

    // Opening the sheet moves the focus into it (keyboard and screen readers).
    let panel_ref = use_node_ref();
    {
        let panel_ref = panel_ref.clone();
        use_effect_with(props.open, move |open| {
            if *open {
                if let Some(el) = panel_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    let cb = map.dispatch.clone();
    let clear_all = Callback::from(move |_: MouseEvent| cb.emit(Action::ClearFilters));
    let on_close = props.on_close.clone();
    let close = Callback::from(move |_: MouseEvent| on_close.emit(()));
    let on_close = props.on_close.clone();
    let show_map = Callback::from(move |_: MouseEvent| on_close.emit(()));
    let on_close = props.on_close.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            on_close.emit(())
        }
    });

    html! {
        <aside id="filter-panel" data-testid="filter-panel"
               class={classes!("filters", "panel", props.open.then_some("open"))}
               aria-labelledby="filters-title" tabindex="-1" ref={panel_ref} {onkeydown}>
            <div class="panel-head">
                <h2 id="filters-title">{ t(lang, Key::Filters) }</h2>
                <button type="button" class="btn link" data-testid="clear-filters" onclick={clear_all}>
                    { t(lang, Key::ClearFilters) }
                </button>
                <button type="button" class="icon-btn sheet-only" aria-label={t(lang, Key::FiltersClose)}
                        onclick={close}>
                    <span aria-hidden="true">{ "×" }</span>
                </button>
            </div>
            if props.body {
                <div class="panel-body">
                    { stake_view }
                    { props.display.clone() }
                    { facet_view(Facet::Type, t(lang, Key::FacetTypes), Some(t(lang, Key::FacetTypesHint)), types, lang, &map.dispatch) }
                    { year_view }
                    { facet_view(Facet::Objective, t(lang, Key::FacetObjectives), None, objectives, lang, &map.dispatch) }
                    { facet_view(Facet::Ecosystem, t(lang, Key::FacetEcosystems), None, ecosystems, lang, &map.dispatch) }
                    { facet_view(Facet::Link, t(lang, Key::FacetLinks), None, kinds, lang, &map.dispatch) }
                    { props.path_fields.clone() }
                </div>
            }
            <div class="sheet-foot sheet-only">
                <button type="button" class="btn primary wide" onclick={show_map}>
                    { format!("{} — {}", t(lang, Key::FiltersShow), i18n::actors(lang, props.visible_actors)) }
                </button>
            </div>
        </aside>
    }
}

/// The active stake (set from the stakes view) and its way out: shown only
/// once a visitor picked a stake, so never inlined into the panel, which
/// runs on every load (the web build's split leaves it out of the code
/// loaded before the map is ready).
#[inline(never)]
fn stake_facet(map: &MapContext, id: &str) -> Html {
    let (ds, lang) = (&*map.dataset, map.lang);
    let cb = map.dispatch.clone();
    let clear = Callback::from(move |_: MouseEvent| cb.emit(Action::SetStake(None)));
    html! {
        <fieldset class="facet stake-facet">
            <legend id="stake-facet-title">{ t(lang, Key::Stake) }</legend>
            <p class="stake-facet-title">{ lookup::stake_title(ds, id, lang) }</p>
            <button type="button" class="btn small" data-testid="stake-clear" onclick={clear}>
                { t(lang, Key::StakeClear) }
            </button>
        </fieldset>
    }
}
