from datetime import date

import pytest

from sidelines.resolve.timex import read_timex

WEDNESDAY = date(2022, 11, 16)


@pytest.mark.parametrize(
    ("words", "anchor", "tense", "expected"),
    [
        ("on Tuesday", WEDNESDAY, -1, ("2022-11-15", "day")),
        ("Wednesday", WEDNESDAY, -1, ("2022-11-16", "day")),
        ("until Thursday", WEDNESDAY, 1, ("2022-11-17", "day")),
        ("last Monday", WEDNESDAY, -1, ("2022-11-14", "day")),
        ("yesterday", WEDNESDAY, -1, ("2022-11-15", "day")),
        ("two days before", WEDNESDAY, -1, ("2022-11-14", "day")),
        ("Feb. 20", date(2025, 3, 1), -1, ("2025-02-20", "day")),
        ("December 30", date(2023, 1, 3), -1, ("2022-12-30", "day")),
        ("November 15, 2022", None, -1, ("2022-11-15", "day")),
        ("15 March 2023", None, -1, ("2023-03-15", "day")),
        ("2024-07-09", None, -1, ("2024-07-09", "day")),
        ("in February 2022", None, -1, ("2022-02", "month")),
        ("earlier this month", WEDNESDAY, -1, ("2022-11", "month")),
        ("last year", WEDNESDAY, -1, ("2021", "year")),
    ],
)
def test_words_resolve_against_the_anchor(words, anchor, tense, expected):
    timex = read_timex(words)
    assert timex is not None
    resolved = timex.absolute() if anchor is None else timex.resolve(anchor, tense)
    assert resolved == expected


@pytest.mark.parametrize("words", ["annually", "recent years", "the past decade", "a long time"])
def test_words_that_date_no_occurrence_give_nothing(words):
    assert read_timex(words) is None


def test_a_weekday_is_found_within_an_occasion():
    timex = read_timex("on Wednesday")
    assert timex.days_in(date(2022, 3, 30), date(2022, 3, 31)) == [date(2022, 3, 30)]


def test_a_month_day_without_year_is_partial():
    timex = read_timex("Feb. 20")
    assert timex.kind == "partial" and timex.absolute() is None


def test_a_weekday_with_a_day_finds_its_year_before_a_later_page_date():
    timex = read_timex("on Friday, April 14")
    assert timex.resolve(date(2024, 4, 15), -1) == ("2023-04-14", "day")
