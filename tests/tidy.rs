//! The repository's house rules, checked on every `cargo test` (as
//! rust-analyzer keeps its own `tidy` test): the pure layers import nothing
//! from the web, every module says what it is in its first line, every source
//! file has its row in ARCHITECTURE.md's code map, no source file grows past
//! 800 lines, and the docs and comments cite only benches and docs that exist.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The crates that only the web build may use.
const WEB_CRATES: [&str; 5] = ["yew", "web_sys", "js_sys", "gloo", "wasm_bindgen"];

/// The layers that must stay pure (natively tested, the same code in wasm).
const PURE: [&str; 3] = ["src/model", "src/deploy", "src/convert"];

const MAX_LINES: usize = 800;

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// Every `.rs` file under `src/`, as (path relative to the root, text).
fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    files_under(&Path::new(ROOT).join("src"), "rs", &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(ROOT)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Whether `text` uses `krate` as a path root (`use yew::…`, `yew::html!`,
/// `::web_sys::…`), ignoring comments.
fn uses_crate(text: &str, krate: &str) -> bool {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .any(|code| {
            let mut rest = code;
            while let Some(at) = rest.find(krate) {
                let before = rest[..at].chars().next_back();
                let after = &rest[at + krate.len()..];
                let starts = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                if starts && (after.starts_with("::") || after.starts_with(';')) {
                    return true;
                }
                rest = &rest[at + krate.len()..];
            }
            false
        })
}

#[test]
fn the_pure_layers_import_nothing_from_the_web() {
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if PURE.iter().any(|p| path.starts_with(p)) {
            for krate in WEB_CRATES {
                if uses_crate(&text, krate) {
                    offenders.push(format!("{path} uses {krate}"));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn the_web_check_sees_a_web_import() {
    // The check above can fail: it sees the imports it forbids.
    assert!(uses_crate("use yew::prelude::*;", "yew"));
    assert!(uses_crate("    let w = web_sys::window();", "web_sys"));
    assert!(!uses_crate("// yew::html! is not used here", "yew"));
    assert!(!uses_crate("let my_yew::x = 1;", "yew"));
}

#[test]
fn every_module_starts_with_a_doc_line() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| !text.trim_start().starts_with("//!"))
        .map(|(path, _)| path)
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a `//!` first line: {missing:#?}"
    );
}

#[test]
fn no_source_file_is_over_800_lines() {
    let long: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| text.lines().count() > MAX_LINES)
        .map(|(path, text)| format!("{path}: {} lines", text.lines().count()))
        .collect();
    assert!(long.is_empty(), "split these files: {long:#?}");
}

/// The code map: the table under `## Code map` in ARCHITECTURE.md.
fn code_map() -> String {
    let text = std::fs::read_to_string(Path::new(ROOT).join("ARCHITECTURE.md")).unwrap();
    let start = text
        .find("## Code map")
        .expect("ARCHITECTURE.md has a `## Code map`");
    let rest = &text[start + 2..];
    let end = rest.find("\n## ").map_or(rest.len(), |e| e);
    rest[..end].to_string()
}

/// Whether the code map names `path`: either the whole path in backticks, or
/// the file's name in a row whose first cell names its directory
/// (`` `src/render/camera.rs`, `labels.rs` ``).
fn named_in(map: &str, path: &str) -> bool {
    if map.contains(&format!("`{path}`")) {
        return true;
    }
    let (dir, file) = path.rsplit_once('/').unwrap();
    map.lines().any(|row| {
        let first = row.split('|').nth(1).unwrap_or("");
        first.contains(&format!("`{dir}/")) && first.contains(&format!("`{file}`"))
    })
}

#[test]
fn every_source_file_is_in_the_code_map() {
    let map = code_map();
    let missing: Vec<String> = sources()
        .into_iter()
        .map(|(path, _)| path)
        // A module's unit tests (`foo/tests.rs`) belong to `foo.rs`'s row.
        .filter(|path| !path.ends_with("/tests.rs"))
        .filter(|path| !named_in(&map, path))
        .collect();
    assert!(
        missing.is_empty(),
        "give these files a row in ARCHITECTURE.md's code map: {missing:#?}"
    );
}

#[test]
fn the_code_map_names_no_file_twice_nor_a_missing_one() {
    let map = code_map();
    let mut seen = Vec::new();
    let mut gone = Vec::new();
    for row in map.lines().filter(|r| r.starts_with("| `")) {
        let first = row.split('|').nth(1).unwrap_or("").trim().to_string();
        if seen.contains(&first) {
            gone.push(format!("twice: {first}"));
        }
        seen.push(first.clone());
        for name in first.split('`').skip(1).step_by(2) {
            // Directory rows (`scripts/`), globs and bare names are fine;
            // a full path must exist.
            if name.contains('/') && !name.contains('*') && !name.contains('<') {
                let p = Path::new(ROOT).join(name.trim_end_matches('/'));
                if !p.exists() {
                    gone.push(format!("missing: {name}"));
                }
            }
        }
    }
    assert!(gone.is_empty(), "{gone:#?}");
}

/// Text files where docs and comments live.
fn prose_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["src", "tests", "benches", "examples", "scripts", "docs"] {
        for ext in ["rs", "md", "mjs", "sh"] {
            let d = Path::new(ROOT).join(dir);
            if d.exists() {
                files_under(&d, ext, &mut out);
            }
        }
    }
    for top in ["README.md", "ARCHITECTURE.md", "CHANGELOG.md"] {
        let p = Path::new(ROOT).join(top);
        if p.exists() {
            out.push(p);
        }
    }
    out.retain(|p| !p.components().any(|c| c.as_os_str() == "e2e-fixtures"));
    out
}

#[test]
fn cited_benches_and_docs_exist() {
    let mut broken = Vec::new();
    for file in prose_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let rel = file.strip_prefix(ROOT).unwrap().display().to_string();
        for (i, _) in text.match_indices("--bench ") {
            let name: String = text[i + 8..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            if !name.is_empty() && !Path::new(ROOT).join(format!("benches/{name}.rs")).exists() {
                broken.push(format!("{rel}: cargo bench --bench {name}"));
            }
        }
        for (i, _) in text.match_indices("docs/") {
            // `../shared/docs/…` is the shared folder beside the repository.
            let before = &text[..i];
            if before.ends_with("shared/") || before.ends_with("./") {
                continue;
            }
            let name: String = text[i..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-'))
                .collect();
            if name.ends_with(".md") && !Path::new(ROOT).join(&name).exists() {
                broken.push(format!("{rel}: {name}"));
            }
        }
    }
    assert!(broken.is_empty(), "cited but not there: {broken:#?}");
}
