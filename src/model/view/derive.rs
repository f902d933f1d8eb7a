//! What the app shows that is computed from its state and dataset, memoized
//! the way the app root's `use_derived` hook keeps it across renders: one
//! filter pass (`filter::shown`: the visible set, the facet counts and the
//! search pool together) per change of the dataset or the filter, and one
//! canonical `url::encode` per change of the state, reused by the address
//! bar, the host's `civicmap:state` message, the share button and the
//! skip link. Pure: the hook only holds a [`Derivation`].

use std::rc::Rc;

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::{self, FacetCounts, Filter, Visible};
use crate::model::network::graph::Graph;
use crate::model::network::search;
use crate::model::view::state::{AppState, Lang};
use crate::model::view::url;

/// How many suggestions the search box lists.
pub const SUGGESTIONS: usize = 8;

/// What one filter shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filtered {
    pub visible: Rc<Visible>,
    pub counts: Rc<FacetCounts>,
    /// Search suggestions (actor indices), only among the actors the other
    /// filters keep (else picking one would select a hidden actor).
    pub suggestions: Rc<Vec<usize>>,
    /// The selected actor's index, when the filters show it.
    pub selected: Option<usize>,
}

/// The state's addresses (query strings without `?`), from one encoding.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Addresses {
    /// The shareable view (embed mode left out): the host's
    /// `civicmap:state`, the share button, the full map's link.
    pub shared: Rc<str>,
    /// The page's own address: `shared`, plus `embed=1` in embed mode.
    pub page: Rc<str>,
    /// The same view as a list (the skip link and the map's text version).
    pub list: Rc<str>,
}

/// The memo: recomputes only what a change touches.
#[derive(Debug, Default)]
pub struct Derivation {
    filtered_for: Option<(u32, Filter)>,
    filtered: Filtered,
    addresses_for: Option<AppState>,
    addresses: Addresses,
}

impl Derivation {
    /// What `f` shows of the dataset of `generation` (`data`: the dataset
    /// and its graph, `None` while none is loaded).
    pub fn filtered(
        &mut self,
        generation: u32,
        data: Option<(&Dataset, &Graph)>,
        f: &Filter,
    ) -> Filtered {
        let fresh = self
            .filtered_for
            .as_ref()
            .is_some_and(|(g, k)| *g == generation && k == f);
        if !fresh {
            let mut next = filtered(data, f);
            // What shows the same keeps its `Rc` (a selection without
            // `depth`, a search that keeps the same actors): the memos and
            // the measures keyed on it stay, and so does the list's body.
            if self
                .filtered_for
                .as_ref()
                .is_some_and(|(g, _)| *g == generation)
            {
                if next.visible == self.filtered.visible {
                    next.visible = Rc::clone(&self.filtered.visible);
                }
                if next.counts == self.filtered.counts {
                    next.counts = Rc::clone(&self.filtered.counts);
                }
            }
            self.filtered = next;
            self.filtered_for = Some((generation, f.clone()));
        }
        self.filtered.clone()
    }

    /// The addresses of `state`.
    pub fn addresses(&mut self, state: &AppState) -> Addresses {
        if self.addresses_for.as_ref() != Some(state) {
            self.addresses = addresses(state);
            self.addresses_for = Some(state.clone());
        }
        self.addresses.clone()
    }
}

/// What `f` shows: one filter pass.
fn filtered(data: Option<(&Dataset, &Graph)>, f: &Filter) -> Filtered {
    let Some((ds, g)) = data else {
        return Filtered::default();
    };
    let (visible, counts, uncut) = filter::shown(ds, g, f);
    let suggestions = if f.q.trim().is_empty() {
        Vec::new()
    } else {
        search::suggestions(ds, &f.q, SUGGESTIONS * 4)
            .into_iter()
            .filter(|i| uncut.get(*i).copied().unwrap_or(false))
            .take(SUGGESTIONS)
            .collect()
    };
    let selected = f
        .actor
        .as_deref()
        .and_then(|id| g.actor(id))
        .filter(|i| visible.actors.get(*i).copied().unwrap_or(false));
    Filtered {
        visible: Rc::new(visible),
        counts: Rc::new(counts),
        suggestions: Rc::new(suggestions),
        selected,
    }
}

/// The addresses of `state`: one encoding, the others derived from it.
fn addresses(state: &AppState) -> Addresses {
    let shared = url::encode(&AppState {
        embed: false,
        ..state.clone()
    });
    let page = if state.embed {
        with_param(&shared, "embed", "1")
    } else {
        shared.clone()
    };
    let list = with_param(&shared, "view", "list");
    Addresses {
        shared: shared.into(),
        page: page.into(),
        list: list.into(),
    }
}

/// The parameters `url::encode` writes, in its (canonical) order.
const ORDER: [&str; 15] = [
    "type",
    "objective",
    "ecosystem",
    "link",
    "year",
    "q",
    "stake",
    "actor",
    "depth",
    "path",
    "view",
    "lang",
    "theme",
    "embed",
    "data",
];

/// A canonical query with `key=value` set, in its canonical place (values
/// are escaped by `encode`, so `&` only separates parameters).
fn with_param(query: &str, key: &str, value: &str) -> String {
    let rank = |k: &str| ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len());
    let mut parts: Vec<(&str, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| (p.split('=').next().unwrap_or(p), p.to_string()))
        .filter(|(k, _)| *k != key)
        .collect();
    let at = parts
        .iter()
        .position(|(k, _)| rank(k) > rank(key))
        .unwrap_or(parts.len());
    parts.insert(at, (key, format!("{key}={value}")));
    parts
        .into_iter()
        .map(|(_, p)| p)
        .collect::<Vec<_>>()
        .join("&")
}

/// The page title's dataset part: the dataset's title in `lang` (French
/// when missing), if it has a non-empty one.
pub fn dataset_title(ds: Option<&Dataset>, lang: Lang) -> Option<String> {
    ds.and_then(|d| d.meta.title.as_ref())
        .map(|t| t.get(lang.code()).to_string())
        .filter(|s| !s.is_empty())
}

/// The actors of the event `event` that the filters show (what "show on
/// the map" highlights), in dataset order.
pub fn event_actors(ds: &Dataset, visible: &Visible, event: usize) -> Vec<usize> {
    let actors = ds
        .events
        .get(event)
        .map(|ev| ev.actors.as_slice())
        .unwrap_or_default();
    ds.actors
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            visible.actors.get(*i).copied().unwrap_or(false) && actors.iter().any(|x| x == a.id())
        })
        .map(|(i, _)| i)
        .collect()
}

/// The title of the event `event` in `lang` (else its id, when it has no
/// title or an empty one), for the map's highlight banner and the growth
/// chart's ticks and table.
pub fn event_title(ds: &Dataset, event: usize, lang: Lang) -> String {
    ds.events
        .get(event)
        .and_then(|ev| {
            ev.title
                .as_ref()
                .map(|x| x.get(lang.code()).to_string())
                .filter(|s| !s.is_empty())
                .or_else(|| ev.id.clone())
        })
        .unwrap_or_default()
}

/// The number of active filter values (the filters button's badge).
pub fn active_filters(f: &Filter) -> usize {
    f.types.len()
        + f.objectives.len()
        + f.ecosystems.len()
        + f.links.len()
        + usize::from(f.year.is_some())
        + usize::from(f.stake.is_some())
}

#[cfg(test)]
mod tests;
