#!/usr/bin/env bash
# Fuzzes every parser that reads outside bytes (the targets in fuzz/): WARC, JSON Lines, news
# archives (Reuters SGML, LDC <DOC>), CSV/TSV tables, sniffed
# and compressed inputs, the HTML and text cleaners, the date and number normalisers, the API's
# query strings. libFuzzer (from the libfuzzer-sys crate) on the stable toolchain: the coverage
# instrumentation is stable rustc flags, so neither nightly nor cargo-fuzz is needed, only a C++
# compiler to build libFuzzer itself.
#
#   bash scripts/fuzz.sh [SECONDS]        each target for SECONDS (default 60)
#   FUZZ_TARGETS="warc html" bash scripts/fuzz.sh 30
#   FUZZ_FEATURES=extract FUZZ_TARGETS=extract bash scripts/fuzz.sh 60   (extraction, on purpose)
#
# Fails when any target crashes, panics, runs out of memory (2 GiB) or takes over 10 s on one
# input; the input is left in fuzz/artifacts/ (reproduce: fuzz/target/*/release/TARGET FILE).
# The corpus grows in fuzz/corpus/ (not committed) from the seeds in fuzz/seeds/; with the
# evaluation kit beside the repository, libFuzzer gets a dictionary of its sets' words (-dict).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
targets="${FUZZ_TARGETS:-warc jsonl archive table sniffed html text dates numbers query}"
shared="${ANNALIST_SHARED:-$(pwd)/../shared}"

if ! command -v c++ >/dev/null 2>&1; then
  echo "fuzz: installing a C++ compiler (libFuzzer is C++)"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq && $sudo apt-get install -y -qq g++ >/dev/null
fi

host=$(rustc -vV | sed -n 's/^host: //p')
# what cargo-fuzz passes with --sanitizer none; --target keeps them off build scripts
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
echo "fuzz: building the targets ($host)"
features=()
[ -n "${FUZZ_FEATURES:-}" ] && features=(--features "$FUZZ_FEATURES")
cargo build --quiet --release --manifest-path fuzz/Cargo.toml --target "$host" --bins "${features[@]}"
bin="fuzz/target/$host/release"

mkdir -p fuzz/artifacts
# a dictionary of the evaluation kit's words, so that mutations start from real text (made
# here from ../shared each time: the repository holds none of its words)
dict_args=()
if [ -d "$shared/eval/data" ] && command -v python3 >/dev/null 2>&1; then
  python3 scripts/corpus_check.py dict "$shared/eval/data" fuzz/artifacts/words.dict
  dict_args=(-dict=fuzz/artifacts/words.dict)
fi
failed=()
summary=""
for t in $targets; do
  corpus="fuzz/corpus/$t"
  mkdir -p "$corpus"
  cp -n fuzz/seeds/"$t"/* "$corpus"/ 2>/dev/null || true
  # real articles join the text corpora where the evaluation kit is beside the repository
  if [ -d "$shared/corpus/kerman-2024" ] && [[ "$t" == text || "$t" == sniffed ]]; then
    cp -n "$shared"/corpus/kerman-2024/*.txt "$corpus"/ 2>/dev/null || true
  fi
  log="fuzz/artifacts/$t.log"
  echo "fuzz: $t for ${seconds}s"
  rc=0
  "$bin/$t" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t-" "${dict_args[@]}" >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  if [ "$rc" != 0 ]; then
    failed+=("$t")
    echo "fuzz: $t FAILED (exit $rc); the end of $log:"
    tail -n 40 "$log"
    summary+=$(printf '%-8s %12s %6s  CRASH: %s\n' "$t" "${runs:-?}" "${cov:-?}" "$(ls -t fuzz/artifacts/"$t"-* 2>/dev/null | head -n 1)")$'\n'
  else
    summary+=$(printf '%-8s %12s %6s  ok\n' "$t" "${runs:-?}" "${cov:-?}")$'\n'
  fi
done
echo
printf '%-8s %12s %6s  %s\n' target executions cover result
printf '%s' "$summary"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]}"
  exit 1
fi
