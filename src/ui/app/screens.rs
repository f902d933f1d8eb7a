//! The app root's screens and notices apart from the map: the loading and
//! failure screens before a dataset is shown, and the notices over the map
//! (a failed load, dropped URL values, a dataset's warnings).

use yew::prelude::*;

use crate::model::view::state::AppState;
use crate::model::view::url;
use crate::ui::browser;
use crate::ui::chrome::{ErrorPanel, LoadingView, NoticeBox};
use crate::ui::i18n::{self, t, Key};
use crate::ui::load_notice::LoadErrorNotice;
use crate::ui::loader;
use crate::ui::store::{Msg, Phase, Store};

/// The screen while no dataset is shown: loading, or why it failed.
pub fn not_ready(store: &UseReducerHandle<Store>, retry: Callback<()>) -> Html {
    let state = &store.state;
    let lang = state.lang;
    // After a failed `data=` file, offer the default map (same language).
    let default_href = state.data.as_ref().map(|_| {
        let home = AppState {
            lang,
            embed: state.embed,
            ..AppState::default()
        };
        AttrValue::from(browser::permalink(&url::encode(&home)))
    });
    match &store.phase {
        Phase::Failed(f) => html! {
            <ErrorPanel lang={lang} failure={Some(f.clone())} default_href={default_href}
                on_retry={f.retryable().then_some(retry)} />
        },
        Phase::Invalid(d) => html! {
            <ErrorPanel lang={lang} diagnostics={d.clone()} default_href={default_href} />
        },
        Phase::Loading { received, total } => {
            html! { <LoadingView lang={lang} received={*received} total={*total} /> }
        }
        Phase::Ready => html! { <LoadingView lang={lang} received={0} total={None} /> },
    }
}

/// The notices over a shown map.
pub fn notices(store: &UseReducerHandle<Store>, retry: &Callback<()>) -> Html {
    let lang = store.state.lang;
    let message = |msg: fn() -> Msg| {
        let d = store.dispatcher();
        Callback::from(move |()| d.dispatch(msg()))
    };
    let load_error = store.load_error.as_ref().map(|e| {
        let href = e
            .wanted
            .data
            .clone()
            .unwrap_or_else(|| loader::current_config().default_dataset.clone());
        // The address as the failure messages give it: absolute.
        let href = browser::resolve(&href).map(|r| r.url).unwrap_or(href);
        html! {
            <LoadErrorNotice lang={lang} href={href} problem={e.problem.clone()}
                on_retry={retry.clone()} on_dismiss={message(|| Msg::DismissLoadError)} />
        }
    });
    html! {
        <div class="notices">
            { load_error }
            if !store.url_notices.is_empty() {
                <NoticeBox title={t(lang, Key::UrlNoticeTitle)}
                    items={store.url_notices.iter().map(|n| i18n::url_notice(lang, n)).collect::<Vec<_>>()}
                    on_dismiss={message(|| Msg::DismissUrlNotices)} />
            }
            if !store.warnings.is_empty() {
                <NoticeBox title={i18n::warnings_title(lang, store.warnings.len())}
                    items={store.warnings.iter().map(|w| {
                        let place = w.line.map(|l| format!(" ({} {l})", t(lang, Key::ErrorLine))).unwrap_or_default();
                        format!("{} — {}{}", w.path, i18n::diagnostic_message(lang, w), place)
                    }).collect::<Vec<_>>()}
                    on_dismiss={message(|| Msg::DismissWarnings)} />
            }
        </div>
    }
}
