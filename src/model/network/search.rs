//! Search: text folding (no case, no accents) and matching of actors on
//! their name, id and aliases.
//!
//! Folding is Unicode NFD minus the combining marks, lower-cased, with the
//! ligatures `œ`, `æ`, `ß` spelled out and every character that is not a
//! letter or a digit (punctuation, `#`, `&`, `-`, …) turned into a space;
//! runs of spaces collapse to one and the ends are trimmed.
//!
//! ```
//! use civicmap::model::network::search::fold;
//! assert_eq!(fold("Démocratie Ouverte"), "democratie ouverte");
//! assert_eq!(fold("  Cœur & #CivicTech!  "), "coeur civictech");
//! ```

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::model::format::dataset::{Actor, Dataset};

/// Lower-cases, strips accents (NFD minus combining marks) and maps
/// punctuation to spaces: `"Démocratie Ouverte"` → `"democratie ouverte"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folding of `s` to `out` (no leading or trailing space is
/// added; a space separates it from what `out` already holds).
fn fold_into(s: &str, out: &mut String) {
    // `pending`: a separator is owed before the next letter or digit.
    let mut pending = !out.is_empty();
    // The canonical decomposition of each character in turn gives the base
    // characters of NFD in the same order (canonical reordering only moves
    // combining marks, which are dropped). Not `str::nfd()`: its iterator
    // also links the compatibility tables into the wasm (~100 KB).
    for ch in s.chars() {
        decompose_canonical(ch, |c| push_folded(c, &mut pending, out));
    }
}

/// Appends one character of the decomposition, folded.
fn push_folded(c: char, pending: &mut bool, out: &mut String) {
    if is_combining_mark(c) {
        return;
    }
    if !c.is_alphanumeric() {
        *pending = true;
        return;
    }
    if *pending && !out.is_empty() {
        out.push(' ');
    }
    *pending = false;
    for l in c.to_lowercase() {
        match l {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ if is_combining_mark(l) => {}
            _ => out.push(l),
        }
    }
}

/// The folded text an actor is searched in: name, id and aliases,
/// separated by spaces (a query word never spans two of them because words
/// hold no space).
pub fn haystack(actor: &Actor) -> String {
    let mut out = String::new();
    fold_into(actor.name(), &mut out);
    fold_into(actor.id(), &mut out);
    for a in &actor.aliases {
        fold_into(a, &mut out);
    }
    out
}

/// True when every word of the folded query occurs in `haystack` (already
/// folded, e.g. [`haystack`] or `Graph::search_text`). `folded_query` must be
/// folded with [`fold`]; an empty query matches everything.
pub fn matches_folded(haystack: &str, folded_query: &str) -> bool {
    folded_query
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| haystack.contains(w))
}

/// True when every word of `query` (folded) occurs in the actor's name, id or one of its aliases.
/// An empty query matches everything.
pub fn matches(actor: &Actor, query: &str) -> bool {
    let q = fold(query);
    q.is_empty() || matches_folded(&haystack(actor), &q)
}

/// Up to `limit` actor indices matching `query`, best first (name prefix,
/// then word prefix, then substring; ties in dataset order).
///
/// - rank 0: the folded name starts with the folded query;
/// - rank 1: a word of the name, id or an alias starts with the folded query
///   (or an alias or the id starts with it);
/// - rank 2: every word of the query occurs somewhere ([`matches`]).
///
/// An empty query suggests nothing.
pub fn suggestions(ds: &Dataset, query: &str, limit: usize) -> Vec<usize> {
    let q = fold(query);
    if q.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut ranked: Vec<(u8, usize)> = Vec::new();
    for (i, actor) in ds.actors.iter().enumerate() {
        let hay = haystack(actor);
        if !matches_folded(&hay, &q) {
            continue;
        }
        let rank = if fold(actor.name()).starts_with(&q) {
            0
        } else if word_prefix(&hay, &q) {
            1
        } else {
            2
        };
        ranked.push((rank, i));
    }
    ranked.sort_unstable();
    ranked.into_iter().take(limit).map(|(_, i)| i).collect()
}

/// True when `q` occurs in `hay` at the start of a word.
fn word_prefix(hay: &str, q: &str) -> bool {
    hay.match_indices(q)
        .any(|(at, _)| at == 0 || hay.get(..at).is_some_and(|b| b.ends_with(' ')))
}

/// The actor index whose id, or else one of whose aliases (folded), equals `key`.
/// An empty key resolves to nothing.
pub fn resolve_actor(ds: &Dataset, key: &str) -> Option<usize> {
    if key.is_empty() {
        return None;
    }
    if let Some(i) = ds.actors.iter().position(|a| a.id() == key) {
        return Some(i);
    }
    let k = fold(key);
    if k.is_empty() {
        return None;
    }
    ds.actors
        .iter()
        .position(|a| a.aliases.iter().any(|al| fold(al) == k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::default_dataset;
    use proptest::prelude::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(fold(input), expected, "fold({input:?})");
    }

    #[test]
    fn folding() {
        check("Démocratie Ouverte", "democratie ouverte");
        check("ÉLYSÉE", "elysee");
        check("Cœur Æther Straße", "coeur aether strasse");
        check("#CivicTech & Co.", "civictech co");
        check("Parlement & Citoyens", "parlement citoyens");
        check("cap-collectif", "cap collectif");
        check("NosDéputés.fr", "nosdeputes fr");
        check("l'Agence", "l agence");
        check("", "");
        check("  ---  ", "");
        check("Ñandú 2018", "nandu 2018");
    }

    fn names(ds: &Dataset, idx: &[usize]) -> Vec<String> {
        idx.iter().map(|&i| ds.actors[i].id().to_string()).collect()
    }

    #[test]
    fn real_queries_find_the_expected_actors() {
        let ds = default_dataset();
        let find = |q: &str| -> Vec<String> {
            ds.actors
                .iter()
                .filter(|a| matches(a, q))
                .map(|a| a.id().to_string())
                .collect()
        };
        assert!(find("democratie").contains(&"democratie-ouverte".to_string()));
        assert!(find("DÉMOCRATIE ouverte").contains(&"democratie-ouverte".to_string()));
        assert!(find("cap").contains(&"cap-collectif".to_string()));
        assert_eq!(find("dinsic"), vec!["dinum".to_string()]);
        // Every word must occur.
        assert!(find("democratie zzz").is_empty());
        // Former name of NUMA.
        assert_eq!(find("silicon sentier"), vec!["numa".to_string()]);
        assert_eq!(find("").len(), crate::model::fixtures::fact_counts().actors);
    }

    #[test]
    fn suggestions_rank_name_prefix_first() {
        let ds = default_dataset();
        let s = names(&ds, &suggestions(&ds, "cap", 5));
        assert_eq!(
            s.first().map(String::as_str),
            Some("cap-collectif"),
            "{s:?}"
        );
        let s = names(&ds, &suggestions(&ds, "dinsic", 5));
        assert_eq!(s, vec!["dinum"]);
        assert!(suggestions(&ds, "", 5).is_empty());
        assert_eq!(suggestions(&ds, "a", 3).len(), 3);
        // Rank order: every name-prefix hit precedes every other hit.
        let all = suggestions(&ds, "open", 200);
        let first_other = all
            .iter()
            .position(|&i| !fold(ds.actors[i].name()).starts_with("open"));
        if let Some(p) = first_other {
            assert!(all[p..]
                .iter()
                .all(|&i| !fold(ds.actors[i].name()).starts_with("open")));
        }
    }

    #[test]
    fn resolve_by_id_then_alias() {
        let ds = default_dataset();
        let dinum = ds.actors.iter().position(|a| a.id() == "dinum");
        assert_eq!(resolve_actor(&ds, "dinum"), dinum);
        assert_eq!(resolve_actor(&ds, "dinsic"), dinum);
        assert_eq!(resolve_actor(&ds, "DINSIC"), dinum);
        assert_eq!(resolve_actor(&ds, "no-such-actor"), None);
        assert_eq!(resolve_actor(&ds, ""), None);
    }

    /// The folding as first written, on the whole string's NFD: the
    /// per-character decomposition must give the same text.
    fn fold_by_nfd(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        let mut pending = false;
        for c in s.nfd() {
            push_folded(c, &mut pending, &mut out);
        }
        out
    }

    #[test]
    fn every_character_folds_as_with_nfd() {
        let mut differ = Vec::new();
        for c in (0..=0x10_FFFF_u32).filter_map(char::from_u32) {
            let s = format!("a{c}b{c}");
            if fold(&s) != fold_by_nfd(&s) {
                differ.push(c);
            }
        }
        assert!(
            differ.is_empty(),
            "{} characters fold differently: {:?}",
            differ.len(),
            differ.get(..20)
        );
        // Marks out of canonical order on a base letter, and Hangul syllables.
        for s in ["a\u{301}\u{323}e\u{323}\u{301}", "한국어 Ǆ ﬁ Ⓗ", "Å Ω K ǅ"] {
            assert_eq!(fold(s), fold_by_nfd(s), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn folds_as_with_nfd(s in "\\PC{0,40}") {
            prop_assert_eq!(fold(&s), fold_by_nfd(&s));
        }

        #[test]
        fn fold_is_idempotent_and_clean(s in "\\PC{0,40}") {
            let f = fold(&s);
            prop_assert_eq!(fold(&f), f.clone());
            prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
            prop_assert!(f.chars().all(|c| c == ' ' || c.is_alphanumeric()));
        }

        #[test]
        fn a_name_always_finds_its_actor(name in "[A-Za-zÀ-ÿ&#' -]{1,20}") {
            let a = Actor { id: "x".into(), name: name.clone(), ..Actor::default() };
            prop_assert!(matches(&a, &name));
            prop_assert!(matches(&a, &name.to_uppercase()));
        }
    }
}
