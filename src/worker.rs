//! The Web Worker's entry point (wasm32): answers the page's layout and
//! measures requests (`civicmap::work::worker`).

#[cfg(target_arch = "wasm32")]
fn main() {
    civicmap::work::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "civicmap-worker is the browser app's Web Worker: `trunk build` builds it (see README.md)."
    );
}
