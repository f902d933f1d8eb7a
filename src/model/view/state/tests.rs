//! Table tests of the reducer on the real civic-tech dataset, all through
//! one `check()` helper.

use super::*;
use crate::model::fixtures::default_dataset;
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

/// Applies `actions` in turn to `start` with the real dataset and compares.
#[track_caller]
fn check(start: AppState, actions: Vec<Action>, expected: AppState) {
    let mut st = start;
    for a in actions {
        st.apply(Some(ds()), a);
    }
    assert_eq!(st, expected);
}

fn types(v: &[&str]) -> AppState {
    with(Filter {
        types: s(v),
        ..Filter::default()
    })
}

#[test]
fn toggles_keep_taxonomy_order() {
    let order = filter::facet_values(ds(), Facet::Type);
    let (a, b, c) = (order[0], order[1], order[2]);
    check(
        AppState::default(),
        vec![
            Action::Toggle(Facet::Type, c.into()),
            Action::Toggle(Facet::Type, a.into()),
        ],
        types(&[a, c]),
    );
    check(
        types(&[a, c]),
        vec![Action::Toggle(Facet::Type, b.into())],
        types(&[a, b, c]),
    );
    check(
        types(&[a, b, c]),
        vec![Action::Toggle(Facet::Type, b.into())],
        types(&[a, c]),
    );
    // Toggling twice is a no-op.
    check(
        AppState::default(),
        vec![
            Action::Toggle(Facet::Ecosystem, "open-data".into()),
            Action::Toggle(Facet::Ecosystem, "open-data".into()),
        ],
        AppState::default(),
    );
    check(
        AppState::default(),
        vec![
            Action::Toggle(Facet::Objective, "co-production".into()),
            Action::Toggle(Facet::Objective, "information".into()),
        ],
        with(Filter {
            objectives: s(&["information", "co-production"]),
            ..Filter::default()
        }),
    );
    check(
        AppState::default(),
        vec![
            Action::Toggle(Facet::Link, "uses".into()),
            Action::Toggle(Facet::Link, "funds".into()),
        ],
        with(Filter {
            links: s(&["uses", "funds"]),
            ..Filter::default()
        }),
    );
}

#[test]
fn selection_follows_visibility() {
    let dinum = with(Filter {
        actor: Some("dinum".into()),
        depth: Some(2),
        ..Filter::default()
    });
    // dinum is a government body, focused (depth 2): it is the centre of the
    // view, so checking another type keeps it and its depth.
    check(
        dinum.clone(),
        vec![Action::Toggle(Facet::Type, "platform".into())],
        with(Filter {
            types: s(&["platform"]),
            ..dinum.filter.clone()
        }),
    );
    // A plain selection (no depth) is hidden by the type and dropped.
    check(
        with(Filter {
            actor: Some("dinum".into()),
            ..Filter::default()
        }),
        vec![Action::Toggle(Facet::Type, "platform".into())],
        types(&["platform"]),
    );
    // A focus can be taken while a type the actor lacks is checked.
    check(
        with(Filter {
            types: s(&["platform"]),
            actor: Some("etalab".into()),
            depth: Some(1),
            ..Filter::default()
        }),
        vec![Action::Select(Some("dinum".into()))],
        with(Filter {
            types: s(&["platform"]),
            actor: Some("dinum".into()),
            depth: Some(1),
            ..Filter::default()
        }),
    );
    // Keeping its type keeps it.
    let dinum_type = ds()
        .actors
        .iter()
        .find(|a| a.id() == "dinum")
        .unwrap()
        .actor_type()
        .to_string();
    check(
        dinum.clone(),
        vec![Action::Toggle(Facet::Type, dinum_type.clone())],
        with(Filter {
            types: vec![dinum_type],
            ..dinum.filter.clone()
        }),
    );
    // A query that does not find the centre of a focus keeps it too.
    check(
        dinum.clone(),
        vec![Action::SetQuery("decidim".into())],
        with(Filter {
            q: "decidim".into(),
            ..dinum.filter.clone()
        }),
    );
    check(
        dinum.clone(),
        vec![Action::SetQuery("dinsic".into())],
        with(Filter {
            q: "dinsic".into(),
            ..dinum.filter.clone()
        }),
    );
    // A year before its founding (2011) drops it.
    check(
        dinum.clone(),
        vec![Action::SetYear(Some(2005))],
        with(Filter {
            year: Some(2005),
            ..Filter::default()
        }),
    );
    // Link kinds never hide an actor.
    check(
        dinum.clone(),
        vec![Action::Toggle(Facet::Link, "funds".into())],
        with(Filter {
            links: s(&["funds"]),
            ..dinum.filter.clone()
        }),
    );
    // Clearing filters keeps a selection (it is visible with no filter).
    check(
        with(Filter {
            types: s(&["government"]),
            ..dinum.filter.clone()
        }),
        vec![Action::ClearFilters],
        dinum.clone(),
    );
    // Select(None) drops depth.
    check(
        dinum.clone(),
        vec![Action::Select(None)],
        AppState::default(),
    );
    // Selecting another actor keeps depth; an alias is stored as the id.
    check(
        with(Filter {
            actor: Some("etalab".into()),
            depth: Some(2),
            ..Filter::default()
        }),
        vec![Action::Select(Some("DINSIC".into()))],
        dinum.clone(),
    );
    // Unknown or hidden actors are not selected.
    check(
        AppState::default(),
        vec![Action::Select(Some("nobody".into()))],
        AppState::default(),
    );
    check(
        types(&["platform"]),
        vec![Action::Select(Some("dinum".into()))],
        types(&["platform"]),
    );
}

#[test]
fn depth_and_year_bounds() {
    let sel = with(Filter {
        actor: Some("dinum".into()),
        ..Filter::default()
    });
    check(
        AppState::default(),
        vec![Action::SetDepth(Some(2))],
        AppState::default(),
    );
    check(sel.clone(), vec![Action::SetDepth(Some(4))], sel.clone());
    check(sel.clone(), vec![Action::SetDepth(Some(0))], sel.clone());
    check(
        sel.clone(),
        vec![Action::SetDepth(Some(3))],
        with(Filter {
            depth: Some(3),
            ..sel.filter.clone()
        }),
    );
    check(
        AppState::default(),
        vec![Action::SetYear(Some(999))],
        AppState::default(),
    );
    check(
        AppState::default(),
        vec![Action::SetYear(Some(2101))],
        AppState::default(),
    );
    check(
        AppState::default(),
        vec![Action::SetYear(Some(2018))],
        with(Filter {
            year: Some(2018),
            ..Filter::default()
        }),
    );
    check(
        with(Filter {
            year: Some(2018),
            ..Filter::default()
        }),
        vec![Action::SetYear(None)],
        AppState::default(),
    );
}

#[test]
fn stake_view_lang_theme() {
    check(
        AppState::default(),
        vec![Action::SetStake(Some("no-such-stake".into()))],
        AppState::default(),
    );
    let stake = with(Filter {
        stake: Some("open-source-vs-proprietary".into()),
        ..Filter::default()
    });
    check(
        AppState::default(),
        vec![Action::SetStake(Some("open-source-vs-proprietary".into()))],
        stake.clone(),
    );
    check(stake, vec![Action::SetStake(None)], AppState::default());
    check(
        AppState::default(),
        vec![
            Action::SetView(View::List),
            Action::SetLang(Lang::En),
            Action::SetTheme(Some(Theme::Dark)),
        ],
        AppState {
            view: View::List,
            lang: Lang::En,
            theme: Some(Theme::Dark),
            ..AppState::default()
        },
    );
}

#[test]
fn replace_keeps_embed() {
    let embedded = AppState {
        embed: true,
        ..AppState::default()
    };
    let next = AppState {
        view: View::List,
        lang: Lang::En,
        ..types(&["platform"])
    };
    check(
        embedded.clone(),
        vec![Action::Replace(Box::new(next.clone()))],
        AppState {
            embed: true,
            ..next
        },
    );
    check(
        AppState::default(),
        vec![Action::Replace(Box::new(embedded))],
        AppState::default(),
    );
    // A replaced state with a hidden selection loses it; a focus stays.
    let hidden = with(Filter {
        types: s(&["platform"]),
        actor: Some("dinum".into()),
        ..Filter::default()
    });
    check(
        AppState::default(),
        vec![Action::Replace(Box::new(hidden))],
        types(&["platform"]),
    );
    let focus = with(Filter {
        types: s(&["platform"]),
        actor: Some("dinum".into()),
        depth: Some(1),
        ..Filter::default()
    });
    check(
        AppState::default(),
        vec![Action::Replace(Box::new(focus.clone()))],
        focus,
    );
}

#[test]
fn without_dataset_toggles_append_and_selection_stays() {
    let mut st = AppState::default();
    st.apply(None, Action::Toggle(Facet::Type, "b".into()));
    st.apply(None, Action::Toggle(Facet::Type, "a".into()));
    st.apply(None, Action::Select(Some("x".into())));
    st.apply(None, Action::SetDepth(Some(1)));
    assert_eq!(st.filter.types, s(&["b", "a"]));
    assert_eq!(st.filter.actor.as_deref(), Some("x"));
    assert_eq!(st.filter.depth, Some(1));
}

#[test]
fn set_path_stores_ids_and_survives_the_url() {
    let with_path = |a: &str, b: &str| AppState {
        path: Some((a.into(), b.into())),
        ..AppState::default()
    };
    // An alias is stored as the actor's id.
    check(
        AppState::default(),
        vec![Action::SetPath(Some(("dinsic".into(), "etalab".into())))],
        with_path("dinum", "etalab"),
    );
    // An unknown end is ignored; None clears.
    check(
        with_path("dinum", "etalab"),
        vec![Action::SetPath(Some(("dinum".into(), "ghost".into())))],
        with_path("dinum", "etalab"),
    );
    check(
        with_path("dinum", "etalab"),
        vec![Action::SetPath(None)],
        AppState::default(),
    );
    // The round trip through the address bar.
    let st = with_path("dinum", "cap-collectif");
    let q = crate::model::view::url::encode(&st);
    assert_eq!(q, "path=dinum~cap-collectif");
    let back = crate::model::view::url::resolve(crate::model::view::url::decode(&q).0, ds());
    assert_eq!(back, (st, vec![]));
}

#[test]
fn select_at_stores_the_id_of_a_shown_actor() {
    let at = |id: &str| ds().actors.iter().position(|a| a.id() == id).unwrap();
    let dinum = with(Filter {
        actor: Some("dinum".into()),
        ..Filter::default()
    });
    // The index of an actor becomes its id in the state (and the URL).
    check(
        AppState::default(),
        vec![Action::SelectAt(Some(at("dinum")))],
        dinum.clone(),
    );
    // Another actor keeps the depth, as `Select` does.
    check(
        with(Filter {
            actor: Some("etalab".into()),
            depth: Some(2),
            ..Filter::default()
        }),
        vec![Action::SelectAt(Some(at("dinum")))],
        with(Filter {
            actor: Some("dinum".into()),
            depth: Some(2),
            ..Filter::default()
        }),
    );
    // Out of range, or hidden by the filters: nothing changes.
    check(
        dinum.clone(),
        vec![Action::SelectAt(Some(ds().actors.len()))],
        dinum.clone(),
    );
    check(
        dinum.clone(),
        vec![Action::SelectAt(Some(usize::MAX))],
        dinum.clone(),
    );
    check(
        types(&["platform"]),
        vec![Action::SelectAt(Some(at("dinum")))],
        types(&["platform"]),
    );
    // `None` clears the selection and its depth.
    check(
        with(Filter {
            depth: Some(3),
            ..dinum.filter.clone()
        }),
        vec![Action::SelectAt(None)],
        AppState::default(),
    );
    // Same outcome as selecting by id, for every actor.
    for (i, a) in ds().actors.iter().enumerate() {
        let (mut by_index, mut by_id) = (AppState::default(), AppState::default());
        by_index.apply(Some(ds()), Action::SelectAt(Some(i)));
        by_id.apply(Some(ds()), Action::Select(Some(a.id().to_string())));
        assert_eq!(by_index, by_id, "actor {i}");
        assert_eq!(by_index.filter.actor.as_deref(), Some(a.id()));
    }
}

#[test]
fn select_at_without_dataset_is_ignored() {
    let mut st = AppState::default();
    st.apply(None, Action::SelectAt(Some(0)));
    assert_eq!(st, AppState::default());
}
