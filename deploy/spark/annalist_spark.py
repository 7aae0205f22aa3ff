"""annalist on Apache Spark: extract per partition, fuse per country x week block.

All logic stays in the annalist binary; Spark only moves JSON Lines around:

1. Read the input partitions: JSON Lines files (one article per line, each with an `id` or
   `url`, as `annalist ingest` reads them) split by Spark, or WARC files one per task.
2. Per partition, run `annalist extract` on it (the partition's lines on standard input, or the
   WARC file) and number its output lines: `seq` = partition x 10^9 + line keeps input order.
3. Key every frame by its block: its country x its time window. Windows are runs of weeks,
   per country, joined wherever a frame's date interval (with fuse's one day of slack) reaches
   across a week boundary, so two dated frames fuse could join always share a block. A frame
   with no country or no date takes its document's most frequent country, and the week of the
   document's most frequent frame date (or of its publication date); an undated main event is
   blocked by the week before its publication, as fuse dates it (unless it is `recalled`,
   told of through its trial or anniversary). Places that fuse nests (a
   site in its city, a city in its region) share a block. Each document goes to every block
   one of its frames is in, carrying only those frames.
4. Per block, the documents sorted by `seq` go through `annalist fuse` (dedup + fuse, export
   schema out); the incidents of all blocks are written as JSON Lines part files.

Usage (local mode):
    spark-submit deploy/spark/annalist_spark.py --binary target/release/annalist \
        --input corpus.jsonl --output out/ [--format jsonl|warc] [--partitions 4]
"""

import argparse
import bisect
import collections
import datetime
import glob
import json
import math
import os
import subprocess
import tempfile
import urllib.parse

from pyspark.sql import SparkSession

LINE_BASE = 10**9


def expand(paths, suffixes):
    """Input files, folders walked, in sorted order (the order `annalist ingest` reads them)."""
    out = []
    for path in paths:
        if os.path.isdir(path):
            found = [
                f for f in glob.glob(os.path.join(path, "**", "*"), recursive=True)
                if os.path.isfile(f) and f.endswith(suffixes) and not os.path.basename(f).startswith(".")
            ]
            out.extend(sorted(found))
        else:
            out.append(path)
    return [os.path.abspath(p) for p in out]


def run_extract(binary, args, stdin_lines=None):
    """Runs `annalist extract` and returns its output lines; skips go to the executor's log."""
    proc = subprocess.run(
        [binary, "extract", *args],
        input="".join(l + "\n" for l in stdin_lines).encode() if stdin_lines is not None else None,
        stdout=subprocess.PIPE,
        check=True,
    )
    return [l for l in proc.stdout.decode().split("\n") if l.strip()]


def extract_jsonl(binary):
    def per_partition(index, lines):
        out = run_extract(binary, ["-"], list(lines))
        for n, line in enumerate(out):
            yield index * LINE_BASE + n, line

    return per_partition


def extract_warc(binary, rank):
    def per_partition(files):
        for path, content in files:
            name = os.path.basename(path)
            with tempfile.TemporaryDirectory() as tmp:
                local = os.path.join(tmp, name)
                with open(local, "wb") as f:
                    f.write(content)
                out = run_extract(binary, [local])
            r = rank[urllib.parse.urlparse(path).path if path.startswith("file:") else path]
            for n, line in enumerate(out):
                yield r * LINE_BASE + n, line

    return per_partition


def one_per_id(item):
    """A document id read twice keeps its first place and its last content, as in the store."""
    _id, versions = item
    versions = sorted(versions)
    return versions[0][0], versions[-1][1]


def week(day):
    """The week number (Mondays since 0001-01-01) of an ISO day, or of a date object."""
    d = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    return (d.toordinal() - 1) // 7


def norm(name):
    """A place name as fuse compares them: letters and digits, lower-cased."""
    return "".join(ch.lower() for ch in name if ch.isalnum())


def frames_of(item):
    """Each frame of a document with the facts blocking needs:
    (frame, country, week span or None, start week, place key or None, type, vague)."""
    seq, line = item
    doc = json.loads(line)
    frames = doc.get("frames") or []
    countries = collections.Counter(f["country"]["value"] for f in frames if f.get("country"))
    weeks = collections.Counter(week(f["date"]["value"]["start"]) for f in frames if f.get("date"))
    home_country = countries.most_common(1)[0][0] if countries else ""
    if weeks:
        home_week = weeks.most_common(1)[0][0]
    elif doc.get("published"):
        home_week = week(doc["published"])
    else:
        home_week = None
    out = []
    for f in frames:
        country = f["country"]["value"] if f.get("country") else home_country
        span, start = None, home_week
        if f.get("date"):
            iv = f["date"]["value"]
            lo = datetime.date.fromisoformat(iv["start"]) - datetime.timedelta(days=1)
            hi = datetime.date.fromisoformat(iv["end"]) + datetime.timedelta(days=1)
            span, start = (week(lo), week(hi)), week(iv["start"])
        elif f.get("main") and not f.get("recalled") and doc.get("published"):
            # fuse dates an undated main event by the week up to its publication
            # (`annalist_fuse::REPORT_WINDOW_DAYS`), unless the text tells of it through its
            # trial or anniversary: block it as that window
            end = datetime.date.fromisoformat(doc["published"])
            first = end - datetime.timedelta(days=REPORT_WINDOW_DAYS)
            lo, hi = first - datetime.timedelta(days=1), end + datetime.timedelta(days=1)
            span, start = (week(lo), week(hi)), week(first)
        place = f["place"]["value"] if f.get("place") else None
        vague = span is None and (place is None or place["kind"] == "country") and f["event_type"] != "unknown"
        out.append((f, country, span, start, norm(place["name"]) if place else None, f["event_type"], vague))
    return doc, seq, out


def windows(item):
    """A country's time windows: runs of weeks joined wherever a frame's dates reach across them."""
    country, spans = item
    runs = []
    for lo, hi in sorted(spans):
        if runs and lo <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], hi)
        else:
            runs.append([lo, hi])
    return country, [tuple(r) for r in runs]


def dated_spans(item):
    _doc, _seq, frames = frames_of(item)
    return [(country, span) for _f, country, span, _s, _p, _t, _v in frames if span is not None]


def vague_nodes(item):
    _doc, _seq, frames = frames_of(item)
    return [f"{country}|v:{kind}" for _f, country, _span, _s, _p, kind, vague in frames if vague]


def node_of(runs, country, span, start, place, kind):
    """The block node a frame starts in: its time window when dated, else its place, else the
    kind of event (for undated, unplaced mentions that fuse joins by type and country)."""
    if span is not None or (place is None and start is not None):
        for lo, hi in runs.get(country, ()):
            if start is not None and lo <= start <= hi:
                return f"{country}|w:{lo}-{hi}"
    if span is not None:
        return f"{country}|w:{start}"
    if place is not None:
        return f"{country}|p:{place}"
    return f"{country}|v:{kind}"


def edges(runs, vague):
    """Nodes that must share a block: a window and each place named in it (an undated frame
    naming that place can join its incidents), a window and the event kinds of its frames when
    an undated, unplaced mention of that kind exists in the country, and, for a dated frame
    that names no country, every window of every country its days reach (fuse lets such a
    frame join any country's incident)."""

    def per_document(item):
        _doc, _seq, frames = frames_of(item)
        out = []
        for f, country, span, start, place, kind, is_vague in frames:
            node = node_of(runs, country, span, start, place, kind)
            if place is not None:
                out.append((node, f"{country}|p:{place}"))
                # a frame with no country of its own joins a place of that name anywhere
                out.append((f"{country}|p:{place}", f"*|p:{place}"))
            if span is not None and not f.get("country"):
                # ... and any country's incident of those days: every window it reaches
                for other, spans in runs.items():
                    i = bisect.bisect_right(spans, (span[1], float("inf")))
                    while i > 0 and spans[i - 1][1] >= span[0]:
                        lo, hi = spans[i - 1]
                        out.append((node, f"{other}|w:{lo}-{hi}"))
                        i -= 1
            if f"{country}|v:{kind}" in vague and (span is not None or is_vague):
                out.append((node, f"{country}|v:{kind}"))
        return out

    return per_document


SITE_IN_CITY_KM = 25.0
URBAN_AREA_KM = 10.0
REPORT_WINDOW_DAYS = 7


def place_points(item):
    """Sites and cities with coordinates, for fuse's site-in-city links."""
    _doc, _seq, frames = frames_of(item)
    out = []
    for f, country, _span, _start, key, _kind, _vague in frames:
        p = f["place"]["value"] if f.get("place") else None
        if p and p["kind"] in ("site", "city") and p.get("lat") is not None and p.get("lon") is not None:
            out.append((country, key, p["kind"], p["country"], p["lat"], p["lon"]))
    return out


def place_divisions(item):
    """Regions and the cities and sites with their admin1 division, for fuse's place nesting."""
    _doc, _seq, frames = frames_of(item)
    out = []
    for f, country, _span, _start, key, _kind, _vague in frames:
        p = f["place"]["value"] if f.get("place") else None
        if p and p.get("admin1") and p["kind"] in ("region", "city", "site"):
            out.append((country, key, p["kind"] == "region", p["country"], p["admin1"]))
    return out


def division_edges(places):
    """A city or site and the region of its admin1 division name nested places
    (`annalist_model::place_within`): their place nodes share a block."""
    regions = collections.defaultdict(set)
    for country, key, is_region, place_country, admin1 in places:
        if is_region:
            regions[(country, place_country, admin1)].add(key)
    out = []
    for country, key, is_region, place_country, admin1 in places:
        if not is_region:
            for rkey in regions.get((country, place_country, admin1), ()):
                out.append((f"{country}|p:{key}", f"{country}|p:{rkey}"))
    return out


def distance_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def site_city_edges(points):
    """A site and a city it lies in name one scene (`annalist_model::site_in_city`), and so do
    two cities of one urban area (fuse's `one_urban_area`): their place nodes share a block.
    Half a kilometre of margin only makes a block larger."""
    by_country = collections.defaultdict(lambda: ([], []))
    for country, key, kind, place_country, lat, lon in points:
        by_country[(country, place_country)][0 if kind == "site" else 1].append((key, lat, lon))
    out = []
    for (country, _pc), (sites, cities) in by_country.items():
        for skey, slat, slon in sites:
            for ckey, clat, clon in cities:
                if distance_km(slat, slon, clat, clon) <= SITE_IN_CITY_KM + 0.5:
                    out.append((f"{country}|p:{skey}", f"{country}|p:{ckey}"))
        for i, (akey, alat, alon) in enumerate(cities):
            for bkey, blat, blon in cities[i + 1 :]:
                if akey != bkey and distance_km(alat, alon, blat, blon) <= URBAN_AREA_KM + 0.5:
                    out.append((f"{country}|p:{akey}", f"{country}|p:{bkey}"))
    return out


def union(pairs):
    """Union-find over the edges: node -> its block's representative."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def blocks(runs, roots):
    def per_document(item):
        """(block, (seq, document line with only that block's frames)) for each of its blocks."""
        doc, seq, frames = frames_of(item)
        by_block = collections.OrderedDict()
        for f, country, span, start, place, kind, _vague in frames:
            node = node_of(runs, country, span, start, place, kind)
            by_block.setdefault(roots.get(node, node), []).append(f)
        # the country all of the document's frames name most, kept for the frames a block gets
        # (fuse's `article_country`: one country leading alone, else none, written "")
        counts = collections.Counter(f["country"]["value"] for f, *_ in frames if f.get("country"))
        leaders = [c for c, n in counts.items() if n == max(counts.values())] if counts else []
        article_country = leaders[0] if len(leaders) == 1 else ""
        out = []
        for key, fs in by_block.items():
            part = dict(doc)
            part["frames"] = fs
            part["seq"] = seq
            part["article_country"] = article_country
            out.append((key, (seq, json.dumps(part))))
        return out

    return per_document


def fuse_block(binary):
    def per_block(item):
        _key, docs = item
        lines = [line for _seq, line in sorted(docs)]
        proc = subprocess.run(
            [binary, "fuse", "-"],
            input="".join(l + "\n" for l in lines).encode(),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        return [l for l in proc.stdout.decode().split("\n") if l.strip()]

    return per_block


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True, help="the annalist binary (on every executor)")
    ap.add_argument("--input", required=True, nargs="+", help="JSON Lines or WARC files or folders")
    ap.add_argument("--output", required=True, help="output folder (JSON Lines part files)")
    ap.add_argument("--format", choices=["jsonl", "warc"], default="jsonl")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)

    builder = SparkSession.builder.appName("annalist")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    if args.format == "jsonl":
        files = expand(args.input, (".jsonl", ".jsonl.gz", ".json"))
        lines = sc.textFile(",".join(files), minPartitions=args.partitions)
        docs = lines.mapPartitionsWithIndex(extract_jsonl(binary))
    else:
        files = expand(args.input, (".warc", ".warc.gz", ".warc.zst"))
        rank = {p: i for i, p in enumerate(files)}
        docs = sc.binaryFiles(",".join(files), minPartitions=args.partitions).mapPartitions(
            extract_warc(binary, rank)
        )
    docs = docs.map(lambda item: (json.loads(item[1])["id"], item)).groupByKey().map(one_per_id).cache()
    # The blocks: country x time window, where a window is a run of weeks joined wherever a
    # frame's date interval reaches across a week boundary; then windows that an undated frame
    # could tie together (by a place name, a site in a city, or by kind for unplaced mentions)
    # are merged.
    runs = dict(docs.flatMap(dated_spans).groupByKey().map(windows).collect())
    vague = set(docs.flatMap(vague_nodes).distinct().collect())
    points = docs.flatMap(place_points).distinct().collect()
    divisions = docs.flatMap(place_divisions).distinct().collect()
    roots = union(
        docs.flatMap(edges(runs, vague)).distinct().collect() + site_city_edges(points) + division_edges(divisions)
    )
    runs, roots = sc.broadcast(runs), sc.broadcast(roots)
    incidents = (
        docs.flatMap(lambda item: blocks(runs.value, roots.value)(item))
        .groupByKey(numPartitions=args.partitions)
        .flatMap(fuse_block(binary))
    )
    incidents.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
