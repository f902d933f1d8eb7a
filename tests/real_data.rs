//! The loader on the real French civic-tech data: the fact sheet in
//! `shared/data/facts` (162 actors, 209 links, 106 events, 22 stakes),
//! turned into a `civicmap/1` file here, and the default dataset
//! `static/data/civic-tech-fr.json` built from it.

// A test crate: its helpers may panic like the tests they serve.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashMap;

use civicmap::model::format::complete::is_hex_color;
use civicmap::model::format::dataset::Shape;
use civicmap::model::format::validate::load;
use serde_json::{json, Value};

const FACTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/facts");

fn rows(file: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(format!("{FACTS}/{file}")).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn list(cell: &str) -> Value {
    json!(cell
        .split(';')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>())
}

fn year(cell: &str) -> Value {
    cell.parse::<i64>().map_or(Value::Null, Value::from)
}

fn text(fr: &str, en: &str) -> Value {
    json!({"fr": fr, "en": en})
}

/// `seed report` becomes a labelled source; URLs stay URLs.
fn sources(cell: &str) -> Value {
    cell.split("; ")
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s == "seed report" {
                json!({"label": {"fr": "Rapport d'activité 2018 de l'Observatoire",
                                 "en": "2018 activity report of the Observatoire"}})
            } else {
                json!(s)
            }
        })
        .collect()
}

/// The facts as a `civicmap/1` file; only `actor_types` is given in the
/// taxonomy (from the `kind` column), the other lists are left open.
fn facts_dataset() -> Value {
    let actors = rows("actors.csv");
    let mut kinds: Vec<&str> = Vec::new();
    for a in &actors {
        if !kinds.contains(&a["kind"].as_str()) {
            kinds.push(&a["kind"]);
        }
    }
    json!({
        "format": "civicmap/1",
        "meta": {"title": text("La civic tech en France", "Civic tech in France"),
                 "attribution": "Observatoire des civic tech & de la démocratie numérique"},
        "taxonomy": {
            "actor_types": kinds.iter().map(|k| json!({"id": k})).collect::<Vec<_>>(),
        },
        "actors": actors.iter().map(|a| json!({
            "id": a["id"], "name": a["name"], "aliases": list(&a["aliases"]),
            "type": a["kind"], "objectives": list(&a["objectives"]),
            "ecosystems": list(&a["ecosystem"]),
            "country": if a["country"].is_empty() { Value::Null } else { json!(a["country"]) },
            "founded": year(&a["founded"]), "dissolved": year(&a["dissolved"]),
            "website": if a["website"].is_empty() { Value::Null } else { json!(a["website"]) },
            "description": text(&a["description_fr"], &a["description_en"]),
            "sources": sources(&a["source"]),
        })).collect::<Vec<_>>(),
        "links": rows("links.csv").iter().map(|l| json!({
            "source": l["source_id"], "target": l["target_id"], "kind": l["kind"],
            "since": year(&l["since"]), "until": year(&l["until"]),
            "sources": sources(&l["source"]),
        })).collect::<Vec<_>>(),
        "events": rows("timeline.csv").iter().map(|e| json!({
            "id": e["id"], "date": e["date"], "title": text(&e["title_fr"], &e["title_en"]),
            "actors": list(&e["actor_ids"]), "sources": sources(&e["source"]),
        })).collect::<Vec<_>>(),
        "stakes": rows("issues.csv").iter().map(|s| json!({
            "id": s["id"], "category": s["category"],
            "title": text(&s["title_fr"], &s["title_en"]),
            "description": text(&s["description_fr"], &s["description_en"]),
            "actors": list(&s["actor_ids"]), "sources": sources(&s["source"]),
        })).collect::<Vec<_>>(),
    })
}

fn codes(loaded: &civicmap::model::format::validate::Loaded) -> HashMap<&'static str, usize> {
    let mut counts = HashMap::new();
    for d in &loaded.diagnostics {
        *counts.entry(d.code).or_insert(0) += 1;
    }
    counts
}

#[test]
fn the_fact_sheet_loads_with_only_the_expected_warnings() {
    let bytes = serde_json::to_vec_pretty(&facts_dataset()).unwrap();
    let loaded = load(&bytes);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let counts = codes(&loaded);
    // Two real findings of the checker: Parlement & Citoyens (founded 2013)
    // and Open Source Politics (2016) have a link dated a year earlier.
    assert_eq!(counts.get("link-before-founded"), Some(&2));
    assert_eq!(counts.len(), 3, "{counts:?}");
    // The fact sheet's README: "19 actors have no link".
    assert_eq!(
        counts.get("isolated-actor"),
        Some(&19),
        "{:#?}",
        loaded.diagnostics
    );
    // objectives, ecosystems and link_kinds are left open here.
    assert_eq!(counts.get("open-taxonomy"), Some(&3));
    for d in &loaded.diagnostics {
        assert!(d.line.is_some() && d.column.is_some(), "{d:?}");
    }

    let d = loaded.dataset.unwrap();
    assert_eq!(
        (
            d.actors.len(),
            d.links.len(),
            d.events.len(),
            d.stakes.len()
        ),
        {
            let n = civicmap::model::fixtures::fact_counts();
            (n.actors, n.links, n.events, n.stakes)
        }
    );
    // The open lists are completed from the values used (README counts).
    let ids = |terms: &[civicmap::model::format::dataset::Term]| -> Vec<String> {
        terms.iter().map(|t| t.id.clone()).collect()
    };
    let mut objectives = ids(d.taxonomy.objectives.as_ref().unwrap());
    objectives.sort();
    assert_eq!(objectives, ["co-production", "information", "mobilisation"]);
    assert_eq!(d.taxonomy.ecosystems.as_ref().unwrap().len(), 17);
    let kinds = d.taxonomy.link_kinds.as_ref().unwrap();
    assert_eq!(kinds.len(), 8);
    assert!(kinds.iter().all(|k| k.directed == Some(true)));
    // 14 actor types: the six shapes, cycling; every type has colours.
    let types = &d.taxonomy.actor_types;
    assert_eq!(types.len(), 14);
    for (i, t) in types.iter().enumerate() {
        assert_eq!(t.shape, Shape::ALL[i % 6]);
        assert!(is_hex_color(&t.color) && is_hex_color(&t.color_dark));
    }
}

#[test]
fn a_typo_in_the_real_data_is_reported_at_its_place() {
    let mut doc = facts_dataset();
    doc["links"][100]["target"] = json!("decidin");
    doc["actors"][40]["founded"] = json!(1789);
    doc["actors"][40]["dissolved"] = json!(1788);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let loaded = load(text.as_bytes());
    assert!(loaded.dataset.is_none());
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code, d.path.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("dissolved-before-founded", "actors[40].dissolved"),
            ("unknown-actor", "links[100].target"),
        ]
    );
    // The reported line really holds the value.
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown-actor")
        .unwrap();
    let line = text.lines().nth(d.line.unwrap() - 1).unwrap();
    assert_eq!(line.trim().trim_end_matches(','), "\"target\": \"decidin\"");
    assert_eq!(d.column, Some(line.find("\"decidin\"").unwrap() + 1));
}

#[test]
fn the_default_dataset_loads_with_every_row_and_its_places() {
    let bytes = std::fs::read(civicmap::model::fixtures::DEFAULT_DATASET).unwrap();
    let loaded = load(&bytes);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for d in &loaded.diagnostics {
        assert!(d.line.is_some() && d.column.is_some(), "{d:?}");
    }
    // The same two data findings as the fact sheet (see above), and the 19
    // actors without a link; the taxonomy is complete, so no open list.
    let counts = codes(&loaded);
    let expected = HashMap::from([("isolated-actor", 19), ("link-before-founded", 2)]);
    assert_eq!(counts, expected);
    let d = loaded.dataset.unwrap();
    assert_eq!(
        (
            d.actors.len(),
            d.links.len(),
            d.events.len(),
            d.stakes.len()
        ),
        {
            let n = civicmap::model::fixtures::fact_counts();
            (n.actors, n.links, n.events, n.stakes)
        }
    );
    // (Shapes are no longer optional in the checked dataset.)
    let types = &d.taxonomy.actor_types;
    assert!(!types.is_empty() && types.iter().all(|t| is_hex_color(&t.color)));
}
