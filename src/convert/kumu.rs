//! Kumu's spreadsheets in and out: an *Elements* sheet and a *Connections*
//! sheet, as two CSV files or one XLSX workbook.
//!
//! Elements: `Label` (the element's name, and its key unless an `ID` column
//! is given), `Type`, `Description`, `Tags` (`|`-separated), `Image`, and
//! any other column as a field. Rows repeating a Label (or ID) are one
//! element: later rows fill the cells the first left empty; a different
//! value is reported and the first kept. Connections: `From`, `To` (a
//! Label or an ID), `Type`, `Direction` (`directed`, `undirected`,
//! `mutual`), `Label` (the link's description), `Tags`…; every connection
//! whose ends exist is kept, parallel ones and self-connections included.
//!
//! By default `Type` is the actor type, `Tags` the objectives; `--map` can
//! say otherwise (see [`crate::convert::mapping`]). Places are `file:line`
//! for CSV, `BOOK.xlsx[Sheet]:row` for a workbook.

use std::collections::HashMap;

use crate::convert::csv::{ImportNote, Imported, Outcome};
use crate::convert::interchange::{build, EdgeIn, GraphIn, NodeIn, KUMU_ALIASES};
use crate::convert::mapping::Mapping;
use crate::convert::rows::{actor_rows, columns, link_rows, lost_parts, RowOut};
use crate::model::format::file::Dataset;

/// A sheet: its name for the notes, and its rows with their line (or row)
/// numbers, the header first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub file: String,
    pub rows: Vec<(usize, Vec<String>)>,
}

fn error(file: &str, line: usize, message: String) -> ImportNote {
    ImportNote {
        outcome: Outcome::Error,
        file: file.to_string(),
        line: Some(line),
        column: None,
        message,
    }
}

fn line_of(text: &str, byte: u64) -> usize {
    let end = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    1 + text
        .as_bytes()
        .get(..end)
        .unwrap_or_default()
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Reads a CSV sheet (UTF-8, a BOM skipped).
pub fn sheet_from_csv(file: &str, text: &str) -> Result<Sheet, ImportNote> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(1, |p| line_of(text, p.byte()));
                rows.push((line, r.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| line_of(text, p.byte()));
                return Err(error(file, line, format!("cannot read the CSV: {e}")));
            }
        }
    }
    Ok(Sheet {
        file: file.to_string(),
        rows,
    })
}

/// Reads the Elements and Connections sheets of an XLSX workbook (by name,
/// without regard to case; else the first two sheets).
#[cfg(not(target_arch = "wasm32"))]
pub fn sheets_from_xlsx(file: &str, bytes: &[u8]) -> Result<(Sheet, Option<Sheet>), ImportNote> {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| error(file, 1, format!("not a readable XLSX workbook: {e}")))?;
    let names = book.sheet_names();
    let find = |want: &str, index: usize| {
        names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(want))
            .or_else(|| names.get(index))
            .cloned()
    };
    let mut read = |name: &str| -> Result<Sheet, ImportNote> {
        let place = format!("{file}[{name}]");
        let range = book
            .worksheet_range(name)
            .map_err(|e| error(&place, 1, format!("cannot read the sheet: {e}")))?;
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        let first_col = range.start().map_or(0, |(_, c)| c as usize);
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| {
                let mut row: Vec<String> = vec![String::new(); first_col];
                row.extend(cells.iter().map(|c| match c {
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    Data::Empty => String::new(),
                    other => other.to_string(),
                }));
                (first_row + i + 1, row)
            })
            .collect();
        Ok(Sheet { file: place, rows })
    };
    let elements =
        find("Elements", 0).ok_or_else(|| error(file, 1, "the workbook has no sheet".into()))?;
    let connections = find("Connections", 1).filter(|c| *c != elements);
    let e = read(&elements)?;
    let c = connections.as_deref().map(&mut read).transpose()?;
    Ok((e, c))
}

/// Finds a column by name (without regard to case) in a header.
fn column(header: &[String], name: &str) -> Option<usize> {
    header
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
}

/// Imports Kumu sheets. Fails only when the Elements sheet has no header or
/// no Label column, or the Connections sheet no From/To.
pub fn import_kumu(
    elements: &Sheet,
    connections: Option<&Sheet>,
    map: &Mapping,
) -> Result<Imported, ImportNote> {
    let mut notes = Vec::new();
    let ef = elements.file.as_str();
    let Some((_, header)) = elements.rows.first() else {
        return Err(error(
            ef,
            1,
            "the Elements sheet is empty: expected a header with Label".into(),
        ));
    };
    let label_col = map.actors.get("name").map_or("Label", String::as_str);
    let Some(li) = column(header, label_col) else {
        return Err(error(
            ef,
            1,
            format!(
                "the Elements sheet has no `{label_col}` column ({})",
                header.join(", ")
            ),
        ));
    };
    let id_col = map.actors.get("id").map_or("ID", String::as_str);
    let ii = column(header, id_col);
    let mut nodes: Vec<NodeIn> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut label_key: HashMap<String, String> = HashMap::new();
    for (line, cells) in elements.rows.iter().skip(1) {
        let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let label = cell(li);
        let key = ii.map(cell).filter(|k| !k.is_empty()).unwrap_or(label);
        if key.is_empty() {
            notes.push(ImportNote {
                outcome: Outcome::Skipped,
                ..error(ef, *line, "a row without a Label".into())
            });
            continue;
        }
        let fields: Vec<(String, String)> = header
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != li && Some(*i) != ii)
            .map(|(i, h)| (h.trim().to_string(), cell(i).to_string()))
            .collect();
        if let Some(&at) = by_key.get(key) {
            let Some(node) = nodes.get_mut(at) else {
                continue;
            };
            for ((name, old), (_, new)) in node.fields.iter_mut().zip(fields) {
                if old.is_empty() {
                    *old = new;
                } else if !new.is_empty() && *old != new {
                    notes.push(ImportNote {
                        outcome: Outcome::Altered,
                        ..error(ef, *line, format!("`{key}` is repeated with another {name} (`{new}`): the first (`{old}`) is kept"))
                    });
                }
            }
            continue;
        }
        by_key.insert(key.to_string(), nodes.len());
        if !label.is_empty() {
            label_key
                .entry(label.to_string())
                .or_insert_with(|| key.to_string());
        }
        nodes.push(NodeIn {
            key: key.to_string(),
            label: Some(label.to_string()).filter(|l| !l.is_empty()),
            fields,
            line: *line,
            ..Default::default()
        });
    }
    let mut edges = Vec::new();
    if let Some(c) = connections {
        let cf = c.file.as_str();
        if let Some((_, header)) = c.rows.first() {
            let from_col = map.links.get("from").map_or("From", String::as_str);
            let to_col = map.links.get("to").map_or("To", String::as_str);
            let (Some(fi), Some(ti)) = (column(header, from_col), column(header, to_col)) else {
                return Err(error(
                    cf,
                    1,
                    format!(
                        "the Connections sheet needs `{from_col}` and `{to_col}` columns ({})",
                        header.join(", ")
                    ),
                ));
            };
            let di = column(header, "Direction");
            for (line, cells) in c.rows.iter().skip(1) {
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
                let resolve = |v: &str| {
                    if by_key.contains_key(v) {
                        v.to_string()
                    } else {
                        label_key.get(v).cloned().unwrap_or_else(|| v.to_string())
                    }
                };
                let directed = match di.map(cell).map(str::to_ascii_lowercase).as_deref() {
                    Some("undirected" | "mutual") => Some(false),
                    Some("directed") => Some(true),
                    Some("") | None => None,
                    Some(other) => {
                        notes.push(ImportNote {
                            outcome: Outcome::Altered,
                            ..error(cf, *line, format!("the direction `{other}` is not directed, undirected or mutual: taken as directed"))
                        });
                        Some(true)
                    }
                };
                edges.push(EdgeIn {
                    source: resolve(cell(fi)),
                    target: resolve(cell(ti)),
                    directed,
                    fields: header
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != fi && *i != ti && Some(*i) != di)
                        .map(|(i, h)| (h.trim().to_string(), cell(i).to_string()))
                        .collect(),
                    line: *line,
                });
            }
        }
    }
    let graph = GraphIn {
        file: ef.to_string(),
        nodes,
        edges,
        default_directed: true,
        keys_are_ids: ii.is_some(),
        edge_file: connections.map(|c| c.file.clone()),
    };
    let mut imported = build(&graph, map, &KUMU_ALIASES);
    notes.append(&mut imported.notes);
    imported.notes = notes;
    Ok(imported)
}

/// The two sheets of a Kumu export: Elements (ID, Label, Type, Description,
/// Tags, then the other fields) and Connections (From, To, Type,
/// Direction, then the other fields). From/To are Labels when every name
/// is unique (what Kumu matches on), else IDs.
pub fn export_kumu_sheets(ds: &Dataset) -> (Vec<Vec<String>>, Vec<Vec<String>>, Vec<String>) {
    let mut warnings = lost_parts(ds, "a Kumu workbook");
    let actors = actor_rows(ds, &mut warnings);
    let links = link_rows(ds, &mut warnings);
    let mut names: HashMap<&str, usize> = HashMap::new();
    for a in &actors {
        *names.entry(a.label.as_str()).or_default() += 1;
    }
    let unique = names.values().all(|&n| n == 1);
    if !unique {
        warnings
            .push("some names are shared by several actors: From/To hold IDs, not Labels".into());
    }
    if actors.iter().any(|a| a.position.is_some()) {
        warnings.push("positions are not written: Kumu lays maps out itself".into());
    }
    let rename = |k: &str| match k {
        "type" => "Type".to_string(),
        "objectives" => "Tags".to_string(),
        "description" => "Description".to_string(),
        "kind" => "Type".to_string(),
        other => other.to_string(),
    };
    let table = |rows: &[RowOut], lead: Vec<String>, lead_of: &dyn Fn(&RowOut) -> Vec<String>| {
        let cols = columns(rows);
        let mut header = lead;
        header.extend(cols.iter().map(|c| rename(c)));
        let mut out = vec![header];
        for r in rows {
            let mut row = lead_of(r);
            row.extend(cols.iter().map(|c| {
                r.fields
                    .iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            }));
            out.push(row);
        }
        out
    };
    let label_of: HashMap<&str, &str> = actors
        .iter()
        .map(|a| (a.key.as_str(), a.label.as_str()))
        .collect();
    let end = |id: &str| -> String {
        if unique {
            label_of.get(id).map_or(id, |l| *l).to_string()
        } else {
            id.to_string()
        }
    };
    let elements = table(&actors, vec!["ID".into(), "Label".into()], &|a| {
        vec![a.key.clone(), a.label.clone()]
    });
    let connections = table(
        &links,
        vec!["From".into(), "To".into(), "Direction".into()],
        &|l| {
            let (s, t, d) = l.ends.clone().unwrap_or_default();
            vec![
                end(&s),
                end(&t),
                if d { "directed" } else { "undirected" }.to_string(),
            ]
        },
    );
    (elements, connections, warnings)
}

/// Writes the two sheets as one XLSX workbook (cells are text: a label
/// starting with `=` stays text, never a formula).
#[cfg(not(target_arch = "wasm32"))]
pub fn export_kumu_xlsx(ds: &Dataset) -> Result<(Vec<u8>, Vec<String>), String> {
    let (elements, connections, warnings) = export_kumu_sheets(ds);
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in [("Elements", &elements), ("Connections", &connections)] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(|e| e.to_string())?;
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if v.is_empty() {
                    continue;
                }
                let (r, c) = (
                    u32::try_from(r).map_err(|e| e.to_string())?,
                    u16::try_from(c).map_err(|e| e.to_string())?,
                );
                sheet
                    .write_string(r, c, v)
                    .map_err(|e| format!("{name} row {}: {e}", r + 1))?;
            }
        }
    }
    let bytes = book.save_to_buffer().map_err(|e| e.to_string())?;
    Ok((bytes, warnings))
}
