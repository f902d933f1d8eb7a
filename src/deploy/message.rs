//! The messages exchanged with the host page through `window.postMessage`
//! (product.md, "Messages with the host page"), as plain JSON text.
//!
//! The UI turns a `MessageEvent`'s data into JSON text and back; everything
//! else — which commands exist, what they carry, how much is accepted — is
//! decided here, natively tested and fuzzed (`fuzz/`, target `host_message`).
//!
//! - accepted: `{"type": "civicmap:set-state", "state": "<query>"}` →
//!   [`decode_host_message`]. Anything else is an error the UI logs as a
//!   console warning and otherwise ignores. Whether the sender's origin may
//!   send commands is the deployment's decision (`command_origins`), checked
//!   by the UI before calling this.
//! - sent: `civicmap:state` ([`encode_state_message`]), `civicmap:select`
//!   ([`encode_select_message`]) and `civicmap:resize`
//!   ([`encode_resize_message`]).
//!
//! The `state` of a command is returned as given; it goes through the same
//! lenient URL decoder as the address bar ([`crate::model::view::url::decode`]), so
//! nothing in it can do more than a shared link could.
//!
//! ```
//! use civicmap::deploy::message::{decode_host_message, encode_select_message, HostCommand};
//! let cmd = decode_host_message(r#"{"type": "civicmap:set-state", "state": "type=startup"}"#);
//! assert_eq!(cmd, Ok(HostCommand::SetState { state: "type=startup".into() }));
//! assert!(decode_host_message(r#"{"type": "civicmap:eval", "code": "alert(1)"}"#).is_err());
//! assert_eq!(encode_select_message(None), r#"{"actor":null,"type":"civicmap:select"}"#);
//! ```

use serde_json::{json, Value};

/// The `type` of the one command the map accepts.
pub const SET_STATE: &str = "civicmap:set-state";
/// The `type` of the state message the map sends.
pub const STATE: &str = "civicmap:state";
/// The `type` of the selection message the map sends.
pub const SELECT: &str = "civicmap:select";

/// The `type` of the size message the map sends (list, timeline and
/// stakes views).
pub const RESIZE: &str = "civicmap:resize";

/// The largest message accepted, in bytes of JSON text. A view state is a
/// query string of a few hundred bytes; 64 KiB leaves room for long id
/// lists while refusing a host page that floods the map.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// A command from the host page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostCommand {
    /// Replace the whole view with this query string (embed mode stays).
    SetState { state: String },
}

/// Why a message from the host page was not taken as a command. The UI
/// shows it as a console warning, with the message's origin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    #[error("the message is larger than {MAX_MESSAGE_BYTES} bytes ({0} bytes)")]
    TooLarge(usize),
    #[error("the message is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("the message is not a JSON object")]
    NotAnObject,
    #[error("the message has no string `type`")]
    MissingType,
    #[error("unknown message type `{0}`; the only command is `{SET_STATE}`")]
    UnknownType(String),
    #[error("`{SET_STATE}` needs a string `state` (a query string)")]
    MissingState,
}

/// Reads a message from the host page. The only accepted command is
/// `{"type": "civicmap:set-state", "state": "<query>"}`; other fields are
/// ignored (forward compatibility), a missing or non-string `state` is an
/// error, and so is every other `type` — including the map's own
/// `civicmap:state` and `civicmap:select`, so a host that echoes them back
/// cannot loop.
///
/// Never panics; messages over [`MAX_MESSAGE_BYTES`] are refused before
/// parsing.
pub fn decode_host_message(json: &str) -> Result<HostCommand, MessageError> {
    if json.len() > MAX_MESSAGE_BYTES {
        return Err(MessageError::TooLarge(json.len()));
    }
    let value: Value =
        serde_json::from_str(json).map_err(|e| MessageError::InvalidJson(e.to_string()))?;
    let Value::Object(map) = value else {
        return Err(MessageError::NotAnObject);
    };
    let Some(Value::String(kind)) = map.get("type") else {
        return Err(MessageError::MissingType);
    };
    if kind != SET_STATE {
        return Err(MessageError::UnknownType(kind.clone()));
    }
    match map.get("state") {
        Some(Value::String(state)) => Ok(HostCommand::SetState {
            state: state.clone(),
        }),
        _ => Err(MessageError::MissingState),
    }
}

/// `{"type": "civicmap:state", "state": "<query>", "visible": {"actors": N, "links": M}}`.
///
/// `query` is the canonical query of the view ([`crate::model::view::url::encode`])
/// without `?` and without `embed`; a leading `?` is dropped if present.
pub fn encode_state_message(query: &str, actors: usize, links: usize) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    json!({
        "type": STATE,
        "state": query,
        "visible": {"actors": actors, "links": links},
    })
    .to_string()
}

/// `{"type": "civicmap:select", "actor": "<id>"}`, or `"actor": null` when
/// the selection is cleared.
pub fn encode_select_message(actor: Option<&str>) -> String {
    json!({"type": SELECT, "actor": actor}).to_string()
}

/// `{"type": "civicmap:resize", "height": <px>}`: the natural height of
/// the page in CSS pixels (whole pixels, rounded up by the caller), so the
/// host can size the frame to show the view without inner scrolling.
pub fn encode_resize_message(height: u32) -> String {
    json!({"type": RESIZE, "height": height}).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> MessageError {
        decode_host_message(json).expect_err(json)
    }

    #[test]
    fn set_state_is_accepted_with_extra_fields_ignored() {
        let got = decode_host_message(
            r#"{"type":"civicmap:set-state","state":"?actor=decidim&depth=2","from":"host","v":2}"#,
        );
        assert_eq!(
            got,
            Ok(HostCommand::SetState {
                state: "?actor=decidim&depth=2".into()
            })
        );
        // An empty state is a valid command: back to the default view.
        assert_eq!(
            decode_host_message(r#"{"type":"civicmap:set-state","state":""}"#),
            Ok(HostCommand::SetState { state: "".into() })
        );
    }

    #[test]
    fn everything_else_is_refused_with_a_reason() {
        assert!(matches!(err("not json"), MessageError::InvalidJson(_)));
        assert!(matches!(err(""), MessageError::InvalidJson(_)));
        assert_eq!(err(r#""civicmap:set-state""#), MessageError::NotAnObject);
        assert_eq!(err("[1,2]"), MessageError::NotAnObject);
        assert_eq!(err("{}"), MessageError::MissingType);
        assert_eq!(
            err(r#"{"type": 3, "state": "x"}"#),
            MessageError::MissingType
        );
        assert_eq!(
            err(r#"{"type":"civicmap:set-state"}"#),
            MessageError::MissingState
        );
        assert_eq!(
            err(r#"{"type":"civicmap:set-state","state":{"q":"x"}}"#),
            MessageError::MissingState
        );
        assert_eq!(
            err(r#"{"type":"civicmap:set-state","state":null}"#),
            MessageError::MissingState
        );
        // Case matters: the contract's type is exact.
        assert_eq!(
            err(r#"{"type":"CIVICMAP:SET-STATE","state":""}"#),
            MessageError::UnknownType("CIVICMAP:SET-STATE".into())
        );
    }

    #[test]
    fn the_maps_own_messages_are_not_commands() {
        let state = encode_state_message("type=startup", 3, 2);
        assert_eq!(err(&state), MessageError::UnknownType(STATE.into()));
        let select = encode_select_message(Some("decidim"));
        assert_eq!(err(&select), MessageError::UnknownType(SELECT.into()));
        let resize = encode_resize_message(900);
        assert_eq!(err(&resize), MessageError::UnknownType(RESIZE.into()));
    }

    #[test]
    fn oversized_messages_are_refused_before_parsing() {
        let big = format!(
            r#"{{"type":"civicmap:set-state","state":"q={}"}}"#,
            "a".repeat(MAX_MESSAGE_BYTES)
        );
        assert_eq!(err(&big), MessageError::TooLarge(big.len()));
        // Deep nesting is a JSON error, not a stack overflow.
        let deep = format!("{}{}", "[".repeat(30_000), "]".repeat(30_000));
        assert!(matches!(err(&deep), MessageError::InvalidJson(_)));
    }

    #[test]
    fn state_message_has_the_contract_shape() {
        let text = encode_state_message("?q=d%C3%A9mocratie&lang=en", 42, 57);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            v,
            json!({"type": "civicmap:state", "state": "q=d%C3%A9mocratie&lang=en",
                   "visible": {"actors": 42, "links": 57}})
        );
    }

    #[test]
    fn select_message_escapes_and_clears() {
        let v: Value = serde_json::from_str(&encode_select_message(Some("a\"</script>"))).unwrap();
        assert_eq!(
            v,
            json!({"type": "civicmap:select", "actor": "a\"</script>"})
        );
        let v: Value = serde_json::from_str(&encode_select_message(None)).unwrap();
        assert_eq!(v, json!({"type": "civicmap:select", "actor": null}));
    }

    #[test]
    fn resize_message_has_the_contract_shape() {
        let v: Value = serde_json::from_str(&encode_resize_message(1234)).unwrap();
        assert_eq!(v, json!({"type": "civicmap:resize", "height": 1234}));
        let v: Value = serde_json::from_str(&encode_resize_message(0)).unwrap();
        assert_eq!(v["height"], json!(0));
        let v: Value = serde_json::from_str(&encode_resize_message(u32::MAX)).unwrap();
        assert_eq!(
            v["height"],
            json!(u32::MAX),
            "a plain JSON number, never a string"
        );
    }
}
