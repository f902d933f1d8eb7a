//! The query-string codec of [`AppState`] (product.md, "The view state").
//!
//! Decoding is lenient and never fails: unknown parameters are ignored,
//! invalid values dropped with a [`Notice`]. Encoding is canonical: parameters
//! in the order of product.md's table, ids in dataset order, defaults left out.

use super::dataset::Dataset;
use super::state::AppState;

/// Something in the URL that was dropped, for a visible notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The parameter concerned, e.g. `type`.
    pub param: String,
    /// The value that was dropped.
    pub value: String,
    pub reason: NoticeReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeReason {
    /// Not a valid value for this parameter (syntax).
    Invalid,
    /// A well-formed id that the dataset does not have.
    UnknownId,
    /// `actor` names an actor the other filters hide.
    HiddenActor,
    /// `depth` without `actor`.
    DepthWithoutActor,
    /// A parameter of the contract whose feature is not built yet.
    NotYetSupported,
}

/// Parses a query string (with or without the leading `?`) without a
/// dataset: syntax only.
pub fn decode(_query: &str) -> (AppState, Vec<Notice>) {
    unimplemented!()
}

/// Checks a decoded state against a dataset: drops unknown ids, resolves an
/// `actor` alias to its id, drops a hidden `actor` and a `depth` without
/// actor, and puts ids in dataset order.
pub fn resolve(_state: AppState, _ds: &Dataset) -> (AppState, Vec<Notice>) {
    unimplemented!()
}

/// The canonical query string, without `?` (empty for the default state).
pub fn encode(_state: &AppState) -> String {
    unimplemented!()
}
