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

use super::browser;
use super::context::use_map;
use super::i18n::{self, t, Key};
use super::icons::{glyph_svg, Glyph};
use super::markup::{self, Markup};
use super::play::{Play, PlayButton};
use super::store::Frozen;
use crate::model::format::dataset::Dataset;
use crate::model::network::filter::Visible;
use crate::model::view::lookup;
use crate::model::view::state::{Action, Lang};
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

/// Event `e` as markup: date, title, description, the hidden note, its
/// actors (a visible one is a `button.actor-chip` with `data-index`, a
/// hidden one plain text), "Voir sur la carte" (`data-event`) and sources.
fn event_markup(
    m: &mut Markup,
    ds: &Dataset,
    tl: &Timeline,
    vis: &Visible,
    e: usize,
    lang: Lang,
    dark: bool,
) {
    let Some(ev) = ds.events.get(e) else {
        return;
    };
    let code = i18n::code(lang);
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
    let dimmed = tl.all_hidden(e, vis);
    let title_id = format!("event-{e}-title");
    m.open("li")
        .attr("data-testid", "event")
        .attr("data-event-id", ev.id.as_deref().unwrap_or_default())
        .attr("data-date", ev.date.as_deref().unwrap_or_default())
        .attr("data-dimmed", if dimmed { "true" } else { "false" })
        .attr("class", if dimmed { "event dimmed" } else { "event" })
        .end()
        .open("article")
        .attr("aria-labelledby", &title_id)
        .end();
    if let Some(d) = tl.dates.get(e).copied().flatten() {
        m.open("time")
            .attr("datetime", &d.iso())
            .attr("class", "event-date")
            .end()
            .text(&i18n::date(lang, &d))
            .close("time");
    }
    m.trusted(r#"<div class="event-body">"#)
        .open("h4")
        .attr("id", &title_id)
        .attr("class", "event-title")
        .end()
        .text(&title)
        .close("h4");
    if let Some(d) = description {
        m.trusted(r#"<p class="event-desc">"#).text(&d).close("p");
    }
    if dimmed {
        m.trusted(r#"<p class="event-hidden">"#)
            .text(t(lang, Key::EventHidden))
            .close("p");
    }
    let actors = tl.actors_of(e);
    if !actors.is_empty() {
        m.trusted(r#"<div class="event-foot"><ul class="actor-chips" role="list""#)
            .attr("aria-label", t(lang, Key::EventActors))
            .end();
        for &a in actors {
            let Some(actor) = ds.actors.get(a) else {
                continue;
            };
            let (c, s) = lookup::type_style(ds, actor.actor_type(), dark);
            m.trusted("<li>");
            let shown = vis.actors.get(a).copied().unwrap_or(false);
            if shown {
                m.trusted(r#"<button type="button" data-testid="event-actor""#);
            } else {
                m.trusted(r#"<span data-testid="event-actor-hidden""#);
            }
            let class = if shown {
                "actor-chip"
            } else {
                "actor-chip hidden-actor"
            };
            m.attr("data-actor-id", actor.id())
                .attr("class", class)
                .attr("data-index", &a.to_string())
                .end();
            let note = (!shown).then(|| t(lang, Key::HiddenByFilters));
            markup::chip_body(m, s, &c, actor.name(), note);
            m.close(if shown { "button" } else { "span" });
            m.trusted("</li>");
        }
        m.trusted("</ul>");
        if !tl.visible_actors(e, vis).is_empty() {
            m.trusted(r#"<button type="button" class="btn small show-on-map" data-testid="event-show-on-map""#)
                .attr("data-event", &e.to_string())
                .end()
                .trusted(&glyph_svg(Glyph::Network))
                .open("span")
                .end()
                .text(t(lang, Key::ShowOnMap))
                .trusted(r#"</span><span class="visually-hidden">"#)
                .text(i18n::colon(lang))
                .text(&title)
                .trusted("</span></button>");
        }
        m.trusted("</div>");
    }
    if !ev.sources.is_empty() {
        markup::sources(m, "event-sources", &ev.sources, lang);
    }
    m.trusted("</div></article></li>");
}

/// The year group marked as "where the ecosystem stands": the last one
/// not after the `year` filter.
fn current_year(tl: &Timeline, year: Option<i64>) -> Option<i64> {
    year.and_then(|y| {
        tl.groups
            .iter()
            .filter_map(|g| g.year)
            .filter(|gy| *gy <= y)
            .max()
    })
}

/// What the years' markup is made of.
pub struct Years {
    pub dataset: Frozen<Dataset>,
    pub timeline: Rc<Option<Timeline>>,
    pub visible: Frozen<Visible>,
    pub lang: Lang,
    pub dark: bool,
    /// The `year` filter (the last group not after it is marked current).
    pub year: Option<i64>,
}

impl Years {
    /// Year group `g`'s item up to its (open) list of events; `current`:
    /// the year group marked current.
    fn head(&self, g: &timeline::YearGroup, current: Option<i64>) -> String {
        let lang = self.lang;
        let year = g.year.map(|y| y.to_string());
        let heading = year
            .clone()
            .unwrap_or_else(|| t(lang, Key::Undated).to_string());
        let id = format!("timeline-year-{}", year.as_deref().unwrap_or("none"));
        let class = if g.year.is_some() && g.year == current {
            "timeline-year current"
        } else {
            "timeline-year"
        };
        let mut m = Markup::with_capacity(256);
        m.open("li")
            .attr("data-testid", "timeline-year")
            .attr("data-year", year.as_deref().unwrap_or_default())
            .attr("class", class)
            .end()
            .open("h3")
            .attr("id", &id)
            .attr("class", "year-heading")
            .end()
            .text(&heading)
            .close("h3")
            .trusted(r#"<ol class="events" role="list""#)
            .attr("aria-labelledby", &id)
            .end();
        m.into_string()
    }

    /// Event `e`'s item.
    fn event(&self, tl: &Timeline, e: usize) -> String {
        let mut m = Markup::with_capacity(2048);
        event_markup(
            &mut m,
            &self.dataset.0,
            tl,
            &self.visible.0,
            e,
            self.lang,
            self.dark,
        );
        m.into_string()
    }

    /// The year groups and their events as markup (the items of
    /// `ol.timeline-years` once [`Years::fill`] has filled it).
    pub fn markup(&self) -> String {
        let Some(tl) = self.timeline.as_ref() else {
            return String::new();
        };
        let current = current_year(tl, self.year);
        let mut out = String::new();
        for g in &tl.groups {
            out.push_str(&self.head(g, current));
            for &e in &g.events {
                out.push_str(&self.event(tl, e));
            }
            out.push_str("</ol></li>");
        }
        out
    }

    /// Fills `list` (`ol.timeline-years`) with the year groups, one event
    /// at a time: each piece is a short string the browser parses in place.
    fn fill(&self, list: &web_sys::Element) {
        let Some(tl) = self.timeline.as_ref() else {
            return;
        };
        let current = current_year(tl, self.year);
        for g in &tl.groups {
            let mut head = self.head(g, current);
            head.push_str("</ol></li>");
            let _ = list.insert_adjacent_html("beforeend", &head);
            let Some(events) = list
                .last_element_child()
                .and_then(|li| li.last_element_child())
            else {
                continue;
            };
            for &e in &g.events {
                let _ = events.insert_adjacent_html("beforeend", &self.event(tl, e));
            }
        }
    }
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
    // The years' markup inputs; the list is filled in the browser when they change.
    let years: Option<Frozen<Years>> = {
        let tl = tl.clone();
        (*use_memo(
            (
                map.as_ref().map(|m| (m.dataset.clone(), m.lang, m.dark)),
                props.visible.clone(),
                props.year,
            ),
            move |(data, vis, year)| {
                let (dataset, lang, dark) = data.clone()?;
                Some(Frozen::new(Years {
                    dataset,
                    timeline: tl,
                    visible: vis.clone(),
                    lang,
                    dark,
                    year: *year,
                }))
            },
        ))
        .clone()
    };
    let list = use_node_ref();
    markup::use_fill(list.clone(), years, Years::fill);
    let (Some(map), Some(tl)) = (map, tl.as_ref().as_ref()) else {
        return Html::default();
    };
    let lang = map.lang;
    let vis = &*props.visible;
    let hidden = (0..tl.len()).filter(|&e| tl.all_hidden(e, vis)).count();

    // One listener for every event: an actor chip or "Voir sur la carte".
    let onclick = {
        let dispatch = map.dispatch.clone();
        let on_show = props.on_show.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(i) = markup::clicked(&e, "button[data-event]", "data-event") {
                on_show.emit(i);
            } else if let Some(a) =
                markup::clicked(&e, "button.actor-chip[data-index]", "data-index")
            {
                dispatch.emit(Action::SelectAt(Some(a)));
            }
        })
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
            <ol class="timeline-years" role="list" ref={list} {onclick}></ol>
        </section>
    }
}
