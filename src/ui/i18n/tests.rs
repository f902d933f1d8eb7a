//! The interface strings in both languages.

use super::*;
use crate::deploy::snippet::HeightError;
use crate::model::view::url::{Notice, NoticeReason};

#[test]
fn visible_count_reads_like_the_contract() {
    assert_eq!(visible_count(Lang::Fr, 162, 209), "162 acteurs · 209 liens");
    assert_eq!(visible_count(Lang::En, 162, 209), "162 actors · 209 links");
    assert_eq!(visible_count(Lang::Fr, 1, 0), "1 acteur · 0 lien");
    assert_eq!(visible_count(Lang::En, 1, 0), "1 actor · 0 links");
}

#[test]
fn thousands_are_grouped_per_language() {
    assert_eq!(number(Lang::En, 2085), "2,085");
    assert_eq!(number(Lang::Fr, 2085), "2\u{202f}085");
    assert_eq!(number(Lang::En, 999), "999");
    assert_eq!(number(Lang::En, 1_000_000), "1,000,000");
}

#[test]
fn every_key_has_two_distinct_non_empty_texts_or_is_the_same_word() {
    // A missing translation would show as an empty string or the other language.
    let keys = [
        Key::Loading,
        Key::ErrorTitle,
        Key::SearchLabel,
        Key::Filters,
        Key::ClearFilters,
        Key::EmptyDataset,
        Key::NothingVisible,
        Key::CrashTitle,
        Key::CrashBody,
        Key::CrashReload,
        Key::CrashDetails,
        Key::AllYears,
        Key::Share,
        Key::ShareCopied,
        Key::About,
        Key::Close,
        Key::Depth,
        Key::HowToCite,
        Key::UrlNoticeTitle,
        Key::Views,
        Key::ViewGraph,
        Key::ViewList,
        Key::ViewTimeline,
        Key::ViewStakes,
        Key::ColLinks,
        Key::StakesIntro,
        Key::StakeFilter,
        Key::StakeClear,
        Key::ShowOnMap,
        Key::HiddenByFilters,
        Key::NoStakes,
        Key::NoEvents,
        Key::Search,
        Key::OpenFullMap,
        Key::NewTab,
        Key::Embed,
        Key::EmbedTitle,
        Key::EmbedIntro,
        Key::EmbedResponsive,
        Key::EmbedCopy,
        Key::EmbedCopied,
        Key::EmbedManual,
        Key::TimelineIntro,
        Key::EventHidden,
        Key::Play,
        Key::Pause,
        Key::PlayHint,
        Key::PlayReducedMotion,
        Key::SkipToList,
        Key::TextVersion,
        Key::ClearHighlight,
        Key::ThemeSystem,
        Key::ThemeDark,
        Key::AccessibilityStatement,
    ];
    for k in keys {
        assert!(!t(Lang::Fr, k).is_empty(), "{k:?}");
        assert!(!t(Lang::En, k).is_empty(), "{k:?}");
        assert_ne!(t(Lang::Fr, k), t(Lang::En, k), "{k:?}");
    }
}

#[test]
fn url_notices_name_the_parameter_in_both_languages() {
    let n = Notice {
        param: "type".into(),
        value: "licorne".into(),
        reason: NoticeReason::UnknownId,
    };
    assert!(url_notice(Lang::Fr, &n).contains("type=licorne"));
    assert!(url_notice(Lang::En, &n).contains("type=licorne"));
    assert_ne!(url_notice(Lang::Fr, &n), url_notice(Lang::En, &n));
}

#[test]
fn progress_shows_bytes_when_known() {
    assert_eq!(progress(Lang::Fr, 0, None), "Chargement des données…");
    assert!(progress(Lang::Fr, 2048, Some(4096)).contains("2 Ko sur 4 Ko"));
    assert!(progress(Lang::En, 2048, None).contains("2 KB received"));
}

#[test]
fn the_credit_line_names_the_source_and_the_licence() {
    let a = Some("Observatoire des civic tech");
    assert_eq!(
        credit(Lang::Fr, a, Some("ODbL-1.0")).as_deref(),
        Some("Source\u{a0}: Observatoire des civic tech · licence ODbL-1.0")
    );
    assert_eq!(
        credit(Lang::En, a, None).as_deref(),
        Some("Source: Observatoire des civic tech")
    );
    assert_eq!(
        credit(Lang::En, Some("  "), Some("CC-BY-4.0")).as_deref(),
        Some("Licence CC-BY-4.0")
    );
    assert_eq!(credit(Lang::Fr, None, Some("")), None);
}

#[test]
fn height_errors_name_the_range() {
    assert!(height_error(Lang::Fr, HeightError::OutOfRange).contains("300 et 2000"));
    assert!(height_error(Lang::En, HeightError::OutOfRange).contains("300 and 2000"));
    assert_ne!(
        height_error(Lang::Fr, HeightError::Empty),
        height_error(Lang::En, HeightError::Empty)
    );
}

#[test]
fn the_canvas_alternative_says_counts_filters_selection_and_highlight() {
    let mut s = MapSummary {
        actors: 162,
        links: 209,
        ..MapSummary::default()
    };
    let fr = canvas_label(Lang::Fr, &s);
    assert!(
        fr.starts_with(
            "Carte du réseau : 162 acteurs et 209 liens affichés ; filtres : aucun filtre."
        ),
        "{fr}"
    );
    assert!(fr.contains("Version texte"));
    s.filters = vec![
        filter_words(
            Lang::En,
            &FilterWords::Types(vec!["Association".into(), "Platform".into()]),
        ),
        filter_words(Lang::En, &FilterWords::Year(2015)),
    ];
    s.selected = Some("Decidim".into());
    s.event = Some(("Launch".into(), 2));
    assert_eq!(
        canvas_label(Lang::En, &s),
        "Network map: 162 actors and 209 links shown; filters: type Association or Platform; year 2015. \
         Selected actor: Decidim. Highlighted: 2 actors of the event “Launch”. \
         The List view gives the same content as text (the “Text version” link after the map)."
    );
}

#[test]
fn dates_read_naturally_at_every_precision() {
    use crate::model::view::timeline::Date;
    let d = |s: &str| Date::parse(s).unwrap();
    assert_eq!(date(Lang::Fr, &d("1995-02-02")), "2 février 1995");
    assert_eq!(date(Lang::Fr, &d("2015-03-01")), "1er mars 2015");
    assert_eq!(date(Lang::En, &d("2015-03-01")), "1 March 2015");
    assert_eq!(date(Lang::Fr, &d("2018-08")), "août 2018");
    assert_eq!(date(Lang::En, &d("2018")), "2018");
}

#[test]
fn link_years_cover_open_ends() {
    assert_eq!(link_years(Lang::Fr, None, None), None);
    assert_eq!(
        link_years(Lang::Fr, Some(2014), None).as_deref(),
        Some("depuis 2014")
    );
    assert_eq!(
        link_years(Lang::En, Some(2014), Some(2018)).as_deref(),
        Some("2014–2018")
    );
}

#[test]
fn the_neighbourhood_summary_reads_as_a_sentence() {
    let facts = vec!["Start-up".to_string(), "co-production".to_string()];
    let groups = vec![
        (
            "exploite".to_string(),
            vec!["Parlement & Citoyens".to_string()],
        ),
        ("partenaire de".to_string(), vec!["A".into(), "B".into()]),
        ("financé par".to_string(), vec![]),
    ];
    assert_eq!(
        neighbourhood_summary(Lang::Fr, "Cap Collectif", &facts, &groups),
        "Cap Collectif — Start-up, co-production. 3 liens\u{a0}: exploite Parlement & Citoyens ; partenaire de A, B."
    );
    assert_eq!(
        neighbourhood_summary(Lang::En, "X", &[], &[("funds".into(), vec!["Y".into()])]),
        "X. 1 link: funds Y."
    );
    assert_eq!(
        neighbourhood_summary(Lang::En, "X", &["Association".into()], &[]),
        "X — Association. No link shown with the current filters."
    );
}

#[test]
fn list_caption_says_count_and_order() {
    assert_eq!(
        list_caption(Lang::Fr, 162, "Création", true),
        "162 acteurs affichés, triés par création (ordre croissant)"
    );
    assert_eq!(
        list_caption(Lang::En, 1, "Name", false),
        "1 actor shown, sorted by name (descending)"
    );
}

#[test]
fn stake_categories_are_named_in_both_languages() {
    assert_eq!(
        stake_category(Lang::Fr, Some("economic")),
        "Enjeux économiques"
    );
    assert_eq!(
        stake_category(Lang::En, Some("political")),
        "Political stakes"
    );
    assert_eq!(stake_category(Lang::En, Some("legal")), "legal");
    assert_eq!(stake_category(Lang::Fr, None), "Autres enjeux");
}

#[test]
fn capitalise_is_unicodes_uppercase_for_the_uis_letters() {
    assert_eq!(capitalise("écosystème"), "Écosystème");
    assert_eq!(capitalise("nombre de liens"), "Nombre de liens");
    assert_eq!(capitalise("œuvre"), "Œuvre");
    assert_eq!(capitalise("Déjà"), "Déjà");
    assert_eq!(capitalise(""), "");
    let letters = ('a'..='z').chain('à'..='þ').chain(['œ', 'ÿ']);
    for c in letters.filter(|&c| c != '÷') {
        let unicode: String = c.to_uppercase().collect();
        // ß has no one-letter capital; Unicode spells it "SS".
        if c != 'ß' {
            assert_eq!(capitalise(&c.to_string()), unicode, "{c}");
        }
    }
}
