//! Names and colours for groups a person can read: each community is named
//! after its most central member ("autour de Décidim" / "around Décidim";
//! the UI writes the words, this module picks the member), and groups
//! (objectives, ecosystems, communities) get a deterministic,
//! colour-blind-safe palette that folds the smallest groups into "others"
//! beyond what stays distinguishable.
//!
//! The palette is Okabe & Ito's (2008) eight colours without black, which
//! stay distinct for the common colour-vision deficiencies, plus a neutral
//! grey for "others": at most [`MAX_COLOURS`] groups get a colour of their
//! own. Shapes keep telling actor types apart.
//!
//! ```
//! use civicmap::model::network::communities::{palette, Swatch, OTHERS};
//! // Nine groups: the seven largest keep a colour, the two smallest fold.
//! let sizes = [50, 3, 40, 30, 20, 10, 9, 8, 2];
//! let p = palette(&sizes);
//! assert_eq!(p[0], Swatch::Colour(0));
//! assert_eq!(p[1], Swatch::Others);
//! assert_eq!(p[8], Swatch::Others);
//! assert_eq!(p[2].hex(), "#56B4E9");
//! assert_eq!(p[1].hex(), OTHERS);
//! ```

/// Okabe & Ito's colour-blind-safe palette without black, in order.
pub const OKABE_ITO: [&str; 7] = [
    "#E69F00", // orange
    "#56B4E9", // sky blue
    "#009E73", // bluish green
    "#F0E442", // yellow
    "#0072B2", // blue
    "#D55E00", // vermillion
    "#CC79A7", // reddish purple
];

/// The colour of the folded groups ("autres" / "others").
pub const OTHERS: &str = "#999999";

/// How many groups get a colour of their own.
pub const MAX_COLOURS: usize = OKABE_ITO.len();

/// The colour of one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    /// A colour of its own: the index in [`OKABE_ITO`].
    Colour(usize),
    /// Folded into "others".
    Others,
}

impl Swatch {
    /// The colour as `#RRGGBB`.
    pub fn hex(self) -> &'static str {
        match self {
            Swatch::Colour(i) => OKABE_ITO.get(i).copied().unwrap_or(OTHERS),
            Swatch::Others => OTHERS,
        }
    }
}

/// A colour for each group, given the groups' sizes in their display order
/// (taxonomy order, or community number): when there are more than
/// [`MAX_COLOURS`] groups, only the largest keep a colour (ties: the
/// earlier group) and the others fold into [`Swatch::Others`]. Kept groups
/// take the palette's colours in display order, so a group's colour does
/// not depend on the sizes of the others as long as the same groups are
/// kept. Empty groups fold too when others need the room.
///
/// Complexity: O(k log k) for k groups.
///
/// ```
/// use civicmap::model::network::communities::{palette, Swatch};
/// assert_eq!(palette(&[5, 1, 3]), vec![Swatch::Colour(0), Swatch::Colour(1), Swatch::Colour(2)]);
/// ```
pub fn palette(sizes: &[usize]) -> Vec<Swatch> {
    let mut kept = vec![true; sizes.len()];
    if sizes.len() > MAX_COLOURS {
        let mut by_size: Vec<usize> = (0..sizes.len()).collect();
        let size = |i: usize| sizes.get(i).copied().unwrap_or(0);
        crate::model::order::sort_indices(&mut by_size, &|a, b| {
            size(b).cmp(&size(a)).then(a.cmp(&b))
        });
        for &i in by_size.iter().skip(MAX_COLOURS) {
            if let Some(k) = kept.get_mut(i) {
                *k = false;
            }
        }
    }
    let mut next = 0;
    kept.iter()
        .map(|&k| {
            if k {
                next += 1;
                Swatch::Colour(next - 1)
            } else {
                Swatch::Others
            }
        })
        .collect()
}

/// The member after which each community is named: its most central
/// member by `score` (e.g. degree or PageRank, indexed by node), ties to
/// the lowest node. `membership[v]` is the community of node `v` (numbered
/// `0..count`); the result, indexed by community, holds node numbers.
/// A community without members (none, when the numbering is dense) gets
/// `None`.
///
/// Complexity: O(n).
///
/// ```
/// use civicmap::model::network::communities::leaders;
/// // Nodes 0–2 in community 0, 3–4 in community 1: node 1 leads the
/// // first; nodes 3 and 4 tie, the lower leads.
/// let membership = [0, 0, 0, 1, 1];
/// let degree = [1.0, 2.0, 1.0, 1.0, 1.0];
/// assert_eq!(leaders(&membership, 2, &degree), vec![Some(1), Some(3)]);
/// ```
pub fn leaders(membership: &[usize], count: usize, score: &[f64]) -> Vec<Option<usize>> {
    let mut best: Vec<Option<(usize, f64)>> = vec![None; count];
    for (v, &c) in membership.iter().enumerate() {
        let s = score.get(v).copied().unwrap_or(0.0);
        if let Some(slot) = best.get_mut(c) {
            let better = match slot {
                None => true,
                Some((_, b)) => s.total_cmp(b).is_gt(),
            };
            if better {
                *slot = Some((v, s));
            }
        }
    }
    best.into_iter().map(|b| b.map(|(v, _)| v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_to_seven_groups_keep_their_colour_in_order() {
        for k in 0..=MAX_COLOURS {
            let p = palette(&vec![1; k]);
            assert_eq!(p, (0..k).map(Swatch::Colour).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_smallest_fold_and_ties_keep_the_earlier() {
        let p = palette(&[1, 1, 1, 1, 1, 1, 1, 1]);
        assert_eq!(p[7], Swatch::Others);
        assert_eq!(p.iter().filter(|s| **s == Swatch::Others).count(), 1);
        let p = palette(&[0, 9, 9, 9, 9, 9, 9, 9, 5]);
        assert_eq!(p[0], Swatch::Others);
        assert_eq!(p[8], Swatch::Others);
        assert_eq!(p[1], Swatch::Colour(0));
    }

    #[test]
    fn colours_are_distinct_and_others_is_not_one_of_them() {
        let mut all: Vec<&str> = OKABE_ITO.to_vec();
        all.push(OTHERS);
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn leaders_break_ties_to_the_lowest_node() {
        assert_eq!(
            leaders(&[1, 0, 1, 0], 2, &[3.0, 2.0, 3.0, 2.0]),
            vec![Some(1), Some(0)]
        );
        assert_eq!(leaders(&[0], 2, &[1.0]), vec![Some(0), None]);
    }
}
