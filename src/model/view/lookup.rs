//! Small read-only lookups into a loaded dataset for display: taxonomy
//! labels, a type's colour and shape, safe links. Pure functions, tested
//! natively.

use crate::model::format::dataset::{ActorType, Dataset, LinkKind, Shape, Source, Term};
use crate::model::view::state::Lang;

/// The actor type with this id.
pub fn actor_type<'a>(ds: &'a Dataset, id: &str) -> Option<&'a ActorType> {
    ds.taxonomy.actor_type(id)
}

/// The link kind with this id.
pub fn link_kind<'a>(ds: &'a Dataset, id: &str) -> Option<&'a LinkKind> {
    ds.taxonomy.link_kind(id)
}

/// The label of the term `id` of `list` in `lang`, or the id itself.
pub fn term_label(list: Option<&[Term]>, id: &str, lang: Lang) -> String {
    list.unwrap_or_default()
        .iter()
        .find(|t| t.id == id)
        .and_then(|t| t.label.as_ref())
        .map(|l| l.get(lang.code()).to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| id.to_string())
}

/// A type's label in `lang`, or its id.
pub fn type_label(ds: &Dataset, id: &str, lang: Lang) -> String {
    ds.taxonomy.type_label(id, lang.code()).to_string()
}

/// The colour and shape a type is drawn with (the completed taxonomy's).
pub fn type_style(ds: &Dataset, id: &str, dark: bool) -> (String, Shape) {
    let tax = &ds.taxonomy;
    (tax.type_color(id, dark).to_string(), tax.type_shape(id))
}

/// The title of the stake `id` in `lang`, or its id.
pub fn stake_title(ds: &Dataset, id: &str, lang: Lang) -> String {
    ds.stakes
        .iter()
        .find(|s| s.id.as_deref() == Some(id))
        .and_then(|s| s.title.as_ref())
        .map(|l| l.get(lang.code()).to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| id.to_string())
}

/// `url` when it is an `http(s)` URL, the only ones the app links to.
pub fn safe_href(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(u)
}

/// The host of an `http(s)` URL, without `www.`, for a short link text.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// What to show for a source: its text and, if safe, its link.
pub fn source_view(src: &Source, lang: Lang) -> (String, Option<String>) {
    match src {
        Source::Url(u) => match safe_href(u) {
            Some(h) => (host(h).to_string(), Some(h.to_string())),
            None => (u.clone(), None),
        },
        Source::Labelled { label, url } => {
            let text = label.get(lang.code()).to_string();
            let href = url.as_deref().and_then(safe_href).map(str::to_string);
            (text, href)
        }
    }
}

/// The smallest and largest year found in the dataset (founding,
/// dissolution, link start and end), for the year slider.
pub fn year_range(ds: &Dataset) -> Option<(i64, i64)> {
    let years = ds
        .actors
        .iter()
        .flat_map(|a| [a.founded, a.dissolved])
        .chain(ds.links.iter().flat_map(|l| [l.since, l.until]))
        .flatten();
    years.fold(None, |acc, y| match acc {
        None => Some((y, y)),
        Some((lo, hi)) => Some((lo.min(y), hi.max(y))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_links_are_links() {
        assert_eq!(safe_href("https://a.fr/x"), Some("https://a.fr/x"));
        assert_eq!(safe_href("HTTP://A.FR"), Some("HTTP://A.FR"));
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,<b>"), None);
        assert_eq!(safe_href("//evil.example"), None);
        assert_eq!(safe_href("é"), None);
    }

    #[test]
    fn host_is_short() {
        assert_eq!(
            host("https://www.deciderensemble.com/page?x=1"),
            "deciderensemble.com"
        );
        assert_eq!(host("https://revuecivique.eu/?p=3200"), "revuecivique.eu");
    }

    #[test]
    fn stake_titles_fall_back_to_french_then_the_id() {
        let ds: Dataset =
            serde_json::from_str(r#"{"stakes":[{"id":"a","title":{"fr":"Titre"}},{"id":"b"}]}"#)
                .unwrap();
        assert_eq!(stake_title(&ds, "a", Lang::En), "Titre");
        assert_eq!(stake_title(&ds, "b", Lang::Fr), "b");
        assert_eq!(stake_title(&ds, "zz", Lang::Fr), "zz");
    }

    #[test]
    fn year_range_spans_actors_and_links() {
        let ds = crate::model::fixtures::sketch(
            r#"{"actors":[{"id":"a","founded":2005},{"id":"b","dissolved":2019}],
                "links":[{"source":"a","target":"b","since":2001}]}"#,
        );
        assert_eq!(year_range(&ds), Some((2001, 2019)));
        assert_eq!(year_range(&Dataset::default()), None);
    }
}
