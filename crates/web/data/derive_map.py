#!/usr/bin/env python3
"""Derives countries-110m.tsv (country shapes as pre-projected SVG paths) from the
Natural Earth 1:110m countries TopoJSON that the npm package `world-atlas` ships.

    mkdir -p /tmp/wa && cd /tmp/wa && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    pip install pycountry
    python3 crates/web/data/derive_map.py /tmp/wa/package/countries-110m.json > crates/web/data/countries-110m.tsv

Projection: plate carrée onto a 960 x 480 box, x = (lon + 180) * 960/360, y = (90 - lat) * 480/180,
rounded to 0.1. One line per country: ISO 3166-1 alpha-2 (empty when it has none), name, path.
"""
import json
import sys

import pycountry

W, H = 960.0, 480.0
# Shapes Natural Earth gives without an ISO numeric code.
BY_NAME = {"Kosovo": "XK", "N. Cyprus": "", "Somaliland": ""}


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring, arcs):
    pts = []
    for i in ring:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def project(lon, lat):
    return round((lon + 180.0) * W / 360.0, 1), round((90.0 - lat) * H / 180.0, 1)


def ring_path(pts):
    out = []
    prev = None
    for lon, lat in pts:
        x, y = project(lon, lat)
        # a jump across the antimeridian starts a new stroke instead of a line across the map
        cmd = "M" if prev is None or abs(lon - prev) > 180 else "L"
        if out and out[-1][1:] == f"{x:g},{y:g}":
            continue
        out.append(f"{cmd}{x:g},{y:g}")
        prev = lon
    return "".join(out) + "Z"


def main():
    topo = json.load(open(sys.argv[1]))
    arcs = decode_arcs(topo)
    rows = []
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        path = "".join(ring_path(ring_points(r, arcs)) for poly in polys for r in poly)
        if name in BY_NAME:
            iso2 = BY_NAME[name]
        else:
            c = pycountry.countries.get(numeric=g.get("id", "")) if g.get("id") else None
            iso2 = c.alpha_2 if c else ""
        rows.append((iso2, name, path))
    for iso2, name, path in sorted(rows, key=lambda r: r[1]):
        print(f"{iso2}\t{name}\t{path}")


if __name__ == "__main__":
    main()
