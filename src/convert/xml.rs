//! A bounded, entity-free XML reader shared by the GEXF and GraphML
//! importers, and the escaping their writers use.
//!
//! The file is read with `quick-xml` into a small tree of [`Element`]s, each
//! with the line it starts on. What a hostile file could use is refused with
//! an error that names its line: a `<!DOCTYPE>` (so no entity declaration,
//! no entity expansion, no external entity is ever read), a reference to an
//! entity other than the five predefined ones and character references,
//! more than [`Limits::max_depth`] nested elements, more than
//! [`Limits::max_elements`] elements, a file over [`Limits::max_bytes`].

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Bounds on what the reader accepts.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
    pub max_elements: usize,
}

impl Limits {
    /// 64 MiB, 64 levels, 2 million elements: far above any real map.
    pub const DEFAULT: Limits = Limits {
        max_bytes: 64 << 20,
        max_depth: 64,
        max_elements: 2_000_000,
    };
}

/// One XML element: its local name (prefix dropped), its attributes by local
/// name (values unescaped), its children, its text, its first line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
    pub line: usize,
}

impl Element {
    /// The value of the attribute `name` (local name), if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The children named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// Why a file could not be read, and where (1-based line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub line: usize,
    pub message: String,
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

/// Counts lines as the reader moves forward.
struct Lines<'a> {
    text: &'a str,
    upto: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: u64) -> usize {
        let end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if end > self.upto {
            let chunk = self.text.as_bytes().get(self.upto..end).unwrap_or_default();
            self.line += chunk.iter().filter(|&&b| b == b'\n').count();
            self.upto = end;
        }
        self.line
    }
}

fn element(start: &BytesStart<'_>, line: usize) -> Result<Element, XmlError> {
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| XmlError {
            line,
            message: format!("malformed attribute: {e}"),
        })?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| XmlError {
                line,
                message: format!(
                    "attribute `{}`: {e} (only &lt; &gt; &amp; &quot; &apos; and &#…; are allowed)",
                    local(attr.key.as_ref())
                ),
            })?;
        attrs.push((local(attr.key.as_ref()), value.into_owned()));
    }
    Ok(Element {
        name: local(start.name().as_ref()),
        attrs,
        children: Vec::new(),
        text: String::new(),
        line,
    })
}

/// Decodes the bytes of a file as UTF-8 (a BOM is skipped). Other encodings
/// are refused with the line of the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<&str, XmlError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
        XmlError {
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            message: format!(
                "the file is not UTF-8 (byte {}); save it as UTF-8",
                e.valid_up_to()
            ),
        }
    })
}

/// Reads a whole document; returns its root element.
pub fn parse(text: &str, limits: &Limits) -> Result<Element, XmlError> {
    if text.len() > limits.max_bytes {
        return Err(XmlError {
            line: 1,
            message: format!(
                "the file is {} bytes, over the limit of {} bytes",
                text.len(),
                limits.max_bytes
            ),
        });
    }
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut lines = Lines {
        text,
        upto: 0,
        line: 1,
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    loop {
        let start = reader.buffer_position();
        let event = reader.read_event();
        let line = lines.at(start);
        let err = |message: String| XmlError { line, message };
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                let line = lines.at(reader.error_position());
                return Err(XmlError {
                    line,
                    message: format!("malformed XML: {e}"),
                });
            }
        };
        match event {
            Event::DocType(_) => {
                return Err(err(
                    "a <!DOCTYPE> is not accepted (entity declarations could expand or read \
                     other files); remove it"
                        .into(),
                ))
            }
            Event::Start(s) | Event::Empty(s) if root.is_some() => {
                return Err(err(format!(
                    "<{}> after the end of the root element",
                    local(s.name().as_ref())
                )))
            }
            Event::Start(s) => {
                count += 1;
                if count > limits.max_elements {
                    return Err(err(format!(
                        "more than {} elements: the file is too large",
                        limits.max_elements
                    )));
                }
                if stack.len() >= limits.max_depth {
                    return Err(err(format!(
                        "elements nested more than {} deep",
                        limits.max_depth
                    )));
                }
                stack.push(element(&s, line)?);
            }
            Event::Empty(s) => {
                count += 1;
                if count > limits.max_elements {
                    return Err(err(format!(
                        "more than {} elements: the file is too large",
                        limits.max_elements
                    )));
                }
                let el = element(&s, line)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(err("a closing tag with no opening tag".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => {
                let s = t.xml10_content();
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&s);
                } else if !s.trim().is_empty() {
                    return Err(err("text outside the root element".into()));
                }
            }
            Event::CData(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                let resolved: Cow<'_, str> = match r.resolve_char_ref() {
                    Ok(Some(c)) => Cow::Owned(c.to_string()),
                    Ok(None) => {
                        let name = r.to_string();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => Cow::Borrowed(s),
                            None => {
                                return Err(err(format!(
                                    "the entity `&{name};` is not defined (entities are not \
                                     expanded; only &lt; &gt; &amp; &quot; &apos; and &#…;)"
                                )))
                            }
                        }
                    }
                    Err(e) => return Err(err(format!("bad character reference: {e}"))),
                };
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&resolved);
                }
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(XmlError {
            line: open.line,
            message: format!("<{}> is never closed", open.name),
        });
    }
    root.ok_or(XmlError {
        line: 1,
        message: "no XML element in the file".into(),
    })
}

/// Escapes text for an attribute value or element content: `& < > " '`
/// and the line breaks and tabs (kept exact through attribute
/// normalisation); characters XML 1.0 cannot hold are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], appended to `out`.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn doctype_and_entities_are_refused_with_their_line() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<x>&a;</x>";
        let e = parse(bomb, &Limits::DEFAULT).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("DOCTYPE"));
        let e = parse("<x>\n&a;</x>", &Limits::DEFAULT).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("&a;"));
        let e = parse("<x a=\"&ext;\"/>", &Limits::DEFAULT).unwrap_err();
        assert!(e.message.contains("attribute"), "{}", e.message);
    }

    #[test]
    fn depth_and_count_are_bounded() {
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert!(parse(&deep, &Limits::DEFAULT)
            .unwrap_err()
            .message
            .contains("nested"));
        let many = format!("<a>{}</a>", "<b/>".repeat(20));
        let small = Limits {
            max_elements: 10,
            ..Limits::DEFAULT
        };
        assert!(parse(&many, &small)
            .unwrap_err()
            .message
            .contains("too large"));
    }

    #[test]
    fn escaped_values_come_back_exactly() {
        let value = "a & b <c> \"d\" 'e'\nline 2\ttab  two spaces =1+1";
        let doc = format!("<x v=\"{}\">{}</x>", escape(value), escape(value));
        let root = parse(&doc, &Limits::DEFAULT).unwrap();
        assert_eq!(root.attr("v"), Some(value));
        assert_eq!(root.text, value);
    }

    #[test]
    fn lines_are_counted() {
        let root = parse("<a>\n  <b/>\n\n  <c>\n</c></a>", &Limits::DEFAULT).unwrap();
        assert_eq!(root.children[0].line, 2);
        assert_eq!(root.children[1].line, 4);
        let e = parse("<a>\n<b>\n</a>", &Limits::DEFAULT).unwrap_err();
        assert_eq!(e.line, 3, "{}", e.message);
    }
}
