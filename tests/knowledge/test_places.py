"""The gazetteer's ranking: population, kind, hinted countries, named states, our own rows."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from sidelines.knowledge.countries import Country, CountryTable
from sidelines.knowledge.places import Gazetteer, Place, _box_middle


def city(
    name: str, country: str, population: int, lat: float = 0.0, lon: float = 0.0, admin1: str = ""
) -> Place:
    return Place(name, name, country, lat, lon, population=population, admin1=admin1)


PARIS_FR = city("Paris", "FRA", 2_138_551, 48.85, 2.35, "11")
PARIS_TX = city("Paris", "USA", 24_782, 33.66, -95.55, "TX")
PARIS_KY = city("Paris", "USA", 9_846, 38.21, -84.25, "KY")
LONDON_GB = city("London", "GBR", 8_961_989, 51.51, -0.13, "ENG")
LONDON_ON = city("London", "CAN", 422_324, 42.98, -81.23, "08")
GEORGIA = Place("Georgia", "Georgia", "GEO", 42.0, 43.5, "country", 3_731_000)
GEORGIA_US = Place("Georgia", "Georgia", "USA", 32.7, -83.4, "region", 6_000_000, admin1="GA")
KENTUCKY = Place("Kentucky", "Kentucky", "USA", 37.5, -85.3, "region", 2_500_000, admin1="KY")
TURKEY = Place("Turkey", "Turkey", "TUR", 39.0, 35.0, "country", 82_000_000)
CANADA = Place("Canada", "Canada", "CAN", 60.0, -95.0, "country", 37_000_000)
MEXICO = Place("Mexico", "Mexico", "MEX", 23.0, -102.0, "country", 126_000_000)
MEXICO_PH = city("Mexico", "PHL", 170_000, 15.06, 120.72)
EUROPE = Place("Europe", "Europe", "", 48.69, 9.14, "continent", 741_000_000)
WASHINGTON_DC = Place("Washington", "Washington", "USA", 38.9, -77.04, curated=True)
WASHINGTON_GB = city("Washington", "GBR", 53_526, 54.9, -1.52, "ENG")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    places = [
        PARIS_FR,
        PARIS_TX,
        PARIS_KY,
        LONDON_GB,
        LONDON_ON,
        GEORGIA,
        GEORGIA_US,
        KENTUCKY,
        TURKEY,
        CANADA,
        MEXICO,
        MEXICO_PH,
        EUROPE,
        WASHINGTON_DC,
        WASHINGTON_GB,
    ]
    entries = [([p.name], p) for p in places]
    entries.append((["Washington, D.C.", "Washington DC"], WASHINGTON_DC))
    return Gazetteer(entries)


@pytest.fixture(scope="module")
def countries() -> CountryTable:
    def country(iso3: str, name: str, adjective: str, capital: str) -> Country:
        return Country(iso3, name, (), (adjective,), (), capital, iso3)

    return CountryTable(
        [
            country("TUR", "Turkey", "Turkish", "Ankara"),
            country("CAN", "Canada", "Canadian", "Ottawa"),
            country("GEO", "Georgia", "Georgian", "Tbilisi"),
            country("USA", "United States", "American", "Washington"),
        ]
    )


@pytest.mark.parametrize(
    ("name", "hints", "expected"),
    [
        ("Paris", (), PARIS_FR),  # the best-known without a hint
        ("Paris", ("USA",), PARIS_TX),  # a hinted country's place wins over a far bigger one
        ("Paris", ("USA", "FRA"), PARIS_FR),  # two hints: the better-known of the two countries
        ("London", ("CAN",), LONDON_ON),
        ("Georgia", (), GEORGIA),  # a country named outright is the country
        ("Georgia", ("USA",), GEORGIA_US),
        ("Mexico", (), MEXICO),  # not Mexico, Pampanga, a city of the same name
        ("washington dc", (), WASHINGTON_DC),
        ("Washington", ("GBR",), WASHINGTON_DC),  # our own row is not moved by a hint alone
        ("Atlantis", (), None),
    ],
)
def test_best(gazetteer: Gazetteer, name: str, hints: tuple[str, ...], expected: Place | None) -> None:
    assert gazetteer.best(name, hints) == expected


def test_best_leaves_continents_to_resolve(gazetteer: Gazetteer) -> None:
    assert gazetteer.best("Europe") is None
    assert gazetteer.resolve(["Europe", "European"], None)[0] == EUROPE


def test_lookup_filters_by_country(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("the Paris") == [PARIS_FR, PARIS_TX, PARIS_KY]
    assert gazetteer.lookup("Paris", "USA") == [PARIS_TX, PARIS_KY]


def test_country_is_a_place(gazetteer: Gazetteer) -> None:
    assert gazetteer.country("TUR") == TURKEY
    assert gazetteer.country("XXX") is None


def test_resolve_reads_countries_first(gazetteer: Gazetteer, countries: CountryTable) -> None:
    found = gazetteer.resolve(["London", "Canadian", "Turkish", "Turkey's"], countries)
    assert found == [LONDON_ON, CANADA, TURKEY, TURKEY]


def test_resolve_uses_a_named_state_for_its_towns(gazetteer: Gazetteer, countries: CountryTable) -> None:
    assert gazetteer.resolve(["Paris", "American"], countries)[0] == PARIS_TX
    # No "USA" country place in this gazetteer: "American" falls back to the capital.
    assert gazetteer.resolve(["Paris", "Kentucky", "American"], countries) == [
        PARIS_KY,
        KENTUCKY,
        WASHINGTON_DC,
    ]


def test_resolve_without_countries_ranks_alone(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve(["Paris", "Nowhere"]) == [PARIS_FR, None]


def test_box_middle_drops_the_outliers() -> None:
    # Twenty towns between 30 and 40 and one far island: the middle stays near 35.
    assert _box_middle([30 + i / 2 for i in range(21)] + [80.0]) == pytest.approx(35.25, abs=0.5)


def test_loaded_gazetteer_has_countries_states_and_our_rows(tmp_path: Path) -> None:
    (tmp_path / "countries.csv").write_text(
        "iso3,iso2,name,aliases,adjectives,metonyms,capital,cameo,lat,lon\n"
        "TUR,TR,Turkey,Türkiye,Turkish,Ankara,Ankara,TUR,39,35\n",
        encoding="utf-8",
    )
    (tmp_path / "places.csv").write_text(
        "name,aliases,kind,city,country,lat,lon\nTest Lodge,,venue,Ankara,TUR,39.9,32.8\n", encoding="utf-8"
    )
    loaded = Gazetteer.load(15000, [tmp_path])
    turkey = loaded.country("TUR")
    assert turkey is not None and (turkey.lat, turkey.lon, turkey.kind) == (39.0, 35.0, "country")
    assert loaded.best("Türkiye") == turkey
    texas = loaded.best("Texas")
    assert texas is not None and texas.kind == "region" and 26 < texas.lat < 36 and -106 < texas.lon < -94
    france = loaded.country("FRA")  # no lat/lon in the row: the middle of its cities
    assert france is not None and 42 < france.lat < 51 and -5 < france.lon < 8
    assert loaded.best("Test Lodge", ["USA"]).curated  # type: ignore[union-attr]
    assert pickle.loads(pickle.dumps(loaded)).best("Texas") == texas


@pytest.fixture(scope="module")
def loaded() -> Gazetteer:
    return Gazetteer.load(15000)


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Manitoba", "CAN"),  # a first-level division (pycountry)
        ("Tamil Nadu", "IND"),
        ("Sichuan", "CHN"),  # "Sichuan Sheng" as written in text
        ("Catalonia", "ESP"),  # the English name of a division, from places.csv
        ("Essex", "GBR"),  # the UK's second level: its counties
        ("Jefferson County", "USA"),  # a US county
        ("Ont.", "CAN"),  # an abbreviation from places.csv
        ("Calif.", "USA"),
    ],
)
def test_divisions_counties_and_abbreviations(loaded: Gazetteer, name: str, country: str) -> None:
    found = loaded.best(name)
    assert found is not None and found.country == country and found.kind == "region"


def test_a_division_named_like_its_town_is_the_town(loaded: Gazetteer) -> None:
    madrid = loaded.best("Madrid")
    assert madrid is not None and (madrid.kind, madrid.country) == ("city", "ESP")


def test_a_capital_is_not_drawn_to_a_small_namesake_by_a_hint(loaded: Gazetteer) -> None:
    madrid = loaded.best("Madrid", ["COL"])
    assert madrid is not None and madrid.country == "ESP"


def test_a_generated_place_takes_the_english_name_of_its_row(loaded: Gazetteer) -> None:
    found = loaded.best("Bayern")
    assert found is not None and found.name == "Bavaria"


def test_resolve_places_an_unknown_name_in_the_documents_country(loaded: Gazetteer) -> None:
    found = loaded.resolve(["Toronto", "Ottawa", "Grzlbrook Lane"])
    assert found[2] is not None and (found[2].country, found[2].kind, found[2].name) == ("CAN", "guess", "Grzlbrook Lane")
    assert loaded.resolve(["Grzlbrook Lane"]) == [None]  # no other place: no country to guess


def test_a_row_without_a_point_adds_names_to_a_generated_place(tmp_path: Path) -> None:
    (tmp_path / "places.csv").write_text(
        "name,aliases,kind,city,country,lat,lon\nTexas,Tex.|Lone Star State,region,,USA,,\n", encoding="utf-8"
    )
    loaded = Gazetteer.load(15000, [tmp_path])
    assert loaded.best("Lone Star State") == loaded.best("Texas")
    assert not loaded.best("Texas").curated  # type: ignore[union-attr]
