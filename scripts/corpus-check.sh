#!/usr/bin/env bash
# The whole-corpus no-crash check: every document of every set in the evaluation kit's data/
# (BBC, Reuters, MUC-4, ACLED, GTD, WikiEvents, CASE 2021, the article-extraction HTML pages,
# GeoWebNews/LGL/TR-News, Wikipedia and Mother Jones descriptions) goes through
# `annalist extract` and `annalist ingest` (a temporary store); the check fails on any panic a
# stage's boundary caught, on a frame span off its text or a quote unequal to its sentence, and on
# an exported evidence quote unequal to the bytes start..end of its document's stored text.
# Sets kept as JSON, JSON Lines, CSV or TSV are converted record by record to JSON Lines
# ({id, text}, the text as it is; scripts/corpus_check.py); the others are read as they lie.
#
#     bash scripts/corpus-check.sh [SHARED]      # default ../shared (or ANNALIST_SHARED)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-${ANNALIST_SHARED:-../shared}}"
data="$shared/eval/data"
if [ ! -d "$data" ]; then
  echo "no evaluation data at $data; skipped"
  exit 0
fi
bin=./target/release/annalist
[ -x "$bin" ] || cargo build --release -p annalist
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/corpus_check.py convert "$data" "$tmp/converted"
inputs=("$tmp/converted")
for set in bbc-news reuters21578 article-extraction/html geoparsing; do
  [ -d "$data/$set" ] && inputs+=("$data/$set")
done
status=0
start=$SECONDS
"$bin" extract -o "$tmp/extracted.jsonl" "${inputs[@]}" 2>"$tmp/extract.err" || status=1
echo "extract: $(tail -n 1 "$tmp/extract.err") ($((SECONDS - start)) s)"
python3 scripts/corpus_check.py frames "$tmp/extracted.jsonl" || status=1
start=$SECONDS
"$bin" ingest --quiet --db "$tmp/corpus.db" "${inputs[@]}" >"$tmp/ingest.out" 2>"$tmp/ingest.err" || status=1
echo "ingest: $(tail -n 1 "$tmp/ingest.out") ($((SECONDS - start)) s)"
"$bin" export --db "$tmp/corpus.db" --what documents -o "$tmp/documents.jsonl" 2>/dev/null || status=1
"$bin" export --db "$tmp/corpus.db" --what incidents -o "$tmp/incidents.jsonl" 2>/dev/null || status=1
python3 scripts/corpus_check.py quotes "$tmp/documents.jsonl" "$tmp/incidents.jsonl" || status=1
panics=$(cat "$tmp/extract.err" "$tmp/ingest.err" | grep -c ": panic in " || true)
echo "panics caught: $panics"
if [ "$panics" -gt 0 ]; then
  grep -h ": panic in " "$tmp/extract.err" "$tmp/ingest.err" | cut -c1-400 | head -n 10
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "corpus check FAILED"
else
  echo "corpus check passed"
fi
exit "$status"
