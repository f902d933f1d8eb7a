//! Links pinned to a dataset version (`v=`, product.md): what changed *for
//! this view* between the version a link was shared with and the one on
//! screen — the actors and links added and removed among the visible ones,
//! each side filtered with the same view.
//!
//! ```
//! use civicmap::model::format::validate::load;
//! use civicmap::model::network::filter::Filter;
//! use civicmap::model::view::versions::changes_for_view;
//! let old = load(br#"{"format":"civicmap/1","taxonomy":{"actor_types":[{"id":"t"}]},
//!   "actors":[{"id":"a","name":"A","type":"t"},{"id":"b","name":"B","type":"t"}],
//!   "links":[{"source":"a","target":"b","kind":"k"}]}"#).dataset.unwrap();
//! let new = load(br#"{"format":"civicmap/1","taxonomy":{"actor_types":[{"id":"t"}]},
//!   "actors":[{"id":"a","name":"A","type":"t"},{"id":"c","name":"C","type":"t"}],
//!   "links":[{"source":"a","target":"c","kind":"k"}]}"#).dataset.unwrap();
//! let c = changes_for_view(&old, &new, &Filter::default());
//! assert_eq!(c.added_actors, ["c"]);
//! assert_eq!(c.removed_actors, ["b"]);
//! assert_eq!(c.added_links.len(), 1);
//! assert_eq!(c.removed_links.len(), 1);
//! ```

use std::collections::BTreeMap;

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::{self, Filter, Visible};
use crate::model::network::graph::Graph;

/// A link as the notice names it: source, kind, target ids.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinkKey {
    pub source: String,
    pub kind: String,
    pub target: String,
}

/// What changed among the visible actors and links of one view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewChanges {
    /// Ids of actors visible now and absent from the old version, in the
    /// current dataset's order.
    pub added_actors: Vec<String>,
    /// Ids of actors visible in the old version and absent now, in the old
    /// dataset's order.
    pub removed_actors: Vec<String>,
    /// Links visible now beyond those of the old version (parallel links
    /// count one by one).
    pub added_links: Vec<LinkKey>,
    /// Links visible in the old version beyond those of the current one.
    pub removed_links: Vec<LinkKey>,
}

impl ViewChanges {
    /// Whether this view shows the same actors and links in both versions.
    pub fn is_empty(&self) -> bool {
        self.added_actors.is_empty()
            && self.removed_actors.is_empty()
            && self.added_links.is_empty()
            && self.removed_links.is_empty()
    }
}

fn visible_of(ds: &Dataset, f: &Filter) -> Visible {
    filter::visible(ds, &Graph::new(ds), f)
}

/// The visible links of `ds` as a multiset of keys.
fn link_counts(ds: &Dataset, vis: &Visible) -> BTreeMap<LinkKey, usize> {
    let mut out = BTreeMap::new();
    for (link, _) in ds.links.iter().zip(&vis.links).filter(|(_, &on)| on) {
        let key = LinkKey {
            source: link.source().to_string(),
            kind: link.kind().to_string(),
            target: link.target().to_string(),
        };
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

/// The keys of `a` beyond those of `b`, repeated as often as they exceed.
fn beyond(a: &BTreeMap<LinkKey, usize>, b: &BTreeMap<LinkKey, usize>) -> Vec<LinkKey> {
    let mut out = Vec::new();
    for (key, &n) in a {
        let m = b.get(key).copied().unwrap_or(0);
        for _ in m..n {
            out.push(key.clone());
        }
    }
    out
}

/// The changes of the view `f` from `old` to `new`. An actor whose id
/// exists in both versions is neither added nor removed, even if a filter
/// shows it in only one of them (the notice is about the data, not about
/// filters); its links are compared as they are visible on each side.
///
/// Complexity: O((A + L) log L) for each version.
#[inline(never)]
pub fn changes_for_view(old: &Dataset, new: &Dataset, f: &Filter) -> ViewChanges {
    let (vis_old, vis_new) = (visible_of(old, f), visible_of(new, f));
    let ids = |ds: &Dataset| -> std::collections::BTreeSet<String> {
        ds.actors.iter().map(|a| a.id().to_string()).collect()
    };
    let (ids_old, ids_new) = (ids(old), ids(new));
    let added_actors = new
        .actors
        .iter()
        .zip(&vis_new.actors)
        .filter(|(a, &on)| on && !ids_old.contains(a.id()))
        .map(|(a, _)| a.id().to_string())
        .collect();
    let removed_actors = old
        .actors
        .iter()
        .zip(&vis_old.actors)
        .filter(|(a, &on)| on && !ids_new.contains(a.id()))
        .map(|(a, _)| a.id().to_string())
        .collect();
    let (links_old, links_new) = (link_counts(old, &vis_old), link_counts(new, &vis_new));
    ViewChanges {
        added_actors,
        removed_actors,
        added_links: beyond(&links_new, &links_old),
        removed_links: beyond(&links_old, &links_new),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::default_dataset;

    #[test]
    fn the_same_data_changes_nothing() {
        let ds = default_dataset();
        assert!(changes_for_view(&ds, &ds, &Filter::default()).is_empty());
    }

    #[test]
    fn changes_are_those_of_the_view() {
        let new = default_dataset();
        let mut old = new.clone();
        // The old version lacked Décidim (and its links) and had one more link.
        let decidim = old.actors.iter().position(|a| a.id() == "decidim").unwrap();
        old.actors.remove(decidim);
        old.links
            .retain(|l| l.source() != "decidim" && l.target() != "decidim");
        let extra = old.links[0].clone();
        old.links.push(extra.clone());
        let all = changes_for_view(&old, &new, &Filter::default());
        assert_eq!(all.added_actors, ["decidim"]);
        assert!(all.removed_actors.is_empty());
        let decidim_links = new
            .links
            .iter()
            .filter(|l| l.source() == "decidim" || l.target() == "decidim")
            .count();
        assert_eq!(all.added_links.len(), decidim_links);
        assert_eq!(all.removed_links.len(), 1);
        assert_eq!(all.removed_links[0].source, extra.source());
        // A view of local authorities only: Décidim (a platform) is not in it.
        let f = Filter {
            types: vec!["local-authority".into()],
            ..Filter::default()
        };
        let view = changes_for_view(&old, &new, &f);
        assert!(view.added_actors.is_empty());
        assert!(view
            .added_links
            .iter()
            .all(|k| k.source != "decidim" && k.target != "decidim"));
    }
}
