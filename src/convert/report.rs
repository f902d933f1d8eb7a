//! The texts the `civicmap` command prints, built here so the binary stays
//! a thin layer of arguments: diagnostics like a compiler, the `stats`
//! table, the import report and its decision (write or not).

use std::fmt::Write as _;

use crate::convert::csv::{to_pretty_json, Imported, Outcome};
use crate::convert::stats::Stats;
use crate::model::format::diagnostic::{Diagnostic, Severity};
use crate::model::format::validate::load;

/// `file:line:col: severity[code]: message (at path)`.
pub fn format_diagnostic(file: &str, d: &Diagnostic) -> String {
    let mut s = file.to_string();
    if let Some(line) = d.line {
        let _ = write!(s, ":{line}");
        if let Some(col) = d.column {
            let _ = write!(s, ":{col}");
        }
    }
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = write!(s, ": {severity}[{}]: {}", d.code, d.message);
    if !d.path.is_empty() {
        let _ = write!(s, " (at {})", d.path);
    }
    s
}

/// `1 actor`, `2 actors`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The text of `civicmap stats`.
pub fn stats_text(file: &str, s: &Stats) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{file}");
    let _ = writeln!(
        out,
        "  {}, {}, {}, {}",
        plural(s.actors, "actor"),
        plural(s.links, "link"),
        plural(s.events, "event"),
        plural(s.stakes, "stake")
    );
    for (title, counts) in [
        ("actor types", &s.actor_types),
        ("objectives", &s.objectives),
        ("ecosystems", &s.ecosystems),
        ("link kinds", &s.link_kinds),
    ] {
        let _ = writeln!(out, "\n{title}:");
        let width = counts
            .iter()
            .map(|c| c.id.chars().count())
            .max()
            .unwrap_or(0);
        for c in counts {
            let _ = writeln!(
                out,
                "  {:>5}  {:width$}  {}",
                c.count,
                c.id,
                c.label,
                width = width
            );
        }
    }
    let _ = writeln!(out, "\nisolated actors: {}", s.isolated.len());
    if !s.isolated.is_empty() {
        let _ = writeln!(out, "  {}", s.isolated.join(", "));
    }
    let _ = writeln!(out, "\nmost connected actors:");
    for c in &s.most_connected {
        let _ = writeln!(out, "  {:>5}  {} ({})", c.links, c.name, c.id);
    }
    out
}

/// What an import ends with: the report lines (for stderr), and either the
/// JSON to write or why nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub report: Vec<String>,
    pub result: Result<String, String>,
}

/// Prints nothing: builds the report of an import, validates the result
/// with the loader, and decides whether it is written (no error; no
/// skipped row unless `allow_partial`; the result loads).
pub fn finish_import(imported: &Imported, out: &str, allow_partial: bool) -> Finished {
    let mut report: Vec<String> = imported.notes.iter().map(ToString::to_string).collect();
    let ds = &imported.dataset;
    let (errors, skipped, altered) = (
        imported.count(Outcome::Error),
        imported.rows(Outcome::Skipped),
        imported.rows(Outcome::Altered),
    );
    report.push(format!(
        "imported {}, {}, {}, {}; {} skipped, {} altered",
        plural(ds.actors.len(), "actor"),
        plural(ds.links.len(), "link"),
        plural(ds.events.len(), "event"),
        plural(ds.stakes.len(), "stake"),
        plural(skipped, "row"),
        plural(altered, "row"),
    ));
    let fail = |report, message| Finished {
        report,
        result: Err(message),
    };
    if errors > 0 {
        let m = format!(
            "{out}: nothing written: {} in the input",
            plural(errors, "error")
        );
        return fail(report, m);
    }
    if skipped > 0 && !allow_partial {
        let rows = if skipped == 1 {
            "1 row was".to_string()
        } else {
            format!("{skipped} rows were")
        };
        let m = format!(
            "{out}: nothing written: {rows} skipped (fix them, or pass --allow-partial to write the rest)"
        );
        return fail(report, m);
    }
    let json = match to_pretty_json(ds) {
        Ok(j) => j,
        Err(e) => return fail(report, e.to_string()),
    };
    // The result must load: the importer and the loader share the rules,
    // and this catches what a taxonomy file gets wrong.
    let loaded = load(json.as_bytes());
    for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
        report.push(format_diagnostic(out, d));
    }
    let warnings = loaded.diagnostics.iter().filter(|d| !d.is_error()).count();
    if warnings > 0 {
        report.push(format!(
            "{out}: {} (run `civicmap check {out}` to list them)",
            plural(warnings, "warning")
        ));
    }
    if loaded.dataset.is_none() {
        let m = format!("{out}: nothing written: the result would not load (see the errors above)");
        return fail(report, m);
    }
    Finished {
        report,
        result: Ok(json),
    }
}
