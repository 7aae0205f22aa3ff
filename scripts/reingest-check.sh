#!/usr/bin/env bash
# Re-ingesting a corpus changes nothing: Reuters-21578 (from the evaluation kit, turned into JSON
# Lines here, never committed) is ingested into a fresh store, then again; the exported ledger and
# documents and every row of the store's content tables must be identical after both runs.
#
#     bash scripts/reingest-check.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-${ANNALIST_SHARED:-$(pwd)/../shared}}"
xml="$shared/eval/data/reuters21578/reuters21578-xml"
if [ ! -d "$xml" ]; then
  echo "no Reuters-21578 at $xml; skipped"
  exit 0
fi
cargo build --release -p annalist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$xml" "$work/reuters.jsonl" <<'PY'
import html, json, pathlib, re, sys
src, out = pathlib.Path(sys.argv[1]), open(sys.argv[2], "w", encoding="utf-8")
field = lambda tag, rec: (m.group(1) if (m := re.search(rf"<{tag}>(.*?)</{tag}>", rec, re.S)) else None)
n = 0
for path in sorted(src.glob("*.xml")):
    for rec in path.read_text(encoding="utf-8", errors="replace").split("<REUTERS ")[1:]:
        newid = re.search(r'NEWID="(\d+)"', rec)
        body = field("BODY", rec)
        if not newid or not body:
            continue
        title = field("TITLE", rec)
        when = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", field("DATE", rec) or "")
        months = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
        date = when and f"{when.group(3)}-{months.index(when.group(2)) + 1:02d}-{int(when.group(1)):02d}"
        # a paragraph starts with an indented line; wrapped lines join it
        paragraphs = []
        for line in html.unescape(body).replace("\x03", "").splitlines():
            if not line.strip():
                continue
            if line[:1].isspace() or not paragraphs:
                paragraphs.append(line.strip())
            else:
                paragraphs[-1] += " " + line.strip()
        text = "\n".join(paragraphs)
        out.write(json.dumps({"id": f"reuters-{newid.group(1)}", "title": title and html.unescape(title), "date": date, "text": text}) + "\n")
        n += 1
print(f"{n} Reuters stories as JSON Lines")
PY

dump() {
  ./target/release/annalist export --db "$work/r.db" --what incidents -o "$work/incidents.$1.jsonl"
  ./target/release/annalist export --db "$work/r.db" --what documents -o "$work/documents.$1.jsonl"
  python3 - "$work/r.db" "$work/tables.$1.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w") as out:
    for table in ("documents", "frames", "incidents"):
        cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] != "seq"]
        for row in sorted(db.execute(f"SELECT {', '.join(cols)} FROM {table}"), key=repr):
            out.write(f"{table}\t{row!r}\n")
PY
}

./target/release/annalist ingest --quiet --db "$work/r.db" "$work/reuters.jsonl"
dump 1
./target/release/annalist ingest --quiet --db "$work/r.db" "$work/reuters.jsonl"
dump 2
for f in incidents documents tables; do
  ext=jsonl
  [ "$f" = tables ] && ext=txt
  if ! cmp -s "$work/$f.1.$ext" "$work/$f.2.$ext"; then
    echo "re-ingest changed the $f:"
    diff "$work/$f.1.$ext" "$work/$f.2.$ext" | head -20
    exit 1
  fi
done
echo "re-ingest: identical ($(wc -l < "$work/incidents.1.jsonl") incidents, $(wc -l < "$work/documents.1.jsonl") documents, $(wc -l < "$work/tables.1.txt") stored rows)"
