//! The query-string codec of [`AppState`] (product.md, "The view state").
//!
//! Decoding is lenient and never fails: unknown parameters are ignored,
//! invalid values dropped with a [`Notice`]. Encoding is canonical: parameters
//! in the order of product.md's table, ids in dataset order, defaults left out.
//!
//! Three steps, each pure:
//! 1. [`decode`]: syntax only (percent-decoding, `+` as a space in `q`, id
//!    grammar, ranges, enumerations). A repeated parameter keeps its first
//!    occurrence; an empty value counts as absent.
//! 2. [`resolve`]: against a dataset (unknown ids, aliases, hidden actor,
//!    depth without actor, dataset order, duplicates).
//! 3. [`encode`]: the canonical query. `q` writes spaces as `+` (and a `+`
//!    as `%2B`); [`decode`] reads `+` and `%20` alike.
//!
//! ```
//! use civicmap::model::view::url::{decode, encode};
//! let (state, notices) = decode("?type=startup,association&q=d%C3%A9mocratie+ouverte&depth=9&utm=x");
//! assert_eq!(state.filter.types, vec!["startup", "association"]);
//! assert_eq!(state.filter.q, "démocratie ouverte");
//! assert_eq!(notices.len(), 1); // depth=9
//! assert_eq!(encode(&state), "type=startup,association&q=d%C3%A9mocratie+ouverte");
//! ```
//!
//! `v` (the dataset's `meta.version` when a link was shared) is not part of
//! the state: [`shared_link_query`] writes it into the links the map hands
//! out, [`decode_version`] reads it from any URL.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::model::format::dataset::Dataset;
use crate::model::format::id::is_valid_id as is_id;
use crate::model::network::filter::{self, Facet};
use crate::model::network::graph::Graph;
use crate::model::network::metrics::Measure;
use crate::model::network::path::{hiding_filters, Cut};
use crate::model::network::search;
use crate::model::view::state::{AppState, ColorBy, Lang, Theme, View, YEAR_MAX, YEAR_MIN};

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
    /// `path` names an actor the filters hide: which end (`true`: the
    /// second) and the filter whose removal alone would show it (`None`
    /// when it takes more than one).
    HiddenPathEnd { second: bool, by: Option<Cut> },
}

fn notice(param: &str, value: impl Into<String>, reason: NoticeReason) -> Notice {
    Notice {
        param: param.to_string(),
        value: value.into(),
        reason,
    }
}

/// The longest `q` kept (in characters); longer ones are cut with a notice.
pub const MAX_QUERY_CHARS: usize = 200;
/// The longest `data` URL kept (in bytes).
pub const MAX_DATA_BYTES: usize = 2048;

/// Whether `s` is acceptable as `data=`: a relative reference or an
/// `http(s)` URL, without spaces or control characters. Whether its origin
/// is allowed is the deployment's decision, not the codec's.
pub fn is_data_url(s: &str) -> bool {
    if s.is_empty() || s.len() > MAX_DATA_BYTES {
        return false;
    }
    if s.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    // A scheme is what precedes the first ':' when no '/', '?' or '#' comes first.
    let scheme_end = s.find(':');
    let path_start = s.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(c), p) if p.is_none_or(|p| c < p) => {
            let scheme = s.get(..c).unwrap_or("").to_ascii_lowercase();
            scheme == "http" || scheme == "https"
        }
        _ => true,
    }
}

/// Percent-decodes `raw` (after `+` → space when `plus_is_space`); `None`
/// when the bytes are not UTF-8.
fn unescape(raw: &str, plus_is_space: bool) -> Option<String> {
    let spaced;
    let raw = if plus_is_space && raw.contains('+') {
        spaced = raw.replace('+', " ");
        spaced.as_str()
    } else {
        raw
    };
    percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// Parses a query string (with or without the leading `?`) without a
/// dataset: syntax only.
pub fn decode(query: &str) -> (AppState, Vec<Notice>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let query = query.split('#').next().unwrap_or("");
    let mut st = AppState::default();
    let mut notices = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(key) = unescape(raw_key, true) else {
            continue;
        };
        let Some(param) = PARAMS.iter().copied().find(|p| *p == key) else {
            continue; // Unknown parameters are ignored.
        };
        let Some(value) = unescape(raw_value, param == "q") else {
            notices.push(notice(param, raw_value, NoticeReason::Invalid));
            continue;
        };
        if seen.contains(&param) {
            notices.push(notice(param, value, NoticeReason::Invalid));
            continue;
        }
        seen.push(param);
        if value.is_empty() {
            continue;
        }
        decode_param(&mut st, &mut notices, param, value);
    }
    (st, notices)
}

/// The parameters of the contract, in canonical order.
const PARAMS: [&str; 17] = [
    "type",
    "objective",
    "ecosystem",
    "link",
    "year",
    "q",
    "stake",
    "actor",
    "depth",
    "path",
    "size",
    "color",
    "view",
    "lang",
    "theme",
    "embed",
    "data",
];

fn decode_param(st: &mut AppState, notices: &mut Vec<Notice>, param: &str, value: String) {
    let f = &mut st.filter;
    let mut bad = || notices.push(notice(param, value.as_str(), NoticeReason::Invalid));
    match param {
        "type" => f.types = id_list(param, &value, notices),
        "objective" => f.objectives = id_list(param, &value, notices),
        "ecosystem" => f.ecosystems = id_list(param, &value, notices),
        "link" => f.links = id_list(param, &value, notices),
        "year" => match parse_year(&value) {
            Some(y) => f.year = Some(y),
            None => bad(),
        },
        "q" => {
            if value.chars().count() > MAX_QUERY_CHARS {
                bad();
                f.q = value.chars().take(MAX_QUERY_CHARS).collect();
            } else {
                f.q = value;
            }
        }
        "stake" if is_id(&value) => f.stake = Some(value),
        "actor" if is_id(&value) => f.actor = Some(value),
        "depth" => match value.as_str() {
            "1" => f.depth = Some(1),
            "2" => f.depth = Some(2),
            "3" => f.depth = Some(3),
            _ => bad(),
        },
        "path" => match value.split_once('~') {
            Some((a, b)) if is_id(a) && is_id(b) => {
                st.path = Some((a.to_string(), b.to_string()));
            }
            _ => bad(),
        },
        "size" => match Measure::from_id(&value) {
            Some(m) => st.size = m,
            None => bad(),
        },
        "color" => match ColorBy::from_id(&value) {
            Some(c) => st.color = c,
            None => bad(),
        },
        "view" => match value.as_str() {
            "graph" => st.view = View::Graph,
            "list" => st.view = View::List,
            "timeline" => st.view = View::Timeline,
            "stakes" => st.view = View::Stakes,
            "analysis" => st.view = View::Analysis,
            _ => bad(),
        },
        "lang" => match value.as_str() {
            "fr" => st.lang = Lang::Fr,
            "en" => st.lang = Lang::En,
            _ => bad(),
        },
        "theme" => match value.as_str() {
            "light" => st.theme = Some(Theme::Light),
            "dark" => st.theme = Some(Theme::Dark),
            _ => bad(),
        },
        "embed" => match value.as_str() {
            "1" => st.embed = true,
            "0" => st.embed = false,
            _ => bad(),
        },
        "data" if is_data_url(&value) => st.data = Some(value),
        _ => bad(),
    }
}

fn parse_year(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y))
}

/// A comma list of ids: invalid ones dropped with a notice, empty items and
/// repeats skipped silently.
fn id_list(param: &str, value: &str, notices: &mut Vec<Notice>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in value.split(',').filter(|s| !s.is_empty()) {
        if !is_id(item) {
            notices.push(notice(param, item, NoticeReason::Invalid));
        } else if !out.iter().any(|x| x == item) {
            out.push(item.to_string());
        }
    }
    out
}

/// Keeps the ids of `list` that `values` has, in `values`' order, once each.
fn known_in_order(
    param: &str,
    list: Vec<String>,
    values: &[&str],
    notices: &mut Vec<Notice>,
) -> Vec<String> {
    for id in &list {
        if !values.contains(&id.as_str()) {
            notices.push(notice(param, id.as_str(), NoticeReason::UnknownId));
        }
    }
    values
        .iter()
        .filter(|v| list.iter().any(|x| x == *v))
        .map(|v| v.to_string())
        .collect()
}

/// Checks a decoded state against a dataset: drops unknown ids, resolves an
/// `actor` alias to its id, drops a hidden `actor` and a `depth` without
/// actor, and puts ids in dataset order.
pub fn resolve(state: AppState, ds: &Dataset) -> (AppState, Vec<Notice>) {
    let mut st = state;
    let mut notices = Vec::new();
    let f = &mut st.filter;
    f.types = known_in_order(
        "type",
        std::mem::take(&mut f.types),
        &filter::facet_values(ds, Facet::Type),
        &mut notices,
    );
    f.objectives = known_in_order(
        "objective",
        std::mem::take(&mut f.objectives),
        &filter::facet_values(ds, Facet::Objective),
        &mut notices,
    );
    f.ecosystems = known_in_order(
        "ecosystem",
        std::mem::take(&mut f.ecosystems),
        &filter::facet_values(ds, Facet::Ecosystem),
        &mut notices,
    );
    f.links = known_in_order(
        "link",
        std::mem::take(&mut f.links),
        &filter::facet_values(ds, Facet::Link),
        &mut notices,
    );
    if let Some(stake) = f.stake.take() {
        if ds
            .stakes
            .iter()
            .any(|s| s.id.as_deref() == Some(stake.as_str()))
        {
            f.stake = Some(stake);
        } else {
            notices.push(notice("stake", stake, NoticeReason::UnknownId));
        }
    }
    if let Some(key) = f.actor.take() {
        match search::resolve_actor(ds, &key) {
            None => notices.push(notice("actor", key, NoticeReason::UnknownId)),
            Some(i) if !filter::keeps_selection(ds, f, i) => {
                notices.push(notice("actor", key, NoticeReason::HiddenActor));
            }
            Some(i) => f.actor = ds.actors.get(i).map(|a| a.id().to_string()),
        }
    }
    if f.actor.is_none() {
        if let Some(d) = f.depth.take() {
            notices.push(notice(
                "depth",
                d.to_string(),
                NoticeReason::DepthWithoutActor,
            ));
        }
    }
    if let Some((a, b)) = st.path.take() {
        match (search::resolve_actor(ds, &a), search::resolve_actor(ds, &b)) {
            (Some(i), Some(j)) => {
                let g = Graph::new(ds);
                let vis = filter::visible(ds, &g, &st.filter);
                let shown = |k: usize| vis.actors.get(k).copied().unwrap_or(false);
                let id = |k: usize| ds.actors.get(k).map(|x| x.id().to_string());
                match [(i, false), (j, true)]
                    .into_iter()
                    .find(|(k, _)| !shown(*k))
                {
                    Some((k, second)) => notices.push(notice(
                        "path",
                        format!("{a}~{b}"),
                        NoticeReason::HiddenPathEnd {
                            second,
                            by: hiding_filters(ds, &g, &st.filter, k).first().copied(),
                        },
                    )),
                    None => st.path = id(i).zip(id(j)),
                }
            }
            _ => notices.push(notice("path", format!("{a}~{b}"), NoticeReason::UnknownId)),
        }
    }
    (st, notices)
}

/// Characters written as they are in `q`: the unreserved set of RFC 3986.
const Q_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Characters written as they are in `data` (a URL inside a query value):
/// unreserved plus the delimiters that mean nothing in a query value.
const DATA_SET: &AsciiSet = &Q_SET
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

fn escape_q(q: &str) -> String {
    // Spaces become '+'; a literal '+' is percent-encoded by Q_SET.
    q.split(' ')
        .map(|part| utf8_percent_encode(part, Q_SET).to_string())
        .collect::<Vec<_>>()
        .join("+")
}

fn escape_ids<'a>(ids: impl IntoIterator<Item = &'a String>) -> String {
    ids.into_iter()
        .map(|id| utf8_percent_encode(id, Q_SET).to_string())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
thread_local! {
    /// How many times [`encode`] ran on this thread: tests count the
    /// encodings a change costs.
    pub(crate) static ENCODE_RUNS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The canonical query string, without `?` (empty for the default state).
pub fn encode(state: &AppState) -> String {
    #[cfg(test)]
    ENCODE_RUNS.with(|n| n.set(n.get() + 1));
    let f = &state.filter;
    let mut parts: Vec<String> = Vec::new();
    let mut put = |k: &str, v: String| parts.push(format!("{k}={v}"));
    if !f.types.is_empty() {
        put("type", escape_ids(&f.types));
    }
    if !f.objectives.is_empty() {
        put("objective", escape_ids(&f.objectives));
    }
    if !f.ecosystems.is_empty() {
        put("ecosystem", escape_ids(&f.ecosystems));
    }
    if !f.links.is_empty() {
        put("link", escape_ids(&f.links));
    }
    if let Some(y) = f.year {
        put("year", y.to_string());
    }
    if !f.q.is_empty() {
        put("q", escape_q(&f.q));
    }
    if let Some(s) = &f.stake {
        put("stake", escape_ids([s]));
    }
    if let Some(a) = &f.actor {
        put("actor", escape_ids([a]));
    }
    if let Some(d) = f.depth {
        put("depth", d.to_string());
    }
    if let Some((a, b)) = &state.path {
        put("path", format!("{}~{}", escape_ids([a]), escape_ids([b])));
    }
    if state.size != Measure::Degree {
        put("size", state.size.id().into());
    }
    if state.color != ColorBy::Type {
        put("color", state.color.id().into());
    }
    match state.view {
        View::Graph => {}
        View::List => put("view", "list".into()),
        View::Timeline => put("view", "timeline".into()),
        View::Stakes => put("view", "stakes".into()),
        View::Analysis => put("view", "analysis".into()),
    }
    if state.lang == Lang::En {
        put("lang", "en".into());
    }
    match state.theme {
        None => {}
        Some(Theme::Light) => put("theme", "light".into()),
        Some(Theme::Dark) => put("theme", "dark".into()),
    }
    if state.embed {
        put("embed", "1".into());
    }
    if let Some(d) = &state.data {
        put("data", utf8_percent_encode(d, DATA_SET).to_string());
    }
    parts.join("&")
}

/// The value of `v` in a query (with or without `?`), percent-decoded: the
/// dataset version a shared link was made with. `None` when absent, empty,
/// not UTF-8, over [`MAX_VERSION_CHARS`] characters or holding a control
/// character. The first occurrence counts, as for every parameter.
pub fn decode_version(query: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let raw = query.split('&').find_map(|pair| pair.strip_prefix("v="))?;
    let value = percent_decode_str(raw).decode_utf8().ok()?;
    let ok = !value.is_empty()
        && value.chars().count() <= MAX_VERSION_CHARS
        && !value.chars().any(char::is_control);
    ok.then(|| value.into_owned())
}

/// The longest `v` read (in characters).
pub const MAX_VERSION_CHARS: usize = 64;

/// The query of a link the map hands out (share dialog, embed snippet, "open
/// the full map"): the canonical [`encode`] of `state` (plus `extra`, e.g.
/// `lang` and `embed=1` for the snippet, already encoded) and `v` last, as
/// product.md's table orders it, when the dataset has a version.
pub fn shared_link_query(canonical: &str, version: Option<&str>) -> String {
    match version.filter(|v| !v.is_empty()) {
        None => canonical.to_string(),
        Some(v) => {
            let v: String = utf8_percent_encode(v, VERSION).collect();
            if canonical.is_empty() {
                format!("v={v}")
            } else {
                format!("{canonical}&v={v}")
            }
        }
    }
}

/// What `v` escapes: everything but unreserved characters.
const VERSION: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[cfg(test)]
mod tests;
