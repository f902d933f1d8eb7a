//! GEXF, GraphML and Kumu: round trips on the default dataset, real files
//! from Gephi/graphology and a Kumu-style workbook, hostile labels, broken
//! files (see docs/formats.md).

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use civicmap::convert::csv::{export_csv, import_csv, CsvFile, CsvInput, Imported, Outcome};
use civicmap::convert::diff::diff;
use civicmap::convert::gexf::{export_gexf, import_gexf};
use civicmap::convert::graphml::{export_graphml, import_graphml};
use civicmap::convert::kumu::{export_kumu_xlsx, import_kumu, sheet_from_csv, sheets_from_xlsx};
use civicmap::convert::mapping::Mapping;
use civicmap::convert::xml::{parse, Limits};
use civicmap::model::format::dataset::Position;
use civicmap::model::format::file::Dataset;
use civicmap::model::format::validate::load;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn default_dataset() -> Dataset {
    let bytes = std::fs::read(format!("{ROOT}/static/data/civic-tech-fr.json")).unwrap();
    assert!(load(&bytes).dataset.is_some());
    serde_json::from_slice(&bytes).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{ROOT}/tests/fixtures/formats/{name}")).unwrap()
}

/// The import loads without an error (what `civicmap import` writes).
fn loads(imported: &Imported) {
    let json = serde_json::to_vec(&imported.dataset).unwrap();
    let loaded = load(&json);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// Export → import gives the same actors and links, field for field; only
/// the taxonomy labels, meta, events and stakes are not carried.
fn same_graph(original: &Dataset, back: &Imported) {
    assert_eq!(back.count(Outcome::Error), 0, "{:?}", back.notes);
    assert_eq!(back.count(Outcome::Skipped), 0, "{:?}", back.notes);
    assert_eq!(back.count(Outcome::Altered), 0, "{:?}", back.notes);
    let d = diff(original, &back.dataset);
    let actor_or_link: Vec<_> = d
        .changes
        .iter()
        .filter(|c| c.what == "actor" || c.what == "link")
        .collect();
    assert!(actor_or_link.is_empty(), "{actor_or_link:?}");
    assert_eq!(original.actors, back.dataset.actors);
    assert_eq!(original.links, back.dataset.links);
    loads(back);
}

fn with_positions(mut ds: Dataset) -> Dataset {
    for (i, a) in ds.actors.iter_mut().enumerate() {
        a.position = Some(Position {
            x: i as f64 * 1.5 - 0.1,
            y: -(i as f64) / 3.0,
        });
    }
    ds
}

#[test]
fn gexf_round_trip_keeps_actors_links_fields_and_positions() {
    let ds = with_positions(default_dataset());
    let (text, warnings) = export_gexf(&ds);
    assert!(warnings.iter().any(|w| w.contains("event")));
    let back = import_gexf("out.gexf", text.as_bytes(), &Mapping::default()).unwrap();
    same_graph(&ds, &back);
}

#[test]
fn graphml_round_trip_keeps_actors_links_fields_and_positions() {
    let ds = with_positions(default_dataset());
    let (text, _) = export_graphml(&ds);
    let back = import_graphml("out.graphml", text.as_bytes(), &Mapping::default()).unwrap();
    same_graph(&ds, &back);
}

#[test]
fn kumu_workbook_round_trip_keeps_actors_and_links() {
    // A Kumu workbook has no positions (Kumu lays its maps out itself).
    let mut ds = default_dataset();
    for a in &mut ds.actors {
        a.position = None;
    }
    let (bytes, _) = export_kumu_xlsx(&ds).unwrap();
    let (e, c) = sheets_from_xlsx("book.xlsx", &bytes).unwrap();
    let back = import_kumu(&e, c.as_ref(), &Mapping::default()).unwrap();
    same_graph(&ds, &back);
}

#[test]
fn gephi_les_miserables_nodes_keep_ids_positions_sizes() {
    let back = import_gexf(
        "edge_viz.gexf",
        &fixture("graphology-edge_viz.gexf"),
        &Mapping::default(),
    )
    .unwrap();
    let ds = &back.dataset;
    let ids: Vec<_> = ds.actors.iter().map(|a| a.id.clone().unwrap()).collect();
    assert_eq!(ids, ["0.0", "1.0"]);
    assert_eq!(ds.actors[0].name.as_deref(), Some("Myriel"));
    // Gephi's y axis points up, the map's down.
    assert_eq!(
        ds.actors[0].position,
        Some(Position {
            x: 268.72385,
            y: -91.18155
        })
    );
    assert_eq!(ds.actors[1].extra["size"], serde_json::json!(15.0));
    assert_eq!(ds.actors[0].extra["Authority"], "0.01880342");
    assert_eq!(ds.links.len(), 1);
    assert_eq!(ds.links[0].source.as_deref(), Some("1.0"));
    loads(&back);
}

#[test]
fn graphology_basic_gexf_keeps_parallel_edges_and_reports_mixed_colours() {
    let back = import_gexf(
        "basic.gexf",
        &fixture("graphology-basic.gexf"),
        &Mapping::default(),
    )
    .unwrap();
    let ds = &back.dataset;
    assert_eq!(ds.actors.len(), 2);
    assert_eq!(ds.actors[0].name.as_deref(), Some("Suzy, Ghost"));
    assert_eq!(ds.actors[0].extra["surname"], "Ghost");
    // Two edges John → Suzy, one directed, one not: both kept.
    assert_eq!(ds.links.len(), 2);
    let text: Vec<String> = back.notes.iter().map(ToString::to_string).collect();
    assert!(
        text.iter().any(|n| n.contains("different colours")),
        "{text:?}"
    );
    // "Fine edge" is the label of the first edge: its kind.
    assert_eq!(ds.links[0].kind.as_deref(), Some("fine-edge"));
    assert_eq!(ds.links[0].extra["weight"], "456");
    loads(&back);
}

#[test]
fn old_gephi_namespace_with_attvalue_ids_defaults_parallel_and_self_links() {
    let back = import_gexf(
        "old.gexf",
        &fixture("gephi-old-namespace.gexf"),
        &Mapping::default(),
    )
    .unwrap();
    let ds = &back.dataset;
    let types: Vec<_> = ds
        .actors
        .iter()
        .map(|a| a.actor_type.clone().unwrap())
        .collect();
    assert_eq!(types, ["association", "administration"]);
    assert_eq!(
        ds.actors[0].website.as_deref(),
        Some("https://www.regardscitoyens.org")
    );
    let association = &ds.taxonomy.actor_types.as_ref().unwrap()[0];
    assert_eq!(association.color.as_deref(), Some("#e69f00"));
    assert_eq!(ds.links.len(), 3, "parallel and self links are kept");
    assert_eq!(ds.links[2].source, ds.links[2].target);
    loads(&back);
}

#[test]
fn graphml_primer_file_reports_non_hex_colours_with_their_line() {
    let back = import_graphml(
        "attributes.graphml",
        &fixture("graphology-attributes.graphml"),
        &Mapping::default(),
    )
    .unwrap();
    assert_eq!(back.dataset.actors.len(), 6);
    assert_eq!(back.dataset.links.len(), 7);
    let kinds = back.dataset.taxonomy.link_kinds.as_ref().unwrap();
    assert_eq!(kinds[0].directed, Some(false), "edgedefault=undirected");
    let green = back
        .notes
        .iter()
        .find(|n| n.message.contains("`green`"))
        .unwrap();
    assert_eq!((green.outcome, green.line), (Outcome::Altered, Some(13)));
    loads(&back);
}

#[test]
fn kumu_workbook_built_from_the_default_dataset_imports_with_a_map() {
    let map = Mapping::parse(
        "kumu-map.json",
        &String::from_utf8(fixture("kumu-map.json")).unwrap(),
    )
    .unwrap();
    let (e, c) = sheets_from_xlsx("kumu.xlsx", &fixture("kumu-civic-tech-fr.xlsx")).unwrap();
    let back = import_kumu(&e, c.as_ref(), &map).unwrap();
    let original = default_dataset();
    assert_eq!(back.count(Outcome::Skipped), 0, "{:?}", back.notes);
    assert_eq!(back.dataset.actors.len(), original.actors.len());
    assert_eq!(back.dataset.links.len(), original.links.len());
    // Mapped columns land in their fields.
    let with_year = back
        .dataset
        .actors
        .iter()
        .filter(|a| a.founded.is_some())
        .count();
    let original_years = original
        .actors
        .iter()
        .filter(|a| a.founded.is_some())
        .count();
    assert_eq!(with_year, original_years);
    assert!(back.dataset.actors.iter().any(|a| !a.ecosystems.is_empty()));
    // Types came as labels: their ids are derived and reported.
    assert!(back.notes.iter().any(|n| n.message.contains("the type")));
    assert!(back.notes[0].file.starts_with("kumu.xlsx[Elements]"));
    loads(&back);
}

#[test]
fn kumu_csv_sheets_merge_repeated_labels_and_report_missing_ends() {
    let e = sheet_from_csv(
        "elements.csv",
        "Label,Type,Tags,Image\nFING,Association,a|b,\nFING,,,https://x/i.png\nFING,Startup,,\n",
    )
    .unwrap();
    let c = sheet_from_csv(
        "connections.csv",
        "From,To,Type,Direction\nFING,FING,partner,mutual\nFING,Nobody,partner,\n",
    )
    .unwrap();
    let back = import_kumu(&e, Some(&c), &Mapping::default()).unwrap();
    let ds = &back.dataset;
    assert_eq!(ds.actors.len(), 1);
    assert_eq!(ds.actors[0].objectives, ["a", "b"]);
    assert_eq!(ds.actors[0].extra["Image"], "https://x/i.png");
    assert_eq!(ds.links.len(), 1, "the self-connection is kept");
    let lines: Vec<String> = back.notes.iter().map(ToString::to_string).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("elements.csv:4: altered")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("connections.csv:3: skipped") && l.contains("Nobody")),
        "{lines:?}"
    );
}

const HOSTILE: &str = "=HYPERLINK(\"http://evil\")</label><script>&amp;\"'\n+1-@x";

fn hostile_dataset() -> Dataset {
    let mut ds = default_dataset();
    ds.actors[0].name = Some(HOSTILE.to_string());
    ds.actors[1].name = Some(format!("@{HOSTILE}"));
    ds
}

#[test]
fn a_hostile_label_stays_inert_text_in_every_export() {
    let ds = hostile_dataset();
    for (text, name) in [
        (export_gexf(&ds).0, "gexf"),
        (export_graphml(&ds).0, "graphml"),
    ] {
        // Well-formed XML: no element was injected.
        let root = parse(&text, &Limits::DEFAULT).unwrap();
        assert!(!text.contains("<script>"), "{name}");
        let _ = root;
        let back = if name == "gexf" {
            import_gexf("x", text.as_bytes(), &Mapping::default()).unwrap()
        } else {
            import_graphml("x", text.as_bytes(), &Mapping::default()).unwrap()
        };
        assert_eq!(
            back.dataset.actors[0].name.as_deref(),
            Some(HOSTILE),
            "{name}"
        );
    }
    let (bytes, _) = export_kumu_xlsx(&ds).unwrap();
    let (e, c) = sheets_from_xlsx("k.xlsx", &bytes).unwrap();
    let back = import_kumu(&e, c.as_ref(), &Mapping::default()).unwrap();
    assert_eq!(back.dataset.actors[0].name.as_deref(), Some(HOSTILE));
    // CSV (data team): quoted, not neutralised, read back exactly.
    let exported = export_csv(&ds);
    assert!(exported
        .actors
        .contains("\"=HYPERLINK(\"\"http://evil\"\")"));
    let back = import_csv(&CsvInput {
        actors: CsvFile {
            name: "a.csv",
            text: &exported.actors,
        },
        links: CsvFile {
            name: "l.csv",
            text: &exported.links,
        },
        events: None,
        stakes: None,
        taxonomy: ds.taxonomy.clone(),
        meta: ds.meta.clone(),
    });
    assert_eq!(back.dataset.actors[1].name, ds.actors[1].name);
}

#[test]
fn broken_and_hostile_xml_gives_errors_with_lines_never_a_panic() {
    let m = Mapping::default();
    let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE gexf [\n<!ENTITY lol \"lol\">\n]>\n<gexf><graph/></gexf>";
    let e = import_gexf("bomb.gexf", bomb.as_bytes(), &m).unwrap_err();
    assert_eq!((e.line, e.outcome), (Some(2), Outcome::Error));
    let xxe =
        "<graphml>\n<graph>\n<node id=\"a\"><data key=\"k\">&xxe;</data></node></graph></graphml>";
    let e = import_graphml("xxe.graphml", xxe.as_bytes(), &m).unwrap_err();
    assert_eq!(e.line, Some(3));
    let text = String::from_utf8(fixture("graphology-basic.gexf")).unwrap();
    let cut = &text[..text.len() / 2];
    let e = import_gexf("cut.gexf", cut.as_bytes(), &m).unwrap_err();
    assert!(e.line.unwrap() > 1, "{e}");
    let e = import_gexf("x.gexf", b"<graphml/>", &m).unwrap_err();
    assert!(e.message.contains("not a GEXF file"));
    let e = import_gexf("latin1.gexf", b"<gexf>\n\xe9</gexf>", &m).unwrap_err();
    assert_eq!(e.line, Some(2));
    let missing = "<gexf><graph><nodes><node id=\"a\"/></nodes><edges>\n<edge source=\"a\" target=\"b\"/></edges></graph></gexf>";
    let back = import_gexf("m.gexf", missing.as_bytes(), &m).unwrap();
    let skipped = &back
        .notes
        .iter()
        .find(|n| n.outcome == Outcome::Skipped)
        .unwrap();
    assert_eq!(skipped.line, Some(2));
}
