"""The bundled table of office holders: every term has a country and a start, terms of one office do
not overlap (beyond a handover month or an acting holder inside another's term), and the heads of
government or state of every UN member can be found on a given day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from sidelines.knowledge.actors import ActorTable, Office, add_officeholders
from sidelines.knowledge.files import data_files, read_csv

CHECKED = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "secretary_general",
           "commission_president", "council_president", "high_representative", "director_general")
HANDOVER_DAYS = 31
FAR = date(2100, 1, 1)


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return ActorTable.load(())


def test_every_term_has_a_country_and_a_start(table):
    missing = [(a.id, o.office) for a in table.by_id.values() for o in a.offices if not o.country or o.start is None]
    assert not missing


def _acting(o: Office) -> bool:
    return any(word in o.title.lower() for word in ("acting", "interim", "caretaker"))


def _nested(a: Office, b: Office) -> bool:
    return (a.start <= b.start and (b.end or FAR) <= (a.end or FAR)) or \
        (b.start <= a.start and (a.end or FAR) <= (b.end or FAR))


def test_terms_of_one_office_do_not_overlap(table):
    terms: dict[tuple[str, str], list[tuple[Office, str]]] = defaultdict(list)
    for actor in table.by_id.values():
        for o in actor.offices:
            if o.office in CHECKED:
                terms[(o.office, o.country)].append((o, actor.id))
    clashes = []
    for key, held in terms.items():
        held.sort(key=lambda t: t[0].start)
        for i, (a, who) in enumerate(held):
            for b, other in held[i + 1:]:
                overlap = ((a.end or FAR) - b.start).days
                if overlap > HANDOVER_DAYS and who != other and not (_acting(a) or _acting(b) or _nested(a, b)):
                    clashes.append((key, who, other, overlap))
    assert not clashes, clashes[:20]


def test_every_un_member_has_a_leader_on_a_given_day(table):
    members = [r["iso3"] for path in data_files("countries.csv") for r in read_csv(path)]
    day = date(2019, 6, 1)
    leaderless = [c for c in members if c not in {"TWN", "XKX", "PSE", "VAT"} and not (
        table.holders("head_of_state", c, day) or table.holders("head_of_government", c, day))]
    assert len(leaderless) <= 3, leaderless


def test_a_term_joins_the_person_already_known_and_is_not_doubled():
    actors = {a.id: a for a in ActorTable.load(()).by_id.values() if a.id == "wang-yi"}
    rows = [{"name": "Wang Yi", "aliases": "", "country": "CHN", "office": "foreign_minister",
             "title": "Minister of Foreign Affairs", "start": "2013-03-16", "end": "2022-12-30"},
            {"name": "Retno Marsudi", "aliases": "Retno L. P. Marsudi", "country": "IDN", "office": "foreign_minister",
             "title": "Minister of Foreign Affairs", "start": "2014-10-27", "end": "2024-10-20"}]
    before = len(actors["wang-yi"].offices)
    add_officeholders(actors, rows, set(), "test")
    assert len(actors["wang-yi"].offices) == before
    assert actors["retno-marsudi"].country == "IDN" and "Retno L. P. Marsudi" in actors["retno-marsudi"].aliases


def test_every_country_has_someone_at_the_head_of_its_government_on_a_day(table):
    from sidelines.knowledge.countries import CountryTable

    countries = {c.iso3 for c in CountryTable.load().by_code.values() if c.kind == "country"}
    heads = {office.country for _, office in table.in_office("head_of_government", date(2020, 5, 1))}
    assert countries <= heads
    kenya = [(actor.id, office.office) for actor, office in table.in_office("head_of_government", date(2020, 5, 1), "KEN")]
    assert kenya == [("uhuru-kenyatta", "head_of_state")]  # a presidential republic: the president leads it


def test_a_person_acts_for_the_country_of_the_office_held_that_day(table):
    later_eu = next(a for a in table.by_id.values() if len({o.country for o in a.offices}) > 1
                    and any(o.country == "EUR" for o in a.offices) and a.country == "EUR")
    national = next(o for o in later_eu.offices if o.country != "EUR" and o.start is not None)
    assert later_eu.country_on(national.start) == national.country
    assert later_eu.country_on(None) == "EUR"


@pytest.mark.parametrize(("title", "office"), [
    ("Foreign Minister", "foreign_minister"),
    ("Minister for Foreign Affairs", "foreign_minister"),
    ("State Minister for Foreign Affairs", "deputy_foreign_minister"),  # the junior minister's title in several cabinets
    ("Minister of State for External Affairs", "deputy_foreign_minister"),
    ("Vice President", "vice_president"),
])
def test_the_longest_title_a_phrase_holds_names_its_office(table, title, office):
    assert table.office_of(title) == office
