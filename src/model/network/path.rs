//! `path=a~b` (product.md, "The view state"): the shortest chain of
//! visible links between two actors, either direction, and when there is
//! none, the filter that cuts them.
//!
//! Among equally short chains, the one a breadth-first search from `a`
//! finds when it visits neighbours in the order of `actors[]` (lowest index
//! first; between parallel links, the lowest link index). Self-links are
//! never part of a chain.
//!
//! ```
//! use civicmap::model::format::dataset::Dataset;
//! use civicmap::model::network::{filter::Filter, graph::Graph, path::{find, PathOutcome}};
//!
//! let ds: Dataset = serde_json::from_str(r#"{
//!   "format": "civicmap/1", "taxonomy": {"actor_types": [{"id": "org"}]},
//!   "actors": [{"id": "a", "name": "A", "type": "org"}, {"id": "b", "name": "B", "type": "org"},
//!              {"id": "c", "name": "C", "type": "org"}],
//!   "links": [{"source": "a", "target": "b", "kind": "funds"},
//!             {"source": "c", "target": "b", "kind": "uses"}]
//! }"#).unwrap();
//! let g = Graph::new(&ds);
//! let PathOutcome::Chain(chain) = find(&ds, &g, &Filter::default(), 0, 2) else { panic!() };
//! assert_eq!(chain.actors, vec![0, 1, 2]);
//! // a —funds→ b, then c —uses→ b walked backwards.
//! assert_eq!((chain.steps[0].link, chain.steps[0].forward), (0, true));
//! assert_eq!((chain.steps[1].link, chain.steps[1].forward), (1, false));
//! ```

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::{self, Filter, Visible};
use crate::model::network::graph::Graph;

/// One link of a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Index of the link in `dataset.links`.
    pub link: usize,
    /// `true` when the link goes from the previous actor of the chain to
    /// the next one (its `source` is the previous actor), `false` when the
    /// chain walks it backwards.
    pub forward: bool,
}

/// A chain of links from `actors[0]` to the last actor; `steps[k]` joins
/// `actors[k]` and `actors[k + 1]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chain {
    pub actors: Vec<usize>,
    pub steps: Vec<Step>,
}

impl Chain {
    /// The number of links (0 when both ends are the same actor).
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether the chain has no link.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// A filter that can separate two actors or hide one, in the order of
/// product.md's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cut {
    Type,
    Objective,
    Ecosystem,
    Year,
    Q,
    Stake,
    Link,
    Depth,
}

impl Cut {
    /// Every filter, in the order they are tried.
    pub const ALL: [Cut; 8] = [
        Cut::Type,
        Cut::Objective,
        Cut::Ecosystem,
        Cut::Year,
        Cut::Q,
        Cut::Stake,
        Cut::Link,
        Cut::Depth,
    ];

    /// The URL parameter of this filter.
    pub fn param(self) -> &'static str {
        match self {
            Cut::Type => "type",
            Cut::Objective => "objective",
            Cut::Ecosystem => "ecosystem",
            Cut::Year => "year",
            Cut::Q => "q",
            Cut::Stake => "stake",
            Cut::Link => "link",
            Cut::Depth => "depth",
        }
    }

    /// Whether `f` uses this filter at all.
    pub fn is_set(self, f: &Filter) -> bool {
        match self {
            Cut::Type => !f.types.is_empty(),
            Cut::Objective => !f.objectives.is_empty(),
            Cut::Ecosystem => !f.ecosystems.is_empty(),
            Cut::Year => f.year.is_some(),
            Cut::Q => !f.q.is_empty(),
            Cut::Stake => f.stake.is_some(),
            Cut::Link => !f.links.is_empty(),
            Cut::Depth => f.depth.is_some(),
        }
    }

    /// `f` without this filter (`depth` removed keeps the selection).
    pub fn relax(self, f: &Filter) -> Filter {
        let mut r = f.clone();
        match self {
            Cut::Type => r.types.clear(),
            Cut::Objective => r.objectives.clear(),
            Cut::Ecosystem => r.ecosystems.clear(),
            Cut::Year => r.year = None,
            Cut::Q => r.q.clear(),
            Cut::Stake => r.stake = None,
            Cut::Link => r.links.clear(),
            Cut::Depth => r.depth = None,
        }
        r
    }
}

/// What `path=a~b` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathOutcome {
    /// The shortest chain of visible links.
    Chain(Chain),
    /// An end is hidden; `by`: the filters each of which, removed alone,
    /// would show it (empty when it takes more than one).
    Hidden { actor: usize, by: Vec<Cut> },
    /// Both ends are visible but no chain of visible links joins them;
    /// `by`: the filters each of which, removed alone, would connect them
    /// (empty when it takes more than one).
    NoChain { by: Vec<Cut> },
}

/// The shortest chain of visible links from actor `a` to actor `b`:
/// how two actors are connected. `None` when an end is not visible or no
/// chain joins them.
///
/// Complexity: O(A + L log L) (a breadth-first search that sorts each
/// actor's neighbours).
///
/// ```
/// use civicmap::model::format::dataset::Dataset;
/// use civicmap::model::network::{filter, graph::Graph, path::shortest_chain};
///
/// let ds: Dataset = serde_json::from_str(r#"{
///   "format": "civicmap/1", "taxonomy": {"actor_types": [{"id": "org"}]},
///   "actors": [{"id": "a", "name": "A", "type": "org"}, {"id": "b", "name": "B", "type": "org"}],
///   "links": [{"source": "b", "target": "a", "kind": "funds"}]
/// }"#).unwrap();
/// let g = Graph::new(&ds);
/// let vis = filter::visible(&ds, &g, &filter::Filter::default());
/// let chain = shortest_chain(&g, &vis, 0, 1).unwrap();
/// assert_eq!(chain.actors, vec![0, 1]);
/// assert!(!chain.steps[0].forward); // b funds a: walked from a, backwards
/// ```
pub fn shortest_chain(g: &Graph, vis: &Visible, a: usize, b: usize) -> Option<Chain> {
    let shown = |i: usize| vis.actors.get(i).copied().unwrap_or(false);
    if !shown(a) || !shown(b) {
        return None;
    }
    let n = vis.actors.len();
    // parent[v] = (previous actor, link) once v is reached.
    let mut parent: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut seen = vec![false; n];
    let mut queue = vec![a];
    if let Some(s) = seen.get_mut(a) {
        *s = true;
    }
    let mut head = 0;
    let mut neighbours: Vec<(usize, usize)> = Vec::new();
    while let Some(&u) = queue.get(head) {
        head += 1;
        if u == b {
            break;
        }
        neighbours.clear();
        neighbours.extend(
            g.incident(u)
                .iter()
                .copied()
                .filter(|&(v, l)| v != u && shown(v) && vis.links.get(l).copied().unwrap_or(false)),
        );
        neighbours.sort_unstable();
        for &(v, l) in &neighbours {
            if let Some(s) = seen.get_mut(v) {
                if !*s {
                    *s = true;
                    if let Some(p) = parent.get_mut(v) {
                        *p = Some((u, l));
                    }
                    queue.push(v);
                }
            }
        }
    }
    if !seen.get(b).copied().unwrap_or(false) {
        return None;
    }
    let mut actors = vec![b];
    let mut steps = Vec::new();
    let mut at = b;
    while at != a {
        let (prev, link) = parent.get(at).copied().flatten()?;
        let forward = g.ends(link).is_some_and(|(s, _)| s == prev);
        steps.push(Step { link, forward });
        actors.push(prev);
        at = prev;
    }
    actors.reverse();
    steps.reverse();
    Some(Chain { actors, steps })
}

/// The chain between `a` and `b` under the filter `f`, or why there is
/// none: which end is hidden and by which filter, or which filter cuts
/// them (each filter is removed alone in turn, with the filter code).
///
/// Complexity: O(A + L log L) with a chain; up to 9 visible sets
/// otherwise.
pub fn find(ds: &Dataset, g: &Graph, f: &Filter, a: usize, b: usize) -> PathOutcome {
    let vis = filter::visible(ds, g, f);
    for end in [a, b] {
        if !vis.actors.get(end).copied().unwrap_or(false) {
            return PathOutcome::Hidden {
                actor: end,
                by: hiding_filters(ds, g, f, end),
            };
        }
    }
    if let Some(chain) = shortest_chain(g, &vis, a, b) {
        return PathOutcome::Chain(chain);
    }
    let by = Cut::ALL
        .into_iter()
        .filter(|c| c.is_set(f))
        .filter(|c| {
            let relaxed = filter::visible(ds, g, &c.relax(f));
            shortest_chain(g, &relaxed, a, b).is_some()
        })
        .collect();
    PathOutcome::NoChain { by }
}

/// The filters each of which, removed alone, would show actor `actor`
/// (empty when it is visible or when it takes more than one).
///
/// Complexity: up to 8 visible sets, O(A + L) each.
pub fn hiding_filters(ds: &Dataset, g: &Graph, f: &Filter, actor: usize) -> Vec<Cut> {
    let shown = |f: &Filter| {
        filter::visible(ds, g, f)
            .actors
            .get(actor)
            .copied()
            .unwrap_or(false)
    };
    if shown(f) {
        return Vec::new();
    }
    Cut::ALL
        .into_iter()
        .filter(|c| c.is_set(f) && shown(&c.relax(f)))
        .collect()
}
