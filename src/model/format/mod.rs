//! The `civicmap/1` format: the file's serde types ([`file`]), the loader
//! that checks every rule and reports diagnostics with places
//! ([`validate`]), the completion of the taxonomy ([`complete`]), the id
//! grammar ([`id`]) and the checked dataset the loader returns and the rest
//! of the app reads ([`dataset`]).

pub mod complete;
pub mod dataset;
pub mod diagnostic;
pub mod file;
pub mod id;
pub mod locate;
mod shape;
pub mod validate;
pub mod values;
mod vocabulary;
