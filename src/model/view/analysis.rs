//! The analysis view's figures (`view=analysis`), for the current visible
//! set: how many actors of each type, objective and ecosystem; the ten most
//! central actors by the chosen measure, each with one fact computed from
//! the graph that a visitor can check on the map; the communities with
//! their size and most central members; and the growth of the ecosystem,
//! year by year, stacked by type, with the timeline's events on the axis.
//!
//! Everything here is pure and deterministic; the words are the UI's
//! (`ui::i18n::analysis`).
//!
//! ```
//! use civicmap::model::network::metrics::{measures, Measure, MeasureGraph};
//! use civicmap::model::view::analysis::{central, Fact};
//! // A star: 0 is linked to 1, 2 and 3, which are not linked together.
//! let g = MeasureGraph::from_edges(4, &[(0, 1), (0, 2), (0, 3)]);
//! let m = measures(&g);
//! let top = central(&g, &m, Measure::Betweenness, 10);
//! assert_eq!(top.len(), 1); // only 0 lies between others
//! assert_eq!(top[0].actor, 0);
//! assert_eq!(top[0].fact, Fact::Bridges(3)); // 1–2, 1–3, 2–3 meet only through 0
//! ```

use crate::model::format::dataset::{Actor, Dataset};
use crate::model::network::communities;
use crate::model::network::filter::{self, Facet, Filter, Visible};
use crate::model::network::graph::Graph;
use crate::model::network::metrics::{Measure, MeasureGraph, Measures};
use crate::model::view::lookup;
use crate::model::view::timeline::Timeline;

/// How many actors the "most central" list shows.
pub const TOP: usize = 10;
/// How many members each community lists.
pub const MEMBERS: usize = 5;
/// The growth chart covers at most this many years (the last ones): the
/// count of a year never depends on where the chart starts.
pub const MAX_YEARS: i64 = 300;
/// A gap of more than this many years between two foundings before the
/// chart's start leaves the earlier years out of it (their actors still
/// count from the start on): one institution founded in 1816 does not
/// squeeze a field born in the 1990s into the chart's last tenth.
pub const MAX_GAP: i64 = 10;

/// Visible actors per value of a facet, in taxonomy order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// `(id, visible actors having it)`, every value of the taxonomy.
    pub values: Vec<(String, usize)>,
    /// Visible actors having none of the values.
    pub none: usize,
}

/// The counts of the visible actors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub actors: usize,
    pub types: Tally,
    pub objectives: Tally,
    pub ecosystems: Tally,
}

fn shown(vis: &Visible, i: usize) -> bool {
    vis.actors.get(i).copied().unwrap_or(false)
}

fn tally<'a>(
    ds: &'a Dataset,
    vis: &Visible,
    facet: Facet,
    values_of: impl Fn(&'a Actor) -> Vec<&'a str>,
) -> Tally {
    let ids = filter::facet_values(ds, facet);
    let mut values: Vec<(String, usize)> = ids.iter().map(|s| (s.to_string(), 0)).collect();
    let mut none = 0;
    for (_, a) in ds.actors.iter().enumerate().filter(|(i, _)| shown(vis, *i)) {
        let own = values_of(a);
        if !own.iter().any(|v| ids.contains(v)) {
            none += 1;
        }
        for (id, n) in values.iter_mut() {
            if own.contains(&id.as_str()) {
                *n += 1;
            }
        }
    }
    Tally { values, none }
}

fn list(l: &[String]) -> Vec<&str> {
    l.iter().map(String::as_str).collect()
}

/// Counts the visible actors per type, objective and ecosystem. An actor
/// with several objectives counts once under each.
///
/// Complexity: O(A·k) for A actors with k values each.
pub fn counts(ds: &Dataset, vis: &Visible) -> Counts {
    Counts {
        actors: (0..ds.actors.len()).filter(|&i| shown(vis, i)).count(),
        types: tally(ds, vis, Facet::Type, |a| vec![a.actor_type()]),
        objectives: tally(ds, vis, Facet::Objective, |a| list(&a.objectives)),
        ecosystems: tally(ds, vis, Facet::Ecosystem, |a| list(&a.ecosystems)),
    }
}

/// One fact that says, in terms a visitor can check on the map, why an
/// actor ranks high by a measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fact {
    /// Degree: linked to this many visible actors.
    Linked(usize),
    /// Betweenness: this many pairs of its neighbours are not linked to
    /// each other (the actor is a bridge between them).
    Bridges(usize),
    /// Closeness: on average `mean` links away from the `reached` actors it
    /// can reach; `all` when that is every other visible actor.
    Distance {
        mean: f64,
        reached: usize,
        all: bool,
    },
    /// PageRank: linked to `neighbours` actors that are themselves linked
    /// to `mean_degree` actors on average.
    WellLinked { neighbours: usize, mean_degree: f64 },
}

/// An actor among the most central.
#[derive(Debug, Clone, PartialEq)]
pub struct Central {
    /// Index in `dataset.actors`.
    pub actor: usize,
    /// The measure's value.
    pub value: f64,
    pub fact: Fact,
}

/// The pairs of `v`'s neighbours that are not linked to each other.
///
/// Complexity: O(d² + Σ deg(u)) over the d neighbours u of `v`.
pub fn unlinked_pairs(g: &MeasureGraph, v: usize) -> usize {
    let nv = g.neighbours(v);
    let d = nv.len();
    // Twice the linked pairs: each neighbour's neighbours within N(v).
    let mut linked2 = 0usize;
    for &u in nv {
        let nu = g.neighbours(u);
        let (mut i, mut j) = (0, 0);
        while let (Some(a), Some(b)) = (nu.get(i), nv.get(j)) {
            match a.cmp(b) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    linked2 += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    (d * d.saturating_sub(1) / 2).saturating_sub(linked2 / 2)
}

/// From node `v`: how many nodes it reaches and the sum of the distances.
///
/// Complexity: O(n + m).
pub fn reach(g: &MeasureGraph, v: usize) -> (usize, usize) {
    let n = g.node_count();
    let mut dist = vec![usize::MAX; n];
    let Some(d0) = dist.get_mut(v) else {
        return (0, 0);
    };
    *d0 = 0;
    let mut queue = std::collections::VecDeque::from([v]);
    let (mut reached, mut sum) = (0, 0);
    while let Some(x) = queue.pop_front() {
        let dx = dist.get(x).copied().unwrap_or(0);
        for &y in g.neighbours(x) {
            if let Some(dy) = dist.get_mut(y) {
                if *dy == usize::MAX {
                    *dy = dx + 1;
                    reached += 1;
                    sum += dx + 1;
                    queue.push_back(y);
                }
            }
        }
    }
    (reached, sum)
}

/// The fact behind node `v`'s rank by `by`.
pub fn fact(g: &MeasureGraph, m: &Measures, by: Measure, v: usize) -> Fact {
    let degree = g.neighbours(v).len();
    match by {
        Measure::Degree => Fact::Linked(degree),
        Measure::Betweenness => Fact::Bridges(unlinked_pairs(g, v)),
        Measure::Closeness => {
            let (reached, sum) = reach(g, v);
            Fact::Distance {
                mean: if reached == 0 {
                    0.0
                } else {
                    sum as f64 / reached as f64
                },
                reached,
                all: reached + 1 == g.node_count(),
            }
        }
        Measure::Pagerank => {
            let total: usize = g
                .neighbours(v)
                .iter()
                .map(|&u| m.degree.get(u).copied().unwrap_or(0))
                .sum();
            Fact::WellLinked {
                neighbours: degree,
                mean_degree: if degree == 0 {
                    0.0
                } else {
                    total as f64 / degree as f64
                },
            }
        }
    }
}

/// The nodes in decreasing order of `by` (ties: the lower node first).
fn ranked(g: &MeasureGraph, m: &Measures, by: Measure) -> Vec<usize> {
    let mut nodes: Vec<usize> = (0..g.node_count()).collect();
    crate::model::order::sort_indices(&mut nodes, &|a, b| {
        by.value(m, b).total_cmp(&by.value(m, a)).then(a.cmp(&b))
    });
    nodes
}

/// The `limit` most central visible actors by `by`, most central first
/// (ties: dataset order), each with its [`Fact`]. Actors whose measure is
/// zero (nothing to say) are left out, so the list can be shorter.
///
/// Complexity: O(n log n) for the ranking, plus the facts of `limit` actors.
pub fn central(g: &MeasureGraph, m: &Measures, by: Measure, limit: usize) -> Vec<Central> {
    ranked(g, m, by)
        .into_iter()
        .filter(|&v| by.value(m, v) > 0.0)
        .take(limit)
        .filter_map(|v| {
            Some(Central {
                actor: g.actor(v)?,
                value: by.value(m, v),
                fact: fact(g, m, by, v),
            })
        })
        .collect()
}

/// A community of two or more actors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Its number in `Measures::communities`.
    pub community: usize,
    pub size: usize,
    /// Its most central members by the chosen measure (the first names
    /// it: "autour de …"), as indices in `dataset.actors`, at most
    /// [`MEMBERS`].
    pub members: Vec<usize>,
}

/// The communities of the visible graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Groups {
    /// Communities of two or more, largest first (ties: by number).
    pub groups: Vec<Group>,
    /// Actors alone in their community (no visible link).
    pub alone: usize,
    pub modularity: f64,
}

/// The communities with their size and most central members by `by`. The
/// first member is the one [`communities::leaders`] picks with the same
/// score, so "autour de X" names the same actor everywhere.
///
/// Complexity: O(n log n).
pub fn groups(g: &MeasureGraph, m: &Measures, by: Measure) -> Groups {
    let c = &m.communities;
    let mut sizes = vec![0usize; c.count];
    for &k in &c.membership {
        if let Some(s) = sizes.get_mut(k) {
            *s += 1;
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); c.count];
    for v in ranked(g, m, by) {
        let k = c.membership.get(v).copied().unwrap_or(usize::MAX);
        if let (Some(list), Some(a)) = (members.get_mut(k), g.actor(v)) {
            if list.len() < MEMBERS {
                list.push(a);
            }
        }
    }
    let mut groups: Vec<Group> = members
        .into_iter()
        .enumerate()
        .map(|(k, members)| Group {
            community: k,
            size: sizes.get(k).copied().unwrap_or(0),
            members,
        })
        .filter(|gr| gr.size >= 2)
        .collect();
    groups.sort_by_key(|gr| (std::cmp::Reverse(gr.size), gr.community));
    Groups {
        groups,
        alone: sizes.iter().filter(|&&s| s == 1).count(),
        modularity: c.modularity,
    }
}

/// A score per node for [`communities::leaders`]: the measure `by`.
pub fn scores(g: &MeasureGraph, m: &Measures, by: Measure) -> Vec<f64> {
    (0..g.node_count()).map(|v| by.value(m, v)).collect()
}

/// Actors present per year, stacked by type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Growth {
    /// Consecutive years, first to last.
    pub years: Vec<i64>,
    /// The actor types, in taxonomy order.
    pub types: Vec<String>,
    /// `counts[y][t]`: actors of type `t` present in `years[y]`.
    pub counts: Vec<Vec<usize>>,
    /// Actors without a founding year (in no year of the chart; the `year`
    /// filter keeps them).
    pub undated: usize,
    /// The timeline's events within the years: `(year, event index)`, in
    /// chronological order.
    pub events: Vec<(i64, usize)>,
    /// The `year` filter, when set.
    pub current: Option<i64>,
}

impl Growth {
    /// Actors present in `years[y]`, all types.
    pub fn total(&self, y: usize) -> usize {
        self.counts.get(y).map_or(0, |c| c.iter().sum())
    }

    /// The largest total.
    pub fn peak(&self) -> usize {
        (0..self.years.len())
            .map(|y| self.total(y))
            .max()
            .unwrap_or(0)
    }

    /// The years whose counts differ from the year before (the first year
    /// always, and the last): the rows of the chart's table.
    pub fn changes(&self) -> Vec<usize> {
        let last = self.years.len().saturating_sub(1);
        (0..self.years.len())
            .filter(|&y| {
                y == 0
                    || y == last
                    || self.counts.get(y) != self.counts.get(y - 1)
                    || self
                        .events
                        .iter()
                        .any(|(ey, _)| Some(ey) == self.years.get(y))
            })
            .collect()
    }
}

/// The growth of the ecosystem under filter `f` with `year` left out: for
/// every year from the chart's start ([`chart_start`]) to the last year the
/// dataset names,
/// the actors present that year by the `year` rule of product.md (founded
/// on or before it, not dissolved before it), per type. With `year=y` set
/// and no focus, year `y`'s total plus `undated` is the map's count.
///
/// Complexity: O(A·Y) for A actors and Y years (Y ≤ [`MAX_YEARS`]).
pub fn growth(ds: &Dataset, g: &Graph, f: &Filter, timeline: &Timeline) -> Growth {
    let all_years = Filter {
        year: None,
        ..f.clone()
    };
    let vis = filter::visible(ds, g, &all_years);
    let types: Vec<String> = filter::facet_values(ds, Facet::Type)
        .into_iter()
        .map(str::to_string)
        .collect();
    let present: Vec<(usize, i64, Option<i64>)> = ds
        .actors
        .iter()
        .enumerate()
        .filter(|(i, _)| shown(&vis, *i))
        .filter_map(|(_, a)| {
            let t = types.iter().position(|t| t == a.actor_type())?;
            Some((t, a.founded?, a.dissolved))
        })
        .collect();
    let undated = ds
        .actors
        .iter()
        .enumerate()
        .filter(|(i, a)| shown(&vis, *i) && a.founded.is_none())
        .count();
    let end = lookup::year_range(ds).map(|r| r.1);
    let first = chart_start(
        present.iter().map(|p| p.1).collect(),
        timeline.groups.iter().filter_map(|gr| gr.year).min(),
    );
    let (Some(first), Some(end)) = (first, end) else {
        return Growth {
            types,
            undated,
            current: f.year,
            ..Growth::default()
        };
    };
    let first = first.max(end.saturating_sub(MAX_YEARS - 1));
    let years: Vec<i64> = (first..=end).collect();
    let counts = years
        .iter()
        .map(|&y| {
            let mut row = vec![0usize; types.len()];
            for &(t, founded, dissolved) in &present {
                if founded <= y && dissolved.is_none_or(|d| d >= y) {
                    if let Some(c) = row.get_mut(t) {
                        *c += 1;
                    }
                }
            }
            row
        })
        .collect();
    let events = timeline
        .groups
        .iter()
        .filter_map(|gr| Some((gr.year?, &gr.events)))
        .filter(|(y, _)| (first..=end).contains(y))
        .flat_map(|(y, evs)| evs.iter().map(move |&e| (y, e)))
        .collect();
    Growth {
        years,
        types,
        counts,
        undated,
        events,
        current: f.year,
    }
}

/// Where the growth chart starts, given the founding years: the earliest
/// founding after which no two foundings are more than [`MAX_GAP`] years
/// apart, or the first event if earlier (never before the first founding).
pub fn chart_start(mut founded: Vec<i64>, first_event: Option<i64>) -> Option<i64> {
    founded.sort_unstable();
    let first = *founded.first()?;
    let mut start = first;
    for w in founded.windows(2) {
        if let [a, b] = w {
            if b.saturating_sub(*a) > MAX_GAP {
                start = *b;
            }
        }
    }
    Some(first_event.map_or(start, |e| e.min(start)).max(first))
}

/// The communities' leaders as [`communities::leaders`] gives them (node
/// numbers), for callers that name communities elsewhere.
pub fn leaders(g: &MeasureGraph, m: &Measures, by: Measure) -> Vec<Option<usize>> {
    communities::leaders(
        &m.communities.membership,
        m.communities.count,
        &scores(g, m, by),
    )
}

#[cfg(test)]
mod tests;
