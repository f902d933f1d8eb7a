//! Search: text folding (no case, no accents) and matching of actors on
//! their name, id and aliases.

use super::dataset::{Actor, Dataset};

/// Lower-cases, strips accents (NFD minus combining marks) and maps
/// punctuation to spaces: `"Démocratie Ouverte"` → `"democratie ouverte"`.
pub fn fold(_s: &str) -> String {
    unimplemented!()
}

/// True when every word of `query` (folded) occurs in the actor's name, id or one of its aliases.
/// An empty query matches everything.
pub fn matches(_actor: &Actor, _query: &str) -> bool {
    unimplemented!()
}

/// Up to `limit` actor indices matching `query`, best first (name prefix,
/// then word prefix, then substring; ties in dataset order).
pub fn suggestions(_ds: &Dataset, _query: &str, _limit: usize) -> Vec<usize> {
    unimplemented!()
}

/// The actor index whose id, or else one of whose aliases (folded), equals `key`.
pub fn resolve_actor(_ds: &Dataset, _key: &str) -> Option<usize> {
    unimplemented!()
}
