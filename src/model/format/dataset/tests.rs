//! Tests of the checked dataset: what the loader gives, the taxonomy
//! lookups, the conversions from and to the file type, and that it writes
//! the same `civicmap/1` JSON as the file type.

use super::*;
use crate::model::format::complete::{is_hex_color, UNKNOWN_TYPE_COLORS};
use crate::model::format::validate::load;

const SMALL: &str = r##"{"format": "civicmap/1",
  "taxonomy": {"actor_types": [
      {"id": "association", "label": {"fr": "Association", "en": "Non-profit"},
       "color": "#112233", "color_dark": "#445566", "shape": "star"},
      {"id": "startup", "color": "red"}]},
  "actors": [{"id": "a", "name": "A", "type": "association", "objectives": ["information"]},
             {"id": "b", "name": "B", "type": "startup"}],
  "links": [{"source": "a", "target": "b", "kind": "funds"}]}"##;

fn loaded(text: &str) -> Dataset {
    let l = load(text.as_bytes());
    assert!(!l.has_errors(), "{:?}", l.diagnostics);
    l.dataset.unwrap()
}

#[test]
fn the_loader_gives_required_fields_and_a_completed_taxonomy() {
    let d = loaded(SMALL);
    let a = &d.actors[0];
    assert_eq!(
        (a.id(), a.name(), a.actor_type()),
        ("a", "A", "association")
    );
    let l = &d.links[0];
    assert_eq!((l.source(), l.target(), l.kind()), ("a", "b", "funds"));
    // The invalid colour was replaced; the type without a shape got one.
    let startup = d.taxonomy.actor_type("startup").unwrap();
    assert!(is_hex_color(&startup.color) && is_hex_color(&startup.color_dark));
    assert_ne!(startup.color, "red");
    assert_eq!(startup.shape, Shape::Circle, "the first shape no type uses");
    // The open lists are filled in from the values used.
    assert_eq!(d.taxonomy.objectives.as_ref().unwrap()[0].id, "information");
    assert_eq!(d.taxonomy.link_kind("funds").unwrap().directed, Some(true));
}

#[test]
fn the_taxonomy_answers_label_colour_and_shape_by_type_id() {
    let d = loaded(SMALL);
    let t = &d.taxonomy;
    assert_eq!(t.type_label("association", "en"), "Non-profit");
    assert_eq!(t.type_label("association", "fr"), "Association");
    assert_eq!(
        t.type_label("association", "de"),
        "Association",
        "French next"
    );
    assert_eq!(
        t.type_label("startup", "en"),
        "startup",
        "labelled by its id"
    );
    assert_eq!(t.type_label("ufo", "en"), "ufo");
    assert_eq!(t.type_color("association", false), "#112233");
    assert_eq!(t.type_color("association", true), "#445566");
    assert_eq!(t.type_shape("association"), Shape::Star);
    // An id no type has (no checked actor has one) still gets a style.
    assert_eq!(t.type_color("ufo", false), UNKNOWN_TYPE_COLORS.0);
    assert_eq!(t.type_color("ufo", true), UNKNOWN_TYPE_COLORS.1);
    assert_eq!(t.type_shape("ufo"), Shape::Circle);
    assert!(t.link_kind("ufo").is_none() && t.actor_type("ufo").is_none());
}

#[test]
fn it_writes_the_same_json_as_the_completed_file() {
    for text in [
        SMALL,
        include_str!("../../../../static/data/civic-tech-fr.json"),
    ] {
        let checked = loaded(text);
        let mut file: file::Dataset = serde_json::from_str(text).unwrap();
        complete::complete_taxonomy(&mut file);
        assert_eq!(
            serde_json::to_string_pretty(&checked).unwrap(),
            serde_json::to_string_pretty(&file).unwrap()
        );
        // And back: checked → file → checked changes nothing.
        let back = file::Dataset::from(checked.clone());
        assert_eq!(back, file);
        assert_eq!(Dataset::try_from(back).unwrap(), checked);
        // Reading its own output gives the same dataset.
        let again: Dataset =
            serde_json::from_str(&serde_json::to_string(&checked).unwrap()).unwrap();
        assert_eq!(again, checked);
    }
}

#[test]
fn the_conversion_names_a_missing_required_field() {
    let mut file: file::Dataset = serde_json::from_str(SMALL).unwrap();
    file.links[0].kind = None;
    assert_eq!(
        Dataset::try_from(file.clone()).unwrap_err(),
        MissingField("links[0].kind".into())
    );
    file.actors[1].name = None;
    let err = Dataset::try_from(file).unwrap_err();
    assert_eq!(err.to_string(), "missing required field `actors[1].name`");
    // serde goes through the same conversion.
    let text = SMALL.replace(r#""name": "A", "#, "");
    let err = serde_json::from_str::<Dataset>(&text).unwrap_err();
    assert!(err.to_string().contains("actors[0].name"), "{err}");
}
