//! The accessibility statement has one source, `docs/accessibility.md`; the
//! app links to its rendering, `static/accessibility.html`, which Trunk
//! copies beside `index.html`. This test renders the Markdown and checks the
//! committed page is that rendering. After editing the Markdown:
//!
//! ```sh
//! UPDATE_STATEMENT=1 cargo test --test statement
//! ```

#![cfg(not(target_arch = "wasm32"))]
// A test helper outside #[test] fns may panic on a missing file.
#![allow(clippy::expect_used)]

use pulldown_cmark::{html, Options, Parser};

const SOURCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/accessibility.md");
const PAGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/static/accessibility.html");

/// The page: the rendered Markdown in a minimal document, with a way back
/// to the map in both languages.
fn render(markdown: &str) -> String {
    let mut body = String::new();
    html::push_html(&mut body, Parser::new_ext(markdown, Options::ENABLE_TABLES));
    format!(
        r#"<!doctype html>
<!-- Generated from docs/accessibility.md by tests/statement.rs: edit the Markdown, then run
     UPDATE_STATEMENT=1 cargo test --test statement -->
<html lang="fr">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <meta name="color-scheme" content="light dark" />
  <title>Déclaration d'accessibilité — Accessibility statement</title>
  <link rel="stylesheet" href="accessibility.css" />
</head>
<body>
<nav class="back" aria-label="Retour / Back">
  <a href="./">Retour à la carte</a> · <a href="./?lang=en" lang="en">Back to the map</a>
</nav>
<main>
{body}</main>
</body>
</html>
"#
    )
}

#[test]
fn the_shipped_statement_is_the_rendered_markdown() {
    let markdown = std::fs::read_to_string(SOURCE).expect("docs/accessibility.md");
    let want = render(&markdown);
    if std::env::var_os("UPDATE_STATEMENT").is_some() {
        std::fs::write(PAGE, &want).expect("write static/accessibility.html");
        return;
    }
    let got = std::fs::read_to_string(PAGE).unwrap_or_default();
    assert!(
        got == want,
        "static/accessibility.html is not the rendering of docs/accessibility.md: \
         run `UPDATE_STATEMENT=1 cargo test --test statement` and commit the page"
    );
}

#[test]
fn the_statement_says_what_a_statement_must() {
    let markdown = std::fs::read_to_string(SOURCE).expect("docs/accessibility.md");
    // RGAA's statement model: status, results, non-accessible content,
    // how it was established, feedback and contact, recourse — in French
    // and in English.
    for part in [
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Établissement de cette déclaration",
        "Retour d'information et contact",
        "Voies de recours",
        "Conformity status",
        "What was tested, and how",
        "Known limitations",
        "Feedback and contact",
    ] {
        assert!(markdown.contains(part), "{part}");
    }
    // Every language section is marked for assistive technologies.
    assert!(markdown.contains(r#"<section lang="fr""#));
    assert!(markdown.contains(r#"<section lang="en""#));
}
