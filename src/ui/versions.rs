//! Links pinned to a dataset version (product.md, `v`) and visitors'
//! suggestions (`corrections`): the notice shown when a link shared with
//! another `meta.version` is opened — what changed for this view when the
//! deployment keeps that version, with the way to see the map as it was —
//! and the "Suggest a correction" / "Suggest an actor or a link" links.
//! Both read the language (and the notice the dataset) from the map context.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::browser;
use super::context::use_map;
use super::i18n::{self, t, Key};
use super::icons::{glyph, Glyph};
use super::loader::{self, LoadOutcome};
use super::store::Frozen;
use crate::deploy::corrections::{fill, Fields};
use crate::model::format::dataset::Dataset;
use crate::model::view::state::{AppState, Lang};
use crate::model::view::url;
use crate::model::view::versions::{changes_for_view, LinkKey, ViewChanges};

/// The earlier version the page shows, when `data=` is one the deployment
/// keeps and the file is that version.
fn viewing_kept(state: &AppState, ds: &Dataset) -> Option<String> {
    let data = state.data.as_deref()?;
    let current = ds.meta.version.as_deref()?;
    let config = loader::current_config();
    (config.version_location(current) == Some(data)).then(|| current.to_string())
}

/// Fetches and reads a kept version (same loader, same limits, same origin
/// rules as `data=`); `None` on any failure.
async fn fetch_version(location: String) -> Option<Rc<Dataset>> {
    let config = loader::current_config();
    let r = browser::resolve(&location).filter(|r| r.web)?;
    if r.origin != r.own && !config.allows_data(&r.origin, &r.own) {
        return None;
    }
    let origin_ok = |o: &str| o == r.origin || config.allows_data(o, &r.own);
    let options = loader::FetchOptions {
        cap: config.max_dataset_bytes,
        origin_ok: &origin_ok,
        abort: None,
    };
    let bytes = loader::fetch(&r.url, &options, |_, _| {}).await.ok()?;
    match loader::outcome(&r.url, &bytes, false) {
        LoadOutcome::Ready { dataset, .. } => Some(dataset),
        _ => None,
    }
}

#[derive(Properties, PartialEq)]
pub struct VersionNoticeProps {
    /// The view (its filter counts; `data` says which file is shown).
    pub state: AppState,
    /// `v` of the address the page was opened with.
    pub shared: Option<AttrValue>,
}

/// The notice of a link shared with another version (nothing otherwise).
#[function_component(VersionNotice)]
pub fn version_notice(props: &VersionNoticeProps) -> Html {
    let map = use_map();
    let dismissed = use_state(|| false);
    let old = use_state(|| None::<Frozen<Dataset>>);
    let dataset = map.as_ref().map(|m| m.dataset.clone());
    let current = dataset.as_ref().and_then(|d| d.meta.version.clone());
    // The kept file of the shared version (only for the default dataset).
    let location: Option<String> = props
        .shared
        .as_ref()
        .filter(|v| current.as_deref() != Some(v.as_str()) && props.state.data.is_none())
        .and_then(|v| {
            loader::current_config()
                .version_location(v)
                .map(str::to_string)
        });
    {
        let old = old.clone();
        use_effect_with(location.clone(), move |loc| {
            if let Some(loc) = loc.clone() {
                spawn_local(async move {
                    if let Some(ds) = fetch_version(loc).await {
                        old.set(Some(Frozen(ds)));
                    }
                });
            }
        });
    }
    let changes = {
        let (old, filter) = ((*old).clone(), props.state.filter.clone());
        use_memo((old, dataset, filter), |(old, ds, filter)| {
            match (old, ds) {
                (Some(o), Some(ds)) => Some(changes_for_view(&o.0, &ds.0, filter)),
                _ => None,
            }
        })
    };
    let Some(map) = map.filter(|_| !*dismissed) else {
        return Html::default();
    };
    let lang = map.lang;
    let dismiss = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| dismissed.set(true))
    };
    // A kept version opened as it was (no `v`, or that version's own).
    let viewing = viewing_kept(&props.state, &map.dataset.0).filter(|v| {
        props
            .shared
            .as_ref()
            .is_none_or(|s| s.as_str() == v.as_str())
    });
    if let Some(version) = viewing {
        return viewing_notice(lang, &props.state, &version, dismiss);
    }
    let Some(shared) = props
        .shared
        .clone()
        .filter(|v| current.as_deref() != Some(v.as_str()))
    else {
        return Html::default();
    };
    let seen = Seen {
        ds: &map.dataset.0,
        old: (*old).clone(),
        changes: (*changes).clone(),
        location,
        current,
    };
    changed_notice(lang, &props.state, &shared, seen, dismiss)
}

// The notices below are built only when a link of another version is
// opened: in functions of their own, never inlined into `version_notice`
// (which runs on every load), so that scripts/split-wasm.mjs can leave them
// out of what loads before `civicmap:ready`.

/// The notice's frame: its icon, its text, its dismiss button.
#[inline(never)]
fn frame(lang: Lang, dismiss: Callback<MouseEvent>, body: Html) -> Html {
    html! {
        <div class="notice version-notice" data-testid="version-notice" role="status">
            <span class="notice-icon">{ glyph(Glyph::Warning) }</span>
            <div class="notice-text">{ body }</div>
            <button type="button" class="icon-btn" data-testid="version-notice-dismiss"
                    aria-label={t(lang, Key::Dismiss)} title={t(lang, Key::Dismiss)}
                    onclick={dismiss}>
                { glyph(Glyph::Close) }
            </button>
        </div>
    }
}

/// A kept version shown as it was, with the way to the current one.
#[inline(never)]
fn viewing_notice(
    lang: Lang,
    state: &AppState,
    version: &str,
    dismiss: Callback<MouseEvent>,
) -> Html {
    let now = AppState {
        data: None,
        ..state.clone()
    };
    let href = browser::permalink(&url::encode(&now));
    frame(
        lang,
        dismiss,
        html! {
            <>
                <p class="notice-title" data-testid="version-viewing">{ i18n::version_viewing(lang, version) }</p>
                <p><a class="btn" href={href} data-testid="version-current">{ t(lang, Key::VersionCurrent) }</a></p>
            </>
        },
    )
}

/// What the page knows of the shared version and this one.
struct Seen<'a> {
    /// The dataset shown.
    ds: &'a Dataset,
    /// The shared version's file, once read.
    old: Option<Frozen<Dataset>>,
    /// What changed for this view between the two, once known.
    changes: Option<ViewChanges>,
    /// Where the deployment keeps the shared version, if it does.
    location: Option<String>,
    /// The shown dataset's `meta.version`.
    current: Option<String>,
}

/// A link shared with version `shared`: what changed for this view (when
/// the deployment keeps that version), else that it changed.
#[inline(never)]
fn changed_notice(
    lang: Lang,
    state: &AppState,
    shared: &str,
    seen: Seen<'_>,
    dismiss: Callback<MouseEvent>,
) -> Html {
    let Seen {
        ds,
        old,
        changes,
        location,
        current,
    } = seen;
    let (Some(c), Some(loc)) = (changes, location) else {
        return frame(
            lang,
            dismiss,
            html! {
                <p class="notice-title" data-testid="version-changed">
                    { i18n::version_changed(lang, shared, current.as_deref()) }
                </p>
            },
        );
    };
    let then = AppState {
        data: Some(loc),
        ..state.clone()
    };
    let href = browser::permalink(&url::encode(&then));
    let name_in = |d: &Dataset, id: &str| {
        d.actors
            .iter()
            .find(|a| a.id() == id)
            .map(|a| format!("{} ({id})", a.name()))
            .unwrap_or_else(|| id.to_string())
    };
    let actors = |ids: &[String], d: &Dataset| -> Vec<String> {
        ids.iter().map(|id| name_in(d, id)).collect()
    };
    let links = |keys: &[LinkKey]| -> Vec<String> {
        keys.iter()
            .map(|k| format!("{} → {} ({})", k.source, k.target, k.kind))
            .collect()
    };
    let removed_actors = old
        .as_ref()
        .map(|o| actors(&c.removed_actors, &o.0))
        .unwrap_or_default();
    let group = |key: Key, items: Vec<String>, id: &'static str| {
        if items.is_empty() {
            return Html::default();
        }
        html! {
            <>
                <p class="version-group">{ t(lang, key) }</p>
                <ul data-testid={id}>{ for items.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ul>
            </>
        }
    };
    frame(
        lang,
        dismiss,
        html! {
            <>
                <p class="notice-title" data-testid="version-summary"
                   data-actors-added={c.added_actors.len().to_string()}
                   data-actors-removed={c.removed_actors.len().to_string()}
                   data-links-added={c.added_links.len().to_string()}
                   data-links-removed={c.removed_links.len().to_string()}>
                    { i18n::version_changes(lang, shared, &c) }
                </p>
                if !c.is_empty() {
                    <details class="version-details">
                        <summary>{ t(lang, Key::VersionDetails) }</summary>
                        { group(Key::ActorsAdded, actors(&c.added_actors, ds), "version-actors-added") }
                        { group(Key::ActorsRemoved, removed_actors, "version-actors-removed") }
                        { group(Key::LinksAdded, links(&c.added_links), "version-links-added") }
                        { group(Key::LinksRemoved, links(&c.removed_links), "version-links-removed") }
                    </details>
                }
                <p><a class="btn" href={href} data-testid="version-as-it-was">{ t(lang, Key::VersionAsItWas) }</a></p>
            </>
        },
    )
}

/// What a suggestion carries besides the actor, provided by the app root.
#[derive(Clone, PartialEq, Default)]
pub struct SuggestContext {
    /// The dataset's absolute URL.
    pub dataset: AttrValue,
    /// `meta.version` (empty when none).
    pub version: AttrValue,
    /// The view's shared link (absolute, with `v`).
    pub url: AttrValue,
}

#[derive(Properties, PartialEq)]
pub struct SuggestLinkProps {
    /// The actor's id; empty for a new actor or link.
    #[prop_or_default]
    pub actor: AttrValue,
}

/// "Suggest a correction" (with an actor) or "Suggest an actor or a link"
/// (without): a link to the deployment's `corrections` template, filled;
/// nothing when the deployment sets none.
#[function_component(SuggestLink)]
pub fn suggest_link(props: &SuggestLinkProps) -> Html {
    let ctx = use_context::<SuggestContext>().unwrap_or_default();
    let lang = use_map().map(|m| m.lang).unwrap_or_default();
    let config = loader::current_config();
    let Some(template) = config.corrections.as_deref() else {
        return Html::default();
    };
    let href = fill(
        template,
        &Fields {
            actor: &props.actor,
            dataset: &ctx.dataset,
            version: &ctx.version,
            url: &ctx.url,
        },
    );
    let web = href.to_ascii_lowercase().starts_with("https:");
    let (key, id) = if props.actor.is_empty() {
        (Key::SuggestAddition, "suggest-addition")
    } else {
        (Key::SuggestCorrection, "suggest-correction")
    };
    html! {
        <p class="suggest">
            <a class="suggest-link" href={href} data-testid={id} rel="noopener"
               target={web.then_some("_blank")}>
                { t(lang, key) }
            </a>
        </p>
    }
}
