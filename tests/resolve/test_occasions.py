from datetime import date

from sidelines.knowledge.actors import Actor, Office
from sidelines.knowledge.calendar import Calendar, Occasion, Series
from sidelines.resolve.occasions import OccasionMatcher
from sidelines.resolve.timex import read_timex


class _Countries:
    by_code: dict = {}


class _KB:
    def __init__(self, calendar):
        self.calendar = calendar
        self.countries = _Countries()


def _matcher() -> OccasionMatcher:
    series = [
        Series("g20-fmm", "G20 Foreign Ministers' Meeting", ("g20 foreign ministers", "g20"), "ministerial"),
        Series("afg", "Meeting of Afghanistan's neighbours", ("neighbouring countries of afghanistan",), "ministerial"),
    ]
    occasions = [
        Occasion("fmm-2012", "g20-fmm", "G20 FMM 2012", (), date(2012, 2, 19), date(2012, 2, 20), "Los Cabos", "MEX"),
        Occasion("fmm-2024", "g20-fmm", "G20 FMM 2024", (), date(2024, 2, 21), date(2024, 2, 22), "Rio de Janeiro", "BRA"),
        Occasion("fmm-2025", "g20-fmm", "G20 FMM 2025", (), date(2025, 2, 20), date(2025, 2, 21), "Johannesburg", "ZAF"),
        Occasion("afg-2", "afg", "Second", (2,), date(2021, 10, 27), date(2021, 10, 27), "Tehran", "IRN"),
        Occasion("afg-3", "afg", "Third", (3,), date(2022, 3, 30), date(2022, 3, 31), "Tunxi", "CHN"),
    ]
    return OccasionMatcher(_KB(Calendar(series, occasions)))  # type: ignore[arg-type]


def test_an_ordinal_picks_the_numbered_instance():
    text = "He arrived for the third meeting of foreign ministers of the neighbouring countries of Afghanistan."
    assert _matcher().best(text, None, None).id == "afg-3"


def test_a_day_without_year_and_the_peoples_terms_pick_the_instance():
    minister = Actor("x", "Ann Example", (), "ZZZ", "GOV", "ZZZGOV", None,
                     (Office("foreign_minister", "FM", "ZZZ", date(2013, 3, 1), None),))
    text = "They met Feb. 20 on the sidelines of the G20."
    found = _matcher().best(text, read_timex("Feb. 20"), None, (), (minister,))
    assert found.id == "fmm-2025"  # 2012 also has a Feb. 20, but the minister was not in office then


def test_nothing_points_to_an_instance_without_evidence():
    assert _matcher().best("They met on the sidelines of the G20.", None, None) is None


def test_a_publication_date_just_after_picks_the_recent_instance():
    found = _matcher().best("They met at the G20 foreign ministers' meeting.", None, date(2024, 2, 23))
    assert found.id == "fmm-2024"
