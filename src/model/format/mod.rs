//! The `civicmap/1` format: its serde types, the loader that checks every rule
//! and reports diagnostics with places, and the completion of the taxonomy.

pub mod complete;
pub mod dataset;
pub mod diagnostic;
pub mod id;
pub mod locate;
mod shape;
pub mod validate;
