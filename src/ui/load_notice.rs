//! The notice shown over the map when another dataset failed to load (a
//! Back/Forward to another `data=`, a host's `set-state`): the map that was
//! on screen stays usable, and this says what went wrong, with a retry
//! when that may help and a button to dismiss it.
//!
//! It keeps a `lang` prop rather than reading the map context: it speaks of
//! the load that failed, not of the map shown, and shares its sentences
//! with the error panel shown before any dataset is there (`chrome`).

use yew::prelude::*;

use super::i18n::{self, t, Key};
use super::icons::{glyph, Glyph};
use super::store::Problem;
use crate::model::format::diagnostic::Diagnostic;
use crate::model::view::state::Lang;

/// The most diagnostics listed in the notice (the file's own error panel,
/// or `civicmap check`, gives them all).
const LISTED: usize = 5;

#[derive(Properties, PartialEq)]
pub struct LoadErrorNoticeProps {
    pub lang: Lang,
    /// The dataset that failed, as asked for (`data=` or the default path).
    pub href: AttrValue,
    pub problem: Problem,
    pub on_retry: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// "Ces données n'ont pas pu être chargées ; la carte précédente reste
/// affichée." with the reason, a retry when it makes sense, and a dismiss.
#[function_component(LoadErrorNotice)]
pub fn load_error_notice(props: &LoadErrorNoticeProps) -> Html {
    let lang = props.lang;
    let (message, errors, retryable, kind): (String, Vec<&Diagnostic>, bool, &str) =
        match &props.problem {
            Problem::Failed(f) => (
                i18n::fetch_failure(lang, f),
                Vec::new(),
                f.retryable(),
                f.code(),
            ),
            Problem::Invalid(d) => {
                let errors: Vec<&Diagnostic> = d.iter().filter(|d| d.is_error()).collect();
                (
                    i18n::invalid_dataset(lang, &props.href, errors.len()),
                    errors,
                    false,
                    "invalid",
                )
            }
        };
    let retry = {
        let cb = props.on_retry.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let dismiss = {
        let cb = props.on_dismiss.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <div class="notice load-error" data-testid="load-error" role="alert" data-failure={kind}>
            <span class="notice-icon">{ glyph(Glyph::Warning) }</span>
            <div class="notice-text">
                <p class="notice-title">{ t(lang, Key::LoadFailedKept) }</p>
                <p class="load-error-message" data-testid="load-error-message">{ message }</p>
                if !errors.is_empty() {
                    <ul>
                        { for errors.iter().take(LISTED).map(|d| {
                            let place = d.line
                                .map(|l| format!(" ({} {l})", t(lang, Key::ErrorLine)))
                                .unwrap_or_default();
                            html! { <li>{ format!("{} — {}{}", d.path, i18n::diagnostic_message(lang, d), place) }</li> }
                        }) }
                    </ul>
                }
                if retryable {
                    <button type="button" class="btn small" data-testid="load-error-retry" onclick={retry}>
                        { t(lang, Key::Retry) }
                    </button>
                }
            </div>
            <button type="button" class="icon-btn" data-testid="load-error-dismiss"
                    aria-label={t(lang, Key::Dismiss)} title={t(lang, Key::Dismiss)} onclick={dismiss}>
                { glyph(Glyph::Close) }
            </button>
        </div>
    }
}
