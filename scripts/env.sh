# shellcheck shell=bash
# Common environment for the civicmap scripts: sourced, never run.
# Puts the cargo-installed tools, the npm tools and (when needed) a local Node
# on PATH, and defines the logging helpers.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$ROOT/node_modules/.bin:$ROOT/.tools/node/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

# Pinned tool versions (wasm-bindgen-cli follows Cargo.lock).
TRUNK_VERSION="0.21.14"
NODE_MIN_MAJOR=20
NODE_FALLBACK_VERSION="20.20.2"

# The web build (Trunk, wasm32 only: Trunk always passes --target) compiles
# Rust's standard library from source, for size (`-Z build-std` with std's
# `optimize_for_size` feature), and without the source locations of panics
# (`-Z location-detail=none`: the crash panel keeps the message): 28 KB less
# wasm at brotli 11 (docs/performance.md, "Where the bytes go"). These are
# unstable Cargo options; RUSTC_BOOTSTRAP lets the pinned stable toolchain
# take them, and rust-src (scripts/setup.sh) is the library's source. Only
# Trunk's builds get them: host builds and tests keep the prebuilt library.
web_build_env() {
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  # No reference types: wasm-bindgen then keeps JS values in its JS heap
  # instead of an externref table, whose table.fill Debian binaryen's
  # wasm-split (scripts/split-wasm.mjs) cannot read; 1.2 KB less code, too.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zlocation-detail=none -Ctarget-feature=-reference-types"
}
trunk() { (web_build_env && command trunk "$@"); }

log() { printf '\033[1;34m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

# The wasm-bindgen version Cargo.lock resolved (the CLI must match it exactly).
wasm_bindgen_locked_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
