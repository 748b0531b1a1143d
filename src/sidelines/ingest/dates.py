"""Date lines at the top of an article ("Published: Nov 16, 2022 12:23 AM", "2023-04-14").

A line counts only when it is short and every word in it belongs to a date, so a headline that
happens to hold a year is never taken for one, and relative lines ("2 hours ago") are refused:
they depend on a today that is not the article's. A dated byline ("PTI, 14 Mar, 2021 06:12 PM",
"AFP) 17:05, June 11, 2023") is the report's stamp. Among bare dates, one led by a weekday comes
last: it is often the page header's "today" ("Thursday, December 25, 2025"), not the report's day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

MAX_DATE_CHARS = 60
MAX_LINE_CHARS = 120
#: A segment beside a date on one line ("By Jane Doe | April 14, 2023") may be this long.
MAX_OTHER_SEGMENT = 40

# fmt: off
_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
_WEEKDAYS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
})
_OTHER_WORDS = frozenset({
    "at", "on", "of", "the", "st", "nd", "rd", "th", "am", "pm", "a", "m", "p", "t",
    "z", "hrs", "h", "local", "time", "utc", "gmt", "et", "est", "edt", "ct", "cst", "cdt", "pt",
    "pst", "pdt", "bst", "cet", "cest", "eet", "eest", "ist", "jst", "kst", "hkt", "sgt", "msk", "aest",
    "aedt", "wib",
})
# fmt: on
DATE_WORDS = _MONTHS | _WEEKDAYS | _OTHER_WORDS

_LABEL = re.compile(
    r"^(?P<label>(?:(?:first|last)\s+)?(?:published|posted|updated|modified|dated|date|released|filed))"
    r"\b(?:\s+(?:on|at))?\s*[:\-–—|]?\s*",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s+[|•·]\s+|\s+[–—-]\s+(?=\D)")
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?!\d)")
_RELATIVE = re.compile(
    r"^(?:(?:published|posted|updated|last updated)\s*:?\s*)?(?:just now|an? \w+ ago|\d+\s*"
    r"(?:seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)\s+ago|yesterday|today)$",
    re.IGNORECASE,
)
#: An agency or byline before the stamp: "PTI, 14 Mar, 2021 06:12 PM", "AFP) 17:05, June 11, 2023".
_AGENCY_LEAD = re.compile(r"^[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}\s*(?:,|\))\s*")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_WEEKDAY_LEAD = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.IGNORECASE)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class DateLine:
    """A recognised date line: the day, where it came from, and the line as written."""

    value: date
    basis: str  # "date_line" (labelled) or "page_date_line" (a bare date)
    evidence: str
    rank: int  # 0 published/posted or a dated byline, 1 updated/modified, 2 bare, 3 bare weekday-led


def date_line(line: str) -> DateLine | None:
    """The date a short header line states, or None when the line is anything else."""
    text = line.strip()
    segments = [s.strip() for s in _SEPARATOR.split(text)]
    if len(text) > MAX_LINE_CHARS or (len(segments) == 1 and len(text) > MAX_DATE_CHARS):
        return None
    found: DateLine | None = None
    for segment in segments:
        dated = _segment_date(segment, text)
        if dated is None and (len(segment) > MAX_OTHER_SEGMENT or segment.endswith(".")):
            return None
        found = found or dated
    return found


def _segment_date(segment: str, evidence: str) -> DateLine | None:
    label = _LABEL.match(segment)
    rest = segment[label.end() :] if label else segment
    if len(segment) > MAX_DATE_CHARS:
        return None
    if not only_date_words(rest):
        return None if label else _byline_stamp(segment, evidence)
    value = parse_day(rest)
    if value is None:
        return None
    if label is None:
        return DateLine(value, "page_date_line", evidence, _bare_rank(rest))
    updated = re.search(r"updated|modified|last", label.group("label"), re.IGNORECASE)
    return DateLine(value, "date_line", evidence, 1 if updated else 0)


def _byline_stamp(segment: str, evidence: str) -> DateLine | None:
    """"PTI, 14 Mar, 2021 06:12 PM": an agency's name, then the day and the time it filed."""
    lead = _AGENCY_LEAD.match(segment)
    rest = segment[lead.end() :] if lead else ""
    if not lead or not _CLOCK.search(rest) or not only_date_words(rest):
        return None
    value = parse_day(rest)
    return DateLine(value, "date_line", evidence, 0) if value else None


def _bare_rank(text: str) -> int:
    """3 for a weekday-led date (often a page header's today, "Thursday, December 25, 2025"), else 2."""
    return 3 if _WEEKDAY_LEAD.match(text.strip()) else 2


def is_relative_time(line: str) -> bool:
    """A page's "2 hours ago": a header line, but no date without the day it was saved."""
    return bool(_RELATIVE.match(line.strip()))


def only_date_words(text: str) -> bool:
    """True when every word is part of a date and the text names a day of a month."""
    tokens = _TOKEN.findall(text)
    words = [t.lower() for t in tokens if t.isalpha()]
    if not any(t.isdigit() for t in tokens) or any(w not in DATE_WORDS for w in words):
        return False
    return any(w in _MONTHS for w in words) or bool(_NUMERIC_DATE.search(text))


def parse_day(text: str) -> date | None:
    """An absolute day from a date string; None unless day, month and year are all given."""
    iso = _ISO_DAY.match(text.strip())
    if iso:
        return _day(int(iso[1]), int(iso[2]), int(iso[3]))
    try:
        parsed = _parser().get_date_data(text).date_obj
    except (ValueError, OverflowError, TypeError):
        return None
    return _day(parsed.year, parsed.month, parsed.day) if parsed else None


def _day(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _parser() -> Any:
    """One dateparser for the process: building it is slow, using it is not."""
    from dateparser.date import DateDataParser  # slow import, paid only when a line needs it

    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["absolute-time"],
        "RELATIVE_BASE": datetime(2000, 1, 1),  # never today: results must not change by day
    }
    return DateDataParser(languages=["en"], settings=settings)
