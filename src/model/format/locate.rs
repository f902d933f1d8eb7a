//! From a JSON path (`actors[12].type`) to a place in the file (line, column).
//!
//! `serde_json` reports positions only for syntax and type errors; the
//! semantic checks work on the parsed dataset and name the value they are
//! about by its JSON path. This module finds that value in the original text
//! with a small scanner.
//!
//! - **Lines** are 1-based and counted by `\n` (so CRLF files count right).
//! - **Columns** are 1-based and count *characters* (Unicode scalar values),
//!   not bytes: `"é"` is one column, as in most editors. A UTF-8 byte order
//!   mark is not part of the text given here (the loader strips it).
//! - The scanner is iterative (an explicit stack, no recursion), reads each
//!   byte once, and never panics, whatever the text: on malformed JSON it
//!   simply finds less.
//! - With duplicate keys in an object, the *last* one wins, as in
//!   `serde_json`.
//!
//! Path syntax: keys joined by `.`, array indices in brackets; `""` is the
//! whole document. Keys may not contain `.` or `[`.
//!
//! The loader's diagnostics get their places here too: [`locate_all`] for
//! the checks' paths, [`syntax_error`] for `serde_json`'s byte positions.
//!
//! ```
//! use civicmap::model::format::locate::locate;
//! let text = "{\n  \"actors\": [\n    {\"id\": \"a\", \"type\": \"x\"}\n  ]\n}";
//! assert_eq!(locate(text, "actors[0].type"), Some((3, 25)));
//! assert_eq!(locate(text, "actors[1]"), None);
//! ```

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::format::diagnostic::{Diagnostic, Severity};

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Splits `a.b[3].c` into segments; `None` if the path is malformed.
fn parse_path(path: &str) -> Option<Vec<Seg>> {
    let mut segs = Vec::new();
    let mut rest = path;
    let mut first = true;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let close = after.find(']')?;
            let index = after.get(..close)?.parse().ok()?;
            segs.push(Seg::Index(index));
            rest = after.get(close + 1..)?;
        } else {
            let body = if first { rest } else { rest.strip_prefix('.')? };
            let end = body.find(['.', '[']).unwrap_or(body.len());
            let key = body.get(..end)?;
            if key.is_empty() {
                return None;
            }
            segs.push(Seg::Key(key.to_string()));
            rest = body.get(end..)?;
        }
        first = false;
    }
    Some(segs)
}

/// The trie of the paths asked for: node 0 is the document root.
#[derive(Default)]
struct Trie {
    children: HashMap<(usize, Seg), usize>,
    /// Whether a node has children (to skip values nobody asked about).
    has_children: Vec<bool>,
    parent: Vec<Option<usize>>,
    /// Byte offset of the value at this node, once found.
    found: Vec<Option<usize>>,
}

impl Trie {
    fn new() -> Self {
        Trie {
            children: HashMap::new(),
            has_children: vec![false],
            parent: vec![None],
            found: vec![None],
        }
    }

    fn insert(&mut self, segs: Vec<Seg>) -> usize {
        let mut node = 0;
        for seg in segs {
            let next = self.has_children.len();
            let child = *self.children.entry((node, seg)).or_insert(next);
            if child == next {
                self.has_children.push(false);
                self.parent.push(Some(node));
                self.found.push(None);
            }
            if let Some(h) = self.has_children.get_mut(node) {
                *h = true;
            }
            node = child;
        }
        node
    }

    fn child(&self, node: usize, seg: Seg) -> Option<usize> {
        self.children.get(&(node, seg)).copied()
    }

    fn wants_inside(&self, node: usize) -> bool {
        self.has_children.get(node).copied().unwrap_or(false)
    }

    fn set_found(&mut self, node: usize, offset: usize) {
        if let Some(f) = self.found.get_mut(node) {
            *f = Some(offset);
        }
    }

    fn found(&self, node: usize) -> Option<usize> {
        self.found.get(node).copied().flatten()
    }

    /// The offset of `node`, else of its nearest found ancestor.
    fn nearest(&self, mut node: usize) -> Option<usize> {
        loop {
            if let Some(offset) = self.found(node) {
                return Some(offset);
            }
            node = self.parent.get(node).copied().flatten()?;
        }
    }
}

/// A byte cursor over the text. Every access is checked.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// At an opening quote: moves past the closing quote and returns the raw
    /// content between the quotes.
    fn skip_string(&mut self) -> Option<&'a str> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.pos + 1;
        let mut i = start;
        loop {
            match self.bytes.get(i)? {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        self.pos = i + 1;
        self.text.get(start..i)
    }

    /// At an object key: returns the decoded key and moves past the `:`.
    fn read_key(&mut self) -> Option<Cow<'a, str>> {
        let raw = self.skip_string()?;
        let key = if raw.contains('\\') {
            Cow::Owned(serde_json::from_str::<String>(&format!("\"{raw}\"")).ok()?)
        } else {
            Cow::Borrowed(raw)
        };
        self.skip_ws();
        if self.peek() != Some(b':') {
            return None;
        }
        self.pos += 1;
        self.skip_ws();
        Some(key)
    }

    /// Skips one value (scalar or container) without recursion.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => {
                    self.skip_string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.pos += 1;
                }
                _ => {
                    // A scalar, a comma, a colon or whitespace.
                    let at_scalar = depth == 0;
                    while let Some(b) = self.peek() {
                        if matches!(b, b'"' | b'{' | b'[' | b'}' | b']') {
                            break;
                        }
                        if at_scalar && matches!(b, b',' | b' ' | b'\t' | b'\n' | b'\r') {
                            break;
                        }
                        self.pos += 1;
                    }
                    if at_scalar {
                        return Some(());
                    }
                    continue;
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

struct Frame {
    node: usize,
    is_object: bool,
    index: usize,
}

/// How many values the array under each of `keys` of the top-level object
/// holds (`None`: no such key, not an array, or malformed JSON before its
/// end). With duplicate keys the last one counts, as in `serde_json`. One
/// pass over the text, without recursion; never panics.
///
/// ```
/// use civicmap::model::format::locate::array_lengths;
/// let text = r#"{"actors": [{"id": "a"}, {"id": "b,]"}], "links": [], "x": 1}"#;
/// assert_eq!(array_lengths(text, &["actors", "links", "x", "y"]), [Some(2), Some(0), None, None]);
/// ```
pub fn array_lengths(text: &str, keys: &[&str]) -> Vec<Option<usize>> {
    let mut found = vec![None; keys.len()];
    let mut sc = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let _ = count_arrays(&mut sc, keys, &mut found);
    found
}

fn count_arrays(sc: &mut Scanner<'_>, keys: &[&str], found: &mut [Option<usize>]) -> Option<()> {
    sc.skip_ws();
    if sc.peek()? != b'{' {
        return None;
    }
    sc.pos += 1;
    loop {
        sc.skip_ws();
        match sc.peek()? {
            b'}' => return Some(()),
            b',' => {
                sc.pos += 1;
                sc.skip_ws();
            }
            _ => {}
        }
        let key = sc.read_key()?;
        let slot = keys.iter().position(|k| *k == key);
        if let (Some(i), Some(b'[')) = (slot, sc.peek()) {
            sc.pos += 1;
            let mut n = 0usize;
            loop {
                sc.skip_ws();
                match sc.peek()? {
                    b']' => {
                        sc.pos += 1;
                        break;
                    }
                    b',' => sc.pos += 1,
                    _ => {
                        sc.skip_value()?;
                        n += 1;
                    }
                }
            }
            if let Some(f) = found.get_mut(i) {
                *f = Some(n);
            }
        } else {
            if let Some(f) = slot.and_then(|i| found.get_mut(i)) {
                *f = None;
            }
            sc.skip_value()?;
        }
    }
}

/// One pass over `text` filling `trie.found` for every node it can reach.
fn scan(text: &str, trie: &mut Trie) {
    let mut sc = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    // `None` means the scan is over (end of text or malformed JSON).
    let _ = scan_inner(&mut sc, trie);
}

fn scan_inner(sc: &mut Scanner<'_>, trie: &mut Trie) -> Option<()> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut node = 0usize;
    loop {
        // At the start of a value whose path is `node`.
        sc.skip_ws();
        trie.set_found(node, sc.pos);
        match sc.peek()? {
            b @ (b'{' | b'[') if trie.wants_inside(node) => {
                sc.pos += 1;
                stack.push(Frame {
                    node,
                    is_object: b == b'{',
                    index: 0,
                });
            }
            _ => sc.skip_value()?,
        }
        // Find the next value someone asked about.
        node = loop {
            let frame = stack.last_mut()?;
            sc.skip_ws();
            match sc.peek()? {
                b'}' | b']' => {
                    sc.pos += 1;
                    stack.pop();
                    continue;
                }
                b',' if frame.index > 0 => {
                    sc.pos += 1;
                    sc.skip_ws();
                }
                _ if frame.index > 0 => return None,
                _ => {}
            }
            let seg = if frame.is_object {
                Seg::Key(sc.read_key()?.into_owned())
            } else {
                Seg::Index(frame.index)
            };
            frame.index += 1;
            match trie.child(frame.node, seg) {
                Some(child) => break child,
                None => {
                    sc.skip_ws();
                    sc.skip_value()?;
                }
            }
        };
    }
}

/// Converts byte offsets into 1-based (line, column in characters), in one
/// pass over the text whatever the number of offsets.
pub fn line_columns(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    let at = |i: usize| offsets.get(i).copied().unwrap_or(0);
    crate::model::order::sort_indices(&mut order, &|a, b| at(a).cmp(&at(b)));
    let mut out = vec![(1, 1); offsets.len()];
    let bytes = text.as_bytes();
    let (mut pos, mut line, mut col) = (0usize, 1usize, 1usize);
    for i in order {
        let target = offsets.get(i).copied().unwrap_or(0).min(bytes.len());
        while pos < target {
            match bytes.get(pos) {
                Some(b'\n') => {
                    line += 1;
                    col = 1;
                }
                // UTF-8 continuation bytes do not start a character.
                Some(&b) if b & 0xC0 != 0x80 => col += 1,
                _ => {}
            }
            pos += 1;
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = (line, col);
        }
    }
    out
}

/// Finds many paths at once: for each path, the byte offset of its value, or
/// (when the path does not exist, e.g. a missing field) of its nearest
/// existing ancestor; `None` only if not even the root can be found or the
/// path is malformed.
///
/// Complexity: one pass over the text plus O(k log k) for k paths.
pub fn offsets_nearest(text: &str, paths: &[&str]) -> Vec<Option<usize>> {
    let mut trie = Trie::new();
    let nodes: Vec<Option<usize>> = paths
        .iter()
        .map(|p| parse_path(p).map(|segs| trie.insert(segs)))
        .collect();
    scan(text, &mut trie);
    nodes
        .into_iter()
        .map(|n| n.and_then(|n| trie.nearest(n)))
        .collect()
}

/// The 1-based (line, column) of the value at `path` in `text`, or `None`
/// when the path is not in the document. Columns count characters.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let segs = parse_path(path)?;
    let mut trie = Trie::new();
    let node = trie.insert(segs);
    scan(text, &mut trie);
    let offset = trie.found(node)?;
    line_columns(text, &[offset]).first().copied()
}

/// Like [`locate`], but falls back to the nearest enclosing value that
/// exists (the object a missing field belongs to).
pub fn locate_nearest(text: &str, path: &str) -> Option<(usize, usize)> {
    let offset = offsets_nearest(text, &[path]).first().copied().flatten()?;
    line_columns(text, &[offset]).first().copied()
}

/// A `serde_json` syntax error, with its position converted to characters.
pub fn syntax_error(text: &str, e: &serde_json::Error) -> Diagnostic {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full.get(..i).unwrap_or(&full),
        None => &full,
    };
    let mut d = Diagnostic::error(
        "invalid-json",
        "",
        format!("the file is not valid JSON: {message}"),
    );
    // serde_json counts lines by '\n' and columns in bytes, 1-based for the
    // offending byte; find that byte, then count characters.
    let line_start = if e.line() <= 1 {
        Some(0)
    } else {
        text.match_indices('\n')
            .nth(e.line() - 2)
            .map(|(i, _)| i + 1)
    };
    let offset = line_start.map_or(text.len(), |s| {
        let mut o = (s + e.column().saturating_sub(1)).min(text.len());
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    });
    let (line, column) = line_columns(text, &[offset])
        .first()
        .copied()
        .unwrap_or((1, 1));
    d.line = Some(line);
    d.column = Some(column);
    d
}

/// Fills in line and column for every diagnostic, then orders them: errors
/// first, then warnings, each in file order.
pub fn locate_all(text: &str, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diagnostics.is_empty() {
        return diagnostics;
    }
    let paths: Vec<&str> = diagnostics.iter().map(|d| d.path.as_str()).collect();
    let offsets = offsets_nearest(text, &paths);
    let resolved: Vec<usize> = offsets.iter().map(|o| o.unwrap_or(0)).collect();
    let positions = line_columns(text, &resolved);
    let mut keyed: Vec<(Severity, usize, Diagnostic)> = diagnostics
        .drain(..)
        .zip(resolved.iter().zip(positions))
        .map(|(mut d, (&offset, (line, column)))| {
            d.line = Some(line);
            d.column = Some(column);
            (d.severity, offset, d)
        })
        .collect();
    keyed.sort_by_key(|(severity, offset, _)| (*severity, *offset));
    keyed.into_iter().map(|(_, _, d)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, path: &str, expected: Option<(usize, usize)>) {
        assert_eq!(locate(text, path), expected, "path {path:?} in {text:?}");
    }

    #[test]
    fn finds_values_by_path() {
        let text = r#"{"a": {"b": [10, {"c": "x"}, [1, 2]]}, "d": true}"#;
        check(text, "", Some((1, 1)));
        check(text, "a", Some((1, 7)));
        check(text, "a.b", Some((1, 13)));
        check(text, "a.b[0]", Some((1, 14)));
        check(text, "a.b[1].c", Some((1, 24)));
        check(text, "a.b[2][1]", Some((1, 34)));
        check(text, "d", Some((1, 45)));
        check(text, "a.b[3]", None);
        check(text, "a.z", None);
        check(text, "d.e", None);
    }

    #[test]
    fn counts_lines_and_characters_not_bytes() {
        let text = "{\r\n\"é\": \"ça\",\r\n  \"k\": [\"déjà\", 2]\r\n}";
        check(text, "é", Some((2, 6)));
        check(text, "k[1]", Some((3, 17)));
    }

    #[test]
    fn strings_with_brackets_and_escapes_do_not_confuse_it() {
        let text = r#"{"x": "a\"]}{[", "y\u0031": [ "]", "\\" , 3 ]}"#;
        check(text, "y1[2]", Some((1, 43)));
        check(text, "y1[1]", Some((1, 36)));
    }

    #[test]
    fn counts_the_top_level_arrays_whatever_their_contents() {
        let text = r#" {"actors" : [ {"a": [1, {"]": "}"}]}, "x\"]", 3, null ],
            "links": [1], "links": [[], [[]], {}], "events": {"n": [1]} }"#;
        let n = array_lengths(text, &["actors", "links", "events", "stakes"]);
        assert_eq!(n, [Some(4), Some(3), None, None]);
        // The last duplicate counts, even when it is not an array.
        assert_eq!(
            array_lengths(r#"{"links": [1, 2], "links": 5}"#, &["links"]),
            [None]
        );
        // Malformed or truncated text, or not an object: no count, no panic.
        for bad in [
            "",
            "[1, 2]",
            r#"{"links": [1, 2"#,
            r#"{"links" [1]}"#,
            "{\"links\": [1,",
        ] {
            assert_eq!(array_lengths(bad, &["links"]), [None], "{bad}");
        }
        // A complete array before the text breaks is counted.
        assert_eq!(
            array_lengths(r#"{"links": [1, 2], "x": "#, &["links"]),
            [Some(2)]
        );
    }

    #[test]
    fn last_duplicate_key_wins_like_serde_json() {
        check(r#"{"a": 1, "a": 2}"#, "a", Some((1, 15)));
    }

    #[test]
    fn missing_field_falls_back_to_its_object() {
        let text = "{\"actors\": [\n  {\"id\": \"a\"}\n]}";
        assert_eq!(locate_nearest(text, "actors[0].name"), Some((2, 3)));
        assert_eq!(locate(text, "actors[0].name"), None);
    }

    #[test]
    fn malformed_input_or_path_gives_none_without_panic() {
        for text in [
            "",
            "{",
            "[",
            "{\"a\":",
            "\"unterminated",
            "}}}",
            "{\"a\" 1}",
        ] {
            let _ = locate(text, "a[0].b");
            let _ = locate_nearest(text, "a");
        }
        check("{}", "a..b", None);
        check("{}", "a[x]", None);
        check("[1]", "[0", None);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let deep = "[".repeat(200_000) + &"]".repeat(200_000);
        assert_eq!(locate(&deep, "[0][0]"), Some((1, 3)));
        let path = "[0]".repeat(100_000);
        assert_eq!(locate(&deep, &path), Some((1, 100_001)));
    }
}
