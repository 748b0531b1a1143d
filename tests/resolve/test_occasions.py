from datetime import date
from functools import cache
from typing import ClassVar

from sidelines.knowledge.actors import Actor, Office
from sidelines.knowledge.calendar import Calendar, Occasion, Series
from sidelines.model import Article
from sidelines.resolve.occasions import OccasionMatcher
from sidelines.resolve.timex import read_timex


class _Countries:
    by_code: ClassVar[dict] = {}


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


@cache
def _kb_matcher() -> OccasionMatcher:
    from sidelines.knowledge import KnowledgeBase

    return OccasionMatcher(KnowledgeBase.load())


def test_the_level_of_the_meeting_picks_the_series():
    found = _kb_matcher().best(
        "Kazakhstan hosted the Shanghai Cooperation Organisation (SCO) Defence Ministers' meeting in Astana, "
        "where the Indian and Chinese ministers talked.", read_timex("April 26"), date(2024, 4, 26))
    assert found.id == "sco-dmm-2024"


def test_a_bare_organisation_name_is_not_a_gathering_without_day_and_host():
    matcher = _kb_matcher()
    text = "NATO Secretary General Jens Stoltenberg met the Polish president in Warsaw."
    assert matcher.best(text, None, date(2016, 9, 20)) is None


def test_a_bare_organisation_name_on_a_summit_day_in_the_host_city_is_the_summit():
    text = ("The leaders of Poland and Lithuania met in Vilnius on 11 July 2023 in the presence of NATO Secretary "
            "General Jens Stoltenberg.")
    found = _kb_matcher().best(text, read_timex("11 July 2023"), None)
    assert found.id == "nato-summit-2023"


def test_the_seat_of_an_organisation_is_no_evidence_for_a_bare_name():
    text = "NATO Secretary General Mark Rutte met the Dutch prime minister in Brussels on 13 February 2025."
    assert _kb_matcher().best(text, read_timex("13 February 2025"), None) is None


def test_a_bare_name_after_sidelines_of_stands_for_the_gathering():
    text = "The two ministers met on the sidelines of the G20 in Rio de Janeiro."
    assert _kb_matcher().best(text, None, date(2024, 2, 22)).id == "g20-fmm-2024-rio-de-janeiro"


def test_a_gathering_before_or_after_the_engagement_is_not_its_occasion():
    matcher = _kb_matcher()
    text = "Ahead of the NATO summit in Vilnius, the two presidents spoke by phone on 5 July 2023."
    assert matcher.best(text, read_timex("5 July 2023"), None) is None
    text = "Before the OSCE Ministerial Council, the minister opened a consulate in Skopje on 29 November 2023."
    assert matcher.best(text, read_timex("29 November 2023"), None) is None


def test_the_host_named_at_the_head_of_the_sentence_counts():
    text = "Ufa: Leaders gathered here on Thursday for the SCO summit, and two of them held talks between sessions."
    assert _kb_matcher().best(text, read_timex("Thursday"), None).id == "sco-summit-2015"


def test_relative_date_words_read_against_the_publication_date_pick_the_instance():
    text = "Last October, the president met his counterpart at an ASEAN summit in Laos."
    found = _kb_matcher().best(text, read_timex("last October"), date(2025, 3, 1))
    assert found.series == "asean-summit" and found.start.year == 2024 and found.start.month == 10


def test_the_gathering_of_an_article_and_a_sentence_that_refers_back_to_it():
    matcher = _kb_matcher()
    sentences = ["The foreign minister is in Buenos Aires for a G20 ministers' meeting.",
                 "She met her Chinese counterpart on the sidelines of the conference."]
    assert matcher.of_article(sentences, date(2018, 5, 22)).id == "g20-fmm-2018"
    assert matcher.refers_back(sentences[1]) and not matcher.refers_back(sentences[0])


def _analysed(analyser, text: str, published: date):
    return next(analyser.analyse([Article(id="t", text=text, published=published, published_basis="metadata")]))


def test_an_engagement_that_refers_back_to_the_gathering_takes_it(analyser):
    text = ("Foreign ministers of the G20 gathered in Bali on Friday for the G20 Foreign Ministers' Meeting. "
            "On the sidelines of the meeting, Indian External Affairs Minister Subrahmanyam Jaishankar held talks "
            "with Chinese Foreign Minister Wang Yi.")
    reports = _analysed(analyser, text, date(2022, 7, 8)).reports
    assert reports and reports[0].occasion is not None and reports[0].occasion.id.startswith("g20-fmm-2022")


def test_an_engagement_told_as_before_the_gathering_is_not_at_it(analyser):
    text = ("Indian External Affairs Minister Subrahmanyam Jaishankar travelled to Bali for the G20 Foreign "
            "Ministers' Meeting on 7-8 July 2022.\n\nAhead of the G20 meeting, Jaishankar opened a cultural "
            "centre together with Indonesian Foreign Minister Retno Marsudi on 6 July 2022.")
    opened = [m for m in _analysed(analyser, text, date(2022, 7, 9)).mentions if "retno-marsudi" in {p.actor_id for p in m.participants}]
    assert [m.trigger.text for m in opened] == ["opened"]  # "the G20 meeting" is the gathering, no engagement
    assert opened[0].occasion is None
