"""Engagements as directed CAMEO dyads with PLOVER categories and modes (events built by hand)."""

from __future__ import annotations

import pytest

from sidelines.coding.dyads import dyads
from sidelines.model import Event, Participant, Source, When, Where

WANG = Participant("Wang Yi", "CHN", "wang-yi", "person")
LAVROV = Participant("Sergey Lavrov", "RUS", "sergey-lavrov", "person")
BLINKEN = Participant("Antony Blinken", "USA", None, "person")


def event(kind: str, *people: Participant, where: Where | None = None, day: str = "2023-09-18") -> Event:
    source = Source("a1", "Outlet", "https://example.org/a1", "main", ("m1",), ())
    return Event("e1", kind, tuple(people), When(day, "day", "explicit"), where, None, (source,))


def codes(found) -> set[tuple[str, str | None, str | None]]:
    return {(d.cameo, d.source_country, d.target_country) for d in found}


def test_a_visit_is_visitor_to_host_042_and_host_to_visitor_043(kb):
    found = dyads(event("VISIT", WANG, LAVROV, where=Where("Moscow", "RUS")), kb)
    assert codes(found) == {("042", "CHN", "RUS"), ("043", "RUS", "CHN")}
    assert {d.plover for d in found} == {"CONSULT"} and {d.plover_mode for d in found} == {"visit"}
    visit = next(d for d in found if d.cameo == "042")
    assert (visit.source_code, visit.target_code) == ("CHNGOV", "RUSGOV")
    assert visit.event_id == "e1" and visit.date == "2023-09-18" and visit.goldstein == 1.9


def test_a_host_is_the_participant_at_home(kb):
    found = dyads(event("HOST", WANG, LAVROV, where=Where("Tunxi", "CHN")), kb)
    assert codes(found) == {("042", "RUS", "CHN"), ("043", "CHN", "RUS")}


def test_a_meeting_where_neither_is_at_home_is_044_both_ways(kb):
    found = dyads(event("MEET", WANG, LAVROV, where=Where("Bali", "IDN")), kb)
    assert codes(found) == {("044", "CHN", "RUS"), ("044", "RUS", "CHN")}
    assert {d.plover_mode for d in found} == {"third-party"}


def test_a_meeting_with_no_place_is_040(kb):
    assert codes(dyads(event("MEET", WANG, BLINKEN), kb)) == {("040", "CHN", "USA"), ("040", "USA", "CHN")}


@pytest.mark.parametrize("kind, code, plover, mode", [
    ("CALL", "041", "CONSULT", "phone"),
    ("NEGOTIATE", "046", "CONSULT", None),
    ("SIGN", "057", "SUPPORT", None),
    ("ANNOUNCE", "036", "AGREE", None),
])
def test_symmetric_engagements(kb, kind, code, plover, mode):
    found = dyads(event(kind, WANG, LAVROV), kb)
    assert codes(found) == {(code, "CHN", "RUS"), (code, "RUS", "CHN")}
    assert {(d.plover, d.plover_mode) for d in found} == {(plover, mode)}


def test_three_sides_consult_multilaterally(kb):
    found = dyads(event("MEET", WANG, LAVROV, BLINKEN, where=Where("Bali", "IDN")), kb)
    assert len(found) == 6 and {d.plover_mode for d in found} == {"multilateral"}


def test_two_people_of_one_country_are_one_side(kb):
    xi = Participant("Xi Jinping", "CHN", "xi-jinping", "person")
    assert codes(dyads(event("VISIT", WANG, xi, LAVROV, where=Where("Moscow", "RUS")), kb)) == {
        ("042", "CHN", "RUS"), ("043", "RUS", "CHN")}


def test_an_organisation_is_an_igo_code(kb):
    un = Participant("United Nations", None, None, "organisation")
    found = dyads(event("MEET", WANG, un), kb)
    assert {d.target_code for d in found if d.source_country == "CHN"} == {"IGOUNO"}
