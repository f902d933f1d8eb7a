//! The command line of the formats: `import gexf|graphml|kumu`, `export
//! gexf|graphml|kumu`, `import csv --map`, and `diff` with its exit status.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;

mod cli_run;
use cli_run::{run, s, stderr, stdout};

const DEFAULT: &str = "static/data/civic-tech-fr.json";

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    cli_run::scratch("convert_cli", name)
}

#[test]
fn export_then_import_each_format_gives_a_loadable_map() {
    let dir = scratch("round");
    for (format, file) in [
        ("gexf", "out.gexf"),
        ("graphml", "out.graphml"),
        ("kumu", "out.xlsx"),
    ] {
        let out = dir.join(file);
        let o = run(&["export", format, DEFAULT, "-o", s(&out)]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("event(s) are not written"),
            "{}",
            stderr(&o)
        );
        let back = dir.join(format!("{format}.json"));
        let o = run(&["import", format, s(&out), "-o", s(&back)]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("imported 162 actors, 209 links"),
            "{}",
            stderr(&o)
        );
        let o = run(&["check", s(&back)]);
        assert!(o.status.success(), "{}", stdout(&o));
    }
}

#[test]
fn diff_exit_status_is_0_equal_1_different_2_unreadable() {
    let dir = scratch("diff");
    let o = run(&["diff", DEFAULT, DEFAULT]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    let mut ds: serde_json::Value =
        serde_json::from_slice(&std::fs::read(DEFAULT).unwrap()).unwrap();
    let first = ds["actors"][0]["id"].as_str().unwrap().to_string();
    ds["actors"][0]["name"] = "Nouveau nom".into();
    let removed = ds["actors"]
        .as_array_mut()
        .unwrap()
        .iter()
        .position(|a| a["id"] == "fing");
    let new = dir.join("new.json");
    std::fs::write(&new, serde_json::to_vec_pretty(&ds).unwrap()).unwrap();
    let o = run(&["diff", DEFAULT, s(&new)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains(&format!("~ actor {first}: name: ")) && text.contains("→ \"Nouveau nom\""),
        "{text}"
    );
    let _ = removed;
    let o = run(&["diff", "--format", "json", DEFAULT, s(&new)]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["equal"], false);
    assert_eq!(json["changes"][0]["field"], "name");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"format\": \"civicmap/1\",").unwrap();
    assert_eq!(run(&["diff", DEFAULT, s(&broken)]).status.code(), Some(2));
    assert_eq!(run(&["diff", "nope.json", DEFAULT]).status.code(), Some(2));
}

#[test]
fn a_csv_with_other_column_names_imports_through_a_map() {
    let dir = scratch("csv_map");
    let actors = dir.join("acteurs.csv");
    std::fs::write(
        &actors,
        "Identifiant,Nom,Catégorie,Année\nfing,FING,association,2000\nrc,Regards Citoyens,association,20x9\n",
    )
    .unwrap();
    let links = dir.join("liens.csv");
    std::fs::write(&links, "De,Vers,Relation\nfing,rc,partner\n").unwrap();
    let map = dir.join("map.json");
    std::fs::write(
        &map,
        r#"{"actors": {"id": "Identifiant", "name": "Nom", "type": "Catégorie", "founded": "Année"},
            "links": {"from": "De", "to": "Vers", "kind": "Relation"}}"#,
    )
    .unwrap();
    let taxonomy = dir.join("taxonomy.json");
    std::fs::write(&taxonomy, r#"{"actor_types": [{"id": "association"}]}"#).unwrap();
    let out = dir.join("out.json");
    let o = run(&[
        "import",
        "csv",
        "--actors",
        s(&actors),
        "--links",
        s(&links),
        "--taxonomy",
        s(&taxonomy),
        "--map",
        s(&map),
        "-o",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The bad year is reported at its line of the original file.
    assert!(
        stderr(&o).contains(&format!("{}:3: altered", s(&actors))),
        "{}",
        stderr(&o)
    );
    let ds: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(ds["actors"][0]["founded"], 2000);
    assert_eq!(ds["links"][0]["kind"], "partner");
}

#[test]
fn gexf_import_reports_the_line_of_a_doctype() {
    let dir = scratch("doctype");
    let file = dir.join("bomb.gexf");
    std::fs::write(
        &file,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY a \"a\">]>\n<gexf/>\n",
    )
    .unwrap();
    let out = dir.join("out.json");
    let o = run(&["import", "gexf", s(&file), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("{}:2: error: a <!DOCTYPE>", s(&file))),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}
