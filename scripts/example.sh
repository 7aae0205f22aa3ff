#!/usr/bin/env bash
# The main job on the bundled example corpus: build, ingest examples/corpus into example.db,
# print the incident ledger. Re-running it changes nothing (ids are content hashes).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p annalist
db="${1:-example.db}"
./target/release/annalist ingest --db "$db" examples/corpus
./target/release/annalist incidents --db "$db"
