//! Test fixtures (compiled in tests only): the French civic-tech dataset
//! built from the researched CSV fact sheets in `shared/data/facts`, with a
//! completed taxonomy, as the loader would give it (the checked dataset).

use crate::model::format::dataset::{Dataset, LocalizedText, Stake};
use crate::model::format::file::{self, Actor, ActorType, Link, LinkKind, Taxonomy, Term};

const FACTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/facts/");

fn rows(file: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(format!("{FACTS}{file}")).unwrap();
    r.records().map(|x| x.unwrap()).collect()
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

fn year(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

fn push_new(v: &mut Vec<String>, x: &str) {
    if !v.iter().any(|y| y == x) {
        v.push(x.to_string());
    }
}

fn terms(ids: &[String]) -> Vec<Term> {
    ids.iter()
        .map(|id| Term {
            id: Some(id.clone()),
            label: Some(LocalizedText::Plain(id.clone())),
            ..Term::default()
        })
        .collect()
}

/// The 162 actors, 209 links and 22 stakes of the fact sheets.
pub fn civic_tech() -> Dataset {
    let mut types = Vec::new();
    let mut ecos = Vec::new();
    let mut kinds = Vec::new();
    let actors: Vec<Actor> = rows("actors.csv")
        .iter()
        .map(|r| {
            push_new(&mut types, &r[3]);
            let ecosystems = list(&r[5]);
            for e in &ecosystems {
                push_new(&mut ecos, e);
            }
            Actor {
                id: Some(r[0].to_string()),
                name: Some(r[1].to_string()),
                aliases: list(&r[2]),
                actor_type: Some(r[3].to_string()),
                objectives: list(&r[4]),
                ecosystems,
                country: Some(r[6].to_string()).filter(|s| !s.is_empty()),
                founded: year(&r[7]),
                dissolved: year(&r[8]),
                ..Actor::default()
            }
        })
        .collect();
    let links: Vec<Link> = rows("links.csv")
        .iter()
        .map(|r| {
            push_new(&mut kinds, &r[2]);
            Link {
                source: Some(r[0].to_string()),
                target: Some(r[1].to_string()),
                kind: Some(r[2].to_string()),
                since: year(&r[3]),
                until: year(&r[4]),
                ..Link::default()
            }
        })
        .collect();
    let stakes: Vec<Stake> = rows("issues.csv")
        .iter()
        .map(|r| Stake {
            id: Some(r[0].to_string()),
            category: Some(r[1].to_string()),
            actors: list(&r[6]),
            ..Stake::default()
        })
        .collect();
    let objectives: Vec<String> = ["information", "mobilisation", "co-production"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let file = file::Dataset {
        format: Some("civicmap/1".into()),
        taxonomy: Taxonomy {
            actor_types: Some(
                types
                    .iter()
                    .map(|id| ActorType {
                        id: Some(id.clone()),
                        ..ActorType::default()
                    })
                    .collect(),
            ),
            objectives: Some(terms(&objectives)),
            link_kinds: Some(
                kinds
                    .iter()
                    .map(|id| LinkKind {
                        id: Some(id.clone()),
                        ..LinkKind::default()
                    })
                    .collect(),
            ),
            ecosystems: Some(terms(&ecos)),
            ..Taxonomy::default()
        },
        actors,
        links,
        stakes,
        ..file::Dataset::default()
    };
    // Completes the taxonomy, as the loader does.
    Dataset::try_from(file).unwrap()
}

/// A checked dataset from JSON that names only what a test needs: missing
/// required fields are filled in (an actor's name is its id, its type `t`; a
/// link's kind `k`), then the file goes through the checked conversion.
pub fn sketch(json: &str) -> Dataset {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    if let Some(actors) = v.get_mut("actors").and_then(|a| a.as_array_mut()) {
        for a in actors.iter_mut().filter_map(|a| a.as_object_mut()) {
            let id = a.get("id").cloned().unwrap_or_default();
            a.entry("name").or_insert(id);
            a.entry("type").or_insert("t".into());
        }
    }
    if let Some(links) = v.get_mut("links").and_then(|l| l.as_array_mut()) {
        for l in links.iter_mut().filter_map(|l| l.as_object_mut()) {
            l.entry("kind").or_insert("k".into());
        }
    }
    serde_json::from_value(v).unwrap()
}
