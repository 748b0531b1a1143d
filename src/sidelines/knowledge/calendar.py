"""The calendar of multilateral gatherings: "on the sidelines of the G20" -> a dated, hosted instance."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sidelines.errors import KnowledgeError
from sidelines.knowledge.files import data_files, fold, parse_day, read_csv, split_list


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str


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


class Calendar:
    def __init__(self, series: Iterable[Series], occasions: Iterable[Occasion]) -> None:
        self.series = {s.id: s for s in series}
        self.by_id = {o.id: o for o in occasions}
        self._by_series: dict[str, list[Occasion]] = defaultdict(list)
        for occasion in sorted(self.by_id.values(), key=lambda o: o.start):
            self._by_series[occasion.series].append(occasion)
        phrases = sorted({fold(a) for s in self.series.values() for a in s.aliases if a}, key=len, reverse=True)
        self._pattern = re.compile(r"\b(" + "|".join(map(re.escape, phrases)) + r")\b") if phrases else None
        self._alias_series: dict[str, list[str]] = defaultdict(list)
        for s in self.series.values():
            for alias in {fold(a) for a in s.aliases}:
                self._alias_series[alias].append(s.id)

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = ()) -> Calendar:
        series = [
            Series(r["series"], r["name"], tuple(split_list(r.get("aliases"))), r.get("kind") or "other")
            for path in data_files("series.csv", extra_dirs)
            for r in read_csv(path)
        ]
        occasions = [_occasion(path, r) for path in data_files("occasions.csv", extra_dirs) for r in read_csv(path)]
        return cls(series, occasions)

    def __len__(self) -> int:
        return len(self.by_id)

    def find_series(self, text: str) -> list[tuple[str, list[str]]]:
        """Every alias phrase found in ``text`` with the series it may name, longest phrases first."""
        if not self._pattern:
            return []
        return [(m.group(1), self._alias_series[m.group(1)]) for m in self._pattern.finditer(fold(text))]

    def instances(self, series_ids: Iterable[str]) -> list[Occasion]:
        return [o for s in series_ids for o in self._by_series.get(s, [])]
