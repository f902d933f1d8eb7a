//! Tests of the URL codec: decode and resolve tables, canonical encoding,
//! and property tests (no panic on any input, round trip, canonical form).

use super::*;
use crate::model::fixtures::default_dataset;
use crate::model::network::filter::Filter;
use proptest::prelude::*;
use std::sync::OnceLock;

fn ds() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(default_dataset)
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn with(f: Filter) -> AppState {
    AppState {
        filter: f,
        ..AppState::default()
    }
}

fn n(param: &str, value: &str, reason: NoticeReason) -> Notice {
    notice(param, value, reason)
}

use NoticeReason::*;

/// One decode row: query → state and notices.
#[track_caller]
fn check(query: &str, state: AppState, notices: Vec<Notice>) {
    assert_eq!(decode(query), (state, notices), "decode({query:?})");
}

#[test]
fn decode_table() {
    check("", AppState::default(), vec![]);
    check("?", AppState::default(), vec![]);
    check("?utm_source=x&foo", AppState::default(), vec![]);
    check(
        "?type=startup,association,startup,,Bad&objective=information",
        with(Filter {
            types: s(&["startup", "association"]),
            objectives: s(&["information"]),
            ..Filter::default()
        }),
        vec![n("type", "Bad", Invalid)],
    );
    check(
        "q=d%C3%A9mocratie+ouverte",
        with(Filter {
            q: "démocratie ouverte".into(),
            ..Filter::default()
        }),
        vec![],
    );
    check(
        "q=d%C3%A9mocratie%20ouverte",
        with(Filter {
            q: "démocratie ouverte".into(),
            ..Filter::default()
        }),
        vec![],
    );
    check(
        "q=a%2Bb",
        with(Filter {
            q: "a+b".into(),
            ..Filter::default()
        }),
        vec![],
    );
    check("q=%FF", AppState::default(), vec![n("q", "%FF", Invalid)]);
    check(
        "year=2018",
        with(Filter {
            year: Some(2018),
            ..Filter::default()
        }),
        vec![],
    );
    check(
        "year=999",
        AppState::default(),
        vec![n("year", "999", Invalid)],
    );
    check(
        "year=2101",
        AppState::default(),
        vec![n("year", "2101", Invalid)],
    );
    check(
        "year=+2018",
        AppState::default(),
        vec![n("year", "+2018", Invalid)],
    );
    check(
        "depth=2",
        with(Filter {
            depth: Some(2),
            ..Filter::default()
        }),
        vec![],
    );
    check(
        "depth=0",
        AppState::default(),
        vec![n("depth", "0", Invalid)],
    );
    check(
        "depth=4",
        AppState::default(),
        vec![n("depth", "4", Invalid)],
    );
    check(
        "actor=dinsic",
        with(Filter {
            actor: Some("dinsic".into()),
            ..Filter::default()
        }),
        vec![],
    );
    check(
        "actor=<script>",
        AppState::default(),
        vec![n("actor", "<script>", Invalid)],
    );
    check(
        "stake=open-source-vs-proprietary",
        with(Filter {
            stake: Some("open-source-vs-proprietary".into()),
            ..Filter::default()
        }),
        vec![],
    );
    check(
        "path=a~b",
        AppState {
            path: Some(("a".into(), "b".into())),
            ..AppState::default()
        },
        vec![],
    );
    check(
        "path=a~",
        AppState::default(),
        vec![n("path", "a~", Invalid)],
    );
    check(
        "path=a-b",
        AppState::default(),
        vec![n("path", "a-b", Invalid)],
    );
    check(
        "view=list&lang=en&theme=dark&embed=1",
        AppState {
            view: View::List,
            lang: Lang::En,
            theme: Some(Theme::Dark),
            embed: true,
            ..AppState::default()
        },
        vec![],
    );
    check(
        "view=map",
        AppState::default(),
        vec![n("view", "map", Invalid)],
    );
    check(
        "lang=de&theme=blue&embed=yes",
        AppState::default(),
        vec![
            n("lang", "de", Invalid),
            n("theme", "blue", Invalid),
            n("embed", "yes", Invalid),
        ],
    );
    check(
        "data=https%3A%2F%2Fexample.org%2Fd.json",
        AppState {
            data: Some("https://example.org/d.json".into()),
            ..AppState::default()
        },
        vec![],
    );
    check(
        "data=data/other.json",
        AppState {
            data: Some("data/other.json".into()),
            ..AppState::default()
        },
        vec![],
    );
    check(
        "data=javascript:alert(1)",
        AppState::default(),
        vec![n("data", "javascript:alert(1)", Invalid)],
    );
    // The first occurrence wins.
    check(
        "lang=en&lang=fr",
        AppState {
            lang: Lang::En,
            ..AppState::default()
        },
        vec![n("lang", "fr", Invalid)],
    );
    // Empty values are absent.
    check("type=&q=", AppState::default(), vec![]);
    // A fragment is not part of the query.
    check(
        "lang=en#x=1",
        AppState {
            lang: Lang::En,
            ..AppState::default()
        },
        vec![],
    );
}

#[test]
fn resolve_table() {
    let resolve_q = |q: &str| resolve(decode(q).0, ds());
    // Ids re-ordered in taxonomy order, unknown ones dropped.
    let (st, ns) = resolve_q("type=platform,association,martian&ecosystem=open-data,nowhere");
    assert_eq!(st.filter.types, s(&["association", "platform"]));
    assert_eq!(st.filter.ecosystems, s(&["open-data"]));
    assert_eq!(
        ns,
        vec![
            n("type", "martian", UnknownId),
            n("ecosystem", "nowhere", UnknownId)
        ]
    );
    // Alias → id.
    let (st, ns) = resolve_q("actor=dinsic&depth=2");
    assert_eq!(st.filter.actor.as_deref(), Some("dinum"));
    assert_eq!(st.filter.depth, Some(2));
    assert!(ns.is_empty());
    // The centre of a focus: a facet never hides it.
    let (st, ns) = resolve_q("type=platform&actor=dinum&depth=1");
    assert_eq!(st.filter.actor.as_deref(), Some("dinum"));
    assert_eq!(st.filter.depth, Some(1));
    assert!(ns.is_empty());
    // Without depth, a hidden selection is dropped.
    let (st, ns) = resolve_q("type=platform&actor=dinum");
    assert_eq!(st.filter.actor, None);
    assert_eq!(ns, vec![n("actor", "dinum", HiddenActor)]);
    // `year` hides a focus too (DINUM was founded in 2011), and its depth goes.
    let (st, ns) = resolve_q("year=2005&actor=dinum&depth=1");
    assert_eq!(st.filter.actor, None);
    assert_eq!(st.filter.depth, None);
    assert_eq!(
        ns,
        vec![
            n("actor", "dinum", HiddenActor),
            n("depth", "1", DepthWithoutActor)
        ]
    );
    // Unknown actor, depth alone.
    let (_, ns) = resolve_q("actor=nobody");
    assert_eq!(ns, vec![n("actor", "nobody", UnknownId)]);
    let (st, ns) = resolve_q("depth=3");
    assert_eq!(st.filter.depth, None);
    assert_eq!(ns, vec![n("depth", "3", DepthWithoutActor)]);
    // Stakes and paths.
    let (st, ns) = resolve_q("stake=nope&path=dinsic~etalab");
    assert_eq!(st.filter.stake, None);
    assert_eq!(st.path, Some(("dinum".into(), "etalab".into())));
    assert_eq!(ns, vec![n("stake", "nope", UnknownId)]);
    let (st, ns) = resolve_q("path=dinum~ghost");
    assert_eq!(st.path, None);
    assert_eq!(ns, vec![n("path", "dinum~ghost", UnknownId)]);
}

#[test]
fn encode_is_canonical_and_omits_defaults() {
    assert_eq!(encode(&AppState::default()), "");
    let st = AppState {
        filter: Filter {
            types: s(&["association", "platform"]),
            objectives: s(&["information"]),
            ecosystems: s(&["open-data"]),
            links: s(&["funds"]),
            year: Some(2018),
            q: "démocratie & co+".into(),
            stake: Some("open-source-vs-proprietary".into()),
            actor: Some("dinum".into()),
            depth: Some(2),
        },
        path: Some(("a".into(), "b".into())),
        size: Measure::Betweenness,
        color: ColorBy::Community,
        view: View::List,
        lang: Lang::En,
        theme: Some(Theme::Light),
        embed: true,
        data: Some("https://example.org/d.json?v=1&x=2#top".into()),
    };
    assert_eq!(
        encode(&st),
        "type=association,platform&objective=information&ecosystem=open-data&link=funds&year=2018\
         &q=d%C3%A9mocratie+%26+co%2B&stake=open-source-vs-proprietary&actor=dinum&depth=2&path=a~b\
         &size=betweenness&color=community&view=list&lang=en&theme=light&embed=1&data=https://example.org/d.json?v=1%26x=2%23top"
    );
    assert_eq!(decode(&encode(&st)), (st, vec![]));
}

#[test]
fn size_and_color_decode_and_bad_values_give_notices() {
    for m in Measure::ALL {
        let (st, ns) = decode(&format!("size={}", m.id()));
        assert_eq!((st.size, ns), (m, vec![]));
    }
    for c in ColorBy::ALL {
        let (st, ns) = decode(&format!("color={}", c.id()));
        assert_eq!((st.color, ns), (c, vec![]));
    }
    // The defaults are left out of the canonical URL.
    let st = AppState {
        size: Measure::Degree,
        color: ColorBy::Type,
        ..AppState::default()
    };
    assert_eq!(encode(&st), "");
    let (st, ns) = decode("size=Degree&color=rainbow");
    assert_eq!((st.size, st.color), (Measure::Degree, ColorBy::Type));
    assert_eq!(
        ns,
        vec![
            n("size", "Degree", NoticeReason::Invalid),
            n("color", "rainbow", NoticeReason::Invalid)
        ]
    );
}

#[test]
fn a_hidden_path_end_is_dropped_naming_the_filter() {
    let resolve_q = |q: &str| resolve(decode(q).0, ds());
    let (st, ns) = resolve_q("year=2012&path=dinum~cap-collectif");
    assert_eq!(st.path, None);
    let hidden = HiddenPathEnd {
        second: true,
        by: Some(Cut::Year),
    };
    assert_eq!(ns, vec![n("path", "dinum~cap-collectif", hidden)]);
    let (st, ns) = resolve_q("year=2020&path=dinum~cap-collectif");
    assert_eq!(st.path, Some(("dinum".into(), "cap-collectif".into())));
    assert!(ns.is_empty());
    // The round trip through the address bar keeps it.
    assert_eq!(resolve(decode(&encode(&st)).0, ds()), (st, vec![]));
}

// ---- properties ----

fn arb_id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9._-]{0,12}"
}

fn arb_ids() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(arb_id(), 0..4).prop_map(|mut v| {
        let mut seen = Vec::new();
        v.retain(|x| {
            let new = !seen.contains(x);
            seen.push(x.clone());
            new
        });
        v
    })
}

fn arb_data() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        "https://[a-z.]{1,12}/[a-zA-Z0-9/._%&+#?=é-]{0,20}",
        "[a-z0-9_-]{1,8}/[a-z0-9]{1,8}\\.json",
    ])
}

prop_compose! {
    fn arb_state()(
        types in arb_ids(), objectives in arb_ids(), ecosystems in arb_ids(), links in arb_ids(),
        year in prop::option::of(1000i64..=2100),
        q in "\\PC{0,30}",
        stake in prop::option::of(arb_id()),
        actor in prop::option::of(arb_id()),
        depth in prop::option::of(1u8..=3),
        path in prop::option::of((arb_id(), arb_id())),
        size in prop::sample::select(Measure::ALL.to_vec()),
        color in prop::sample::select(ColorBy::ALL.to_vec()),
        view in prop::sample::select(vec![View::Graph, View::List, View::Timeline, View::Stakes, View::Analysis]),
        lang in prop::sample::select(vec![Lang::Fr, Lang::En]),
        theme in prop::option::of(prop::sample::select(vec![Theme::Light, Theme::Dark])),
        embed in any::<bool>(),
        data in arb_data(),
    ) -> AppState {
        AppState {
            filter: Filter { types, objectives, ecosystems, links, year, q, stake, actor, depth },
            path, size, color, view, lang, theme, embed, data,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_strings_never_panic(q in "\\PC{0,80}", raw in prop::collection::vec(any::<u8>(), 0..80)) {
        let (st, _) = decode(&q);
        let _ = resolve(st, ds());
        let lossy = String::from_utf8_lossy(&raw).into_owned();
        let (st, _) = decode(&lossy);
        let (st, _) = resolve(st, ds());
        let _ = encode(&st);
    }

    #[test]
    fn param_shaped_garbage_never_panics(
        pairs in prop::collection::vec((prop::sample::select(PARAMS.to_vec()), "[^&#]{0,20}"), 0..8)
    ) {
        let q = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
        let (st, _) = decode(&q);
        let (st, _) = resolve(st, ds());
        // A resolved state re-encodes and decodes to itself.
        prop_assert_eq!(decode(&encode(&st)), (st.clone(), vec![]));
    }

    #[test]
    fn round_trip(st in arb_state()) {
        let q = encode(&st);
        prop_assert_eq!(decode(&q), (st, vec![]));
    }

    #[test]
    fn encode_is_canonical(st in arb_state()) {
        let q = encode(&st);
        prop_assert_eq!(encode(&decode(&q).0), q.clone());
        // With a leading '?' too.
        prop_assert_eq!(encode(&decode(&format!("?{q}")).0), q);
    }

    #[test]
    fn resolve_is_idempotent(st in arb_state()) {
        let (once, _) = resolve(st, ds());
        let (twice, notices) = resolve(once.clone(), ds());
        prop_assert_eq!(twice, once);
        prop_assert!(notices.is_empty());
    }
}

#[test]
fn v_is_read_from_any_url_and_written_last_in_shared_links() {
    assert_eq!(
        decode_version("?type=platform&v=2019-01").as_deref(),
        Some("2019-01")
    );
    assert_eq!(
        decode_version("v=2019%2F01&v=other").as_deref(),
        Some("2019/01")
    );
    assert_eq!(decode_version("?type=platform"), None);
    assert_eq!(decode_version("?v="), None);
    assert_eq!(decode_version("?v=%0A"), None);
    assert_eq!(decode_version(&format!("?v={}", "x".repeat(65))), None);
    // `v` is not part of the state: the canonical query never carries it.
    let (st, notices) = decode("?type=platform&v=2019-01");
    assert!(notices.is_empty());
    assert_eq!(encode(&st), "type=platform");
    assert_eq!(
        shared_link_query("type=platform&lang=en", Some("2019-01")),
        "type=platform&lang=en&v=2019-01"
    );
    assert_eq!(shared_link_query("", Some("v 2")), "v=v%202");
    assert_eq!(shared_link_query("type=platform", None), "type=platform");
    assert_eq!(
        shared_link_query("type=platform", Some("")),
        "type=platform"
    );
}

proptest! {
    #[test]
    fn a_version_survives_the_shared_link(v in "\\PC{1,64}", canonical in "(type=platform)?") {
        let q = shared_link_query(&canonical, Some(&v));
        prop_assert_eq!(decode_version(&q), Some(v));
    }
}
