"""Header recognition in plain-text articles: title, date line, captions, body kept verbatim."""

from __future__ import annotations

from datetime import date

import pytest

from sidelines.errors import EmptyInput
from sidelines.ingest.dates import date_line, is_relative_time
from sidelines.ingest.text import parse_header, read_txt, same_text

LONG = (
    "The foreign ministers of Norland and Sudria met in Havnby on Monday and agreed to hold "
    "talks on a new trade agreement before the end of the year, officials said after a long day "
    "of meetings at the harbour."
)


def test_kicker_title_published_line_and_byline(fixtures, settings):
    path = fixtures / "kicker_published.txt"
    article = read_txt(path, str(path), settings)
    assert article.id == "kicker_published"
    assert article.title == "Ministers pledge closer ties at harbour talks"
    assert article.published == date(2023, 4, 10)
    assert article.published_basis == "date_line"
    assert article.published_evidence == "Published: Apr 10, 2023 09:15 AM"
    assert article.text.startswith("The foreign ministers of Norland")
    for header in ("WORLD", "Published", "By Jane Example", "pledge closer ties"):
        assert header not in article.text


def test_page_date_repeated_title_and_caption(fixtures, settings):
    path = fixtures / "page_date_repeated.txt"
    article = read_txt(path, str(path), settings)
    assert article.title == "Envoys meet on the sidelines of the regional summit"
    assert article.published == date(2023, 12, 8)
    assert article.published_basis == "page_date_line"
    assert article.published_evidence == "Friday, Dec 08, 2023"
    assert article.text.startswith("Envoys from three neighbouring states")
    assert "Photo" not in article.text and "sidelines of the regional summit\n" not in article.text


def test_no_title_when_first_line_is_a_paragraph(fixtures, settings):
    path = fixtures / "no_title.txt"
    article = read_txt(path, str(path), settings)
    assert article.title is None
    assert article.published is None and article.published_basis is None
    assert article.text == path.read_text(encoding="utf-8").strip()


def test_title_and_standfirst_stay_apart(fixtures, settings):
    path = fixtures / "standfirst.txt"
    article = read_txt(path, str(path), settings)
    assert article.title == "Trade talks resume after a two-year pause"
    assert article.text.startswith("Negotiators say a first draft could be ready by the summer.\n\nTrade")
    assert "Updated" not in article.text
    assert article.published == date(2023, 3, 15)
    assert article.published_evidence == "Updated 15 March 2023"


def test_body_is_kept_verbatim():
    body = f"{LONG}\n\n  An indented line,   with  spaces.\nAnd a second line.\n\n\nAfter two blanks."
    header = parse_header(f"Ministers meet\n\n{body}\n\n")
    assert header.title == "Ministers meet"
    assert header.body == body


@pytest.mark.parametrize(
    "text, title",
    [
        (f"ASIA\nMinisters meet in Havnby\n{LONG}", "Ministers meet in Havnby"),
        (f"Home > World > Europe\nMinisters meet in Havnby\n{LONG}", "Ministers meet in Havnby"),
        (f"Diplomacy\nMinisters meet in Havnby\n{LONG}", "Ministers meet in Havnby"),
        (f"Will the ministers meet again?\n{LONG}", "Will the ministers meet again?"),
        (f"Photo: Example Agency\nMinisters meet in Havnby\n{LONG}", "Ministers meet in Havnby"),
        (f"Ministers meet in Havnby\nMINISTERS MEET IN HAVNBY\n{LONG}", "Ministers meet in Havnby"),
        (f"Ministers met in Havnby on Monday.\n{LONG}", None),
    ],
)
def test_title_layouts(text, title):
    header = parse_header(text)
    assert header.title == title
    assert header.body.endswith(LONG)
    if title:
        assert title.lower() not in header.body.lower()


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Example",
        "By Jane Example and John Sample in Havnby",
        "Photo: Example Agency",
        "(Photo: Example Agency)",
        "File photo of the harbour at Havnby",
        "The two ministers shake hands in Havnby, April 14, 2023. EXAMPLE/Jane Sample",
        "2 hours ago",
    ],
)
def test_header_lines_are_left_out_of_the_body(line):
    header = parse_header(f"Ministers meet in Havnby\n{line}\n\n{LONG}")
    assert header.body == LONG


def test_caption_followed_by_credited_caption_is_dropped():
    text = f"Ministers meet\n\n{LONG}\n\nThe Norland minister\nThe Norland minister AP\n\n{LONG}"
    assert parse_header(text).body == f"{LONG}\n\n{LONG}"


def test_standfirst_ending_like_a_headline_is_not_a_caption():
    text = f"Ministers meet in Havnby\nMinisters meet in Havnby to talk about trade\n{LONG}"
    header = parse_header(text)
    assert header.body.startswith("Ministers meet in Havnby to talk about trade\n")


def test_a_published_line_wins_over_a_bare_page_date():
    header = parse_header(f"14 April 2023\nMinisters meet\nPublished: 12 April 2023\n{LONG}")
    assert header.date.value == date(2023, 4, 12) and header.date.basis == "date_line"


def test_only_header_lines_is_empty(tmp_path, settings):
    path = tmp_path / "header_only.txt"
    path.write_text("WORLD\nMinisters meet\nPublished: 12 April 2023\n", encoding="utf-8")
    with pytest.raises(EmptyInput):
        read_txt(path, str(path), settings)


@pytest.mark.parametrize(
    "line, day, basis",
    [
        ("Published: Nov 16, 2022 12:23 AM", date(2022, 11, 16), "date_line"),
        ("Updated 15 March 2023", date(2023, 3, 15), "date_line"),
        ("Posted on 3 May 2021", date(2021, 5, 3), "date_line"),
        ("Date: 2023-04-14T09:30:00Z", date(2023, 4, 14), "date_line"),
        ("Friday, Dec 08, 2023", date(2023, 12, 8), "page_date_line"),
        ("2023-04-14", date(2023, 4, 14), "page_date_line"),
        ("April 14, 2023 09:30 GMT", date(2023, 4, 14), "page_date_line"),
        ("By Jane Example | April 14, 2023", date(2023, 4, 14), "page_date_line"),
    ],
)
def test_date_lines(line, day, basis):
    found = date_line(line)
    assert found is not None and (found.value, found.basis, found.evidence) == (day, basis, line)


@pytest.mark.parametrize(
    "line",
    [
        "2 hours ago",
        "Yesterday",
        "April 2023",
        "G20 Summit 2023",
        "May 9 parade marks the anniversary",
        "Ministers met on April 14, 2023 in Havnby and agreed to talk again in May",
    ],
)
def test_not_date_lines(line):
    assert date_line(line) is None


def test_relative_lines_are_recognised_but_give_no_date():
    assert is_relative_time("Updated 5 mins ago") and date_line("Updated 5 mins ago") is None


def test_hard_wrapped_paragraph_is_not_a_title():
    text = (
        "The foreign ministers of Norland and Sudria met in Havnby on Monday\n"
        "and agreed to hold talks on a new trade agreement before the end of\n"
        "the year, officials said.\n"
    )
    header = parse_header(text)
    assert header.title is None and header.body == text.strip()


def test_title_ending_on_a_joining_word_is_a_wrapped_line():
    header = parse_header(f"Ministers of Norland and\nSudria meet in Havnby.\n{LONG}")
    assert header.title is None


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Ministers meet", "MINISTERS  MEET.", True),
        ("Ministers meet", "Ministers meet | The Example Herald", True),
        ("Ministers meet", "Ministers meet again", False),
        ("", "", False),
    ],
)
def test_same_text(a, b, same):
    assert same_text(a, b) is same


def test_known_title_is_kept_and_its_heading_removed():
    header = parse_header(f"Ministers meet | The Example Herald\n{LONG}", known_title="Ministers meet")
    assert header.title == "Ministers meet" and header.body == LONG
