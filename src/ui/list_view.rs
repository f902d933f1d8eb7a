//! The list view (`view=list`), the graph's text twin: a table of exactly
//! the visible actors (same filters, search, year, stake and neighbourhood
//! as the map), sortable by every column, each row a way to select its
//! actor; above it, the selected actor's neighbourhood as one sentence.
//!
//! Rows and sorting are pure ([`crate::model::view::listing`]); the summary text
//! is [`summary`], tested natively below. Sorting is local to the view
//! (not in the URL). Reads the language, theme, dataset, graph and
//! dispatch from the map context; a row selects its actor by index.

use yew::prelude::*;

use super::context::use_map;
use super::i18n::{self, measures as words, t, Key};
use super::icons::shape_svg;
use super::markup::{self, Markup};
use super::measures::use_visible_measures;
use super::store::Frozen;
use super::versions::SuggestLink;
use crate::model::format::dataset::Dataset;
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;
use crate::model::network::metrics::Measure;
use crate::model::view::encoding;
use crate::model::view::listing::{self, Column, Order, Row, Sort, Vocabulary};
use crate::model::view::lookup;
use crate::model::view::neighbours::link_groups;
use crate::model::view::state::{Action, Lang};

#[derive(Properties, PartialEq)]
pub struct ListViewProps {
    pub visible: Frozen<Visible>,
    /// The selected actor's index (visible).
    pub selected: Option<usize>,
    /// What node size shows: a column when it is not degree (degree is
    /// the links column).
    #[prop_or_default]
    pub size: Measure,
}

/// The header text of a column.
pub fn column_label(lang: Lang, c: Column) -> &'static str {
    match c {
        Column::Name => t(lang, Key::ColName),
        Column::Type => t(lang, Key::ActorType),
        Column::Objectives => t(lang, Key::Objectives),
        Column::Ecosystems => t(lang, Key::Ecosystems),
        Column::Founded => t(lang, Key::Founded),
        Column::Links => t(lang, Key::ColLinks),
        Column::Measure => match lang {
            Lang::Fr => "Mesure",
            Lang::En => "Measure",
        },
        Column::Community => words::community_column(lang),
    }
}

/// A column's header in the list, where the measure column is named after
/// the measure.
fn header(lang: Lang, c: Column, size: Measure) -> String {
    match c {
        Column::Measure => i18n::capitalise(words::measure_name(lang, size)),
        _ => column_label(lang, c).to_string(),
    }
}

/// The label of a taxonomy id in `lang` (for the rows).
pub fn label(ds: &Dataset, lang: Lang, v: Vocabulary, id: &str) -> String {
    let tax = &ds.taxonomy;
    match v {
        Vocabulary::Type => lookup::type_label(ds, id, lang),
        Vocabulary::Objective => lookup::term_label(tax.objectives.as_deref(), id, lang),
        Vocabulary::Ecosystem => lookup::term_label(tax.ecosystems.as_deref(), id, lang),
    }
}

/// The selected actor's neighbourhood in one sentence, over the visible
/// links: "Cap Collectif — Start-up, Co-production. 5 liens : exploite
/// Parlement & Citoyens ; …". Empty for an unknown index.
pub fn summary(ds: &Dataset, g: &Graph, vis: &Visible, actor: usize, lang: Lang) -> String {
    let Some(a) = ds.actors.get(actor) else {
        return String::new();
    };
    let mut facts = vec![lookup::type_label(ds, a.actor_type(), lang)];
    facts.extend(
        a.objectives
            .iter()
            .map(|o| label(ds, lang, Vocabulary::Objective, o)),
    );
    let (groups, _) = link_groups(ds, g, vis, actor, lang);
    let groups: Vec<(String, Vec<String>)> = groups
        .into_iter()
        .map(|grp| {
            let names = grp
                .items
                .iter()
                .filter_map(|&(n, _)| ds.actors.get(n).map(|x| x.name().to_string()))
                .collect();
            (grp.label, names)
        })
        .collect();
    i18n::neighbourhood_summary(lang, a.name(), &facts, &groups)
}

/// An empty cell: a dash for the eye, "unknown" for screen readers.
fn none(m: &mut Markup, lang: Lang) {
    m.trusted(r#"<span class="none" aria-hidden="true">—</span><span class="visually-hidden">"#)
        .text(t(lang, Key::Unknown))
        .close("span");
}

/// A column's name in `data-column`.
fn column_key(c: Column) -> String {
    format!("{c:?}").to_lowercase()
}

/// One row of the table as markup: the actor's name (a button), its type
/// (shape and label), objectives, ecosystems, founding year, visible links,
/// the measure (when `size` is not degree) and community; `data-index` is
/// the actor's index. The selection is not in it (marked in place by [`markup::mark_current`]).
pub fn row_markup(ds: &Dataset, lang: Lang, dark: bool, r: &Row, size: Measure) -> String {
    let (color, shape) = lookup::type_style(ds, &r.type_id, dark);
    let mut m = Markup::with_capacity(1024);
    let list = |m: &mut Markup, v: &[String]| {
        if v.is_empty() {
            none(m, lang);
        } else {
            m.text(&v.join(", "));
        }
    };
    m.open("tr")
        .attr("data-testid", "actor-row")
        .attr("data-actor-id", &r.id)
        .attr("data-index", &r.actor.to_string())
        .end()
        .trusted(r#"<th scope="row" class="col-name"><button type="button" class="row-name">"#)
        .text(&r.name)
        .trusted(r#"</button></th><td class="col-type"><span class="type-cell">"#)
        .trusted(&shape_svg(shape, &color))
        .trusted("<span>")
        .text(&r.type_label)
        .trusted("</span></span></td><td>");
    list(&mut m, &r.objectives);
    m.trusted("</td><td>");
    list(&mut m, &r.ecosystems);
    m.trusted(r#"</td><td class="num">"#);
    match r.founded {
        Some(y) => {
            m.text(&y.to_string());
        }
        None => none(&mut m, lang),
    }
    m.trusted(r#"</td><td class="num">"#)
        .text(&i18n::number(lang, r.links))
        .trusted("</td>");
    if size != Measure::Degree {
        m.trusted(r#"<td class="num" data-testid="measure-cell">"#);
        match r.measure {
            Some(v) => {
                m.text(&words::value(lang, size, v));
            }
            None => none(&mut m, lang),
        }
        m.trusted("</td>");
    }
    m.trusted(r#"<td data-testid="community-cell">"#);
    match &r.community {
        Some(c) => {
            m.text(c);
        }
        None => none(&mut m, lang),
    }
    m.trusted("</td></tr>");
    m.into_string()
}

/// The rows of the table as one string: what the view's body holds once
/// [`fill_body`] has filled it (the SSR tests compose the view with it).
pub fn rows_markup(ds: &Dataset, lang: Lang, dark: bool, rows: &[Row], size: Measure) -> String {
    rows.iter()
        .map(|r| row_markup(ds, lang, dark, r, size))
        .collect()
}

/// Fills `tbody` with `rows`, one row at a time: each row's markup is a
/// short string, parsed by the browser in the table's context.
fn fill_body(rows: &Rows, tbody: &web_sys::Element) {
    for r in &rows.rows {
        let _ = tbody.insert_adjacent_html(
            "beforeend",
            &row_markup(&rows.dataset.0, rows.lang, rows.dark, r, rows.size),
        );
    }
}

/// The rows of a render, with what their markup depends on.
pub struct Rows {
    dataset: Frozen<Dataset>,
    lang: Lang,
    dark: bool,
    size: Measure,
    rows: Vec<Row>,
}

fn aria_sort(sort: Sort, c: Column) -> Option<&'static str> {
    (sort.column == c).then_some(match sort.order {
        Order::Ascending => "ascending",
        Order::Descending => "descending",
    })
}

/// The list view.
#[function_component(ListView)]
pub fn list_view(props: &ListViewProps) -> Html {
    let map = use_map();
    let sort = use_state(Sort::default);
    let size = props.size;
    // The measures of this visible set, once computed.
    let full = use_visible_measures()
        .filter(|m| m.visible == props.visible.0)
        .and_then(|m| m.full.clone().map(|f| (m.graph.clone(), f)));
    let columns: Vec<Column> = Column::ALL
        .into_iter()
        .chain((size != Measure::Degree).then_some(Column::Measure))
        .chain(std::iter::once(Column::Community))
        .collect();
    // The rows, rebuilt only when what they show changes.
    let rows: Option<Frozen<Rows>> = {
        let data = map
            .as_ref()
            .map(|m| (m.dataset.clone(), m.graph.clone(), m.lang, m.dark));
        let memo = use_memo(
            (
                data,
                props.visible.clone(),
                *sort,
                size,
                full.clone().map(|(_, f)| Frozen(f)),
            ),
            move |(data, vis, sort, size, _)| {
                let Some((ds, g, lang, dark)) = data else {
                    return None;
                };
                let rows = listing::rows(ds, g, vis, |v, id| label(ds, *lang, v, id));
                let rows = match &full {
                    Some((mg, m)) => {
                        let communities = encoding::actor_communities(ds.actors.len(), mg, m);
                        let leaders = encoding::community_leaders(mg, m);
                        listing::with_measures(
                            rows,
                            |a| mg.node_of(a).map(|v| size.value(m, v)),
                            |a| {
                                let c = communities.get(a).copied().flatten()?;
                                let leader = leaders.get(c).copied().flatten()?;
                                Some(words::around(*lang, ds.actors.get(leader)?.name()))
                            },
                        )
                    }
                    None => rows,
                };
                Some(Frozen::new(Rows {
                    dataset: ds.clone(),
                    lang: *lang,
                    dark: *dark,
                    size: *size,
                    rows: listing::sorted(rows, *sort),
                }))
            },
        );
        (*memo).clone()
    };
    // The body is filled in the browser when the rows change, then the
    // selection is marked on it in place (after every render).
    let tbody = use_node_ref();
    markup::use_fill(tbody.clone(), rows.clone(), fill_body);
    {
        let tbody = tbody.clone();
        let selected = props.selected;
        use_effect(move || {
            if let Some(body) = tbody.cast::<web_sys::Element>() {
                markup::mark_current(&body, "tr", "selected", Some("button.row-name"), selected);
            }
        });
    }
    let Some(map) = map else {
        return Html::default();
    };
    let (ds, lang) = (&*map.dataset, map.lang);

    let summary_text = props
        .selected
        .map(|i| summary(ds, &map.graph, &props.visible, i, lang));

    let headers = columns.iter().map(|&c| {
        let s = sort.clone();
        let onclick = Callback::from(move |_: MouseEvent| s.set(s.toggle(c)));
        let numeric = matches!(c, Column::Founded | Column::Links | Column::Measure);
        let icon = match aria_sort(*sort, c) {
            Some("ascending") => "▲",
            Some(_) => "▼",
            None => "↕",
        };
        html! {
            <th scope="col" aria-sort={aria_sort(*sort, c)}
                class={classes!(numeric.then_some("num"), (c == Column::Name).then_some("col-name"))}>
                <button type="button" class="sort" data-testid="sort-button" data-column={column_key(c)} {onclick}>
                    <span>{ header(lang, c, size) }</span>
                    <span class={classes!("sort-icon", (sort.column == c).then_some("on"))} aria-hidden="true">{ icon }</span>
                </button>
            </th>
        }
    });
    let count = rows.as_ref().map_or(0, |r| r.0.rows.len());
    let caption = i18n::list_caption(
        lang,
        count,
        &header(lang, sort.column, size),
        sort.order == Order::Ascending,
    );
    // One listener for every row (their markup is not Yew's).
    let on_body = markup::selects("tr[data-index]", &map.dispatch);

    html! {
        <section class="list-view view-pane" data-testid="list-view" aria-labelledby="list-title">
            <h2 id="list-title" class="visually-hidden">{ t(lang, Key::ListTitle) }</h2>
            if let Some(text) = summary_text {
                <p class="list-summary" data-testid="list-summary">{ text }</p>
            }
            if count == 0 {
                <div class="view-empty" data-testid="list-empty">
                    if ds.actors.is_empty() {
                        <p>{ t(lang, Key::EmptyDataset) }</p>
                    } else {
                        <p>{ t(lang, Key::NothingVisible) }</p>
                        <button type="button" class="btn"
                            onclick={let d = map.dispatch.clone(); Callback::from(move |_: MouseEvent| d.emit(Action::ClearFilters))}>
                            { t(lang, Key::ClearFilters) }
                        </button>
                    }
                </div>
            } else {
                <div class="table-scroll">
                    <table class="actor-table" data-testid="actor-table">
                        <caption>{ caption }</caption>
                        <thead><tr>{ for headers }</tr></thead>
                        <tbody ref={tbody} onclick={on_body}></tbody>
                    </table>
                </div>
            }
            <SuggestLink />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format::validate;
    use crate::model::network::filter::{self, Filter};

    fn real() -> (Dataset, Graph) {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/static/data/civic-tech-fr.json"
        ))
        .unwrap();
        let ds = validate::load(&bytes).dataset.unwrap();
        let g = Graph::new(&ds);
        (ds, g)
    }

    #[test]
    fn the_summary_names_every_visible_neighbour_with_the_link_read_from_the_actor() {
        let (ds, g) = real();
        let vis = filter::visible(&ds, &g, &Filter::default());
        let i = g.actor("cap-collectif").unwrap();
        let fr = summary(&ds, &g, &vis, i, Lang::Fr);
        assert!(fr.starts_with("Cap Collectif — Start-up"), "{fr}");
        let n = listing::visible_degree(&g, &vis, i);
        assert!(n > 0);
        assert!(fr.contains(&i18n::links(Lang::Fr, n)), "{fr}");
        for &(other, l) in g.incident(i) {
            let name = ds.actors[other].name();
            assert!(fr.contains(name), "{name} missing from {fr}");
            // The kind is read from Cap Collectif: its label when Cap
            // Collectif is the source, else the inverse label.
            let link = &ds.links[l];
            let kind = lookup::link_kind(&ds, link.kind()).unwrap();
            let outgoing = ds.actors[g.ends(l).unwrap().0].id() == "cap-collectif";
            let text = if outgoing || kind.directed == Some(false) {
                kind.label.as_ref().unwrap().get("fr")
            } else {
                kind.inverse_label.as_ref().unwrap().get("fr")
            };
            assert!(fr.contains(text), "{text} missing from {fr}");
        }
        let en = summary(&ds, &g, &vis, i, Lang::En);
        assert!(en.contains(&i18n::links(Lang::En, n)), "{en}");
        assert_ne!(fr, en);
    }

    #[test]
    fn the_summary_only_counts_visible_links() {
        let (ds, g) = real();
        let i = g.actor("cap-collectif").unwrap();
        let f = Filter {
            links: vec!["funds".into()],
            ..Filter::default()
        };
        let vis = filter::visible(&ds, &g, &f);
        let n = listing::visible_degree(&g, &vis, i);
        let text = summary(&ds, &g, &vis, i, Lang::En);
        if n == 0 {
            assert!(
                text.ends_with("No link shown with the current filters."),
                "{text}"
            );
        } else {
            assert!(text.contains(&i18n::links(Lang::En, n)), "{text}");
        }
        assert_eq!(summary(&ds, &g, &vis, usize::MAX, Lang::En), "");
    }
}
