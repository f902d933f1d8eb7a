//! A taxonomy list as the loader checks values against it: closed when the
//! file gives the list (a value not in it is an error), open when absent
//! (values taken as found, with one warning).

use std::collections::HashSet;

use crate::model::format::diagnostic::Diagnostic;
use crate::model::format::id::{self, is_valid_id};

/// Which open or closed list a taxonomy value belongs to.
pub(crate) struct Vocabulary<'a> {
    /// `taxonomy.objectives`, …
    name: &'static str,
    /// `None` when the list is absent (open).
    closed: Option<HashSet<&'a str>>,
    used: bool,
}

impl<'a> Vocabulary<'a> {
    pub(crate) fn new<T: 'a>(
        name: &'static str,
        list: Option<&'a Vec<T>>,
        id: impl Fn(&'a T) -> Option<&'a str>,
    ) -> Self {
        Vocabulary {
            name,
            closed: list.map(|l| l.iter().filter_map(id).collect()),
            used: false,
        }
    }

    /// Checks one value used at `path`.
    pub(crate) fn check(
        &mut self,
        value: &str,
        path: impl FnOnce() -> String,
        out: &mut Vec<Diagnostic>,
    ) {
        self.used = true;
        match &self.closed {
            Some(ids) if !ids.contains(value) => out.push(
                Diagnostic::error(
                    "not-in-taxonomy",
                    path(),
                    format!("`{value}` is not in {}{}", self.name, known(ids)),
                )
                .about(value),
            ),
            Some(_) => {}
            None if !is_valid_id(value) => out.push(
                Diagnostic::error(
                    "bad-id",
                    path(),
                    format!(
                        "`{value}` would become an id of the open list {}, but does not match {}",
                        self.name,
                        id::PATTERN
                    ),
                )
                .about(value),
            ),
            None => {}
        }
    }

    pub(crate) fn open_warning(&self, out: &mut Vec<Diagnostic>) {
        if self.closed.is_none() && self.used {
            out.push(Diagnostic::warning(
                "open-taxonomy",
                "taxonomy",
                format!(
                    "{} is absent, so the list is open: its values are taken as found and \
                     labelled by their id; add the list to label them and catch typos",
                    self.name
                ),
            ));
        }
    }
}

fn known(ids: &HashSet<&str>) -> String {
    if ids.is_empty() {
        return " (the list is empty)".to_string();
    }
    let mut ids: Vec<&str> = ids.iter().copied().collect();
    ids.sort_unstable();
    let more = ids.len().saturating_sub(12);
    ids.truncate(12);
    let tail = if more > 0 {
        format!(", … ({more} more)")
    } else {
        String::new()
    };
    format!(" (known: {}{tail})", ids.join(", "))
}
