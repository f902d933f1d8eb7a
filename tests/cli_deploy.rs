//! `civicmap deploy …`: the web server's security headers, generated from
//! `civicmap.config.json` so that the server and the map never disagree.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

mod cli_run;
use cli_run::{run, stderr, stdout};

/// Writes `json` as a config file in a fresh directory for one test.
fn config_file(name: &str, json: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-deploy")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("civicmap.config.json");
    std::fs::write(&file, json).unwrap();
    file
}

/// The value of one `add_header NAME "VALUE" always;` line.
fn header(include: &str, name: &str) -> Option<String> {
    include.lines().find_map(|l| {
        let rest = l.strip_prefix(&format!("add_header {name} \""))?;
        Some(rest.strip_suffix("\" always;")?.to_string())
    })
}

/// The sources of one CSP directive.
fn directive(csp: &str, name: &str) -> Option<String> {
    csp.split(';').map(str::trim).find_map(|d| {
        let (n, v) = d.split_once(' ')?;
        (n == name).then(|| v.to_string())
    })
}

#[test]
fn deploy_help_has_examples() {
    for args in [
        &["deploy", "--help"][..],
        &["deploy", "nginx-headers", "--help"],
        &["deploy", "csp", "--help"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(stdout(&o).contains("Example"), "{args:?}: {}", stdout(&o));
    }
}

#[test]
fn the_shipped_config_gives_the_strict_default_headers() {
    // Default --config: static/civicmap.config.json, the file Trunk copies to dist/.
    let o = run(&["deploy", "nginx-headers"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let csp = header(&text, "Content-Security-Policy").expect("a CSP line");
    assert_eq!(directive(&csp, "default-src").as_deref(), Some("'none'"));
    assert_eq!(
        directive(&csp, "script-src").as_deref(),
        Some("'self' 'wasm-unsafe-eval'")
    );
    assert_eq!(directive(&csp, "style-src").as_deref(), Some("'self'"));
    assert_eq!(directive(&csp, "connect-src").as_deref(), Some("'self'"));
    // Anyone may frame it (`"*"`): no frame-ancestors directive at all.
    assert_eq!(directive(&csp, "frame-ancestors"), None, "{csp}");
    assert_eq!(directive(&csp, "base-uri").as_deref(), Some("'none'"));
    assert_eq!(directive(&csp, "form-action").as_deref(), Some("'none'"));
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(
        header(&text, "Referrer-Policy").as_deref(),
        Some("strict-origin-when-cross-origin")
    );
    assert_eq!(
        header(&text, "X-Content-Type-Options").as_deref(),
        Some("nosniff")
    );
    // Framing is the point of the map: never X-Frame-Options.
    assert!(!text.to_ascii_lowercase().contains("x-frame-options"));
    // `deploy csp` prints the very same policy.
    let o = run(&["deploy", "csp"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("{csp}\n"));
}

#[test]
fn frame_ancestors_and_connect_src_follow_the_config() {
    let file = config_file(
        "origins",
        r#"{"embed_origins": ["https://Partner.example:443/", "http://localhost:3000"],
            "command_origins": ["https://partner.example"],
            "data_origins": ["https://data.example"],
            "default_dataset": "https://cdn.example/civic.json"}"#,
    );
    let o = run(&[
        "deploy",
        "nginx-headers",
        "--config",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csp = header(&stdout(&o), "Content-Security-Policy").unwrap();
    assert_eq!(
        directive(&csp, "frame-ancestors").as_deref(),
        Some("'self' https://partner.example http://localhost:3000")
    );
    assert_eq!(
        directive(&csp, "connect-src").as_deref(),
        Some("'self' https://data.example https://cdn.example")
    );
    // Commanding the map is not the server's business: no header names it.
    let file = config_file("nobody", r#"{"embed_origins": []}"#);
    let o = run(&["deploy", "csp", "--config", file.to_str().unwrap()]);
    assert_eq!(
        directive(stdout(&o).trim(), "frame-ancestors").as_deref(),
        Some("'none'")
    );
}

#[test]
fn a_config_problem_stops_with_its_warnings_and_prints_nothing() {
    let file = config_file(
        "bad",
        r#"{"embed_origins": "https://partner.example", "data_origins": ["javascript:x"]}"#,
    );
    let o = run(&[
        "deploy",
        "nginx-headers",
        "--config",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "", "a half-right include must not be written");
    let err = stderr(&o);
    assert!(err.contains("`embed_origins` must be an array"), "{err}");
    assert!(err.contains("`data_origins` entry"), "{err}");

    let file = config_file("json", "{ not json");
    let o = run(&["deploy", "csp", "--config", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not valid JSON"), "{}", stderr(&o));

    let o = run(&["deploy", "nginx-headers", "--config", "no/such/file.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("read-error"), "{}", stderr(&o));
}
