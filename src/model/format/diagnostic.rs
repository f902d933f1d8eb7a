//! Diagnostics: what the loader and the importer say about a file.
//!
//! Every diagnostic has a severity, a stable code (kebab-case, documented in
//! `docs/diagnostics.md`), a message in English, the JSON path of the value it
//! is about (`actors[12].type`; `""` for the whole file) and, when known, the
//! 1-based line and column of that value in the file.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, kebab-case: `duplicate-id`, `unknown-actor`, …
    pub code: &'static str,
    pub message: String,
    /// JSON path of the value concerned, e.g. `actors[12].type`.
    pub path: String,
    /// 1-based line of the value in the file, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters) of the value in the file, when known.
    pub column: Option<usize>,
    /// The file's value the diagnostic is about, as the message quotes it
    /// (`` `startup` is not in … ``), so a page can name it in any language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Box<str>>,
}

impl Diagnostic {
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, path, message)
    }

    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, path, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            path: path.into(),
            line: None,
            column: None,
            value: None,
        }
    }

    /// The same diagnostic, about the file's value `value`.
    pub fn about(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into().into_boxed_str());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
