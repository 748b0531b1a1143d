"""How the gazetteer reads a document's toponyms together: other names, abbreviations, named divisions,
names inside names. Every place here is made up."""

from __future__ import annotations

import pytest

from sidelines.knowledge.countries import Country, CountryTable
from sidelines.knowledge.places import Gazetteer, OtherNames, Place, _part_of


def city(name: str, country: str, population: int, admin1: str = "", capital: bool = False) -> Place:
    return Place(name, name, country, 0.0, 0.0, population=population, admin1=admin1, capital=capital)


# Norland (NRL): capital Vernon, which GeoNames also calls Oldford; a port, Kelby.
NORLAND = Place("Norland", "Norland", "NRL", 10.0, 10.0, "country", 20_000_000)
VERNON_NRL = city("Vernon", "NRL", 2_000_000, "01", capital=True)
KELBY = city("Kelby", "NRL", 400_000, "02")
# Ostria (OST): Westmark, one of its states, holds a small Vernon and a small Oldford.
OSTRIA = Place("Ostria", "Ostria", "OST", 40.0, -90.0, "country", 300_000_000)
WESTMARK = Place("Westmark", "Westmark", "OST", 41.0, -91.0, "region", 6_000_000, admin1="WM")
EASTFELL = Place("Eastfell", "Eastfell", "OST", 42.0, -80.0, "region", 5_000_000, admin1="EF")
LOWMOOR = Place("Lowmoor", "Lowmoor", "OST", 39.0, -85.0, "region", 4_000_000, admin1="LM")
VERNON_WM = city("Vernon", "OST", 12_000, "WM")
OLDFORD_WM = city("Oldford", "OST", 40_000, "WM")
MARLOW_COUNTY = Place("Marlow County", "Marlow County", "OST", 41.0, -91.0, "region", 90_000, admin1="WM")
# A division of Ostria named like the country Norland, and a town written like an abbreviation.
NORLAND_OST = Place("Norland", "Norland", "OST", 38.0, -95.0, "region", 5_500_000, admin1="NL")
AB_TOWN = city("Ab", "NRL", 80_000, "03")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    places = [NORLAND, VERNON_NRL, KELBY, OSTRIA, WESTMARK, EASTFELL, LOWMOOR, VERNON_WM, OLDFORD_WM]
    places += [MARLOW_COUNTY, NORLAND_OST, AB_TOWN]
    return Gazetteer([*(([p.name], p) for p in places), (OtherNames(["Oldford"]), VERNON_NRL)])


@pytest.fixture(scope="module")
def countries() -> CountryTable:
    return CountryTable(
        [
            Country("NRL", "Norland", (), ("Norlandic",), (), "Vernon", "NRL"),
            Country("OST", "Ostria", (), ("Ostrian",), (), "Nowhere", "OST"),
        ]
    )


def test_an_other_name_ranks_below_a_town_whose_own_name_it_is(gazetteer: Gazetteer) -> None:
    # Oldford is an old name of Norland's capital: the town called Oldford today wins, capital or not.
    assert gazetteer.best("Oldford") == OLDFORD_WM
    assert gazetteer.best("Oldford", ["NRL"]) == VERNON_NRL  # a hint still finds the city by it
    assert VERNON_NRL in gazetteer.lookup("Oldford")


def test_two_capital_letters_are_an_abbreviation_not_a_town(gazetteer: Gazetteer) -> None:
    assert gazetteer.best("Ab") == AB_TOWN
    assert gazetteer.best("AB") is None


def test_a_county_abbreviated_co(gazetteer: Gazetteer) -> None:
    assert gazetteer.best("Marlow Co.") == MARLOW_COUNTY


def test_a_capital_keeps_its_pull_without_a_named_division(gazetteer: Gazetteer, countries: CountryTable) -> None:
    assert gazetteer.resolve(["Vernon", "Ostrian"], countries)[0] == VERNON_NRL


def test_a_named_division_takes_the_capitals_pull_for_its_town(
    gazetteer: Gazetteer, countries: CountryTable
) -> None:
    assert gazetteer.resolve(["Vernon", "Westmark", "Ostria"], countries)[0] == VERNON_WM


def test_a_country_name_that_is_also_a_division_reads_the_other_divisions(
    gazetteer: Gazetteer, countries: CountryTable
) -> None:
    assert gazetteer.resolve(["Norland", "Kelby"], countries)[0] == NORLAND
    assert gazetteer.resolve(["Norland", "Westmark", "Eastfell", "Lowmoor"], countries)[0] == NORLAND_OST


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Bank of Norland", "Kelby"], NORLAND),  # a country by its name inside
        (["Grand Hotel Kelby", "Norlandic"], KELBY),  # a town of a country the document names
        (["Norland Kelby Harbour", "Norlandic"], KELBY),  # the finest place, not the country
    ],
)
def test_an_unknown_name_is_the_place_it_names_inside(
    gazetteer: Gazetteer, countries: CountryTable, texts: list[str], expected: Place
) -> None:
    assert gazetteer.resolve(texts, countries)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kelby Street",  # a street named after the town is not in it
        "Kelby River",
        "East Norland Railway",  # a compass word before a country names another place
        "Norlandic Society",  # an adjective says nothing of where it is
    ],
)
def test_names_that_do_not_lie_in_the_place_they_name(
    gazetteer: Gazetteer, countries: CountryTable, text: str
) -> None:
    found = gazetteer.resolve([text, "Ostria", "Westmark"], countries)[0]
    assert found is not None and found.kind == "guess" and found.country == "OST"


def test_a_small_town_inside_a_name_is_a_chance_word(gazetteer: Gazetteer, countries: CountryTable) -> None:
    found = gazetteer.resolve(["Oldford Prize", "Norland", "Kelby"], countries)[0]
    assert found is not None and found.kind == "guess"


@pytest.mark.parametrize(
    ("other", "name", "expected"),
    [
        ("Brenford", "Brenford Town", True),
        ("Brenford", "Brenford-on-Sea", True),
        ("Qasra", "Al Qasra", True),
        ("Hollow", "The Hollow", False),
        ("Town", "Brenford Town", False),
        ("BRN", "Brenford", False),
    ],
)
def test_the_head_of_a_towns_name_is_its_own(other: str, name: str, expected: bool) -> None:
    assert _part_of(other, name) is expected


@pytest.fixture(scope="module")
def loaded() -> Gazetteer:
    return Gazetteer.load(15000)


def test_divisions_with_a_geonames_code_are_placed_and_hint(loaded: Gazetteer) -> None:
    ontario = loaded.best("Ontario")
    assert ontario is not None and ontario.admin1 == "08"
    assert 42 < ontario.lat < 52 and -90 < ontario.lon < -74  # among its towns, not Canada's middle
    town = loaded.resolve(["London", "Ontario"])[0]
    assert town is not None and town.country == "CAN"


def test_a_generic_division_name_is_not_listed(loaded: Gazetteer) -> None:
    assert not [p for p in loaded.lookup("Western") if p.kind == "region"]
    assert not [p for p in loaded.lookup("North West") if p.kind == "region"]
