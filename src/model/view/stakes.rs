//! The stakes view's pure part: the dataset's stakes in groups by category
//! (product.md: "the stakes that structure the field — technical, economic,
//! political — each tied to actors").
//!
//! The three categories of the format come first, in that order; other
//! categories (the format allows free text) follow in order of first
//! appearance, then the stakes without a category. Empty groups are left
//! out; stakes keep their dataset order within a group.

use crate::model::format::dataset::Dataset;
use crate::model::network::graph::Graph;

/// The categories the format names, in display order.
pub const CATEGORIES: [&str; 3] = ["technical", "economic", "political"];

/// One group of the stakes view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeGroup {
    /// The category (`None`: stakes without one).
    pub category: Option<String>,
    /// Indices into `dataset.stakes`.
    pub stakes: Vec<usize>,
}

/// The stakes of `ds` grouped by category (see the module documentation).
pub fn groups(ds: &Dataset) -> Vec<StakeGroup> {
    let mut order: Vec<Option<String>> = CATEGORIES.iter().map(|c| Some(c.to_string())).collect();
    for s in &ds.stakes {
        let c = s
            .category
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        if let Some(c) = c {
            if !order.iter().any(|o| o.as_deref() == Some(c)) {
                order.push(Some(c.to_string()));
            }
        }
    }
    order.push(None);
    order
        .into_iter()
        .map(|category| {
            let stakes = ds
                .stakes
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    let c = s
                        .category
                        .as_deref()
                        .map(str::trim)
                        .filter(|c| !c.is_empty());
                    c == category.as_deref()
                })
                .map(|(i, _)| i)
                .collect();
            StakeGroup { category, stakes }
        })
        .filter(|g| !g.stakes.is_empty())
        .collect()
}

/// The actor indices of stake `stake`, in the stake's order (ids the
/// dataset does not have are skipped, duplicates kept once).
pub fn actors(ds: &Dataset, g: &Graph, stake: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for id in ds
        .stakes
        .get(stake)
        .map(|s| s.actors.as_slice())
        .unwrap_or_default()
    {
        if let Some(i) = g.actor(id) {
            if !out.contains(&i) {
                out.push(i);
            }
        }
    }
    out
}

/// The index of the stake with id `id`.
pub fn find(ds: &Dataset, id: &str) -> Option<usize> {
    ds.stakes.iter().position(|s| s.id.as_deref() == Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::network::filter::{self, Filter};

    fn real() -> Dataset {
        crate::model::fixtures::default_dataset()
    }

    #[test]
    fn the_default_dataset_has_22_stakes_in_the_three_categories() {
        let ds = real();
        let gs = groups(&ds);
        let cats: Vec<Option<&str>> = gs.iter().map(|g| g.category.as_deref()).collect();
        assert_eq!(
            cats,
            [Some("technical"), Some("economic"), Some("political")]
        );
        let sizes: Vec<usize> = gs.iter().map(|g| g.stakes.len()).collect();
        assert_eq!(sizes, [7, 5, 10]);
        assert_eq!(sizes.iter().sum::<usize>(), 22);
        for g in &gs {
            assert!(g.stakes.windows(2).all(|w| w[0] < w[1]), "dataset order");
        }
    }

    #[test]
    fn other_categories_follow_and_uncategorised_stakes_come_last() {
        let ds: Dataset = serde_json::from_str(
            r#"{"stakes":[
                {"id":"a","category":"legal"},
                {"id":"b"},
                {"id":"c","category":"political"},
                {"id":"d","category":"  "},
                {"id":"e","category":"legal"},
                {"id":"f","category":"technical"}
            ]}"#,
        )
        .unwrap();
        let gs = groups(&ds);
        assert_eq!(
            gs,
            vec![
                StakeGroup {
                    category: Some("technical".into()),
                    stakes: vec![5]
                },
                StakeGroup {
                    category: Some("political".into()),
                    stakes: vec![2]
                },
                StakeGroup {
                    category: Some("legal".into()),
                    stakes: vec![0, 4]
                },
                StakeGroup {
                    category: None,
                    stakes: vec![1, 3]
                },
            ]
        );
        assert!(groups(&Dataset::default()).is_empty());
    }

    #[test]
    fn the_stake_filter_keeps_exactly_the_actors_of_each_stake() {
        let ds = real();
        let g = Graph::new(&ds);
        for (i, s) in ds.stakes.iter().enumerate() {
            let f = Filter {
                stake: s.id.clone(),
                ..Filter::default()
            };
            let vis = filter::visible(&ds, &g, &f);
            let mut shown: Vec<usize> = (0..ds.actors.len()).filter(|&a| vis.actors[a]).collect();
            let mut expected = actors(&ds, &g, i);
            assert_eq!(expected.len(), s.actors.len(), "every actor id resolves");
            shown.sort_unstable();
            expected.sort_unstable();
            assert_eq!(shown, expected, "stake {:?}", s.id);
            assert_eq!(find(&ds, s.id.as_deref().unwrap()), Some(i));
        }
        // Combined with another filter: the intersection.
        let f = Filter {
            stake: Some("open-source-vs-proprietary".into()),
            types: vec!["platform".into()],
            ..Filter::default()
        };
        let vis = filter::visible(&ds, &g, &f);
        let stake = find(&ds, "open-source-vs-proprietary").unwrap();
        let expected: Vec<usize> = actors(&ds, &g, stake)
            .into_iter()
            .filter(|&a| ds.actors[a].actor_type() == "platform")
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(vis.actor_count, expected.len());
        assert!(expected.iter().all(|&a| vis.actors[a]));
    }
}
