#!/usr/bin/env bash
# End-to-end test of `annalist serve` in headless Chromium: builds the release binary, ingests the
# Kerman corpus (../shared/corpus/kerman-2024; skipped with a message when absent), starts the
# server on a free loopback port and drives it with playwright-core (tests/browser/e2e.mjs); a second
# store of many countries (examples/corpus, and the kit's WikiEvents articles where present) is
# ingested for the map's clusters and the timeline's bars.
# Installs what it needs: Debian's chromium (apt-get, as root) and the npm package (npm ci).
# Screenshots go to target/browser-shots (or $SHOTS).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared="${ANNALIST_SHARED:-$root/../shared}"
corpus="$shared/corpus/kerman-2024"
if [ ! -d "$corpus" ]; then
  echo "browser test: no corpus at $corpus (set ANNALIST_SHARED); skipped"
  exit 0
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium"
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
fi
command -v node >/dev/null || { echo "browser test: node is required"; exit 1; }
echo "== npm ci (tests/browser)"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
echo "== cargo build --release -p annalist"
cargo build --release -p annalist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/annalist ingest --quiet --db "$work/kerman.db" "$corpus"
wide=(examples/corpus)
[ -d "$shared/eval/data/wikievents" ] && wide+=("$shared/eval/data/wikievents")
./target/release/annalist ingest --quiet --db "$work/wide.db" "${wide[@]}" 2>/dev/null
export SHOTS="${SHOTS:-$root/target/browser-shots}"
echo "== headless Chromium"
ANNALIST_BIN="$root/target/release/annalist" ANNALIST_DB="$work/kerman.db" ANNALIST_WIDE_DB="$work/wide.db" node tests/browser/e2e.mjs
