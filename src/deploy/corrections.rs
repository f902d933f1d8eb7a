//! "Suggest a correction": the address a visitor's suggestion goes to, from
//! the deployment's `corrections` template (product.md, "Deployment
//! configuration"): a `mailto:` or `https:` URL with the placeholders
//! `{actor}` (the actor's id, empty for a new actor or link), `{dataset}`
//! (the dataset's URL), `{version}` (`meta.version`) and `{url}` (the view's
//! shared link), each replaced by its percent-encoded value.
//!
//! ```
//! use civicmap::deploy::corrections::{fill, is_template, Fields};
//! let t = "mailto:carte@example.org?subject=Correction%20{actor}&body={url}";
//! assert!(is_template(t));
//! let link = fill(t, &Fields { actor: "decidim", dataset: "", version: "2019-01",
//!     url: "https://carte.example/?actor=decidim&v=2019-01" });
//! assert_eq!(link, "mailto:carte@example.org?subject=Correction%20decidim&body=\
//!     https%3A%2F%2Fcarte.example%2F%3Factor%3Ddecidim%26v%3D2019-01");
//! assert!(!is_template("javascript:alert(1)"));
//! ```

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The placeholders a template may hold.
pub const PLACEHOLDERS: [&str; 4] = ["{actor}", "{dataset}", "{version}", "{url}"];

/// The longest template accepted (a URL, not a document).
pub const MAX_TEMPLATE_BYTES: usize = 2048;

/// Everything but RFC 3986's unreserved characters is encoded, so a value
/// can never end the parameter, the query or the address it sits in.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What a suggestion carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fields<'a> {
    /// The actor's id; empty for a new actor or link.
    pub actor: &'a str,
    /// The dataset's URL.
    pub dataset: &'a str,
    /// The dataset's `meta.version` (empty when it has none).
    pub version: &'a str,
    /// The view's shared link.
    pub url: &'a str,
}

/// Whether `t` is a usable template: `mailto:` with an address, or an
/// `https://` URL with a host; no space, control character, quote or angle
/// bracket; every `{…}` one of [`PLACEHOLDERS`].
pub fn is_template(t: &str) -> bool {
    if t.is_empty()
        || t.len() > MAX_TEMPLATE_BYTES
        || t.chars().any(|c| {
            c.is_control() || c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '\\')
        })
    {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    let scheme_ok = if let Some(rest) = lower.strip_prefix("mailto:") {
        !rest.is_empty() && !rest.starts_with('?')
    } else if let Some(rest) = lower.strip_prefix("https://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !host.contains('{') && !host.contains('@')
    } else {
        false
    };
    scheme_ok && placeholders_known(t)
}

/// Every `{` opens a known placeholder, and no `}` stands alone.
fn placeholders_known(t: &str) -> bool {
    let mut rest = t;
    while let Some(open) = rest.find(['{', '}']) {
        let tail = rest.get(open..).unwrap_or("");
        match PLACEHOLDERS.iter().find(|p| tail.starts_with(**p)) {
            Some(p) => rest = tail.get(p.len()..).unwrap_or(""),
            None => return false,
        }
    }
    true
}

/// The address of a suggestion: `template` with each placeholder replaced by
/// its percent-encoded value. Text around the placeholders is kept as the
/// deployment wrote it.
pub fn fill(template: &str, fields: &Fields<'_>) -> String {
    let mut out = String::with_capacity(template.len() + fields.url.len() * 2);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let tail = rest.get(open..).unwrap_or("");
        let value = [
            ("{actor}", fields.actor),
            ("{dataset}", fields.dataset),
            ("{version}", fields.version),
            ("{url}", fields.url),
        ]
        .into_iter()
        .find(|(p, _)| tail.starts_with(p));
        match value {
            Some((p, v)) => {
                out.extend(utf8_percent_encode(v, VALUE));
                rest = tail.get(p.len()..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decode(s: &str) -> String {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .unwrap()
            .into_owned()
    }

    #[test]
    fn each_field_goes_where_its_placeholder_is() {
        let t = "https://forms.example/suggest?actor={actor}&dataset={dataset}&version={version}&view={url}";
        assert!(is_template(t));
        let link = fill(
            t,
            &Fields {
                actor: "cap-collectif",
                dataset: "https://carte.example/data/civic-tech-fr.json",
                version: "2019-01",
                url: "https://carte.example/?actor=cap-collectif&v=2019-01",
            },
        );
        let query = link.split_once('?').unwrap().1;
        let pairs: Vec<(&str, String)> = query
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k, decode(v))
            })
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("actor", "cap-collectif".to_string()),
                (
                    "dataset",
                    "https://carte.example/data/civic-tech-fr.json".to_string()
                ),
                ("version", "2019-01".to_string()),
                (
                    "view",
                    "https://carte.example/?actor=cap-collectif&v=2019-01".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_new_actor_leaves_actor_empty() {
        let link = fill(
            "mailto:carte@example.org?subject=Nouvel%20acteur%20{actor}",
            &Fields::default(),
        );
        assert_eq!(link, "mailto:carte@example.org?subject=Nouvel%20acteur%20");
    }

    #[test]
    fn bad_templates_are_refused() {
        for t in [
            "",
            "javascript:alert(1)",
            "http://insecure.example/?a={actor}",
            "https://",
            "https://{actor}.example/",
            "https://user@evil.example/",
            "mailto:",
            "mailto:?subject=x",
            "https://forms.example/?a={actr}",
            "https://forms.example/?a={actor",
            "https://forms.example/?a=}",
            "https://forms.example/a b",
            "https://forms.example/\"onmouseover",
            "data:text/html,<script>",
        ] {
            assert!(!is_template(t), "{t}");
        }
        assert!(is_template("MAILTO:carte@example.org"));
        assert!(is_template("https://forms.example/new"));
    }

    proptest! {
        #[test]
        fn a_value_never_escapes_its_placeholder(actor in ".*", url in ".*", version in ".*") {
            let t = "https://forms.example/s?a={actor}&v={version}&u={url}";
            let link = fill(t, &Fields { actor: &actor, dataset: "", version: &version, url: &url });
            // Still three parameters, each decoding to its value.
            let query = link.split_once('?').unwrap().1;
            let parts: Vec<&str> = query.split('&').collect();
            prop_assert_eq!(parts.len(), 3);
            prop_assert_eq!(decode(parts[0].strip_prefix("a=").unwrap()), actor);
            prop_assert_eq!(decode(parts[1].strip_prefix("v=").unwrap()), version);
            prop_assert_eq!(decode(parts[2].strip_prefix("u=").unwrap()), url);
            prop_assert!(link.chars().all(|c| c.is_ascii_graphic()));
        }
    }
}
