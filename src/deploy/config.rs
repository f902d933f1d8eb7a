//! The deployment configuration, `civicmap.config.json` beside `index.html`
//! (product.md, "Deployment configuration").
//!
//! ```json
//! {
//!   "embed_origins": "*",
//!   "command_origins": ["https://partner.example"],
//!   "data_origins": ["https://data.example"],
//!   "default_dataset": "data/civic-tech-fr.json",
//!   "max_dataset_bytes": 20000000,
//!   "versions": {"2019-01": "data/civic-tech-fr-2019-01.json"},
//!   "corrections": "mailto:carte@example.org?subject=Correction%20{actor}&body={url}"
//! }
//! ```
//!
//! Who may *frame* the map (`embed_origins`, anyone by default: the snippet
//! is self-serve) is not who may *command* it (`command_origins`, nobody by
//! default). The same origin is always allowed to serve `data=`.
//!
//! [`Config::parse`] never fails: a missing file, bad JSON, a wrong type or
//! a malformed origin gives the safe default for that field and a warning
//! (the UI logs warnings to the console; the CLI prints them). The web
//! server's headers are generated from the same values
//! ([`Config::frame_ancestors`], [`Config::connect_src`]) so the two never
//! disagree.
//!
//! ```
//! use civicmap::deploy::config::Config;
//! let (c, warnings) = Config::parse(br#"{"command_origins": ["https://Host.example:443/"]}"#);
//! assert!(warnings.is_empty());
//! assert!(c.allows_command("https://host.example"));
//! assert!(!c.allows_command("https://evil.example"));
//! let (c, warnings) = Config::parse(b"not json");
//! assert_eq!(c, Config::default());
//! assert_eq!(warnings.len(), 1);
//! ```

use serde_json::{Map, Value};

/// Where the default dataset is, relative to `index.html`.
pub const DEFAULT_DATASET: &str = "data/civic-tech-fr.json";
/// The default cap on a dataset's size, in bytes (20 MB).
pub const DEFAULT_MAX_DATASET_BYTES: u64 = 20_000_000;
/// The largest accepted `max_dataset_bytes` (the app's own limits on actors
/// and links make larger files useless): 200 MB.
pub const MAX_MAX_DATASET_BYTES: u64 = 200_000_000;
/// The largest config file read, in bytes.
pub const MAX_CONFIG_BYTES: usize = 64 * 1024;

/// Who may frame the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedOrigins {
    /// Anyone (`"*"`), the default.
    Any,
    /// Only these origins (normalized, see [`normalize_origin`]); an empty
    /// list means nobody (`frame-ancestors 'none'`).
    Only(Vec<String>),
}

/// The deployment configuration, with every field defaulted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub embed_origins: EmbedOrigins,
    /// Origins whose `civicmap:set-state` messages are obeyed (normalized).
    pub command_origins: Vec<String>,
    /// Origins `data=` may load from besides the map's own (normalized).
    pub data_origins: Vec<String>,
    /// The dataset shown without `data=`: a path relative to `index.html`
    /// or an absolute http(s) URL.
    pub default_dataset: String,
    pub max_dataset_bytes: u64,
    /// Earlier versions of the default dataset the deployment keeps, as
    /// (`meta.version`, location) in version order, for `v=` (product.md).
    pub versions: Vec<(String, String)>,
    /// Where "suggest a correction" goes: a `mailto:` or `https:` template
    /// (see [`crate::deploy::corrections`]); `None` hides the buttons.
    pub corrections: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            embed_origins: EmbedOrigins::Any,
            command_origins: Vec::new(),
            data_origins: Vec::new(),
            default_dataset: DEFAULT_DATASET.to_string(),
            max_dataset_bytes: DEFAULT_MAX_DATASET_BYTES,
            versions: Vec::new(),
            corrections: None,
        }
    }
}

/// Normalizes an origin to `scheme://host[:port]`: lower case, the default
/// port (80 for http, 443 for https) left out, one trailing `/` allowed.
/// Anything else — another scheme, a path, a query, credentials, spaces,
/// `null` — is `None`.
///
/// ```
/// use civicmap::deploy::config::normalize_origin;
/// assert_eq!(normalize_origin("HTTPS://Example.org:443/").as_deref(), Some("https://example.org"));
/// assert_eq!(normalize_origin("http://127.0.0.1:8080").as_deref(), Some("http://127.0.0.1:8080"));
/// assert_eq!(normalize_origin("https://example.org/page"), None);
/// assert_eq!(normalize_origin("javascript:alert(1)"), None);
/// assert_eq!(normalize_origin("null"), None);
/// ```
pub fn normalize_origin(raw: &str) -> Option<String> {
    let lower = raw.trim().to_ascii_lowercase();
    let (scheme, rest) = if let Some(r) = lower.strip_prefix("https://") {
        ("https", r)
    } else if let Some(r) = lower.strip_prefix("http://") {
        ("http", r)
    } else {
        return None;
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty()
        || !authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    {
        return None;
    }
    // host[:port], the host possibly an IPv6 literal in brackets.
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority.get(i..).unwrap_or("").contains(']') => {
            let port = authority.get(i + 1..).unwrap_or("");
            if port.is_empty() || port.len() > 5 || !port.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            (authority.get(..i).unwrap_or(""), Some(port))
        }
        _ => (authority, None),
    };
    let bracketed = host.starts_with('[') && host.ends_with(']') && host.len() > 2;
    if host.is_empty()
        || (!bracketed && host.contains([':', '[', ']']))
        || host.starts_with(['.', '-'])
        || host.ends_with('-')
    {
        return None;
    }
    let port = port.and_then(|p| p.parse::<u16>().ok().map(|n| (p, n)));
    match port {
        Some((_, 80)) if scheme == "http" => Some(format!("{scheme}://{host}")),
        Some((_, 443)) if scheme == "https" => Some(format!("{scheme}://{host}")),
        Some((_, 0)) => None,
        Some((_, n)) => Some(format!("{scheme}://{host}:{n}")),
        None if authority.contains(':') && !bracketed => None,
        None => Some(format!("{scheme}://{host}")),
    }
}

impl Config {
    /// Reads `civicmap.config.json`. Never fails: each unusable field falls
    /// back to its default with a warning (English, for the console).
    /// Unknown fields are warned about too (a typo would otherwise silently
    /// leave a default in place).
    pub fn parse(bytes: &[u8]) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        if bytes.len() > MAX_CONFIG_BYTES {
            warnings.push(format!(
                "civicmap.config.json is larger than {MAX_CONFIG_BYTES} bytes; using the defaults"
            ));
            return (config, warnings);
        }
        let object: Map<String, Value> = match serde_json::from_slice(bytes) {
            Ok(Value::Object(o)) => o,
            Ok(_) => {
                warnings.push(
                    "civicmap.config.json is not a JSON object; using the defaults".to_string(),
                );
                return (config, warnings);
            }
            Err(e) => {
                warnings.push(format!(
                    "civicmap.config.json is not valid JSON ({e}); using the defaults"
                ));
                return (config, warnings);
            }
        };
        for (key, value) in &object {
            match key.as_str() {
                "embed_origins" => match value {
                    Value::String(s) if s.trim() == "*" => config.embed_origins = EmbedOrigins::Any,
                    _ => {
                        if let Some(list) = origin_list(key, value, &mut warnings) {
                            config.embed_origins = EmbedOrigins::Only(list);
                        }
                    }
                },
                "command_origins" => {
                    if let Some(list) = origin_list(key, value, &mut warnings) {
                        config.command_origins = list;
                    }
                }
                "data_origins" => {
                    if let Some(list) = origin_list(key, value, &mut warnings) {
                        config.data_origins = list;
                    }
                }
                "default_dataset" => match value.as_str().map(str::trim) {
                    Some(s) if is_dataset_location(s) => config.default_dataset = s.to_string(),
                    _ => warnings.push(format!(
                        "civicmap.config.json: `default_dataset` must be a relative path or an http(s) URL; using {DEFAULT_DATASET}"
                    )),
                },
                "max_dataset_bytes" => match value.as_u64() {
                    Some(n) if (1..=MAX_MAX_DATASET_BYTES).contains(&n) => {
                        config.max_dataset_bytes = n
                    }
                    _ => warnings.push(format!(
                        "civicmap.config.json: `max_dataset_bytes` must be a whole number from 1 to {MAX_MAX_DATASET_BYTES}; using {DEFAULT_MAX_DATASET_BYTES}"
                    )),
                },
                "versions" => config.versions = versions(value, &mut warnings),
                "corrections" => match value.as_str().map(str::trim) {
                    Some(t) if crate::deploy::corrections::is_template(t) => {
                        config.corrections = Some(t.to_string())
                    }
                    _ => warnings.push(
                        "civicmap.config.json: `corrections` must be a mailto: or https: URL template; no correction button"
                            .to_string(),
                    ),
                },
                other => warnings.push(format!(
                    "civicmap.config.json: unknown field `{}` ignored",
                    other.chars().take(64).collect::<String>()
                )),
            }
        }
        (config, warnings)
    }

    /// Whether a `civicmap:set-state` from this origin (as the browser
    /// reports it in `MessageEvent.origin`) is obeyed.
    pub fn allows_command(&self, origin: &str) -> bool {
        normalize_origin(origin).is_some_and(|o| self.command_origins.contains(&o))
    }

    /// Whether `data=` may load from `origin`, given the map's own origin.
    pub fn allows_data(&self, origin: &str, own: &str) -> bool {
        match normalize_origin(origin) {
            Some(o) => normalize_origin(own).as_ref() == Some(&o) || self.data_origins.contains(&o),
            None => false,
        }
    }

    /// The CSP `frame-ancestors` source list: `*`, `'none'` for an empty
    /// list, or `'self'` and the origins — the map's own pages (the embed
    /// demo, the snippet preview) may always frame it when anyone else may.
    pub fn frame_ancestors(&self) -> String {
        match &self.embed_origins {
            EmbedOrigins::Any => "*".to_string(),
            EmbedOrigins::Only(list) if list.is_empty() => "'none'".to_string(),
            EmbedOrigins::Only(list) => format!("'self' {}", list.join(" ")),
        }
    }

    /// The location of an earlier version of the default dataset, if the
    /// deployment keeps it.
    pub fn version_location(&self, version: &str) -> Option<&str> {
        self.versions
            .iter()
            .find(|(v, _)| v == version)
            .map(|(_, l)| l.as_str())
    }

    /// The CSP `connect-src` source list: `'self'`, the data origins and the
    /// default dataset's (and its kept versions') origins when absolute.
    pub fn connect_src(&self) -> String {
        let mut sources = vec!["'self'".to_string()];
        let absolute: Vec<String> = std::iter::once(self.default_dataset.as_str())
            .chain(self.versions.iter().map(|(_, l)| l.as_str()))
            .filter_map(absolute_origin)
            .collect();
        for o in self.data_origins.iter().chain(absolute.iter()) {
            if !sources.contains(o) {
                sources.push(o.clone());
            }
        }
        sources.join(" ")
    }
}

/// The origin of an absolute http(s) URL.
fn absolute_origin(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let scheme_len = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return None;
    };
    let rest = url.get(scheme_len..)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    normalize_origin(url.get(..scheme_len + end)?)
}

/// A relative path (no scheme, no `//`, no backslash, no control
/// character) or an absolute http(s) URL with a valid origin.
fn is_dataset_location(s: &str) -> bool {
    if s.is_empty() || s.len() > 2048 || s.chars().any(|c| c.is_control() || c == '\\') {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return absolute_origin(s).is_some();
    }
    // A relative reference must not have a scheme or be protocol-relative.
    let before_slash = s.split('/').next().unwrap_or("");
    !s.starts_with("//") && !before_slash.contains(':')
}

/// The longest `meta.version` kept in `versions` (and in `v=`).
pub const MAX_VERSION_CHARS: usize = 64;

/// `versions`: an object of `meta.version` → dataset location (a relative
/// path or an http(s) URL). Bad entries are dropped with a warning each.
fn versions(value: &Value, warnings: &mut Vec<String>) -> Vec<(String, String)> {
    let Some(object) = value.as_object() else {
        warnings.push(
            "civicmap.config.json: `versions` must be an object like {\"2019-01\": \"data/old.json\"}; ignored"
                .to_string(),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (version, location) in object {
        let ok_version = !version.trim().is_empty()
            && version.chars().count() <= MAX_VERSION_CHARS
            && !version.chars().any(char::is_control);
        match location.as_str().map(str::trim) {
            Some(l) if ok_version && is_dataset_location(l) => {
                out.push((version.clone(), l.to_string()))
            }
            _ => warnings.push(format!(
                "civicmap.config.json: `versions` entry {} must map a version to a relative path or an http(s) URL; ignored",
                truncate(&Value::String(version.clone()).to_string())
            )),
        }
    }
    out
}

/// A list of origins; `None` (with a warning) when the value is not an array
/// of strings. Malformed entries are dropped with a warning each.
fn origin_list(key: &str, value: &Value, warnings: &mut Vec<String>) -> Option<Vec<String>> {
    let Some(items) = value.as_array() else {
        warnings.push(format!(
            "civicmap.config.json: `{key}` must be an array of origins like \"https://example.org\"; using the default"
        ));
        return None;
    };
    let mut list: Vec<String> = Vec::new();
    for item in items {
        match item.as_str().and_then(normalize_origin) {
            Some(o) if !list.contains(&o) => list.push(o),
            Some(_) => {}
            None => warnings.push(format!(
                "civicmap.config.json: `{key}` entry {} is not an origin (scheme://host[:port]); ignored",
                truncate(&item.to_string())
            )),
        }
    }
    Some(list)
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn missing_config_is_the_safe_default() {
        let (c, w) = Config::parse(b"{}");
        assert!(w.is_empty());
        assert_eq!(c.embed_origins, EmbedOrigins::Any);
        assert!(!c.allows_command("https://anyone.example"));
        assert!(c.allows_data("http://127.0.0.1:8080", "http://127.0.0.1:8080"));
        assert!(!c.allows_data("https://other.example", "http://127.0.0.1:8080"));
        assert_eq!(c.frame_ancestors(), "*");
        assert_eq!(c.connect_src(), "'self'");
        assert_eq!(c.max_dataset_bytes, 20_000_000);
    }

    #[test]
    fn versions_and_corrections_are_read_and_checked() {
        let (c, w) = Config::parse(
            br#"{"versions": {"2019-01": "data/civic-tech-fr-2019-01.json",
                              "2018": "https://archive.example/2018.json"},
                 "corrections": "mailto:carte@example.org?subject={actor}"}"#,
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            c.version_location("2019-01"),
            Some("data/civic-tech-fr-2019-01.json")
        );
        assert_eq!(c.version_location("2020"), None);
        assert_eq!(
            c.corrections.as_deref(),
            Some("mailto:carte@example.org?subject={actor}")
        );
        // An absolute old version must be fetchable under the CSP.
        assert_eq!(c.connect_src(), "'self' https://archive.example");
        // Bad values: defaults and one warning each; the good entries stay.
        let (c, w) = Config::parse(
            br#"{"versions": {"ok": "old.json", "bad": "javascript:alert(1)", "": "x.json", "n": 3},
                 "corrections": "javascript:alert(1)"}"#,
        );
        assert_eq!(c.versions, vec![("ok".to_string(), "old.json".to_string())]);
        assert_eq!(c.corrections, None);
        assert_eq!(w.len(), 4, "{w:?}");
        let (c, w) = Config::parse(br#"{"versions": ["old.json"]}"#);
        assert!(c.versions.is_empty());
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn a_full_config_is_read() {
        let (c, w) = Config::parse(
            br#"{"embed_origins": ["https://a.example", "http://localhost:3000/"],
                 "command_origins": ["https://a.example"],
                 "data_origins": ["https://data.example"],
                 "default_dataset": "https://cdn.example/d.json",
                 "max_dataset_bytes": 1000}"#,
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            c.frame_ancestors(),
            "'self' https://a.example http://localhost:3000"
        );
        assert!(c.allows_command("https://a.example"));
        assert!(!c.allows_command("http://a.example"));
        assert!(c.allows_data("https://data.example", "https://map.example"));
        assert_eq!(
            c.connect_src(),
            "'self' https://data.example https://cdn.example"
        );
        assert_eq!(c.max_dataset_bytes, 1000);
    }

    #[test]
    fn each_bad_field_falls_back_alone_with_a_warning() {
        let (c, w) = Config::parse(
            br#"{"embed_origins": 3, "command_origins": ["https://ok.example", "javascript:x", 7],
                 "data_origins": "https://x.example", "default_dataset": "javascript:alert(1)",
                 "max_dataset_bytes": -5, "typo_origins": []}"#,
        );
        assert_eq!(c.embed_origins, EmbedOrigins::Any);
        assert_eq!(c.command_origins, vec!["https://ok.example".to_string()]);
        assert!(c.data_origins.is_empty());
        assert_eq!(c.default_dataset, DEFAULT_DATASET);
        assert_eq!(c.max_dataset_bytes, DEFAULT_MAX_DATASET_BYTES);
        assert_eq!(w.len(), 7, "{w:?}");
        assert!(w.iter().any(|m| m.contains("typo_origins")));
    }

    #[test]
    fn the_shipped_config_is_the_default_without_warnings() {
        let bytes = include_bytes!("../../static/civicmap.config.json");
        let (c, w) = Config::parse(bytes);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c, Config::default());
    }

    #[test]
    fn an_empty_embed_list_forbids_framing() {
        let (c, _) = Config::parse(br#"{"embed_origins": []}"#);
        assert_eq!(c.frame_ancestors(), "'none'");
    }

    #[test]
    fn not_an_object_or_too_big_is_the_default() {
        for bad in [
            &b"[]"[..],
            b"null",
            b"\"*\"",
            b"{",
            &vec![b' '; MAX_CONFIG_BYTES + 1],
        ] {
            let (c, w) = Config::parse(bad);
            assert_eq!(c, Config::default());
            assert_eq!(w.len(), 1);
        }
    }

    #[test]
    fn origins_are_normalized_strictly() {
        for (raw, want) in [
            ("https://EXAMPLE.org", Some("https://example.org")),
            ("http://example.org:80", Some("http://example.org")),
            (
                "https://example.org:8443/",
                Some("https://example.org:8443"),
            ),
            ("http://[::1]:8080", Some("http://[::1]:8080")),
            ("http://localhost", Some("http://localhost")),
            ("https://", None),
            ("https://a.example:", None),
            ("https://a.example:99999", None),
            ("https://a.example:0", None),
            ("https://user@a.example", None),
            ("https://a.example?x", None),
            ("https://a b.example", None),
            ("ftp://a.example", None),
            ("*", None),
            ("file://", None),
        ] {
            assert_eq!(normalize_origin(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn dataset_locations() {
        assert!(is_dataset_location("data/x.json"));
        assert!(is_dataset_location("/data/x.json"));
        assert!(is_dataset_location("https://cdn.example/x.json?v=2"));
        assert!(!is_dataset_location("//evil.example/x.json"));
        assert!(!is_dataset_location("data:application/json,{}"));
        assert!(!is_dataset_location("javascript:alert(1)"));
        assert!(!is_dataset_location(""));
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_origins_stay_normal(s in ".{0,200}") {
            let (c, _) = Config::parse(s.as_bytes());
            for o in c.command_origins.iter().chain(c.data_origins.iter()) {
                prop_assert_eq!(normalize_origin(o), Some(o.clone()));
            }
        }

        #[test]
        fn normalize_is_idempotent(s in "(https?://)?[a-zA-Z0-9.:\\[\\]/-]{0,30}") {
            if let Some(o) = normalize_origin(&s) {
                prop_assert_eq!(normalize_origin(&o), Some(o.clone()));
            }
        }
    }
}
