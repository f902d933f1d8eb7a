//! Filters are plain data; `visible` computes the visible actors and links
//! following the rules of product.md ("Visible actors", "Visible links"),
//! and `facet_counts` the count shown next to each facet value.

use super::dataset::Dataset;
use super::graph::Graph;

/// Everything that narrows what is shown. Lists are ids in dataset order;
/// an empty list means "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub types: Vec<String>,
    pub objectives: Vec<String>,
    pub ecosystems: Vec<String>,
    /// Link kinds to show; never hides an actor.
    pub links: Vec<String>,
    pub year: Option<i64>,
    pub q: String,
    pub stake: Option<String>,
    /// The selected actor's id.
    pub actor: Option<String>,
    /// 1–3, only with `actor`: the neighbourhood cut.
    pub depth: Option<u8>,
}

/// The visible set, indexed like `dataset.actors` / `dataset.links`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visible {
    pub actors: Vec<bool>,
    pub links: Vec<bool>,
    pub actor_count: usize,
    pub link_count: usize,
    /// Visible actors without a founding year, when `year` is set (else 0).
    pub undated_actors: usize,
}

/// The count next to each facet value: visible actors if that value alone
/// were chosen in its facet, the other facets applied. In taxonomy order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    pub types: Vec<(String, usize)>,
    pub objectives: Vec<(String, usize)>,
    pub ecosystems: Vec<(String, usize)>,
    /// For link kinds: visible links of that kind.
    pub links: Vec<(String, usize)>,
}

pub fn visible(_ds: &Dataset, _g: &Graph, _f: &Filter) -> Visible {
    unimplemented!()
}

pub fn facet_counts(_ds: &Dataset, _g: &Graph, _f: &Filter) -> FacetCounts {
    unimplemented!()
}
