//! The network: the graph over a dataset, the filters that make the visible
//! set, search, and the deterministic layout.

pub mod communities;
pub mod filter;
pub mod graph;
pub mod layout;
pub mod metrics;
pub mod path;
pub mod search;
