//! Tests of the embed snippet: its address, title, sizes and height checks,
//! and property tests that the snippet is always one well-formed iframe.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::model::network::filter::Filter;
use crate::model::view::state::{Theme, View};

/// What a browser's tokenizer makes of `html`: the start tags (name and
/// decoded attributes), the end tags, and how many other tokens (text,
/// comments, errors) there were.
struct Parsed {
    starts: Vec<(String, BTreeMap<String, String>)>,
    ends: Vec<String>,
    others: Vec<String>,
}

fn parse(html: &str) -> Parsed {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let mut p = Parsed {
        starts: Vec::new(),
        ends: Vec::new(),
        others: Vec::new(),
    };
    for token in html5gum::Tokenizer::new(html) {
        match token {
            Ok(html5gum::Token::StartTag(tag)) => {
                let attrs = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (text(k), text(v)))
                    .collect();
                p.starts.push((text(&tag.name), attrs));
            }
            Ok(html5gum::Token::EndTag(tag)) => p.ends.push(text(&tag.name)),
            other => p.others.push(format!("{other:?}")),
        }
    }
    p
}

/// The one iframe of `html`, its attributes; fails the test otherwise.
fn one_iframe(html: &str) -> BTreeMap<String, String> {
    let p = parse(html);
    assert_eq!(
        p.others,
        Vec::<String>::new(),
        "no text, comment or error in {html}"
    );
    assert_eq!(p.ends, vec!["iframe".to_string()], "{html}");
    assert_eq!(p.starts.len(), 1, "{html}");
    let (name, attrs) = p.starts.into_iter().next().unwrap_or_default();
    assert_eq!(name, "iframe");
    attrs
}

fn query_of(src: &str) -> &str {
    src.split_once('?').map(|(_, q)| q).unwrap_or("")
}

#[test]
fn the_snippet_has_the_attributes_a_partner_needs() {
    let mut st = AppState::default();
    st.filter.types = vec!["association".into(), "startup".into()];
    st.filter.actor = Some("decidim".into());
    let src = embed_src("https://carte.example.org/civicmap/", &st, Lang::Fr);
    assert_eq!(
        src,
        "https://carte.example.org/civicmap/?type=association,startup&actor=decidim&embed=1"
    );
    let a = one_iframe(&snippet(
        &src,
        "Carte interactive : L'écosystème",
        Size::Responsive,
    ));
    assert_eq!(a.get("src"), Some(&src));
    assert_eq!(
        a.get("title").map(String::as_str),
        Some("Carte interactive : L'écosystème")
    );
    assert_eq!(a.get("loading").map(String::as_str), Some("lazy"));
    assert_eq!(a.get("allow").map(String::as_str), Some("clipboard-write"));
    assert_eq!(
        a.get("height"),
        None,
        "a responsive frame has no fixed height"
    );
    let style = a.get("style").cloned().unwrap_or_default();
    assert!(
        style.contains("width:100%") && style.contains("aspect-ratio:4/3"),
        "{style}"
    );

    let a = one_iframe(&snippet(&src, "Carte", Size::Fixed(640)));
    assert_eq!(a.get("height").map(String::as_str), Some("640"));
    assert!(a.get("style").is_some_and(|s| s.contains("height:640px")));
}

#[test]
fn the_language_and_embed_go_into_the_address_and_the_rest_of_the_view_stays() {
    let mut st = AppState {
        lang: Lang::En,
        embed: false,
        data: Some("data/other.json".into()),
        ..AppState::default()
    };
    st.filter.year = Some(2015);
    let src = embed_src("https://m.example/", &st, Lang::Fr);
    let (back, notices) = url::decode(query_of(&src));
    assert!(notices.is_empty());
    assert_eq!(
        back,
        AppState {
            lang: Lang::Fr,
            embed: true,
            ..st.clone()
        }
    );
    assert!(embed_src("https://m.example/", &st, Lang::En).contains("lang=en&embed=1"));
}

#[test]
fn hostile_titles_stay_inside_their_attribute() {
    for title in [
        "\"><script>alert(1)</script>",
        "a' onload='alert(1)",
        "&quot; &amp; &#34;",
        "</iframe><img src=x onerror=alert(1)>",
        "line\nbreak\r\n\ttab\u{0}nul",
    ] {
        let html = snippet("https://m.example/?embed=1", title, Size::Responsive);
        let a = one_iframe(&html);
        assert_eq!(a.get("title"), Some(&one_line(title)), "{html}");
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
    }
}

#[test]
fn one_line_flattens_and_caps() {
    assert_eq!(one_line("  a \n\t b\u{7}c  "), "a b c");
    assert_eq!(one_line("\u{0}"), "");
    let long = "é".repeat(MAX_TITLE_CHARS + 50);
    assert_eq!(one_line(&long).chars().count(), MAX_TITLE_CHARS);
}

#[test]
fn heights_are_validated() {
    let table: [(&str, Result<u32, HeightError>); 11] = [
        ("600", Ok(600)),
        (" 450px ", Ok(450)),
        ("450 px", Ok(450)),
        ("300", Ok(MIN_HEIGHT)),
        ("2000", Ok(MAX_HEIGHT)),
        ("", Err(HeightError::Empty)),
        ("px", Err(HeightError::Empty)),
        ("299", Err(HeightError::OutOfRange)),
        ("99999999999999999999", Err(HeightError::OutOfRange)),
        ("-500", Err(HeightError::NotANumber)),
        ("50%", Err(HeightError::NotANumber)),
    ];
    for (input, want) in table {
        assert_eq!(parse_height(input), want, "{input:?}");
    }
    assert_eq!(parse_height("6e2"), Err(HeightError::NotANumber));
    assert_eq!(parse_height("600.5"), Err(HeightError::NotANumber));
}

// ---- properties ----

fn arb_id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9._-]{0,10}"
}

prop_compose! {
    fn arb_state()(
        types in prop::collection::btree_set(arb_id(), 0..3),
        links in prop::collection::btree_set(arb_id(), 0..3),
        year in prop::option::of(1000i64..=2100),
        q in "\\PC{0,30}",
        actor in prop::option::of(arb_id()),
        depth in prop::option::of(1u8..=3),
        view in prop::sample::select(vec![View::Graph, View::List, View::Timeline, View::Stakes, View::Analysis]),
        lang in prop::sample::select(vec![Lang::Fr, Lang::En]),
        theme in prop::option::of(prop::sample::select(vec![Theme::Light, Theme::Dark])),
        embed in any::<bool>(),
        data in prop::option::of(prop_oneof![
            "https://[a-z.]{1,12}/[a-zA-Z0-9/._%&+#?='\"<>é-]{0,20}",
            "[a-z0-9_-]{1,8}/[a-z0-9]{1,8}\\.json",
        ]),
    ) -> AppState {
        let data = data.filter(|d| url::is_data_url(d));
        AppState {
            filter: Filter {
                types: types.into_iter().collect(),
                links: links.into_iter().collect(),
                year, q, actor, depth,
                ..Filter::default()
            },
            view, lang, theme, embed, data,
            ..AppState::default()
        }
    }
}

fn arb_size() -> impl Strategy<Value = Size> {
    prop_oneof![
        Just(Size::Responsive),
        (MIN_HEIGHT..=MAX_HEIGHT).prop_map(Size::Fixed),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever the view, the title and the size, the snippet is read by
    /// an HTML tokenizer as exactly one `<iframe>` element, its title is the
    /// given one (on one line), and its address decodes to the view in
    /// embed mode and the chosen language.
    #[test]
    fn the_snippet_is_one_iframe_whose_src_round_trips(
        st in arb_state(),
        lang in prop::sample::select(vec![Lang::Fr, Lang::En]),
        title in "\\PC{0,60}|[\"'<>&=/ a-z\\n\\t\\r\\x00]{0,40}",
        size in arb_size(),
        base in prop_oneof![
            Just("https://carte.example.org/".to_string()),
            "https://[a-z]{1,8}\\.example/[a-z/]{0,10}",
        ],
    ) {
        let src = embed_src(&base, &st, lang);
        let html = snippet(&src, &title, size);
        let a = one_iframe(&html);
        prop_assert_eq!(a.get("src"), Some(&src));
        prop_assert_eq!(a.get("title"), Some(&one_line(&title)));
        prop_assert_eq!(a.get("loading").map(String::as_str), Some("lazy"));
        let (back, notices) = url::decode(query_of(&src));
        prop_assert!(notices.is_empty(), "{:?}", notices);
        prop_assert_eq!(back, AppState { embed: true, lang, ..st });
    }
}

#[test]
fn the_version_goes_last_into_the_address() {
    let st = AppState::default();
    let src = super::embed_src_at("https://m.example/", &st, Lang::Fr, Some("2019-01 b"));
    assert!(src.ends_with("embed=1&v=2019-01%20b"), "{src}");
    assert_eq!(
        url::decode_version(query_of(&src)).as_deref(),
        Some("2019-01 b")
    );
    assert_eq!(
        super::embed_src_at("https://m.example/", &st, Lang::Fr, None),
        embed_src("https://m.example/", &st, Lang::Fr)
    );
}
