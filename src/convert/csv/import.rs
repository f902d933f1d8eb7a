//! CSV import (`civicmap import csv`): the actors, links, events and stakes
//! sheets read into a dataset, every skipped or altered row reported with
//! its `file:line`.

use super::*;

/// A CSV file read into rows, with its header resolved.
struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<Row>,
}

struct Row {
    line: usize,
    cells: Vec<String>,
}

impl Table {
    /// The cell of `column` in `row` (`""` when the column is absent).
    fn cell<'r>(&self, row: &'r Row, column: &str) -> &'r str {
        self.columns
            .get(column)
            .and_then(|&i| row.cells.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// Where an unclosed quote opens (1-based line and column), if any. Follows
/// the csv crate's reading: a quote opens a field only at its start.
fn unclosed_quote(text: &str) -> Option<(usize, usize)> {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let (mut line, mut col) = (1usize, 0usize);
    let mut opened = (1usize, 1usize);
    let mut state = State::FieldStart;
    let mut prev_cr = false;
    for c in text.chars() {
        if c == '\n' && prev_cr {
            // The second half of CRLF: already counted.
        } else if c == '\n' || c == '\r' {
            line += 1;
            col = 0;
        } else {
            col += 1;
        }
        prev_cr = c == '\r';
        let end = matches!(c, ',' | '\n' | '\r');
        state = match (state, c) {
            (State::FieldStart, '"') => {
                opened = (line, col);
                State::Quoted
            }
            (State::FieldStart | State::Unquoted | State::QuoteInQuoted, _) if end => {
                State::FieldStart
            }
            (State::FieldStart | State::Unquoted, _) => State::Unquoted,
            (State::Quoted, '"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, '"') => State::Quoted,
            (State::QuoteInQuoted, _) => State::Unquoted,
        };
    }
    matches!(state, State::Quoted).then_some(opened)
}

/// The 1-based line of a byte offset (`\n`, `\r\n` and a lone `\r` end a line).
fn line_of(text: &str, byte: u64) -> usize {
    let end = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    let before = text.as_bytes().get(..end).unwrap_or_default();
    let mut lines = 1;
    let mut prev_cr = false;
    for &b in before {
        if b == b'\n' && !prev_cr || b == b'\r' {
            lines += 1;
        }
        prev_cr = b == b'\r';
    }
    lines
}

/// Reads a CSV file. Returns `None` (with an error note) when it cannot be
/// used at all: no header, or a required column missing.
fn read_table(
    file: CsvFile<'_>,
    known: &[&str],
    required: &[&str],
    notes: &mut Vec<ImportNote>,
) -> Option<Table> {
    let name = file.name;
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(file.text);
    let unclosed = unclosed_quote(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = record.position().map_or(1, |p| line_of(text, p.byte()));
                records.push(Row {
                    line,
                    cells: record.iter().map(str::to_string).collect(),
                });
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| line_of(text, p.byte()));
                notes.push(ImportNote::new(
                    Outcome::Error,
                    name,
                    line,
                    format!("cannot read the CSV: {e}"),
                ));
                return None;
            }
        }
    }
    if let Some((line, column)) = unclosed {
        // The csv reader swallowed everything from the quote to the end of
        // the file into the last record: drop it and say which lines it held.
        let last = records.pop();
        let first_line = last.as_ref().map_or(line, |r| r.line);
        let last_line = text.lines().count().max(first_line);
        notes.push(ImportNote {
            outcome: Outcome::Error,
            file: name.to_string(),
            line: Some(line),
            column: Some(column),
            message: format!(
                "unclosed quote: the cell opened here runs to the end of the file, so lines \
                 {first_line}–{last_line} are not imported"
            ),
        });
        if records.is_empty() {
            return None;
        }
    }
    let mut rows = records.into_iter();
    let Some(header) = rows.next() else {
        notes.push(ImportNote::new(
            Outcome::Error,
            name,
            1,
            format!(
                "the file is empty: expected a header row ({})",
                known.join(",")
            ),
        ));
        return None;
    };
    let mut columns = HashMap::new();
    for (i, h) in header.cells.iter().enumerate() {
        let h = h.trim();
        if columns.contains_key(h) {
            notes.push(ImportNote::new(
                Outcome::Warning,
                name,
                header.line,
                format!("column `{h}` appears twice; only the first one is read"),
            ));
        } else {
            if !known.contains(&h) {
                notes.push(ImportNote::new(
                    Outcome::Warning,
                    name,
                    header.line,
                    format!("unknown column `{h}` is ignored"),
                ));
            }
            columns.insert(h.to_string(), i);
        }
    }
    let rows: Vec<Row> = rows.collect();
    let missing_required: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| !columns.contains_key(*c))
        .collect();
    if !missing_required.is_empty() {
        let hint = if header.cells.len() == 1 && header.cells.iter().any(|h| h.contains(';')) {
            " (the file seems to use `;` as separator: save it as comma-separated CSV)"
        } else {
            ""
        };
        notes.push(ImportNote::new(
            Outcome::Error,
            name,
            header.line,
            format!(
                "missing required column{} {}: none of the {} rows of this file is imported{hint}",
                if missing_required.len() > 1 { "s" } else { "" },
                missing_required
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                rows.len()
            ),
        ));
        return None;
    }
    for c in known {
        if !columns.contains_key(*c) {
            notes.push(ImportNote::new(
                Outcome::Warning,
                name,
                header.line,
                format!("column `{c}` is missing: its values stay empty"),
            ));
        }
    }
    let width = header.cells.len();
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        if row.cells.len() == width {
            kept.push(row);
        } else {
            notes.push(ImportNote::new(
                Outcome::Skipped,
                name,
                row.line,
                format!(
                    "the row has {} cells, the header has {width}",
                    row.cells.len()
                ),
            ));
        }
    }
    Some(Table {
        columns,
        rows: kept,
    })
}

// ---------------------------------------------------------------------------
// Cell conversions
// ---------------------------------------------------------------------------

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn localized(fr: &str, en: &str) -> Option<LocalizedText> {
    let mut m = BTreeMap::new();
    if !fr.is_empty() {
        m.insert("fr".to_string(), fr.to_string());
    }
    if !en.is_empty() {
        m.insert("en".to_string(), en.to_string());
    }
    (!m.is_empty()).then_some(LocalizedText::Map(m))
}

/// Collects the notes of one row.
struct RowCtx<'a> {
    file: &'a str,
    line: usize,
    notes: &'a mut Vec<ImportNote>,
}

impl RowCtx<'_> {
    fn note(&mut self, outcome: Outcome, message: String) {
        self.notes
            .push(ImportNote::new(outcome, self.file, self.line, message));
    }

    fn skip(&mut self, message: String) {
        self.note(Outcome::Skipped, message);
    }

    fn alter(&mut self, message: String) {
        self.note(Outcome::Altered, message);
    }

    /// A year 1000–2100, or absent (with a note when the cell was not empty).
    fn year(&mut self, column: &str, cell: &str) -> Option<i64> {
        if cell.is_empty() {
            return None;
        }
        match cell.trim().parse::<i64>() {
            Ok(y) if is_valid_year(y) => Some(y),
            _ => {
                self.alter(format!(
                    "`{column}` = `{cell}` is not a year from 1000 to 2100: left empty"
                ));
                None
            }
        }
    }

    fn sources(&mut self, cell: &str) -> Vec<Source> {
        let mut out = Vec::new();
        for part in cell.split("; ").map(str::trim).filter(|p| !p.is_empty()) {
            if part == SEED_REPORT {
                out.push(seed_report_source());
            } else if is_http_url(part) {
                out.push(Source::Url(part.to_string()));
            } else {
                self.note(
                    Outcome::Warning,
                    format!("source `{part}` is not an http(s) URL: kept as a labelled source"),
                );
                out.push(Source::Labelled {
                    label: LocalizedText::Plain(part.to_string()),
                    url: None,
                });
            }
        }
        out
    }

    /// Keeps the values of a closed vocabulary; with an open list
    /// (`allowed` is `None`), keeps the values that are well-formed ids,
    /// since the loader turns them into taxonomy ids (found by fuzzing:
    /// `tests/corpus/csv_import/crash-f930c7ce…`).
    fn closed(
        &mut self,
        what: &str,
        values: Vec<String>,
        allowed: Option<&HashSet<String>>,
    ) -> Vec<String> {
        let mut out = Vec::with_capacity(values.len());
        for v in values {
            match allowed {
                Some(allowed) if allowed.contains(&v) => out.push(v),
                Some(_) => self.alter(format!("{what} `{v}` is not in the taxonomy: left out")),
                None if is_valid_id(&v) => out.push(v),
                None => self.alter(format!(
                    "{what} `{v}` breaks the id grammar {ID_PATTERN}: left out"
                )),
            }
        }
        out
    }

    /// Keeps the actor ids that were imported.
    fn actor_refs(&mut self, cell: &str, actors: &ActorIndex) -> Vec<String> {
        let mut out = Vec::new();
        for id in list(cell) {
            if actors.imported.contains(&id) {
                out.push(id);
            } else {
                let why = actors.why_missing(&id);
                self.alter(format!("unknown actor `{id}`{why}: left out"));
            }
        }
        out
    }

    /// An id that is present, well-formed and new; `None` (row skipped)
    /// otherwise.
    fn new_id(
        &mut self,
        what: &str,
        id: &str,
        seen: &mut HashMap<String, usize>,
    ) -> Option<String> {
        if id.is_empty() {
            self.skip(format!("the {what} has no `id`"));
            return None;
        }
        if !is_valid_id(id) {
            self.skip(format!(
                "{what} id `{id}` breaks the id grammar {ID_PATTERN}"
            ));
            return None;
        }
        if let Some(first) = seen.get(id) {
            self.skip(format!(
                "duplicate {what} id `{id}` (first at line {first})"
            ));
            return None;
        }
        seen.insert(id.to_string(), self.line);
        Some(id.to_string())
    }
}

/// Which actor ids made it into the dataset, and where the others went.
#[derive(Default)]
struct ActorIndex {
    imported: HashSet<String>,
    skipped: HashMap<String, (String, usize)>,
}

impl ActorIndex {
    fn why_missing(&self, id: &str) -> String {
        match self.skipped.get(id) {
            Some((file, line)) => format!(" (its row {file}:{line} was skipped)"),
            None => String::new(),
        }
    }
}

fn id_set<'a>(ids: impl Iterator<Item = &'a Option<String>>) -> HashSet<String> {
    ids.flatten().cloned().collect()
}

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

/// Builds a `civicmap/1` dataset from the CSV files, the taxonomy and the
/// meta. Never panics, whatever the text; see the module docs for what is
/// reported.
pub fn import_csv(input: &CsvInput<'_>) -> Imported {
    let mut notes = Vec::new();
    let taxonomy = &input.taxonomy;
    let types = taxonomy
        .actor_types
        .as_ref()
        .map(|t| id_set(t.iter().map(|x| &x.id)));
    let objectives = taxonomy
        .objectives
        .as_ref()
        .map(|t| id_set(t.iter().map(|x| &x.id)));
    let ecosystems = taxonomy
        .ecosystems
        .as_ref()
        .map(|t| id_set(t.iter().map(|x| &x.id)));
    let kinds = taxonomy
        .link_kinds
        .as_ref()
        .map(|t| id_set(t.iter().map(|x| &x.id)));

    let mut index = ActorIndex::default();
    let mut actors = Vec::new();
    if let Some(table) = read_table(
        input.actors,
        &ACTOR_COLUMNS,
        &["id", "name", "kind"],
        &mut notes,
    ) {
        let file = input.actors.name;
        let mut seen = HashMap::new();
        for row in &table.rows {
            let c = |col: &str| table.cell(row, col);
            let mut ctx = RowCtx {
                file,
                line: row.line,
                notes: &mut notes,
            };
            let id = c("id");
            let remember_skip = |index: &mut ActorIndex| {
                if !id.is_empty() && !index.imported.contains(id) {
                    index
                        .skipped
                        .entry(id.to_string())
                        .or_insert_with(|| (file.to_string(), row.line));
                }
            };
            let Some(id) = ctx.new_id("actor", id, &mut seen) else {
                remember_skip(&mut index);
                continue;
            };
            let name = c("name");
            let kind = c("kind");
            if name.is_empty() {
                ctx.skip(format!("actor `{id}` has no `name`"));
                remember_skip(&mut index);
                continue;
            }
            if kind.is_empty() {
                ctx.skip(format!("actor `{id}` has no `kind`"));
                remember_skip(&mut index);
                continue;
            }
            if let Some(types) = &types {
                if !types.contains(kind) {
                    ctx.skip(format!(
                        "actor `{id}` has kind `{kind}`, which is not in the taxonomy's actor_types"
                    ));
                    remember_skip(&mut index);
                    continue;
                }
            }
            let objectives = ctx.closed("objective", list(c("objectives")), objectives.as_ref());
            let ecos = ctx.closed("ecosystem", list(c("ecosystem")), ecosystems.as_ref());
            let founded = ctx.year("founded", c("founded"));
            let mut dissolved = ctx.year("dissolved", c("dissolved"));
            if let (Some(f), Some(d)) = (founded, dissolved) {
                if d < f {
                    ctx.alter(format!(
                        "`dissolved` = {d} is before `founded` = {f}: dissolved left empty"
                    ));
                    dissolved = None;
                }
            }
            let website = match opt(c("website")) {
                Some(w) if !is_http_url(&w) => {
                    ctx.alter(format!("website `{w}` is not an http(s) URL: left empty"));
                    None
                }
                w => w,
            };
            let sources = ctx.sources(c("source"));
            index.imported.insert(id.clone());
            actors.push(Actor {
                id: Some(id),
                name: Some(name.to_string()),
                aliases: list(c("aliases")),
                actor_type: Some(kind.to_string()),
                objectives,
                ecosystems: ecos,
                founded,
                dissolved,
                country: opt(c("country")),
                website,
                description: localized(c("description_fr"), c("description_en")),
                sources,
                ..Actor::default()
            });
        }
    }

    let mut links = Vec::new();
    if let Some(table) = read_table(
        input.links,
        &LINK_COLUMNS,
        &["source_id", "target_id", "kind"],
        &mut notes,
    ) {
        for row in &table.rows {
            let c = |col: &str| table.cell(row, col);
            let mut ctx = RowCtx {
                file: input.links.name,
                line: row.line,
                notes: &mut notes,
            };
            let (source, target, kind) = (c("source_id"), c("target_id"), c("kind"));
            let mut problems = Vec::new();
            for (col, id) in [("source_id", source), ("target_id", target)] {
                if id.is_empty() {
                    problems.push(format!("no `{col}`"));
                } else if !index.imported.contains(id) {
                    problems.push(format!(
                        "`{col}` names an unknown actor `{id}`{}",
                        index.why_missing(id)
                    ));
                }
            }
            if kind.is_empty() {
                problems.push("no `kind`".to_string());
            } else if !is_valid_id(kind) {
                // Even with an open link_kinds list: the loader makes it an id.
                problems.push(format!("kind `{kind}` breaks the id grammar {ID_PATTERN}"));
            } else if kinds.as_ref().is_some_and(|k| !k.contains(kind)) {
                problems.push(format!("kind `{kind}` is not in the taxonomy's link_kinds"));
            }
            if !problems.is_empty() {
                ctx.skip(format!("link: {}", problems.join("; ")));
                continue;
            }
            let since = ctx.year("since", c("since"));
            let mut until = ctx.year("until", c("until"));
            if let (Some(s), Some(u)) = (since, until) {
                if u < s {
                    ctx.alter(format!(
                        "`until` = {u} is before `since` = {s}: until left empty"
                    ));
                    until = None;
                }
            }
            let sources = ctx.sources(c("source"));
            links.push(Link {
                source: Some(source.to_string()),
                target: Some(target.to_string()),
                kind: Some(kind.to_string()),
                since,
                until,
                description: localized(c("description_fr"), c("description_en")),
                sources,
                ..Link::default()
            });
        }
    }

    let mut events = Vec::new();
    if let Some(file) = input.events {
        if let Some(table) = read_table(file, &EVENT_COLUMNS, &["id"], &mut notes) {
            let mut seen = HashMap::new();
            for row in &table.rows {
                let c = |col: &str| table.cell(row, col);
                let mut ctx = RowCtx {
                    file: file.name,
                    line: row.line,
                    notes: &mut notes,
                };
                let Some(id) = ctx.new_id("event", c("id"), &mut seen) else {
                    continue;
                };
                let date = match opt(c("date")) {
                    Some(d) if !is_valid_date(&d) => {
                        ctx.alter(format!(
                            "date `{d}` is not YYYY, YYYY-MM or YYYY-MM-DD: left empty"
                        ));
                        None
                    }
                    d => d,
                };
                let actors = ctx.actor_refs(c("actor_ids"), &index);
                let sources = ctx.sources(c("source"));
                events.push(Event {
                    id: Some(id),
                    date,
                    title: localized(c("title_fr"), c("title_en")),
                    actors,
                    sources,
                    ..Event::default()
                });
            }
        }
    }

    let mut stakes = Vec::new();
    if let Some(file) = input.stakes {
        if let Some(table) = read_table(file, &STAKE_COLUMNS, &["id"], &mut notes) {
            let mut seen = HashMap::new();
            for row in &table.rows {
                let c = |col: &str| table.cell(row, col);
                let mut ctx = RowCtx {
                    file: file.name,
                    line: row.line,
                    notes: &mut notes,
                };
                let Some(id) = ctx.new_id("stake", c("id"), &mut seen) else {
                    continue;
                };
                let actors = ctx.actor_refs(c("actor_ids"), &index);
                let sources = ctx.sources(c("source"));
                stakes.push(Stake {
                    id: Some(id),
                    category: opt(c("category")),
                    title: localized(c("title_fr"), c("title_en")),
                    description: localized(c("description_fr"), c("description_en")),
                    actors,
                    sources,
                    ..Stake::default()
                });
            }
        }
    }

    // Report in file order (the header checks of a file come before its rows).
    let files: Vec<&str> = [
        Some(input.actors),
        Some(input.links),
        input.events,
        input.stakes,
    ]
    .into_iter()
    .flatten()
    .map(|f| f.name)
    .collect();
    notes.sort_by_key(|n| {
        (
            files
                .iter()
                .position(|f| *f == n.file)
                .unwrap_or(files.len()),
            n.line,
        )
    });

    Imported {
        dataset: Dataset {
            format: Some(FORMAT.to_string()),
            meta: input.meta.clone(),
            taxonomy: input.taxonomy.clone(),
            actors,
            links,
            events,
            stakes,
            extra: BTreeMap::new(),
        },
        notes,
    }
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------
