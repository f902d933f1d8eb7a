//! The list view's pure parts (product.md: "the graph has a text twin"):
//! one [`Row`] per visible actor — exactly the visible set of the graph —
//! and the sort orders of its columns.
//!
//! Labels come from the caller (the UI looks them up in the current
//! language), so this module knows nothing of languages; sorting compares
//! folded text ([`search::fold`]: no case, no accents), puts missing values
//! last in both directions, and breaks ties by name, then dataset order, so
//! the same rows always come out in the same order.
//!
//! ```
//! use civicmap::model::view::listing::{Column, Order, Sort};
//! let s = Sort::default();
//! assert_eq!((s.column, s.order), (Column::Name, Order::Ascending));
//! // Activating the sorted column flips it; another column starts ascending.
//! assert_eq!(s.toggle(Column::Name).order, Order::Descending);
//! assert_eq!(s.toggle(Column::Founded), Sort { column: Column::Founded, order: Order::Ascending });
//! ```

use std::cmp::Ordering;

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;
use crate::model::network::search;

/// A column of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Type,
    Objectives,
    Ecosystems,
    Founded,
    /// Visible links touching the actor (what the graph draws).
    Links,
    /// The measure node size shows (`size=`), when it is not degree.
    Measure,
    /// The actor's community (what `color=community` shows).
    Community,
}

impl Column {
    /// The columns in display order.
    pub const ALL: [Column; 6] = [
        Column::Name,
        Column::Type,
        Column::Objectives,
        Column::Ecosystems,
        Column::Founded,
        Column::Links,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Ascending,
    Descending,
}

/// How the rows are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub order: Order,
}

impl Default for Sort {
    /// By name, A to Z.
    fn default() -> Self {
        Sort {
            column: Column::Name,
            order: Order::Ascending,
        }
    }
}

impl Sort {
    /// The sort after the header of `column` is activated: the sorted
    /// column flips its order, another column sorts ascending.
    pub fn toggle(self, column: Column) -> Sort {
        if self.column == column {
            let order = match self.order {
                Order::Ascending => Order::Descending,
                Order::Descending => Order::Ascending,
            };
            Sort { column, order }
        } else {
            Sort {
                column,
                order: Order::Ascending,
            }
        }
    }
}

/// Which vocabulary a label is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    Type,
    Objective,
    Ecosystem,
}

/// One line of the list: a visible actor, its labels in the caller's
/// language and its number of visible links.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index in `dataset.actors`.
    pub actor: usize,
    pub id: String,
    pub name: String,
    pub type_id: String,
    pub type_label: String,
    /// Labels, in the actor's order.
    pub objectives: Vec<String>,
    pub ecosystems: Vec<String>,
    pub founded: Option<i64>,
    /// Visible links touching the actor (a self-loop counts once).
    pub links: usize,
    /// The measure node size shows, once computed ([`with_measures`]).
    pub measure: Option<f64>,
    /// The community's name, once computed ([`with_measures`]).
    pub community: Option<String>,
}

/// The number of visible links touching `actor`.
pub fn visible_degree(g: &Graph, vis: &Visible, actor: usize) -> usize {
    g.incident(actor)
        .iter()
        .filter(|(_, l)| vis.links.get(*l).copied().unwrap_or(false))
        .count()
}

/// One row per visible actor, in dataset order. `label(vocabulary, id)`
/// gives the display label of a taxonomy id.
pub fn rows(
    ds: &Dataset,
    g: &Graph,
    vis: &Visible,
    label: impl Fn(Vocabulary, &str) -> String,
) -> Vec<Row> {
    // Sized once: a vector grown by doubling leaves its old blocks behind
    // in wasm memory, which never shrinks (docs/soak.md).
    let mut out = Vec::with_capacity(vis.actor_count);
    out.extend(
        ds.actors
            .iter()
            .enumerate()
            .filter(|(i, _)| vis.actors.get(*i).copied().unwrap_or(false))
            .map(|(i, a)| Row {
                actor: i,
                id: a.id().to_string(),
                name: a.name().to_string(),
                type_id: a.actor_type().to_string(),
                type_label: label(Vocabulary::Type, a.actor_type()),
                objectives: a
                    .objectives
                    .iter()
                    .map(|o| label(Vocabulary::Objective, o))
                    .collect(),
                ecosystems: a
                    .ecosystems
                    .iter()
                    .map(|e| label(Vocabulary::Ecosystem, e))
                    .collect(),
                founded: a.founded,
                links: visible_degree(g, vis, i),
                measure: None,
                community: None,
            }),
    );
    out
}

/// The rows with the size measure and the community of each actor
/// (`None` where unknown, e.g. while they are computed).
pub fn with_measures(
    mut rows: Vec<Row>,
    measure: impl Fn(usize) -> Option<f64>,
    community: impl Fn(usize) -> Option<String>,
) -> Vec<Row> {
    for r in &mut rows {
        r.measure = measure(r.actor).filter(|v| v.is_finite());
        r.community = community(r.actor);
    }
    rows
}

/// A sort key; `None` (a missing value) sorts last in both orders.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Text(String),
    Number(i64),
    /// A finite measure ≥ 0, by its bits (which order such numbers).
    Real(u64),
}

fn key(row: &Row, column: Column) -> Option<Key> {
    let text = |v: &[String]| (!v.is_empty()).then(|| Key::Text(search::fold(&v.join(" "))));
    match column {
        Column::Name => Some(Key::Text(search::fold(&row.name))),
        Column::Type => Some(Key::Text(search::fold(&row.type_label))),
        Column::Objectives => text(&row.objectives),
        Column::Ecosystems => text(&row.ecosystems),
        Column::Founded => row.founded.map(Key::Number),
        Column::Links => Some(Key::Number(i64::try_from(row.links).unwrap_or(i64::MAX))),
        Column::Measure => row
            .measure
            .filter(|v| v.is_finite())
            .map(|v| Key::Real(v.max(0.0).to_bits())),
        Column::Community => row.community.as_deref().map(|c| Key::Text(search::fold(c))),
    }
}

/// The rows sorted by `sort`: missing values last in both orders, ties by
/// name (A to Z, folded, then exact), then dataset order.
pub fn sorted(mut rows: Vec<Row>, sort: Sort) -> Vec<Row> {
    // The keys and an order of indices, then the rows moved in place: no
    // second vector of rows (a 26 KB block for the default dataset, which
    // raised the page's wasm memory for good; docs/soak.md).
    let order: Vec<usize> = {
        let mut keyed: Vec<(Option<Key>, String, &str, usize, usize)> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                (
                    key(r, sort.column),
                    search::fold(&r.name),
                    r.name.as_str(),
                    r.actor,
                    i,
                )
            })
            .collect();
        keyed.sort_by(|(ka, na, a, ia, _), (kb, nb, b, ib, _)| {
            let primary = match (ka, kb) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(x), Some(y)) => match sort.order {
                    Order::Ascending => x.cmp(y),
                    Order::Descending => y.cmp(x),
                },
            };
            primary
                .then_with(|| na.cmp(nb))
                .then_with(|| a.cmp(b))
                .then_with(|| ia.cmp(ib))
        });
        keyed.into_iter().map(|k| k.4).collect()
    };
    // Position k takes the row that was at order[k], from wherever the
    // earlier swaps moved it (it followed order[] to a position ≥ k).
    for k in 0..order.len() {
        let mut from = order.get(k).copied().unwrap_or(k);
        while from < k {
            from = order.get(from).copied().unwrap_or(k);
        }
        rows.swap(k, from);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::network::filter::{self, Filter};
    use std::sync::OnceLock;

    /// The default dataset as the app loads it.
    fn real() -> &'static (Dataset, Graph) {
        static R: OnceLock<(Dataset, Graph)> = OnceLock::new();
        R.get_or_init(|| {
            let ds = crate::model::fixtures::default_dataset();
            let g = Graph::new(&ds);
            (ds, g)
        })
    }

    fn ids_label(_: Vocabulary, id: &str) -> String {
        id.to_string()
    }

    fn rows_for(f: &Filter) -> (Visible, Vec<Row>) {
        let (ds, g) = real();
        let vis = filter::visible(ds, g, f);
        let r = rows(ds, g, &vis, ids_label);
        (vis, r)
    }

    fn row(actor: usize, name: &str, founded: Option<i64>, links: usize) -> Row {
        Row {
            actor,
            id: format!("a{actor}"),
            name: name.into(),
            type_id: "t".into(),
            type_label: "t".into(),
            objectives: Vec::new(),
            ecosystems: Vec::new(),
            founded,
            links,
            measure: None,
            community: None,
        }
    }

    fn names(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn the_list_has_exactly_the_visible_actors_and_links_of_the_graph() {
        let filters = [
            Filter::default(),
            Filter {
                year: Some(2012),
                ..Filter::default()
            },
            Filter {
                actor: Some("decidim".into()),
                depth: Some(2),
                ..Filter::default()
            },
            Filter {
                stake: Some("business-model".into()),
                ..Filter::default()
            },
            Filter {
                q: "democratie".into(),
                types: vec!["association".into()],
                ..Filter::default()
            },
            Filter {
                links: vec!["funds".into()],
                ..Filter::default()
            },
        ];
        for f in filters {
            let (vis, r) = rows_for(&f);
            assert_eq!(r.len(), vis.actor_count, "{f:?}");
            assert!(r.iter().all(|row| vis.actors[row.actor]), "{f:?}");
            // Every visible link touches two listed actors: the degrees add
            // up to twice the visible links (no self-loops in this dataset).
            let degrees: usize = r.iter().map(|row| row.links).sum();
            assert_eq!(degrees, 2 * vis.link_count, "{f:?}");
        }
    }

    #[test]
    fn a_row_carries_the_actor_and_its_labels() {
        let (ds, g) = real();
        let vis = filter::visible(ds, g, &Filter::default());
        let label = |v: Vocabulary, id: &str| format!("{v:?}:{id}");
        let r = rows(ds, g, &vis, label);
        let cap = r.iter().find(|x| x.id == "cap-collectif").unwrap();
        let actor = &ds.actors[cap.actor];
        assert_eq!(cap.name, actor.name());
        assert_eq!(cap.type_label, format!("Type:{}", actor.actor_type()));
        assert_eq!(
            cap.objectives,
            actor
                .objectives
                .iter()
                .map(|o| format!("Objective:{o}"))
                .collect::<Vec<_>>()
        );
        assert_eq!(cap.founded, actor.founded);
        assert_eq!(cap.links, g.degree(cap.actor), "every link is visible");
        // Hiding the links of other kinds lowers the count.
        let only_uses = filter::visible(
            ds,
            g,
            &Filter {
                links: vec!["funds".into()],
                ..Filter::default()
            },
        );
        let funds = visible_degree(g, &only_uses, cap.actor);
        assert!(funds < cap.links, "{funds} < {}", cap.links);
    }

    /// Every column, both orders, on the default dataset: the rows moved in
    /// place come out as a plain sort of the keyed rows puts them.
    #[test]
    fn the_sort_in_place_is_the_keyed_sort() {
        let (_, base) = rows_for(&Filter::default());
        let base = with_measures(
            base,
            |a| Some((a % 7) as f64),
            |a| (a % 3 == 0).then(|| format!("c{}", a % 5)),
        );
        assert!(base.len() > 100, "{} rows", base.len());
        for column in Column::ALL
            .into_iter()
            .chain([Column::Measure, Column::Community])
        {
            for sort in [
                Sort {
                    column,
                    order: Order::Ascending,
                },
                Sort {
                    column,
                    order: Order::Descending,
                },
            ] {
                let mut keyed: Vec<(Option<Key>, String, Row)> = base
                    .iter()
                    .map(|r| (key(r, column), search::fold(&r.name), r.clone()))
                    .collect();
                keyed.sort_by(|(ka, na, a), (kb, nb, b)| {
                    let primary = match (ka, kb) {
                        (None, None) => Ordering::Equal,
                        (None, Some(_)) => Ordering::Greater,
                        (Some(_), None) => Ordering::Less,
                        (Some(x), Some(y)) if sort.order == Order::Ascending => x.cmp(y),
                        (Some(x), Some(y)) => y.cmp(x),
                    };
                    primary
                        .then_with(|| na.cmp(nb))
                        .then_with(|| a.name.cmp(&b.name))
                        .then_with(|| a.actor.cmp(&b.actor))
                });
                let expected: Vec<usize> = keyed.iter().map(|k| k.2.actor).collect();
                let got: Vec<usize> = sorted(base.clone(), sort).iter().map(|r| r.actor).collect();
                assert_eq!(got, expected, "{sort:?}");
            }
        }
    }

    #[test]
    fn names_sort_without_case_or_accents() {
        let r = vec![
            row(0, "Zeste", None, 0),
            row(1, "école", None, 0),
            row(2, "Étalab", None, 0),
            row(3, "decidim", None, 0),
        ];
        let up = sorted(r.clone(), Sort::default());
        assert_eq!(names(&up), ["decidim", "école", "Étalab", "Zeste"]);
        let down = sorted(r, Sort::default().toggle(Column::Name));
        assert_eq!(names(&down), ["Zeste", "Étalab", "école", "decidim"]);
    }

    #[test]
    fn missing_values_sort_last_both_ways_and_ties_go_by_name() {
        let r = vec![
            row(0, "B", Some(2014), 3),
            row(1, "A", None, 3),
            row(2, "C", Some(2001), 0),
            row(3, "A2", Some(2014), 7),
        ];
        let by_year = Sort {
            column: Column::Founded,
            order: Order::Ascending,
        };
        assert_eq!(names(&sorted(r.clone(), by_year)), ["C", "A2", "B", "A"]);
        let by_year_desc = by_year.toggle(Column::Founded);
        assert_eq!(
            names(&sorted(r.clone(), by_year_desc)),
            ["A2", "B", "C", "A"]
        );
        let by_links = Sort {
            column: Column::Links,
            order: Order::Descending,
        };
        assert_eq!(names(&sorted(r, by_links)), ["A2", "A", "B", "C"]);
    }

    #[test]
    fn measures_sort_as_numbers_and_communities_as_names() {
        let r = with_measures(
            vec![
                row(0, "A", None, 0),
                row(1, "B", None, 0),
                row(2, "C", None, 0),
                row(3, "D", None, 0),
            ],
            |a| [Some(0.5), Some(0.05), None, Some(f64::NAN)][a],
            |a| {
                ["autour de Zoé", "autour d’Émile", "autour de Zoé", ""]
                    .get(a)
                    .map(|s| s.to_string())
            },
        );
        assert_eq!(r[3].measure, None, "NaN is no value");
        let by = Sort {
            column: Column::Measure,
            order: Order::Descending,
        };
        assert_eq!(names(&sorted(r.clone(), by)), ["A", "B", "C", "D"]);
        assert_eq!(
            names(&sorted(r.clone(), by.toggle(Column::Measure))),
            ["B", "A", "C", "D"]
        );
        let by = Sort {
            column: Column::Community,
            order: Order::Ascending,
        };
        assert_eq!(names(&sorted(r, by)), ["D", "B", "A", "C"]);
    }

    #[test]
    fn list_columns_sort_by_their_joined_labels() {
        let mut a = row(0, "A", None, 0);
        a.objectives = vec!["mobilisation".into()];
        let mut b = row(1, "B", None, 0);
        b.objectives = vec!["Information".into(), "co-production".into()];
        let c = row(2, "C", None, 0);
        let by = Sort {
            column: Column::Objectives,
            order: Order::Ascending,
        };
        assert_eq!(names(&sorted(vec![a, b, c], by)), ["B", "A", "C"]);
    }

    #[test]
    fn sorting_the_real_list_by_founded_year_orders_the_years() {
        let (_, r) = rows_for(&Filter::default());
        let n = r.len();
        let s = sorted(
            r,
            Sort {
                column: Column::Founded,
                order: Order::Ascending,
            },
        );
        assert_eq!(s.len(), n, "sorting keeps every row");
        let years: Vec<Option<i64>> = s.iter().map(|x| x.founded).collect();
        let dated: Vec<i64> = years.iter().flatten().copied().collect();
        assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{dated:?}");
        let first_undated = years.iter().position(Option::is_none).unwrap_or(n);
        assert!(years[first_undated..].iter().all(Option::is_none));
        // Deterministic: the same rows in any input order give the same output.
        let mut shuffled = s.clone();
        shuffled.reverse();
        assert_eq!(
            sorted(
                shuffled,
                Sort {
                    column: Column::Founded,
                    order: Order::Ascending
                }
            ),
            s
        );
    }
}
