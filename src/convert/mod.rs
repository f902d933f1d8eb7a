//! The data team's conversions, pure like the model: CSV in and out, the
//! sigma.js/graphology JSON import, and the summary figures of `civicmap stats`.

pub mod csv;
pub mod sigma;
pub mod stats;
