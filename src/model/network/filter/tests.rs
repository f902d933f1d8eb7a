//! Tests of the filters: table tests on the real civic-tech dataset, a naive
//! reference implementation compared on random filters, monotonicity and the
//! facet rule as properties, the focus rules of product.md, and the
//! reference on a 2,000-actor graph.

use super::*;
use crate::model::fixtures::default_dataset;
use crate::model::format::dataset::{Actor, ActorType, Link, Stake, Taxonomy};
use proptest::prelude::*;
use std::sync::OnceLock;

fn real() -> &'static (Dataset, Graph) {
    static R: OnceLock<(Dataset, Graph)> = OnceLock::new();
    R.get_or_init(|| {
        let ds = default_dataset();
        let g = Graph::new(&ds);
        (ds, g)
    })
}

fn ids(ds: &Dataset, v: &Visible) -> Vec<String> {
    ds.actors
        .iter()
        .zip(&v.actors)
        .filter(|(_, &on)| on)
        .map(|(a, _)| a.id().to_string())
        .collect()
}

/// One table row: a filter and the expected (actors, links) counts.
fn check(f: Filter, actors: usize, links: usize) {
    let (ds, g) = real();
    let v = visible(ds, g, &f);
    assert_eq!(
        (v.actor_count, v.link_count),
        (actors, links),
        "filter {f:?}"
    );
    assert_eq!(v, reference(ds, &f), "reference disagrees for {f:?}");
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn table_on_the_civic_tech_dataset() {
    let n = crate::model::fixtures::fact_counts();
    check(Filter::default(), n.actors, n.links);
    // Counts from the fact sheet README.
    check(
        Filter {
            types: s(&["platform"]),
            ..Filter::default()
        },
        22,
        1,
    );
    check(
        Filter {
            types: s(&["association", "platform"]),
            ..Filter::default()
        },
        49,
        reference(
            &real().0,
            &Filter {
                types: s(&["association", "platform"]),
                ..Filter::default()
            },
        )
        .link_count,
    );
    check(
        Filter {
            objectives: s(&["co-production"]),
            ..Filter::default()
        },
        26,
        16,
    );
    // `link` never hides an actor.
    check(
        Filter {
            links: s(&["funds"]),
            ..Filter::default()
        },
        n.actors,
        15,
    );
    check(
        Filter {
            links: s(&["funds", "uses"]),
            ..Filter::default()
        },
        n.actors,
        46,
    );
    // A stake keeps its actors.
    check(
        Filter {
            stake: Some("open-source-vs-proprietary".into()),
            ..Filter::default()
        },
        7,
        6,
    );
}

#[test]
fn search_filter_keeps_matching_actors() {
    let (ds, g) = real();
    let v = visible(
        ds,
        g,
        &Filter {
            q: "democratie".into(),
            ..Filter::default()
        },
    );
    assert!(ids(ds, &v).contains(&"democratie-ouverte".to_string()));
    let v = visible(
        ds,
        g,
        &Filter {
            q: "dinsic".into(),
            ..Filter::default()
        },
    );
    assert_eq!(ids(ds, &v), vec!["dinum"]);
}

#[test]
fn year_keeps_founded_and_not_dissolved_and_counts_undated() {
    let (ds, g) = real();
    let f = Filter {
        year: Some(2010),
        ..Filter::default()
    };
    let v = visible(ds, g, &f);
    for (a, &on) in ds.actors.iter().zip(&v.actors) {
        let expect = a.founded.is_none_or(|y| y <= 2010) && a.dissolved.is_none_or(|d| d >= 2010);
        assert_eq!(on, expect, "{}", a.id());
    }
    assert!(!ids(ds, &v).contains(&"observatoire-civic-tech".to_string()));
    let undated = ds.actors.iter().filter(|a| a.founded.is_none()).count();
    assert_eq!(v.undated_actors, undated);
    assert!(undated > 0);
    // Links: active in 2010 only.
    for (l, &on) in ds.links.iter().zip(&v.links) {
        if on {
            assert!(l.since.is_none_or(|s| s <= 2010) && l.until.is_none_or(|u| u >= 2010));
        }
    }
    assert_eq!(visible(ds, g, &Filter::default()).undated_actors, 0);
}

#[test]
fn neighbourhood_of_dinum() {
    let (ds, g) = real();
    let dinum = g.actor("dinum").unwrap();
    let mut expected: Vec<usize> = g.incident(dinum).iter().map(|&(o, _)| o).collect();
    expected.push(dinum);
    expected.sort();
    expected.dedup();
    let f = Filter {
        actor: Some("dinum".into()),
        depth: Some(1),
        ..Filter::default()
    };
    let v = visible(ds, g, &f);
    let got: Vec<usize> = (0..ds.actors.len()).filter(|&i| v.actors[i]).collect();
    assert_eq!(got, expected);
    // Deeper never shows fewer.
    let d2 = visible(
        ds,
        g,
        &Filter {
            depth: Some(2),
            ..f.clone()
        },
    );
    assert!(d2.actor_count > v.actor_count);
    // Actor without depth: no cut.
    let none = visible(
        ds,
        g,
        &Filter {
            depth: None,
            ..f.clone()
        },
    );
    assert_eq!(
        none.actor_count,
        crate::model::fixtures::fact_counts().actors
    );
    // The centre of a focus: a facet it fails never hides it; its platform
    // neighbours stay around it.
    let platforms = visible(
        ds,
        g,
        &Filter {
            types: s(&["platform"]),
            ..f.clone()
        },
    );
    assert!(platforms.actors[dinum]);
    for i in (0..ds.actors.len()).filter(|&i| platforms.actors[i] && i != dinum) {
        assert_eq!(ds.actors[i].actor_type(), "platform");
        assert!(expected.contains(&i));
    }
    // Only `year` hides it: a year before its founding leaves nothing in reach.
    let founded = ds.actors[dinum].founded.unwrap();
    let before = visible(
        ds,
        g,
        &Filter {
            year: Some(founded - 1),
            ..f
        },
    );
    assert_eq!(before.actor_count, 0);
}

/// The neighbours of `center` over every link of the file, by id (computed
/// from the links list, independently of `Graph`).
fn neighbours_in_file(ds: &Dataset, center: &str) -> Vec<String> {
    let mut out: Vec<String> = ds
        .links
        .iter()
        .filter_map(|l| {
            if l.source() == center && l.target() != center {
                Some(l.target().to_string())
            } else if l.target() == center && l.source() != center {
                Some(l.source().to_string())
            } else {
                None
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn a_focus_counts_what_the_visitor_sees() {
    // `actor=decidim&depth=1`: the type counts are the types of the actors on
    // the map (Décidim and its neighbours), not of the whole dataset.
    let (ds, g) = real();
    let f = Filter {
        actor: Some("decidim".into()),
        depth: Some(1),
        ..Filter::default()
    };
    let mut shown = neighbours_in_file(ds, "decidim");
    shown.push("decidim".into());
    let v = visible(ds, g, &f);
    assert_eq!(v.actor_count, shown.len());
    let type_of = |id: &str| {
        ds.actors
            .iter()
            .find(|a| a.id() == id)
            .unwrap()
            .actor_type()
            .to_string()
    };
    let c = facet_counts(ds, g, &f);
    for (t, n) in &c.types {
        let expected = shown.iter().filter(|id| type_of(id) == *t).count();
        assert_eq!(*n, expected, "type {t}");
    }
    assert_eq!(c.types.iter().map(|x| x.1).sum::<usize>(), shown.len());

    // `type=local-authority&actor=decider-ensemble&depth=1`: which local
    // authorities is Décider ensemble linked to? It stays, as the centre.
    let f = Filter {
        types: s(&["local-authority"]),
        actor: Some("decider-ensemble".into()),
        depth: Some(1),
        ..Filter::default()
    };
    let v = visible(ds, g, &f);
    let got = ids(ds, &v);
    let mut expected: Vec<String> = neighbours_in_file(ds, "decider-ensemble")
        .into_iter()
        .filter(|id| type_of(id) == "local-authority")
        .collect();
    expected.push("decider-ensemble".into());
    let order = |id: &String| ds.actors.iter().position(|a| a.id() == id).unwrap();
    expected.sort_by_key(order);
    assert!(expected.len() > 1, "{expected:?}");
    assert_eq!(got, expected);
    // Its count next to "local authority" is the local authorities shown;
    // Décider ensemble itself (an association) counts under its own type.
    let c = facet_counts(ds, g, &f);
    let count = |t: &str| c.types.iter().find(|x| x.0 == t).unwrap().1;
    assert_eq!(count("local-authority"), expected.len() - 1);
    let own = type_of("decider-ensemble");
    assert!(count(&own) >= 1);
}

#[test]
fn a_focus_walks_visible_links_only() {
    // With depth 2, an actor reached only through a hidden one stays out.
    let (ds, g) = real();
    let f = Filter {
        types: s(&["local-authority"]),
        actor: Some("decider-ensemble".into()),
        depth: Some(2),
        ..Filter::default()
    };
    let v = visible(ds, g, &f);
    let center = g.actor("decider-ensemble").unwrap();
    for i in (0..ds.actors.len()).filter(|&i| v.actors[i] && i != center) {
        assert_eq!(ds.actors[i].actor_type(), "local-authority");
        // Reached through the centre or a shown local authority.
        let via = g
            .incident(i)
            .iter()
            .any(|&(o, _)| o == center || (v.actors[o] && o != i));
        assert!(via, "{} is shown without a visible path", ds.actors[i].id());
    }
    assert_eq!(v, reference(ds, &f));
}

#[test]
fn facet_counts_on_the_real_dataset() {
    let (ds, g) = real();
    let c = facet_counts(ds, g, &Filter::default());
    let platform = c.types.iter().find(|(k, _)| k == "platform").unwrap().1;
    assert_eq!(platform, 22);
    assert_eq!(
        c.types.iter().map(|x| x.1).sum::<usize>(),
        crate::model::fixtures::fact_counts().actors
    );
    assert_eq!(
        c.objectives,
        vec![
            ("information".into(), 19),
            ("mobilisation".into(), 10),
            ("co-production".into(), 26)
        ]
    );
    let partners = c
        .links
        .iter()
        .find(|(k, _)| k == "partners-with")
        .unwrap()
        .1;
    assert_eq!(partners, 102);
    // With the type facet restricted, its own counts ignore the restriction.
    let f = Filter {
        types: s(&["association"]),
        ..Filter::default()
    };
    let c2 = facet_counts(ds, g, &f);
    assert_eq!(c2.types, c.types);
    // But the other facets apply it.
    let assoc_links = visible(ds, g, &f).link_count;
    assert_eq!(c2.links.iter().map(|x| x.1).sum::<usize>(), assoc_links);
}

// ---- reference implementation (obviously correct, slow) ----

fn reference(ds: &Dataset, f: &Filter) -> Visible {
    let n = ds.actors.len();
    let mut on: Vec<bool> = (0..n).map(|i| passes(ds, f, i)).collect();
    let idx = |id: &str| ds.actors.iter().position(|a| a.id() == id);
    let eligible: Vec<bool> = ds
        .links
        .iter()
        .map(|l| {
            idx(l.source()).is_some()
                && idx(l.target()).is_some()
                && (f.links.is_empty() || f.links.iter().any(|k| k == l.kind()))
                && f.year.is_none_or(|y| {
                    l.since.is_none_or(|s| s <= y) && l.until.is_none_or(|u| u >= y)
                })
        })
        .collect();
    if let (Some(c), Some(d)) = (f.actor.as_deref().and_then(idx), f.depth) {
        let d = d.clamp(1, 3);
        let mut reach = vec![false; n];
        // The centre of a focus passes if `year` keeps it, whatever the facets.
        let a = &ds.actors[c];
        let centre_in_year = f
            .year
            .is_none_or(|y| a.founded.is_none_or(|x| x <= y) && a.dissolved.is_none_or(|x| x >= y));
        if centre_in_year {
            on[c] = true;
            reach[c] = true;
            for _ in 0..d {
                let snapshot = reach.clone();
                for (l, link) in ds.links.iter().enumerate() {
                    if !eligible[l] {
                        continue;
                    }
                    let (s, t) = (idx(link.source()).unwrap(), idx(link.target()).unwrap());
                    if snapshot[s] && on[t] {
                        reach[t] = true;
                    }
                    if snapshot[t] && on[s] {
                        reach[s] = true;
                    }
                }
            }
        }
        on = reach;
    }
    let links: Vec<bool> = ds
        .links
        .iter()
        .enumerate()
        .map(|(l, link)| {
            eligible[l] && on[idx(link.source()).unwrap()] && on[idx(link.target()).unwrap()]
        })
        .collect();
    Visible {
        actor_count: on.iter().filter(|&&x| x).count(),
        link_count: links.iter().filter(|&&x| x).count(),
        undated_actors: if f.year.is_some() {
            (0..n)
                .filter(|&i| on[i] && ds.actors[i].founded.is_none())
                .count()
        } else {
            0
        },
        actors: on,
        links,
    }
}

// ---- property tests ----

fn values(facet: Facet) -> Vec<String> {
    facet_values(&real().0, facet)
        .into_iter()
        .map(String::from)
        .collect()
}

fn subset(all: Vec<String>) -> impl Strategy<Value = Vec<String>> {
    let n = all.len();
    prop::collection::vec(any::<bool>(), n).prop_map(move |mask| {
        all.iter()
            .zip(mask)
            .filter(|(_, m)| *m)
            .map(|(v, _)| v.clone())
            .collect()
    })
}

fn arb_filter() -> impl Strategy<Value = Filter> {
    let ds = &real().0;
    let actor_ids: Vec<String> = ds.actors.iter().map(|a| a.id().to_string()).collect();
    let stake_ids: Vec<String> = ds.stakes.iter().filter_map(|s| s.id.clone()).collect();
    (
        subset(values(Facet::Type)),
        subset(values(Facet::Objective)),
        subset(values(Facet::Ecosystem)),
        subset(values(Facet::Link)),
        prop::option::of(1990i64..2022),
        prop::sample::select(vec!["", "", "", "a", "de", "open", "ville", "civic tech"]),
        prop::option::weighted(0.2, prop::sample::select(stake_ids)),
        prop::option::weighted(0.5, prop::sample::select(actor_ids)),
        prop::option::of(1u8..=3),
    )
        .prop_map(
            |(types, objectives, ecosystems, links, year, q, stake, actor, depth)| Filter {
                types,
                objectives,
                ecosystems,
                links,
                year,
                q: q.to_string(),
                stake,
                actor,
                depth,
            },
        )
}

fn is_subset(a: &Visible, b: &Visible) -> bool {
    a.actors.iter().zip(&b.actors).all(|(x, y)| !x || *y)
        && a.links.iter().zip(&b.links).all(|(x, y)| !x || *y)
}

/// The list of a facet, by facet.
fn list_mut(f: &mut Filter, facet: Facet) -> &mut Vec<String> {
    match facet {
        Facet::Type => &mut f.types,
        Facet::Objective => &mut f.objectives,
        Facet::Ecosystem => &mut f.ecosystems,
        Facet::Link => &mut f.links,
    }
}

const FACETS: [Facet; 4] = [Facet::Type, Facet::Objective, Facet::Ecosystem, Facet::Link];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn matches_reference(f in arb_filter()) {
        let (ds, g) = real();
        prop_assert_eq!(visible(ds, g, &f), reference(ds, &f));
    }

    #[test]
    fn visible_links_have_visible_ends(f in arb_filter()) {
        let (ds, g) = real();
        let v = visible(ds, g, &f);
        for (l, &on) in v.links.iter().enumerate() {
            if on {
                let (s, t) = g.ends(l).unwrap();
                prop_assert!(v.actors[s] && v.actors[t]);
            }
        }
        prop_assert_eq!(v.actor_count, v.actors.iter().filter(|&&x| x).count());
    }

    #[test]
    fn narrowing_never_grows_widening_never_shrinks(f in arb_filter(), which in 0usize..4, pick in any::<prop::sample::Index>()) {
        let (ds, g) = real();
        let facet = FACETS[which];
        let all = values(facet);
        let before = visible(ds, g, &f);
        let current = list_mut(&mut f.clone(), facet).clone();
        if current.is_empty() {
            // Restricting an open facet never grows the visible set.
            let mut r = f.clone();
            *list_mut(&mut r, facet) = vec![pick.get(&all).clone()];
            prop_assert!(is_subset(&visible(ds, g, &r), &before));
        } else {
            if current.len() >= 2 {
                // Removing a value from a restricted facet never grows it.
                let mut r = f.clone();
                list_mut(&mut r, facet).remove(pick.index(current.len()));
                prop_assert!(is_subset(&visible(ds, g, &r), &before));
            }
            // Adding a value to a restricted facet never shrinks it.
            let extra = pick.get(&all).clone();
            if !current.contains(&extra) {
                let mut r = f.clone();
                list_mut(&mut r, facet).push(extra);
                prop_assert!(is_subset(&before, &visible(ds, g, &r)));
            }
        }
        // Setting a year or a query on an open one never grows either.
        if f.year.is_none() {
            let r = Filter { year: Some(2012), ..f.clone() };
            prop_assert!(is_subset(&visible(ds, g, &r), &before));
        }
        if f.stake.is_none() {
            let r = Filter { stake: Some("open-source-vs-proprietary".into()), ..f.clone() };
            prop_assert!(is_subset(&visible(ds, g, &r), &before));
        }
    }

    #[test]
    fn facet_rule_holds(f in arb_filter()) {
        let (ds, g) = real();
        let c = facet_counts(ds, g, &f);
        for (facet, counts) in [
            (Facet::Type, &c.types),
            (Facet::Objective, &c.objectives),
            (Facet::Ecosystem, &c.ecosystems),
            (Facet::Link, &c.links),
        ] {
            prop_assert_eq!(counts.len(), values(facet).len());
            for (value, n) in counts {
                let mut alone = f.clone();
                *list_mut(&mut alone, facet) = vec![value.clone()];
                let v = visible(ds, g, &alone);
                // Visible actors having the value (under a focus the centre
                // is shown whatever its values), or visible links of the kind.
                let having = |a: &Actor| match facet {
                    Facet::Type => a.actor_type() == value,
                    Facet::Objective => a.objectives.contains(value),
                    Facet::Ecosystem => a.ecosystems.contains(value),
                    Facet::Link => false,
                };
                let expected = if facet == Facet::Link {
                    v.link_count
                } else {
                    ds.actors.iter().zip(&v.actors).filter(|&(a, &on)| on && having(a)).count()
                };
                prop_assert_eq!(*n, expected, "{:?} {}", facet, value);
            }
        }
    }
}

// ---- size: 2,000 actors, 5,000 links ----

/// A generated dataset of `n` actors and `m` links (xorshift, fixed seed).
fn synthetic(n: usize, m: usize) -> Dataset {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |k: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % k as u64) as usize
    };
    let types = [
        "association",
        "startup",
        "company",
        "platform",
        "public-agency",
    ];
    let objectives = ["information", "mobilisation", "co-production"];
    let kinds = ["funds", "uses", "partners-with", "operates"];
    let actors: Vec<Actor> = (0..n)
        .map(|i| Actor {
            id: format!("actor-{i}"),
            name: format!("Acteur numéro {i} Démocratie"),
            aliases: if i % 7 == 0 {
                vec![format!("Alias {i}")]
            } else {
                vec![]
            },
            actor_type: types[next(types.len())].into(),
            objectives: vec![objectives[next(3)].into()],
            ecosystems: vec![format!("eco-{}", next(12))],
            founded: if i % 5 == 0 {
                None
            } else {
                Some(1990 + next(30) as i64)
            },
            ..Actor::default()
        })
        .collect();
    let links = (0..m)
        .map(|_| Link {
            source: format!("actor-{}", next(n)),
            target: format!("actor-{}", next(n)),
            kind: kinds[next(kinds.len())].into(),
            since: Some(1995 + next(25) as i64),
            ..Link::default()
        })
        .collect();
    Dataset {
        taxonomy: Taxonomy {
            actor_types: types
                .iter()
                .map(|t| ActorType {
                    id: t.to_string(),
                    label: None,
                    color: "#0072B2".into(),
                    color_dark: "#2486BD".into(),
                    shape: crate::model::format::dataset::Shape::Circle,
                    extra: Default::default(),
                })
                .collect(),
            ..Taxonomy::default()
        },
        actors,
        links,
        stakes: vec![Stake {
            id: Some("s".into()),
            actors: (0..n).step_by(3).map(|i| format!("actor-{i}")).collect(),
            ..Stake::default()
        }],
        ..Dataset::default()
    }
}

#[test]
fn large_graph_filters_agree_with_the_reference() {
    let ds = synthetic(2000, 5000);
    let g = Graph::new(&ds);
    let f = Filter {
        types: s(&["association", "platform"]),
        year: Some(2012),
        q: "democratie".into(),
        actor: Some("actor-3".into()),
        depth: Some(3),
        ..Filter::default()
    };
    let v = visible(&ds, &g, &f);
    let c = facet_counts(&ds, &g, &f);
    assert_eq!(v, reference(&ds, &f));
    assert_eq!(c.ecosystems.len(), 12);
    // Its time is measured by `cargo bench --bench layout`, not here: a
    // timed unit test is not a benchmark.
}
