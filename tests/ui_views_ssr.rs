//! The list, stakes and timeline views through Yew server-side rendering
//! (native): the product hooks (`actor-row`, `data-actor-id`), the sort
//! state on the headers, dataset text as text never markup, sources linked
//! only for http(s).

#![cfg(not(target_arch = "wasm32"))]
// Test helpers outside #[test] fns may panic on a broken fixture.
#![allow(clippy::expect_used)]

mod ssr;
use ssr::{map, render_in_map, render_timeline};

use std::rc::Rc;

use civicmap::model::format::dataset::Dataset;
use civicmap::model::network::filter::{self, Filter};
use civicmap::model::network::graph::Graph;
use civicmap::model::network::metrics::Measure;
use civicmap::model::view::listing::{self, Sort};
use civicmap::model::view::state::Lang;
use civicmap::ui::list_view::{label, rows_markup, ListView, ListViewProps};
use civicmap::ui::stakes_view::{StakesView, StakesViewProps};
use civicmap::ui::store::Frozen;
use civicmap::ui::timeline::TimelineViewProps;
use yew::Callback;

const HOSTILE: &str = r##"{
  "format": "civicmap/1",
  "taxonomy": {
    "actor_types": [
      {"id": "association", "label": {"fr": "Association", "en": "Association"},
       "color": "#1b9e77", "color_dark": "#66c2a5", "shape": "circle"},
      {"id": "startup", "label": {"fr": "Start-up", "en": "Start-up"},
       "color": "#d95f02", "color_dark": "#fc8d62", "shape": "square"}
    ],
    "objectives": [{"id": "information", "label": {"fr": "Information", "en": "Information"}}],
    "link_kinds": [
      {"id": "funds", "label": {"fr": "finance", "en": "funds"},
       "inverse_label": {"fr": "financé par", "en": "funded by"}, "directed": true}
    ]
  },
  "actors": [
    {"id": "evil", "name": "<img src=x onerror=alert(1)>", "type": "association",
     "objectives": ["information"], "founded": 2014},
    {"id": "funder", "name": "Fondation Démo", "type": "startup", "founded": 2001},
    {"id": "alone", "name": "Zèbre", "type": "startup"}
  ],
  "links": [{"source": "funder", "target": "evil", "kind": "funds"}],
  "events": [
    {"id": "e1", "date": "2015-03", "title": {"fr": "<script>alert(5)</script>"}, "actors": ["evil"]}
  ],
  "stakes": [
    {"id": "money", "category": "economic", "title": {"fr": "L'<b>argent</b>", "en": "Money"},
     "description": {"fr": "Décrit <em>ici</em>"}, "actors": ["evil", "funder"],
     "sources": ["https://example.org/s", "javascript:alert(6)",
                 {"label": {"fr": "Entretien"}, "url": "javascript:alert(7)"}]},
    {"id": "odd", "category": "legal", "title": "Odd", "actors": ["alone"]}
  ]
}"##;

fn dataset() -> Dataset {
    serde_json::from_str(HOSTILE).expect("fixture parses")
}

fn no_markup(html: &str) {
    for tag in ["<img", "<script", "<em>", "<b>"] {
        assert!(
            !html.contains(tag),
            "raw markup {tag} from the dataset: {html}"
        );
    }
    assert!(!html.contains("href=\"javascript:"), "{html}");
}

/// The list view under `f`, rendered in a map of the dataset in `lang`,
/// its body filled with the rows as the browser fills it (the view renders
/// an empty `<tbody>` and inserts `row_markup` per row).
async fn list_view(f: &Filter, selected: Option<usize>, lang: Lang) -> String {
    let ds = dataset();
    let g = Graph::new(&ds);
    let vis = filter::visible(&ds, &g, f);
    let rows = listing::sorted(
        listing::rows(&ds, &g, &vis, |v, id| label(&ds, lang, v, id)),
        Sort::default(),
    );
    let body = rows_markup(&ds, lang, false, &rows, Measure::Degree);
    let props = ListViewProps {
        visible: Frozen(Rc::new(vis)),
        selected,
        size: Default::default(),
    };
    let html = render_in_map::<ListView>(map(ds, lang), props).await;
    if rows.is_empty() {
        return html;
    }
    assert_eq!(html.matches("<tbody></tbody>").count(), 1, "{html}");
    html.replace("<tbody></tbody>", &format!("<tbody>{body}</tbody>"))
}

#[tokio::test(flavor = "current_thread")]
async fn list_rows_carry_the_hooks_and_names_as_text() {
    let html = list_view(&Filter::default(), None, Lang::Fr).await;
    no_markup(&html);
    assert_eq!(html.matches(r#"data-testid="actor-row""#).count(), 3);
    for id in ["evil", "funder", "alone"] {
        assert!(html.contains(&format!(r#"data-actor-id="{id}""#)), "{id}");
    }
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    // A real table with a caption, column headers and the sort state.
    assert!(
        html.contains("<caption>3 acteurs affichés, triés par nom (ordre croissant)</caption>"),
        "{html}"
    );
    // The six columns and the community (what `color=community` shows).
    assert_eq!(html.matches(r#"scope="col""#).count(), 7);
    assert!(html.contains(r#"data-column="community""#), "{html}");
    assert_eq!(html.matches(r#"aria-sort="ascending""#).count(), 1);
    assert!(html.contains("Liens affichés"));
    // Sorted by name: Fondation, <img…>, Zèbre (folded: "fondation", "img…", "zebre").
    let at = |id: &str| html.find(&format!(r#"data-actor-id="{id}""#)).expect(id);
    assert!(at("funder") < at("evil") && at("evil") < at("alone"));
    // No selection, no summary.
    assert!(!html.contains("list-summary"));
}

#[tokio::test(flavor = "current_thread")]
async fn list_follows_the_filter_and_summarises_the_selection() {
    let f = Filter {
        types: vec!["startup".into()],
        ..Filter::default()
    };
    let html = list_view(&f, None, Lang::En).await;
    assert_eq!(html.matches(r#"data-testid="actor-row""#).count(), 2);
    assert!(!html.contains(r#"data-actor-id="evil""#));

    let html = list_view(&Filter::default(), Some(1), Lang::En).await;
    no_markup(&html);
    assert!(
        html.contains(
            "Fondation Démo — Start-up. 1 link: funds &lt;img src=x onerror=alert(1)&gt;."
        ),
        "{html}"
    );
    // The selected row is marked in the browser, in place (`aria-current`,
    // e2e views.test.mjs): the table's markup does not depend on the
    // selection, so choosing a row never rebuilds it under the focus.
    let table = |h: &str| h.find("<table").map(|i| h[i..].to_string());
    let unselected = list_view(&Filter::default(), None, Lang::En).await;
    assert!(table(&html).is_some());
    assert_eq!(table(&html), table(&unselected), "the table is the same");

    let none = Filter {
        q: "nothing-matches-this".into(),
        ..Filter::default()
    };
    let html = list_view(&none, None, Lang::En).await;
    assert!(html.contains(r#"data-testid="list-empty""#), "{html}");
    assert!(!html.contains("<table"));
}

/// The stakes view under `f`, rendered in a map of the dataset in `lang`.
async fn stakes_view(f: Filter, lang: Lang) -> String {
    let props = StakesViewProps {
        filter: f,
        selected: None,
    };
    render_in_map::<StakesView>(map(dataset(), lang), props).await
}

#[tokio::test(flavor = "current_thread")]
async fn stakes_are_grouped_with_safe_sources_and_inert_text() {
    let html = stakes_view(Filter::default(), Lang::Fr).await;
    no_markup(&html);
    assert!(
        html.contains("L&#x27;&lt;b&gt;argent&lt;/b&gt;")
            || html.contains("L'&lt;b&gt;argent&lt;/b&gt;"),
        "{html}"
    );
    assert_eq!(html.matches(r#"data-testid="stake-group""#).count(), 2);
    let economic = html.find(r#"data-category="economic""#).expect("economic");
    let legal = html.find(r#"data-category="legal""#).expect("legal");
    assert!(economic < legal, "the format's categories come first");
    assert!(html.contains("Enjeux économiques"));
    assert!(
        html.contains(r#"href="https://example.org/s" target="_blank" rel="noopener noreferrer""#)
    );
    assert!(html.contains("Entretien"));
    assert!(
        html.contains("javascript:alert(6)"),
        "an unsafe source stays visible as text"
    );
    // Every actor can be chosen; no stake is active.
    assert_eq!(html.matches(r#"data-testid="stake-actor""#).count(), 3);
    assert_eq!(html.matches(r#"aria-pressed="false""#).count(), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn the_active_stake_is_pressed_and_other_actors_are_not_buttons() {
    let f = Filter {
        stake: Some("money".into()),
        ..Filter::default()
    };
    let html = stakes_view(f, Lang::En).await;
    assert_eq!(html.matches(r#"aria-pressed="true""#).count(), 1);
    assert!(html.contains(r#"data-testid="stake-show-map""#));
    // Each button names its stake (for a screen reader, not on screen).
    assert!(
        html.matches(r#"<span class="visually-hidden"> — "#).count() >= 3,
        "{html}"
    );
    // "alone" is not in the active stake: shown, but not a button.
    assert!(
        html.contains(r#"data-testid="stake-actor-hidden" data-actor-id="alone""#),
        "{html}"
    );
    assert!(html.contains("hidden by the filters"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_timeline_lists_events_as_text() {
    let ds = dataset();
    let g = Graph::new(&ds);
    let vis = filter::visible(&ds, &g, &Filter::default());
    let props = TimelineViewProps {
        visible: Frozen(Rc::new(vis)),
        on_show: Callback::noop(),
        play: None,
        reduced_motion: false,
        year: None,
    };
    let html = render_timeline(map(ds, Lang::Fr), props).await;
    no_markup(&html);
    assert!(html.contains("2015-03"));
    assert!(
        html.contains("&lt;script&gt;alert(5)&lt;/script&gt;"),
        "{html}"
    );
}
