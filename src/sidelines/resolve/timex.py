"""Normalising date words to calendar values against an anchor, the way a careful reader does.

``read_timex`` classifies the words ("Tuesday", "Feb. 20", "November 15, 2022", "last week") without an
anchor; ``Timex.resolve`` then places them against whatever anchor the caller trusts: the publication
date, the days of an occasion, or the year of other dated events in the article.

``resolve`` and ``absolute`` only give values the records can hold (a day, a month or a year).
``Timex.timeml`` gives the TimeML value of every kind read here, weeks ("2013-W12"), seasons
("2012-SU"), quarters ("2013-Q1"), decades ("199"), centuries ("19"), times of day
("2013-03-22TAF") and the document-relative references PRESENT_REF, PAST_REF and FUTURE_REF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
           "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
           "forty": 40, "fifty": 50, "a": 1, "an": 1, "a couple of": 2}
UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
            "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
            "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_ORDER = ("SP", "SU", "FA", "WI")  # within a season-year; winter runs from December into the next year
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
             "tonight": "NI", "midday": "12:00", "noon": "12:00", "midnight": "24:00"}
REFS = {"PAST_REF": -1, "PRESENT_REF": 0, "FUTURE_REF": 1}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_NUMBER = r"\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
_REL = r"(?P<rel>last|this|next|the\s+previous|the\s+past|this\s+past|the\s+coming|the\s+current)"
_YEAR_LEAD = (r"(?:in|since|by|until|till|before|after|through|throughout|during|from|of|for|around|circa|"
              r"early|late|mid|the\s+(?:end|start|beginning|middle|close|turn|rest|remainder)\s+of|"
              r"the\s+year|fiscal|calendar|year|fy)")
#: "January 4-6", "1-2 December 2022": a range within one month is that month, never its first day.
RANGES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}\s*(?:-|–|—|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?(?!\d)"
               rf"(?:\s*,?\s*{_YEAR}\b)?"),
    re.compile(rf"\b{_DAY}\s*(?:-|–|—|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?!\w)"
               rf"(?:,?\s+{_YEAR}\b)?"),
]
#: "on the 4th", "on 4 th": a day of the month the anchor's month (or the one before) holds.
DAY_ALONE = re.compile(r"^(?:on\s+)?(?:the\s+)?(?P<day>\d{1,2})\s*(?:st|nd|rd|th)$")
PATTERNS = [
    ("ymd", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<day>\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d{{2}})")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)(?!,?\s+(?:19|20)\d{{2}})")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
]
MONTH_ALONE = re.compile(rf"\b(?:(?P<rel>last|this|next|the\s+coming|this\s+past)\s+)?-?{_MONTH}(?!\w)")
YEAR_ALONE = re.compile(rf"^(?:{_YEAR_LEAD}[\s-]*)*{_YEAR}$")
WEEKDAY = re.compile(r"\b(?P<rel>last|this|next|on|past)?\s*(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
SHIFT = re.compile(rf"\b(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year|decade)s?"
                   r"\s+(?P<dir>ago|before|earlier|later|after|previously|from\s+now|hence)\b")
DEICTIC = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "last evening": -1, "tomorrow": 1, "the day before": -1, "the previous day": -1,
    "the day after": 1, "the next day": 1, "the following day": 1,
}
PERIODS = re.compile(
    r"\b(?P<rel>last|this|next|earlier this|later this|the previous|the past|this past|the coming|the current|"
    r"(?:the\s+)?(?:end|start|beginning|middle)\s+of(?:\s+the|\s+this)?)\s+"
    r"(?:(?:fiscal|financial|calendar|school|academic)\s+)?(?P<unit>weekend|week|month|year)\b")
SEASON = re.compile(
    rf"\b(?:{_REL}\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<season>spring|summer|autumn|fall|winter)(?!\w)"
    rf"(?:\s+(?:of\s+)?{_YEAR})?")
QUARTER = re.compile(
    rf"\b(?:{_REL}\s+(?P<relunit>quarter)|(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
    rf"(?:(?:fiscal|financial|calendar)\s+)?(?P<unit>quarter|half)|q(?P<q>[1-4])|h(?P<h>[12]))(?!\w)"
    rf"(?:\s+(?:of\s+)?(?:(?:fiscal|the\s+year|the\s+fiscal\s+year)\s+)?{_YEAR})?")
DECADE = re.compile(r"(?:\b(?P<dec>(?:1[0-9]|20)\d0)'?s|(?<!\w)'(?P<yy>\d)0'?s)(?!\w)")
DECADE_WORD = re.compile(r"\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?P<word>" + "|".join(DECADE_WORDS) + r")\b")
CENTURY = re.compile(r"\b(?:(?P<ord>\d{1,2})(?:st|nd|rd|th)|(?P<word>" + "|".join(ORDINALS) + r")|"
                     r"(?P<rel>this|last|next|the\s+previous|the\s+current))[\s-]+century\b")
REF = re.compile(
    r"(?:(?:until|till|up\s+to|up\s+until|by|from|for|since|as\s+of|even|in|into|of|at|than|right|only|"
    r"and|more|more\s+than|ever|still|now\s+and\s+in)\s+)*"
    r"(?P<ref>now|right\s+now|just\s+now|currently|nowadays|presently|at\s+present|these\s+days|"
    r"at\s+the\s+moment|at\s+this\s+time|the\s+present(?:\s+day)?|present\s+day|"
    r"recently|lately|the\s+past|previously|formerly|in\s+recent\s+times|the\s+recent\s+past|"
    r"the\s+(?:near\s+|distant\s+)?future|soon|someday)")
PAST_REFS = ("recent", "lately", "past", "previously", "formerly")
FUTURE_REFS = ("future", "soon", "someday")
DAY_PART = re.compile(r"\b(?P<part>" + "|".join(DAY_PARTS) + r")\b")
CLOCK = re.compile(r"\b(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s*(?P<ap>a\.?m\b\.?|p\.?m\b\.?)"
                   r"|(?<![\d:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?!:?\d)")


@dataclass(frozen=True, slots=True)
class Timex:
    """Date words as read, before an anchor places them.

    kind: ``absolute`` (a full date or a year), ``partial`` (month/day without the year), ``weekday``,
    ``offset`` (days from the anchor), ``period`` (a week, weekend, month or year ``offset`` from the
    anchor's: last/this/next week, "two years ago"), ``season`` (``unit`` SP/SU/FA/WI), ``quarter``
    (``unit`` Q1..Q4, H1/H2, or Q with an ``offset``), ``decade`` and ``century`` (first ``year``, or an
    ``offset`` from the anchor's), ``ref`` (now, recently, the future: ``direction`` -1/0/1) and
    ``clock`` (a time of day alone). ``direction`` 0 on a partial month or a season means "this".
    ``part`` is a time of day ("MO", "AF", "EV", "NI", "15:00") said with the day.
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    offset: int = 0  # days for offset; -1/0/1 for last/this/next period
    weekday: int | None = None
    unit: str | None = None
    direction: int = -1  # -1 looks back (past tense), 1 forward
    part: str | None = None

    @property
    def precision(self) -> str:
        if self.kind in ("weekday", "offset"):
            return "day"
        if self.kind == "period":
            return {"week": "week", "weekend": "week", "month": "month", "year": "year"}[self.unit or "year"]
        if self.kind in ("season", "quarter", "decade", "century", "ref"):
            return self.kind
        if self.kind == "clock":
            return "time"
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
        """(value, precision) against ``anchor``; ``tense`` -1 looks back from it, 1 forward.

        Only a day, a month or a year: weeks, seasons, decades and the like give None here (see ``timeml``).
        """
        if self.kind == "absolute":
            return self.absolute()
        if self.kind == "partial":
            return self._partial(anchor, tense)
        if self.kind == "weekday":
            return self._weekday(anchor, tense).isoformat(), "day"
        if self.kind == "offset":
            return (anchor + timedelta(days=self.offset)).isoformat(), "day"
        if self.kind == "period":
            return self._period(anchor)
        return None

    def timeml(self, anchor: date, tense: int = -1) -> str | None:
        """The TimeML value of these words against ``anchor`` (the document creation time)."""
        value: str | None
        if self.kind == "ref":
            return {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[self.direction]
        if self.kind == "clock":
            value = anchor.isoformat()
        elif self.kind == "period" and self.unit in ("week", "weekend"):
            year, week, _ = (anchor + timedelta(weeks=self.offset)).isocalendar()
            value = f"{year:04d}-W{week:02d}" + ("-WE" if self.unit == "weekend" else "")
        elif self.kind == "season":
            value = self._season(anchor, tense)
        elif self.kind == "quarter":
            value = self._quarter(anchor, tense)
        elif self.kind == "decade":
            value = f"{self.year // 10:03d}" if self.year is not None else f"{anchor.year // 10 + self.offset:03d}"
        elif self.kind == "century":
            value = f"{self.year // 100:02d}" if self.year is not None else f"{anchor.year // 100 + self.offset:02d}"
        else:
            found = self.resolve(anchor, tense)
            value = found[0] if found else None
        if value is not None and self.part and len(value) == 10:
            value += "T" + self.part
        return value

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
        if self.month is None and self.day:
            return self._day_of_month(anchor, tense)
        month = self.month or anchor.month
        year = anchor.year
        if self.weekday is not None and self.day:
            return self._year_of_weekday(anchor, month)
        if self.offset < 0:  # "last July": the latest July before the anchor's month
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif self.offset > 0:  # "next May": the first May after it
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif self.direction != 0:  # "this June" keeps the anchor's year
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

    def _day_of_month(self, anchor: date, tense: int) -> tuple[str, str] | None:
        """"on the 4th": that day of the anchor's month, or of the month before (after, looking forward)
        when the anchor's month has not reached it (has passed it)."""
        assert self.day is not None
        index = anchor.year * 12 + anchor.month - 1
        if tense < 0 and self.day > anchor.day + 1:
            index -= 1
        elif tense > 0 and self.day < anchor.day - 1:
            index += 1
        try:
            return date(index // 12, index % 12 + 1, self.day).isoformat(), "day"
        except ValueError:
            return None

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

    def _season(self, anchor: date, tense: int) -> str | None:
        """Seasons as a sequence: index = season-year * 4 + position (spring 0 .. winter 3)."""
        assert self.unit is not None
        wanted = SEASON_ORDER.index(self.unit)
        if self.year is not None:
            return f"{self.year:04d}-{self.unit}"
        season_year = anchor.year if anchor.month > 2 else anchor.year - 1
        current = season_year * 4 + ((anchor.month - 3) % 12) // 3
        if self.direction == 0 or (self.offset == 0 and tense == 0):  # "this summer"
            if current % 4 == wanted:
                return f"{current // 4:04d}-{self.unit}"
            return f"{anchor.year:04d}-{self.unit}"
        if self.offset < 0 or (self.offset == 0 and tense < 0):  # "last summer": strictly before, bare: up to now
            index = current - (current - wanted) % 4 - (4 if self.offset < 0 and current % 4 == wanted else 0)
        else:
            index = current + (wanted - current) % 4 + (4 if self.offset > 0 and current % 4 == wanted else 0)
        return f"{index // 4:04d}-{self.unit}"

    def _quarter(self, anchor: date, tense: int) -> str | None:
        assert self.unit is not None
        if self.unit == "Q":  # "last quarter": counted from the anchor's
            index = anchor.year * 4 + (anchor.month - 1) // 3 + self.offset
            return f"{index // 4:04d}-Q{index % 4 + 1}"
        if self.year is not None:
            return f"{self.year:04d}-{self.unit}"
        number = int(self.unit[1])
        first_month = (number - 1) * (3 if self.unit[0] == "Q" else 6) + 1
        last_month = first_month + (2 if self.unit[0] == "Q" else 5)
        year = anchor.year
        if tense < 0 and first_month > anchor.month:
            year -= 1
        elif tense > 0 and last_month < anchor.month:
            year += 1
        return f"{year:04d}-{self.unit}"


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower()[:3]]


def _rel(word: str | None) -> int:
    """-1/0/1 for last/this/next words."""
    word = " ".join((word or "").split())
    if word in ("last", "the previous", "the past", "this past", "past"):
        return -1
    if word in ("next", "the coming"):
        return 1
    return 0


@lru_cache(maxsize=4096)
def read_timex(text: str) -> Timex | None:
    """Classify date words; None when they are not a date of an occurrence ("annually", "recent years")."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    timex = _read_date(lowered)
    part = _day_part(lowered)
    if timex is None:
        return Timex("clock", part=part) if part else None
    if part and (timex.kind in ("offset", "weekday") or (timex.kind in ("absolute", "partial") and timex.day)):
        return replace(timex, part=part)
    return timex


def _day_part(lowered: str) -> str | None:
    if match := CLOCK.search(lowered):
        if match["h24"] is not None:
            return f"{int(match['h24']):02d}:{match['m24']}"
        hour = int(match["h"])
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ap"].startswith("p") else 0)
        return f"{hour:02d}:{match['m'] or '00'}"
    if match := DAY_PART.search(lowered):
        return DAY_PARTS[match["part"]]
    return None


def _read_date(lowered: str) -> Timex | None:
    if match := REF.fullmatch(lowered):
        ref = match["ref"]
        direction = -1 if ref.startswith(PAST_REFS) or " past" in ref else (
            1 if any(word in ref for word in FUTURE_REFS) else 0)
        return Timex("ref", direction=direction)
    for phrase, offset in DEICTIC.items():
        if re.search(rf"\b{phrase}\b", lowered):
            return Timex("offset", offset=offset)
    if match := SHIFT.search(lowered):
        return _shift(match)
    for pattern in RANGES:
        if match := pattern.search(lowered):
            return _range(match)
    for kind, pattern in PATTERNS:
        if match := pattern.search(lowered):
            return _from_match(kind, match)
    if match := DAY_ALONE.match(lowered):
        return _from_match("d", match)
    if (match := SEASON.search(lowered)) and (timex := _season(match, lowered)):
        return timex
    if match := QUARTER.search(lowered):
        return _quarter(match)
    if match := DECADE.search(lowered):
        if match["dec"]:
            return Timex("decade", year=int(match["dec"]))
        yy = int(match["yy"])
        return Timex("decade", year=(2000 if yy <= 1 else 1900) + 10 * yy)
    if match := DECADE_WORD.search(lowered):
        return Timex("decade", year=1900 + 10 * DECADE_WORDS[match["word"]])
    if match := CENTURY.search(lowered):
        number = int(match["ord"]) if match["ord"] else ORDINALS.get(match["word"] or "")
        if number:
            return Timex("century", year=(number - 1) * 100)
        return Timex("century", offset=_rel(match["rel"]))
    if match := MONTH_ALONE.search(lowered):
        timex = _from_match("m", match)
        if timex is not None and match["rel"]:
            relative = _rel(match["rel"])
            return replace(timex, offset=relative, direction=0 if relative == 0 else -1)
        return timex
    if match := YEAR_ALONE.search(lowered):
        return _from_match("y", match)
    if match := WEEKDAY.search(lowered):
        rel = {"last": -1, "past": -1, "next": 1}.get(match["rel"] or "", 0)
        return Timex("weekday", weekday=WEEKDAYS[match["wd"]], offset=rel)
    if match := PERIODS.search(lowered):
        return Timex("period", unit=match["unit"], offset=_rel(match["rel"]))
    return None


def _range(match: re.Match[str]) -> Timex:
    """"January 4-6": the month the days share, at month precision (the range is not its first day)."""
    month = _month(match["month"])
    if match["year"]:
        return Timex("absolute", year=int(match["year"]), month=month)
    return Timex("partial", month=month)


def _shift(match: re.Match[str]) -> Timex | None:
    """"two days before", "three years ago", "a month from now"."""
    word = " ".join(match["n"].split())
    n = int(word) if word.isdigit() else NUMBERS[word]
    direction = " ".join(match["dir"].split())
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if match["unit"] == "day":
        return Timex("offset", offset=sign * n)
    if direction not in ("ago", "from now", "hence"):
        return None  # "two years later": counted from another event, not from the anchor
    if match["unit"] == "decade":
        return Timex("period", unit="year", offset=sign * 10 * n)
    return Timex("period", unit=match["unit"], offset=sign * n)


def _season(match: re.Match[str], lowered: str) -> Timex | None:
    """"last summer", "the summer of 2012"; "fall" only where it cannot be the verb."""
    if match["season"] == "fall" and not (match["rel"] or match["year"]
                                          or re.search(r"\b(?:the|in|this)\s+fall\b", lowered)):
        return None
    return Timex("season", year=int(match["year"]) if match["year"] else None, unit=SEASONS[match["season"]],
                 offset=_rel(match["rel"]), direction=0 if match["rel"] in ("this", "the current") else -1)


def _quarter(match: re.Match[str]) -> Timex:
    year = int(match["year"]) if match["year"] else None
    if match["relunit"]:
        return Timex("quarter", unit="Q", offset=_rel(match["rel"]))
    if match["q"]:
        return Timex("quarter", year=year, unit=f"Q{match['q']}")
    if match["h"]:
        return Timex("quarter", year=year, unit=f"H{match['h']}")
    number = ORDINALS.get(match["ord"]) or int(match["ord"][0])
    return Timex("quarter", year=year, unit=("Q" if match["unit"] == "quarter" else "H") + str(number))


def _from_match(kind: str, match: re.Match[str]) -> Timex | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    month: int | None
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
