"""The calendar of multilateral gatherings: "on the sidelines of the G20" -> a dated, hosted instance.

Series phrases are matched on a normalised form of the text (folded, acronyms in brackets dropped,
British and American spellings made one, plural possessives without their apostrophe), so that "the
Shanghai Cooperation Organization (SCO) Defense Ministers' meeting" is found as the SCO defence
ministers' meeting and not as the bare name of the organisation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from sidelines.errors import KnowledgeError
from sidelines.knowledge.files import data_files, fold, parse_day, read_csv, split_list

#: "(SCO)", "(Asean)", "(G20 FMM)": an acronym in brackets repeats the name before it.
ACRONYM = re.compile(r"\s*\((?:(?=[^()]*[A-Z]{2})[A-Z0-9][A-Za-z0-9+&.\- ]{1,15}|[A-Z][a-z]{1,11})\)")
SPELLINGS = (
    (re.compile(r"\bdefense\b"), "defence"), (re.compile(r"\borganization\b"), "organisation"),
    (re.compile(r"\bneighboring\b"), "neighbouring"), (re.compile(r"\bneighbors\b"), "neighbours"),
    (re.compile(r"(?<=s)'(?=\s|$)"), ""), (re.compile(r"\s*&\s*"), " and "),
)


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """The form both series phrases and texts are matched in (see the module docstring). Cached: the
    same sentence, city and country names are normalised again by each step that matches them."""
    folded = fold(ACRONYM.sub("", text))
    for pattern, replacement in SPELLINGS:
        folded = pattern.sub(replacement, folded)
    return folded


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    bodies: tuple[str, ...] = ()  # aliases that name the organisation or group, not one of its gatherings


@dataclass(frozen=True, slots=True)
class Occasion:
    id: str
    series: str
    name: str
    ordinals: tuple[int, ...]  # an instance may carry two numbers (twin summits held together)
    start: date
    end: date
    city: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class SeriesPhrase:
    """A series phrase found in a text: where (in the normalised text), the phrase, the series it may name."""

    start: int
    phrase: str
    series: tuple[str, ...]
    body: bool  # the bare name of an organisation ("NATO"), weaker than a gathering's name


def _occasion(path: Path, row: dict[str, str]) -> Occasion:
    try:
        return Occasion(
            id=row["id"], series=row["series"], name=row["name"],
            ordinals=tuple(int(n) for n in split_list(row.get("ordinal"))),
            start=parse_day(row["start"]) or date.min,
            end=parse_day(row.get("end") or row["start"], end=True) or date.max,
            city=row.get("city") or None, country=row.get("country") or None,
        )
    except (KeyError, ValueError) as exc:
        raise KnowledgeError(str(path), f"bad occasion {row.get('id')!r}: {exc}") from exc


def _series(row: dict[str, str]) -> Series:
    bodies = tuple(split_list(row.get("bodies")))
    aliases = tuple(dict.fromkeys([*split_list(row.get("aliases")), *bodies]))
    return Series(row["series"], row["name"], aliases, row.get("kind") or "other", bodies)


class Calendar:
    def __init__(self, series: Iterable[Series], occasions: Iterable[Occasion]) -> None:
        self.series = {s.id: s for s in series}
        self.by_id = {o.id: o for o in occasions}
        self._by_series: dict[str, list[Occasion]] = defaultdict(list)
        for occasion in sorted(self.by_id.values(), key=lambda o: o.start):
            self._by_series[occasion.series].append(occasion)
        self._alias_series: dict[str, list[str]] = defaultdict(list)
        for s in self.series.values():
            for alias in {normalise(a) for a in s.aliases if a}:
                self._alias_series[alias].append(s.id)
        self._bodies = {normalise(b) for s in self.series.values() for b in s.bodies}
        phrases = sorted(self._alias_series, key=len, reverse=True)
        # Phrases by the word they open with, longest first: a text is tried only where one of these
        # words stands, against the phrases it may open (one regex of all 500 phrases, tried at every
        # word of every sentence, was a tenth of the analysis).
        by_opener: dict[str, list[str]] = defaultdict(list)
        for phrase in phrases:
            if (opener := _WORD.match(phrase)) is not None:  # normalised phrases open with a word
                by_opener[opener.group()].append(phrase)
        self._by_opener = {word: re.compile("(" + "|".join(map(re.escape, group)) + r")(?!\w)")
                           for word, group in by_opener.items()}

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = ()) -> Calendar:
        series = [_series(r) for path in data_files("series.csv", extra_dirs) for r in read_csv(path)]
        occasions = [_occasion(path, r) for path in data_files("occasions.csv", extra_dirs) for r in read_csv(path)]
        return cls(series, occasions)

    def __len__(self) -> int:
        return len(self.by_id)

    def find_series(self, text: str) -> list[tuple[str, list[str]]]:
        """Every alias phrase found in ``text`` with the series it may name, in the order of the text."""
        return [(found.phrase, list(found.series)) for found in self.find(text)]

    def find(self, text: str) -> list[SeriesPhrase]:
        """Every series phrase in ``text``, positioned in ``normalise(text)``; the longest phrase wins."""
        normalised = normalise(text)
        found: list[SeriesPhrase] = []
        end = 0
        for word in _WORD.finditer(normalised):
            pattern = self._by_opener.get(word.group())
            if pattern is None or word.start() < end:
                continue
            if (match := pattern.match(normalised, word.start())) is not None:
                phrase = match.group(1)
                found.append(SeriesPhrase(match.start(), phrase, tuple(self._alias_series[phrase]),
                                          phrase in self._bodies))
                end = match.end()
        return found

    def seat(self, series_id: str) -> str | None:
        """The city that hosts two in five or more of a series' instances (NATO ministerials: Brussels), if one does."""
        cities = [o.city for o in self._by_series.get(series_id, []) if o.city]
        if len(cities) < 3:
            return None
        city = max(set(cities), key=cities.count)
        return city if cities.count(city) * 5 >= len(cities) * 2 else None

    def instances(self, series_ids: Iterable[str]) -> list[Occasion]:
        return [o for s in series_ids for o in self._by_series.get(s, [])]
