//! The memo costs what the issue promises: one filter pass and one encoding
//! per change, none for a render that changes nothing; and what it derives
//! equals the direct computations it replaces.

use super::*;
use crate::model::fixtures::default_dataset;
use crate::model::network::filter::{Facet, PREPARE_RUNS};
use crate::model::view::state::{Action, Theme, View};
use crate::model::view::url::ENCODE_RUNS;

fn runs() -> (usize, usize) {
    (
        PREPARE_RUNS.with(|n| n.get()),
        ENCODE_RUNS.with(|n| n.get()),
    )
}

/// One render of the app root: what `use_derived` asks for.
fn render(d: &mut Derivation, ds: &Dataset, g: &Graph, state: &AppState) -> Filtered {
    let f = d.filtered(1, Some((ds, g)), &state.filter);
    d.addresses(state);
    f
}

#[test]
fn a_filter_change_runs_one_filter_pass_and_one_encoding() {
    let ds = default_dataset();
    let g = Graph::new(&ds);
    let mut d = Derivation::default();
    let mut state = AppState::default();
    render(&mut d, &ds, &g, &state);

    let before = runs();
    state.apply(
        Some(&ds),
        Action::Toggle(Facet::Type, "association".to_string()),
    );
    // One change renders the root more than once (the reducer, then the
    // effects that follow it).
    for _ in 0..3 {
        render(&mut d, &ds, &g, &state);
    }
    let after = runs();
    assert_eq!(after.0 - before.0, 1, "filter passes for one filter change");
    assert_eq!(after.1 - before.1, 1, "encodings for one filter change");

    // Another language: a new address, the same visible set.
    state.apply(Some(&ds), Action::SetLang(Lang::En));
    render(&mut d, &ds, &g, &state);
    let last = runs();
    assert_eq!(last.0 - after.0, 0, "no filter pass for a language change");
    assert_eq!(last.1 - after.1, 1, "one encoding for a language change");

    // A new dataset (its generation) filters again, even with the same filter.
    d.filtered(2, Some((&ds, &g)), &state.filter);
    assert_eq!(runs().0 - last.0, 1);
}

#[test]
fn a_change_that_shows_the_same_keeps_the_same_visible_set() {
    let ds = default_dataset();
    let g = Graph::new(&ds);
    let mut d = Derivation::default();
    let mut state = AppState::default();
    let before = render(&mut d, &ds, &g, &state);
    // Selecting an actor (no depth) shows the same actors: the same `Rc`,
    // so nothing keyed on it (measures, the list's rows) starts again.
    state.apply(Some(&ds), Action::Select(Some("decidim".into())));
    let selected = render(&mut d, &ds, &g, &state);
    assert!(selected.selected.is_some());
    assert!(Rc::ptr_eq(&before.visible, &selected.visible));
    assert!(Rc::ptr_eq(&before.counts, &selected.counts));
    // A neighbourhood shows fewer: a new set.
    state.apply(Some(&ds), Action::SetDepth(Some(1)));
    let focused = render(&mut d, &ds, &g, &state);
    assert!(!Rc::ptr_eq(&before.visible, &focused.visible));
    assert!(focused.visible.actor_count < before.visible.actor_count);
    // A new dataset never keeps the old sets.
    let again = d.filtered(2, Some((&ds, &g)), &AppState::default().filter);
    assert!(!Rc::ptr_eq(&before.visible, &again.visible));
}

#[test]
fn the_one_pass_equals_the_separate_computations() {
    let ds = default_dataset();
    let g = Graph::new(&ds);
    let mut d = Derivation::default();
    let mut f = Filter {
        types: vec!["association".into()],
        q: "de".into(),
        actor: Some("decider-ensemble".into()),
        depth: Some(1),
        ..Filter::default()
    };
    let got = d.filtered(1, Some((&ds, &g)), &f);
    assert_eq!(*got.visible, filter::visible(&ds, &g, &f));
    assert_eq!(*got.counts, filter::facet_counts(&ds, &g, &f));
    assert_eq!(got.selected, g.actor("decider-ensemble"));
    // Suggestions come from the actors the filters keep without the
    // neighbourhood cut, at most SUGGESTIONS of them.
    let unfocused = filter::visible(
        &ds,
        &g,
        &Filter {
            actor: None,
            depth: None,
            ..f.clone()
        },
    );
    assert!(!got.suggestions.is_empty());
    assert!(got.suggestions.len() <= SUGGESTIONS);
    assert!(got
        .suggestions
        .iter()
        .all(|i| unfocused.actors.get(*i).copied().unwrap_or(false)));
    // The centre of a focus stays selected under a type it lacks
    // (product.md, `depth`); a plain selection the filters hide does not.
    f.types = vec!["platform".into()];
    assert_eq!(
        d.filtered(1, Some((&ds, &g)), &f).selected,
        g.actor("decider-ensemble")
    );
    f.depth = None;
    assert_eq!(d.filtered(1, Some((&ds, &g)), &f).selected, None);
    // No dataset yet: nothing shown.
    assert_eq!(d.filtered(0, None, &f), Filtered::default());
}

#[test]
fn the_derived_addresses_equal_their_own_encodings() {
    let (with_data, _) = url::decode("type=association&q=d%C3%A9&actor=etalab&depth=2&lang=en&theme=dark&data=https://x.fr/a.json?b=1%26c");
    let states = [
        AppState::default(),
        url::decode("view=stakes&lang=en").0,
        url::decode("theme=light").0,
        with_data,
    ];
    for s in states {
        for embed in [false, true] {
            let state = AppState { embed, ..s.clone() };
            let a = addresses(&state);
            assert_eq!(*a.page, url::encode(&state), "{state:?}");
            let shared = AppState {
                embed: false,
                ..state.clone()
            };
            assert_eq!(*a.shared, url::encode(&shared));
            let list = AppState {
                view: View::List,
                ..shared
            };
            assert_eq!(*a.list, url::encode(&list));
        }
    }
    let dark = AppState {
        theme: Some(Theme::Dark),
        ..AppState::default()
    };
    assert_eq!(&*addresses(&dark).list, "view=list&theme=dark");
}

#[test]
fn the_title_and_the_badge() {
    let ds = default_dataset();
    let fr = dataset_title(Some(&ds), Lang::Fr);
    assert!(fr.as_deref().is_some_and(|t| !t.is_empty()), "{fr:?}");
    assert_eq!(dataset_title(None, Lang::Fr), None);
    let f = Filter {
        types: vec!["a".into(), "b".into()],
        links: vec!["uses".into()],
        year: Some(2015),
        q: "ignored".into(),
        ..Filter::default()
    };
    assert_eq!(active_filters(&f), 4);
}

#[test]
fn an_event_highlights_its_visible_actors() {
    let ds = default_dataset();
    let g = Graph::new(&ds);
    let Some((e, ev)) = ds
        .events
        .iter()
        .enumerate()
        .find(|(_, ev)| ev.actors.len() >= 2)
    else {
        panic!("the default dataset has an event with two actors");
    };
    let all = filter::visible(&ds, &g, &Filter::default());
    let got = event_actors(&ds, &all, e);
    assert_eq!(got.len(), ev.actors.len());
    let none = Visible {
        actors: vec![false; ds.actors.len()],
        ..all
    };
    assert!(event_actors(&ds, &none, e).is_empty());
    assert!(event_actors(&ds, &none, usize::MAX).is_empty());
}
