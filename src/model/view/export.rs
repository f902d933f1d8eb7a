//! What a visitor downloads from the "Exporter" menu, made in the browser
//! from the view on screen: the visible actors as CSV (the list view's
//! columns, labels in the page's language, cells that a spreadsheet would
//! run as a formula neutralised), the visible subgraph as a `civicmap/1`
//! dataset, and the files' names.
//!
//! ```
//! use civicmap::model::view::export::{csv_cell, file_name};
//! assert_eq!(csv_cell("=HYPERLINK(\"http://evil\")"), "\"'=HYPERLINK(\"\"http://evil\"\")\"");
//! assert_eq!(csv_cell("Décidim"), "Décidim");
//! assert_eq!(file_name("data/civic-tech-fr.json", "list", "csv"), "civic-tech-fr-list.csv");
//! ```

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::Visible;
use crate::model::view::listing::Row;

/// One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
/// break (quotes doubled). A cell a spreadsheet would read as a formula —
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return — gets a
/// leading `'` first (OWASP's advice for CSV injection), so a hostile actor
/// name stays text when the visitor opens the file.
pub fn csv_cell(text: &str) -> String {
    let neutral = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if neutral.contains([',', '"', '\n', '\r']) || neutral.starts_with('\'') {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// The visible actors as CSV, the list view's columns in the page's
/// language: `headers` are the column titles (name, type, objectives,
/// ecosystems, founded, visible links) and each row's lists are joined
/// with `; `. Lines end with CRLF, as RFC 4180 says; a UTF-8 byte-order mark
/// starts the file so that spreadsheets read the accents right.
pub fn actors_csv(headers: [&str; 6], rows: &[Row]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(headers.iter().map(|h| csv_cell(h)).collect()));
    for r in rows {
        out.push_str(&line(vec![
            csv_cell(&r.name),
            csv_cell(&r.type_label),
            csv_cell(&r.objectives.join("; ")),
            csv_cell(&r.ecosystems.join("; ")),
            r.founded.map(|y| y.to_string()).unwrap_or_default(),
            r.links.to_string(),
        ]));
    }
    out
}

/// The visible part of `ds` as a dataset of its own: the visible actors and
/// links, the events and stakes keeping only their visible actors (those
/// left with none are dropped), the meta and the taxonomy as they are. It
/// loads as a valid `civicmap/1` file (a test checks it).
pub fn subgraph(ds: &Dataset, vis: &Visible) -> Dataset {
    let shown = |i: usize| vis.actors.get(i).copied().unwrap_or(false);
    let mut out = ds.clone();
    let kept: std::collections::HashSet<String> = ds
        .actors
        .iter()
        .enumerate()
        .filter(|(i, _)| shown(*i))
        .map(|(_, a)| a.id().to_string())
        .collect();
    out.actors = ds
        .actors
        .iter()
        .enumerate()
        .filter(|(i, _)| shown(*i))
        .map(|(_, a)| a.clone())
        .collect();
    out.links = ds
        .links
        .iter()
        .zip(&vis.links)
        .filter(|(_, &on)| on)
        .map(|(l, _)| l.clone())
        .collect();
    out.events
        .iter_mut()
        .for_each(|e| e.actors.retain(|a| kept.contains(a)));
    out.events.retain(|e| !e.actors.is_empty());
    out.stakes
        .iter_mut()
        .for_each(|s| s.actors.retain(|a| kept.contains(a)));
    out.stakes.retain(|s| !s.actors.is_empty());
    out
}

/// A download's file name: the dataset's file name without its extension
/// (or `civicmap` when it has none usable), the view, the extension —
/// only ASCII letters, digits, `-` and `_`.
pub fn file_name(dataset_location: &str, view: &str, ext: &str) -> String {
    let last = dataset_location
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('/')
        .next()
        .unwrap_or("");
    let stem = last.rsplit_once('.').map_or(last, |(s, _)| s);
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .trim_matches('-')
            .chars()
            .take(60)
            .collect()
    };
    let stem = match clean(stem) {
        s if s.is_empty() => "civicmap".to_string(),
        s => s,
    };
    format!("{stem}-{}.{}", clean(view), clean(ext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::default_dataset;
    use crate::model::format::validate;
    use crate::model::network::filter::{visible, Filter};
    use crate::model::network::graph::Graph;
    use crate::model::view::listing::{rows, Vocabulary};
    use proptest::prelude::*;

    #[test]
    fn formulas_are_neutralised_and_text_kept() {
        for evil in ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tx", "\r=1"] {
            let cell = csv_cell(evil);
            assert!(cell.starts_with("\"'"), "{evil:?} → {cell:?}");
        }
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("Cap \"Collectif\""), "\"Cap \"\"Collectif\"\"\"");
        assert_eq!(csv_cell(""), "");
    }

    /// Reads our CSV back with the csv crate, as a spreadsheet would.
    fn read_back(text: &str) -> Vec<Vec<String>> {
        let body = text.strip_prefix('\u{feff}').unwrap();
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn the_csv_holds_the_visible_actors_of_the_list() {
        let ds = default_dataset();
        let g = Graph::new(&ds);
        let f = Filter {
            types: vec!["platform".into()],
            ..Filter::default()
        };
        let vis = visible(&ds, &g, &f);
        let label = |_: Vocabulary, id: &str| id.to_uppercase();
        let list = rows(&ds, &g, &vis, label);
        let text = actors_csv(
            [
                "Nom",
                "Type",
                "Objectifs",
                "Écosystèmes",
                "Création",
                "Liens",
            ],
            &list,
        );
        let table = read_back(&text);
        assert_eq!(table.len(), vis.actor_count + 1);
        assert_eq!(table[0][3], "Écosystèmes");
        let names: Vec<&str> = table[1..].iter().map(|r| r[0].as_str()).collect();
        let expected: Vec<&str> = list.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, expected);
        assert!(table[1..].iter().all(|r| r[1] == "PLATFORM"));
    }

    proptest! {
        #[test]
        fn any_name_reads_back_as_itself_or_neutralised(name in "\\PC*") {
            let row = Row {
                actor: 0, id: "a".into(), name: name.clone(), type_id: "t".into(),
                type_label: "T".into(), objectives: vec![], ecosystems: vec![],
                founded: None, links: 0, measure: None, community: None,
            };
            let table = read_back(&actors_csv(["a", "b", "c", "d", "e", "f"], &[row]));
            prop_assert_eq!(table.len(), 2);
            let got = &table[1][0];
            if name.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                prop_assert_eq!(got, &format!("'{name}"));
            } else {
                prop_assert_eq!(got, &name);
            }
        }
    }

    #[test]
    fn the_subgraph_is_a_valid_dataset_of_the_view() {
        let ds = default_dataset();
        let g = Graph::new(&ds);
        let f = Filter {
            actor: Some("decidim".into()),
            depth: Some(1),
            ..Filter::default()
        };
        let vis = visible(&ds, &g, &f);
        let sub = subgraph(&ds, &vis);
        assert_eq!(sub.actors.len(), vis.actor_count);
        assert_eq!(sub.links.len(), vis.link_count);
        let json = serde_json::to_vec(&sub).unwrap();
        let loaded = validate::load(&json);
        assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
        let again = loaded.dataset.unwrap();
        assert_eq!(again.actors.len(), vis.actor_count);
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            file_name("https://x.example/a/b.json?x=1", "graph", "png"),
            "b-graph.png"
        );
        assert_eq!(file_name("", "list", "csv"), "civicmap-list.csv");
        assert_eq!(
            file_name("../<script>.json", "graph", "svg"),
            "script-graph.svg"
        );
    }
}
