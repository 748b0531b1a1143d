"""Normalising date words to calendar values against an anchor, the way a careful reader does.

``read_timex`` classifies the words ("Tuesday", "Feb. 20", "November 15, 2022", "last week") without an
anchor; ``Timex.resolve`` then places them against whatever anchor the caller trusts: the publication
date, the days of an occasion, or the year of other dated events in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "a": 1, "an": 1}
UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
PATTERNS = [
    ("ymd", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<day>\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d{{2}})")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)(?!,?\s+(?:19|20)\d{{2}})")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    ("m", re.compile(rf"\b(?:in|since|by|early|late|mid|last|this|next|until)?\s*-?{_MONTH}(?!\w)")),
    ("y", re.compile(rf"^(?:in\s+|the\s+year\s+)?{_YEAR}$")),
]
WEEKDAY = re.compile(r"\b(?P<rel>last|this|next|on|past)?\s*(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
SHIFT = re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+(?P<unit>day|week|month|year)s?"
                   r"\s+(?P<dir>ago|before|earlier|later|after|previously)\b")
DEICTIC = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before": -1, "the previous day": -1,
    "the day after": 1, "the next day": 1, "the following day": 1,
}
PERIODS = re.compile(r"\b(?P<rel>last|this|next|earlier this|later this|the previous|the past)\s+(?P<unit>week|month|year)\b")


@dataclass(frozen=True, slots=True)
class Timex:
    """Date words as read, before an anchor places them.

    kind: ``absolute`` (a full date or a year), ``partial`` (month/day without the year), ``weekday``,
    ``offset`` (days from the anchor), ``period`` (this/last week, month or year).
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    offset: int = 0  # days for offset; -1/0/1 for last/this/next period
    weekday: int | None = None
    unit: str | None = None
    direction: int = -1  # -1 looks back (past tense), 1 forward

    @property
    def precision(self) -> str:
        if self.kind in ("weekday", "offset"):
            return "day"
        if self.kind == "period":
            return {"week": "day", "month": "month", "year": "year"}[self.unit or "year"]
        return "day" if self.day else ("month" if self.month else "year")

    def absolute(self) -> tuple[str, str] | None:
        """(value, precision) when the words alone fix the date."""
        if self.kind != "absolute" or self.year is None:
            return None
        if self.day and self.month:
            return date(self.year, self.month, self.day).isoformat(), "day"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}", "month"
        return f"{self.year:04d}", "year"

    def resolve(self, anchor: date, tense: int = -1) -> tuple[str, str] | None:
        """(value, precision) against ``anchor``; ``tense`` -1 looks back from it, 1 forward."""
        if self.kind == "absolute":
            return self.absolute()
        if self.kind == "partial":
            return self._partial(anchor, tense)
        if self.kind == "weekday":
            return self._weekday(anchor, tense).isoformat(), "day"
        if self.kind == "offset":
            return (anchor + timedelta(days=self.offset)).isoformat(), "day"
        return self._period(anchor)

    def days_in(self, start: date, end: date) -> list[date]:
        """The days in [start, end] these words can name (for an occasion's window)."""
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        if self.kind == "weekday":
            return [d for d in days if d.weekday() == self.weekday]
        if self.kind in ("partial", "absolute") and self.month and self.day:
            return [d for d in days if (d.month, d.day) == (self.month, self.day)
                    and (self.year is None or d.year == self.year)]
        if self.kind in ("partial", "absolute") and self.month:
            return [d for d in days if d.month == self.month and (self.year is None or d.year == self.year)]
        return []

    def _partial(self, anchor: date, tense: int) -> tuple[str, str] | None:
        month = self.month or anchor.month
        year = anchor.year
        if self.weekday is not None and self.day:
            return self._year_of_weekday(anchor, month)
        probe = date(year, month, min(self.day or 1, 28))
        if tense < 0 and probe > anchor + timedelta(days=7):
            year -= 1
        elif tense > 0 and probe < anchor - timedelta(days=7):
            year += 1
        if self.day:
            try:
                return date(year, month, self.day).isoformat(), "day"
            except ValueError:
                return None
        return f"{year:04d}-{month:02d}", "month"

    def _year_of_weekday(self, anchor: date, month: int) -> tuple[str, str] | None:
        """"Friday, April 14": the latest such date on or before the anchor's week that is a Friday."""
        assert self.day is not None
        for year in range(anchor.year, anchor.year - 12, -1):
            try:
                candidate = date(year, month, self.day)
            except ValueError:
                continue
            if candidate.weekday() == self.weekday and candidate <= anchor + timedelta(days=7):
                return candidate.isoformat(), "day"
        return None

    def _weekday(self, anchor: date, tense: int) -> date:
        assert self.weekday is not None
        delta = (anchor.weekday() - self.weekday) % 7
        if self.offset == -1 or (self.offset == 0 and tense < 0):
            return anchor - timedelta(days=delta + (7 if self.offset == -1 and delta == 0 else 0))
        ahead = (self.weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead + (7 if self.offset == 1 and ahead == 0 else 0))

    def _period(self, anchor: date) -> tuple[str, str] | None:
        if self.unit == "year":
            return f"{anchor.year + self.offset:04d}", "year"
        if self.unit == "month":
            month_index = anchor.year * 12 + anchor.month - 1 + self.offset
            return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"
        return None  # a week is not a day; leave it to other evidence


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower()[:3]]


@lru_cache(maxsize=4096)
def read_timex(text: str) -> Timex | None:
    """Classify date words; None when they are not a date of an occurrence ("annually", "recent years")."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    for phrase, offset in DEICTIC.items():
        if re.search(rf"\b{phrase}\b", lowered):
            return Timex("offset", offset=offset)
    if match := SHIFT.search(lowered):
        n = int(match["n"]) if match["n"].isdigit() else NUMBERS[match["n"]]
        sign = 1 if match["dir"] in ("later", "after") else -1
        if match["unit"] == "day":
            return Timex("offset", offset=sign * n)
        return None
    for kind, pattern in PATTERNS:
        if match := pattern.search(lowered):
            return _from_match(kind, match)
    if match := WEEKDAY.search(lowered):
        rel = {"last": -1, "past": -1, "next": 1}.get(match["rel"] or "", 0)
        return Timex("weekday", weekday=WEEKDAYS[match["wd"]], offset=rel)
    if match := PERIODS.search(lowered):
        rel = {"last": -1, "the previous": -1, "the past": -1, "next": 1}.get(match["rel"], 0)
        return Timex("period", unit=match["unit"], offset=rel)
    return None


def _from_match(kind: str, match: re.Match[str]) -> Timex | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "ymd":
        month = int(groups["m"])
    else:
        month = _month(groups["month"]) if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if year is not None:
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            return None
        return Timex("absolute", year=year, month=month, day=day)
    weekday = WEEKDAY.search(match.string)
    return Timex("partial", month=month, day=day, weekday=WEEKDAYS[weekday["wd"]] if weekday and day else None)
