//! Shared by the command-line tests (`tests/cli*.rs`): run the built
//! `civicmap` binary from the crate root and read what it printed.

#![allow(clippy::expect_used, clippy::unwrap_used, dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root, where the binary runs.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs `civicmap <args>` from the crate root.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civicmap"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, empty directory for one test of one suite.
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(suite)
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A path as the `&str` argument the command line takes.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}
