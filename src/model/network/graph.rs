//! The graph of a validated dataset: a petgraph `StableGraph` whose node `i`
//! is `dataset.actors[i]` and whose edge weights are indices into
//! `dataset.links`.
//!
//! Invariant: `NodeIndex::new(i)` is the actor at index `i` of the dataset
//! (nodes are added in dataset order and never removed).
//!
//! Besides the petgraph graph, [`Graph`] keeps two flat, precomputed views
//! that the hot paths (filters, layout) read without allocating: the
//! incident links of every actor in link order ([`Graph::incident`]) and the
//! ends of every link ([`Graph::ends`]). It also keeps each actor's folded
//! search text ([`Graph::search_text`]) so that `q` is matched without
//! re-folding names on every keystroke: folded at the first search, not
//! while the map loads (33 ms of a 2,085-actor load in a browser).
//!
//! ```
//! use civicmap::model::format::dataset::Dataset;
//! use civicmap::model::network::graph::Graph;
//! use petgraph::Direction;
//!
//! let ds: Dataset = serde_json::from_str(r#"{
//!   "format": "civicmap/1", "taxonomy": {"actor_types": [{"id": "org"}]},
//!   "actors": [{"id": "a", "name": "A", "type": "org"}, {"id": "b", "name": "B", "type": "org"}],
//!   "links": [{"source": "a", "target": "b", "kind": "funds"}]
//! }"#).unwrap();
//! let g = Graph::new(&ds);
//! assert_eq!(g.degree(0), 1);
//! assert_eq!(g.neighbours(&ds, 0, Direction::Outgoing, Some("funds")), vec![(1, 0)]);
//! assert_eq!(g.neighbours(&ds, 1, Direction::Incoming, None), vec![(0, 0)]);
//! ```

use std::collections::BTreeMap;
use std::sync::OnceLock;

use petgraph::stable_graph::{NodeIndex, StableGraph};
use petgraph::Direction;

use crate::model::format::dataset::Dataset;
use crate::model::network::search;

/// An actor's id, as written in the dataset.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(pub String);

/// The graph built from a valid dataset.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Node weight: the actor's id; edge weight: the index of the link in `dataset.links`.
    pub inner: StableGraph<ActorId, usize>,
    /// Actor id → actor index (first occurrence wins for duplicate ids).
    index: BTreeMap<String, usize>,
    /// `ends[l]`: `(source, target)` actor indices of link `l`, `None` when
    /// an end names an unknown actor.
    ends: Vec<Option<(usize, usize)>>,
    /// CSR adjacency: the incident links of actor `i` are
    /// `adjacency[offsets[i]..offsets[i + 1]]`, as `(other end, link)`, in link order.
    offsets: Vec<usize>,
    adjacency: Vec<(usize, usize)>,
    /// Folded `name id aliases…` of every actor (see [`search::fold`]),
    /// once a search asked for it.
    search: OnceLock<Vec<String>>,
}

impl Graph {
    /// Builds the graph of a dataset that passed validation. Links naming an
    /// unknown actor are skipped (a validated dataset has none).
    ///
    /// Complexity: O((A + L) log A) for A actors and L links.
    pub fn new(ds: &Dataset) -> Graph {
        let n = ds.actors.len();
        let mut inner = StableGraph::with_capacity(n, ds.links.len());
        let mut index = BTreeMap::new();
        for (i, actor) in ds.actors.iter().enumerate() {
            inner.add_node(ActorId(actor.id().to_string()));
            index.entry(actor.id().to_string()).or_insert(i);
        }
        let mut ends = Vec::with_capacity(ds.links.len());
        let mut counts = vec![0usize; n + 1];
        for (l, link) in ds.links.iter().enumerate() {
            let e = match (index.get(link.source()), index.get(link.target())) {
                (Some(&s), Some(&t)) => Some((s, t)),
                _ => None,
            };
            if let Some((s, t)) = e {
                inner.add_edge(NodeIndex::new(s), NodeIndex::new(t), l);
                bump(&mut counts, s);
                if t != s {
                    bump(&mut counts, t);
                }
            }
            ends.push(e);
        }
        // Prefix sums → offsets; then fill in link order.
        let mut offsets = Vec::with_capacity(n + 1);
        let mut acc = 0usize;
        offsets.push(0);
        for c in counts.iter().take(n) {
            acc += c;
            offsets.push(acc);
        }
        let mut cursor: Vec<usize> = offsets.iter().take(n).copied().collect();
        let mut adjacency = vec![(0usize, 0usize); acc];
        for (l, e) in ends.iter().enumerate() {
            if let Some((s, t)) = *e {
                place(&mut adjacency, &mut cursor, s, (t, l));
                if t != s {
                    place(&mut adjacency, &mut cursor, t, (s, l));
                }
            }
        }
        Graph {
            inner,
            index,
            ends,
            offsets,
            adjacency,
            search: OnceLock::new(),
        }
    }

    /// The node of the actor with this id (not aliases).
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.actor(id).map(NodeIndex::new)
    }

    /// The index of the actor with this id (not aliases).
    pub fn actor(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The number of actors.
    pub fn actor_count(&self) -> usize {
        self.inner.node_count()
    }

    /// The number of links (including those naming an unknown actor).
    pub fn link_count(&self) -> usize {
        self.ends.len()
    }

    /// Number of links joining actor `actor` to another actor (in and out).
    /// A self-link adds nothing to a degree (product.md, "Network
    /// measures"), though it is still a link, drawn and listed.
    pub fn degree(&self, actor: usize) -> usize {
        self.incident(actor)
            .iter()
            .filter(|&&(other, _)| other != actor)
            .count()
    }

    /// `(other end, link index)` of every link touching `actor`, in either
    /// direction, in link order (a self-loop appears once). Empty for an
    /// unknown index.
    pub fn incident(&self, actor: usize) -> &[(usize, usize)] {
        match (self.offsets.get(actor), self.offsets.get(actor + 1)) {
            (Some(&a), Some(&b)) => self.adjacency.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// `(source, target)` actor indices of link `link`, if both ends exist.
    pub fn ends(&self, link: usize) -> Option<(usize, usize)> {
        self.ends.get(link).copied().flatten()
    }

    /// The folded search text of an actor (name, id and aliases), `""` for
    /// an unknown index. `ds` is the dataset the graph was built from (the
    /// texts of all its actors are folded at the first call).
    pub fn search_text(&self, ds: &Dataset, actor: usize) -> &str {
        self.search
            .get_or_init(|| ds.actors.iter().map(search::haystack).collect())
            .get(actor)
            .map(String::as_str)
            .unwrap_or("")
    }

    /// `(neighbour actor index, link index)` pairs of `actor` in `dir`
    /// (`Outgoing`: actor is the link's source), optionally of one link kind,
    /// in link order.
    pub fn neighbours(
        &self,
        ds: &Dataset,
        actor: usize,
        dir: Direction,
        kind: Option<&str>,
    ) -> Vec<(usize, usize)> {
        let node = NodeIndex::new(actor);
        if !self.inner.contains_node(node) {
            return Vec::new();
        }
        let mut out: Vec<(usize, usize)> = self
            .inner
            .edges_directed(node, dir)
            .filter_map(|e| {
                let l = *e.weight();
                let (s, t) = self.ends(l)?;
                let other = match dir {
                    Direction::Outgoing => t,
                    Direction::Incoming => s,
                };
                let keep = kind.is_none_or(|k| ds.links.get(l).is_some_and(|x| x.kind() == k));
                keep.then_some((other, l))
            })
            .collect();
        out.sort_unstable_by_key(|&(_, l)| l);
        out
    }
}

fn bump(counts: &mut [usize], i: usize) {
    if let Some(c) = counts.get_mut(i) {
        *c += 1;
    }
}

fn place(adj: &mut [(usize, usize)], cursor: &mut [usize], i: usize, v: (usize, usize)) {
    if let Some(c) = cursor.get_mut(i) {
        if let Some(slot) = adj.get_mut(*c) {
            *slot = v;
        }
        *c += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format::dataset::{Actor, Link};
    use proptest::prelude::*;

    fn dataset(n: usize, links: &[(usize, usize, u8)]) -> Dataset {
        let kinds = ["funds", "uses", "partners-with"];
        Dataset {
            actors: (0..n)
                .map(|i| Actor {
                    id: format!("a{i}"),
                    name: format!("Actor {i}"),
                    actor_type: "org".into(),
                    ..Actor::default()
                })
                .collect(),
            links: links
                .iter()
                .map(|&(s, t, k)| Link {
                    source: format!("a{s}"),
                    target: format!("a{t}"),
                    kind: kinds[k as usize % 3].into(),
                    ..Link::default()
                })
                .collect(),
            ..Dataset::default()
        }
    }

    #[test]
    fn node_i_is_actor_i_and_degrees_count_links() {
        let ds = dataset(4, &[(0, 1, 0), (1, 2, 1), (2, 2, 2), (0, 1, 1)]);
        let g = Graph::new(&ds);
        assert_eq!(g.actor_count(), 4);
        for i in 0..4 {
            assert_eq!(g.inner[NodeIndex::new(i)].0, format!("a{i}"));
            assert_eq!(g.node(&format!("a{i}")), Some(NodeIndex::new(i)));
        }
        assert_eq!(g.node("nope"), None);
        // Actor 2's self-link adds nothing to its degree.
        assert_eq!(
            (0..4).map(|i| g.degree(i)).collect::<Vec<_>>(),
            vec![2, 3, 1, 0]
        );
        // The self-loop appears once in each direction.
        assert_eq!(
            g.neighbours(&ds, 2, Direction::Outgoing, None),
            vec![(2, 2)]
        );
        assert_eq!(
            g.neighbours(&ds, 2, Direction::Incoming, None),
            vec![(1, 1), (2, 2)]
        );
        assert_eq!(
            g.neighbours(&ds, 0, Direction::Outgoing, Some("uses")),
            vec![(1, 3)]
        );
        assert!(g.neighbours(&ds, 9, Direction::Outgoing, None).is_empty());
    }

    #[test]
    fn a_self_link_adds_nothing_to_a_degree_but_stays_a_link() {
        // a0 → a0 (self-link), a0 → a1, a2 → a2 (its only link).
        let ds = dataset(3, &[(0, 0, 0), (0, 1, 1), (2, 2, 2)]);
        let g = Graph::new(&ds);
        assert_eq!(
            (0..3).map(|i| g.degree(i)).collect::<Vec<_>>(),
            vec![1, 1, 0]
        );
        assert_eq!(g.link_count(), 3, "the self-links are still links");
        assert_eq!(g.ends(0), Some((0, 0)));
        assert_eq!(g.incident(2), &[(2, 2)], "and still listed for their actor");
    }

    #[test]
    fn links_to_unknown_actors_are_skipped() {
        let mut ds = dataset(2, &[(0, 1, 0)]);
        ds.links.push(Link {
            source: "a0".into(),
            target: "ghost".into(),
            kind: "funds".into(),
            ..Link::default()
        });
        let g = Graph::new(&ds);
        assert_eq!(g.inner.edge_count(), 1);
        assert_eq!(g.ends(1), None);
        assert_eq!(g.degree(0), 1);
    }

    #[test]
    fn real_dataset_dinum_links() {
        let ds = crate::model::fixtures::default_dataset();
        let g = Graph::new(&ds);
        let n = crate::model::fixtures::fact_counts();
        assert_eq!(g.actor_count(), n.actors);
        assert_eq!(g.inner.edge_count(), n.links);
        let dinum = g.actor("dinum").unwrap();
        let etalab = g.actor("etalab").unwrap();
        let out = g.neighbours(&ds, dinum, Direction::Outgoing, Some("operates"));
        assert!(out.iter().any(|&(n, _)| n == etalab), "{out:?}");
        // 19 actors have no link (facts README).
        assert_eq!((0..n.actors).filter(|&i| g.degree(i) == 0).count(), 19);
    }

    proptest! {
        #[test]
        fn invariants(n in 1usize..20, raw in prop::collection::vec((0usize..20, 0usize..20, 0u8..3), 0..60)) {
            let links: Vec<_> = raw.into_iter().map(|(s, t, k)| (s % n, t % n, k)).collect();
            let ds = dataset(n, &links);
            let g = Graph::new(&ds);
            prop_assert_eq!(g.actor_count(), n);
            prop_assert_eq!(g.inner.edge_count(), links.len());
            // Sum of degrees = 2 × links between two actors (self-links add nothing).
            let loops = links.iter().filter(|(s, t, _)| s == t).count();
            let total: usize = (0..n).map(|i| g.degree(i)).sum();
            prop_assert_eq!(total, 2 * (links.len() - loops));
            for i in 0..n {
                let out = g.neighbours(&ds, i, Direction::Outgoing, None);
                let inc = g.neighbours(&ds, i, Direction::Incoming, None);
                // Every outgoing pair is an incoming pair of the other end.
                for &(j, l) in &out {
                    prop_assert!(g.neighbours(&ds, j, Direction::Incoming, None).contains(&(i, l)));
                    prop_assert_eq!(links[l].0, i);
                }
                let self_loops = out.iter().filter(|&&(j, _)| j == i).count();
                prop_assert_eq!(out.len() + inc.len() - 2 * self_loops, g.degree(i));
                // In link order.
                prop_assert!(out.windows(2).all(|w| w[0].1 < w[1].1));
                // Kinds partition the neighbours.
                let by_kind: usize = ["funds", "uses", "partners-with"]
                    .iter()
                    .map(|k| g.neighbours(&ds, i, Direction::Outgoing, Some(k)).len())
                    .sum();
                prop_assert_eq!(by_kind, out.len());
            }
        }
    }
}
