"""Engagements as directed CAMEO dyads, each with its PLOVER category and mode.

A visit is two dyads: visitor -> host ``042`` and host -> visitor ``043``; a meeting where no side is at
home is ``044`` both ways; a meeting at one side's home is that side hosting the other (042/043); a
call ``041``, negotiations ``046``, a signed agreement ``057``, an announced meeting ``036``. Sides are
the participants grouped by country (or organisation): two Chinese officials meeting one Russian make
one CHN -> RUS dyad, not two. With three sides or more a consultation is PLOVER ``multilateral``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

from sidelines.coding.actors import CodedActor, from_participant
from sidelines.knowledge import KnowledgeBase
from sidelines.model import Event, Participant

#: Engagement types whose two sides do the same thing to each other.
SYMMETRIC = {"MEET": "040", "NEGOTIATE": "046", "CALL": "041", "SIGN": "057", "ANNOUNCE": "036"}
VISIT, HOST, THIRD = "042", "043", "044"
IN_PERSON = {"MEET", "VISIT", "HOST"}


@dataclass(frozen=True, slots=True)
class Dyad:
    """One directed CAMEO event: source does ``cameo`` to target, with its Goldstein value and PLOVER
    category and mode. ``basis`` says how the direction and code were decided."""

    event_id: str
    date: str | None
    source_name: str
    source_code: str | None
    source_country: str | None
    target_name: str | None
    target_code: str | None
    target_country: str | None
    cameo: str
    goldstein: float | None
    plover: str | None
    plover_mode: str | None
    basis: str
    source_actor_id: str | None = None
    target_actor_id: str | None = None

    @property
    def root(self) -> str:
        return self.cameo[:2]


def sides(participants: tuple[Participant, ...], kb: KnowledgeBase) -> list[CodedActor]:
    """One coded actor per country or organisation, a linked person standing for their country."""
    found: dict[str, CodedActor] = {}
    for p in sorted(participants, key=lambda p: (p.actor_id is None, p.kind != "person", p.name)):
        coded = from_participant(p, kb)
        key = coded.country or coded.code or coded.name
        found.setdefault(key, coded)
    return list(found.values())


def host_countries(event: Event) -> set[str]:
    """Where the engagement happened: the place's country and any participant marked as host."""
    hosts = {p.country for p in event.participants if p.role == "host" and p.country}
    if event.where is not None and event.where.country:
        hosts.add(event.where.country)
    return hosts


def dyads(event: Event, kb: KnowledgeBase) -> list[Dyad]:
    """The event's directed dyads; an event with one side gives one dyad with no target."""
    parties = sides(event.participants, kb)
    if len(parties) < 2:
        code = event.cameo or "010"
        return [_dyad(event, kb, parties[0], None, code, "one side")] if parties else []
    kind = event.type.upper()
    if kind in IN_PERSON:
        return _in_person(event, kb, parties)
    code = SYMMETRIC.get(kind) or event.cameo or "040"
    return [_dyad(event, kb, a, b, code, f"{kind.lower()}: both ways") for a, b in permutations(parties, 2)]


def _in_person(event: Event, kb: KnowledgeBase, parties: list[CodedActor]) -> list[Dyad]:
    hosts = host_countries(event)
    at_home = [p for p in parties if p.country in hosts]
    guests = [p for p in parties if p.country not in hosts]
    if at_home and guests:
        out = [_dyad(event, kb, g, h, VISIT, "visitor -> host") for g in guests for h in at_home]
        out += [_dyad(event, kb, h, g, HOST, "host -> visitor") for h in at_home for g in guests]
        return out
    if hosts and not at_home:
        return [_dyad(event, kb, a, b, THIRD, "met at a third location") for a, b in permutations(parties, 2)]
    return [_dyad(event, kb, a, b, "040", "met, place unknown") for a, b in permutations(parties, 2)]


def _dyad(event: Event, kb: KnowledgeBase, source: CodedActor, target: CodedActor | None, code: str,
          basis: str) -> Dyad:
    row = kb.codes.by_code.get(code)
    mode = row.plover_mode if row else None
    if row is not None and row.plover_category == "CONSULT" and len(sides(event.participants, kb)) >= 3:
        mode = "multilateral"
    return Dyad(
        event_id=event.id, date=event.when.value,
        source_name=source.name, source_code=source.code, source_country=source.country,
        target_name=target.name if target else None, target_code=target.code if target else None,
        target_country=target.country if target else None,
        cameo=code, goldstein=row.goldstein if row else None,
        plover=row.plover_category if row else None, plover_mode=mode, basis=basis,
        source_actor_id=source.actor_id, target_actor_id=target.actor_id if target else None,
    )
