//! Tests of the loader: every rule on small files, limits, places.

use super::*;

#[test]
fn id_grammar() {
    for ok in ["a", "0", "cap-collectif", "a.b_c-d", &"a".repeat(100)] {
        assert!(is_valid_id(ok), "{ok}");
    }
    for bad in ["", "-a", ".a", "A", "café", "a b", "a/b", &"a".repeat(101)] {
        assert!(!is_valid_id(bad), "{bad}");
    }
}

#[test]
fn dates_are_real_calendar_days() {
    for ok in [
        "2018",
        "2018-09",
        "2018-09-26",
        "2000-02-29",
        "2024-02-29",
        "1000",
        "2100-12-31",
    ] {
        assert!(is_valid_date(ok), "{ok}");
    }
    for bad in [
        "",
        "18",
        "2018-9",
        "2018-13",
        "2018-00",
        "2018-09-31",
        "1900-02-29",
        "2019-02-29",
        "2018-09-26T10:00",
        "999",
        "2101",
        "0999-01",
        "2018-09-26-1",
        "2018/09",
        "２０１８",
        "2018-02-00",
    ] {
        assert!(!is_valid_date(bad), "{bad}");
    }
}

#[test]
fn only_absolute_http_urls() {
    for ok in [
        "https://cap-collectif.com",
        "http://x.fr/a?b=c#d",
        "HTTPS://EXAMPLE.ORG/",
        "https://fr.wikipedia.org/wiki/D%C3%A9cidim",
        "https://user@host:8080/p",
    ] {
        assert!(is_http_url(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        "JavaScript://%0aalert(1)",
        "data:text/html,<script>",
        "vbscript:msgbox",
        "/relative/path",
        "//example.org",
        "example.org",
        "ftp://example.org",
        "https://",
        "https:///path",
        "https://exa mple.org",
        "https://example.org/\"onmouseover=x",
        "https://example.org/<script>",
        " https://example.org",
    ] {
        assert!(!is_http_url(bad), "{bad}");
    }
}

use proptest::prelude::*;
use serde_json::json;

/// The check as it was written on `char`s with `split_once`, kept as the
/// reference for the byte version.
fn reference_http_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return false;
    }
    let bad_char =
        |c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\' | '`');
    if url.chars().any(bad_char) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    !host.is_empty() && !host.starts_with(':') && !host.starts_with('.')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn http_urls_as_the_reference_says(
        scheme in prop::sample::select(vec!["http://", "https://", "HTTPS://", "hTtP://", "http:/", "https:", "ftp://", "", "http:://", "https//"]),
        rest in "[a-z.:/@?#<>\"\\\\` \t\u{0}\u{7f}\u{85}\u{a0}\u{2028}é%]{0,16}",
    ) {
        let url = format!("{scheme}{rest}");
        prop_assert_eq!(is_http_url(&url), reference_http_url(&url), "{:?}", url);
    }
}

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e20f64..1e20).prop_map(Value::from),
        prop::sample::select(vec!["", "a", "circle", "pentagon", "https://x.org", "FR"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        let key = prop::sample::select(vec!["fr", "en", "label", "url", "x", "y", "id"]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..4).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

/// Where each object of the format sits in the document below, and
/// its fields.
const PLACES: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "format", "meta", "taxonomy", "actors", "links", "events", "stakes",
        ],
    ),
    (
        "/meta",
        &[
            "title",
            "version",
            "updated",
            "license",
            "attribution",
            "notes",
        ],
    ),
    (
        "/taxonomy",
        &["actor_types", "objectives", "link_kinds", "ecosystems"],
    ),
    (
        "/taxonomy/actor_types/0",
        &["id", "label", "color", "color_dark", "shape"],
    ),
    ("/taxonomy/objectives/0", &["id", "label"]),
    (
        "/taxonomy/link_kinds/0",
        &["id", "label", "inverse_label", "directed"],
    ),
    (
        "/actors/0",
        &[
            "id",
            "name",
            "aliases",
            "type",
            "objectives",
            "ecosystems",
            "founded",
            "dissolved",
            "country",
            "website",
            "description",
            "sources",
            "position",
        ],
    ),
    ("/actors/0/sources/0", &["label", "url"]),
    ("/actors/0/position", &["x", "y"]),
    (
        "/links/0",
        &[
            "source",
            "target",
            "kind",
            "since",
            "until",
            "description",
            "sources",
        ],
    ),
    ("/events/0", &["id", "date", "title", "actors", "sources"]),
    (
        "/stakes/0",
        &[
            "id",
            "category",
            "title",
            "description",
            "actors",
            "sources",
        ],
    ),
];

proptest! {
    /// The shape reader accepts every file serde accepts, and reads the
    /// same dataset from it.
    #[test]
    fn the_shape_reader_agrees_with_serde(
        place in 0..PLACES.len(),
        field in 0usize..20,
        value in arb_value(),
    ) {
        let mut doc = json!({
            "format": "civicmap/1", "meta": {},
            "taxonomy": {"actor_types": [{"id": "t"}], "objectives": [{"id": "o"}],
                         "link_kinds": [{"id": "k"}]},
            "actors": [{"id": "a", "name": "A", "type": "t",
                        "sources": [{"label": "L"}], "position": {"x": 0, "y": 0}}],
            "links": [{"source": "a", "target": "a", "kind": "k"}],
            "events": [{}], "stakes": [{}],
        });
        let (pointer, fields) = PLACES[place];
        let name = fields[field % fields.len()];
        doc.pointer_mut(pointer).unwrap()[name] = value;
        let text = doc.to_string();
        // serde (the format's definition) and the shape reader agree on
        // every file serde accepts.
        if let Ok(by_serde) = serde_json::from_str::<Dataset>(&text) {
            let Ok(Value::Object(root)) = serde_json::from_str(&text) else {
                panic!("not an object: {text}");
            };
            prop_assert_eq!(read_dataset(root), Ok(by_serde), "{}", text);
        } else if !text.contains("null") {
            // Without nulls (absent for us, an error for serde's lists),
            // what serde refuses, the shape reader refuses too.
            let Ok(Value::Object(root)) = serde_json::from_str(&text) else {
                panic!("not an object: {text}");
            };
            prop_assert!(read_dataset(root).is_err(), "{}", text);
        }
    }
}

#[test]
fn country_codes() {
    assert!(is_country_code("FR") && is_country_code("EU"));
    for bad in ["fr", "FRA", "F", "", "É1"] {
        assert!(!is_country_code(bad), "{bad}");
    }
}

#[test]
fn arrays_are_not_positions_or_labelled_sources() {
    // serde's derive would read `[x, y]` as a struct; the format says object.
    for (field, value, path) in [
        ("position", r#"[0, 0]"#, "actors[0].position"),
        ("sources", r#"[["Rapport"]]"#, "actors[0].sources[0]"),
    ] {
        let text = format!(
            r#"{{"format":"civicmap/1","taxonomy":{{"actor_types":[{{"id":"t"}}]}},
            "actors":[{{"id":"a","name":"A","type":"t","{field}":{value}}}],"links":[]}}"#
        );
        let loaded = load(text.as_bytes());
        assert!(loaded.dataset.is_none(), "{field}: {value} must be refused");
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.code == "wrong-type" && d.path == path && d.line.is_some()),
            "{field}: {:?}",
            loaded.diagnostics
        );
    }
}
