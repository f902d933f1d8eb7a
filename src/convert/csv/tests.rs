//! Tests of the CSV import and export: small fixtures for each rule, the
//! real fact sheet, and property tests (round trip, no panic).

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::model::format::file::{ActorType, LinkKind, Term};

const FACTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/facts/");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/");

fn read(path: String) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn term(id: &str) -> Term {
    Term {
        id: Some(id.to_string()),
        ..Term::default()
    }
}

fn small_taxonomy() -> Taxonomy {
    Taxonomy {
        actor_types: Some(
            ["association", "platform"]
                .iter()
                .map(|t| ActorType {
                    id: Some(t.to_string()),
                    ..ActorType::default()
                })
                .collect(),
        ),
        objectives: Some(vec![term("information"), term("co-production")]),
        link_kinds: Some(
            ["uses", "funds"]
                .iter()
                .map(|k| LinkKind {
                    id: Some(k.to_string()),
                    ..LinkKind::default()
                })
                .collect(),
        ),
        ecosystems: Some(vec![term("civic-tech"), term("open-data")]),
        ..Taxonomy::default()
    }
}

const ACTORS_HEADER: &str = "id,name,aliases,kind,objectives,ecosystem,country,founded,dissolved,website,description_fr,description_en,source\r\n";
const LINKS_HEADER: &str =
    "source_id,target_id,kind,since,until,description_fr,description_en,source\r\n";

/// Imports the given actors and links CSV bodies (header added) with the
/// small taxonomy.
fn import(actors: &str, links: &str) -> Imported {
    let actors = format!("{ACTORS_HEADER}{actors}");
    let links = format!("{LINKS_HEADER}{links}");
    import_csv(&CsvInput {
        actors: CsvFile {
            name: "actors.csv",
            text: &actors,
        },
        links: CsvFile {
            name: "links.csv",
            text: &links,
        },
        events: None,
        stakes: None,
        taxonomy: small_taxonomy(),
        meta: Meta::default(),
    })
}

/// The notes as `file:line: outcome: message` lines.
fn report(imported: &Imported) -> Vec<String> {
    imported.notes.iter().map(ToString::to_string).collect()
}

fn real_input<'a>(texts: &'a [String; 4], taxonomy: Taxonomy, meta: Meta) -> CsvInput<'a> {
    CsvInput {
        actors: CsvFile {
            name: "actors.csv",
            text: &texts[0],
        },
        links: CsvFile {
            name: "links.csv",
            text: &texts[1],
        },
        events: Some(CsvFile {
            name: "timeline.csv",
            text: &texts[2],
        }),
        stakes: Some(CsvFile {
            name: "issues.csv",
            text: &texts[3],
        }),
        taxonomy,
        meta,
    }
}

fn real_texts() -> [String; 4] {
    ["actors", "links", "timeline", "issues"].map(|f| read(format!("{FACTS}{f}.csv")))
}

fn real_taxonomy() -> Taxonomy {
    parse_taxonomy("taxonomy.json", &read(format!("{DATA}taxonomy.json"))).unwrap()
}

#[test]
fn a_full_row_maps_every_column() {
    let imported = import(
        "cap,Cap Collectif,Capco;Cap-Collectif,platform,information;co-production,civic-tech,FR,2014,2020,https://cap-collectif.com,Une plateforme,\"A platform, really\",seed report; https://a.example/x\r\n",
        "",
    );
    assert!(imported.notes.is_empty(), "{:?}", report(&imported));
    let a = &imported.dataset.actors[0];
    assert_eq!(a.id(), "cap");
    assert_eq!(a.name(), "Cap Collectif");
    assert_eq!(a.aliases, ["Capco", "Cap-Collectif"]);
    assert_eq!(a.actor_type(), "platform");
    assert_eq!(a.objectives, ["information", "co-production"]);
    assert_eq!(a.ecosystems, ["civic-tech"]);
    assert_eq!(a.country.as_deref(), Some("FR"));
    assert_eq!((a.founded, a.dissolved), (Some(2014), Some(2020)));
    assert_eq!(a.website.as_deref(), Some("https://cap-collectif.com"));
    let d = a.description.as_ref().unwrap();
    assert_eq!(
        (d.get("fr"), d.get("en")),
        ("Une plateforme", "A platform, really")
    );
    assert_eq!(
        a.sources,
        [
            seed_report_source(),
            Source::Url("https://a.example/x".to_string())
        ]
    );
    assert_eq!(
        a.sources[0].clone(),
        serde_json::from_str::<Source>(
            r#"{"label": {"fr": "Rapport d'activité 2018 de l'Observatoire des civic tech", "en": "2018 activity report of the Civic Tech Observatory"}}"#
        )
        .unwrap()
    );
}

#[test]
fn empty_cells_become_absent_fields() {
    let imported = import("fing,FING,,association,,,,,,,,,\r\n", "");
    assert!(imported.notes.is_empty(), "{:?}", report(&imported));
    let json = serde_json::to_value(&imported.dataset.actors[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"id": "fing", "name": "FING", "type": "association"})
    );
}

#[test]
fn rows_that_cannot_be_imported_are_skipped_with_file_and_line() {
    let imported = import(
        concat!(
            "ok,OK,,association,,,,,,,,,\r\n",
            ",No id,,association,,,,,,,,,\r\n",
            "Bad Id,Bad,,association,,,,,,,,,\r\n",
            "ok,Again,,association,,,,,,,,,\r\n",
            "noname,,,association,,,,,,,,,\r\n",
            "weird,Weird,,spaceship,,,,,,,,,\r\n",
            "short,Short,association\r\n",
        ),
        concat!(
            "ok,weird,uses,,,,,\r\n",
            "ok,ok,hates,,,,,\r\n",
            "ok,,uses,,,,,\r\n",
        ),
    );
    assert_eq!(imported.dataset.actors.len(), 1);
    assert!(imported.dataset.links.is_empty());
    assert_eq!(
        report(&imported),
        [
            "actors.csv:3: skipped: the actor has no `id`",
            "actors.csv:4: skipped: actor id `Bad Id` breaks the id grammar ^[a-z0-9][a-z0-9._-]{0,99}$",
            "actors.csv:5: skipped: duplicate actor id `ok` (first at line 2)",
            "actors.csv:6: skipped: actor `noname` has no `name`",
            "actors.csv:7: skipped: actor `weird` has kind `spaceship`, which is not in the taxonomy's actor_types",
            "actors.csv:8: skipped: the row has 3 cells, the header has 13",
            "links.csv:2: skipped: link: `target_id` names an unknown actor `weird` (its row actors.csv:7 was skipped)",
            "links.csv:3: skipped: link: kind `hates` is not in the taxonomy's link_kinds",
            "links.csv:4: skipped: link: no `target_id`",
        ]
    );
    assert_eq!(imported.count(Outcome::Skipped), 9);
    assert_eq!(imported.count(Outcome::Altered), 0);
}

#[test]
fn bad_values_are_left_out_and_reported_as_altered() {
    let imported = import(
        concat!(
            "a,A,,association,information;dreaming,civic-tech;moon,,19x5,1990,ftp://a,,,\r\n",
            "b,B,,association,,,,2010,2001,,,,\r\n",
        ),
        "a,b,uses,2015,2012,,,not a url; https://ok.example\r\n",
    );
    let a = &imported.dataset.actors[0];
    assert_eq!(a.objectives, ["information"]);
    assert_eq!(a.ecosystems, ["civic-tech"]);
    assert_eq!(
        (a.founded, a.dissolved, a.website.as_deref()),
        (None, Some(1990), None)
    );
    assert_eq!(imported.count(Outcome::Altered), 6);
    assert_eq!(imported.rows(Outcome::Altered), 3);
    let b = &imported.dataset.actors[1];
    assert_eq!((b.founded, b.dissolved), (Some(2010), None));
    let l = &imported.dataset.links[0];
    assert_eq!((l.since, l.until), (Some(2015), None));
    assert_eq!(l.sources.len(), 2);
    assert_eq!(
        report(&imported),
        [
            "actors.csv:2: altered: objective `dreaming` is not in the taxonomy: left out",
            "actors.csv:2: altered: ecosystem `moon` is not in the taxonomy: left out",
            "actors.csv:2: altered: `founded` = `19x5` is not a year from 1000 to 2100: left empty",
            "actors.csv:2: altered: website `ftp://a` is not an http(s) URL: left empty",
            "actors.csv:3: altered: `dissolved` = 2001 is before `founded` = 2010: dissolved left empty",
            "links.csv:2: altered: `until` = 2012 is before `since` = 2015: until left empty",
            "links.csv:2: warning: source `not a url` is not an http(s) URL: kept as a labelled source",
        ]
    );
}

#[test]
fn a_missing_required_column_is_an_error_not_a_panic() {
    let imported = import_csv(&CsvInput {
        actors: CsvFile {
            name: "actors.csv",
            text: "id,name\r\na,A\r\nb,B\r\n",
        },
        links: CsvFile {
            name: "links.csv",
            text: "",
        },
        events: None,
        stakes: None,
        taxonomy: small_taxonomy(),
        meta: Meta::default(),
    });
    assert!(imported.dataset.actors.is_empty());
    let r = report(&imported);
    assert_eq!(
        r[0],
        "actors.csv:1: error: missing required column `kind`: none of the 2 rows of this file is imported"
    );
    assert!(
        r[1].starts_with("links.csv:1: error: the file is empty"),
        "{r:?}"
    );
}

#[test]
fn optional_and_unknown_columns_are_reported_and_order_does_not_matter() {
    let imported = import_csv(&CsvInput {
        actors: CsvFile {
            name: "actors.csv",
            text: "kind,colour,name,id\r\nassociation,red,FING,fing\r\n",
        },
        links: CsvFile {
            name: "links.csv",
            text: "kind,target_id,source_id\r\n",
        },
        events: None,
        stakes: None,
        taxonomy: small_taxonomy(),
        meta: Meta::default(),
    });
    assert_eq!(imported.dataset.actors[0].name(), "FING");
    let r = report(&imported);
    assert!(r.contains(&"actors.csv:1: warning: unknown column `colour` is ignored".to_string()));
    assert!(r.contains(
        &"actors.csv:1: warning: column `aliases` is missing: its values stay empty".to_string()
    ));
    assert_eq!(imported.count(Outcome::Error), 0);
}

#[test]
fn an_unclosed_quote_points_at_the_quote() {
    let imported = import(
        "a,A,,association,,,,,,,,,\r\nb,B,,association,,,,,,,\"oops,,\r\nc,C,,association,,,,,,,,,\r\n",
        "",
    );
    assert_eq!(imported.dataset.actors.len(), 1);
    assert_eq!(
        report(&imported)[0],
        "actors.csv:3:24: error: unclosed quote: the cell opened here runs to the end of the file, so lines 3–4 are not imported"
    );
}

#[test]
fn unknown_actors_in_events_and_stakes_are_left_out() {
    let actors = format!("{ACTORS_HEADER}a,A,,association,,,,,,,,,\r\n");
    let imported = import_csv(&CsvInput {
        actors: CsvFile {
            name: "actors.csv",
            text: &actors,
        },
        links: CsvFile {
            name: "links.csv",
            text: LINKS_HEADER,
        },
        events: Some(CsvFile {
            name: "timeline.csv",
            text: "id,date,title_fr,title_en,actor_ids,source\r\n2019-x,2019-02-30,Titre,,a;zz,\r\n2019-x,2019,,,,\r\n",
        }),
        stakes: Some(CsvFile {
            name: "issues.csv",
            text: "id,category,title_fr,title_en,description_fr,description_en,actor_ids,source\r\ns,political,,T,,,zz;a,\r\n",
        }),
        taxonomy: small_taxonomy(),
        meta: Meta::default(),
    });
    let ds = &imported.dataset;
    assert_eq!(ds.events.len(), 1);
    assert_eq!(ds.events[0].actors, ["a"]);
    assert_eq!(ds.events[0].date, None);
    assert_eq!(ds.stakes[0].actors, ["a"]);
    assert_eq!(ds.stakes[0].category.as_deref(), Some("political"));
    assert_eq!(
        report(&imported),
        [
            "timeline.csv:2: altered: date `2019-02-30` is not YYYY, YYYY-MM or YYYY-MM-DD: left empty",
            "timeline.csv:2: altered: unknown actor `zz`: left out",
            "timeline.csv:3: skipped: duplicate event id `2019-x` (first at line 2)",
            "issues.csv:2: altered: unknown actor `zz`: left out",
        ]
    );
}

#[test]
fn dates_ids_and_urls() {
    for ok in ["2019", "2019-10", "2019-10-25", "2020-02-29"] {
        assert!(is_valid_date(ok), "{ok}");
    }
    for bad in [
        "19",
        "2019-13",
        "2019-1-05",
        "2019-02-29",
        "2019-10-25T10",
        "",
        "abcd",
    ] {
        assert!(!is_valid_date(bad), "{bad}");
    }
    assert!(is_valid_id("a") && is_valid_id("0.b_c-d") && is_valid_id(&"a".repeat(100)));
    assert!(
        !is_valid_id("")
            && !is_valid_id("-a")
            && !is_valid_id("A")
            && !is_valid_id(&"a".repeat(101))
    );
    assert!(is_http_url("https://x.fr/a?b") && is_http_url("http://x"));
    assert!(!is_http_url("https://") && !is_http_url("ftp://x") && !is_http_url("https://a b"));
}

#[test]
fn json_syntax_errors_have_line_and_column() {
    let err = parse_taxonomy("t.json", "{\n  \"actor_types\": [,]\n}").unwrap_err();
    assert_eq!((err.line, err.outcome), (Some(2), Outcome::Error));
    assert!(err.to_string().starts_with("t.json:2:"), "{err}");
    let err = parse_taxonomy("t.json", "{}").unwrap_err();
    assert!(err.message.contains("actor_types"));
    assert!(parse_meta("m.json", "{\"title\": 3}").is_err());
}

#[test]
fn the_real_fact_sheet_imports_without_a_note() {
    let texts = real_texts();
    let imported = import_csv(&real_input(&texts, real_taxonomy(), Meta::default()));
    assert!(imported.notes.is_empty(), "{:#?}", report(&imported));
    let ds = &imported.dataset;
    assert_eq!(
        (
            ds.actors.len(),
            ds.links.len(),
            ds.events.len(),
            ds.stakes.len()
        ),
        (162, 209, 106, 22)
    );
    let dinum = ds.actors.iter().find(|a| a.id() == "dinum").unwrap();
    assert!(dinum.aliases.iter().any(|a| a == "DINSIC"));
    let dissolved = ds.actors.iter().filter(|a| a.dissolved.is_some()).count();
    assert_eq!(dissolved, 4);
    assert_eq!(ds.links.iter().filter(|l| l.until.is_some()).count(), 6);
    assert_eq!(ds.stakes.iter().map(|s| s.actors.len()).sum::<usize>(), 117);
    let seed = seed_report_source();
    assert!(ds.actors.iter().any(|a| a.sources.contains(&seed)));
}

#[test]
fn the_real_fact_sheet_exports_back_byte_for_byte() {
    let texts = real_texts();
    let imported = import_csv(&real_input(&texts, real_taxonomy(), Meta::default()));
    let exported = export_csv(&imported.dataset);
    assert!(exported.warnings.is_empty(), "{:?}", exported.warnings);
    assert_eq!(exported.actors, texts[0]);
    assert_eq!(exported.links, texts[1]);
    assert_eq!(exported.events, texts[2]);
    assert_eq!(exported.stakes, texts[3]);
}

#[test]
fn the_taxonomy_covers_the_facts_with_unique_colour_shape_pairs() {
    let taxonomy = real_taxonomy();
    let types = taxonomy.actor_types.as_ref().unwrap();
    assert_eq!(types.len(), 14);
    let mut pairs = std::collections::HashSet::new();
    let mut colours = std::collections::HashSet::new();
    for t in types {
        let label = t.label.as_ref().unwrap();
        assert!(!label.get("fr").is_empty() && !label.get("en").is_empty());
        let colour = t.color.clone().unwrap();
        let dark = t.color_dark.clone().unwrap();
        for c in [&colour, &dark] {
            assert!(c.len() == 7 && c.starts_with('#'), "{c}");
            assert!(c[1..]
                .chars()
                .all(|h| h.is_ascii_hexdigit() && !h.is_ascii_uppercase()));
        }
        assert!(
            pairs.insert((colour.clone(), t.shape.unwrap())),
            "{:?}",
            t.id
        );
        assert!(colours.insert(colour), "{:?} shares its colour", t.id);
    }
    // The six most frequent types each have a shape of their own.
    let top: std::collections::HashSet<_> = types[..6].iter().map(|t| t.shape).collect();
    assert_eq!(top.len(), 6);
    for k in taxonomy.link_kinds.as_ref().unwrap() {
        assert!(k.label.is_some() && k.inverse_label.is_some());
        assert_eq!(k.directed, Some(k.id.as_deref() != Some("partners-with")));
    }
    // Every value used in the fact sheet is declared (the import reports
    // nothing, see above) and every declared value is used.
    let texts = real_texts();
    let ds = import_csv(&real_input(&texts, taxonomy.clone(), Meta::default())).dataset;
    for t in types {
        assert!(
            ds.actors
                .iter()
                .any(|a| a.actor_type.as_ref() == t.id.as_ref()),
            "{:?}",
            t.id
        );
    }
    for e in taxonomy.ecosystems.as_ref().unwrap() {
        let id = e.id.clone().unwrap();
        assert!(ds.actors.iter().any(|a| a.ecosystems.contains(&id)), "{id}");
    }
    assert_eq!(taxonomy.link_kinds.as_ref().unwrap().len(), 8);
    assert_eq!(taxonomy.objectives.as_ref().unwrap().len(), 3);
}

#[test]
fn a_bom_is_ignored() {
    let imported = import_csv(&CsvInput {
        actors: CsvFile {
            name: "actors.csv",
            text: "\u{feff}id,name,kind\r\nx,X,association\r\n",
        },
        links: CsvFile {
            name: "links.csv",
            text: "source_id,target_id,kind\n",
        },
        events: None,
        stakes: None,
        taxonomy: small_taxonomy(),
        meta: Meta::default(),
    });
    assert_eq!(imported.dataset.actors.len(), 1);
    assert_eq!(imported.count(Outcome::Error), 0);
}

#[test]
fn export_names_what_csv_cannot_carry() {
    let mut ds = import("a,A,,association,,,,,,,,,\r\n", "").dataset;
    ds.actors[0].position = Some(crate::model::format::dataset::Position { x: 1.0, y: 2.0 });
    ds.actors[0].description = Some(LocalizedText::Map(BTreeMap::from([(
        "de".to_string(),
        "Hallo".to_string(),
    )])));
    ds.actors[0].sources = vec![Source::Labelled {
        label: LocalizedText::Plain("Interview".into()),
        url: Some("https://x.example".into()),
    }];
    let w = export_csv(&ds).warnings;
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(w[0].starts_with("actors[0].description.de"));
    assert!(
        w[2].starts_with(
            "actors[].position: not exported (CSV has no position column; 1 of 1 actors"
        ),
        "{w:?}"
    );
    // A laid-out file places every actor: one line for all, not one each.
    let mut two = ds.clone();
    two.actors.push(two.actors[0].clone());
    let w = export_csv(&two).warnings;
    assert_eq!(
        w.iter().filter(|w| w.contains("position")).count(),
        1,
        "{w:?}"
    );
    assert!(
        w.iter().any(|w| w.contains("2 of 2 actors placed")),
        "{w:?}"
    );
}

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    // Commas, quotes, semicolons, newlines and accents, the things CSV quoting
    // must survive.
    "[a-zA-Zé ,\";\n\r'’-]{1,12}"
}

fn list_item() -> impl Strategy<Value = String> {
    "[a-zA-Zé ,\"'-]{1,8}"
}

fn localized_text() -> impl Strategy<Value = Option<LocalizedText>> {
    (proptest::option::of(text()), proptest::option::of(text())).prop_map(|(fr, en)| {
        let mut m = BTreeMap::new();
        if let Some(fr) = fr {
            m.insert("fr".to_string(), fr);
        }
        if let Some(en) = en {
            m.insert("en".to_string(), en);
        }
        (!m.is_empty()).then_some(LocalizedText::Map(m))
    })
}

fn source() -> impl Strategy<Value = Source> {
    prop_oneof![
        "https://[a-z]{1,6}\\.example/[a-z0-9;]{0,6}".prop_map(Source::Url),
        Just(seed_report_source()),
        "[A-Za-z][A-Za-z ]{0,8}[a-z]".prop_map(|l| Source::Labelled {
            label: LocalizedText::Plain(l),
            url: None
        }),
    ]
}

fn sources() -> impl Strategy<Value = Vec<Source>> {
    proptest::collection::vec(source(), 0..3)
}

fn year() -> impl Strategy<Value = Option<i64>> {
    proptest::option::of(1000i64..=2100)
}

fn subset(values: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(values, 0..=values.len())
        .prop_map(|v| v.into_iter().map(str::to_string).collect())
}

prop_compose! {
    fn actor(id: String)(
        name in text(),
        aliases in proptest::collection::vec(list_item(), 0..3),
        platform in any::<bool>(),
        objectives in subset(&["information", "co-production"]),
        ecosystems in subset(&["civic-tech", "open-data"]),
        country in proptest::option::of("[A-Z]{2}"),
        founded in year(),
        span in proptest::option::of(0i64..50),
        website in proptest::option::of("https://[a-z]{1,8}\\.fr"),
        description in localized_text(),
        sources in sources(),
    ) -> Actor {
        let dissolved = match (founded, span) {
            (Some(f), Some(s)) if f + s <= 2100 => Some(f + s),
            _ => None,
        };
        Actor {
            id: Some(id.clone()),
            name: Some(name),
            aliases,
            actor_type: Some(if platform { "platform" } else { "association" }.to_string()),
            objectives,
            ecosystems,
            founded,
            dissolved,
            country,
            website,
            description,
            sources,
            ..Actor::default()
        }
    }
}

fn dataset() -> impl Strategy<Value = Dataset> {
    proptest::collection::btree_set("[a-z0-9][a-z0-9._-]{0,10}", 1..8)
        .prop_flat_map(|ids| {
            let ids: Vec<String> = ids.into_iter().collect();
            let n = ids.len();
            let actors: Vec<_> = ids.iter().cloned().map(actor).collect();
            let link = (
                0..n,
                0..n,
                any::<bool>(),
                year(),
                proptest::option::of(0i64..30),
                localized_text(),
                sources(),
            );
            let event = (
                proptest::option::of(prop_oneof![
                    "(1[0-9]|20)[0-9]{2}",
                    "20[0-9]{2}-(0[1-9]|1[0-2])",
                    "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])",
                ]),
                localized_text(),
                proptest::sample::subsequence(ids.clone(), 0..=n),
                sources(),
            );
            let stake = (
                proptest::option::of("[a-z]{1,9}"),
                localized_text(),
                localized_text(),
                proptest::sample::subsequence(ids.clone(), 0..=n),
                sources(),
            );
            (
                Just(ids),
                actors,
                proptest::collection::vec(link, 0..10),
                proptest::collection::vec(event, 0..4),
                proptest::collection::vec(stake, 0..4),
            )
        })
        .prop_map(|(ids, actors, links, events, stakes)| Dataset {
            format: Some(FORMAT.to_string()),
            meta: Meta::default(),
            taxonomy: small_taxonomy(),
            actors,
            links: links
                .into_iter()
                .map(|(s, t, uses, since, span, description, sources)| Link {
                    source: Some(ids[s].clone()),
                    target: Some(ids[t].clone()),
                    kind: Some(if uses { "uses" } else { "funds" }.to_string()),
                    since,
                    until: match (since, span) {
                        (Some(s), Some(d)) if s + d <= 2100 => Some(s + d),
                        _ => None,
                    },
                    description,
                    sources,
                    ..Link::default()
                })
                .collect(),
            events: events
                .into_iter()
                .enumerate()
                .map(|(i, (date, title, actors, sources))| Event {
                    id: Some(format!("e{i}")),
                    date,
                    title,
                    actors,
                    sources,
                    ..Event::default()
                })
                .collect(),
            stakes: stakes
                .into_iter()
                .enumerate()
                .map(
                    |(i, (category, title, description, actors, sources))| Stake {
                        id: Some(format!("s{i}")),
                        category,
                        title,
                        description,
                        actors,
                        sources,
                        ..Stake::default()
                    },
                )
                .collect(),
            extra: BTreeMap::new(),
        })
}

fn reimport(exported: &Exported, taxonomy: Taxonomy) -> Imported {
    import_csv(&CsvInput {
        actors: CsvFile {
            name: "actors.csv",
            text: &exported.actors,
        },
        links: CsvFile {
            name: "links.csv",
            text: &exported.links,
        },
        events: Some(CsvFile {
            name: "timeline.csv",
            text: &exported.events,
        }),
        stakes: Some(CsvFile {
            name: "issues.csv",
            text: &exported.stakes,
        }),
        taxonomy,
        meta: Meta::default(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn export_then_import_gives_the_same_dataset(ds in dataset()) {
        let exported = export_csv(&ds);
        prop_assert!(exported.warnings.is_empty(), "{:?}", exported.warnings);
        let back = reimport(&exported, ds.taxonomy.clone());
        let notes: Vec<String> = back.notes.iter().map(ToString::to_string).collect();
        prop_assert!(back.notes.iter().all(|n| n.outcome == Outcome::Warning), "{:?}", notes);
        prop_assert_eq!(&back.dataset, &ds);
        // And a second export is byte-identical to the first.
        prop_assert_eq!(export_csv(&back.dataset), exported);
    }

    #[test]
    fn import_never_panics_and_accounts_for_every_row(body in "[a-z,\";\r\n ]{0,200}") {
        let imported = import(&body, &body);
        // Every actor in the dataset has a well-formed id.
        prop_assert!(imported.dataset.actors.iter().all(|a| is_valid_id(a.id())));
        // Links only join imported actors.
        let ids: std::collections::HashSet<&str> =
            imported.dataset.actors.iter().map(Actor::id).collect();
        prop_assert!(imported
            .dataset
            .links
            .iter()
            .all(|l| ids.contains(l.source()) && ids.contains(l.target())));
    }
}

/// Found by fuzzing (`tests/corpus/csv_import/crash-f930c7ce…`): with open
/// taxonomy lists, a value that is not a well-formed id used to pass into
/// the dataset, which the loader then refused as a whole.
#[test]
fn open_lists_keep_only_well_formed_ids() {
    let taxonomy = Taxonomy {
        actor_types: Some(vec![ActorType {
            id: Some("association".into()),
            ..Default::default()
        }]),
        ..Default::default()
    };
    let input = CsvInput {
        actors: CsvFile {
            name: "actors.csv",
            text: "id,name,kind,objectives,ecosystem\na,A,association,Co Production;information,open-data;Open Data\nb,B,association,,\n",
        },
        links: CsvFile {
            name: "links.csv",
            text: "source_id,target_id,kind\na,b,Partners With\na,b,funds\n",
        },
        events: None,
        stakes: None,
        taxonomy,
        meta: Meta::default(),
    };
    let imported = import_csv(&input);
    let a = &imported.dataset.actors[0];
    assert_eq!(a.objectives, ["information"]);
    assert_eq!(a.ecosystems, ["open-data"]);
    assert_eq!(imported.dataset.links.len(), 1);
    assert_eq!(imported.rows(Outcome::Altered), 1);
    assert_eq!(imported.rows(Outcome::Skipped), 1);
    let json = to_pretty_json(&imported.dataset).unwrap();
    assert!(!crate::model::format::validate::load(json.as_bytes()).has_errors());
}
