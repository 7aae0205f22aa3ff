#!/usr/bin/env bash
# The Spark job in local mode equals the single machine: on each test corpus, the incidents of
# deploy/spark/annalist_spark.py must be those of `annalist ingest` + `annalist export --what
# incidents` on the same JSON Lines (same ids, same field values). Installs pyspark from PyPI
# into a virtual environment when it is not importable; needs Java 17.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
shared="${ANNALIST_SHARED:-$root/../shared}"
venv="${ANNALIST_SPARK_VENV:-$root/target/spark-venv}"

cargo build --release -p annalist
bin="$root/target/release/annalist"

if ! command -v java >/dev/null; then
  # a fresh Debian machine may lack the JRE Spark runs on
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  echo "installing Debian's openjdk-17-jre-headless for Spark"
  $apt_get update -qq && $apt_get install -y -qq openjdk-17-jre-headless >/dev/null ||
    { echo "Spark needs Java (17): install openjdk-17-jre-headless" >&2; exit 1; }
fi
python=python3
if ! python3 -c 'import pyspark' 2>/dev/null; then
  python="$venv/bin/python"
  if ! "$python" -c 'import pyspark' 2>/dev/null; then
    echo "installing pyspark from PyPI into $venv"
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q pyspark; }; then
      # no venv module (Debian without python3-venv): the user's site-packages instead
      python=python3
      python3 -m pip install -q --user pyspark 2>/dev/null ||
        python3 -m pip install -q --user --break-system-packages pyspark
    fi
  fi
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

corpora=("$root/examples/corpus")
[ -d "$shared/corpus/kerman-2024" ] && corpora+=("$shared/corpus/kerman-2024")
# 2,225 BBC articles: 38 blocks, and ids that repeat across its sections (a later file with the
# same id replaces the earlier one, in the store and in the job)
[ -d "$shared/eval/data/bbc-news/bbc" ] && corpora+=("$shared/eval/data/bbc-news/bbc")

for corpus in "${corpora[@]}"; do
  name=$(basename "$corpus")
  echo "== $name"
  mkdir -p "$out/$name"
  "$python" deploy/spark/to_jsonl.py "$corpus" "$out/$name/corpus.jsonl"
  "$bin" ingest --quiet --db "$out/$name/single.db" "$out/$name/corpus.jsonl"
  "$bin" export --db "$out/$name/single.db" --what incidents -o "$out/$name/single.jsonl"
  "$python" deploy/spark/annalist_spark.py --master 'local[2]' --partitions 3 --binary "$bin" \
    --input "$out/$name/corpus.jsonl" --output "$out/$name/spark" 2> "$out/$name/spark.log" \
    || { tail -n 40 "$out/$name/spark.log"; exit 1; }
  "$python" deploy/spark/compare.py "$out/$name/single.jsonl" "$out/$name/spark"
done

# WARC input: the example corpus as three WARC files, one Spark task each
echo "== examples as WARC"
mkdir -p "$out/warc/in"
"$python" deploy/spark/to_warc.py "$root/examples/corpus" "$out/warc/in/corpus" 3
"$bin" ingest --quiet --db "$out/warc/single.db" "$out/warc/in"
"$bin" export --db "$out/warc/single.db" --what incidents -o "$out/warc/single.jsonl"
"$python" deploy/spark/annalist_spark.py --master 'local[2]' --partitions 3 --format warc --binary "$bin" \
  --input "$out/warc/in" --output "$out/warc/spark" 2> "$out/warc/spark.log" \
  || { tail -n 40 "$out/warc/spark.log"; exit 1; }
"$python" deploy/spark/compare.py "$out/warc/single.jsonl" "$out/warc/spark"
