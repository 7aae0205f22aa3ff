#!/usr/bin/env python3
"""Helpers of scripts/corpus-check.sh (Python 3 standard library only).

  corpus_check.py convert DATA OUT      every record of the sets kept as JSON, JSON Lines, CSV or
                                        TSV becomes one JSON line {id, text} under OUT/SET.jsonl:
                                        the record's own id and its longest text field, as it is
                                        (a format conversion; the text is not touched)
  corpus_check.py quotes DOCS INCIDENTS every evidence quote equals the bytes start..end of its
                                        document's exported text; prints the count, exits 1 on a
                                        mismatch
  corpus_check.py frames EXTRACTED      the same for every span of `annalist extract`'s frames
  corpus_check.py dict DATA OUT         a libFuzzer dictionary of the sets' most frequent words
                                        (made at fuzz time by scripts/fuzz.sh; never committed)
"""
import csv, json, os, sys

# sets read from their raw files by annalist itself (text, XML, gzipped HTML)
RAW = {"bbc-news", "reuters21578", "article-extraction", "geoparsing"}  # (article-extraction: its html/ only)
SKIP = {"recognizers"}  # date and number spec cases: not articles
ID_KEYS = ("id", "doc_id", "docid", "event_id_cnty", "data_id", "case", "eventid")


def records(path):
    name = path.lower()
    if name.endswith((".jsonl", ".jsonlines")):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.strip()
                if line:
                    try:
                        yield json.loads(line)
                    except ValueError:
                        pass
    elif name.endswith(".json"):
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            raw = f.read()
        try:
            data = json.loads(raw)
        except ValueError:  # JSON Lines under a .json name
            data = [json.loads(l) for l in raw.splitlines() if l.strip().startswith("{")]
        items = data if isinstance(data, list) else [v for vs in data.values() if isinstance(vs, list) for v in vs] if isinstance(data, dict) else []
        yield from (i for i in items if isinstance(i, dict))
    elif name.endswith((".csv", ".tsv")):
        csv.field_size_limit(1 << 26)
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            yield from csv.DictReader(f, delimiter="\t" if name.endswith(".tsv") else ",")


def convert(data, out):
    os.makedirs(out, exist_ok=True)
    total = 0
    for s in sorted(os.listdir(data)):
        if s in RAW or s in SKIP or not os.path.isdir(os.path.join(data, s)):
            continue
        n = 0
        with open(os.path.join(out, s + ".jsonl"), "w", encoding="utf-8") as w:
            for root, _, files in sorted(os.walk(os.path.join(data, s))):
                for fname in sorted(files):
                    for i, r in enumerate(records(os.path.join(root, fname))):
                        texts = [v for v in r.values() if isinstance(v, str)]
                        if not texts:
                            continue
                        text = max(texts, key=len)
                        if len(text) < 20:
                            continue
                        rid = next((str(r[k]) for k in ID_KEYS if r.get(k) not in (None, "")), None)
                        rid = f"{s}/{fname}/{rid if rid is not None else i}/{i}"
                        w.write(json.dumps({"id": rid, "text": text}, ensure_ascii=False) + "\n")
                        n += 1
        print(f"{s}: {n} records", file=sys.stderr)
        total += n
    print(f"converted {total} records", file=sys.stderr)


def check_quotes(docs, incidents):
    texts = {}
    with open(docs, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = d["text"].encode("utf-8")
    n = bad = 0
    with open(incidents, encoding="utf-8") as f:
        for line in f:
            for e in json.loads(line).get("evidence", []):
                n += 1
                text = texts.get(e["document"])
                if text is None or text[e["start"]:e["end"]].decode("utf-8", "replace") != e["quote"]:
                    bad += 1
                    if bad <= 5:
                        print(f"mismatch: {e['document']} {e['start']}..{e['end']} {e['quote'][:80]!r}", file=sys.stderr)
    print(f"evidence quotes: {n} checked, {bad} not equal to their slice")
    return bad == 0


def spans(value):
    """Every (start, end, quote-or-None) in a frame: spans and the sentences beside their text."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) and len(value) == 2:
            yield value["start"], value["end"], None
        if isinstance(value.get("sentence"), dict) and isinstance(value.get("quote"), str):
            s = value["sentence"]
            yield s.get("start"), s.get("end"), value["quote"]
        for v in value.values():
            yield from spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from spans(v)


def check_frames(path):
    n = bad = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = d["text"].encode("utf-8")
            for start, end, quote in spans(d.get("frames", [])):
                n += 1
                ok = isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
                if ok:
                    try:
                        piece = text[start:end].decode("utf-8")
                    except UnicodeDecodeError:
                        ok = False  # off a char boundary
                    else:
                        ok = quote is None or piece == quote
                if not ok:
                    bad += 1
                    if bad <= 5:
                        print(f"bad span: {d['id']} {start}..{end}", file=sys.stderr)
    print(f"frame spans: {n} checked, {bad} off their text")
    return bad == 0


def fuzz_dict(data, out, words=2000, per_set=2 << 20):
    import collections, re
    counts = collections.Counter()
    word = re.compile(r"[A-Za-z][A-Za-z'-]{2,19}")
    for s in sorted(os.listdir(data)):
        budget = per_set
        for root, _, files in sorted(os.walk(os.path.join(data, s))):
            for fname in sorted(files):
                if budget <= 0 or not fname.lower().endswith((".txt", ".xml", ".jsonl", ".jsonlines", ".csv", ".tsv", ".json")):
                    continue
                with open(os.path.join(root, fname), encoding="utf-8", errors="replace") as f:
                    text = f.read(budget)
                budget -= len(text)
                counts.update(m.group(0) for m in word.finditer(text))
    with open(out, "w", encoding="ascii") as w:
        w.write("# the most frequent words of the evaluation kit's sets (scripts/corpus_check.py dict)\n")
        for i, (wd, _) in enumerate(counts.most_common(words)):
            w.write(f'w{i}="{wd}"\n')
    print(f"fuzz dictionary: {min(words, len(counts))} words from {data}", file=sys.stderr)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "convert":
        convert(sys.argv[2], sys.argv[3])
    elif cmd == "quotes":
        sys.exit(0 if check_quotes(sys.argv[2], sys.argv[3]) else 1)
    elif cmd == "dict":
        fuzz_dict(sys.argv[2], sys.argv[3])
    elif cmd == "frames":
        sys.exit(0 if check_frames(sys.argv[2]) else 1)
    else:
        sys.exit(__doc__)
