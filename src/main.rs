//! The web app's entry point (wasm32): installs the panic hook and mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    civicmap::ui::crash::install();
    yew::Renderer::<civicmap::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("civicmap-web is the browser app: build it with `trunk build` (see README.md).");
}
