#!/usr/bin/env bash
# Builds the release archive civicmap-<version>.tar.gz (version from
# Cargo.toml), what a data team deploys (docs/deploy.md):
#
#   civicmap-<version>/
#     INSTALL.md                  root and sub-path installs, upgrades (docs/INSTALL.md)
#     CHANGELOG.md                what each version changes for partners
#     site/                       the web app: dist/ of `trunk build --release`
#     nginx/civicmap.conf         the recommended nginx sites (deploy/nginx.conf)
#     nginx/civicmap-headers.conf the security headers generated from
#                                 site/civicmap.config.json by the CLI below
#     schema/civicmap-1.json      the JSON Schema of the dataset format
#     bin/civicmap                the command-line tool, Linux x86-64, release build
#     SHA256SUMS                  `sha256sum -c SHA256SUMS` checks every file above
#
# Usage: ./scripts/release.sh [--dist DIR] [--cli FILE] [--out DIR]
#   --dist DIR   use this already-built site instead of running `trunk build --release`
#   --cli FILE   use this already-built CLI instead of `cargo build --release`
#   --out DIR    where to write the archive (default: target/release-archive)
# Prints the archive's path on the last line of stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

DIST=""
CLI=""
OUT="$ROOT/target/release-archive"
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) DIST="$(cd "$2" && pwd)"; shift 2 ;;
    --cli) CLI="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --out) mkdir -p "$2"; OUT="$(cd "$2" && pwd)"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

# The [package] version of Cargo.toml (the first `version =` line).
VERSION="$(awk -F'"' '/^version = "/ { print $2; exit }' Cargo.toml)"
[ -n "$VERSION" ] || die "no version in Cargo.toml"
NAME="civicmap-$VERSION"
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "the archive ships a Linux x86-64 CLI: build it on Linux x86-64"
command -v sha256sum >/dev/null || die "sha256sum is missing (coreutils)"

if [ -z "$DIST" ]; then
  log "trunk build --release"
  trunk build --release
  DIST="$ROOT/dist"
fi
[ -f "$DIST/index.html" ] || die "$DIST/index.html not found"
if [ -z "$CLI" ]; then
  log "cargo build --release --bin civicmap"
  cargo build --release --locked --bin civicmap
  CLI="${CARGO_TARGET_DIR:-$ROOT/target}/release/civicmap"
fi
[ -x "$CLI" ] || die "$CLI is not an executable"

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
DIR="$STAGE/$NAME"
mkdir -p "$DIR/site" "$DIR/nginx" "$DIR/schema" "$DIR/bin"

cp -R "$DIST/." "$DIR/site/"
rm -rf "$DIR/site/.stage"
cp deploy/nginx.conf "$DIR/nginx/civicmap.conf"
"$CLI" deploy nginx-headers --config "$DIR/site/civicmap.config.json" \
  | sed "s|$DIR/||" >"$DIR/nginx/civicmap-headers.conf"
"$CLI" schema >"$DIR/schema/civicmap-1.json"
cp "$CLI" "$DIR/bin/civicmap"
strip "$DIR/bin/civicmap" 2>/dev/null || true
sed "s/@VERSION@/$VERSION/g" docs/INSTALL.md >"$DIR/INSTALL.md"
cp CHANGELOG.md "$DIR/CHANGELOG.md"

# Checksums of every file, relative to the archive's folder, in a stable order.
(cd "$DIR" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum >SHA256SUMS)

# A reproducible archive: sorted names, one owner, the last commit's date, no gzip timestamp.
EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
ARCHIVE="$OUT/$NAME.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$EPOCH" \
  -C "$STAGE" -cf - "$NAME" | gzip -n -9 >"$ARCHIVE"
(cd "$OUT" && sha256sum "$NAME.tar.gz" >"$NAME.tar.gz.sha256")
log "$NAME: $(du -h "$ARCHIVE" | cut -f1), $(wc -l <"$DIR/SHA256SUMS") files checked by SHA256SUMS"
echo "$ARCHIVE"
