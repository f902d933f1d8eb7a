//! One small fixture per diagnostic code (`tests/fixtures/diagnostics/`),
//! checked through one helper: the exact code, severity, path, line and
//! column a data team member would read.

// A test crate: its helpers may panic like the tests they serve.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use civicmap::model::format::complete::is_hex_color;
use civicmap::model::format::diagnostic::Severity;
use civicmap::model::format::validate::load;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/diagnostics/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Loads the fixture named after `code` and asserts it gives exactly one
/// diagnostic, with that code, at `path`, `line`:`column`.
fn check(code: &str, path: &str, line: usize, column: usize) {
    let loaded = load(&fixture(code));
    let got: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.path.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        got,
        [(code, path, Some(line), Some(column))],
        "fixture {code}.json: {:#?}",
        loaded.diagnostics
    );
    let d = &loaded.diagnostics[0];
    assert!(!d.message.is_empty());
    // An error refuses the file; a warning does not.
    assert_eq!(
        loaded.dataset.is_none(),
        d.severity == Severity::Error,
        "{code}"
    );
}

#[test]
fn errors() {
    check("invalid-utf8", "", 8, 26);
    check("empty-file", "", 1, 1);
    check("invalid-json", "", 4, 32);
    check("not-an-object", "", 1, 1);
    check("wrong-type", "actors[0].aliases", 8, 64);
    check("bad-shape", "taxonomy.actor_types[0].shape", 4, 52);
    check("wrong-format", "format", 2, 13);
    check("missing-field", "actors[1].name", 9, 5);
    check("bad-id", "actors[1].id", 9, 12);
    check("duplicate-id", "actors[2].id", 10, 12);
    check("unknown-actor", "links[1].target", 13, 31);
    check("not-in-taxonomy", "actors[1].type", 9, 38);
    check("bad-date", "events[0].date", 8, 35);
    check("bad-year", "actors[0].founded", 8, 64);
    check("dissolved-before-founded", "actors[0].dissolved", 8, 83);
    check("until-before-since", "links[0].until", 12, 77);
    check("bad-url", "actors[0].sources[1].url", 9, 71);
}

#[test]
fn warnings() {
    check("isolated-actor", "actors[2]", 10, 5);
    check("duplicate-link", "links[1]", 13, 5);
    check("self-link", "links[1]", 13, 5);
    check("link-before-founded", "links[0].since", 12, 62);
    check("link-after-dissolved", "links[0].since", 12, 62);
    check("bad-country", "actors[0].country", 8, 64);
    check("open-taxonomy", "taxonomy", 3, 15);
    check("alias-collision", "actors[0].aliases[1]", 8, 79);
    check("missing-directed", "taxonomy.link_kinds[0]", 5, 20);
    check("bad-color", "taxonomy.actor_types[0].color", 4, 52);
}

#[test]
fn every_documented_code_has_a_fixture_and_every_fixture_a_documented_code() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md"))
        .unwrap();
    // Codes are the level-3 headings: "### `code` (error)".
    let documented: Vec<&str> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("### `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diagnostics");
    let mut fixtures: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .replace(".json", "")
        })
        .collect();
    fixtures.sort();
    for f in &fixtures {
        assert!(documented.contains(&f.as_str()), "{f} is not documented");
    }
    for code in documented {
        // `invalid-structure` is a safety net no file reaches (see the docs).
        if code != "invalid-structure" {
            assert!(fixtures.iter().any(|f| f == code), "no fixture for {code}");
        }
    }
}

#[test]
fn the_minimal_valid_file_loads_without_diagnostics() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid-minimal.json"
    ))
    .unwrap();
    let loaded = load(&bytes);
    assert_eq!(loaded.diagnostics, []);
    let d = loaded.dataset.unwrap();
    assert_eq!(d.actors.len(), 2);
    // Completed taxonomy: shapes, colours, and the open lists (empty here).
    // (The checked type has no `Option` left for them: they are set.)
    let t = &d.taxonomy.actor_types[0];
    assert_eq!(t.shape, civicmap::model::format::dataset::Shape::Circle);
    assert!(is_hex_color(&t.color) && is_hex_color(&t.color_dark));
    assert_eq!(d.taxonomy.objectives, Some(vec![]));
}

/// Diagnostics are ordered errors first, then warnings, each in file order,
/// and a file with several mistakes gets all of them in one run.
#[test]
fn several_mistakes_are_all_reported_in_order() {
    let text = r#"{
  "format": "civicmap/1",
  "taxonomy": {"actor_types": [{"id": "ngo"}, {"id": "ngo"}]},
  "actors": [
    {"id": "a", "name": "A", "type": "ngo", "country": "fr"},
    {"id": "b", "name": "B", "type": "ngo", "website": "www.b.org"},
    {"id": "c", "type": "ngo"}
  ],
  "links": [{"source": "a", "target": "zz", "kind": "uses", "since": 3000}],
  "events": [{"date": "2019-13", "actors": ["b", "nobody"]}]
}"#;
    let loaded = load(text.as_bytes());
    assert!(loaded.dataset.is_none());
    let got: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.path.as_str(), d.line.unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("duplicate-id", "taxonomy.actor_types[1].id", 3),
            ("bad-url", "actors[1].website", 6),
            ("missing-field", "actors[2].name", 7),
            ("unknown-actor", "links[0].target", 9),
            ("bad-year", "links[0].since", 9),
            ("bad-date", "events[0].date", 10),
            ("unknown-actor", "events[0].actors[1]", 10),
            ("open-taxonomy", "taxonomy", 3),
            ("bad-country", "actors[0].country", 5),
            ("isolated-actor", "actors[1]", 6),
            ("isolated-actor", "actors[2]", 7),
        ]
    );
}

#[test]
fn several_type_errors_are_reported_together_with_their_places() {
    let text = "{\"format\": \"civicmap/1\", \"taxonomy\": {\"actor_types\": {}},\n\
                \"actors\": [{\"id\": 7, \"name\": \"A\", \"type\": \"x\", \"founded\": \"2014\"},\n\
                \"oops\"], \"links\": [{\"source\": \"a\", \"target\": \"a\", \"kind\": \"k\", \
                \"since\": 2014.5, \"description\": {\"fr\": 1}}]}";
    let loaded = load(text.as_bytes());
    let got: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.path.as_str(), d.line.unwrap(), d.column.unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("wrong-type", "taxonomy.actor_types", 1, 54),
            ("wrong-type", "actors[0].id", 2, 19),
            ("wrong-type", "actors[0].founded", 2, 59),
            ("wrong-type", "actors[1]", 3, 1),
            ("bad-year", "links[0].since", 3, 73),
            ("wrong-type", "links[0].description.fr", 3, 103),
        ]
    );
}

#[test]
fn null_means_absent_and_unknown_fields_are_kept() {
    let text = r#"{"format": "civicmap/1", "meta": null, "future": {"x": [1, 2]},
      "taxonomy": {"actor_types": [{"id": "t", "shape": null, "icon": "🦀"}], "objectives": null},
      "actors": [{"id": "a", "name": "A", "type": "t", "dissolved": null, "aliases": null,
                  "rank": 3}, {"id": "b", "name": "B", "type": "t"}],
      "links": [{"source": "a", "target": "b", "kind": "k", "until": null}]}"#;
    let loaded = load(text.as_bytes());
    let codes: Vec<_> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["open-taxonomy"], "{:#?}", loaded.diagnostics);
    let d = loaded.dataset.unwrap();
    assert_eq!(d.extra["future"], serde_json::json!({"x": [1, 2]}));
    assert_eq!(d.actors[0].extra["rank"], serde_json::json!(3));
    assert_eq!(d.taxonomy.actor_types[0].extra["icon"], "🦀");
    assert_eq!(d.actors[0].dissolved, None);
}

#[test]
fn missing_required_fields_at_every_level() {
    let text = r#"{"actors": [{"name": "A"}], "links": [{}]}"#;
    let loaded = load(text.as_bytes());
    let got: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "missing-field")
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        got,
        [
            "format",
            "taxonomy.actor_types",
            "actors[0].id",
            "actors[0].type",
            "links[0].source",
            "links[0].target",
            "links[0].kind",
        ]
    );
}

#[test]
fn hostile_inputs_give_one_clear_error() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let deep_inside = format!(r#"{{"format": "civicmap/1", "x": {deep}}}"#);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (vec![], "empty-file"),
        (b"   \r\n\t".to_vec(), "empty-file"),
        (b"\xEF\xBB\xBF".to_vec(), "empty-file"),
        (vec![0xff, 0xfe, b'{', 0, b'}', 0], "invalid-utf8"),
        (b"[]".to_vec(), "not-an-object"),
        (b"\"civicmap/1\"".to_vec(), "not-an-object"),
        (b"null".to_vec(), "not-an-object"),
        (b"{} {}".to_vec(), "invalid-json"),
        (b"{\"format\": \"civicmap/1\",}".to_vec(), "invalid-json"),
        (b"{\"a\": 1e999}".to_vec(), "invalid-json"),
        (deep.clone().into_bytes(), "invalid-json"),
        (deep_inside.into_bytes(), "invalid-json"),
    ];
    for (bytes, code) in cases {
        let loaded = load(&bytes);
        assert!(loaded.dataset.is_none());
        assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
        let d = &loaded.diagnostics[0];
        assert_eq!(d.code, code, "{d:?}");
        assert!(d.line.is_some() && d.column.is_some(), "{d:?}");
    }
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fixture("wrong-format"));
    let d = &load(&bytes).diagnostics[0];
    assert_eq!(
        (d.code, d.line, d.column),
        ("wrong-format", Some(2), Some(13))
    );
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fixture("invalid-utf8"));
    let d = &load(&bytes).diagnostics[0];
    assert_eq!(
        (d.code, d.line, d.column),
        ("invalid-utf8", Some(8), Some(26))
    );
}

#[test]
fn a_50_mb_file_is_checked_without_a_size_cap() {
    let mut text = String::from(
        r#"{"format": "civicmap/1", "taxonomy": {"actor_types": [{"id": "t"}]}, "padding": ""#,
    );
    text.push_str(&"é".repeat(25_000_000));
    text.push_str("\",\n \"actors\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"u\"}]}");
    assert!(text.len() > 50_000_000);
    let loaded = load(text.as_bytes());
    let d = &loaded.diagnostics[0];
    assert_eq!(
        (d.code, d.path.as_str(), d.line, d.column),
        ("not-in-taxonomy", "actors[0].type", Some(2), Some(46))
    );
}
