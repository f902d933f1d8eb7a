//! Every string the interface speaks, in French (default) and English.
//!
//! Fixed strings go through [`t`] with a [`Key`]; strings with numbers or
//! names have one function each below. Components never hold literal UI
//! text: adding a language means touching this file only. Dataset text is
//! not here: it comes from the file through `LocalizedText::get`.
//!
//! The module is split by kind: [`table`] (the [`Key`] enum and its fr/en
//! table), [`format`] (numbers, dates, sizes) and [`sentences`] (every string
//! with numbers or names). Everything is re-exported here: callers write
//! `i18n::t`, `i18n::number`, `i18n::visible_count`.

pub mod analysis;
pub mod canvas;
pub mod diagnostics;
pub mod format;
pub mod measures;
pub mod path;
pub mod sentences;
pub mod table;
pub mod versions;

pub use diagnostics::diagnostic_message;
pub use format::*;
pub use sentences::*;
pub use table::{t, Key};
pub use versions::*;

use crate::model::view::state::Lang;

/// The language code used for `<html lang>` and `LocalizedText::get`.
pub fn code(lang: Lang) -> &'static str {
    lang.code()
}

/// The colon before a list: French puts a space before it.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{a0}: ",
        Lang::En => ": ",
    }
}

#[cfg(test)]
mod tests;
