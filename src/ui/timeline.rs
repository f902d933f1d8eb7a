//! The timeline view (`view=timeline`): the dataset's events in
//! chronological order, under one heading per year, each with its date,
//! title, description (when the file gives one), sources and actors.
//!
//! - An actor chip selects that actor (the actor card opens beside the
//!   timeline); "Voir sur la carte" switches to the graph with the event's
//!   actors highlighted (`on_show`; the app keeps that highlight, outside
//!   the URL).
//! - The filters never change which events are listed: an event whose
//!   actors are *all* hidden by the filters stays in its place, greyed,
//!   saying so in words; its hidden actors are plain text, not buttons (a
//!   hidden actor cannot be selected). The visible set is the app's, as
//!   for every view.
//! - With a `year` filter, the last year group not after it is marked
//!   (and kept in sight while the years play).
//! - The header holds the play control (phones; on wide screens the filter
//!   panel's one is beside it) and the count of events.
//!
//! Dataset text is rendered as text; sources link only to `http(s)` URLs,
//! with `rel="noopener noreferrer"`. Reads the language, theme, dataset
//! and dispatch from the map context; a chip selects its actor by index.

use std::rc::Rc;

use yew::prelude::*;

use super::actor_panel::source_item;
use super::browser;
use super::context::use_map;
use super::i18n::{self, t, Key};
use super::icons::{Glyph, GlyphIcon, ShapeIcon};
use super::play::{Play, PlayButton};
use super::store::Frozen;
use crate::model::network::filter::Visible;
use crate::model::view::lookup;
use crate::model::view::state::Action;
use crate::model::view::timeline::{self, Timeline};

#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    /// The app's visible set.
    pub visible: Frozen<Visible>,
    /// Show event `i`'s actors on the map.
    #[prop_or_default]
    pub on_show: Callback<usize>,
    /// The shared play control, when the app has one.
    #[prop_or_default]
    pub play: Option<Play>,
    #[prop_or_default]
    pub reduced_motion: bool,
    /// The `year` filter (the last group not after it is marked).
    #[prop_or_default]
    pub year: Option<i64>,
}

/// The timeline view.
#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineViewProps) -> Html {
    let map = use_map();
    let tl: Rc<Option<Timeline>> = use_memo(map.as_ref().map(|m| m.dataset.clone()), |ds| {
        ds.as_ref().map(|ds| Timeline::new(ds))
    });
    // While a play runs, keep the year it shows in sight.
    {
        let playing = props.play.as_ref().is_some_and(|p| p.playing);
        use_effect_with((props.year, playing), |(_, playing)| {
            if *playing {
                browser::scroll_into_view(".timeline-year.current");
            }
        });
    }
    let (Some(map), Some(tl)) = (map, tl.as_ref().as_ref()) else {
        return Html::default();
    };
    let (ds, lang, dark) = (&*map.dataset, map.lang, map.dark);
    let code = i18n::code(lang);
    let vis = &*props.visible;

    let hidden = (0..tl.len()).filter(|&e| tl.all_hidden(e, vis)).count();
    // The year group marked as "where the ecosystem stands": the last one
    // not after the `year` filter.
    let current_year = props.year.and_then(|y| {
        tl.groups
            .iter()
            .filter_map(|g| g.year)
            .filter(|gy| *gy <= y)
            .max()
    });

    let event_view = |e: usize| -> Html {
        let Some(ev) = ds.events.get(e) else {
            return Html::default();
        };
        let title = ev
            .title
            .as_ref()
            .map(|x| x.get(code).to_string())
            .filter(|s| !s.is_empty())
            .or_else(|| ev.id.clone())
            .unwrap_or_default();
        let description = timeline::description(ev)
            .map(|d| d.get(code).to_string())
            .filter(|d| !d.is_empty());
        let date = tl.dates.get(e).copied().flatten();
        let dimmed = tl.all_hidden(e, vis);
        let shown = tl.visible_actors(e, vis);
        let title_id = format!("event-{e}-title");
        let chips = tl.actors_of(e).iter().map(|&a| {
            let Some(actor) = ds.actors.get(a) else {
                return Html::default();
            };
            let (c, s) = lookup::type_style(ds, actor.actor_type(), dark);
            let icon = html! { <ShapeIcon shape={s} color={AttrValue::from(c)} /> };
            if vis.actors.get(a).copied().unwrap_or(false) {
                let dispatch = map.dispatch.clone();
                let onclick =
                    Callback::from(move |_: MouseEvent| dispatch.emit(Action::SelectAt(Some(a))));
                html! {
                    <li>
                        <button type="button" class="actor-chip" data-testid="event-actor"
                                data-actor-id={actor.id().to_string()} {onclick}>
                            { icon }<span>{ actor.name() }</span>
                        </button>
                    </li>
                }
            } else {
                html! {
                    <li>
                        <span class="actor-chip hidden-actor" data-testid="event-actor-hidden"
                              data-actor-id={actor.id().to_string()}>
                            { icon }<span>{ actor.name() }</span>
                            <span class="visually-hidden">{ format!(" ({})", t(lang, Key::HiddenByFilters)) }</span>
                        </span>
                    </li>
                }
            }
        });
        let show = (!shown.is_empty()).then(|| {
            let on_show = props.on_show.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_show.emit(e));
            html! {
                <button type="button" class="btn small show-on-map" data-testid="event-show-on-map" {onclick}>
                    <GlyphIcon glyph={Glyph::Network} />
                    <span>{ t(lang, Key::ShowOnMap) }</span>
                    // The name starts with the visible words (WCAG 2.5.3) and says which event.
                    <span class="visually-hidden">{ i18n::colon(lang) }{ title.clone() }</span>
                </button>
            }
        });
        html! {
            <li class={classes!("event", dimmed.then_some("dimmed"))} data-testid="event"
                data-event-id={ev.id.clone().unwrap_or_default()}
                data-date={ev.date.clone().unwrap_or_default()}
                data-dimmed={if dimmed { "true" } else { "false" }}>
                <article aria-labelledby={title_id.clone()}>
                    if let Some(d) = date {
                        <time class="event-date" datetime={d.iso()}>{ i18n::date(lang, &d) }</time>
                    }
                    <div class="event-body">
                        <h4 id={title_id} class="event-title">{ title.clone() }</h4>
                        if let Some(d) = description { <p class="event-desc">{ d }</p> }
                        if dimmed { <p class="event-hidden">{ t(lang, Key::EventHidden) }</p> }
                        if !tl.actors_of(e).is_empty() {
                            <div class="event-foot">
                                <ul class="actor-chips" role="list" aria-label={t(lang, Key::EventActors)}>
                                    { for chips }
                                </ul>
                                { show.unwrap_or_default() }
                            </div>
                        }
                        if !ev.sources.is_empty() {
                            <p class="event-sources">
                                <span class="muted">{ t(lang, Key::Sources) }{ i18n::colon(lang) }</span>
                                { for ev.sources.iter().enumerate().map(|(i, s)| html! {
                                    <>{ if i > 0 { ", " } else { "" } }{ source_item(s, lang) }</>
                                }) }
                            </p>
                        }
                    </div>
                </article>
            </li>
        }
    };

    html! {
        <section class="timeline-view" data-testid="timeline-view" aria-labelledby="timeline-title">
            <header class="timeline-head">
                <div class="timeline-titles">
                    <h2 id="timeline-title" class="view-title">{ t(lang, Key::TimelineTitle) }</h2>
                    <p class="view-intro">{ t(lang, Key::TimelineIntro) }</p>
                    <p class="timeline-count" data-testid="timeline-count"
                       data-events={tl.len().to_string()} data-dimmed={hidden.to_string()}>
                        { i18n::events_count(lang, tl.len(), hidden) }
                    </p>
                </div>
                if let Some(play) = props.play.clone() {
                    <div class="timeline-play">
                        <PlayButton play={play} place="timeline" reduced_motion={props.reduced_motion} />
                    </div>
                }
            </header>
            if tl.is_empty() {
                <p class="timeline-empty">{ t(lang, Key::NoEvents) }</p>
            }
            <ol class="timeline-years" role="list">
                { for tl.groups.iter().map(|g| {
                    let heading = g.year.map(|y| y.to_string()).unwrap_or_else(|| t(lang, Key::Undated).to_string());
                    let current = g.year.is_some() && g.year == current_year;
                    let id = format!("timeline-year-{}", g.year.map(|y| y.to_string()).unwrap_or_else(|| "none".into()));
                    html! {
                        <li class={classes!("timeline-year", current.then_some("current"))} data-testid="timeline-year"
                            data-year={g.year.map(|y| y.to_string()).unwrap_or_default()}>
                            <h3 id={id.clone()} class="year-heading">{ heading }</h3>
                            <ol class="events" role="list" aria-labelledby={id}>
                                { for g.events.iter().map(|&e| event_view(e)) }
                            </ol>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
