//! An actor's neighbours as the actor card and the list view's summary
//! show them: its visible links grouped by kind and direction.

use petgraph::Direction;

use crate::model::format::dataset::Dataset;
use crate::model::network::filter::Visible;
use crate::model::network::graph::Graph;
use crate::model::view::state::Lang;

/// One group of links: a kind read in one direction.
pub struct Group {
    /// The kind's label read from the actor (`label`, or `inverse_label`
    /// for incoming links of a directed kind), in the current language.
    pub label: String,
    /// `(neighbour index, link index)`, visible links only.
    pub items: Vec<(usize, usize)>,
}

/// The visible links of `actor` grouped by kind and direction (taxonomy
/// order, empty groups left out), and how many of its links are hidden.
/// Shared by the actor card and the list view's summary.
pub fn link_groups(
    ds: &Dataset,
    g: &Graph,
    vis: &Visible,
    actor: usize,
    lang: Lang,
) -> (Vec<Group>, usize) {
    let code = lang.code();
    let shown = |v: Vec<(usize, usize)>| -> (Vec<(usize, usize)>, usize) {
        let total = v.len();
        let kept: Vec<_> = v
            .into_iter()
            .filter(|(_, l)| vis.links.get(*l).copied().unwrap_or(false))
            .collect();
        let hidden = total - kept.len();
        (kept, hidden)
    };
    let mut groups = Vec::new();
    let mut hidden = 0;
    for kind in ds.taxonomy.link_kinds.as_deref().unwrap_or_default() {
        let id = kind.id.as_str();
        let label = kind
            .label
            .as_ref()
            .map(|l| l.get(code).to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| id.to_string());
        let out = g.neighbours(ds, actor, Direction::Outgoing, Some(id));
        let inc = g.neighbours(ds, actor, Direction::Incoming, Some(id));
        if kind.directed == Some(false) {
            let mut both = out;
            both.extend(inc.into_iter().filter(|(n, _)| *n != actor));
            both.sort_by_key(|(_, l)| *l);
            both.dedup_by_key(|(_, l)| *l);
            let (items, h) = shown(both);
            hidden += h;
            groups.push(Group { label, items });
        } else {
            let inverse = kind
                .inverse_label
                .as_ref()
                .map(|l| l.get(code).to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| format!("← {label}"));
            let (items, h) = shown(out);
            hidden += h;
            groups.push(Group { label, items });
            let (items, h) = shown(inc);
            hidden += h;
            groups.push(Group {
                label: inverse,
                items,
            });
        }
    }
    groups.retain(|g| !g.items.is_empty());
    (groups, hidden)
}
