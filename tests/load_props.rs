//! Property tests of the loader: whatever the bytes, `load` does not panic,
//! refuses exactly the files it reports errors for, and gives every
//! diagnostic a place in the file that matches the locator.

// A test crate: its helpers may panic like the tests they serve.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use civicmap::model::format::complete::is_hex_color;
use civicmap::model::format::diagnostic::Severity;
use civicmap::model::format::locate::locate;
use civicmap::model::format::validate::load;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// The invariants every load must keep.
fn check_invariants(bytes: &[u8]) {
    let loaded = load(bytes);
    assert_eq!(loaded.dataset.is_some(), !loaded.has_errors());
    let severities: Vec<Severity> = loaded.diagnostics.iter().map(|d| d.severity).collect();
    assert!(severities.is_sorted(), "errors come before warnings");

    let text = std::str::from_utf8(bytes).ok();
    let text = text.map(|t| t.strip_prefix('\u{feff}').unwrap_or(t));
    for d in &loaded.diagnostics {
        assert!(!d.message.is_empty());
        let (line, column) = match (d.line, d.column) {
            (Some(l), Some(c)) => (l, c),
            _ => panic!("diagnostic without a position: {d:?}"),
        };
        assert!(line >= 1 && column >= 1, "{d:?}");
        let Some(text) = text else { continue };
        let line_text = text.split('\n').nth(line - 1);
        let line_text = line_text.unwrap_or_else(|| panic!("line out of range: {d:?}"));
        assert!(
            column <= line_text.chars().count() + 1,
            "column out of range: {d:?}"
        );
        if let Some(exact) = locate(text, &d.path) {
            if !matches!(d.code, "invalid-json" | "empty-file") {
                assert_eq!((line, column), exact, "{d:?}");
            }
        }
    }

    if let Some(dataset) = &loaded.dataset {
        // (Shapes are no longer optional in the checked dataset.)
        let types = &dataset.taxonomy.actor_types;
        assert!(types
            .iter()
            .all(|t| is_hex_color(&t.color) && is_hex_color(&t.color_dark)));
        for a in &dataset.actors {
            assert!(types.iter().any(|t| t.id == a.actor_type), "{a:?}");
        }
        assert!(dataset.taxonomy.objectives.is_some());
        assert!(dataset.taxonomy.ecosystems.is_some());
        let kinds = dataset.taxonomy.link_kinds.as_ref().unwrap();
        for l in &dataset.links {
            assert!(kinds.iter().any(|k| k.id == l.kind), "{l:?}");
        }
    }
}

const KEYS: &[&str] = &[
    "format",
    "meta",
    "taxonomy",
    "actors",
    "links",
    "events",
    "stakes",
    "actor_types",
    "objectives",
    "link_kinds",
    "ecosystems",
    "id",
    "name",
    "type",
    "aliases",
    "founded",
    "dissolved",
    "country",
    "website",
    "description",
    "sources",
    "position",
    "x",
    "y",
    "label",
    "url",
    "source",
    "target",
    "kind",
    "since",
    "until",
    "date",
    "title",
    "actors",
    "shape",
    "color",
    "color_dark",
    "directed",
    "fr",
    "en",
];

const STRINGS: &[&str] = &[
    "civicmap/1",
    "a",
    "b",
    "c",
    "association",
    "funds",
    "information",
    "open-data",
    "https://x.org",
    "javascript:alert(1)",
    "2019-02-29",
    "2020-02-29",
    "FR",
    "circle",
    "#1b9e77",
    "",
    "é\u{1F980}\"\\\n",
];

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (990i64..2110).prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z0-9 é._:/#-]{0,12}".prop_map(Value::String),
        prop::sample::select(STRINGS).prop_map(|s| Value::String(s.into())),
    ];
    let key = prop_oneof![
        prop::sample::select(KEYS).prop_map(String::from),
        "[a-z_]{1,6}",
        ".{0,4}",
    ];
    leaf.prop_recursive(6, 96, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A valid dataset that uses every field, as a JSON value.
fn base() -> Value {
    json!({
        "format": "civicmap/1",
        "meta": {"title": {"fr": "Carte", "en": "Map"}, "updated": "2019-01-15", "version": "1"},
        "taxonomy": {
            "actor_types": [
                {"id": "association", "label": {"fr": "Association"}, "color": "#1b9e77",
                 "color_dark": "#66c2a5", "shape": "circle"},
                {"id": "startup", "label": "Start-up"}
            ],
            "objectives": [{"id": "information", "label": "Information"}],
            "link_kinds": [{"id": "funds", "label": "finance", "inverse_label": "financé par",
                            "directed": true}]
        },
        "actors": [
            {"id": "a", "name": "Alpha", "aliases": ["Ancien"], "type": "association",
             "objectives": ["information"], "ecosystems": ["civic-tech"], "founded": 2010,
             "dissolved": 2020, "country": "FR", "website": "https://a.example.org",
             "description": {"fr": "Une", "en": "One"},
             "sources": ["https://s.example.org", {"label": {"fr": "Rapport"}, "url": "http://r.org"}],
             "position": {"x": 0.5, "y": -1}},
            {"id": "b", "name": "Béta", "type": "startup"},
            {"id": "c", "name": "Gamma", "type": "startup", "founded": 2015}
        ],
        "links": [
            {"source": "a", "target": "b", "kind": "funds", "since": 2012, "until": 2014,
             "description": "x", "sources": ["https://l.example.org"]},
            {"source": "c", "target": "a", "kind": "funds"}
        ],
        "events": [{"id": "2018-launch", "date": "2018-09-26", "title": "Lancement",
                    "actors": ["a", "b"], "sources": ["https://e.example.org"]}],
        "stakes": [{"id": "open-source", "category": "technical", "title": "Libre",
                    "actors": ["c"], "sources": [{"label": "Entretien"}]}]
    })
}

/// Every JSON pointer inside `v` (depth-first).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete,
    Replace(Value),
    Duplicate,
}

fn mutate(doc: &mut Value, pick: usize, mutation: &Mutation) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    if all.is_empty() {
        return;
    }
    let target = &all[pick % all.len()];
    let (parent, last) = target.rsplit_once('/').unwrap();
    let last = last.replace("~1", "/").replace("~0", "~");
    let Some(parent) = doc.pointer_mut(parent) else {
        return;
    };
    match (parent, mutation) {
        (Value::Object(m), Mutation::Delete) => {
            m.remove(&last);
        }
        (Value::Array(items), Mutation::Delete) => {
            items.remove(last.parse::<usize>().unwrap());
        }
        (Value::Object(m), Mutation::Replace(v)) => {
            m.insert(last, v.clone());
        }
        (Value::Array(items), Mutation::Replace(v)) => {
            items[last.parse::<usize>().unwrap()] = v.clone();
        }
        (Value::Array(items), Mutation::Duplicate) => {
            let item = items[last.parse::<usize>().unwrap()].clone();
            items.push(item);
        }
        _ => {}
    }
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Delete),
        Just(Mutation::Duplicate),
        arb_json().prop_map(Mutation::Replace),
        prop::sample::select(STRINGS).prop_map(|s| Mutation::Replace(Value::String(s.into()))),
    ]
}

fn serialize(v: &Value, pretty: bool) -> Vec<u8> {
    if pretty {
        serde_json::to_vec_pretty(v).unwrap()
    } else {
        serde_json::to_vec(v).unwrap()
    }
}

#[test]
fn the_base_dataset_is_valid() {
    let loaded = load(&serialize(&base(), true));
    let codes: Vec<_> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["open-taxonomy"],
        "ecosystems is left open on purpose"
    );
    check_invariants(&serialize(&base(), true));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_invariants(&bytes);
    }

    #[test]
    fn arbitrary_json_values(v in arb_json(), pretty in any::<bool>()) {
        check_invariants(&serialize(&v, pretty));
    }

    #[test]
    fn arbitrary_values_under_the_known_top_level_keys(
        fields in prop::collection::vec(
            (prop::sample::select(&KEYS[..7]), arb_json()), 0..7),
        pretty in any::<bool>(),
    ) {
        let mut doc = Map::new();
        doc.insert("format".into(), json!("civicmap/1"));
        doc.extend(fields.into_iter().map(|(k, v)| (k.to_string(), v)));
        check_invariants(&serialize(&Value::Object(doc), pretty));
    }

    #[test]
    fn mutated_valid_datasets(
        mutations in prop::collection::vec((any::<usize>(), arb_mutation()), 1..5),
        pretty in any::<bool>(),
    ) {
        let mut doc = base();
        for (pick, m) in &mutations {
            mutate(&mut doc, *pick, m);
        }
        check_invariants(&serialize(&doc, pretty));
    }

    #[test]
    fn truncated_and_spliced_valid_files(cut in 0usize..2000, insert in ".{0,3}") {
        let text = String::from_utf8(serialize(&base(), true)).unwrap();
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        check_invariants(&text.as_bytes()[..cut]);
        let spliced = format!("{}{insert}{}", &text[..cut], &text[cut..]);
        check_invariants(spliced.as_bytes());
    }
}
