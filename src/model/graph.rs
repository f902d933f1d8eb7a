//! The graph of a validated dataset: a petgraph `StableGraph` whose node `i`
//! is `dataset.actors[i]` and whose edge weights are indices into
//! `dataset.links`.
//!
//! Invariant: `NodeIndex::new(i)` is the actor at index `i` of the dataset
//! (nodes are added in dataset order and never removed).

use petgraph::stable_graph::{NodeIndex, StableGraph};
use petgraph::Direction;

use super::dataset::Dataset;

/// An actor's id, as written in the dataset.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(pub String);

/// The graph built from a valid dataset.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Node weight: the actor's id; edge weight: the index of the link in `dataset.links`.
    pub inner: StableGraph<ActorId, usize>,
}

impl Graph {
    /// Builds the graph of a dataset that passed validation. Links naming an
    /// unknown actor are skipped (a validated dataset has none).
    pub fn new(_ds: &Dataset) -> Graph {
        unimplemented!()
    }

    /// The node of the actor with this id (not aliases).
    pub fn node(&self, _id: &str) -> Option<NodeIndex> {
        unimplemented!()
    }

    /// The number of actors.
    pub fn actor_count(&self) -> usize {
        unimplemented!()
    }

    /// Number of links touching actor `actor` (in and out; a self-loop counts once).
    pub fn degree(&self, _actor: usize) -> usize {
        unimplemented!()
    }

    /// `(neighbour actor index, link index)` pairs of `actor` in `dir`
    /// (`Outgoing`: actor is the link's source), optionally of one link kind,
    /// in link order.
    pub fn neighbours(
        &self,
        _ds: &Dataset,
        _actor: usize,
        _dir: Direction,
        _kind: Option<&str>,
    ) -> Vec<(usize, usize)> {
        unimplemented!()
    }
}
