#!/usr/bin/env bash
# Measures MapCanvas frame times on the sigma.js demo graph (2,085 actors,
# 5,409 links) in headless Chromium. Needs the wasm32 target, wasm-bindgen-cli
# (= Cargo.lock), chromium, and playwright-core in ./node_modules.
#   scripts/canvas-bench.sh            # prints JSON: draw / interval stats in ms
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(mktemp -d)"
PORT="${PORT:-8197}"
cd "$ROOT"
cargo build --profile web --example canvas_bench --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir "$OUT/pkg" target/wasm32-unknown-unknown/web/examples/canvas_bench.wasm
cat > "$OUT/index.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>canvas bench</title>
<style>html,body{margin:0;height:100%}</style></head>
<body><script type="module">import init from './pkg/canvas_bench.js'; init();</script></body></html>
HTML
python3 -m http.server --bind 127.0.0.1 "$PORT" -d "$OUT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER"; rm -rf "$OUT"' EXIT
sleep 1
node scripts/canvas-bench.mjs "http://127.0.0.1:$PORT/"
