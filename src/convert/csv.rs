//! Spreadsheet import and export: the data team's four CSV files (actors,
//! links, events, stakes) plus a taxonomy and a meta JSON file ⇄ one
//! `civicmap/1` [`Dataset`].
//!
//! Columns are read by header name, in any order:
//!
//! | file | columns |
//! |---|---|
//! | actors | `id,name,aliases,kind,objectives,ecosystem,country,founded,dissolved,website,description_fr,description_en,source` |
//! | links | `source_id,target_id,kind,since,until,description_fr,description_en,source` |
//! | events (`timeline.csv`) | `id,date,title_fr,title_en,actor_ids,source` |
//! | stakes (`issues.csv`) | `id,category,title_fr,title_en,description_fr,description_en,actor_ids,source` |
//!
//! Lists inside a cell are `;`-separated, the `source` cell is `; `-separated;
//! a source that is not a URL becomes a labelled source (`seed report` is the
//! Observatoire's 2018 activity report). Empty cells give absent fields.
//!
//! Nothing is dropped silently: every row that cannot be imported is reported
//! as [`Outcome::Skipped`], every value that had to be changed or left out as
//! [`Outcome::Altered`], each with its file and line. A file that cannot be
//! read at all (missing column, unclosed quote) gives an [`Outcome::Error`].
//!
//! [`export_csv`] writes the same columns back, so that import → export →
//! import gives the same dataset (tested on the real files and on generated
//! datasets).
//!
//! ```
//! use civicmap::convert::csv::{import_csv, CsvFile, CsvInput};
//! use civicmap::model::format::dataset::Meta;
//! use civicmap::model::format::file::{ActorType, Taxonomy};
//!
//! let taxonomy = Taxonomy {
//!     actor_types: Some(vec![ActorType { id: Some("association".into()), ..Default::default() }]),
//!     ..Default::default()
//! };
//! let input = CsvInput {
//!     actors: CsvFile { name: "actors.csv", text: "id,name,kind\r\nfing,FING,association\r\n" },
//!     links: CsvFile { name: "links.csv", text: "source_id,target_id,kind\r\n" },
//!     events: None,
//!     stakes: None,
//!     taxonomy,
//!     meta: Meta::default(),
//! };
//! let imported = import_csv(&input);
//! assert_eq!(imported.dataset.actors.len(), 1);
//! // The optional columns absent from each file are warnings, not skipped rows.
//! assert_eq!(imported.count(civicmap::convert::csv::Outcome::Skipped), 0);
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::model::format::dataset::{Event, LocalizedText, Meta, Source, Stake, FORMAT};
use crate::model::format::file::{Actor, Dataset, Link, Taxonomy};

/// Columns of `actors.csv`, in the order [`export_csv`] writes them.
pub const ACTOR_COLUMNS: [&str; 13] = [
    "id",
    "name",
    "aliases",
    "kind",
    "objectives",
    "ecosystem",
    "country",
    "founded",
    "dissolved",
    "website",
    "description_fr",
    "description_en",
    "source",
];
/// Columns of `links.csv`.
pub const LINK_COLUMNS: [&str; 8] = [
    "source_id",
    "target_id",
    "kind",
    "since",
    "until",
    "description_fr",
    "description_en",
    "source",
];
/// Columns of the events file (`timeline.csv`).
pub const EVENT_COLUMNS: [&str; 6] = ["id", "date", "title_fr", "title_en", "actor_ids", "source"];
/// Columns of the stakes file (`issues.csv`).
pub const STAKE_COLUMNS: [&str; 8] = [
    "id",
    "category",
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "actor_ids",
    "source",
];

/// The text of a `source` cell that stands for the Observatoire's report.
pub const SEED_REPORT: &str = "seed report";

/// The labelled source that `seed report` becomes.
pub fn seed_report_source() -> Source {
    Source::Labelled {
        label: LocalizedText::Map(BTreeMap::from([
            (
                "fr".to_string(),
                "Rapport d'activité 2018 de l'Observatoire des civic tech".to_string(),
            ),
            (
                "en".to_string(),
                "2018 activity report of the Civic Tech Observatory".to_string(),
            ),
        ])),
        url: None,
    }
}

/// One CSV file handed to the importer: a name for the reports (usually its
/// path) and its text.
#[derive(Debug, Clone, Copy)]
pub struct CsvFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Everything [`import_csv`] needs.
#[derive(Debug, Clone)]
pub struct CsvInput<'a> {
    pub actors: CsvFile<'a>,
    pub links: CsvFile<'a>,
    /// `timeline.csv`
    pub events: Option<CsvFile<'a>>,
    /// `issues.csv`
    pub stakes: Option<CsvFile<'a>>,
    pub taxonomy: Taxonomy,
    pub meta: Meta,
}

/// What happened to a row or a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The file (or part of it) could not be read; the import failed.
    Error,
    /// The row is not in the dataset.
    Skipped,
    /// The row is in the dataset, but a value was left out or changed.
    Altered,
    /// Worth knowing, nothing was lost (an ignored column, a label source).
    Warning,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::Error => "error",
            Outcome::Skipped => "skipped",
            Outcome::Altered => "altered",
            Outcome::Warning => "warning",
        })
    }
}

/// One line of the import report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportNote {
    pub outcome: Outcome,
    /// The file's name as given in [`CsvFile::name`].
    pub file: String,
    /// 1-based line where the row starts (1 = the header); `None` when the
    /// note is about a JSON value (see the message for its path).
    pub line: Option<usize>,
    /// 1-based column (in characters), when it points inside a line.
    pub column: Option<usize>,
    pub message: String,
}

impl ImportNote {
    fn new(outcome: Outcome, file: &str, line: usize, message: impl Into<String>) -> Self {
        ImportNote {
            outcome,
            file: file.to_string(),
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportNote {
    /// `file:line[:col]: outcome: message`, like a compiler.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}: {}", self.outcome, self.message)
    }
}

/// The result of an import: the dataset built from every row that could be
/// read, and the report, in file order.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub dataset: Dataset,
    pub notes: Vec<ImportNote>,
}

impl Imported {
    /// How many notes have this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.notes.iter().filter(|n| n.outcome == outcome).count()
    }

    /// How many distinct rows (file and line) have a note with this outcome:
    /// a row with two values left out is one altered row.
    pub fn rows(&self, outcome: Outcome) -> usize {
        self.notes
            .iter()
            .filter(|n| n.outcome == outcome && n.line.is_some())
            .map(|n| (n.file.as_str(), n.line))
            .collect::<HashSet<_>>()
            .len()
    }
}

/// Parses the taxonomy JSON file (the `taxonomy` object of `civicmap/1`).
/// A syntax error is reported with its line and column.
pub fn parse_taxonomy(name: &str, text: &str) -> Result<Taxonomy, ImportNote> {
    let taxonomy: Taxonomy = parse_json(name, text)?;
    if taxonomy.actor_types.is_none() {
        return Err(ImportNote::new(
            Outcome::Error,
            name,
            1,
            "the taxonomy has no `actor_types` list (it is required)",
        ));
    }
    Ok(taxonomy)
}

/// Parses the meta JSON file (the `meta` object of `civicmap/1`).
pub fn parse_meta(name: &str, text: &str) -> Result<Meta, ImportNote> {
    parse_json(name, text)
}

fn parse_json<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, ImportNote> {
    serde_json::from_str(text).map_err(|e| ImportNote {
        outcome: Outcome::Error,
        file: name.to_string(),
        line: Some(e.line().max(1)),
        column: Some(e.column().max(1)),
        message: format!("invalid JSON: {e}"),
    })
}

/// Serializes a dataset the way the project commits it: pretty-printed
/// (two-space indent), fields in a fixed order, ending with a newline.
pub fn to_pretty_json(dataset: &impl Serialize) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(dataset)?;
    s.push('\n');
    Ok(s)
}

/// The loader's own rules, so that what the importer writes loads.
pub use crate::model::format::id::is_valid_id;
use crate::model::format::id::PATTERN as ID_PATTERN;
pub use crate::model::format::validate::{is_http_url, is_valid_date, is_valid_year};

// ---------------------------------------------------------------------------
// Reading a table
// ---------------------------------------------------------------------------

mod import;
pub use import::import_csv;

mod export;
pub use export::{export_csv, Exported};

#[cfg(test)]
mod tests;
