//! The sentences of links pinned to a dataset version (`v=`): what changed
//! since the version a link was shared with, in French and English.

use crate::model::view::state::Lang;
use crate::model::view::versions::ViewChanges;

/// "The data have changed since this link was shared (version X → Y)."
pub fn version_changed(lang: Lang, shared: &str, current: Option<&str>) -> String {
    let current = current.unwrap_or("?");
    match lang {
        Lang::Fr => format!(
            "Les données ont changé depuis le partage de ce lien (version {shared} → {current})."
        ),
        Lang::En => format!(
            "The data have changed since this link was shared (version {shared} → {current})."
        ),
    }
}

/// "You are viewing version X."
pub fn version_viewing(lang: Lang, version: &str) -> String {
    match lang {
        Lang::Fr => format!("Vous consultez la version {version} de ces données."),
        Lang::En => format!("You are viewing version {version} of these data."),
    }
}

/// One count with its noun and participle, agreed in number.
fn part(lang: Lang, n: usize, actor: bool, added: bool) -> String {
    let plural = n > 1;
    let s = if plural { "s" } else { "" };
    match lang {
        Lang::Fr => {
            let noun = if actor { "acteur" } else { "lien" };
            let verb = if added { "ajouté" } else { "retiré" };
            format!("{n} {noun}{s} {verb}{s}")
        }
        Lang::En => {
            let noun = if actor { "actor" } else { "link" };
            let verb = if added { "added" } else { "removed" };
            format!("{n} {noun}{s} {verb}")
        }
    }
}

/// "Since version 2019-01: 3 actors added, 1 actor removed, 5 links added."
/// (or that this view shows the same actors and links).
pub fn version_changes(lang: Lang, shared: &str, c: &ViewChanges) -> String {
    if c.is_empty() {
        return match lang {
            Lang::Fr => format!(
                "Depuis la version {shared}, les données ont changé, mais pas les acteurs et les liens de cette vue."
            ),
            Lang::En => format!(
                "Since version {shared}, the data have changed, but not the actors and links of this view."
            ),
        };
    }
    let parts: Vec<String> = [
        (c.added_actors.len(), true, true),
        (c.removed_actors.len(), true, false),
        (c.added_links.len(), false, true),
        (c.removed_links.len(), false, false),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|&(n, actor, added)| part(lang, n, actor, added))
    .collect();
    let list = parts.join(", ");
    match lang {
        Lang::Fr => format!("Depuis la version {shared} : {list}."),
        Lang::En => format!("Since version {shared}: {list}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::view::versions::LinkKey;

    #[test]
    fn counts_agree_in_number_and_skip_zeros() {
        let key = LinkKey {
            source: "a".into(),
            kind: "k".into(),
            target: "b".into(),
        };
        let c = ViewChanges {
            added_actors: vec!["a".into(), "b".into(), "c".into()],
            removed_actors: vec!["d".into()],
            added_links: vec![key.clone(); 5],
            removed_links: vec![],
        };
        assert_eq!(
            version_changes(Lang::Fr, "2019-01", &c),
            "Depuis la version 2019-01 : 3 acteurs ajoutés, 1 acteur retiré, 5 liens ajoutés."
        );
        assert_eq!(
            version_changes(Lang::En, "2019-01", &c),
            "Since version 2019-01: 3 actors added, 1 actor removed, 5 links added."
        );
        assert!(version_changes(Lang::En, "x", &ViewChanges::default()).contains("not the actors"));
        assert!(version_changed(Lang::Fr, "1", Some("2")).contains("version 1 → 2"));
    }
}
