"""Choosing an engagement's date: its own words, the page date, the gathering, the article's lead."""

from __future__ import annotations

from datetime import date

from sidelines.model import Article, OccasionRef, Span, When
from sidelines.resolve.context import ArticleContext, Frame
from sidelines.resolve.dates import fallback_when, resolve_when, when_rank

SUMMIT = OccasionRef("g20-2022", "G20 Summit 2022 (Bali)", date(2022, 11, 15), date(2022, 11, 16), "Bali", "IDN")
ONE_DAY = OccasionRef("nato-2018", "NATO Summit 2018 (Brussels)", date(2018, 7, 11), date(2018, 7, 11), "Brussels",
                      "BEL")


def _ctx(anchor: date | None = None, frame: Frame | None = None, days: list | None = None,
         title: str | None = None) -> ArticleContext:
    article = Article(id="t", text="", title=title, published=anchor, published_basis="metadata" if anchor else None)
    return ArticleContext(article, anchor, None, days=days or [], frame=frame)


def _words(text: str, start: int = 0) -> Span:
    return Span(text, start, start + len(text), "text", "t")


def test_explicit_words_win():
    when = resolve_when(_words("on 15 November 2022"), -1, _ctx(date(2022, 11, 20)), SUMMIT)
    assert (when.value, when.basis) == ("2022-11-15", "explicit")


def test_a_weekday_is_read_against_the_page_date():
    when = resolve_when(_words("on Tuesday"), -1, _ctx(date(2022, 11, 17)), None)
    assert (when.value, when.basis) == ("2022-11-15", "relative_to_published")


def test_without_a_page_date_a_weekday_is_found_within_the_gathering():
    when = resolve_when(_words("on Wednesday"), -1, _ctx(), SUMMIT)
    assert (when.value, when.basis) == ("2022-11-16", "from_occasion")


def test_a_weekday_the_gathering_does_not_hold_leaves_the_day_unknown():
    # 11 July 2018 was a Wednesday: "on Tuesday" cannot be that summit's day
    when = resolve_when(_words("on Tuesday"), -1, _ctx(), ONE_DAY)
    assert when.value is None


def test_a_gathering_of_several_days_gives_the_page_day_when_the_page_is_dated_within_it():
    when = resolve_when(None, -1, _ctx(date(2022, 11, 16)), SUMMIT)
    assert (when.value, when.precision) == ("2022-11-16", "day")


def test_a_gathering_of_several_days_far_from_the_page_date_gives_its_month():
    when = resolve_when(None, -1, _ctx(date(2023, 1, 10)), SUMMIT)
    assert (when.value, when.precision) == ("2022-11", "month")


def test_an_engagement_without_date_words_takes_the_lead_s_day():
    frame = Frame(date(2023, 6, 19), "on Monday", "the lead's 'on Monday'")
    when = resolve_when(None, -1, _ctx(date(2023, 6, 20), frame), None)
    assert (when.value, when.basis) == ("2023-06-19", "from_context")


def test_a_date_without_its_year_continues_the_year_of_the_last_full_day_written():
    ctx = _ctx(days=[(10, date(2024, 7, 9)), (400, date(2022, 9, 16))])
    when = resolve_when(_words("8 July", 120), -1, ctx, None)
    assert (when.value, when.basis) == ("2024-07-08", "from_context")


def test_no_year_in_the_text_and_no_page_date_leave_the_date_empty():
    assert resolve_when(_words("on June 26"), -1, _ctx(), None).value is None
    assert fallback_when(_ctx()).value is None


def test_a_range_is_stored_as_its_month():
    when = resolve_when(_words("1-2 December 2022"), -1, _ctx(), None)
    assert (when.value, when.precision) == ("2022-12", "month")


def test_a_day_ranks_before_the_month_or_year_it_falls_in():
    day = When("2018-01-25", "day", "from_occasion")
    year = When("2018", "year", "explicit")
    assert min([year, day], key=when_rank) is day
    assert when_rank(When("2018-01-25", "day", "explicit")) < when_rank(When("2018-01-26", "day", "published_fallback"))


def test_a_dated_byline_is_the_report_s_stamp():
    from sidelines.ingest.dates import date_line

    found = date_line("AFP, 14 Nov, 2022 06:40 PM")
    assert found is not None and (found.value, found.basis, found.rank) == (date(2022, 11, 14), "date_line", 0)
    assert date_line("Bali, 14 November 2022") is None  # a dateline without a time is not a stamp


def test_a_page_header_s_weekday_date_comes_after_the_report_s_stamp():
    from sidelines.ingest.text import parse_header

    text = ("Friday, June 6, 2025\nLeaders speak by phone\nReuters, 02 Apr, 2024 11:15 PM\n"
            "U.S. President Joe Biden and Chinese President Xi Jinping spoke by telephone on Tuesday, the White "
            "House said, in their first conversation since they met in California in November.\n")
    assert parse_header(text).date.value == date(2024, 4, 2)
