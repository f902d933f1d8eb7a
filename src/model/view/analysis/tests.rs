//! Tests of the analysis view's figures: counts and growth against
//! independent readings of the default dataset's file, the facts against
//! brute force, the communities against the measures.

use serde_json::Value;

use super::*;
use crate::model::fixtures::{default_dataset, sketch, DEFAULT_DATASET};
use crate::model::network::metrics::measures;

/// The default dataset's file as plain JSON (not through the loader).
fn raw() -> Value {
    let text = std::fs::read_to_string(DEFAULT_DATASET).expect("default dataset");
    serde_json::from_str(&text).expect("JSON")
}

fn raw_actors(v: &Value) -> Vec<Value> {
    v["actors"].as_array().expect("actors").clone()
}

fn setup(f: &Filter) -> (Dataset, Graph, Visible) {
    let ds = default_dataset();
    let g = Graph::new(&ds);
    let vis = filter::visible(&ds, &g, f);
    (ds, g, vis)
}

#[test]
fn counts_per_type_objective_and_ecosystem_match_the_file() {
    let (ds, _, vis) = setup(&Filter::default());
    let c = counts(&ds, &vis);
    let v = raw();
    let actors = raw_actors(&v);
    assert_eq!(c.actors, actors.len());
    assert_eq!(
        c.types.values.len(),
        v["taxonomy"]["actor_types"].as_array().map_or(0, Vec::len)
    );
    for (id, n) in &c.types.values {
        let expected = actors.iter().filter(|a| a["type"] == id.as_str()).count();
        assert_eq!(*n, expected, "type {id}");
    }
    assert_eq!(
        c.types.values.iter().map(|x| x.1).sum::<usize>(),
        actors.len()
    );
    for (key, tally) in [("objectives", &c.objectives), ("ecosystems", &c.ecosystems)] {
        for (id, n) in &tally.values {
            let expected = actors
                .iter()
                .filter(|a| {
                    a[key]
                        .as_array()
                        .is_some_and(|l| l.iter().any(|x| x == id.as_str()))
                })
                .count();
            assert_eq!(*n, expected, "{key} {id}");
        }
        let none = actors
            .iter()
            .filter(|a| a[key].as_array().is_none_or(|l| l.is_empty()))
            .count();
        assert_eq!(tally.none, none, "{key} without a value");
    }
    // Some actor has an objective: the test can fail.
    assert!(c.objectives.values.iter().any(|x| x.1 > 0));
}

#[test]
fn counts_follow_the_filters_and_equal_the_panel_counts_without_them() {
    let (ds, g, vis) = setup(&Filter::default());
    let panel = filter::facet_counts(&ds, &g, &Filter::default());
    let c = counts(&ds, &vis);
    assert_eq!(c.types.values, panel.types);
    assert_eq!(c.objectives.values, panel.objectives);
    assert_eq!(c.ecosystems.values, panel.ecosystems);
    let f = Filter {
        types: vec!["association".into()],
        ..Filter::default()
    };
    let vis = filter::visible(&ds, &g, &f);
    let c = counts(&ds, &vis);
    assert_eq!(c.actors, vis.actor_count);
    for (id, n) in &c.types.values {
        assert_eq!(*n == 0, id != "association", "{id}: {n}");
    }
}

#[test]
fn growth_per_year_is_the_year_filters_count() {
    let (ds, g, _) = setup(&Filter::default());
    let tl = Timeline::new(&ds);
    let gr = growth(&ds, &g, &Filter::default(), &tl);
    assert!(gr.years.len() > 10, "{:?}", gr.years);
    assert!(gr.years.windows(2).all(|w| w[1] == w[0] + 1));
    let v = raw();
    let actors = raw_actors(&v);
    // The chart starts after the last gap of more than ten years between foundings.
    let mut founded: Vec<i64> = actors
        .iter()
        .filter_map(|a| a["founded"].as_i64())
        .collect();
    founded.sort_unstable();
    let dense = founded
        .windows(2)
        .filter(|w| w[1] - w[0] > MAX_GAP)
        .map(|w| w[1])
        .next_back()
        .unwrap_or(founded[0]);
    assert!(dense > founded[0], "the default dataset has an old outlier");
    assert!(gr.years[0] <= dense);
    assert!(gr.years[0] > founded[0]);
    for (y, &year) in gr.years.iter().enumerate() {
        let vis = filter::visible(
            &ds,
            &g,
            &Filter {
                year: Some(year),
                ..Filter::default()
            },
        );
        assert_eq!(gr.total(y) + vis.undated_actors, vis.actor_count, "{year}");
        // And from the file itself, by the rule of product.md.
        let present = actors
            .iter()
            .filter(|a| {
                a["founded"].as_i64().is_some_and(|f| f <= year)
                    && a["dissolved"].as_i64().is_none_or(|d| d >= year)
            })
            .count();
        assert_eq!(gr.total(y), present, "{year}");
    }
    // Stacked by type: each type's band is its own count.
    let last = gr.years.len() - 1;
    for (t, ty) in gr.types.iter().enumerate() {
        let year = gr.years[last];
        let n = actors
            .iter()
            .filter(|a| {
                a["type"] == ty.as_str()
                    && a["founded"].as_i64().is_some_and(|f| f <= year)
                    && a["dissolved"].as_i64().is_none_or(|d| d >= year)
            })
            .count();
        assert_eq!(gr.counts[last][t], n, "{ty}");
    }
}

#[test]
fn growth_leaves_the_year_filter_out_but_keeps_the_others() {
    let (ds, g, _) = setup(&Filter::default());
    let tl = Timeline::new(&ds);
    let f = Filter {
        types: vec!["association".into()],
        year: Some(2015),
        ..Filter::default()
    };
    let gr = growth(&ds, &g, &f, &tl);
    assert_eq!(gr.current, Some(2015));
    let t = gr
        .types
        .iter()
        .position(|t| t == "association")
        .expect("type");
    let at = gr.years.iter().position(|&y| y == 2015).expect("2015");
    let vis = filter::visible(&ds, &g, &f);
    assert_eq!(gr.counts[at][t] + vis.undated_actors, vis.actor_count);
    assert!(gr
        .years
        .iter()
        .enumerate()
        .all(|(y, _)| gr.total(y) == gr.counts[y][t]));
}

#[test]
fn the_timelines_events_are_on_the_axis() {
    let (ds, g, _) = setup(&Filter::default());
    let tl = Timeline::new(&ds);
    let gr = growth(&ds, &g, &Filter::default(), &tl);
    let (first, last) = (gr.years[0], *gr.years.last().expect("years"));
    let v = raw();
    let expected: usize = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["date"].as_str()?.get(..4)?.parse::<i64>().ok())
        .filter(|y| (first..=last).contains(y))
        .count();
    assert!(expected > 10);
    assert_eq!(gr.events.len(), expected);
    for &(y, e) in &gr.events {
        let date = ds.events[e].date.as_deref().expect("dated");
        assert!(date.starts_with(&y.to_string()), "{date} on {y}");
    }
    assert!(gr.events.windows(2).all(|w| w[0].0 <= w[1].0));
    // Every year with an event is a row of the table.
    let rows = gr.changes();
    for (y, _) in &gr.events {
        assert!(rows.iter().any(|&r| gr.years[r] == *y), "{y}");
    }
}

#[test]
fn the_chart_starts_where_foundings_stop_being_sparse() {
    assert_eq!(chart_start(vec![], Some(2000)), None);
    assert_eq!(chart_start(vec![2005, 1816, 2001], None), Some(2001));
    assert_eq!(chart_start(vec![2005, 1816, 2001], Some(1990)), Some(1990));
    assert_eq!(chart_start(vec![2005, 2001], Some(1600)), Some(2001));
    assert_eq!(chart_start(vec![2005, 1995, 2001], None), Some(1995));
}

#[test]
fn growth_without_founding_years_is_empty_and_huge_spans_are_cut() {
    let ds = sketch(
        r#"{"format": "civicmap/1", "taxonomy": {"actor_types": [{"id": "t"}]},
        "actors": [{"id": "a"}, {"id": "b"}]}"#,
    );
    let g = Graph::new(&ds);
    let gr = growth(&ds, &g, &Filter::default(), &Timeline::new(&ds));
    assert!(gr.years.is_empty());
    assert_eq!(gr.undated, 2);
    assert_eq!(gr.peak(), 0);
    let ds = sketch(
        r#"{"format": "civicmap/1", "taxonomy": {"actor_types": [{"id": "t"}]},
        "actors": [{"id": "a", "founded": -9000000000000}, {"id": "b", "founded": 2020}]}"#,
    );
    let g = Graph::new(&ds);
    let gr = growth(&ds, &g, &Filter::default(), &Timeline::new(&ds));
    assert_eq!(gr.years, vec![2020]);
    assert_eq!(gr.total(0), 2); // the ancient one counts from the start
    let ds = sketch(
        r#"{"format": "civicmap/1", "taxonomy": {"actor_types": [{"id": "t"}]},
        "actors": [{"id": "a", "founded": -9000000000000}, {"id": "b", "founded": -8999999999999},
                   {"id": "c", "founded": 2020}],
        "events": [{"date": "1000"}]}"#,
    );
    let g = Graph::new(&ds);
    let gr = growth(&ds, &g, &Filter::default(), &Timeline::new(&ds));
    assert_eq!(gr.years.len() as i64, MAX_YEARS);
    assert_eq!(gr.total(0), 2);
    assert_eq!(gr.total(gr.years.len() - 1), 3);
}

/// Brute force: pairs of neighbours without a link between them.
fn brute_unlinked(g: &MeasureGraph, v: usize) -> usize {
    let n = g.neighbours(v);
    let mut k = 0;
    for (i, &a) in n.iter().enumerate() {
        for &b in &n[i + 1..] {
            if !g.neighbours(a).contains(&b) {
                k += 1;
            }
        }
    }
    k
}

#[test]
fn facts_agree_with_brute_force_on_the_default_dataset() {
    let (_, g, vis) = setup(&Filter::default());
    let mg = MeasureGraph::visible(&g, &vis);
    let m = measures(&mg);
    for by in Measure::ALL {
        let top = central(&mg, &m, by, TOP);
        assert_eq!(top.len(), TOP, "{by:?}");
        assert!(top.windows(2).all(|w| w[0].value >= w[1].value));
        for c in &top {
            let v = mg.node_of(c.actor).expect("visible");
            let raw_degree = mg.neighbours(v).len();
            match c.fact {
                Fact::Linked(d) => assert_eq!(d, raw_degree),
                Fact::Bridges(p) => assert_eq!(p, brute_unlinked(&mg, v)),
                Fact::Distance { mean, reached, all } => {
                    assert!(mean >= 1.0);
                    assert_eq!(all, reached + 1 == mg.node_count());
                }
                Fact::WellLinked {
                    neighbours,
                    mean_degree,
                } => {
                    assert_eq!(neighbours, raw_degree);
                    assert!(mean_degree >= 1.0);
                }
            }
        }
    }
    // The most linked actor is first by degree.
    let top = central(&mg, &m, Measure::Degree, 1);
    let max = (0..mg.node_count()).map(|v| mg.neighbours(v).len()).max();
    assert_eq!(Some(top[0].fact), max.map(Fact::Linked));
}

#[test]
fn closeness_fact_is_the_mean_distance() {
    // A path 0 — 1 — 2 — 3 and an isolated 4.
    let g = MeasureGraph::from_edges(5, &[(0, 1), (1, 2), (2, 3)]);
    let m = measures(&g);
    assert_eq!(
        fact(&g, &m, Measure::Closeness, 0),
        Fact::Distance {
            mean: 2.0,
            reached: 3,
            all: false
        }
    );
    let g = MeasureGraph::from_edges(3, &[(0, 1), (1, 2)]);
    let m = measures(&g);
    assert_eq!(
        fact(&g, &m, Measure::Closeness, 1),
        Fact::Distance {
            mean: 1.0,
            reached: 2,
            all: true
        }
    );
    assert_eq!(
        fact(&g, &m, Measure::Pagerank, 1),
        Fact::WellLinked {
            neighbours: 2,
            mean_degree: 1.0
        }
    );
    // A triangle: no pair to bridge.
    let g = MeasureGraph::from_edges(3, &[(0, 1), (1, 2), (0, 2)]);
    assert_eq!(unlinked_pairs(&g, 0), 0);
    assert_eq!(reach(&g, 9), (0, 0));
}

#[test]
fn groups_are_the_communities_with_their_leaders_first() {
    let (_, g, vis) = setup(&Filter::default());
    let mg = MeasureGraph::visible(&g, &vis);
    let m = measures(&mg);
    let gr = groups(&mg, &m, Measure::Degree);
    let sizes: usize = gr.groups.iter().map(|x| x.size).sum();
    assert_eq!(sizes + gr.alone, mg.node_count());
    assert!(gr.groups.len() >= 2);
    assert!(gr.groups.windows(2).all(|w| w[0].size >= w[1].size));
    let lead = leaders(&mg, &m, Measure::Degree);
    for x in &gr.groups {
        assert_eq!(x.size, m.communities.members(x.community).len());
        assert!(x.members.len() <= MEMBERS && !x.members.is_empty());
        let leader = lead[x.community].and_then(|v| mg.actor(v));
        assert_eq!(Some(x.members[0]), leader);
        for &a in &x.members {
            let v = mg.node_of(a).expect("visible");
            assert_eq!(m.communities.membership[v], x.community);
        }
    }
    assert!(gr.modularity > 0.3, "{}", gr.modularity);
}
