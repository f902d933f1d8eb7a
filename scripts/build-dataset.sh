#!/usr/bin/env bash
# Rebuilds the default dataset static/data/civic-tech-fr.json from the fact
# sheet (../shared/data/facts) and the hand-written data/taxonomy.json and
# data/meta.json. The JSON is generated, never hand-edited:
# tests/default_dataset.rs fails when the committed file differs from what
# this script writes.
#
# The map's own layout then writes every actor's position into the file
# (`civicmap layout`): the map opens with them and runs no layout, which
# saves the phone ~150 ms before `civicmap:ready` (docs/performance.md).
#
# Usage: scripts/build-dataset.sh [FACTS_DIR]   (default: ../shared/data/facts)
set -euo pipefail
cd "$(dirname "$0")/.."
facts="${1:-../shared/data/facts}"
mkdir -p static/data
cargo run --quiet --release --bin civicmap -- import csv \
  --actors "$facts/actors.csv" \
  --links "$facts/links.csv" \
  --events "$facts/timeline.csv" \
  --stakes "$facts/issues.csv" \
  --taxonomy data/taxonomy.json \
  --meta data/meta.json \
  -o static/data/civic-tech-fr.json
cargo run --quiet --release --bin civicmap -- layout static/data/civic-tech-fr.json \
  -o static/data/civic-tech-fr.json
cargo run --quiet --release --bin civicmap -- check static/data/civic-tech-fr.json
