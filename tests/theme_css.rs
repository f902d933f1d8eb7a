//! The stylesheet's two dark-theme blocks — chosen by the app
//! (`:root[data-theme="dark"]`) and by the system before the app has set
//! `data-theme` — must declare the same colours, or the page would change
//! colour as the app starts.

// Test helpers outside #[test] fns may panic on a broken stylesheet.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

fn declarations(css: &str, selector: &str) -> BTreeMap<String, String> {
    let start = css
        .find(selector)
        .unwrap_or_else(|| panic!("{selector} not in app.css"));
    let open = start + css[start..].find('{').unwrap() + 1;
    let close = open + css[open..].find('}').unwrap();
    css[open..close]
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

#[test]
fn the_two_dark_blocks_declare_the_same_colours() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/app.css"))
        .expect("static/app.css");
    let by_app = declarations(&css, ":root[data-theme=\"dark\"] {");
    let by_system = declarations(&css, ":root:not([data-theme]) {");
    assert!(by_app.len() > 10, "{by_app:?}");
    assert_eq!(by_app, by_system);
    // Every variable the light theme sets that is a colour is also set dark.
    let light = declarations(&css, ":root {");
    for (k, v) in &light {
        if v.starts_with('#') {
            assert!(by_app.contains_key(k), "{k} has no dark value");
        }
    }
}
