#!/usr/bin/env bash
# Builds the web app (release) and serves it on http://127.0.0.1:8080 (offline).
#   ./scripts/serve.sh            # port 8080
#   PORT=9000 ./scripts/serve.sh  # another port
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
PORT="${PORT:-8080}"
log "trunk build --release"
trunk build --release || die "trunk build --release"
log "serving dist/ on http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
# Trunk's server serves .wasm as application/wasm; --no-autoreload keeps it a plain static server.
web_build_env
exec trunk serve --release --offline --address 127.0.0.1 --port "$PORT" --no-autoreload
