//! The timeline view (`view=timeline`): the dataset's events by year, in
//! date order (undated events last), each with its date, title and the
//! actors it is tied to (visible ones are buttons that select them).
//!
//! This is the first, plain version; the timeline feature of issue 5
//! (its own helper) replaces the body and keeps the props.

use std::collections::BTreeMap;

use yew::prelude::*;

use super::i18n::{self, t, Key};
use super::store::Shared;
use crate::model::dataset::Dataset;
use crate::model::filter::Visible;
use crate::model::state::{Action, Lang};

#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    pub dataset: Shared<Dataset>,
    pub visible: Shared<Visible>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// Event indices by year (`None`: undated, last), each year in date order
/// (then dataset order).
pub fn by_year(ds: &Dataset) -> Vec<(Option<String>, Vec<usize>)> {
    let mut years: BTreeMap<(bool, String), Vec<(String, usize)>> = BTreeMap::new();
    for (i, e) in ds.events.iter().enumerate() {
        let date = e.date.clone().unwrap_or_default();
        let year: String = date.chars().take(4).collect();
        years
            .entry((year.is_empty(), year))
            .or_default()
            .push((date, i));
    }
    years
        .into_iter()
        .map(|((undated, year), mut v)| {
            v.sort();
            (
                (!undated).then_some(year),
                v.into_iter().map(|(_, i)| i).collect(),
            )
        })
        .collect()
}

/// The timeline view.
#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineViewProps) -> Html {
    let ds = &*props.dataset;
    let lang = props.lang;
    let code = i18n::code(lang);
    let years = by_year(ds);
    let event = |i: usize| -> Html {
        let Some(e) = ds.events.get(i) else {
            return Html::default();
        };
        let title = e
            .title
            .as_ref()
            .map(|x| x.get(code).to_string())
            .filter(|x| !x.is_empty())
            .or_else(|| e.id.clone())
            .unwrap_or_default();
        let actors = e.actors.iter().filter_map(|id| {
            let i = ds.actors.iter().position(|a| a.id() == id)?;
            let a = ds.actors.get(i)?;
            let shown = props.visible.actors.get(i).copied().unwrap_or(false);
            Some(if shown {
                let d = props.dispatch.clone();
                let aid = a.id().to_string();
                let onclick =
                    Callback::from(move |_: MouseEvent| d.emit(Action::Select(Some(aid.clone()))));
                html! { <li><button type="button" class="actor-chip" {onclick}>{ a.name() }</button></li> }
            } else {
                html! { <li><span class="actor-chip hidden-actor">{ a.name() }</span></li> }
            })
        });
        html! {
            <li class="event" data-testid="event">
                <span class="event-date">{ e.date.clone().unwrap_or_else(|| t(lang, Key::Undated).to_string()) }</span>
                <p class="event-title">{ title }</p>
                if !e.actors.is_empty() { <ul class="actor-chips" role="list">{ for actors }</ul> }
            </li>
        }
    };
    html! {
        <section class="timeline-view view-pane" data-testid="timeline-view" aria-labelledby="timeline-title">
            <h2 id="timeline-title" class="view-title">{ t(lang, Key::TimelineTitle) }</h2>
            if years.is_empty() {
                <div class="view-empty"><p>{ t(lang, Key::NoEvents) }</p></div>
            }
            { for years.into_iter().map(|(year, events)| html! {
                <section class="event-year">
                    <h3>{ year.unwrap_or_else(|| t(lang, Key::Undated).to_string()) }</h3>
                    <ul class="events" role="list">{ for events.into_iter().map(event) }</ul>
                </section>
            }) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_come_by_year_in_date_order_undated_last() {
        let ds: Dataset = serde_json::from_str(
            r#"{"events":[
                {"id":"c","date":"2018-09-26"},
                {"id":"u"},
                {"id":"a","date":"2014"},
                {"id":"b","date":"2018-02"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(
            by_year(&ds),
            vec![
                (Some("2014".to_string()), vec![2]),
                (Some("2018".to_string()), vec![3, 0]),
                (None, vec![1]),
            ]
        );
    }
}
