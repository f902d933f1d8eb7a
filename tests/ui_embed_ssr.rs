//! Embed mode's chrome and the "Embed this map" dialog through Yew
//! server-side rendering (native): the hooks the end-to-end tests and host
//! pages rely on, the link that opens the full map, and dataset text (the
//! title, the attribution) that stays text inside the snippet.

#![cfg(not(target_arch = "wasm32"))]
// Test helpers outside #[test] fns may panic on a broken fixture.
#![allow(clippy::expect_used)]

mod ssr;
use ssr::{map, render_in_map};

use civicmap::model::format::dataset::Dataset;
use civicmap::model::view::state::{AppState, Lang};
use civicmap::ui::embed::{
    EmbedControls, EmbedControlsProps, EmbedDialog, EmbedDialogProps, EmbedFooter, EmbedFooterProps,
};
use civicmap::ui::i18n;
use yew::{AttrValue, Callback, Html};

const HOSTILE: &str = r##"{
  "format": "civicmap/1",
  "meta": {"title": {"fr": "Carte \"<b>test</b>\" & co", "en": "Test map"},
           "attribution": "<script>alert(1)</script> Observatoire", "license": "ODbL-1.0"},
  "taxonomy": {"actor_types": [{"id": "association", "label": "Association", "shape": "circle"}]},
  "actors": [{"id": "a", "name": "A", "type": "association"}],
  "links": []
}"##;

fn dataset() -> Dataset {
    serde_json::from_str(HOSTILE).expect("fixture parses")
}

#[tokio::test(flavor = "current_thread")]
async fn the_footer_credits_the_source_as_text_and_opens_the_full_map_in_a_new_tab() {
    let ds = dataset();
    let credit = i18n::credit(
        Lang::Fr,
        ds.meta.attribution.as_deref(),
        ds.meta.license.as_deref(),
    );
    let props = EmbedFooterProps {
        credit: credit.map(AttrValue::from),
        full_href: "https://carte.example/?type=association".into(),
        children: Default::default(),
    };
    let html = render_in_map::<EmbedFooter>(map(ds, Lang::Fr), props).await;
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Observatoire · licence ODbL-1.0"),
        "{html}"
    );
    assert!(html.contains(r#"href="https://carte.example/?type=association""#));
    assert!(html.contains(r#"target="_blank""#));
    assert!(html.contains(r#"rel="noopener noreferrer""#));
    assert!(html.contains("Ouvrir la carte complète"));
    assert!(
        html.contains("(nouvel onglet)"),
        "says it opens a new tab: {html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_controls_say_what_they_open_and_whether_it_is_open() {
    let props = |search_open: bool| EmbedControlsProps {
        search_open,
        searching: true,
        filters_open: false,
        filters_badge: 2,
        on_search: Callback::noop(),
        on_filters: Callback::noop(),
        children: Html::default(),
    };
    let html = render_in_map::<EmbedControls>(map(dataset(), Lang::En), props(false)).await;
    assert!(html.contains(r#"data-testid="search-toggle""#));
    assert!(html.contains(r#"aria-controls="embed-search""#));
    assert!(html.contains(r#"aria-controls="filter-panel""#));
    assert_eq!(
        html.matches(r#"aria-expanded="false""#).count(),
        2,
        "{html}"
    );
    assert!(
        html.contains("badge dot"),
        "a closed search that filters shows a dot: {html}"
    );
    assert!(html.contains(">2</span>"), "the filters badge: {html}");
    let html = render_in_map::<EmbedControls>(map(dataset(), Lang::En), props(true)).await;
    assert!(html.contains("search-open"));
    assert!(!html.contains("badge dot"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_dialog_shows_an_escaped_snippet_of_the_current_view_and_previews_it() {
    let mut state = AppState::default();
    state.filter.types = vec!["association".into()];
    let props = EmbedDialogProps {
        state,
        base: "https://carte.example/".into(),
        on_close: Callback::noop(),
    };
    let html = render_in_map::<EmbedDialog>(map(dataset(), Lang::Fr), props).await;
    assert!(html.contains(r#"role="dialog""#) && html.contains(r#"aria-modal="true""#));
    assert!(html.contains(r#"aria-labelledby="embed-title""#));
    assert!(!html.contains("<b>"), "{html}");
    // The snippet is text in the textarea: escaped once by the snippet, once
    // more by the page.
    assert!(
        html.contains(r#"title="Carte interactive : Carte &amp;quot;&amp;lt;b&amp;gt;test&amp;lt;/b&amp;gt;&amp;quot; &amp;amp; co""#),
        "{html}"
    );
    assert!(html.contains(r#"src="https://carte.example/?type=association&amp;amp;embed=1""#));
    // The preview frames the same address, with the same title.
    assert!(
        html.contains(r#"src="https://carte.example/?type=association&amp;embed=1""#),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="embed-preview""#));
    assert!(
        html.contains("inert"),
        "the preview is out of the Tab order: {html}"
    );
}
