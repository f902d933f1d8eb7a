//! The `--map map.json` file: which column (or GEXF/GraphML attribute) of
//! someone else's file holds which civicmap field.
//!
//! ```json
//! { "actors": { "type": "Catégorie", "objectives": "Tags", "ecosystems": "Secteur",
//!               "founded": "Année", "website": "Site", "country": "Pays" },
//!   "links":  { "kind": "Relation" } }
//! ```
//!
//! Keys are civicmap fields ([`ACTOR_FIELDS`], [`LINK_FIELDS`]; a few
//! spellings of the CSV files are accepted too: `kind` for an actor's type,
//! `ecosystem`, `objective`, `source`, `source_id`, `target_id`); values are
//! column names as the file spells them (compared without regard to case).
//! Without a map, each importer looks for the civicmap names and its own
//! format's usual ones (Kumu's `Type`, `Tags`, `Description`…).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::convert::csv::{ImportNote, Outcome};

/// The actor fields a map can name.
pub const ACTOR_FIELDS: [&str; 14] = [
    "id",
    "name",
    "aliases",
    "type",
    "objectives",
    "ecosystems",
    "country",
    "founded",
    "dissolved",
    "website",
    "description",
    "description_fr",
    "description_en",
    "sources",
];

/// The link fields a map can name.
pub const LINK_FIELDS: [&str; 9] = [
    "from",
    "to",
    "kind",
    "since",
    "until",
    "description",
    "description_fr",
    "description_en",
    "sources",
];

/// A parsed map: civicmap field → the file's column name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    pub actors: BTreeMap<String, String>,
    pub links: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Repr {
    #[serde(default)]
    actors: BTreeMap<String, String>,
    #[serde(default)]
    links: BTreeMap<String, String>,
}

fn canonical_actor(key: &str) -> Option<&'static str> {
    let k = match key {
        "kind" => "type",
        "ecosystem" => "ecosystems",
        "objective" => "objectives",
        "source" => "sources",
        k => k,
    };
    ACTOR_FIELDS.iter().copied().find(|f| *f == k)
}

fn canonical_link(key: &str) -> Option<&'static str> {
    let k = match key {
        "source_id" => "from",
        "target_id" => "to",
        "type" => "kind",
        "source" => "sources",
        k => k,
    };
    LINK_FIELDS.iter().copied().find(|f| *f == k)
}

impl Mapping {
    /// Parses a map file; an unknown key or a syntax error is an error note
    /// with its place.
    pub fn parse(name: &str, text: &str) -> Result<Mapping, ImportNote> {
        let note = |line: usize, column: Option<usize>, message: String| ImportNote {
            outcome: Outcome::Error,
            file: name.to_string(),
            line: Some(line),
            column,
            message,
        };
        let repr: Repr = serde_json::from_str(text).map_err(|e| {
            note(
                e.line().max(1),
                Some(e.column().max(1)),
                format!("invalid map: {e}"),
            )
        })?;
        let mut map = Mapping::default();
        for (key, column) in repr.actors {
            let field = canonical_actor(&key).ok_or_else(|| {
                note(
                    1,
                    None,
                    format!(
                        "actors: `{key}` is not a civicmap field (one of: {})",
                        ACTOR_FIELDS.join(", ")
                    ),
                )
            })?;
            map.actors.insert(field.to_string(), column);
        }
        for (key, column) in repr.links {
            let field = canonical_link(&key).ok_or_else(|| {
                note(
                    1,
                    None,
                    format!(
                        "links: `{key}` is not a civicmap field (one of: {})",
                        LINK_FIELDS.join(", ")
                    ),
                )
            })?;
            map.links.insert(field.to_string(), column);
        }
        Ok(map)
    }
}

/// The column of the data team's CSV files that holds each canonical field.
fn csv_column(field: &str, links: bool) -> &str {
    match (links, field) {
        (false, "type") => "kind",
        (false, "ecosystems") => "ecosystem",
        (false, "description") | (true, "description") => "description_fr",
        (_, "sources") => "source",
        (true, "from") => "source_id",
        (true, "to") => "target_id",
        (_, f) => f,
    }
}

/// Renames the header of a CSV file so that the columns named in `map`
/// carry the data team's names (`actors.csv` when `links` is false,
/// `links.csv` otherwise); the rest of the text, and so every line number,
/// is kept. A mapped column missing from the header is an error at line 1.
pub fn rename_csv_header(
    file: &str,
    text: &str,
    map: &BTreeMap<String, String>,
    links: bool,
) -> Result<String, ImportNote> {
    if map.is_empty() {
        return Ok(text.to_string());
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut header = csv::StringRecord::new();
    let error = |message: String| ImportNote {
        outcome: Outcome::Error,
        file: file.to_string(),
        line: Some(1),
        column: None,
        message,
    };
    match reader.read_record(&mut header) {
        Ok(true) => {}
        Ok(false) => return Err(error("the file is empty: no header row".into())),
        Err(e) => return Err(error(format!("cannot read the header: {e}"))),
    }
    let end = usize::try_from(reader.position().byte()).unwrap_or(body.len());
    let mut cells: Vec<String> = header.iter().map(str::to_string).collect();
    for (field, column) in map {
        let target = csv_column(field, links);
        let Some(cell) = cells
            .iter_mut()
            .find(|c| c.trim().eq_ignore_ascii_case(column.trim()))
        else {
            return Err(error(format!(
                "the map names the column `{column}` for `{field}`, but the header has no such \
                 column ({})",
                header.iter().collect::<Vec<_>>().join(", ")
            )));
        };
        *cell = target.to_string();
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(&cells)
        .map_err(|e| error(e.to_string()))?;
    let head = writer
        .into_inner()
        .map_err(|e| error(e.to_string()))
        .and_then(|b| String::from_utf8(b).map_err(|e| error(e.to_string())))?;
    // The header was one line: keep the rest exactly.
    let before = body.get(..end).unwrap_or("");
    let mut rest = body.get(end..).unwrap_or("");
    if before.ends_with('\r') {
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    } else if !before.ends_with('\n') {
        rest = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix(['\n', '\r']))
            .unwrap_or(rest);
    }
    let head = head.trim_end_matches(['\r', '\n']);
    let sep = if rest.is_empty() { "" } else { "\r\n" };
    Ok(format!("{head}{sep}{rest}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_map_renames_the_header_and_keeps_the_lines() {
        let map = Mapping::parse(
            "map.json",
            r#"{"actors": {"kind": "Catégorie", "ecosystem": "Secteur", "name": "Nom"}}"#,
        )
        .unwrap();
        let text =
            "ID,Nom,Catégorie,Secteur\r\nfing,FING,association,\"a,\nb\"\r\nx,X,startup,\r\n";
        let renamed = rename_csv_header("a.csv", text, &map.actors, false).unwrap();
        assert!(
            renamed.starts_with("ID,name,kind,ecosystem\r\nfing,FING"),
            "{renamed:?}"
        );
        assert_eq!(renamed.lines().count(), text.lines().count());
    }

    #[test]
    fn unknown_fields_and_missing_columns_are_errors() {
        let e = Mapping::parse("m.json", r#"{"actors": {"colour": "C"}}"#).unwrap_err();
        assert!(e.message.contains("`colour` is not a civicmap field"));
        let map = Mapping::parse("m.json", r#"{"actors": {"founded": "Année"}}"#).unwrap();
        let e = rename_csv_header("a.csv", "id,name\r\n", &map.actors, false).unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("`Année`"));
    }
}
