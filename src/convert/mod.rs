//! The data team's conversions, pure like the model: CSV in and out, the
//! sigma.js/graphology JSON import, GEXF, GraphML and Kumu in and out (with
//! a `--map` file for other column names), the dataset diff, and the summary
//! figures of `civicmap stats`.

pub mod csv;
pub mod diff;
pub mod gexf;
pub mod graphml;
pub mod interchange;
pub mod kumu;
pub mod mapping;
pub mod report;
pub mod rows;
pub mod sigma;
pub mod stats;
pub mod xml;
