//! The view switcher: a tab list (WAI-ARIA tabs pattern) over the views
//! `graph`, `list`, `timeline`, `stakes` and `analysis`. One tab stop (the current
//! tab); the arrow keys, Home and End move to another tab and show it.
//! Every tab controls the one tab panel `#view-panel` that shows the
//! chosen view. Views never change the visible set.

use yew::prelude::*;

use super::browser;
use super::context::use_map;
use super::i18n::{t, Key};
use super::icons::{glyph, Glyph};
use crate::model::view::state::{Action, Lang, View};

/// The views in tab order.
pub const VIEWS: [View; 5] = [
    View::Graph,
    View::List,
    View::Timeline,
    View::Stakes,
    View::Analysis,
];

/// The view's name in the URL (`view=`), also its tab's id suffix.
pub fn slug(v: View) -> &'static str {
    match v {
        View::Graph => "graph",
        View::List => "list",
        View::Timeline => "timeline",
        View::Stakes => "stakes",
        View::Analysis => "analysis",
    }
}

/// The id of the tab of `v`.
pub fn tab_id(v: View) -> String {
    format!("view-tab-{}", slug(v))
}

fn label(lang: Lang, v: View) -> &'static str {
    match v {
        View::Graph => t(lang, Key::ViewGraph),
        View::List => t(lang, Key::ViewList),
        View::Timeline => t(lang, Key::ViewTimeline),
        View::Stakes => t(lang, Key::ViewStakes),
        View::Analysis => t(lang, Key::ViewAnalysis),
    }
}

fn view_glyph(v: View) -> Glyph {
    match v {
        View::Graph => Glyph::Network,
        View::List => Glyph::Rows,
        View::Timeline => Glyph::Timeline,
        View::Stakes => Glyph::Stakes,
        View::Analysis => Glyph::Chart,
    }
}

/// The view a key press moves to from `current`, if any (arrows wrap).
pub fn next_view(current: View, key: &str) -> Option<View> {
    let at = VIEWS.iter().position(|v| *v == current).unwrap_or(0);
    let n = VIEWS.len();
    let to = match key {
        "ArrowRight" | "ArrowDown" => (at + 1) % n,
        "ArrowLeft" | "ArrowUp" => (at + n - 1) % n,
        "Home" => 0,
        "End" => n - 1,
        _ => return None,
    };
    VIEWS.get(to).copied()
}

#[derive(Properties, PartialEq)]
pub struct ViewTabsProps {
    pub view: View,
}

/// The tab list.
#[function_component(ViewTabs)]
pub fn view_tabs(props: &ViewTabsProps) -> Html {
    let Some(map) = use_map() else {
        return Html::default();
    };
    let lang = map.lang;
    let onkeydown = {
        let d = map.dispatch.clone();
        let current = props.view;
        Callback::from(move |e: KeyboardEvent| {
            if let Some(v) = next_view(current, &e.key()) {
                e.prevent_default();
                d.emit(Action::SetView(v));
                browser::focus(&format!("#{}", tab_id(v)));
            }
        })
    };
    html! {
        <div class="view-tabs" role="tablist" aria-label={t(lang, Key::Views)} {onkeydown}>
            { for VIEWS.iter().map(|&v| {
                let selected = v == props.view;
                let d = map.dispatch.clone();
                let onclick = Callback::from(move |_: MouseEvent| d.emit(Action::SetView(v)));
                html! {
                    <button type="button" role="tab" id={tab_id(v)} class="view-tab"
                            data-testid="view-tab" data-view={slug(v)}
                            aria-selected={if selected { "true" } else { "false" }}
                            aria-controls="view-panel" tabindex={if selected { "0" } else { "-1" }}
                            {onclick}>
                        { glyph(view_glyph(v)) }
                        <span>{ label(lang, v) }</span>
                    </button>
                }
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_and_home_end_jump() {
        assert_eq!(next_view(View::Graph, "ArrowRight"), Some(View::List));
        assert_eq!(next_view(View::Stakes, "ArrowRight"), Some(View::Analysis));
        assert_eq!(next_view(View::Analysis, "ArrowRight"), Some(View::Graph));
        assert_eq!(next_view(View::Graph, "ArrowLeft"), Some(View::Analysis));
        assert_eq!(next_view(View::List, "Home"), Some(View::Graph));
        assert_eq!(next_view(View::List, "End"), Some(View::Analysis));
        assert_eq!(next_view(View::List, "Enter"), None);
    }

    #[test]
    fn slugs_are_the_url_values() {
        use crate::model::view::state::AppState;
        use crate::model::view::url;
        for v in VIEWS {
            let st = AppState {
                view: v,
                ..AppState::default()
            };
            let q = url::encode(&st);
            let expected = if v == View::Graph {
                String::new()
            } else {
                format!("view={}", slug(v))
            };
            assert_eq!(q, expected);
        }
    }
}
