#!/usr/bin/env python3
"""Writes crates/cli/data/iso3166-numeric.tsv (ISO 3166-1 alpha-2 TAB numeric) from the
pycountry package (pip install pycountry==26.2.16), for the ACLED export's `iso` column."""
import pathlib
import pycountry

out = pathlib.Path(__file__).resolve().parent.parent / "crates/cli/data/iso3166-numeric.tsv"
rows = sorted((c.alpha_2, int(c.numeric)) for c in pycountry.countries)
out.write_text("".join(f"{a}\t{n}\n" for a, n in rows))
print(f"wrote {len(rows)} countries to {out}")
