//! Fetching a dataset with progress, then reading it with
//! `model::validate::load_with_limits` (the very code the command-line
//! checker runs, with the app's caps on actors and links so that a huge
//! file is refused instead of freezing the tab).
//!
//! The pure part — turning the bytes and the loader's diagnostics into what
//! the app shows — is [`outcome`], tested natively; the fetch itself is a
//! small `web_sys` loop over the response body's reader.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::browser;
use super::i18n::FetchFailure;
use crate::model::config::{Config, MAX_CONFIG_BYTES};
use crate::model::dataset::Dataset;
use crate::model::diagnostic::Diagnostic;
use crate::model::validate;

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
        Some(r) => match fetch(&r.url, MAX_CONFIG_BYTES as u64, |_, _| {}).await {
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

/// What became of a load.
#[derive(Debug, Clone)]
pub enum Outcome {
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
/// the app shows. `url` is only used in messages.
pub fn outcome(url: &str, bytes: &[u8]) -> Outcome {
    let loaded = validate::load_with_limits(bytes, &validate::Limits::default());
    match loaded.dataset {
        Some(ds) => Outcome::Ready {
            dataset: Rc::new(ds),
            warnings: loaded
                .diagnostics
                .into_iter()
                .filter(|d| !d.is_error())
                .collect(),
        },
        None => {
            // A file that is not JSON at all (an HTML error page, an image)
            // gets one clear sentence rather than a parser message.
            if !looks_like_json(bytes)
                && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err()
            {
                Outcome::Failed(FetchFailure::NotJson {
                    url: url.to_string(),
                })
            } else {
                Outcome::Invalid(loaded.diagnostics)
            }
        }
    }
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

/// Fetches `url` (already resolved and checked for origin), reporting
/// `(received, total)` bytes as they arrive; refuses more than `cap` bytes,
/// announced or streamed.
pub async fn fetch(
    url: &str,
    cap: u64,
    on_progress: impl Fn(u64, Option<u64>),
) -> Result<Vec<u8>, FetchFailure> {
    let unreachable = |e: JsValue| FetchFailure::Unreachable {
        url: url.to_string(),
        detail: browser::js_error_text(&e),
    };
    let w = web_sys::window().ok_or_else(|| unreachable(JsValue::from_str("no window")))?;
    let resp = JsFuture::from(w.fetch_with_str(url))
        .await
        .map_err(unreachable)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(unreachable)?;
    if !resp.ok() {
        return Err(FetchFailure::Http {
            url: url.to_string(),
            status: resp.status(),
        });
    }
    let total = resp
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(t) = total {
        if t > cap {
            return Err(FetchFailure::TooLarge {
                url: url.to_string(),
                bytes: t,
                cap,
            });
        }
    }
    on_progress(0, total);
    let Some(body) = resp.body() else {
        // No stream (very old browser): read it whole.
        let buf = JsFuture::from(resp.array_buffer().map_err(unreachable)?)
            .await
            .map_err(unreachable)?;
        return Ok(js_sys::Uint8Array::new(&buf).to_vec());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|o: js_sys::Object| unreachable(o.into()))?;
    let mut bytes: Vec<u8> = Vec::with_capacity(
        total
            .and_then(|t| usize::try_from(t).ok())
            .unwrap_or(64 * 1024),
    );
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(unreachable)?;
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &JsValue::from_str("value")) {
            if let Some(arr) = value.dyn_ref::<js_sys::Uint8Array>() {
                let start = bytes.len();
                bytes.resize(start + arr.length() as usize, 0);
                if let Some(dst) = bytes.get_mut(start..) {
                    arr.copy_to(dst);
                }
            }
        }
        let received = bytes.len() as u64;
        if received > cap {
            let _ = reader.cancel();
            return Err(FetchFailure::TooLarge {
                url: url.to_string(),
                bytes: received,
                cap,
            });
        }
        on_progress(received, total);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_instead_of_json_is_named_as_such() {
        let o = outcome("data/x.json", b"<!doctype html><title>404</title>");
        assert!(matches!(o, Outcome::Failed(FetchFailure::NotJson { .. })));
    }

    #[test]
    fn malformed_json_lists_the_loader_diagnostics() {
        let o = outcome(
            "data/x.json",
            b"{\"format\": \"civicmap/1\",\n \"actors\": [}",
        );
        match o {
            Outcome::Invalid(d) => {
                assert!(!d.is_empty());
                assert!(d.iter().any(|d| d.is_error()));
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
        match outcome(crate::model::config::DEFAULT_DATASET, &bytes) {
            Outcome::Ready { dataset, warnings } => {
                assert_eq!(dataset.actors.len(), 162);
                assert_eq!(dataset.links.len(), 209);
                assert!(warnings.iter().all(|w| !w.is_error()));
            }
            other => panic!("default dataset did not load: {other:?}"),
        }
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
        match outcome("data/huge.json", json.as_bytes()) {
            Outcome::Invalid(d) => {
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
