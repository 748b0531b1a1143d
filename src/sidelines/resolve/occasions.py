"""Which instance of a recurring gathering a report means: "the G20" -> the G20 of that date and place.

Evidence, strongest first: an ordinal ("the third meeting"), the host city or country named nearby,
a day that falls within the gathering, a publication date just after it, the years the article names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sidelines.knowledge import KnowledgeBase
from sidelines.knowledge.actors import Actor
from sidelines.knowledge.calendar import Occasion
from sidelines.knowledge.files import fold
from sidelines.resolve.timex import Timex

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
ORDINAL = re.compile(r"\b(?:(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(ORDINALS) + r"))\b")
WINDOW = 80  # characters around a phrase searched for an ordinal or a host name


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the words around an occasion phrase say about which instance it is."""

    text: str  # folded text around the phrase
    ordinal: int | None
    timex: Timex | None = None
    anchor: date | None = None
    years: tuple[int, ...] = ()
    actors: tuple[Actor, ...] = ()  # linked participants: a gathering before or after their time in office is out


def _ordinal_before(folded: str, position: int) -> int | None:
    found = list(ORDINAL.finditer(folded[max(0, position - WINDOW):position]))
    if not found:
        return None
    digits, word = found[-1].groups()
    return int(digits) if digits else ORDINALS[word]


class OccasionMatcher:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def phrases(self, text: str) -> list[tuple[int, str, list[Occasion]]]:
        """(position in folded text, phrase, candidate instances) for every series phrase in ``text``."""
        folded = fold(text)
        found = []
        for phrase, series in self.kb.calendar.find_series(text):
            position = folded.find(phrase)
            found.append((position, phrase, self.kb.calendar.instances(series)))
        return found

    def best(self, text: str, timex: Timex | None, anchor: date | None, years: tuple[int, ...] = (),
             actors: tuple[Actor, ...] = ()) -> Occasion | None:
        """The instance the occasion words in ``text`` most likely name, or None when nothing points to one."""
        folded = fold(text)
        ranked: list[tuple[float, Occasion]] = []
        for position, phrase, candidates in self.phrases(text):
            window = folded[max(0, position - WINDOW): position + len(phrase) + WINDOW]
            evidence = Evidence(window, _ordinal_before(folded, position), timex, anchor, years, actors)
            ranked += [(s, o) for o in candidates if (s := self.score(o, evidence)) > 0]
        if not ranked:
            return None
        ranked.sort(key=lambda item: (-item[0], item[1].start))
        return ranked[0][1]

    def specific_in(self, text: str, years: list[int]) -> list[Occasion]:
        """Instances pinned down by their own words (ordinal or host), with no publication date needed."""
        found = []
        folded = fold(text)
        for position, phrase, candidates in self.phrases(text):
            window = folded[max(0, position - WINDOW): position + len(phrase) + WINDOW]
            evidence = Evidence(window, _ordinal_before(folded, position), None, None, tuple(years))
            scored = [(self.score(o, evidence), o) for o in candidates]
            strong = [o for s, o in scored if s >= 3]
            if len(strong) == 1:
                found.append(strong[0])
        return found

    def score(self, occasion: Occasion, ev: Evidence) -> float:
        if ev.ordinal is not None and occasion.ordinals and ev.ordinal not in occasion.ordinals:
            return 0
        if any(a.offices and not a.offices_on(occasion.start) for a in ev.actors):
            return 0
        score = 3.0 if ev.ordinal is not None and ev.ordinal in occasion.ordinals else 0.0
        score += self._place_score(occasion, ev.text)
        if ev.timex is not None:
            fit = self._time_score(occasion, ev.timex)
            if fit is None:
                return 0
            score += fit
        if ev.anchor is not None:
            score += self._anchor_score(occasion, ev.anchor)
        if occasion.start.year in ev.years:
            score += 1
        return score

    def _place_score(self, occasion: Occasion, window: str) -> float:
        score = 0.0
        if occasion.city and re.search(rf"\b{re.escape(fold(occasion.city))}\b", window):
            score += 3
        country = self.kb.countries.by_code.get(occasion.country or "")
        if country and any(re.search(rf"\b{re.escape(fold(n))}\b", window) for n in (country.name, *country.aliases)):
            score += 1
        return score

    @staticmethod
    def _time_score(occasion: Occasion, timex: Timex) -> float | None:
        """+3 when the date words fall within the gathering; None when they rule it out."""
        if timex.kind in ("absolute", "partial") and timex.month:
            if timex.days_in(occasion.start, occasion.end):
                return 3.0
            if timex.days_in(occasion.start - timedelta(days=2), occasion.end + timedelta(days=2)):
                return 1.0
            if timex.kind == "absolute" or timex.day:
                return None
        return 0.0

    @staticmethod
    def _anchor_score(occasion: Occasion, anchor: date) -> float:
        """A report is usually written during or just after the gathering it mentions."""
        gap = (anchor - occasion.end).days
        if -3 <= gap <= 10 and occasion.start <= anchor + timedelta(days=3):
            return 3.0
        if -60 <= gap <= 120:
            return 1.0
        return 0.0
