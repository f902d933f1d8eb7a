#!/usr/bin/env bash
# Benchmarks (not part of test.sh): load time to the civicmap:ready mark and
# frame times while zooming and panning, for the default dataset and for the
# 2,085-actor sigma.js demo graph, with a sigma.js baseline on the same graph.
#   ./scripts/bench.sh                 # 5 cold loads per scenario
#   RUNS=10 ./scripts/bench.sh         # more loads
# Prints a table; also writes artifacts/bench.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/setup.sh

SHARED="${CIVICMAP_SHARED:-$ROOT/../shared}"
SIGMA_SRC="$SHARED/datasets/sigma-demo-wikipedia-dataviz.json"
[ -f "$SIGMA_SRC" ] || die "$SIGMA_SRC not found (the shared data must sit beside the repository as ../shared)"
OUT="$ROOT/target/bench"
mkdir -p "$OUT" "$ROOT/artifacts"

log "trunk build --release"
trunk build --release || die "trunk build --release"

log "civicmap import sigma → $OUT/sigma-demo.civicmap.json"
cargo run --release --quiet --bin civicmap -- import sigma "$SIGMA_SRC" -o "$OUT/sigma-demo.civicmap.json" \
  || die "civicmap import sigma"

log "wasm size: $(stat -c %s dist/*.wasm | head -n 1) bytes raw, $(gzip -9 -c dist/*.wasm | wc -c) bytes gzip -9"
log "measuring in headless Chromium (${RUNS:-5} cold loads per scenario)"
node tests/e2e/bench.mjs --dist dist --runs "${RUNS:-5}" --json artifacts/bench.json \
  --extra "bench/sigma-demo.civicmap.json=$OUT/sigma-demo.civicmap.json" \
  --extra "bench/sigma-demo.json=$SIGMA_SRC"
