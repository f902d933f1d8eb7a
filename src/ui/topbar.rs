//! The page header of the full map (not shown in embed mode): the brand and
//! title, the search box, and the actions — filters, language, share,
//! embed, about. Reads the language and the dispatch from the map context.

use yew::prelude::*;

use super::chrome::ShareButton;
use super::context::use_map;
use super::i18n::{t, Key};
use super::icons::{glyph, Glyph};
use crate::model::view::state::{Action, Lang};

#[derive(Properties, PartialEq)]
pub struct TopbarProps {
    pub title: AttrValue,
    /// The dataset's attribution, under the title.
    pub subtitle: Option<AttrValue>,
    /// The search box.
    pub search: Html,
    pub filters_open: bool,
    /// Active filter values (the filters button's badge).
    pub badge: usize,
    pub permalink: AttrValue,
    pub on_filters: Callback<MouseEvent>,
    pub on_embed: Callback<MouseEvent>,
    pub on_about: Callback<MouseEvent>,
    /// The "Exporter" menu.
    #[prop_or_default]
    pub exporter: Html,
}

/// The header.
#[function_component(Topbar)]
pub fn topbar(props: &TopbarProps) -> Html {
    let map = use_map();
    let lang = map.as_ref().map(|m| m.lang).unwrap_or_default();
    let (other, next) = match lang {
        Lang::Fr => ("en", Lang::En),
        Lang::En => ("fr", Lang::Fr),
    };
    let switch_lang = {
        let dispatch = map.map(|m| m.dispatch);
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &dispatch {
                d.emit(Action::SetLang(next));
            }
        })
    };
    html! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">
                    <svg viewBox="0 0 32 32" width="28" height="28">
                        <path d="M9 10L22 8M9 10l4 13M22 8l-9 15M22 8l3 13M13 23l12-2" stroke="currentColor" stroke-width="1.6" fill="none" opacity="0.55"/>
                        <circle cx="9" cy="10" r="4" fill="var(--accent)"/>
                        <rect x="19" y="5" width="6" height="6" rx="1" fill="var(--accent-2)"/>
                        <polygon points="13,18.5 17.5,26 8.5,26" fill="var(--accent-3)"/>
                        <circle cx="25" cy="21" r="3" fill="var(--accent-2)"/>
                    </svg>
                </span>
                <div class="titles">
                    <h1>{ props.title.clone() }</h1>
                    if let Some(a) = props.subtitle.clone() {
                        <p class="subtitle">{ a }</p>
                    }
                </div>
            </div>
            { props.search.clone() }
            <nav class="actions" aria-label={t(lang, Key::Map)}>
                <button type="button" class="btn ghost filters-toggle" data-testid="filters-toggle"
                        aria-controls="filter-panel" aria-expanded={if props.filters_open { "true" } else { "false" }}
                        onclick={props.on_filters.clone()} title={t(lang, Key::Filters)}>
                    { glyph(Glyph::Filter) }
                    <span class="btn-text">{ t(lang, Key::Filters) }</span>
                    if props.badge > 0 { <span class="badge">{ props.badge }</span> }
                </button>
                <button type="button" class="btn ghost" data-testid="lang-switch" lang={other}
                        title={t(lang, Key::SwitchLangLabel)}
                        onclick={switch_lang}>
                    { glyph(Glyph::Globe) }
                    <span class="btn-text">{ t(lang, Key::SwitchLang) }</span>
                    <span class="btn-short" aria-hidden="true">{ other.to_ascii_uppercase() }</span>
                </button>
                { props.exporter.clone() }
                <ShareButton permalink={props.permalink.clone()} />
                <button type="button" class="btn ghost less-used" data-testid="embed-button" onclick={props.on_embed.clone()}
                        aria-haspopup="dialog" title={t(lang, Key::EmbedTitle)}>
                    { glyph(Glyph::Code) }
                    <span class="btn-text">{ t(lang, Key::Embed) }</span>
                </button>
                <button type="button" class="btn ghost less-used" data-testid="about-button" onclick={props.on_about.clone()}
                        title={t(lang, Key::About)}>
                    { glyph(Glyph::Info) }
                    <span class="btn-text">{ t(lang, Key::About) }</span>
                </button>
            </nav>
        </header>
    }
}
