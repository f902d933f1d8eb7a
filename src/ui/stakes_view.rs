//! The stakes view (`view=stakes`): the dataset's stakes in groups by
//! category (technical, economic, political, then others), each with its
//! title, description and sources, its actors as chips that select them,
//! and a toggle that sets the `stake` filter (only its actors on the map
//! and in the list). [`ActiveStake`] shows the active stake filter with a
//! way to remove it, whatever the view.
//!
//! Dataset text is rendered as text; sources are links only for `http(s)`
//! URLs (`noopener noreferrer`), through `markup::sources`.
//! Both components read the language, theme, dataset, graph and dispatch
//! from the map context; a chip selects its actor by index.

use yew::prelude::*;

use super::context::use_map;
use super::i18n::{self, t, Key};
use super::icons::{glyph, Glyph};
use super::markup::{self, Markup};
use crate::model::network::filter::{self, Filter};
use crate::model::view::lookup;
use crate::model::view::stakes;
use crate::model::view::state::{Action, View};

#[derive(Properties, PartialEq)]
pub struct StakesViewProps {
    /// The current filter (the active stake; which actors can be selected).
    pub filter: Filter,
    pub selected: Option<usize>,
}

/// The stakes view.
#[function_component(StakesView)]
pub fn stakes_view(props: &StakesViewProps) -> Html {
    // The selected actor's chips are marked in place after every render,
    // so choosing one never rebuilds the chips under the focus.
    let root = use_node_ref();
    {
        let root = root.clone();
        let selected = props.selected;
        use_effect(move || {
            if let Some(el) = root.cast::<web_sys::Element>() {
                markup::mark_current(&el, "button.actor-chip", "current", None, selected);
            }
        });
    }
    let Some(map) = use_map() else {
        return Html::default();
    };
    let (ds, g, lang, dark) = (&*map.dataset, &*map.graph, map.lang, map.dark);
    let code = i18n::code(lang);
    let f = &props.filter;
    let groups = stakes::groups(ds);

    let stake_card = |i: usize| -> Html {
        let Some(stake) = ds.stakes.get(i) else {
            return Html::default();
        };
        let id = stake.id.clone().unwrap_or_default();
        let title = lookup::stake_title(ds, &id, lang);
        let description = stake
            .description
            .as_ref()
            .map(|d| d.get(code).to_string())
            .filter(|d| !d.is_empty());
        let active = f.stake.as_deref() == Some(id.as_str());
        let toggle = {
            let d = map.dispatch.clone();
            let next = (!active).then(|| id.clone());
            Callback::from(move |_: MouseEvent| d.emit(Action::SetStake(next.clone())))
        };
        let title_id = format!("stake-{id}-title");
        let members = stakes::actors(ds, g, i);
        // The chips as markup (a visible actor is a button with
        // `data-index`; the selected one is marked in place after render).
        let chips = {
            let mut m = Markup::with_capacity(members.len() * 450);
            for &a in &members {
                if filter::passes(ds, f, a) {
                    m.trusted("<li>");
                    markup::chip_button(&mut m, ds, dark, a, "stake-actor");
                    m.trusted("</li>");
                } else if let Some(actor) = ds.actors.get(a) {
                    let (color, shape) = lookup::type_style(ds, actor.actor_type(), dark);
                    let hidden = t(lang, Key::HiddenByFilters);
                    m.trusted(r#"<li><span class="actor-chip hidden-actor" data-testid="stake-actor-hidden""#)
                        .attr("data-actor-id", actor.id())
                        .attr("title", hidden)
                        .end();
                    markup::chip_body(&mut m, shape, &color, actor.name(), Some(hidden));
                    m.trusted("</span></li>");
                }
            }
            Html::from_html_unchecked(m.into_string().into())
        };
        let show_map = {
            let d = map.dispatch.clone();
            Callback::from(move |_: MouseEvent| d.emit(Action::SetView(View::Graph)))
        };
        html! {
            <li class={classes!("stake-card", active.then_some("active"))} data-testid="stake"
                data-stake-id={id.clone()} aria-labelledby={title_id.clone()}>
                <h4 id={title_id} class="stake-title">{ title.clone() }</h4>
                if let Some(d) = description { <p class="stake-desc">{ d }</p> }
                if !members.is_empty() {
                    <p class="stake-sub">{ t(lang, Key::StakeActors) }{ " " }<span class="count">{ members.len() }</span></p>
                    <ul class="actor-chips" role="list">{ chips }</ul>
                }
                if !stake.sources.is_empty() {
                    { {
                        let mut m = Markup::with_capacity(512);
                        markup::sources(&mut m, "stake-sources", &stake.sources, lang);
                        Html::from_html_unchecked(m.into_string().into())
                    } }
                }
                <div class="stake-actions">
                    <button type="button" class={classes!("btn", "small", active.then_some("primary"))}
                            data-testid="stake-choose" aria-pressed={if active { "true" } else { "false" }}
                            onclick={toggle}>
                        if active { { glyph(Glyph::Check) } } else { { glyph(Glyph::Filter) } }
                        { t(lang, Key::StakeFilter) }
                        <span class="visually-hidden">{ " — " }{ title.clone() }</span>
                    </button>
                    if active {
                        <button type="button" class="btn small ghost" data-testid="stake-show-map" onclick={show_map}>
                            { t(lang, Key::ShowOnMap) }
                            <span class="visually-hidden">{ " — " }{ title.clone() }</span>
                        </button>
                    }
                </div>
            </li>
        }
    };

    let onclick = markup::selects("button.actor-chip[data-index]", &map.dispatch);

    html! {
        <section class="stakes-view view-pane" data-testid="stakes-view" aria-labelledby="stakes-title"
                 ref={root} {onclick}>
            <h2 id="stakes-title" class="view-title">{ t(lang, Key::StakesTitle) }</h2>
            <p class="view-intro">{ t(lang, Key::StakesIntro) }</p>
            if groups.is_empty() {
                <div class="view-empty"><p>{ t(lang, Key::NoStakes) }</p></div>
            }
            { for groups.iter().map(|grp| {
                let cat = grp.category.clone().unwrap_or_default();
                let heading_id = format!("stakes-group-{}", if cat.is_empty() { "other".to_string() } else { cat.replace(|c: char| !c.is_ascii_alphanumeric(), "-") });
                html! {
                    <section class="stake-group" data-testid="stake-group" data-category={cat}
                             aria-labelledby={heading_id.clone()}>
                        <h3 id={heading_id}>
                            { i18n::stake_category(lang, grp.category.as_deref()) }
                            <span class="count">{ grp.stakes.len() }</span>
                        </h3>
                        <ul class="stake-list" role="list">
                            { for grp.stakes.iter().map(|&i| stake_card(i)) }
                        </ul>
                    </section>
                }
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ActiveStakeProps {
    pub stake: AttrValue,
}

/// "Enjeu : <title> ×": the active stake filter, with its remove button.
#[function_component(ActiveStake)]
pub fn active_stake(props: &ActiveStakeProps) -> Html {
    let Some(map) = use_map() else {
        return Html::default();
    };
    let lang = map.lang;
    let title = lookup::stake_title(&map.dataset, &props.stake, lang);
    let d = map.dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| d.emit(Action::SetStake(None)));
    html! {
        <p class="active-stake" data-testid="active-stake" data-stake-id={props.stake.clone()}>
            <span class="active-stake-text">{ i18n::active_stake(lang, &title) }</span>
            <button type="button" class="icon-btn" data-testid="active-stake-clear"
                    aria-label={t(lang, Key::StakeClear)} title={t(lang, Key::StakeClear)} {onclick}>
                { glyph(Glyph::Close) }
            </button>
        </p>
    }
}
