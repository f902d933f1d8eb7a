//! The panic panel in a real browser: should the app panic, the visitor gets
//! a readable panel with a reload button and the details, in the page's
//! language, and the panic message stays text.
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_crash`
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_panic_panel_replaces_the_page_and_keeps_the_message_as_text() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let body = doc.body().unwrap();
    // A stand-in for the page (the runner's own output lives in the real body).
    let root = doc.create_element("div").unwrap();
    body.append_child(&root).unwrap();
    let map = doc.create_element("div").unwrap();
    map.set_id("map-that-died");
    root.append_child(&map).unwrap();

    civicmap::ui::crash::show_in(
        &root,
        "panicked at src/x.rs:1:1: <img src=x onerror=alert(1)>",
    );

    assert!(
        doc.get_element_by_id("map-that-died").is_none(),
        "the dead map is gone"
    );
    let panel = doc
        .query_selector("[data-testid=crash-panel]")
        .unwrap()
        .unwrap();
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    let text = panel.text_content().unwrap();
    assert!(text.contains("Une erreur est survenue"), "{text}");
    assert!(
        text.contains("<img src=x onerror=alert(1)>"),
        "details shown as text: {text}"
    );
    assert!(
        panel.query_selector("img").unwrap().is_none(),
        "no markup from the message"
    );
    let reload = panel
        .query_selector("[data-testid=crash-reload]")
        .unwrap()
        .unwrap();
    assert_eq!(reload.tag_name(), "BUTTON");
    assert_eq!(reload.text_content().unwrap(), "Recharger la carte");

    // In English when the page is.
    doc.document_element()
        .unwrap()
        .set_attribute("lang", "en")
        .unwrap();
    civicmap::ui::crash::show_in(&root, "again");
    let text = doc
        .query_selector("[data-testid=crash-panel]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(text.contains("Something went wrong"), "{text}");
}
