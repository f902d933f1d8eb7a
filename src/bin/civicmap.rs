//! `civicmap`: the data team's command-line tool (check, stats, import, schema).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(0);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
