#!/usr/bin/env bash
# Benchmarks (not part of test.sh): every figure of issue 11 for civicmap and
# for the newest sigma.js + graphology (+ ForceAtlas2) on the same data, in the
# same headless Chromium, served by nginx with deploy/nginx.conf (brotli):
# code transferred, ready times (desktop and phone profile), the gap between
# the dataset's arrival and ready, frame times while zooming and panning, tab
# memory, a filter change on 10,000 actors, layout quality. Writes the tables
# into docs/performance.md (between its bench marks) and artifacts/bench.json.
#   ./scripts/bench.sh                        # 5 cold loads per scenario and profile
#   RUNS=3 RUNS_BIG=1 ./scripts/bench.sh      # fewer loads (RUNS_BIG: the 50,000-actor graph)
#   SCENARIOS=default,demo-pos PROFILES=desktop ./scripts/bench.sh   # a subset
#   BIG=20000x80000 ./scripts/bench.sh        # another size for the generated graph
#   SIGMA_BIG=0 ./scripts/bench.sh            # skip sigma.js on the generated graph
#   NO_BUILD=1 ./scripts/bench.sh             # measure the dist/ already built
#   NO_BUILD=1 DIST=/other/dist MD=/tmp/before.md ./scripts/bench.sh   # an older build, for before/after
# Scenarios: default demo-pos demo-layout large-pos large-layout big-pos filter.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
[ -n "${NO_BUILD:-}" ] || bash scripts/setup.sh

SHARED="${CIVICMAP_SHARED:-$ROOT/../shared}"
DEMO="$SHARED/datasets/sigma-demo-wikipedia-dataviz.json"
LARGE="$SHARED/datasets/sigma-large-graph-10k.json"
for f in "$DEMO" "$LARGE"; do
  [ -f "$f" ] || die "$f not found (the shared data must sit beside the repository as ../shared)"
done
OUT="${CARGO_TARGET_DIR:-$ROOT/target}/bench"
mkdir -p "$OUT" "$ROOT/artifacts"

if [ -z "${NO_BUILD:-}" ]; then
  log "trunk build --release"
  trunk build --release || die "trunk build --release"
  log "cargo build --release --bin civicmap"
  cargo build --release --quiet --bin civicmap || die "cargo build --release --bin civicmap"
fi
CLI="${CARGO_TARGET_DIR:-$ROOT/target}/release/civicmap"
[ -x "$CLI" ] || die "$CLI not built"

log "civicmap import sigma (the two public graphs)"
"$CLI" import sigma "$DEMO" -o "$OUT/demo.civicmap.json" || die "civicmap import sigma $DEMO"
"$CLI" import sigma "$LARGE" -o "$OUT/large.civicmap.json" || die "civicmap import sigma $LARGE"

log "measuring in headless Chromium (${RUNS:-5} cold loads per scenario and profile, ${RUNS_BIG:-2} on the big graph)"
node tests/e2e/bench.mjs --dist "${DIST:-dist}" --cli "$CLI" --runs "${RUNS:-5}" --runs-big "${RUNS_BIG:-2}" \
  --big "${BIG:-50000x200000}" \
  --demo "$DEMO" --demo-converted "$OUT/demo.civicmap.json" \
  --large "$LARGE" --large-converted "$OUT/large.civicmap.json" \
  --json "${JSON_OUT:-artifacts/bench.json}" --md "${MD:-docs/performance.md}"
