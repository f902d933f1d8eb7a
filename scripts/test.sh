#!/usr/bin/env bash
# The whole test pipeline, as CI runs it (.ci/run calls this script):
#   setup → fmt → clippy (host) → clippy (wasm32) → native tests → wasm tests in
#   headless Chromium → trunk build --release → Playwright end-to-end tests
#   against dist/ served by nginx (deploy/nginx.conf) on a free loopback port.
# Stops at the first failing step and says which one.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

STEP=0
STEPS=8
T0=$SECONDS
step() {
  local name="$1"
  shift
  STEP=$((STEP + 1))
  log "[$STEP/$STEPS] $name"
  local t=$SECONDS rc=0
  "$@" || rc=$?
  if [ "$rc" -ne 0 ]; then
    die "step $STEP/$STEPS \"$name\" failed (exit $rc) — command: $*"
  fi
  log "[$STEP/$STEPS] $name: ok ($((SECONDS - t)) s)"
}

SERVER_PID=""
SERVER_DIR=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$SERVER_DIR" ]; then rm -rf "$SERVER_DIR"; fi
}
trap cleanup EXIT INT TERM

wasm_tests() {
  local targets=()
  local f
  for f in tests/wasm_*.rs; do
    [ -e "$f" ] || continue
    targets+=(--test "$(basename "$f" .rs)")
  done
  if [ "${#targets[@]}" -eq 0 ]; then
    echo "no tests/wasm_*.rs: nothing is tested in the browser" >&2
    return 1
  fi
  # Only the browser test targets (tests/wasm_*.rs, each `#![cfg(target_arch = "wasm32")]`
  # and `wasm_bindgen_test_configure!(run_in_browser)`); the lib's unit tests run natively.
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/webdriver.json" \
    cargo test --target wasm32-unknown-unknown "${targets[@]}"
}

e2e_tests() {
  SERVER_DIR="$(mktemp -d)"
  # The CLI generates nginx's security headers from the site's config
  # (tests/e2e/nginx.mjs runs it with `cargo run`): build it first.
  cargo build --quiet --locked --bin civicmap || return 1
  # Serves dist/ plus the e2e fixtures (copied beside it, never into dist/)
  # behind a real nginx configured with deploy/nginx.conf and the headers
  # `civicmap deploy nginx-headers` generates from dist/civicmap.config.json.
  node tests/e2e/nginx.mjs --dist dist >"$SERVER_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  local url="" i
  for i in $(seq 1 600); do
    url="$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$SERVER_DIR/server.log" | head -n 1)"
    [ -n "$url" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    cat "$SERVER_DIR/server.log" >&2
    echo "nginx did not start" >&2
    return 1
  fi
  echo "serving dist/ behind nginx at $url"
  CIVICMAP_BASE_URL="$url" node --test --test-concurrency=1 --test-reporter=spec tests/e2e/*.test.mjs
}

step "setup (tools, npm, crates)" bash scripts/setup.sh
step "cargo fmt --check" cargo fmt --check
step "clippy (host)" cargo clippy --all-targets -- -D warnings
step "clippy (wasm32)" cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
step "native tests" cargo test
step "wasm tests (headless Chromium)" wasm_tests
step "trunk build --release" trunk build --release
step "end-to-end tests (Playwright, headless Chromium)" e2e_tests

log "all $STEPS steps passed in $((SECONDS - T0)) s"
