//! Loading and validation of a `civicmap/1` file: bytes → dataset plus
//! diagnostics (every rule of product.md, "Rules"; the codes are listed in
//! `docs/diagnostics.md`).
//!
//! Loading runs in phases, and stops after the first phase that finds an
//! error, because later phases need what the earlier ones establish:
//!
//! 1. **text**: not empty, valid UTF-8 (a leading byte order mark is
//!    skipped);
//! 2. **syntax**: well-formed JSON (`serde_json`, whose recursion limit
//!    turns absurd nesting into an error), an object at the top;
//! 3. **shape**: every known field has the JSON type the format says (a
//!    string, a list, an integer year, …); `null` counts as absent;
//! 4. **rules**: required fields, ids, references, taxonomy, dates, years,
//!    URLs (errors) and the warnings. All of them are reported at once.
//!
//! Diagnostics carry the JSON path of the value concerned and its 1-based
//! line and column (columns count characters, see [`crate::model::format::locate`]); a
//! missing field is placed at the object that lacks it. Positions are looked
//! up only when there is something to report, in one pass over the text.
//!
//! ```
//! use civicmap::model::format::validate::load;
//! let file = br#"{"format": "civicmap/1",
//!   "taxonomy": {"actor_types": [{"id": "association"}]},
//!   "actors": [{"id": "a", "name": "A", "type": "association"},
//!              {"id": "b", "name": "B", "type": "startup"}]}"#;
//! let loaded = load(file);
//! assert!(loaded.dataset.is_none());
//! let d = &loaded.diagnostics[0];
//! assert_eq!((d.code, d.path.as_str()), ("not-in-taxonomy", "actors[1].type"));
//! assert_eq!((d.line, d.column), (Some(4), Some(47)));
//! ```

use std::collections::HashMap;

use serde_json::Value;

use crate::model::format::complete::is_hex_color;
use crate::model::format::dataset::{self as checked, Source, FORMAT};
use crate::model::format::diagnostic::Diagnostic;
use crate::model::format::file::{self, Actor, Dataset};
use crate::model::format::id;
use crate::model::format::locate::{line_columns, locate_all, syntax_error};
use crate::model::format::shape::{read_dataset, type_name};
use crate::model::format::vocabulary::Vocabulary;

/// The result of loading a file.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// `Some` when there is no error: the checked dataset, whose required
    /// fields are set and whose taxonomy is *completed*: open lists (absent
    /// `objectives`, `link_kinds`, `ecosystems`) are filled with the values
    /// found (label = id), and every actor type has a shape and colours (see
    /// [`crate::model::format::complete::complete_taxonomy`]).
    pub dataset: Option<checked::Dataset>,
    /// Errors first, then warnings, each in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Whether any diagnostic is an error (then `dataset` is `None`).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Caps on the size of a dataset, so that a huge file is refused with a
/// `too-large` diagnostic instead of freezing the visitor's tab while it is
/// validated, laid out and drawn.
///
/// The app loads with [`Limits::default`]; the command-line checker uses
/// [`load`], which has no cap ([`Limits::NONE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most actors a file may have.
    pub max_actors: usize,
    /// The most links a file may have.
    pub max_links: usize,
}

impl Limits {
    /// No cap at all (the command-line checker).
    pub const NONE: Limits = Limits {
        max_actors: usize::MAX,
        max_links: usize::MAX,
    };
}

impl Default for Limits {
    /// 50,000 actors and 200,000 links: two orders of magnitude above the
    /// French civic-tech dataset, and still drawable on a laptop.
    fn default() -> Self {
        Limits {
            max_actors: 50_000,
            max_links: 200_000,
        }
    }
}

/// Parses and validates a file, without size limits (the command-line
/// checker). Never panics, whatever the bytes.
pub fn load(bytes: &[u8]) -> Loaded {
    load_with_limits(bytes, &Limits::NONE)
}

/// Parses and validates a file, refusing it with a `too-large` error when
/// it has more actors or links than `limits` allow. The count is taken
/// right after deserialization, before any rule is checked. Never panics,
/// whatever the bytes.
pub fn load_with_limits(bytes: &[u8], limits: &Limits) -> Loaded {
    load_checked(bytes, limits, true)
}

/// [`load_with_limits`] for a caller that only counts a valid file's
/// warnings (the map with its default dataset): they are left unlocated
/// (no line or column, in the checks' order), which spares a second scan of
/// the text (~5 ms of a desktop load of the default dataset, which has 21
/// warnings). Errors are always located.
pub fn load_counting_warnings(bytes: &[u8], limits: &Limits) -> Loaded {
    load_checked(bytes, limits, false)
}

fn load_checked(bytes: &[u8], limits: &Limits, locate_warnings: bool) -> Loaded {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(diagnostic) => return failed(vec![diagnostic]),
    };
    // Fast path: serde's derived deserialization (the format's definition)
    // reads a well-shaped file without building a JSON tree. Only when it
    // fails does the shape reader run, to name every misfit with its path;
    // a property test holds the two to the same result on every file serde
    // accepts.
    let dataset: Dataset = match file::from_text(text) {
        Ok(dataset) => dataset,
        Err(e) if e.is_syntax() || e.is_eof() => return failed(vec![syntax_error(text, &e)]),
        Err(_) => match read_shape(text) {
            Ok(dataset) => dataset,
            Err(diagnostics) => return failed(diagnostics),
        },
    };

    let too_large = too_large(&dataset, limits);
    if !too_large.is_empty() {
        return failed(locate_all(text, too_large));
    }

    let mut diagnostics = Vec::new();
    Checker::new(&dataset).run(&mut diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    if has_errors || locate_warnings {
        diagnostics = locate_all(text, diagnostics);
    }
    if has_errors {
        return failed(diagnostics);
    }
    // Completes the taxonomy; the rules above make every required field
    // present, so the conversion cannot fail (a missing field would have
    // been reported as such).
    match checked::Dataset::try_from(dataset) {
        Ok(dataset) => Loaded {
            dataset: Some(dataset),
            diagnostics,
        },
        Err(missing) => {
            let d = Diagnostic::error("missing-field", missing.0.clone(), missing.to_string());
            failed(locate_all(text, vec![d]))
        }
    }
}

/// Phases 2 and 3 on a file serde refused: the JSON tree, then the shape
/// reader, which reports every value of the wrong type with its place.
/// Never inlined: the web build's split (scripts/split-wasm.mjs) can then
/// leave this path, which a valid file never takes, out of the code loaded
/// before the map is ready.
#[inline(never)]
fn read_shape(text: &str) -> Result<Dataset, Vec<Diagnostic>> {
    let value: Value = serde_json::from_str(text).map_err(|e| vec![syntax_error(text, &e)])?;
    let Value::Object(root) = value else {
        let found = type_name(&value);
        let d = Diagnostic::error(
            "not-an-object",
            "",
            format!("a civicmap/1 file is a JSON object, not {found}"),
        );
        return Err(locate_all(text, vec![d]));
    };
    read_dataset(root).map_err(|diagnostics| locate_all(text, diagnostics))
}

/// A `too-large` error for each of `actors` and `links` that has more
/// entries than `limits` allow.
fn too_large(dataset: &Dataset, limits: &Limits) -> Vec<Diagnostic> {
    [
        ("actors", dataset.actors.len(), limits.max_actors),
        ("links", dataset.links.len(), limits.max_links),
    ]
    .into_iter()
    .filter(|&(_, n, max)| n > max)
    .map(|(field, n, max)| {
        Diagnostic::error(
            "too-large",
            field,
            format!("the file has {n} {field}; this map shows at most {max}"),
        )
    })
    .collect()
}

fn failed(diagnostics: Vec<Diagnostic>) -> Loaded {
    Loaded {
        dataset: None,
        diagnostics,
    }
}

/// Bytes → text, or the diagnostic saying why not.
fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    let at = |mut d: Diagnostic, line, column| {
        d.line = Some(line);
        d.column = Some(column);
        d
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.valid_up_to();
            let prefix = bytes
                .get(..valid)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("");
            let bom = if prefix.starts_with('\u{feff}') { 3 } else { 0 };
            let prefix = prefix.get(bom..).unwrap_or("");
            let (line, column) = line_columns(prefix, &[valid.saturating_sub(bom)])
                .first()
                .copied()
                .unwrap_or((1, 1));
            let d = Diagnostic::error(
                "invalid-utf8",
                "",
                format!("the file is not valid UTF-8 (byte {valid}); save it as UTF-8"),
            );
            return Err(at(d, line, column));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        let d = Diagnostic::error("empty-file", "", "the file is empty");
        return Err(at(d, 1, 1));
    }
    Ok(text)
}

// ---------------------------------------------------------------------------
// Phase 4: the rules.

/// The id grammar check, from [`crate::model::format::id`] (re-exported
/// here, where the converters have always found it).
pub use crate::model::format::id::is_valid_id;

pub use crate::model::format::values::{
    is_country_code, is_http_url, is_valid_date, is_valid_year,
};

struct Checker<'a> {
    d: &'a Dataset,
    /// Actor id → index of its first occurrence.
    actors: HashMap<&'a str, usize>,
    /// For each link, the indices of its source and target actors.
    ends: Vec<[Option<usize>; 2]>,
    /// Whether each actor is an end of some link.
    linked: Vec<bool>,
    out: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn new(d: &'a Dataset) -> Self {
        let mut actors = HashMap::with_capacity(d.actors.len());
        for (i, a) in d.actors.iter().enumerate() {
            if let Some(id) = &a.id {
                actors.entry(id.as_str()).or_insert(i);
            }
        }
        let mut linked = vec![false; d.actors.len()];
        let ends = d
            .links
            .iter()
            .map(|l| {
                let mut end = |id: &Option<String>| {
                    let i = id.as_deref().and_then(|id| actors.get(id)).copied();
                    if let Some(flag) = i.and_then(|i| linked.get_mut(i)) {
                        *flag = true;
                    }
                    i
                };
                [end(&l.source), end(&l.target)]
            })
            .collect();
        Checker {
            d,
            actors,
            ends,
            linked,
            out: Vec::new(),
        }
    }

    fn error(&mut self, code: &'static str, path: String, message: String) {
        self.out.push(Diagnostic::error(code, path, message));
    }

    /// An error about `value`, the file's value the message quotes.
    fn error_on(&mut self, value: &str, code: &'static str, path: String, message: String) {
        self.out
            .push(Diagnostic::error(code, path, message).about(value));
    }

    /// A warning about `value`, the file's value the message quotes.
    fn warning_on(&mut self, value: &str, code: &'static str, path: String, message: String) {
        self.out
            .push(Diagnostic::warning(code, path, message).about(value));
    }

    fn run(mut self, out: &mut Vec<Diagnostic>) {
        self.format_and_meta();
        self.taxonomy();
        self.actors();
        self.links();
        self.events();
        self.stakes();
        out.append(&mut self.out);
    }

    fn format_and_meta(&mut self) {
        match self.d.format.as_deref() {
            None => self.error(
                "missing-field",
                "format".into(),
                format!("the required field `format` is missing; it must be \"{FORMAT}\""),
            ),
            Some(FORMAT) => {}
            Some(other) => self.error(
                "wrong-format",
                "format".into(),
                format!("the format is \"{other}\", this version reads \"{FORMAT}\""),
            ),
        }
        if let Some(updated) = &self.d.meta.updated {
            self.date(updated, || "meta.updated".into());
        }
    }

    fn date(&mut self, date: &str, path: impl FnOnce() -> String) {
        if !is_valid_date(date) {
            self.error_on(
                date,
                "bad-date",
                path(),
                format!(
                    "`{date}` is not a date: use YYYY, YYYY-MM or YYYY-MM-DD \
                     (a real calendar day, year 1000–2100)"
                ),
            );
        }
    }

    fn year(&mut self, year: Option<i64>, path: impl FnOnce() -> String) {
        if let Some(y) = year {
            if !is_valid_year(y) {
                self.error(
                    "bad-year",
                    path(),
                    format!("the year {y} is not an integer from 1000 to 2100"),
                );
            }
        }
    }

    fn url(&mut self, url: &str, path: impl FnOnce() -> String) {
        if !is_http_url(url) {
            self.error_on(
                url,
                "bad-url",
                path(),
                format!("`{url}` is not an absolute http(s) URL"),
            );
        }
    }

    fn sources(&mut self, sources: &[Source], parent: &dyn Fn() -> String) {
        for (i, s) in sources.iter().enumerate() {
            match s {
                Source::Url(u) => self.url(u, || format!("{}.sources[{i}]", parent())),
                Source::Labelled { url: Some(u), .. } => {
                    self.url(u, || format!("{}.sources[{i}].url", parent()))
                }
                Source::Labelled { url: None, .. } => {}
            }
        }
    }

    /// Checks an id's grammar and uniqueness within one list; `seen` maps
    /// ids to the path of their first occurrence.
    fn id(
        &mut self,
        id: &'a str,
        path: impl FnOnce() -> String,
        seen: &mut HashMap<&'a str, usize>,
        (list, index): (&str, usize),
    ) {
        if !is_valid_id(id) {
            self.error_on(
                id,
                "bad-id",
                path(),
                format!(
                    "the id `{id}` does not match {} \
                     (lower-case letters, digits, '.', '_', '-'; at most 100)",
                    id::PATTERN
                ),
            );
        } else if let Some(first) = seen.get(id) {
            let message = format!("the id `{id}` is already used by {list}[{first}]");
            self.error_on(id, "duplicate-id", path(), message);
        } else {
            seen.insert(id, index);
        }
    }

    fn required(&mut self, value: Option<&str>, path: impl FnOnce() -> String, what: &str) {
        match value {
            None => self.error(
                "missing-field",
                path(),
                format!("the required field `{what}` is missing"),
            ),
            Some(v) if v.trim().is_empty() => self.error(
                "missing-field",
                path(),
                format!("the required field `{what}` is empty"),
            ),
            Some(_) => {}
        }
    }

    fn taxonomy(&mut self) {
        let t = &self.d.taxonomy;
        match &t.actor_types {
            None => self.error(
                "missing-field",
                "taxonomy.actor_types".into(),
                "the required list `taxonomy.actor_types` is missing".into(),
            ),
            Some(types) => {
                let mut seen = HashMap::new();
                for (i, ty) in types.iter().enumerate() {
                    let path = move || format!("taxonomy.actor_types[{i}]");
                    self.term_id(ty.id.as_deref(), ("taxonomy.actor_types", i), &mut seen);
                    for (field, color) in [("color", &ty.color), ("color_dark", &ty.color_dark)] {
                        if let Some(c) = color.as_deref().filter(|c| !is_hex_color(c)) {
                            self.warning_on(
                                c,
                                "bad-color",
                                format!("{}.{field}", path()),
                                format!(
                                    "`{c}` is not a #rrggbb colour; a palette colour is used \
                                     instead"
                                ),
                            );
                        }
                    }
                }
            }
        }
        for (name, list) in [
            ("taxonomy.objectives", &t.objectives),
            ("taxonomy.ecosystems", &t.ecosystems),
        ] {
            if let Some(list) = list {
                let mut seen = HashMap::new();
                for (i, term) in list.iter().enumerate() {
                    self.term_id(term.id.as_deref(), (name, i), &mut seen);
                }
            }
        }
        if let Some(kinds) = &t.link_kinds {
            let mut seen = HashMap::new();
            for (i, kind) in kinds.iter().enumerate() {
                let path = move || format!("taxonomy.link_kinds[{i}]");
                self.term_id(kind.id.as_deref(), ("taxonomy.link_kinds", i), &mut seen);
                if kind.directed.is_none() {
                    let id = kind.id.as_deref().unwrap_or("");
                    self.warning_on(
                        id,
                        "missing-directed",
                        path(),
                        format!(
                            "the link kind `{id}` does not say whether it is `directed`; \
                             it is taken as directed"
                        ),
                    );
                }
            }
        }
    }

    fn term_id(
        &mut self,
        id: Option<&'a str>,
        (list, i): (&str, usize),
        seen: &mut HashMap<&'a str, usize>,
    ) {
        let path = || format!("{list}[{i}].id");
        match id {
            None => self.error(
                "missing-field",
                path(),
                "a taxonomy entry needs an `id`".into(),
            ),
            Some(id) => self.id(id, path, seen, (list, i)),
        }
    }

    fn actors(&mut self) {
        let d = self.d;
        let t = &d.taxonomy;
        let mut types = t
            .actor_types
            .as_ref()
            .map(|l| Vocabulary::new("taxonomy.actor_types", Some(l), |x| x.id.as_deref()));
        let mut objectives = Vocabulary::new("taxonomy.objectives", t.objectives.as_ref(), |x| {
            x.id.as_deref()
        });
        let mut ecosystems = Vocabulary::new("taxonomy.ecosystems", t.ecosystems.as_ref(), |x| {
            x.id.as_deref()
        });

        // Lower-cased ids and names → actor index, for alias collisions.
        let mut names: HashMap<String, usize> = HashMap::new();
        if d.actors.iter().any(|a| !a.aliases.is_empty()) {
            names.reserve(2 * d.actors.len());
            for (i, a) in d.actors.iter().enumerate() {
                for key in [a.id.as_deref(), a.name.as_deref()].into_iter().flatten() {
                    names.entry(key.trim().to_lowercase()).or_insert(i);
                }
            }
        }

        let mut seen = HashMap::new();
        for (i, a) in d.actors.iter().enumerate() {
            let path = move || format!("actors[{i}]");
            match a.id.as_deref() {
                None => self.required(None, || format!("actors[{i}].id"), "id"),
                Some(id) => {
                    self.id(id, || format!("actors[{i}].id"), &mut seen, ("actors", i));
                    // (A duplicate is reported as such, not as isolated.)
                    let first = self.actors.get(id) == Some(&i);
                    if first && !self.linked.get(i).copied().unwrap_or(false) {
                        self.warning_on(
                            id,
                            "isolated-actor",
                            path(),
                            format!("the actor `{id}` has no link"),
                        );
                    }
                }
            }
            self.required(a.name.as_deref(), || format!("actors[{i}].name"), "name");
            match (a.actor_type.as_deref(), types.as_mut()) {
                (None, _) => self.required(None, || format!("actors[{i}].type"), "type"),
                (Some(ty), Some(types)) => {
                    types.check(ty, || format!("actors[{i}].type"), &mut self.out)
                }
                (Some(_), None) => {}
            }
            for (j, o) in a.objectives.iter().enumerate() {
                objectives.check(o, || format!("actors[{i}].objectives[{j}]"), &mut self.out);
            }
            for (j, e) in a.ecosystems.iter().enumerate() {
                ecosystems.check(e, || format!("actors[{i}].ecosystems[{j}]"), &mut self.out);
            }
            self.actor_dates(i, a);
            if let Some(c) = a.country.as_deref().filter(|c| !is_country_code(c)) {
                self.warning_on(
                    c,
                    "bad-country",
                    format!("actors[{i}].country"),
                    format!("the country `{c}` is not two capital letters (ISO 3166-1, e.g. FR)"),
                );
            }
            if let Some(w) = &a.website {
                self.url(w, || format!("actors[{i}].website"));
            }
            self.sources(&a.sources, &path);
            for (j, alias) in a.aliases.iter().enumerate() {
                let other = names.get(&alias.trim().to_lowercase()).copied();
                if let Some(other) = other.filter(|&o| o != i) {
                    let other_id = d.actors.get(other).map_or("", Actor::id);
                    self.warning_on(
                        alias,
                        "alias-collision",
                        format!("actors[{i}].aliases[{j}]"),
                        format!(
                            "the alias `{alias}` is the id or name of another actor \
                             (`{other_id}`, actors[{other}]); a search or a link by it is \
                             ambiguous"
                        ),
                    );
                }
            }
        }
        objectives.open_warning(&mut self.out);
        ecosystems.open_warning(&mut self.out);
    }

    fn actor_dates(&mut self, i: usize, a: &Actor) {
        self.year(a.founded, || format!("actors[{i}].founded"));
        self.year(a.dissolved, || format!("actors[{i}].dissolved"));
        if let (Some(f), Some(d)) = (a.founded, a.dissolved) {
            if d < f && is_valid_year(f) && is_valid_year(d) {
                self.error(
                    "dissolved-before-founded",
                    format!("actors[{i}].dissolved"),
                    format!("dissolved in {d}, before it was founded ({f})"),
                );
            }
        }
    }

    fn actor_ref(&mut self, id: &str, path: impl FnOnce() -> String) -> Option<&'a Actor> {
        match self.actors.get(id) {
            Some(&i) => self.d.actors.get(i),
            None => {
                self.error_on(
                    id,
                    "unknown-actor",
                    path(),
                    format!("no actor has the id `{id}`"),
                );
                None
            }
        }
    }

    fn links(&mut self) {
        let d = self.d;
        let mut kinds =
            Vocabulary::new("taxonomy.link_kinds", d.taxonomy.link_kinds.as_ref(), |k| {
                k.id.as_deref()
            });
        let mut seen: HashMap<(usize, usize, &str), usize> = HashMap::with_capacity(d.links.len());
        for (i, l) in d.links.iter().enumerate() {
            let path = move || format!("links[{i}]");
            let [source_index, target_index] = self.ends.get(i).copied().unwrap_or_default();
            let fields = [
                ("source", l.source.as_deref(), source_index),
                ("target", l.target.as_deref(), target_index),
            ];
            let mut actors: [Option<&Actor>; 2] = [None, None];
            for (slot, (field, id, index)) in actors.iter_mut().zip(fields) {
                match (id, index) {
                    (None, _) => self.required(None, || format!("links[{i}].{field}"), field),
                    (Some(id), None) => self.error_on(
                        id,
                        "unknown-actor",
                        format!("links[{i}].{field}"),
                        format!("no actor has the id `{id}`"),
                    ),
                    (Some(_), Some(index)) => *slot = d.actors.get(index),
                }
            }
            match l.kind.as_deref() {
                None => self.required(None, || format!("links[{i}].kind"), "kind"),
                Some(k) => kinds.check(k, || format!("links[{i}].kind"), &mut self.out),
            }
            self.year(l.since, || format!("links[{i}].since"));
            self.year(l.until, || format!("links[{i}].until"));
            if let (Some(s), Some(u)) = (l.since, l.until) {
                if u < s && is_valid_year(s) && is_valid_year(u) {
                    self.error(
                        "until-before-since",
                        format!("links[{i}].until"),
                        format!("the link ends in {u}, before it starts ({s})"),
                    );
                }
            }
            if let Some(since) = l.since.filter(|&s| is_valid_year(s)) {
                for a in actors.into_iter().flatten() {
                    if let Some(f) = a.founded.filter(|&f| since < f) {
                        self.warning_on(
                            a.id(),
                            "link-before-founded",
                            format!("links[{i}].since"),
                            format!(
                                "the link starts in {since}, before `{}` was founded ({f})",
                                a.id()
                            ),
                        );
                    }
                    if let Some(x) = a.dissolved.filter(|&x| since > x) {
                        self.warning_on(
                            a.id(),
                            "link-after-dissolved",
                            format!("links[{i}].since"),
                            format!(
                                "the link starts in {since}, after `{}` was dissolved ({x})",
                                a.id()
                            ),
                        );
                    }
                }
            }
            if let (Some(si), Some(ti)) = (source_index, target_index) {
                let (s, t) = (l.source(), l.target());
                if si == ti {
                    self.warning_on(
                        s,
                        "self-link",
                        path(),
                        format!("the link goes from `{s}` to itself"),
                    );
                }
                if let Some(k) = l.kind.as_deref() {
                    if let Some(first) = seen.get(&(si, ti, k)) {
                        let message =
                            format!("the same link (`{s}` {k} `{t}`) is already links[{first}]");
                        self.warning_on(s, "duplicate-link", path(), message);
                    } else {
                        seen.insert((si, ti, k), i);
                    }
                }
            }
            self.sources(&l.sources, &path);
        }
        kinds.open_warning(&mut self.out);
    }

    fn events(&mut self) {
        let mut seen = HashMap::new();
        for (i, e) in self.d.events.iter().enumerate() {
            let path = move || format!("events[{i}]");
            if let Some(id) = e.id.as_deref() {
                self.id(id, || format!("events[{i}].id"), &mut seen, ("events", i));
            }
            if let Some(date) = e.date.as_deref() {
                self.date(date, || format!("events[{i}].date"));
            }
            for (j, a) in e.actors.iter().enumerate() {
                self.actor_ref(a, || format!("events[{i}].actors[{j}]"));
            }
            self.sources(&e.sources, &path);
        }
    }

    fn stakes(&mut self) {
        let mut seen = HashMap::new();
        for (i, s) in self.d.stakes.iter().enumerate() {
            let path = move || format!("stakes[{i}]");
            if let Some(id) = s.id.as_deref() {
                self.id(id, || format!("stakes[{i}].id"), &mut seen, ("stakes", i));
            }
            for (j, a) in s.actors.iter().enumerate() {
                self.actor_ref(a, || format!("stakes[{i}].actors[{j}]"));
            }
            self.sources(&s.sources, &path);
        }
    }
}

#[cfg(test)]
mod tests;
