"""The calendar of gatherings: every row well formed, and series phrases found at the right level."""

from datetime import date

import pytest

from sidelines.knowledge.calendar import Calendar, normalise
from sidelines.knowledge.countries import CountryTable


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return Calendar.load()


def test_every_occasion_has_a_known_series_an_ordered_span_and_a_country(calendar):
    countries = CountryTable.load().by_code
    for occasion in calendar.by_id.values():
        assert occasion.series in calendar.series, occasion.id
        assert occasion.start <= occasion.end, occasion.id
        assert date(2000, 1, 1) <= occasion.start <= date(2027, 12, 31), occasion.id
        assert occasion.country in countries, occasion.id


def test_every_series_has_instances_and_its_bodies_are_among_its_aliases(calendar):
    for series in calendar.series.values():
        assert calendar.instances([series.id]), series.id
        assert set(series.bodies) <= set(series.aliases), series.id


def test_the_recurring_gatherings_of_the_main_groupings_are_covered(calendar):
    years = {s: {o.start.year for o in calendar.instances([s])} for s in calendar.series}
    for series in ("g20-summit", "g7-summit", "brics-summit", "sco-summit", "apec-leaders", "unga-high-level-week",
                   "wef-annual-meeting", "cop", "asean-summit"):
        assert set(range(2010, 2026)) - years[series] <= {2019, 2020, 2021}, series  # APEC 2019 was cancelled
    for series in ("sco-dmm", "nato-fmm", "nato-dmm", "admm-plus", "osce-ministerial-council", "oic-summit",
                   "european-council", "iora-com"):
        assert years[series], series


def test_a_bracketed_acronym_does_not_hide_the_level_of_the_meeting(calendar):
    found = calendar.find("ahead of the Shanghai Cooperation Organization (SCO) Defense Ministers' "
                          "Meeting held in Astana")
    assert [p.series for p in found] == [("sco-dmm",)]
    assert not found[0].body


def test_a_ministers_meeting_is_not_the_leaders_summit(calendar):
    assert calendar.find("at the G20 foreign ministers' meeting")[0].series == ("g20-fmm",)
    assert calendar.find("at the G20 summit")[0].series == ("g20-summit",)
    assert calendar.find("at the NATO defence ministers' meeting")[0].series == ("nato-dmm",)


def test_the_bare_name_of_an_organisation_is_marked_as_such(calendar):
    (phrase,) = calendar.find("NATO Secretary General Mark Rutte said")
    assert phrase.body and "nato-summit" in phrase.series


def test_spellings_are_normalised_alike():
    assert normalise("Defense Ministers' Meeting (ADMM)") == normalise("defence ministers meeting")
    assert normalise("Organization of Islamic Cooperation") == "organisation of islamic cooperation"


def test_the_seat_of_an_organisation_is_the_city_of_most_of_its_meetings(calendar):
    assert calendar.seat("nato-dmm") == "Brussels"
    assert calendar.seat("g20-summit") is None
