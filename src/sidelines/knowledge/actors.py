"""People and the offices they held, so a name or a title can be linked on the day of the event."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sidelines.errors import KnowledgeError
from sidelines.knowledge.files import data_files, fold, parse_day, read_csv, read_jsonl, split_list

NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
#: "head of the Ukrainian state", "head of the Turkish government": the office with the country left out.
OF_ONE_STATE = re.compile(r"\bof (?:the )?\w+ (state|government)\b")


@dataclass(frozen=True, slots=True)
class Office:
    office: str  # a key of offices.csv
    title: str
    country: str
    start: date | None
    end: date | None

    def held_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    code: str
    wikidata: str | None
    offices: tuple[Office, ...]

    @property
    def surname(self) -> str:
        """The name a report shortens this person to: the family name (first for Chinese names), never a
        generational suffix ("Ferdinand Marcos Jr." is Marcos)."""
        words = self.name.split()
        while len(words) > 2 and words[-1].strip(".,").lower() in NAME_SUFFIXES:
            words = words[:-1]
        return words[0] if self.family_name_first else words[-1]

    @property
    def family_name_first(self) -> bool:
        return self.country in {"CHN", "PRK", "KOR", "TWN", "VNM", "HKG", "MAC"} and len(self.name.split()) <= 3

    def offices_on(self, day: date | None) -> list[Office]:
        return [o for o in self.offices if o.held_on(day)]

    def country_on(self, day: date | None) -> str:
        """The country the person acts for that day: Estonia's prime minister in 2021 is of Estonia,
        though the table files her under the EU she serves later."""
        countries = {o.country for o in self.offices_on(day) if o.country} if day is not None else set()
        return countries.pop() if len(countries) == 1 else self.country

    def active_on(self, day: date | None) -> bool:
        """Whether the person held any recorded office around ``day`` (a year either side)."""
        if day is None or not self.offices:
            return True
        lo = date(day.year - 1, 1, 1)
        hi = date(day.year + 1, 12, 31)
        return any((o.start is None or o.start <= hi) and (o.end is None or o.end >= lo) for o in self.offices)


@dataclass(frozen=True, slots=True)
class OfficeKind:
    key: str
    aliases: tuple[str, ...]
    rank: int


def _actor(row: dict) -> Actor:
    offices = tuple(
        Office(
            office=o["office"],
            title=o.get("title") or o["office"],
            country=o.get("country") or row["country"],
            start=parse_day(o.get("start")),
            end=parse_day(o.get("end"), end=True),
        )
        for o in row.get("offices") or []
    )
    return Actor(
        id=row["id"],
        name=row["name"],
        aliases=tuple(a for a in row.get("aliases") or [] if a),
        country=row["country"],
        sector=row.get("sector") or "GOV",
        code=row.get("code") or f"{row['country']}{row.get('sector') or 'GOV'}",
        wikidata=row.get("wikidata"),
        offices=offices,
    )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def _overlaps(a: Office, b: Office) -> bool:
    return ((a.start is None or b.end is None or a.start <= b.end)
            and (b.start is None or a.end is None or b.start <= a.end))


def _close_open_terms(actors: dict[str, Actor], rows: list[dict[str, str]]) -> None:
    """A term still open in the actor files ends where the table starts a later holder of that office:
    the table is the newer account (a successor was appointed since the file was written)."""
    starts: dict[tuple[str, str], list[tuple[date, str]]] = {}
    for row in rows:
        start = parse_day(row.get("start"))
        if start:
            starts.setdefault((row.get("office", ""), row.get("country", "")), []).append((start, fold(row["name"])))
    for actor_id, actor in actors.items():
        offices = []
        for o in actor.offices:
            later = [d for d, name in starts.get((o.office, o.country), ())
                     if o.end is None and o.start and d > o.start and name != fold(actor.name)]
            offices.append(replace(o, end=min(later)) if later else o)
        if offices != list(actor.offices):
            actors[actor_id] = replace(actor, offices=tuple(offices))


def add_officeholders(actors: dict[str, Actor], rows: Iterable[dict[str, str]], organisations: set[str],
                      where: str) -> None:
    """Fold a dated table of office terms (``officeholders*.csv``: name, aliases, country, office, title,
    start, end) into ``actors``: a term joins the person of the same name already known (from the
    actor files, or an earlier row) unless that person holds the same office then; otherwise the
    row makes a new actor. Terms already recorded are not doubled."""
    rows = list(rows)
    _close_open_terms(actors, rows)
    by_name: dict[str, str] = {}
    for actor in actors.values():
        for name in (actor.name, *actor.aliases):
            by_name.setdefault(fold(name), actor.id)
    for line, row in enumerate(rows, 2):
        try:
            office = Office(row["office"], row.get("title") or row["office"], row["country"],
                            parse_day(row.get("start")), parse_day(row.get("end"), end=True))
        except (KeyError, ValueError) as exc:
            raise KnowledgeError(f"{where}:{line}", f"bad office term: {exc}") from exc
        aliases = tuple(split_list(row.get("aliases")))
        found = next((by_name[fold(n)] for n in (row["name"], *aliases) if fold(n) in by_name), None)
        if found is None:
            sector = "IGO" if office.country in organisations else "GOV"
            actor_id = _slug(row["name"])
            if actor_id in actors:
                actor_id = f"{actor_id}-{office.country.lower()}"
            actors[actor_id] = Actor(actor_id, row["name"], aliases, office.country, sector,
                                     f"{office.country}{sector}", None, (office,))
            for name in (row["name"], *aliases):
                by_name.setdefault(fold(name), actor_id)
            continue
        actor = actors[found]
        if any(o.office == office.office and o.country == office.country and _overlaps(o, office)
               for o in actor.offices):
            continue
        new_aliases = tuple(a for a in (row["name"], *aliases) if fold(a) not in {fold(n) for n in (actor.name, *actor.aliases)})
        actors[found] = replace(actor, offices=(*actor.offices, office), aliases=(*actor.aliases, *new_aliases))
        for name in new_aliases:
            by_name.setdefault(fold(name), found)


class ActorTable:
    """All known people, indexed by every folded full name and by surname."""

    def __init__(self, actors: Iterable[Actor], office_kinds: Iterable[OfficeKind] = ()) -> None:
        self.by_id: dict[str, Actor] = {a.id: a for a in actors}
        self.office_kinds = {k.key: k for k in office_kinds}
        self._by_name: dict[str, list[Actor]] = defaultdict(list)
        self._by_surname: dict[str, list[Actor]] = defaultdict(list)
        self._by_office: dict[tuple[str, str], list[Actor]] = defaultdict(list)
        for actor in self.by_id.values():
            for office in {(o.office, o.country) for o in actor.offices}:
                self._by_office[office].append(actor)
            for name in {fold(n) for n in (actor.name, *actor.aliases)}:
                self._by_name[name].append(actor)
            self._by_surname[fold(actor.surname)].append(actor)
        # each office title folded once ("foreign minister" -> (-16, foreign_minister)), longest first wins
        self._titles = [(f" {fold(alias)} ", (-len(alias), kind.key)) for kind in self.office_kinds.values()
                        for alias in kind.aliases if alias]
        self._office_cache: dict[str, str | None] = {}

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = ()) -> ActorTable:
        actors: dict[str, Actor] = {}
        for path in data_files("actors*.jsonl", extra_dirs):
            for row in read_jsonl(path):
                try:
                    actor = _actor(row)
                except (KeyError, ValueError, TypeError) as exc:
                    raise KnowledgeError(str(path), f"bad actor {row.get('id')!r}: {exc}") from exc
                actors[actor.id] = actor
        organisations = {r["id"] for path in data_files("organisations.csv", extra_dirs) for r in read_csv(path)}
        for path in data_files("officeholders*.csv", extra_dirs):
            add_officeholders(actors, read_csv(path), organisations, str(path))
        kinds = [
            OfficeKind(r["office"], tuple(split_list(r.get("aliases"))), int(r.get("rank") or 9))
            for path in data_files("offices.csv", extra_dirs)
            for r in read_csv(path)
        ]
        return cls(actors.values(), kinds)

    def __len__(self) -> int:
        return len(self.by_id)

    def names(self) -> Iterable[tuple[str, Actor]]:
        """Every (surface name, actor) pair, for building the entity ruler."""
        for actor in self.by_id.values():
            for name in dict.fromkeys((actor.name, *actor.aliases)):
                yield name, actor

    def surnames(self) -> set[str]:
        return {a.surname for a in self.by_id.values() if len(a.surname) > 2}

    def by_name(self, name: str) -> list[Actor]:
        return self._by_name.get(fold(name), [])

    def search(self, text: str, limit: int = 50) -> list[Actor]:
        """Actors whose id, name or alias contains ``text`` (folded), best-known names first."""
        needle = fold(text)
        found = [a for a in self.by_id.values()
                 if needle in a.id.replace("-", " ") or any(needle in fold(n) for n in (a.name, *a.aliases))]
        return sorted(found, key=lambda a: (not fold(a.name).startswith(needle), a.name))[:limit]

    def by_surname(self, surname: str) -> list[Actor]:
        return self._by_surname.get(fold(surname), [])

    def office_of(self, phrase: str) -> str | None:
        """The office key a title phrase names ("Foreign Minister" -> foreign_minister), if any; "the head
        of the Ukrainian state" names the head of state."""
        if phrase in self._office_cache:
            return self._office_cache[phrase]
        folded = " " + OF_ONE_STATE.sub(r"of \1", fold(phrase)) + " "
        found = [candidate for alias, candidate in self._titles if alias in folded]
        if len(self._office_cache) > 100_000:  # a long run meets many title phrases: keep memory bounded
            self._office_cache.clear()
        self._office_cache[phrase] = min(found)[1] if found else None
        return self._office_cache[phrase]

    def in_office(self, office: str, day: date | None, country: str | None = None) -> list[tuple[Actor, Office]]:
        """Who held ``office`` on ``day``, for ``country`` or for every country and organisation, with the
        office held: "the heads of government on 1 May 2020" (a president where no office heads the
        government apart from the head of state)."""
        found: dict[str, list[tuple[Actor, Office]]] = {}
        for (key, where), actors in sorted(self._by_office.items()):
            if key == office and (country is None or where == country):
                found.setdefault(where, []).extend((a, o) for a in actors for o in a.offices
                                                   if o.office == key and o.country == where and o.held_on(day))
        if office == "head_of_government":  # a presidential republic: its head of state leads the government
            for (key, where), actors in sorted(self._by_office.items()):
                if key == "head_of_state" and not found.get(where) and (country is None or where == country):
                    found[where] = [(a, o) for a in actors for o in a.offices
                                    if o.office == key and o.country == where and o.held_on(day)]
        return [pair for where in sorted(found) for pair in found[where]]

    def holders(self, office: str, country: str, day: date | None) -> list[Actor]:
        """Who held ``office`` for ``country`` on ``day`` (everyone who ever did when the day is unknown)."""
        return [
            a
            for a in self._by_office.get((office, country), [])
            if any(o.office == office and o.country == country and o.held_on(day) for o in a.offices)
        ]
