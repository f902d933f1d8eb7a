//! Hostile input to the loader: markup, control characters, bidirectional
//! overrides, emoji, Arabic and a 100,000-character name load as plain text
//! (`tests/fixtures/hostile.json`); URLs that could run code or point
//! nowhere are refused with `bad-url`; oversized and absurdly nested files
//! are refused with a diagnostic instead of freezing or crashing the tab.

// A test crate: its helpers may panic like the tests they serve.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use civicmap::model::format::diagnostic::Diagnostic;
use civicmap::model::format::validate::{load, load_with_limits, Limits};
use civicmap::model::network::search;
use serde_json::{json, Value};

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile.json");

fn hostile() -> Value {
    serde_json::from_slice(&std::fs::read(HOSTILE).unwrap()).unwrap()
}

fn errors(bytes: &[u8], limits: &Limits) -> Vec<Diagnostic> {
    let loaded = load_with_limits(bytes, limits);
    let errors: Vec<Diagnostic> = loaded
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    assert_eq!(loaded.dataset.is_none(), !errors.is_empty());
    errors
}

#[test]
fn hostile_text_loads_as_plain_text_unchanged() {
    let bytes = std::fs::read(HOSTILE).unwrap();
    let loaded = load_with_limits(&bytes, &Limits::default());
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    let ds = loaded.dataset.unwrap();
    let name = |id: &str| ds.actors.iter().find(|a| a.id() == id).unwrap().name();
    assert_eq!(
        name("script-tag"),
        "<script>alert(document.cookie)</script>"
    );
    assert_eq!(name("img-onerror"), "<img src=x onerror=alert(1)>");
    assert_eq!(name("long-name").chars().count(), 100_000);
    assert!(name("control-chars").contains('\u{0}') && name("control-chars").contains('\u{1b}'));
    assert!(name("rtl-override").starts_with('\u{202e}'));
    assert_eq!(name("arabic"), "الديمقراطية المفتوحة");
    assert!(name("emoji").contains("👩🏽‍💻"));
    // Unknown fields are kept, whatever they hold.
    assert!(ds.extra.contains_key("x-unknown"));
    // Same text back out: nothing escaped, stripped or truncated on the way in.
    let original = hostile();
    for (i, a) in ds.actors.iter().enumerate() {
        assert_eq!(Some(a.name()), original["actors"][i]["name"].as_str());
    }
}

#[test]
fn hostile_names_are_still_searchable() {
    let ds = load(&std::fs::read(HOSTILE).unwrap()).dataset.unwrap();
    let find = |q: &str| -> Vec<&str> {
        ds.actors
            .iter()
            .filter(|a| search::matches(a, q))
            .map(|a| a.id())
            .collect()
    };
    assert_eq!(find("الديمقراطية"), ["arabic"]);
    assert_eq!(find("منصة"), ["arabic"], "by its Arabic alias");
    assert!(
        find("democratie").contains(&"unicode-norm"),
        "combining accent"
    );
    assert_eq!(find("script alert document"), ["script-tag"]);
}

/// URLs that must never become a link in the page.
const BAD_URLS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/",
    "/relative/path",
    "relative/path",
    "../up",
    "//example.org/protocol-relative",
    "#fragment",
    "?query",
    "",
    "https:example.org",
    "http://",
    "https://exa mple.org",
    "https://example.org/\"onmouseover=\"alert(1)",
    "https://example.org/<script>",
    "https://example.org\\@evil.example",
];

/// Every place a URL can be, as a JSON pointer in hostile.json and the path
/// the diagnostic names.
const PLACES: &[(&str, &str)] = &[
    ("/actors/0/website", "actors[0].website"),
    ("/actors/0/sources/0", "actors[0].sources[0]"),
    ("/links/0/sources/0/url", "links[0].sources[0].url"),
    ("/events/0/sources", "events[0].sources[0]"),
    ("/stakes/0/sources", "stakes[0].sources[0]"),
];

#[test]
fn dangerous_and_relative_urls_are_refused_with_bad_url_where_they_are() {
    for &(pointer, path) in PLACES {
        for &url in BAD_URLS {
            let mut v = hostile();
            let slot = if pointer.ends_with("/sources") {
                // Events and stakes have no sources in the fixture: add one.
                let (parent, _) = pointer.rsplit_once('/').unwrap();
                let obj = v.pointer_mut(parent).unwrap().as_object_mut().unwrap();
                obj.insert("sources".into(), json!([null]));
                v.pointer_mut(&format!("{pointer}/0")).unwrap()
            } else {
                v.pointer_mut(pointer).unwrap()
            };
            *slot = json!(url);
            let bytes = serde_json::to_vec_pretty(&v).unwrap();
            let got: Vec<_> = errors(&bytes, &Limits::default())
                .iter()
                .map(|d| (d.code, d.path.clone(), d.line.is_some()))
                .collect();
            assert_eq!(
                got,
                [("bad-url", path.to_string(), true)],
                "{url:?} at {path}"
            );
        }
    }
}

#[test]
fn ordinary_http_urls_still_load() {
    for url in [
        "https://example.org",
        "HTTPS://EXAMPLE.ORG/Path?q=1#x",
        "http://xn--mnchen-3ya.de/",
        "https://example.org:8443/a%20b",
    ] {
        let mut v = hostile();
        v["actors"][0]["website"] = json!(url);
        let bytes = serde_json::to_vec(&v).unwrap();
        assert_eq!(errors(&bytes, &Limits::default()), [], "{url}");
    }
}

/// A valid file with `actors` actors in a chain of `links` links.
fn sized(actors: usize, links: usize) -> Vec<u8> {
    let actors: Vec<Value> = (0..actors)
        .map(|i| json!({"id": format!("a{i}"), "name": format!("A{i}"), "type": "t"}))
        .collect();
    let n = actors.len().max(1);
    let links: Vec<Value> = (0..links)
        .map(|i| json!({"source": format!("a{}", i % n), "target": format!("a{}", (i + 1) % n), "kind": "k"}))
        .collect();
    serde_json::to_vec(&json!({"format": "civicmap/1",
        "taxonomy": {"actor_types": [{"id": "t"}]}, "actors": actors, "links": links}))
    .unwrap()
}

#[test]
fn a_file_over_the_limits_is_refused_with_too_large() {
    let limits = Limits {
        max_actors: 3,
        max_links: 4,
    };
    assert_eq!(errors(&sized(3, 4), &limits), []);
    let too_large = |bytes: &[u8]| -> Vec<(String, Option<usize>)> {
        errors(bytes, &limits)
            .iter()
            .map(|d| {
                assert_eq!(d.code, "too-large");
                assert!(d.message.contains("at most"), "{}", d.message);
                (d.path.clone(), d.line)
            })
            .collect()
    };
    assert_eq!(too_large(&sized(4, 4)), [("actors".into(), Some(1))]);
    assert_eq!(too_large(&sized(3, 5)), [("links".into(), Some(1))]);
    assert_eq!(too_large(&sized(4, 5)).len(), 2);
    // The checker (`load`) has no cap.
    assert!(load(&sized(4, 5)).dataset.is_some());
    // The documented fixture: three actors, refused at two.
    let fixture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/diagnostics/too-large.json"
    ))
    .unwrap();
    let two = Limits {
        max_actors: 2,
        ..Limits::default()
    };
    let got: Vec<_> = errors(&fixture, &two)
        .iter()
        .map(|d| (d.code, d.path.clone(), d.line, d.column))
        .collect();
    assert_eq!(
        got,
        [("too-large", "actors".to_string(), Some(5), Some(13))]
    );
    assert!(load(&fixture).dataset.is_some());
}

#[test]
fn the_default_limits_refuse_one_actor_and_one_link_too_many() {
    let d = Limits::default();
    assert_eq!((d.max_actors, d.max_links), (50_000, 200_000));
    let got: Vec<_> = errors(&sized(50_001, 200_001), &d)
        .iter()
        .map(|d| (d.code, d.path.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("too-large", "actors".to_string()),
            ("too-large", "links".to_string())
        ]
    );
}

#[test]
fn absurd_nesting_is_a_diagnostic_not_a_crash() {
    for depth in [10_000, 100_000] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        let in_a_field = format!(
            r#"{{"format": "civicmap/1", "taxonomy": {{"actor_types": [{{"id": "t"}}]}},
               "actors": [{{"id": "a", "name": "A", "type": "t", "x": {arrays}}}]}}"#
        );
        let unclosed = "[".repeat(depth);
        for (what, text) in [
            ("arrays", &arrays),
            ("objects", &objects),
            ("in a field", &in_a_field),
            ("unclosed", &unclosed),
        ] {
            for limits in [Limits::NONE, Limits::default()] {
                let got = errors(text.as_bytes(), &limits);
                assert_eq!(got.len(), 1, "{depth} {what}");
                assert_eq!(got[0].code, "invalid-json", "{depth} {what}");
                assert!(got[0].line.is_some() && got[0].column.is_some());
            }
        }
    }
}
