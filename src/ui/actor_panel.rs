//! The actor card: who the selected actor is (names, type, objectives,
//! ecosystems, dates, country, description, website, sources) and its
//! visible links grouped by kind and direction, each neighbour a button
//! that selects it; plus the neighbourhood (depth) select. Reads the
//! language, theme, dataset, graph and dispatch from the map context.
//!
//! All dataset text is rendered as text nodes (Yew escapes it); links are
//! only made from `http(s)` URLs.

use yew::prelude::*;

use super::context::use_map;
use super::i18n::{self, t, Key};
use super::icons::{glyph, shape_icon, Glyph};
use super::markup::{self, Markup};
use super::path_view::PathPicker;
use super::store::Frozen;
use super::versions::SuggestLink;
use crate::model::network::filter::Visible;
use crate::model::view::lookup;
use crate::model::view::neighbours::link_groups;
use crate::model::view::state::Action;

#[derive(Properties, PartialEq)]
pub struct ActorPanelProps {
    pub visible: Frozen<Visible>,
    /// Index of the actor in `dataset.actors`.
    pub actor: usize,
    pub depth: Option<u8>,
    /// Select another actor (its index in `dataset.actors`) or close
    /// (`None`; the app root gives the focus back).
    pub on_select: Callback<Option<usize>>,
}

/// The actor card.
#[function_component(ActorPanel)]
pub fn actor_panel(props: &ActorPanelProps) -> Html {
    let Some(map) = use_map() else {
        return Html::default();
    };
    let (ds, lang, dark) = (&*map.dataset, map.lang, map.dark);
    let code = i18n::code(lang);
    let Some(actor) = ds.actors.get(props.actor) else {
        return Html::default();
    };
    let (color, shape) = lookup::type_style(ds, actor.actor_type(), dark);
    let type_label = lookup::type_label(ds, actor.actor_type(), lang);
    let tax = &ds.taxonomy;

    let close = {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(None))
    };
    let onkeydown = {
        let cb = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                cb.emit(None)
            }
        })
    };
    let on_depth = {
        let dispatch = map.dispatch.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            dispatch.emit(Action::SetDepth(
                sel.value()
                    .parse::<u8>()
                    .ok()
                    .filter(|d| (1..=3).contains(d)),
            ));
        })
    };
    let depth_value = props.depth.map(|d| d.to_string()).unwrap_or_default();

    let chips = |ids: &[String], list: Option<&[crate::model::format::dataset::Term]>| -> Html {
        html! {
            <ul class="chips" role="list">
                { for ids.iter().map(|id| html! { <li class="chip">{ lookup::term_label(list, id, lang) }</li> }) }
            </ul>
        }
    };

    let (groups, hidden) = link_groups(ds, &map.graph, &props.visible, props.actor, lang);
    let link_count: usize = groups.iter().map(|g| g.items.len()).sum();

    // The links as markup (a neighbour is a button with `data-index`, read
    // by one delegated listener).
    let groups_view = {
        let mut m = Markup::with_capacity(512 + link_count * 500);
        for grp in &groups {
            m.trusted(r#"<section class="link-group"><h4>"#)
                .text(&grp.label)
                .trusted(r#"</h4><ul role="list">"#);
            for &(n, l) in &grp.items {
                let Some(other) = ds.actors.get(n) else {
                    continue;
                };
                let link = ds.links.get(l);
                let (c, s) = lookup::type_style(ds, other.actor_type(), dark);
                m.trusted(r#"<li class="link-item"><button type="button" class="neighbour" data-testid="neighbour""#)
                    .attr("data-actor-id", other.id())
                    .attr("data-index", &n.to_string())
                    .end();
                markup::chip_body(&mut m, s, &c, other.name(), None);
                m.close("button");
                if let Some(y) = link.and_then(|l| i18n::link_years(lang, l.since, l.until)) {
                    m.trusted(r#"<span class="years">"#).text(&y).close("span");
                }
                if let Some(d) = link
                    .and_then(|l| l.description.as_ref())
                    .map(|d| d.get(code))
                    .filter(|d| !d.is_empty())
                {
                    m.trusted(r#"<p class="link-desc">"#).text(d).close("p");
                }
                let sources = link.map(|l| l.sources.as_slice()).unwrap_or_default();
                if !sources.is_empty() {
                    markup::sources(&mut m, "link-sources", sources, lang);
                }
                m.close("li");
            }
            m.trusted("</ul></section>");
        }
        Html::from_html_unchecked(m.into_string().into())
    };
    let on_neighbour = {
        let cb = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(n) = markup::clicked(&e, "button.neighbour[data-index]", "data-index") {
                cb.emit(Some(n));
            }
        })
    };

    let website = actor
        .website
        .as_deref()
        .and_then(lookup::safe_href)
        .map(str::to_string);
    let description = actor
        .description
        .as_ref()
        .map(|d| d.get(code).to_string())
        .filter(|d| !d.is_empty());

    html! {
        <aside class="actor-panel panel" data-testid="actor-panel" data-actor-id={actor.id().to_string()}
               aria-labelledby="actor-name" tabindex="-1" {onkeydown}>
            <div class="panel-head actor-head">
                <span class="type-chip">
                    { shape_icon(shape, &color) }
                    <span>{ type_label }</span>
                </span>
                <button type="button" class="icon-btn" data-testid="actor-panel-close"
                        aria-label={t(lang, Key::CloseActor)} title={t(lang, Key::CloseActor)} onclick={close}>
                    { glyph(Glyph::Close) }
                </button>
            </div>
            <div class="panel-body">
                <h2 id="actor-name" class="actor-name">{ actor.name() }</h2>
                if !actor.aliases.is_empty() {
                    <p class="aliases">
                        <span class="muted">{ t(lang, Key::Aliases) }{ i18n::colon(lang) }</span>
                        { actor.aliases.join(", ") }
                    </p>
                }
                if let Some(d) = description { <p class="description">{ d }</p> }
                <dl class="facts">
                    if !actor.objectives.is_empty() {
                        <div><dt>{ t(lang, Key::Objectives) }</dt><dd>{ chips(&actor.objectives, tax.objectives.as_deref()) }</dd></div>
                    }
                    if !actor.ecosystems.is_empty() {
                        <div><dt>{ t(lang, Key::Ecosystems) }</dt><dd>{ chips(&actor.ecosystems, tax.ecosystems.as_deref()) }</dd></div>
                    }
                    if let Some(y) = actor.founded {
                        <div><dt>{ t(lang, Key::Founded) }</dt><dd>{ y }</dd></div>
                    }
                    if let Some(y) = actor.dissolved {
                        <div><dt>{ t(lang, Key::Dissolved) }</dt><dd>{ y }</dd></div>
                    }
                    if let Some(c) = actor.country.as_deref() {
                        <div><dt>{ t(lang, Key::Country) }</dt><dd>{ c }</dd></div>
                    }
                    if let Some(w) = website {
                        <div><dt>{ t(lang, Key::Website) }</dt><dd>
                            <a href={w.clone()} target="_blank" rel="noopener noreferrer" class="external">
                                { lookup::host(&w).to_string() }
                                { glyph(Glyph::External) }
                            </a>
                        </dd></div>
                    }
                </dl>
                <div class="depth">
                    <label for="depth-select">{ t(lang, Key::Depth) }</label>
                    <select id="depth-select" data-testid="depth-select" onchange={on_depth}>
                        <option value="" selected={props.depth.is_none()}>{ t(lang, Key::DepthAll) }</option>
                        { for (1u8..=3).map(|d| html! {
                            <option value={d.to_string()} selected={depth_value == d.to_string()}>
                                { i18n::depth_option(lang, d) }
                            </option>
                        }) }
                    </select>
                </div>
                <PathPicker actor={props.actor} visible={props.visible.clone()} />
                <section class="links" aria-labelledby="links-title">
                    <h3 id="links-title">{ t(lang, Key::Links) }{ " " }<span class="count">{ link_count }</span></h3>
                    if groups.is_empty() { <p class="muted">{ t(lang, Key::NoLinks) }</p> }
                    <div class="link-groups" onclick={on_neighbour}>{ groups_view }</div>
                    if hidden > 0 { <p class="muted small">{ i18n::hidden_links(lang, hidden) }</p> }
                </section>
                if !actor.sources.is_empty() {
                    <section class="sources" aria-labelledby="sources-title">
                        <h3 id="sources-title">{ t(lang, Key::Sources) }</h3>
                        { {
                            let mut m = Markup::with_capacity(256 * actor.sources.len());
                            m.trusted(r#"<ul role="list">"#);
                            for src in &actor.sources {
                                m.trusted("<li>");
                                markup::source(&mut m, src, lang);
                                m.trusted("</li>");
                            }
                            m.trusted("</ul>");
                            Html::from_html_unchecked(m.into_string().into())
                        } }
                    </section>
                }
                <SuggestLink actor={AttrValue::from(actor.id().to_string())} />
            </div>
        </aside>
    }
}
