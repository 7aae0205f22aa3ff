#!/usr/bin/env bash
# The project's test command: every crate's unit and integration tests.
# Tests that read the real articles find them in ../shared (beside the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --all-targets "$@"
