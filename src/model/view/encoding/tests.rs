//! Tests of the size scale, the colour groups and the legends.

use super::*;
use crate::model::fixtures::sketch;
use crate::model::network::filter::{self, Filter};
use crate::model::network::graph::Graph;
use crate::model::network::metrics::measures;

fn visible(ds: &Dataset, f: &Filter) -> (Graph, Visible, MeasureGraph) {
    let g = Graph::new(ds);
    let vis = filter::visible(ds, &g, f);
    let mg = MeasureGraph::visible(&g, &vis);
    (g, vis, mg)
}

#[test]
fn the_scale_is_a_square_root_from_min_to_max() {
    let s = SizeScale::new(2.0, 6.0, 100);
    assert_eq!(s.top, node_radius(100));
    assert_eq!(s.radius(2.0), MIN_RADIUS);
    assert_eq!(s.radius(6.0), node_radius(100));
    let mid = s.radius(3.0);
    assert!((mid - (MIN_RADIUS + (s.top - MIN_RADIUS) * 0.5)).abs() < 1e-12);
    // Clamped, and hostile values never give a NaN radius.
    assert_eq!(s.radius(-5.0), MIN_RADIUS);
    assert_eq!(s.radius(99.0), s.top);
    assert_eq!(s.radius(f64::NAN), MIN_RADIUS);
    let flat = SizeScale::new(0.5, 0.5, 3);
    assert_eq!(flat.radius(0.5), MIN_RADIUS);
    let odd = SizeScale::new(f64::INFINITY, f64::NAN, 0);
    assert!(odd.radius(1.0).is_finite());
    assert_eq!(MIN_TOP_RADIUS, node_radius(16));
    assert_eq!(MIN_RADIUS, node_radius(0));
}

fn star_and_pair() -> Dataset {
    // c is the hub of a star a, b, d; e — f a separate pair; g isolated.
    sketch(
        r#"{"format": "civicmap/1", "taxonomy": {"actor_types": [{"id": "t"}, {"id": "u"}]},
        "actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d", "type": "u"},
                   {"id": "e"}, {"id": "f"}, {"id": "g"}],
        "links": [{"source": "a", "target": "c"}, {"source": "b", "target": "c"},
                  {"source": "d", "target": "c"}, {"source": "e", "target": "f"}]}"#,
    )
}

#[test]
fn degree_sizes_follow_the_filters() {
    let ds = star_and_pair();
    let (_, _, mg) = visible(&ds, &Filter::default());
    let m = measures(&mg);
    let (r, legend) = sizes(7, &mg, &m.degree, None, Measure::Degree);
    assert_eq!(r[2], node_radius(3));
    assert_eq!(r[6], node_radius(0));
    assert_eq!((legend.min, legend.max, legend.pending), (0.0, 3.0, false));
    // Hiding type u (d) leaves the hub with two visible links.
    let (_, _, mg) = visible(
        &ds,
        &Filter {
            types: vec!["t".into()],
            ..Filter::default()
        },
    );
    let m = measures(&mg);
    let (r, legend) = sizes(7, &mg, &m.degree, None, Measure::Degree);
    assert_eq!(r[2], node_radius(2));
    assert_eq!(r[3], MIN_RADIUS, "hidden");
    assert_eq!(legend.max, 2.0);
}

#[test]
fn a_measure_shows_degree_until_computed_then_its_own_range() {
    let ds = star_and_pair();
    let (_, _, mg) = visible(&ds, &Filter::default());
    let m = measures(&mg);
    let (early, legend) = sizes(7, &mg, &m.degree, None, Measure::Betweenness);
    assert!(legend.pending);
    assert_eq!(early[2], node_radius(3));
    let (r, legend) = sizes(7, &mg, &m.degree, Some(&m), Measure::Betweenness);
    assert!(!legend.pending);
    assert_eq!(legend.measure, Measure::Betweenness);
    assert_eq!(legend.min, 0.0);
    // The hub bridges 3 pairs of 15: 3 · 2 / (6 · 5) = 0.2.
    assert!((legend.max - 0.2).abs() < 1e-12, "{}", legend.max);
    assert_eq!(r[2], legend.max_radius);
    assert_eq!(legend.max_radius, MIN_TOP_RADIUS);
    assert_eq!(r[0], MIN_RADIUS);
    assert_eq!(r[4], MIN_RADIUS, "a pair bridges nothing");
}

fn with_objectives(objectives: &[&[&str]], terms: usize) -> Dataset {
    let terms_json: Vec<String> = (0..terms).map(|i| format!(r#"{{"id": "o{i}"}}"#)).collect();
    let actors: Vec<String> = objectives
        .iter()
        .enumerate()
        .map(|(i, os)| {
            let list: Vec<String> = os.iter().map(|o| format!("\"{o}\"")).collect();
            format!(r#"{{"id": "a{i}", "objectives": [{}]}}"#, list.join(", "))
        })
        .collect();
    sketch(&format!(
        r#"{{"format": "civicmap/1", "taxonomy": {{"actor_types": [{{"id": "t"}}], "objectives": [{}]}},
        "actors": [{}], "links": []}}"#,
        terms_json.join(", "),
        actors.join(", ")
    ))
}

#[test]
fn several_objectives_give_a_fill_and_a_ring() {
    let ds = with_objectives(&[&["o0"], &["o1", "o0"], &[], &["o1"]], 2);
    let (_, vis, _) = visible(&ds, &Filter::default());
    let c = by_terms(&ds, &vis, ColorBy::Objective).unwrap();
    assert_eq!(c.fill[0], Swatch::Colour(0));
    assert_eq!(c.fill[1], Swatch::Colour(1));
    assert_eq!(c.ring[1], Some(Swatch::Colour(0)));
    assert_eq!(c.ring[0], None);
    assert_eq!(c.fill[2], Swatch::Others, "no objective: grey");
    assert!(c.rings);
    assert_eq!(
        c.legend,
        vec![
            LegendEntry {
                key: GroupKey::Term("o0".into()),
                swatch: Swatch::Colour(0),
                count: 2
            },
            LegendEntry {
                key: GroupKey::Term("o1".into()),
                swatch: Swatch::Colour(1),
                count: 2
            },
            LegendEntry {
                key: GroupKey::Others {
                    folded: 0,
                    without: 1
                },
                swatch: Swatch::Others,
                count: 1
            },
        ]
    );
    assert_eq!(by_terms(&ds, &vis, ColorBy::Type), None);
}

#[test]
fn the_smallest_groups_fold_into_others_and_a_kept_value_wins_the_fill() {
    // Nine objectives: o0–o6 have two actors each, o7 and o8 one each.
    let mut actors: Vec<Vec<&str>> = Vec::new();
    let names = ["o0", "o1", "o2", "o3", "o4", "o5", "o6"];
    for o in names {
        actors.push(vec![o]);
        actors.push(vec![o]);
    }
    actors.push(vec!["o7"]);
    actors.push(vec!["o8", "o3"]);
    let refs: Vec<&[&str]> = actors.iter().map(|v| v.as_slice()).collect();
    let ds = with_objectives(&refs, 9);
    let (_, vis, _) = visible(&ds, &Filter::default());
    let c = by_terms(&ds, &vis, ColorBy::Objective).unwrap();
    assert_eq!(c.fill[14], Swatch::Others);
    // o8 is folded, o3 keeps its colour: the fill is o3's, the ring grey.
    assert_eq!(c.fill[15], Swatch::Colour(3));
    assert_eq!(c.ring[15], Some(Swatch::Others));
    let last = c.legend.last().unwrap();
    assert_eq!(
        last.key,
        GroupKey::Others {
            folded: 2,
            without: 0
        }
    );
    assert_eq!(last.count, 2);
    assert_eq!(c.legend.len(), 8);
    // The legend only lists groups that visible actors have.
    let only = filter::visible(
        &ds,
        &Graph::new(&ds),
        &Filter {
            objectives: vec!["o0".into()],
            ..Filter::default()
        },
    );
    let c = by_terms(&ds, &only, ColorBy::Objective).unwrap();
    assert_eq!(c.legend.len(), 1);
    assert_eq!(c.legend[0].count, 2);
}

#[test]
fn communities_are_named_after_their_best_linked_member() {
    let ds = star_and_pair();
    let (_, _, mg) = visible(&ds, &Filter::default());
    let m = measures(&mg);
    let c = by_community(7, &mg, &m);
    assert_eq!(m.communities.count, 3);
    assert_eq!(
        c.legend
            .iter()
            .map(|e| (e.key.clone(), e.count))
            .collect::<Vec<_>>(),
        vec![
            (GroupKey::Community { leader: Some(2) }, 4),
            (GroupKey::Community { leader: Some(4) }, 2),
            (GroupKey::Community { leader: Some(6) }, 1),
        ]
    );
    assert_eq!(c.fill[0], c.fill[3]);
    assert_ne!(c.fill[0], c.fill[4]);
    assert!(!c.rings);
    assert_eq!(actor_communities(7, &mg, &m)[5], Some(1));
}

#[test]
fn the_default_dataset_has_readable_legends() {
    let ds = crate::model::fixtures::default_dataset();
    let (_, vis, mg) = visible(&ds, &Filter::default());
    let m = measures(&mg);
    for by in [ColorBy::Objective, ColorBy::Ecosystem] {
        let c = by_terms(&ds, &vis, by).unwrap();
        assert!(c.legend.len() <= communities::MAX_COLOURS + 1, "{by:?}");
        assert!(!c.legend.is_empty());
        assert_eq!(c.fill.len(), ds.actors.len());
    }
    let c = by_community(ds.actors.len(), &mg, &m);
    assert!(c.legend.len() <= communities::MAX_COLOURS + 1);
    // Every visible actor is counted once in the legend.
    let total: usize = c.legend.iter().map(|e| e.count).sum();
    assert_eq!(total, vis.actor_count);
}
