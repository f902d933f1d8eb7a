//! What a visitor reads when a dataset cannot be loaded (Yew server-side
//! rendering, native): each kind of failure its own sentence in both
//! languages, a retry only where trying again may help, the size limit
//! named, the notice over a map that stayed, and hostile text kept inert.

#![cfg(not(target_arch = "wasm32"))]

mod ssr;
use ssr::render;

use civicmap::model::format::diagnostic::Diagnostic;
use civicmap::model::view::state::Lang;
use civicmap::ui::chrome::{ErrorPanel, ErrorPanelProps};
use civicmap::ui::fetch_failure::{FetchFailure, TimeoutKind};
use civicmap::ui::i18n;
use civicmap::ui::load_notice::{LoadErrorNotice, LoadErrorNoticeProps};
use civicmap::ui::store::Problem;
use yew::Callback;

fn url() -> String {
    "https://data.example/d.json".to_string()
}

/// One failure of each kind, with whether it offers a retry.
fn every_failure() -> Vec<(FetchFailure, bool)> {
    vec![
        (FetchFailure::OtherOrigin { url: url() }, false),
        (FetchFailure::BadUrl { url: url() }, false),
        (
            FetchFailure::Unreachable {
                url: url(),
                detail: "TypeError: Failed to fetch".into(),
            },
            true,
        ),
        (
            FetchFailure::Http {
                url: url(),
                status: 404,
            },
            false,
        ),
        (
            FetchFailure::Http {
                url: url(),
                status: 403,
            },
            false,
        ),
        (
            FetchFailure::Http {
                url: url(),
                status: 500,
            },
            true,
        ),
        (
            FetchFailure::Http {
                url: url(),
                status: 429,
            },
            true,
        ),
        (
            FetchFailure::Http {
                url: url(),
                status: 418,
            },
            false,
        ),
        (
            FetchFailure::Timeout {
                url: url(),
                kind: TimeoutKind::NoAnswer,
                seconds: 20,
            },
            true,
        ),
        (
            FetchFailure::Timeout {
                url: url(),
                kind: TimeoutKind::Stalled,
                seconds: 20,
            },
            true,
        ),
        (
            FetchFailure::Timeout {
                url: url(),
                kind: TimeoutKind::TooLong,
                seconds: 120,
            },
            true,
        ),
        (
            FetchFailure::Interrupted {
                url: url(),
                received: 1_500,
                total: Some(10_000),
            },
            true,
        ),
        (
            FetchFailure::TooLarge {
                url: url(),
                announced: Some(25_300_000),
                cap: 20_000_000,
            },
            false,
        ),
        (
            FetchFailure::TooLarge {
                url: url(),
                announced: None,
                cap: 100_000,
            },
            false,
        ),
        (FetchFailure::NotJson { url: url() }, false),
        (FetchFailure::WebPage { url: url() }, false),
        (
            FetchFailure::WrongType {
                url: url(),
                content_type: "image/png".into(),
            },
            false,
        ),
    ]
}

#[test]
fn every_failure_has_its_own_sentence_in_each_language() {
    let failures = every_failure();
    for lang in [Lang::Fr, Lang::En] {
        let mut seen: Vec<String> = Vec::new();
        for (f, retry) in &failures {
            let m = i18n::fetch_failure(lang, f);
            assert!(m.contains(&url()), "{m}");
            assert!(!seen.contains(&m), "two failures read the same: {m}");
            assert_eq!(f.retryable(), *retry, "{f:?}");
            seen.push(m);
        }
    }
    for (f, _) in &failures {
        assert_ne!(
            i18n::fetch_failure(Lang::Fr, f),
            i18n::fetch_failure(Lang::En, f)
        );
    }
}

#[test]
fn the_exact_french_sentences() {
    let fr = |f: FetchFailure| i18n::fetch_failure(Lang::Fr, &f);
    assert_eq!(
        fr(FetchFailure::TooLarge {
            url: url(),
            announced: Some(25_300_000),
            cap: 20_000_000
        }),
        "Le fichier «\u{a0}https://data.example/d.json\u{a0}» est trop gros (25,3\u{a0}Mo)\u{a0}: cette carte accepte au plus 20\u{a0}Mo."
    );
    assert_eq!(
        fr(FetchFailure::TooLarge {
            url: url(),
            announced: None,
            cap: 100_000
        }),
        "Le fichier «\u{a0}https://data.example/d.json\u{a0}» est trop gros\u{a0}: il dépasse 100\u{a0}Ko, la taille maximale acceptée par cette carte."
    );
    assert_eq!(
        fr(FetchFailure::Timeout {
            url: url(),
            kind: TimeoutKind::Stalled,
            seconds: 20
        }),
        "Le téléchargement de «\u{a0}https://data.example/d.json\u{a0}» s'est bloqué\u{a0}: plus rien reçu depuis 20 secondes."
    );
    assert_eq!(
        fr(FetchFailure::Http {
            url: url(),
            status: 404
        }),
        "Le fichier «\u{a0}https://data.example/d.json\u{a0}» est introuvable sur le serveur (erreur 404). Vérifiez l'adresse."
    );
    assert_eq!(
        fr(FetchFailure::WebPage { url: url() }),
        "Le serveur a envoyé une page web, pas un fichier de données JSON, pour «\u{a0}https://data.example/d.json\u{a0}». Vérifiez l'adresse du fichier."
    );
}

#[test]
fn sizes_read_naturally() {
    assert_eq!(i18n::size(Lang::Fr, 0), "0\u{a0}octet");
    assert_eq!(i18n::size(Lang::En, 999), "999\u{a0}bytes");
    assert_eq!(i18n::size(Lang::Fr, 1_000), "1\u{a0}Ko");
    assert_eq!(i18n::size(Lang::En, 1_500_000), "1.5\u{a0}MB");
    assert_eq!(i18n::size(Lang::Fr, 1_500_000), "1,5\u{a0}Mo");
    assert_eq!(i18n::size(Lang::Fr, 20_000_000), "20\u{a0}Mo");
    assert_eq!(i18n::size(Lang::En, 200_000_000), "200\u{a0}MB");
    assert_eq!(i18n::size(Lang::En, 999_960), "1\u{a0}MB");
    assert_eq!(i18n::size(Lang::En, 999_949), "999.9\u{a0}KB");
    assert_eq!(i18n::size(Lang::En, u64::MAX), "18,446,744,073.7\u{a0}GB");
}

#[test]
fn a_huge_url_is_shortened_in_messages() {
    let long = format!("https://a.example/{}", "x".repeat(100_000));
    let m = i18n::fetch_failure(Lang::Fr, &FetchFailure::NotJson { url: long });
    assert!(m.chars().count() < 300, "{}", m.len());
    assert!(m.contains('…'));
}

#[tokio::test(flavor = "current_thread")]
async fn the_error_panel_offers_a_retry_only_when_given_one() {
    for (f, retry) in every_failure() {
        let html = render::<ErrorPanel>(ErrorPanelProps {
            lang: Lang::Fr,
            failure: Some(f.clone()),
            diagnostics: vec![],
            default_href: None,
            on_retry: retry.then(Callback::noop),
        })
        .await;
        assert!(
            html.contains(&format!(r#"data-failure="{}""#, f.code())),
            "{html}"
        );
        assert_eq!(
            html.contains(r#"data-testid="error-retry""#),
            retry,
            "{f:?}: {html}"
        );
        assert!(html.contains(r#"data-testid="error-message""#));
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_notice_over_a_kept_map_says_so_and_retries_when_it_may_help() {
    let html = render::<LoadErrorNotice>(LoadErrorNoticeProps {
        lang: Lang::Fr,
        href: "/bad/500.json".into(),
        problem: Problem::Failed(FetchFailure::Http {
            url: "/bad/500.json".into(),
            status: 503,
        }),
        on_retry: Callback::noop(),
        on_dismiss: Callback::noop(),
    })
    .await;
    assert!(html.contains(r#"data-testid="load-error""#));
    assert!(
        html.contains("la carte précédente reste affichée"),
        "{html}"
    );
    assert!(html.contains("erreur 503"));
    assert!(html.contains(r#"data-testid="load-error-retry""#));
    assert!(html.contains(r#"data-testid="load-error-dismiss""#));

    let mut d = Diagnostic::error(
        "unknown-actor",
        "links[0].target",
        "no actor <img src=x onerror=alert(1)>",
    );
    d.line = Some(12);
    let html = render::<LoadErrorNotice>(LoadErrorNoticeProps {
        lang: Lang::En,
        href: "/e2e/bad.json".into(),
        problem: Problem::Invalid(vec![
            d,
            Diagnostic::warning("isolated-actor", "actors[2]", "alone"),
        ]),
        on_retry: Callback::noop(),
        on_dismiss: Callback::noop(),
    })
    .await;
    assert!(html.contains("the previous map is still shown"), "{html}");
    assert!(html.contains("The file “/e2e/bad.json” has 1 error: it was not loaded."));
    assert!(html.contains("links[0].target"));
    assert!(html.contains("(line 12)"));
    assert!(!html.contains("<img"), "dataset text is inert: {html}");
    assert!(!html.contains("isolated-actor") && !html.contains("alone"));
    assert!(
        !html.contains(r#"data-testid="load-error-retry""#),
        "no retry for an invalid file"
    );
}

/// Issue 13, item 3: the diagnostics of a refused file read in the page's
/// language; the code, the path and the place stay as they are.
#[tokio::test(flavor = "current_thread")]
async fn the_error_panel_lists_the_diagnostics_in_the_page_language() {
    let loaded = civicmap::model::format::validate::load(
        br#"{"format": "civicmap/1",
  "taxonomy": {"actor_types": [{"id": "association"}]},
  "actors": [{"id": "a", "name": "A", "type": "startup"}], "links": []}"#,
    );
    assert!(loaded.dataset.is_none());
    let props = |lang| ErrorPanelProps {
        lang,
        failure: None,
        diagnostics: loaded.diagnostics.clone(),
        default_href: None,
        on_retry: None,
    };
    let fr = render::<ErrorPanel>(props(Lang::Fr)).await;
    assert!(fr.contains(r#"data-code="not-in-taxonomy""#), "{fr}");
    assert!(fr.contains("actors[0].type"), "{fr}");
    assert!(
        fr.contains("ne figure pas dans la liste correspondante de la taxonomie"),
        "{fr}"
    );
    assert!(
        !fr.contains("is not in"),
        "no English on the French page: {fr}"
    );
    let en = render::<ErrorPanel>(props(Lang::En)).await;
    assert!(en.contains("is not in"), "{en}");
    assert!(!en.contains("ne figure pas"), "{en}");

    let notice = render::<LoadErrorNotice>(LoadErrorNoticeProps {
        lang: Lang::Fr,
        href: "/e2e/bad.json".into(),
        problem: Problem::Invalid(loaded.diagnostics.clone()),
        on_retry: Callback::noop(),
        on_dismiss: Callback::noop(),
    })
    .await;
    assert!(notice.contains("actors[0].type"), "{notice}");
    assert!(
        notice.contains("La valeur de") && notice.contains("ne figure pas dans la liste"),
        "{notice}"
    );
    assert!(!notice.contains("is not in"), "{notice}");
}
