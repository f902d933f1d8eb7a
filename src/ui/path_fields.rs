//! "Comment sont-ils reliés ?" in the filter panel: two actor search boxes
//! (the search combobox, suggesting visible actors) that set `path=a~b`
//! once both are picked. Typing in either box, or emptying it, clears the
//! path; a path set elsewhere (the actor card, the address) fills both.

use yew::prelude::*;

use super::context::use_map;
use super::i18n::analysis::{words, Words};
use super::search::SearchBox;
use super::store::Frozen;
use crate::model::format::dataset::Dataset;
use crate::model::network::filter::Visible;
use crate::model::network::search;
use crate::model::view::derive::SUGGESTIONS;
use crate::model::view::state::Action;

#[derive(Properties, PartialEq)]
pub struct PathFieldsProps {
    /// The state's `path`.
    pub path: Option<(String, String)>,
    pub visible: Frozen<Visible>,
}

/// Visible actors matching `q`, without `except`, best first.
pub fn path_suggestions(ds: &Dataset, vis: &Visible, q: &str, except: Option<usize>) -> Vec<usize> {
    if q.trim().is_empty() {
        return Vec::new();
    }
    search::suggestions(ds, q, SUGGESTIONS * 4)
        .into_iter()
        .filter(|&i| Some(i) != except && vis.actors.get(i).copied().unwrap_or(false))
        .take(SUGGESTIONS)
        .collect()
}

/// The two boxes.
#[function_component(PathFields)]
pub fn path_fields(props: &PathFieldsProps) -> Html {
    // Per box: the text typed, and the actor picked.
    let texts = use_state(|| [String::new(), String::new()]);
    let ends = use_state(|| [None::<usize>, None::<usize>]);
    // Set when this component clears the path itself (keep the other box).
    let self_cleared = use_mut_ref(|| false);
    let map = use_map();
    {
        let texts = texts.clone();
        let ends = ends.clone();
        let self_cleared = self_cleared.clone();
        let ds = map.as_ref().map(|m| m.dataset.clone());
        use_effect_with(props.path.clone(), move |path| match (path, ds) {
            (Some((a, b)), Some(ds)) => {
                let find = |id: &str| ds.actors.iter().position(|x| x.id() == id);
                let (ia, ib) = (find(a), find(b));
                let name = |i: Option<usize>| {
                    i.and_then(|i| ds.actors.get(i))
                        .map(|x| x.name().to_string())
                        .unwrap_or_default()
                };
                texts.set([name(ia), name(ib)]);
                ends.set([ia, ib]);
            }
            _ if *self_cleared.borrow() => *self_cleared.borrow_mut() = false,
            _ => {
                texts.set([String::new(), String::new()]);
                ends.set([None, None]);
            }
        });
    }
    let Some(map) = map else {
        return Html::default();
    };
    let lang = map.lang;
    let ds = map.dataset.clone();
    let has_path = props.path.is_some();
    let field = |k: usize, prefix: &'static str, label: Words| {
        let other = 1 - k;
        let suggestions = Frozen::new(path_suggestions(
            &ds,
            &props.visible,
            texts.get(k).map_or("", String::as_str),
            ends.get(other).copied().flatten(),
        ));
        let on_query = {
            let texts = texts.clone();
            let ends = ends.clone();
            let d = map.dispatch.clone();
            let self_cleared = self_cleared.clone();
            Callback::from(move |q: String| {
                let mut t = (*texts).clone();
                let mut e = *ends;
                if let Some(slot) = t.get_mut(k) {
                    *slot = q;
                }
                if let Some(slot) = e.get_mut(k) {
                    *slot = None;
                }
                texts.set(t);
                ends.set(e);
                if has_path {
                    *self_cleared.borrow_mut() = true;
                    d.emit(Action::SetPath(None));
                }
            })
        };
        let on_pick = {
            let texts = texts.clone();
            let ends = ends.clone();
            let d = map.dispatch.clone();
            let ds = ds.clone();
            Callback::from(move |i: usize| {
                let mut t = (*texts).clone();
                let mut e = *ends;
                if let (Some(slot), Some(a)) = (t.get_mut(k), ds.actors.get(i)) {
                    *slot = a.name().to_string();
                }
                if let Some(slot) = e.get_mut(k) {
                    *slot = Some(i);
                }
                texts.set(t);
                ends.set(e);
                let id =
                    |x: Option<usize>| x.and_then(|x| ds.actors.get(x)).map(|a| a.id().to_string());
                if let [Some(a), Some(b)] = e.map(id) {
                    d.emit(Action::SetPath(Some((a, b))));
                }
            })
        };
        html! {
            <SearchBox query={AttrValue::from(texts.get(k).cloned().unwrap_or_default())}
                suggestions={suggestions}
                on_query={on_query} on_pick={on_pick}
                prefix={AttrValue::Static(prefix)}
                label={Some(AttrValue::Static(words(lang, label)))} />
        }
    };
    html! {
        <fieldset class="facet path-fields" data-testid="path-fields" aria-labelledby="path-fields-title">
            <legend id="path-fields-title">{ words(lang, Words::PathTitle) }</legend>
            <p class="hint">{ words(lang, Words::PathHint) }</p>
            <div class="path-field">
                <span class="path-field-label" aria-hidden="true">{ words(lang, Words::PathFrom) }</span>
                { field(0, "path-from", Words::PathFrom) }
            </div>
            <div class="path-field">
                <span class="path-field-label" aria-hidden="true">{ words(lang, Words::PathTo) }</span>
                { field(1, "path-to", Words::PathTo) }
            </div>
        </fieldset>
    }
}
