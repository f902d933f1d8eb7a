//! Fetching a dataset with progress, then reading it with
//! `model::validate::load_with_limits` (the very code the command-line
//! checker runs, with the app's caps on actors and links so that a huge
//! file is refused instead of freezing the tab).
//!
//! The pure part — turning the bytes and the loader's diagnostics into what
//! the app shows — is [`outcome`], tested natively; the fetch itself is a
//! small `web_sys` loop over the response body's reader. The config and the
//! first dataset usually come from downloads `static/early.js` started
//! before the wasm ran ([`fetch`] takes them over, same checks).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::browser;
use super::fetch_failure::{FetchFailure, TimeoutKind};
use crate::deploy::config::{Config, MAX_CONFIG_BYTES};
use crate::model::format::dataset::Dataset;
use crate::model::format::diagnostic::Diagnostic;
use crate::model::format::validate;

/// The deployment configuration, beside `index.html`.
pub const CONFIG_FILE: &str = "civicmap.config.json";

thread_local! {
    /// The configuration once read (the page reads it once).
    static CONFIG: RefCell<Option<Rc<Config>>> = const { RefCell::new(None) };
}

/// The deployment configuration: read once from [`CONFIG_FILE`], then
/// cached. A missing, unreadable or invalid file gives the safe defaults;
/// every problem is a console warning, never a broken map.
pub async fn config() -> Rc<Config> {
    if let Some(c) = CONFIG.with(|c| c.borrow().clone()) {
        return c;
    }
    let (config, warnings) = match browser::resolve(CONFIG_FILE) {
        Some(r) => match fetch(
            &r.url,
            &FetchOptions {
                cap: MAX_CONFIG_BYTES as u64,
                origin_ok: &|o: &str| o == r.own,
                abort: None,
            },
            |_, _| {},
        )
        .await
        {
            Ok(bytes) => Config::parse(&bytes),
            Err(f) => (
                Config::default(),
                vec![format!(
                    "{CONFIG_FILE} could not be read ({f:?}); using the defaults"
                )],
            ),
        },
        None => (
            Config::default(),
            vec![format!(
                "{CONFIG_FILE}: no page address; using the defaults"
            )],
        ),
    };
    for w in &warnings {
        browser::warn(&format!("civicmap: {w}"));
    }
    let config = Rc::new(config);
    CONFIG.with(|c| *c.borrow_mut() = Some(config.clone()));
    config
}

/// The configuration if it has been read, else the defaults (which obey no
/// host command): for the message listener, which only acts after the
/// first load, itself after the configuration.
pub fn current_config() -> Rc<Config> {
    CONFIG
        .with(|c| c.borrow().clone())
        .unwrap_or_else(|| Rc::new(Config::default()))
}

/// Whether the configuration has been read (or defaulted) yet.
pub fn config_read() -> bool {
    CONFIG.with(|c| c.borrow().is_some())
}

/// What became of a load.
#[derive(Debug, Clone)]
pub enum LoadOutcome {
    /// Loaded; the warnings (possibly none) come with it.
    Ready {
        dataset: Rc<Dataset>,
        warnings: Vec<Diagnostic>,
    },
    /// The file could not be fetched or is not JSON.
    Failed(FetchFailure),
    /// The file is JSON but has errors: every diagnostic, errors first.
    Invalid(Vec<Diagnostic>),
}

/// Reads fetched bytes: `validate::load_with_limits` (default caps), then sorts the result into what
/// the app shows. `url` is only used in messages. `locate_warnings`: a valid
/// file's warnings get their line and column (they are listed to the
/// visitor), else they are only counted (`validate::load_counting_warnings`).
pub fn outcome(url: &str, bytes: &[u8], locate_warnings: bool) -> LoadOutcome {
    let limits = validate::Limits::default();
    let loaded = if locate_warnings {
        validate::load_with_limits(bytes, &limits)
    } else {
        validate::load_counting_warnings(bytes, &limits)
    };
    match loaded.dataset {
        Some(ds) => LoadOutcome::Ready {
            dataset: Rc::new(ds),
            warnings: loaded
                .diagnostics
                .into_iter()
                .filter(|d| !d.is_error())
                .collect(),
        },
        None => {
            // A file that is not JSON at all (an HTML page served without
            // its type, an image) gets one clear sentence rather than a
            // parser message.
            if !looks_like_json(bytes)
                && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err()
            {
                LoadOutcome::Failed(if looks_like_html(bytes) {
                    FetchFailure::WebPage {
                        url: url.to_string(),
                    }
                } else {
                    FetchFailure::NotJson {
                        url: url.to_string(),
                    }
                })
            } else {
                LoadOutcome::Invalid(loaded.diagnostics)
            }
        }
    }
}

/// The one console line for a load's warnings (none when there are none):
/// the count and how to read them, so a partner's console is not filled
/// with one line per warning. For the dataset's maintainers: in English,
/// like the CLI it points to.
pub fn warnings_summary(href: &str, count: usize) -> Option<String> {
    let plural = if count == 1 { "" } else { "s" };
    (count > 0).then(|| {
        format!(
            "civicmap: {href} loaded with {count} warning{plural}; run `civicmap check <file>` for the details"
        )
    })
}

/// True when the first non-blank byte opens a JSON object or array (a
/// malformed JSON file then gets the loader's precise diagnostics).
fn looks_like_json(bytes: &[u8]) -> bool {
    let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    matches!(
        rest.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{') | Some(b'[')
    )
}

/// True when the bytes start like an HTML document (`<!doctype html`,
/// `<html`, `<head`, `<body`, or an HTML comment), blanks and BOM skipped.
fn looks_like_html(bytes: &[u8]) -> bool {
    let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = rest
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let head: Vec<u8> = rest
        .iter()
        .skip(start)
        .take(16)
        .map(u8::to_ascii_lowercase)
        .collect();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<!--",
    ]
    .iter()
    .any(|p| head.starts_with(p))
}

/// What a response's `Content-Type` says about its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyType {
    /// JSON (`application/json`, `text/json`, `application/*+json`).
    Json,
    /// Says nothing useful (missing, `text/plain`, `application/octet-stream`
    /// — what many file hosts send): the body is read and sniffed.
    Unknown,
    /// An HTML page: refused before the body is downloaded.
    WebPage,
    /// Anything else (an image, a script, CSV, XML…): refused, with the
    /// type named (its essence, at most 60 printable ASCII characters).
    Other(String),
}

/// Classifies a `Content-Type` header value (parameters such as `charset`
/// ignored, case-insensitive).
pub fn body_type(content_type: Option<&str>) -> BodyType {
    let essence = content_type
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match essence.as_str() {
        "" | "text/plain" | "application/octet-stream" | "binary/octet-stream" => BodyType::Unknown,
        "application/json" | "text/json" | "application/x-json" => BodyType::Json,
        "text/html" | "application/xhtml+xml" => BodyType::WebPage,
        e if e.starts_with("application/") && e.ends_with("+json") => BodyType::Json,
        e => {
            let shown: String = e
                .chars()
                .filter(|c| c.is_ascii_graphic())
                .take(60)
                .collect();
            if shown.is_empty() {
                BodyType::Unknown
            } else {
                BodyType::Other(shown)
            }
        }
    }
}

/// The longest wait for the server's answer, and then for each next piece
/// of the body: a download that makes no progress for this long is
/// stopped (20 s).
pub const STALL_TIMEOUT_MS: u32 = 20_000;
/// The longest a whole download may take, however it progresses (120 s:
/// a 20 MB file at 1.4 Mbit/s).
pub const TOTAL_TIMEOUT_MS: u32 = 120_000;
const _: () = assert!(STALL_TIMEOUT_MS < TOTAL_TIMEOUT_MS);

/// What [`fetch`] needs besides the URL.
pub struct FetchOptions<'a> {
    /// The most bytes accepted, announced or streamed.
    pub cap: u64,
    /// Whether the origin a redirect ended on may be read (the origin of
    /// the URL asked for is checked before the call).
    pub origin_ok: &'a dyn Fn(&str) -> bool,
    /// Aborts the download from outside (a newer load started).
    pub abort: Option<web_sys::AbortController>,
}

/// Fetches `url` (already resolved and checked for origin), reporting
/// `(received, total)` bytes as they arrive. Refuses: more than `cap`
/// bytes, announced or streamed (the download stops as soon as it passes
/// the cap); a redirect to an origin `origin_ok` refuses; an HTML page or
/// another announced type than JSON ([`body_type`]); no answer or no
/// progress for [`STALL_TIMEOUT_MS`]; a download longer than
/// [`TOTAL_TIMEOUT_MS`].
pub async fn fetch(
    url: &str,
    options: &FetchOptions<'_>,
    on_progress: impl Fn(u64, Option<u64>),
) -> Result<Vec<u8>, FetchFailure> {
    let cap = options.cap;
    let unreachable = |e: JsValue| FetchFailure::Unreachable {
        url: url.to_string(),
        detail: browser::js_error_text(&e),
    };
    let w = web_sys::window().ok_or_else(|| unreachable(JsValue::from_str("no window")))?;
    let controller = match &options.abort {
        Some(c) => c.clone(),
        None => web_sys::AbortController::new().map_err(unreachable)?,
    };
    // Which timer fired, if one did; the timers abort the request.
    let fired: Rc<Cell<Option<TimeoutKind>>> = Rc::new(Cell::new(None));
    let arm = |kind: TimeoutKind, ms: u32| {
        let fired = fired.clone();
        let controller = controller.clone();
        Timeout::new(ms, move || {
            if fired.get().is_none() {
                fired.set(Some(kind));
            }
            controller.abort();
        })
    };
    let _total_timer = arm(TimeoutKind::TooLong, TOTAL_TIMEOUT_MS);
    let mut stall_timer = arm(TimeoutKind::NoAnswer, STALL_TIMEOUT_MS);
    let timed_out = |kind: TimeoutKind| FetchFailure::Timeout {
        url: url.to_string(),
        kind,
        seconds: match kind {
            TimeoutKind::TooLong => TOTAL_TIMEOUT_MS / 1000,
            TimeoutKind::NoAnswer | TimeoutKind::Stalled => STALL_TIMEOUT_MS / 1000,
        },
    };

    let signal = controller.signal();
    // The download index.html's early script started for this very address,
    // if any (every check below applies to it alike); else a new one.
    let request = early_download(&w, url, &signal).unwrap_or_else(|| {
        let init = web_sys::RequestInit::new();
        init.set_signal(Some(&signal));
        w.fetch_with_str_and_init(url, &init)
    });
    let resp = match JsFuture::from(request).await {
        Ok(r) => r,
        Err(e) => return Err(fired.get().map(timed_out).unwrap_or_else(|| unreachable(e))),
    };
    let resp: web_sys::Response = resp.dyn_into().map_err(unreachable)?;
    // Stop reading whatever is refused from here on.
    let refuse = |f: FetchFailure| {
        controller.abort();
        Err(f)
    };
    if resp.redirected() {
        let to = resp.url();
        let allowed =
            browser::resolve(&to).is_some_and(|r| r.web && (options.origin_ok)(&r.origin));
        if !allowed {
            return refuse(FetchFailure::OtherOrigin { url: to });
        }
    }
    if !resp.ok() {
        return refuse(FetchFailure::Http {
            url: url.to_string(),
            status: resp.status(),
        });
    }
    let header = |name: &str| resp.headers().get(name).ok().flatten();
    match body_type(header("content-type").as_deref()) {
        BodyType::Json | BodyType::Unknown => {}
        BodyType::WebPage => {
            return refuse(FetchFailure::WebPage {
                url: url.to_string(),
            })
        }
        BodyType::Other(content_type) => {
            return refuse(FetchFailure::WrongType {
                url: url.to_string(),
                content_type,
            })
        }
    }
    let total = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(t) = total {
        if t > cap {
            return refuse(FetchFailure::TooLarge {
                url: url.to_string(),
                announced: Some(t),
                cap,
            });
        }
    }
    on_progress(0, total);
    // From here on the wait is for the body; the old timer is cancelled as
    // it is dropped.
    drop(std::mem::replace(
        &mut stall_timer,
        arm(TimeoutKind::Stalled, STALL_TIMEOUT_MS),
    ));
    // The chunks stay in JS until the end, then are copied once into a
    // buffer of the exact size: a body without Content-Length (compressed
    // on the fly) never doubles a growing buffer in wasm memory, which
    // never shrinks.
    let chunks = js_sys::Array::new();
    let mut received: usize = 0;
    let broke = |e: JsValue, received: usize| {
        fired.get().map(timed_out).unwrap_or_else(|| {
            browser::warn(&format!(
                "civicmap: download of {url} failed: {}",
                browser::js_error_text(&e)
            ));
            FetchFailure::Interrupted {
                url: url.to_string(),
                received: received as u64,
                total,
            }
        })
    };
    let Some(body) = resp.body() else {
        // No stream (very old browser): read it whole, then check the cap.
        let buf = JsFuture::from(resp.array_buffer().map_err(unreachable)?)
            .await
            .map_err(|e| broke(e, 0))?;
        let arr = js_sys::Uint8Array::new(&buf);
        if u64::from(arr.length()) > cap {
            return refuse(FetchFailure::TooLarge {
                url: url.to_string(),
                announced: None,
                cap,
            });
        }
        return Ok(arr.to_vec());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|o: js_sys::Object| unreachable(o.into()))?;
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| broke(e, received))?;
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &JsValue::from_str("value")) {
            if let Some(arr) = value.dyn_ref::<js_sys::Uint8Array>() {
                let len = arr.length() as usize;
                if (received + len) as u64 > cap {
                    let _ = reader.cancel();
                    return refuse(FetchFailure::TooLarge {
                        url: url.to_string(),
                        announced: None,
                        cap,
                    });
                }
                chunks.push(arr);
                received += len;
            }
        }
        // Progress: the stall timer starts again.
        drop(std::mem::replace(
            &mut stall_timer,
            arm(TimeoutKind::Stalled, STALL_TIMEOUT_MS),
        ));
        on_progress(received as u64, total);
    }
    drop(stall_timer);
    let mut bytes: Vec<u8> = vec![0; received];
    let mut start = 0;
    for chunk in chunks.iter() {
        let arr: js_sys::Uint8Array = chunk.unchecked_into();
        let end = start + arr.length() as usize;
        if let Some(dst) = bytes.get_mut(start..end) {
            arr.copy_to(dst);
        }
        start = end;
    }
    Ok(bytes)
}

/// The download `static/early.js` started for exactly `url` before the
/// wasm ran (the config, the dataset), handed over once: aborting `signal`
/// aborts it. `None` when that script started none for this address.
fn early_download(
    w: &web_sys::Window,
    url: &str,
    signal: &web_sys::AbortSignal,
) -> Option<js_sys::Promise> {
    let early = js_sys::Reflect::get(w, &JsValue::from_str("civicmapEarly")).ok()?;
    let take: js_sys::Function = js_sys::Reflect::get(&early, &JsValue::from_str("take"))
        .ok()?
        .dyn_into()
        .ok()?;
    take.call2(&early, &JsValue::from_str(url), signal)
        .ok()?
        .dyn_into()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_summary_line_for_all_warnings() {
        assert_eq!(warnings_summary("data/x.json", 0), None);
        assert_eq!(
            warnings_summary("data/x.json", 21).as_deref(),
            Some("civicmap: data/x.json loaded with 21 warnings; run `civicmap check <file>` for the details")
        );
        assert!(warnings_summary("d", 1).is_some_and(|l| l.contains("1 warning;")));
    }

    #[test]
    fn html_instead_of_json_is_named_as_such() {
        for page in [
            &b"<!doctype html><title>404</title>"[..],
            b"\xEF\xBB\xBF\n  <HTML lang=fr>",
            b"<!-- generated --><html>",
        ] {
            let o = outcome("data/x.json", page, true);
            assert!(
                matches!(o, LoadOutcome::Failed(FetchFailure::WebPage { .. })),
                "{o:?}"
            );
        }
        let o = outcome("data/x.json", b"\x89PNG\r\n\x1a\n", true);
        assert!(matches!(
            o,
            LoadOutcome::Failed(FetchFailure::NotJson { .. })
        ));
        let o = outcome("data/x.json", b"id,name\nx,X\n", true);
        assert!(matches!(
            o,
            LoadOutcome::Failed(FetchFailure::NotJson { .. })
        ));
    }

    #[test]
    fn content_types() {
        for json in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "text/json",
            "application/geo+json",
            "application/ld+json;charset=UTF-8",
        ] {
            assert_eq!(body_type(Some(json)), BodyType::Json, "{json}");
        }
        for unknown in [
            "",
            "text/plain; charset=utf-8",
            "application/octet-stream",
            "binary/octet-stream",
        ] {
            assert_eq!(body_type(Some(unknown)), BodyType::Unknown, "{unknown}");
        }
        assert_eq!(body_type(None), BodyType::Unknown);
        assert_eq!(
            body_type(Some("text/html; charset=utf-8")),
            BodyType::WebPage
        );
        assert_eq!(body_type(Some("application/xhtml+xml")), BodyType::WebPage);
        assert_eq!(
            body_type(Some("image/png")),
            BodyType::Other("image/png".into())
        );
        assert_eq!(
            body_type(Some("text/csv; header=present")),
            BodyType::Other("text/csv".into())
        );
        // A hostile header is shortened and stripped of anything but printable ASCII.
        let long = format!("x/{}\u{202e}<b>", "y".repeat(200));
        match body_type(Some(&long)) {
            BodyType::Other(s) => {
                assert_eq!(s.chars().count(), 60);
                assert!(s.chars().all(|c| c.is_ascii_graphic()));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn malformed_json_lists_the_loader_diagnostics() {
        let o = outcome(
            "data/x.json",
            b"{\"format\": \"civicmap/1\",\n \"actors\": [}",
            false,
        );
        match o {
            LoadOutcome::Invalid(d) => {
                assert!(!d.is_empty());
                assert!(d.iter().any(|d| d.is_error()));
                // Errors are located even when warnings would not be.
                assert!(d.iter().all(|d| d.line.is_some()), "{d:?}");
            }
            other => panic!("expected diagnostics, got {other:?}"),
        }
    }

    #[test]
    fn the_default_dataset_loads_with_its_counts() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/static/data/civic-tech-fr.json"
        ))
        .unwrap();
        let warnings =
            |locate| match outcome(crate::deploy::config::DEFAULT_DATASET, &bytes, locate) {
                LoadOutcome::Ready { dataset, warnings } => {
                    assert_eq!(dataset.actors.len(), 162);
                    assert_eq!(dataset.links.len(), 209);
                    assert!(warnings.iter().all(|w| !w.is_error()));
                    warnings
                }
                other => panic!("default dataset did not load: {other:?}"),
            };
        // Listed to the visitor: each with its line; only counted (the
        // console's one line): the same number, not located.
        let (listed, counted) = (warnings(true), warnings(false));
        assert!(!listed.is_empty());
        assert!(listed
            .iter()
            .all(|w| w.line.is_some() && w.column.is_some()));
        assert_eq!(counted.len(), listed.len());
        assert!(counted.iter().all(|w| w.line.is_none()));
    }

    #[test]
    fn a_dataset_over_the_app_cap_is_refused_not_laid_out() {
        let max = validate::Limits::default().max_actors;
        let actors: Vec<String> = (0..=max)
            .map(|i| format!(r#"{{"id":"a{i}","name":"A{i}","type":"t"}}"#))
            .collect();
        let json = format!(
            r#"{{"format":"civicmap/1","taxonomy":{{"actor_types":[{{"id":"t"}}]}},"actors":[{}],"links":[]}}"#,
            actors.join(",")
        );
        match outcome("data/huge.json", json.as_bytes(), true) {
            LoadOutcome::Invalid(d) => {
                assert!(d
                    .iter()
                    .any(|d| d.code == "too-large" && d.path == "actors"));
            }
            other => panic!("expected too-large, got {other:?}"),
        }
    }

    #[test]
    fn looks_like_json_skips_bom_and_blanks() {
        assert!(looks_like_json(b"\xEF\xBB\xBF  {"));
        assert!(looks_like_json(b"\n[1]"));
        assert!(!looks_like_json(b"<html>"));
        assert!(!looks_like_json(b""));
    }
}
