//! Component tests through Yew server-side rendering (native): what a
//! visitor and the end-to-end hooks see in the markup — dataset text as
//! text, never markup; the hooks' attributes; links only to http(s).

#![cfg(not(target_arch = "wasm32"))]
// Test helpers outside #[test] fns may panic on a broken fixture.
#![allow(clippy::expect_used)]

mod ssr;
use ssr::{map, render, render_in_map, render_timeline};

use std::rc::Rc;

use civicmap::model::format::dataset::Dataset;
use civicmap::model::format::diagnostic::Diagnostic;
use civicmap::model::network::filter::{FacetCounts, Filter, Visible};
use civicmap::model::view::state::Lang;
use civicmap::ui::actor_panel::{ActorPanel, ActorPanelProps};
use civicmap::ui::chrome::{
    ErrorPanel, ErrorPanelProps, NoticeBox, NoticeBoxProps, VisibleCount, VisibleCountProps,
};
use civicmap::ui::fetch_failure::FetchFailure;
use civicmap::ui::filters::{FilterPanel, FilterPanelProps};
use civicmap::ui::store::Frozen;
use yew::Callback;

const HOSTILE: &str = r##"{
  "format": "civicmap/1",
  "meta": {"title": {"fr": "Carte <b>test</b>", "en": "Test map"}},
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
       "inverse_label": {"fr": "financé par", "en": "funded by"}, "directed": true},
      {"id": "partners-with", "label": {"fr": "partenaire de", "en": "partners with"}, "directed": false}
    ],
    "ecosystems": [{"id": "open-data", "label": {"fr": "Open data", "en": "Open data"}}]
  },
  "actors": [
    {"id": "evil", "name": "<img src=x onerror=alert(1)>", "aliases": ["<script>alert(2)</script>"],
     "type": "association", "objectives": ["information"], "ecosystems": ["open-data"],
     "founded": 2014, "country": "FR", "website": "javascript:alert(3)",
     "description": {"fr": "Décrit <em>ici</em>", "en": "Described <em>here</em>"},
     "sources": ["https://example.org/report", {"label": {"fr": "Entretien"}, "url": "javascript:alert(4)"}]},
    {"id": "funder", "name": "Fondation Démo", "type": "startup", "website": "https://demo.example/"},
    {"id": "friend", "name": "Ami & Cie", "type": "startup"}
  ],
  "links": [
    {"source": "funder", "target": "evil", "kind": "funds", "since": 2015, "until": 2018,
     "sources": ["https://demo.example/press"]},
    {"source": "evil", "target": "friend", "kind": "partners-with"}
  ]
}"##;

fn dataset() -> Dataset {
    serde_json::from_str(HOSTILE).expect("fixture parses")
}

fn all_visible(ds: &Dataset) -> Visible {
    Visible {
        actors: vec![true; ds.actors.len()],
        links: vec![true; ds.links.len()],
        actor_count: ds.actors.len(),
        link_count: ds.links.len(),
        undated_actors: 0,
    }
}

/// The actor card of `actor`, rendered in a map of `ds` in `lang`.
async fn actor_panel(ds: Dataset, actor: usize, lang: Lang) -> String {
    let vis = all_visible(&ds);
    let props = ActorPanelProps {
        visible: Frozen(Rc::new(vis)),
        actor,
        depth: None,
        on_select: Callback::noop(),
    };
    render_in_map::<ActorPanel>(map(ds, lang), props).await
}

#[tokio::test(flavor = "current_thread")]
async fn a_map_component_outside_a_map_renders_nothing() {
    // Without the map's context there is no dataset to show: no card, no
    // panic (the app renders these only once a dataset is loaded).
    let ds = dataset();
    let props = ActorPanelProps {
        visible: Frozen(Rc::new(all_visible(&ds))),
        actor: 0,
        depth: None,
        on_select: Callback::noop(),
    };
    let html = render::<ActorPanel>(props).await;
    assert!(!html.contains("actor-panel"), "{html}");
    // Inside one, the same props show the card, in the context's language.
    let html = actor_panel(ds, 0, Lang::En).await;
    assert!(html.contains(r#"data-testid="actor-panel""#), "{html}");
    assert!(html.contains("Close the card"), "{html}");
}

#[tokio::test(flavor = "current_thread")]
async fn actor_panel_shows_dataset_text_as_text_never_markup() {
    let html = actor_panel(dataset(), 0, Lang::Fr).await;
    assert!(html.contains(r#"data-testid="actor-panel""#), "{html}");
    assert!(html.contains(r#"data-actor-id="evil""#));
    // The name is escaped inside the h2.
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;</h2>"),
        "name not escaped in h2: {html}"
    );
    assert!(
        !html.contains("<img"),
        "raw markup from the dataset: {html}"
    );
    assert!(
        !html.contains("<script"),
        "raw markup from the dataset: {html}"
    );
    assert!(
        !html.contains("<em>"),
        "raw markup from the dataset: {html}"
    );
    // A javascript: website or source URL is never a link.
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(html.contains("Entretien"));
    // The http source is a safe external link.
    assert!(html.contains(
        r#"href="https://example.org/report" target="_blank" rel="noopener noreferrer""#
    ));
}

#[tokio::test(flavor = "current_thread")]
async fn actor_panel_groups_links_by_kind_and_direction() {
    let html = actor_panel(dataset(), 0, Lang::Fr).await;
    // Incoming "funds" reads with its inverse label; the neighbour is a button.
    assert!(html.contains("financé par"), "{html}");
    assert!(
        html.contains(r#"data-testid="neighbour" data-actor-id="funder""#),
        "{html}"
    );
    assert!(html.contains(r#"data-actor-id="friend""#));
    assert!(html.contains("partenaire de"));
    assert!(html.contains("2015–2018"));
    // From the funder's side the same link reads with its label.
    let html = actor_panel(dataset(), 1, Lang::En).await;
    assert!(html.contains(">funds<"), "{html}");
    assert!(!html.contains("funded by"));
    assert!(html.contains(r#"href="https://demo.example/""#));
}

#[tokio::test(flavor = "current_thread")]
async fn actor_panel_has_the_depth_select_and_close_button() {
    let html = actor_panel(dataset(), 0, Lang::En).await;
    assert!(html.contains(r#"data-testid="depth-select""#));
    for v in ["\"\"", "\"1\"", "\"2\"", "\"3\""] {
        assert!(
            html.contains(&format!("value={v}")),
            "option {v} missing: {html}"
        );
    }
    assert!(html.contains(r#"data-testid="actor-panel-close""#));
    assert!(html.contains("Close the card"));
}

#[tokio::test(flavor = "current_thread")]
async fn visible_count_carries_plain_digits_and_words() {
    let html = render_in_map::<VisibleCount>(
        map(dataset(), Lang::Fr),
        VisibleCountProps {
            actors: 162,
            links: 209,
        },
    )
    .await;
    assert!(html.contains(r#"data-testid="visible-count""#));
    assert!(html.contains(r#"aria-live="polite""#));
    assert!(html.contains(r#"data-actors="162""#));
    assert!(html.contains(r#"data-links="209""#));
    assert!(html.contains("162 acteurs · 209 liens"), "{html}");
    let html = render_in_map::<VisibleCount>(
        map(dataset(), Lang::En),
        VisibleCountProps {
            actors: 2085,
            links: 5409,
        },
    )
    .await;
    assert!(
        html.contains(r#"data-actors="2085""#),
        "digits only: {html}"
    );
    assert!(html.contains("2,085 actors · 5,409 links"));
}

#[tokio::test(flavor = "current_thread")]
async fn error_panel_lists_every_diagnostic_with_its_place() {
    let mut d1 = Diagnostic::error("unknown-actor", "links[3].target", "no actor \"x\"");
    d1.line = Some(42);
    d1.column = Some(17);
    let d2 = Diagnostic::error("bad-id", "actors[0].id", "id <b>Bad</b> breaks the grammar");
    let w = Diagnostic::warning("isolated-actor", "actors[1]", "isolated");
    let html = render::<ErrorPanel>(ErrorPanelProps {
        lang: Lang::Fr,
        failure: None,
        diagnostics: vec![d1, d2, w],
        default_href: None,
        on_retry: None,
    })
    .await;
    assert!(html.contains(r#"data-testid="error-panel""#));
    assert!(html.contains("links[3].target"));
    assert!(html.contains("ligne 42, colonne 17"), "{html}");
    assert!(html.contains("actors[0].id"));
    assert!(
        html.contains("2 erreurs"),
        "warnings are not counted as errors: {html}"
    );
    assert!(!html.contains("<b>Bad"), "message escaped: {html}");
    assert!(
        !html.contains("isolated-actor"),
        "warnings are not listed as errors"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn error_panel_explains_a_refused_or_unreachable_file() {
    let html = render::<ErrorPanel>(ErrorPanelProps {
        lang: Lang::En,
        failure: Some(FetchFailure::OtherOrigin {
            url: "https://elsewhere.example/d.json".into(),
        }),
        diagnostics: vec![],
        default_href: None,
        on_retry: None,
    })
    .await;
    assert!(html.contains("another site"), "{html}");
    assert!(html.contains("https://elsewhere.example/d.json"));
    let html = render::<ErrorPanel>(ErrorPanelProps {
        lang: Lang::Fr,
        failure: Some(FetchFailure::NotJson {
            url: "page.html".into(),
        }),
        diagnostics: vec![],
        default_href: Some("https://map.example/?lang=en".into()),
        on_retry: None,
    })
    .await;
    assert!(
        html.contains("n'est pas un fichier de données JSON"),
        "{html}"
    );
    assert!(
        html.contains(r#"href="https://map.example/?lang=en""#),
        "a way back to the default map: {html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn notice_is_dismissible() {
    let html = render_in_map::<NoticeBox>(
        map(dataset(), Lang::Fr),
        NoticeBoxProps {
            title: "Titre".into(),
            items: vec!["« type=licorne » : inconnu".into()],
            on_dismiss: Callback::noop(),
        },
    )
    .await;
    assert!(html.contains(r#"data-testid="notice""#));
    assert!(html.contains(r#"data-testid="notice-dismiss""#));
    assert!(html.contains("type=licorne"));
}

/// The filter panel, rendered in a map of `ds` in `lang`.
async fn filter_panel(ds: Dataset, filter: Filter, lang: Lang) -> String {
    filter_panel_with_body(ds, filter, lang, true).await
}

/// The same, its body rendered or not (a drawer never opened).
async fn filter_panel_with_body(ds: Dataset, filter: Filter, lang: Lang, body: bool) -> String {
    let counts = FacetCounts {
        types: vec![("association".into(), 1), ("startup".into(), 2)],
        objectives: vec![("information".into(), 1)],
        ecosystems: vec![("open-data".into(), 1)],
        links: vec![("funds".into(), 1), ("partners-with".into(), 0)],
    };
    let props = FilterPanelProps {
        counts: Frozen(Rc::new(counts)),
        filter,
        visible_actors: 3,
        undated: 2,
        open: false,
        body,
        on_close: Callback::noop(),
        play: yew::Html::default(),
        path_fields: yew::Html::default(),
        display: yew::Html::default(),
    };
    render_in_map::<FilterPanel>(map(ds, lang), props).await
}

#[tokio::test(flavor = "current_thread")]
async fn a_drawer_never_opened_renders_its_frame_but_not_its_facets() {
    let html = filter_panel_with_body(dataset(), Filter::default(), Lang::Fr, false).await;
    // The drawer the toggle opens and labels is there, with its heading.
    assert!(html.contains(r#"id="filter-panel""#) && html.contains(r#"id="filters-title""#));
    assert!(
        !html.contains("panel-body") && !html.contains(r#"type="checkbox""#),
        "{html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn filter_panel_has_real_checkboxes_with_labels_and_counts() {
    let html = filter_panel(dataset(), Filter::default(), Lang::Fr).await;
    assert!(html.contains(r#"data-testid="filter-panel""#));
    for id in [
        "facet-type-association",
        "facet-type-startup",
        "facet-objective-information",
        "facet-ecosystem-open-data",
        "facet-link-funds",
        "facet-link-partners-with",
    ] {
        assert!(
            html.contains(&format!(r#"type="checkbox" id="{id}" data-testid="{id}""#)),
            "{id} missing: {html}"
        );
    }
    // The legend: each type's label, shape icon and count inside its label.
    assert!(
        html.contains("Start-up</span><span class=\"facet-count\">2</span>"),
        "{html}"
    );
    assert!(
        html.contains(r##"<use href="#cm-shape-square"/>"##),
        "square shape icon for start-ups"
    );
    assert!(html.contains(r#"data-testid="clear-filters""#));
    assert!(html.contains(r#"data-testid="year-slider""#));
    assert!(
        html.contains(r#"min="2014" max="2018""#),
        "year range from the data: {html}"
    );
    assert!(html.contains(r#"data-testid="year-clear""#));
}

#[tokio::test(flavor = "current_thread")]
async fn filter_panel_reflects_the_filter() {
    let f = Filter {
        types: vec!["startup".into()],
        year: Some(2016),
        ..Filter::default()
    };
    let html = filter_panel(dataset(), f, Lang::En).await;
    assert!(
        html.contains(r#"<input checked type="checkbox" id="facet-type-startup""#),
        "chosen type is checked: {html}"
    );
    assert!(!html.contains(r#"<input checked type="checkbox" id="facet-type-association""#));
    assert!(html.contains(r#"value="2016""#));
    assert!(html.contains("2 undated actors shown"), "{html}");
}

const EVENTS: &str = r##"{
  "format": "civicmap/1",
  "taxonomy": {"actor_types": [{"id": "association", "color": "#1b9e77", "shape": "circle"}]},
  "actors": [
    {"id": "evil", "name": "<img src=x onerror=alert(1)>", "type": "association"},
    {"id": "kept", "name": "Gardé", "type": "association"}
  ],
  "events": [
    {"id": "late", "date": "2018-11-17", "title": {"fr": "Tard", "en": "Late"}, "actors": ["kept"]},
    {"id": "hostile", "date": "2015-03-01", "title": {"fr": "<script>alert(5)</script>"},
     "description": {"fr": "Décrit <em>ici</em>", "en": "Described"},
     "actors": ["evil", "kept"],
     "sources": ["javascript:alert(6)", "https://example.org/a", {"label": {"fr": "Rapport"}, "url": "https://example.org/r"}]},
    {"id": "hidden", "date": "2015", "title": "Caché", "actors": ["evil"]},
    {"id": "nodate", "title": "Sans date"}
  ]
}"##;

#[tokio::test(flavor = "current_thread")]
async fn the_timeline_lists_events_by_year_as_text_with_safe_links_and_greys_hidden_ones() {
    use civicmap::ui::timeline::TimelineViewProps;
    let ds: Dataset = serde_json::from_str(EVENTS).expect("fixture parses");
    // The filters hide "evil".
    let vis = Visible {
        actors: vec![false, true],
        links: vec![],
        actor_count: 1,
        link_count: 0,
        undated_actors: 0,
    };
    let props = TimelineViewProps {
        visible: Frozen(Rc::new(vis)),
        on_show: Callback::noop(),
        play: None,
        reduced_motion: false,
        year: Some(2015),
    };
    let html = render_timeline(map(ds, Lang::Fr), props).await;
    // Years in order, the undated group last; events in date order within a year.
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    assert!(at(r#"data-year="2015""#) < at(r#"data-year="2018""#));
    assert!(at(r#"data-year="2018""#) < at(r#"data-year="""#));
    assert!(at(r#"data-event-id="hidden""#) < at(r#"data-event-id="hostile""#));
    assert!(html.contains(r#"<time datetime="2015-03-01" class="event-date">1er mars 2015</time>"#));
    // The current year's group is marked.
    assert!(
        html.contains(r#"data-year="2015" class="timeline-year current""#),
        "{html}"
    );
    assert_eq!(html.matches("timeline-year current").count(), 1);
    // Dataset text is text.
    assert!(!html.contains("<script>alert(5)"));
    assert!(html.contains("&lt;script&gt;alert(5)&lt;/script&gt;"));
    assert!(!html.contains("<em>ici"));
    assert!(html.contains("Décrit &lt;em&gt;ici&lt;/em&gt;"));
    assert!(!html.contains("<img src=x"));
    // Only http(s) sources are links, opened safely.
    assert!(!html.contains(r#"href="javascript:"#));
    assert!(html.contains(r#"<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">example.org</a>"#));
    assert!(html.contains(
        r#"<a href="https://example.org/r" target="_blank" rel="noopener noreferrer">Rapport</a>"#
    ));
    // An event whose actors are all hidden stays, greyed and saying why;
    // a hidden actor is text, a shown one a button.
    assert!(html.contains(r#"data-event-id="hidden" data-date="2015" data-dimmed="true""#));
    assert!(html.contains(r#"data-event-id="hostile" data-date="2015-03-01" data-dimmed="false""#));
    assert!(html.contains("Ses acteurs sont masqués par les filtres."));
    assert!(html.contains(
        r#"<span data-testid="event-actor-hidden" data-actor-id="evil" class="actor-chip hidden-actor" data-index="#
    ));
    assert!(html.contains(r#"<button type="button" data-testid="event-actor" data-actor-id="kept" class="actor-chip" data-index="#));
    assert!(!html.contains(r#"data-testid="event-actor" data-actor-id="evil""#));
    assert_eq!(html.matches(r#"data-testid="event""#).count(), 4);
    assert!(html.contains(r#"data-events="4" data-dimmed="1""#));
}
