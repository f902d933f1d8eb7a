//! Loading and validation of a `civicmap/1` file: bytes → dataset plus
//! diagnostics (every rule of product.md, "Rules").

use super::dataset::Dataset;
use super::diagnostic::Diagnostic;

/// The result of loading a file.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// `Some` when there is no error. Its taxonomy is *completed*: open lists
    /// (absent `objectives`, `link_kinds`, `ecosystems`) are filled with the
    /// values found (label = id), and every actor type has a shape and colours.
    pub dataset: Option<Dataset>,
    /// Errors first, then warnings, each in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and validates a file. Never panics, whatever the bytes.
pub fn load(_bytes: &[u8]) -> Loaded {
    unimplemented!()
}
