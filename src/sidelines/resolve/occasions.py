"""Which instance of a recurring gathering a report means: "the G20" -> the G20 of that date and place.

Evidence, strongest first: an ordinal ("the third meeting"), the host city or country named nearby,
a day that falls within the gathering, a publication date just after it, the years the article names.

A phrase that names only an organisation ("NATO Secretary General", "the SCO") is taken for one of its
gatherings only when it is used as one ("on the sidelines of the G20", "the SCO meeting") or when the
day of the report falls within a gathering of that organisation, whose host city the sentence names.
A gathering the sentence puts before or after the engagement ("before the OSCE meeting") is not its
occasion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sidelines.knowledge import KnowledgeBase
from sidelines.knowledge.actors import Actor
from sidelines.knowledge.calendar import Occasion, SeriesPhrase, normalise
from sidelines.resolve.timex import Timex

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
ORDINAL = re.compile(r"\b(?:(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(ORDINALS) + r"))\b")
WINDOW = 80  # characters around a phrase searched for an ordinal or a host name
#: Words just before a gathering's name that put the engagement outside it.
NOT_AT = re.compile(r"\b(?:before|ahead of|prior to|after|following|in the run up to|in the lead up to)"
                    r" (?:the |this |last |next |an |a )?(?:[\w']+ ){0,2}$")
#: Words around an organisation's name that make it the name of a gathering.
USED_AS_GATHERING_BEFORE = re.compile(r"\b(?:sidelines|margins|margin|sideline|occasion|attend|attended|attending|during|"
                                      r"host|hosted|hosting|chair|chaired|chairing) (?:of |at |in )?(?:the |this )?"
                                      r"(?:\w+ )?$")
SIDELINES_OF = re.compile(r"\b(?:sidelines|margins|sideline|margin) of\b[^,;:]*$")
AT_THE = re.compile(r"\bat (?:the |this )?$")
NOT_A_GATHERING_AFTER = re.compile(r"^(?:'s)? (?:headquarters|hq|secretariat|secretary|chief|member|members|countries|"
                                   r"states|allies|ally|partners|mission|membership|bloc|alliance|charter|troops|forces)\b")
USED_AS_GATHERING_AFTER = re.compile(r"^(?: \w+)?(?: plus)? (?:meeting|meetings|summit|summits|conference|session|"
                                     r"ministerial|ministerials|talks|gathering|forum|leaders|foreign ministers|"
                                     r"defence ministers)\b")

#: A gathering referred to and not named: "on the sidelines of the conference", "on the margins of the summit".
REFERS_BACK = re.compile(r"\b(?:sidelines|margins|sideline|margin) of (?:the|this|that) (?:\w+ )?"
                         r"(?:meeting|meetings|summit|conference|session|forum|gathering|ministerial|talks)\b")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the words around an occasion phrase say about which instance it is."""

    text: str  # normalised text around the phrase
    ordinal: int | None
    timex: Timex | None = None
    anchor: date | None = None
    years: tuple[int, ...] = ()
    actors: tuple[Actor, ...] = ()  # linked participants: a gathering before or after their time in office is out
    sentence: str = ""  # the whole normalised sentence: a host named farther off ("Bishkek: ... the summit here")


def _ordinal_before(normalised: str, position: int) -> int | None:
    found = list(ORDINAL.finditer(normalised[max(0, position - WINDOW):position]))
    if not found:
        return None
    digits, word = found[-1].groups()
    return int(digits) if digits else ORDINALS[word]


class OccasionMatcher:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def phrases(self, text: str) -> list[tuple[int, str, list[Occasion]]]:
        """(position in the normalised text, phrase, candidate instances) for every series phrase in ``text``."""
        return [(p.start, p.phrase, self.kb.calendar.instances(p.series)) for p in self.kb.calendar.find(text)]

    @staticmethod
    def outside(normalised: str, phrase: SeriesPhrase) -> bool:
        """Whether the words before the phrase put the engagement before or after the gathering."""
        return NOT_AT.search(normalised[max(0, phrase.start - 40):phrase.start]) is not None

    @staticmethod
    def bare(normalised: str, phrase: SeriesPhrase) -> bool:
        """Whether the phrase names only an organisation here, not one of its gatherings."""
        if not phrase.body:
            return False
        before = normalised[max(0, phrase.start - 40):phrase.start]
        after = normalised[phrase.start + len(phrase.phrase):phrase.start + len(phrase.phrase) + 40]
        if (AT_THE.search(before) or SIDELINES_OF.search(before)) and not NOT_A_GATHERING_AFTER.search(after):
            return False
        return not (USED_AS_GATHERING_BEFORE.search(before) or USED_AS_GATHERING_AFTER.search(after))

    def best(self, text: str, timex: Timex | None, anchor: date | None, years: tuple[int, ...] = (),
             actors: tuple[Actor, ...] = ()) -> Occasion | None:
        """The instance the occasion words in ``text`` most likely name, or None when nothing points to one."""
        normalised = normalise(text)
        ranked: list[tuple[float, Occasion]] = []
        for phrase in self.kb.calendar.find(text):
            if self.outside(normalised, phrase):
                continue
            evidence = self._evidence(normalised, phrase, timex, anchor, years, actors)
            bare = self.bare(normalised, phrase)
            for occasion in self.kb.calendar.instances(phrase.series):
                score = self.score(occasion, evidence)
                if score > 0 and (not bare or self.dated_and_hosted(occasion, evidence)):
                    ranked.append((score, occasion))
        if not ranked:
            return None
        ranked.sort(key=lambda item: (-item[0], item[1].start))
        return ranked[0][1]

    @staticmethod
    def _evidence(normalised: str, phrase: SeriesPhrase, timex: Timex | None, anchor: date | None,
                  years: tuple[int, ...], actors: tuple[Actor, ...] = ()) -> Evidence:
        window = normalised[max(0, phrase.start - WINDOW): phrase.start + len(phrase.phrase) + WINDOW]
        return Evidence(window, _ordinal_before(normalised, phrase.start), timex, anchor, years, actors, normalised)

    def dated_and_hosted(self, occasion: Occasion, ev: Evidence) -> bool:
        """A bare organisation name stands for its gathering when the report's day falls within it and the
        host city is named ("met in Madrid on 28 June under the auspices of NATO's Secretary General")."""
        if not occasion.city or self._place_score(occasion, ev) < 2:
            return False
        if occasion.city == self.kb.calendar.seat(occasion.series):
            return False  # the organisation's seat: its officials meet people there on any day
        in_time = ev.timex is not None and self._time_score(occasion, ev.timex) == 3.0
        return in_time or (ev.anchor is not None and self._anchor_score(occasion, ev.anchor) == 3.0)

    def of_article(self, sentences: list[str], anchor: date | None, years: tuple[int, ...] = ()) -> Occasion | None:
        """The gathering an article reports from: the instance its sentences name with the most evidence.

        For engagements whose own sentence names no gathering but refers back to one ("on the sidelines of
        the conference") or falls on its days in its host city."""
        ranked: list[tuple[float, Occasion]] = []
        for sentence in sentences:
            normalised = normalise(sentence)
            for phrase in self.kb.calendar.find(sentence):
                if self.outside(normalised, phrase) or self.bare(normalised, phrase):
                    continue
                evidence = self._evidence(normalised, phrase, None, anchor, years)
                ranked += [(sc, o) for o in self.kb.calendar.instances(phrase.series) if (sc := self.score(o, evidence)) > 0]
        return max(ranked, key=lambda item: (item[0], -item[1].start.toordinal()))[1] if ranked else None

    def puts_outside(self, sentence: str) -> bool:
        """Whether the sentence places its engagement before or after a gathering it names ("Before the
        OSCE Meeting, X opened the consulate with Y")."""
        normalised = normalise(sentence)
        return any(self.outside(normalised, phrase) for phrase in self.kb.calendar.find(sentence))

    @staticmethod
    def refers_back(sentence: str) -> bool:
        """Whether a sentence puts its engagement at a gathering it does not name ("on the sidelines of the
        meeting", "at the summit")."""
        return REFERS_BACK.search(normalise(sentence)) is not None

    def specific_in(self, text: str, years: list[int]) -> list[Occasion]:
        """Instances pinned down by their own words (ordinal or host), with no publication date needed."""
        found = []
        normalised = normalise(text)
        for phrase in self.kb.calendar.find(text):
            if self.outside(normalised, phrase) or self.bare(normalised, phrase):
                continue
            evidence = self._evidence(normalised, phrase, None, None, tuple(years))
            scored = [(self.score(o, evidence), o) for o in self.kb.calendar.instances(phrase.series)]
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
        score += self._place_score(occasion, ev)
        if ev.timex is not None:
            fit = self._time_score(occasion, ev.timex)
            if fit is None:
                return 0
            score += fit
        if ev.anchor is not None:
            score += self._anchor_score(occasion, ev.anchor)
            if ev.timex is not None and ev.timex.kind not in ("absolute", "partial"):
                score += self._relative_score(occasion, ev.timex, ev.anchor)
        if occasion.start.year in ev.years:
            score += 1
        return score

    def _place_score(self, occasion: Occasion, ev: Evidence) -> float:
        """+3 for the host city near the phrase (+2 elsewhere in the sentence), +1 for the host country."""
        score = 0.0
        city = re.compile(rf"\b{re.escape(normalise(occasion.city))}\b") if occasion.city else None
        if city and city.search(ev.text):
            score += 3
        elif city and city.search(ev.sentence):
            score += 2
        country = self.kb.countries.by_code.get(occasion.country or "")
        if country and any(re.search(rf"\b{re.escape(normalise(n))}\b", ev.text) for n in (country.name, *country.aliases)):
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
    def _relative_score(occasion: Occasion, timex: Timex, anchor: date) -> float:
        """+3 when relative date words ("last November") read against the publication date fall within the
        gathering. No veto when they do not: a page date is not always the day of the report."""
        found = timex.resolve(anchor, -1)
        if found is None or found[1] not in ("day", "month"):
            return 0.0
        first = date.fromisoformat(found[0] if found[1] == "day" else found[0] + "-01")
        last = first if found[1] == "day" else (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return 3.0 if first <= occasion.end and occasion.start <= last else 0.0

    @staticmethod
    def _anchor_score(occasion: Occasion, anchor: date) -> float:
        """A report is usually written during or just after the gathering it mentions."""
        gap = (anchor - occasion.end).days
        if -3 <= gap <= 10 and occasion.start <= anchor + timedelta(days=3):
            return 3.0
        if -60 <= gap <= 120:
            return 1.0
        return 0.0
