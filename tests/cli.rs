//! Integration tests of the `civicmap` command-line tool: exit codes, the
//! compiler-like output, `--format json`, import reports, the CSV round trip.

// Test helpers outside #[test] functions may fail loudly too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::Output;

mod cli_run;
use cli_run::{run, s, stderr, stdout, ROOT};
const FACTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/facts");
const DEFAULT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/static/data/civic-tech-fr.json"
);
const TAXONOMY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/taxonomy.json");

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    cli_run::scratch("cli", name)
}

const ACTORS_HEADER: &str = "id,name,aliases,kind,objectives,ecosystem,country,founded,dissolved,website,description_fr,description_en,source\r\n";
const LINKS_HEADER: &str =
    "source_id,target_id,kind,since,until,description_fr,description_en,source\r\n";

/// Writes actors.csv and links.csv into `dir` and runs `import csv` on them
/// with the project's taxonomy.
fn import_fixture(dir: &Path, actors: &str, links: &str, extra: &[&str]) -> (Output, PathBuf) {
    let (a, l, out) = (
        dir.join("actors.csv"),
        dir.join("links.csv"),
        dir.join("out.json"),
    );
    std::fs::write(&a, actors).unwrap();
    std::fs::write(&l, links).unwrap();
    let mut args = vec![
        "import",
        "csv",
        "--actors",
        s(&a),
        "--links",
        s(&l),
        "--taxonomy",
        TAXONOMY,
        "-o",
        s(&out),
    ];
    args.extend_from_slice(extra);
    (run(&args), out)
}

#[test]
fn help_is_there_with_examples_everywhere() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["stats", "--help"],
        &["import", "--help"],
        &["export", "--help"],
        &["import", "csv", "--help"],
        &["import", "sigma", "--help"],
        &["export", "csv", "--help"],
        &["schema", "--help"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(stdout(&o).contains("Example"), "{args:?}: {}", stdout(&o));
    }
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["frobnicate"][..],
        &["check"],
        &["import", "csv", "--actors", "a.csv"],
        &["check", "--format", "xml", "x.json"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with("error:"), "{args:?}");
    }
}

#[test]
fn schema_command_matches_the_committed_schema() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let committed =
        std::fs::read_to_string(format!("{ROOT}/static/schema/civicmap-1.json")).unwrap();
    assert!(
        stdout(&o) == committed,
        "static/schema/civicmap-1.json is stale: run `civicmap schema > static/schema/civicmap-1.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert!(schema["$defs"]["Actor"]["properties"]["type"].is_object());
}

#[test]
fn check_accepts_the_default_dataset() {
    let o = run(&["check", DEFAULT]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains(": 0 errors,"), "{out}");
    assert!(!out.contains(": error["), "{out}");
}

const BROKEN: &str = r#"{
  "format": "civicmap/1",
  "taxonomy": {"actor_types": [{"id": "association"}]},
  "actors": [
    {"id": "a", "name": "A", "type": "association"},
    {"id": "b", "name": "B", "type": "association"}
  ],
  "links": [
    {"source": "a", "target": "nobody", "kind": "funds"}
  ]
}
"#;

#[test]
fn check_reports_errors_like_a_compiler_and_exits_1() {
    let dir = scratch("check_errors");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, BROKEN).unwrap();
    let o = run(&["check", s(&bad), DEFAULT]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.contains("error[") && l.contains("(at links[0].target)"))
        .unwrap_or_else(|| panic!("no error on links[0].target in:\n{out}"));
    // file:line:col: error[code]: message (at path), line 9 is the link.
    let prefix = format!("{}:9:", s(&bad));
    assert!(line.starts_with(&prefix), "{line}");
    let rest = &line[prefix.len()..];
    let (col, rest) = rest.split_once(": error[").unwrap();
    assert!(col.parse::<usize>().unwrap() >= 1);
    let (code, message) = rest.split_once("]: ").unwrap();
    assert!(!code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
    assert!(message.contains("nobody"), "{message}");
    // One summary line per file; the good file has no error.
    assert!(out.contains(&format!("{}: 1 error,", s(&bad))), "{out}");
    assert!(out.contains(&format!("{DEFAULT}: 0 errors,")), "{out}");
}

#[test]
fn check_json_format_is_machine_readable() {
    let dir = scratch("check_json");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, BROKEN).unwrap();
    let o = run(&["check", "--format", "json", s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"], 1);
    let file = &v["files"][0];
    assert_eq!(file["file"], s(&bad));
    let d = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(d["path"], "links[0].target");
    assert_eq!(d["line"], 9);
    assert!(d["column"].as_u64().unwrap() >= 1);
    assert!(d["code"].as_str().is_some_and(|c| !c.is_empty()));
}

#[test]
fn check_names_unreadable_and_malformed_files() {
    let dir = scratch("check_malformed");
    let bad = dir.join("truncated.json");
    std::fs::write(&bad, "{\n  \"format\": \"civicmap/1\",\n  \"actors\": [\n").unwrap();
    let o = run(&["check", s(&bad), "does-not-exist.json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains(&format!("{}:", s(&bad))), "{out}");
    assert!(
        out.contains("does-not-exist.json: error[read-error]"),
        "{out}"
    );
}

#[test]
fn stats_shows_the_default_dataset_counts() {
    let o = run(&["stats", DEFAULT]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let n = civicmap::model::fixtures::fact_counts();
    let line = format!(
        "{} actors, {} links, {} events, {} stakes",
        n.actors, n.links, n.events, n.stakes
    );
    assert!(out.contains(&line), "{out}");
    assert!(out.contains("     27  association"), "{out}");
    assert!(out.contains("    102  partners-with"), "{out}");
    assert!(out.contains("isolated actors: 19"), "{out}");
    let o = run(&["stats", "--format", "json", "--top", "3", DEFAULT]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["most_connected"].as_array().unwrap().len(), 3);
    assert_eq!(v["ecosystems"].as_array().unwrap().len(), 17);
}

#[test]
fn import_reports_skipped_rows_and_needs_allow_partial() {
    let dir = scratch("import_partial");
    let actors = format!(
        "{ACTORS_HEADER}a,A,,association,,civic-tech,,,,,,,\r\nB!,B,,association,,,,,,,,,\r\nc,C,,association,,,,18th,,,,,\r\n"
    );
    let links = format!("{LINKS_HEADER}a,c,funds,,,,,\r\na,zz,uses,,,,,seed report\r\n");
    let (o, out) = import_fixture(&dir, &actors, &links, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "nothing is written when rows are skipped");
    let err = stderr(&o);
    let a = s(&dir.join("actors.csv")).to_string();
    let l = s(&dir.join("links.csv")).to_string();
    assert!(
        err.contains(&format!("{a}:3: skipped: actor id `B!`")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{a}:4: altered: `founded` = `18th`")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{l}:3: skipped: link: `target_id` names an unknown actor `zz`"
        )),
        "{err}"
    );
    assert!(err.contains("2 rows were skipped"), "{err}");

    let (o, out) = import_fixture(&dir, &actors, &links, &["--allow-partial"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ds: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(ds["actors"].as_array().unwrap().len(), 2);
    assert_eq!(ds["links"].as_array().unwrap().len(), 1);
}

#[test]
fn import_rejects_a_missing_column_and_an_unclosed_quote() {
    let dir = scratch("import_broken");
    let (o, out) = import_fixture(
        &dir,
        "id,name\r\na,A\r\n",
        LINKS_HEADER,
        &["--allow-partial"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
    let a = s(&dir.join("actors.csv")).to_string();
    assert!(
        stderr(&o).contains(&format!("{a}:1: error: missing required column `kind`")),
        "{}",
        stderr(&o)
    );

    let actors = format!(
        "{ACTORS_HEADER}a,A,,association,,,,,,,\"unclosed,,\r\nb,B,,association,,,,,,,,,\r\n"
    );
    let (o, out) = import_fixture(&dir, &actors, LINKS_HEADER, &["--allow-partial"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
    assert!(
        stderr(&o).contains(&format!("{a}:2:24: error: unclosed quote")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn import_explains_spreadsheet_export_mistakes() {
    let dir = scratch("import_spreadsheet");
    // A French spreadsheet saves with `;` separators.
    let (o, _) = import_fixture(
        &dir,
        "id;name;kind\r\na;A;association\r\n",
        LINKS_HEADER,
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("seems to use `;` as separator"),
        "{}",
        stderr(&o)
    );
    // An old spreadsheet saves in Windows-1252: `é` is the byte 0xE9.
    let a = dir.join("actors.csv");
    let mut bytes = ACTORS_HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"a,D\xe9cider,,association,,,,,,,,,\r\n");
    std::fs::write(&a, bytes).unwrap();
    let l = dir.join("links.csv");
    std::fs::write(&l, LINKS_HEADER).unwrap();
    let o = run(&[
        "import",
        "csv",
        "--actors",
        s(&a),
        "--links",
        s(&l),
        "--taxonomy",
        TAXONOMY,
        "-o",
        s(&dir.join("out.json")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(&format!("{}:2:4: error[not-utf8]", s(&a))),
        "{}",
        stderr(&o)
    );
}

#[test]
fn import_names_a_broken_taxonomy_with_line_and_column() {
    let dir = scratch("import_taxonomy");
    let tax = dir.join("taxonomy.json");
    std::fs::write(
        &tax,
        "{\n  \"actor_types\": [\n    {\"id\": \"x\",}\n  ]\n}\n",
    )
    .unwrap();
    let a = dir.join("actors.csv");
    let l = dir.join("links.csv");
    std::fs::write(&a, ACTORS_HEADER).unwrap();
    std::fs::write(&l, LINKS_HEADER).unwrap();
    let o = run(&[
        "import",
        "csv",
        "--actors",
        s(&a),
        "--links",
        s(&l),
        "--taxonomy",
        s(&tax),
        "-o",
        s(&dir.join("out.json")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(&format!("{}:3:", s(&tax))),
        "{}",
        stderr(&o)
    );
}

#[test]
fn export_then_import_gives_back_the_same_files() {
    let dir = scratch("round_trip");
    let sheets = dir.join("sheets");
    let o = run(&["export", "csv", DEFAULT, "--out-dir", s(&sheets)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The one thing the sheets cannot hold: the positions, in one line.
    let warnings: Vec<_> = stderr(&o)
        .lines()
        .filter(|l| l.contains("warning"))
        .map(str::to_string)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("actors[].position: not exported")
            && warnings[0].contains("162 of 162"),
        "{warnings:?}"
    );
    // The exported CSVs are the fact sheet, byte for byte.
    for (ours, theirs) in [
        ("actors.csv", "actors.csv"),
        ("links.csv", "links.csv"),
        ("timeline.csv", "timeline.csv"),
        ("issues.csv", "issues.csv"),
    ] {
        let a = std::fs::read(sheets.join(ours)).unwrap();
        let b = std::fs::read(format!("{FACTS}/{theirs}")).unwrap();
        assert!(a == b, "{ours} differs from the fact sheet");
    }
    let back = dir.join("back.json");
    let o = run(&[
        "import",
        "csv",
        "--actors",
        s(&sheets.join("actors.csv")),
        "--links",
        s(&sheets.join("links.csv")),
        "--events",
        s(&sheets.join("timeline.csv")),
        "--stakes",
        s(&sheets.join("issues.csv")),
        "--taxonomy",
        s(&sheets.join("taxonomy.json")),
        "--meta",
        s(&sheets.join("meta.json")),
        "-o",
        s(&back),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The positions back from the map's layout (scripts/build-dataset.sh).
    let o = run(&["layout", s(&back), "-o", s(&back)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let original = std::fs::read_to_string(DEFAULT).unwrap();
    assert!(
        std::fs::read_to_string(&back).unwrap() == original,
        "round trip changed the dataset"
    );
    // Deterministic: the same input gives the same bytes, ending with a newline.
    assert!(original.ends_with("}\n"));
}

#[test]
fn import_sigma_converts_the_demo_graph_without_positions() {
    let dir = scratch("sigma");
    let out = dir.join("demo.json");
    let src = format!("{ROOT}/../shared/datasets/sigma-demo-wikipedia-dataviz.json");
    let o = run(&["import", "sigma", &src, "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let ds: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(ds["actors"].as_array().unwrap().len(), 2085);
    assert!(!text.contains("\"position\""));
    assert_eq!(ds["taxonomy"]["actor_types"].as_array().unwrap().len(), 11);
    let o = run(&["check", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
