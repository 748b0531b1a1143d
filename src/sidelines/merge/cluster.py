"""Mentions -> events: one record per real engagement, within an article and across articles.

Two reports are of one engagement when they are the same kind of contact (in person, phone, agreement),
between the same people (one side's linked people include the other's), and nothing they say apart
conflicts: not two different days, not two different cities. Across articles a report with no day
merges only through the same occasion. Grouping is by connected components of that relation, so the
result does not depend on the order articles arrive in.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from sidelines.knowledge.codes import CodeBook
from sidelines.knowledge.files import fold
from sidelines.model import (
    TYPE_FAMILY,
    Event,
    Mention,
    OccasionRef,
    Participant,
    Role,
    Source,
    When,
    Where,
    stable_key,
)
from sidelines.resolve.dates import when_rank
from sidelines.resolve.timex import read_timex

T = TypeVar("T")
NEAR_KM = 100  # two explicit places closer than this can be one engagement's
DAY_TOLERANCE = 1  # days two outlets' dates of one engagement may differ by
FALLBACK_REACH = 3  # days a report with no date words of its own may come out after the engagement
PLACE_RANK = {"explicit": 0, "from_occasion": 1, "from_context": 2, "capital": 3}
TYPE_RANK = {"HOST": 0, "VISIT": 1, "NEGOTIATE": 2, "MEET": 3, "CALL": 4, "SIGN": 5, "STATEMENT": 6}


def person_keys(participants: Iterable[Participant]) -> set[str]:
    """People as comparable keys: the actor id when linked, else the folded surname."""
    return {p.actor_id or fold(p.name).split()[-1] for p in participants if p.kind == "person" and p.name}


def linked_people(participants: Iterable[Participant]) -> set[str]:
    return {p.actor_id for p in participants if p.kind == "person" and p.actor_id}


def merge_keys(participants: Iterable[Participant]) -> set[str]:
    """The people two outlets' reports are compared by: linked actors, and people the knowledge base
    does not know by their country and the last word of their name ("~BGD:alam"), so that two reports
    of an official nobody listed still meet (the day and the place still have to agree)."""
    keys = set()
    for p in participants:
        if p.kind != "person":
            continue
        if p.actor_id:
            keys.add(p.actor_id)
        elif p.country and p.name and p.name != p.role and p.name[:1].isupper():
            keys.add(f"~{p.country}:{fold(p.name).split()[-1]}")
    return keys


def _same_parties(a: set[str], b: set[str], overlap: bool = True) -> bool:
    """One side's people among the other's, or (``overlap``) two people in common."""
    if not a or not b:
        return False
    return a <= b or b <= a or overlap and len(a & b) >= 2


def _days_conflict(a: When, b: When) -> bool:
    if not a.value or not b.value:
        return False
    return not (a.value.startswith(b.value) or b.value.startswith(a.value))


def places_conflict(a: Where | None, b: Where | None) -> bool:
    """Two explicit cities far apart. A headline's place is broad ("in Alaska") and never conflicts;
    an estate outside a city is still the same place (Woodside / San Francisco)."""
    if a is None or b is None or a.basis != "explicit" or b.basis != "explicit":
        return False
    if any(w.span is not None and w.span.field == "title" for w in (a, b)):
        return False
    if a.country and b.country and a.country != b.country:
        return True  # a visit to Britain is not a meeting in Davos
    if not a.city or not b.city or fold(a.city) == fold(b.city):
        return False
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return distance_km(a, b) > NEAR_KM  # type: ignore[arg-type]
    return True


def distance_km(a: Where, b: Where) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _components(items: Sequence[T], related: Callable[[T, T], bool],
                compatible: Callable[[list[T], list[T]], bool] | None = None,
                affinity: Callable[[T, T], int] | None = None) -> list[list[int]]:
    """Connected components of ``related``; with ``compatible``, two groups join only when nothing in
    one conflicts with anything in the other (an undated report must not chain two meetings); with
    ``affinity``, the closest pairs join first (a report like two engagements an article told apart
    joins the one it matches best)."""
    parent = list(range(len(items)))
    members = {i: [i] for i in range(len(items))}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs: Iterable[tuple[int, int]] = ((i, j) for i in range(len(items)) for j in range(i + 1, len(items))
                                        if related(items[i], items[j]))
    if affinity is not None:
        pairs = sorted(pairs, key=lambda p: -affinity(items[p[0]], items[p[1]]))
    for i, j in pairs:
        a, b = root(i), root(j)
        if a == b:
            continue
        if compatible and not compatible([items[k] for k in members[a]], [items[k] for k in members[b]]):
            continue
        parent[b] = a
        members[a] += members.pop(b)
    return [sorted(group) for group in members.values()]


def _no_conflict(a: list[Mention] | list[Event], b: list[Mention] | list[Event]) -> bool:
    return not any(_days_conflict(x.when, y.when) or places_conflict(x.where, y.where) for x in a for y in b)


def _sides_stand_for(countries_only: Mention, people: Mention) -> bool:
    """"Türkiye, Finland and Sweden ... after four-way talks" beside "Erdoğan, Niinistö and Andersson
    met": a mention of countries alone is the engagement of those countries' people the article names."""
    if any(p.kind == "person" for p in countries_only.participants):
        return False
    sides = {p.country for p in countries_only.participants if p.country}
    named = {p.country for p in people.participants if p.kind == "person" and p.country}
    return len(sides) >= 2 and sides <= named


def same_engagement_in_article(a: Mention, b: Mention) -> bool:
    if TYPE_FAMILY.get(a.type) != TYPE_FAMILY.get(b.type):
        return False
    # within one article a second meeting of two of the same people with others is told apart
    if not (_same_parties(person_keys(a.participants), person_keys(b.participants), overlap=False)
            or _sides_stand_for(a, b) or _sides_stand_for(b, a)):
        return False
    if _counterparts_differ(a.participants, b.participants, sides=True):
        return False  # a visit to Tanzania is not the visitor's meeting with a Ugandan that day
    if a.evidence != b.evidence and (_other_count(a, b) or _other_count(b, a) or a.beside_other != b.beside_other):
        return False  # one sentence is one engagement even when its parse missed a party
    return not _days_conflict(a.when, b.when) and not places_conflict(a.where, b.where)


def _other_count(said: Mention | Event, other: Mention | Event) -> bool:
    """"X and Y talked ... X and Y also took part in trilateral talks with Z": a mention that says how
    many sides took part is not one whose participants come from another number of countries."""
    countries = {p.country for p in other.participants if p.country}
    return said.sides is not None and len(countries) >= 2 and len(countries) != said.sides


def same_engagement(a: Event, b: Event) -> bool:
    """Across articles: stricter, since two reports may be of two meetings of the same pair. Outlets
    may disagree by a day (time zones, a report's "yesterday"), never by more."""
    if a.family != b.family or not _same_parties(merge_keys(a.participants), merge_keys(b.participants)):
        return False
    if _counterparts_differ(a.participants, b.participants) or None not in (a.sides, b.sides) and a.sides != b.sides \
            or _other_count(a, b) or _other_count(b, a):
        return False  # a "bilateral meeting" is not another outlet's "trilateral dialogue" or three-country talks
    if {s.article_id for s in a.sources} & {s.article_id for s in b.sources}:
        return False  # one article's reports were told apart when it was read: two engagements
    if places_conflict(a.where, b.where):
        return False
    if a.when.precision == "day" and b.when.precision == "day":
        return a.when.value == b.when.value or _days_apart(a.when, b.when) <= DAY_TOLERANCE and _soft(a.when, b.when) \
            or _published_after(a.when, b.when) or _published_after(b.when, a.when)
    if _days_conflict(a.when, b.when):
        return False
    if a.occasion is not None and b.occasion is not None and a.occasion.id == b.occasion.id:
        return True
    return _same_place_undated(a, b)


def _counterparts_differ(a: Iterable[Participant], b: Iterable[Participant], sides: bool = False) -> bool:
    """Each report names someone of a country the other does not take part from: one minister's
    bilaterals with two counterparts on one day ("X met the Tajik minister", "X met the Belarusian
    minister") share only X, and the unlinked counterparts still tell them apart. With ``sides``, a
    country taking part as itself counts as someone of that country (within one article, where
    "a visit to Tanzania" names the host by its country)."""
    a, b = list(a), list(b)
    return bool(_strangers(a, b, sides)) and bool(_strangers(b, a, sides))


def _strangers(these: list[Participant], those: list[Participant], sides: bool = False) -> list[Participant]:
    keys, countries = person_keys(those), {p.country for p in those if p.country}
    kinds = ("person", "country") if sides else ("person",)
    return [p for p in these if p.kind in kinds and p.country and p.country not in countries
            and (p.kind == "country" or (p.actor_id or fold(p.name).split()[-1]) not in keys)]


def _same_place_undated(a: Event, b: Event) -> bool:
    """A report that gives no date at all joins a report of the same people (every linked person of
    one among the other's) in the same city (named, or the occasion's or the trip's; not a capital
    assumed for a visit): a page without a date of a visit another outlet dates. Blocking keys need a
    day or an occasion, so across batches an undated report only meets dated ones that share its
    occasion; within one batch it meets them all. Two undated reports never merge this way, so nothing is chained on a guess.
    A call has no place: an undated one joins a dated call of exactly the same people; so does an undated
    signing where one of the two names no town (signatories rarely sign twice in a few days)."""
    if (a.when.value is None) == (b.when.value is None):
        return False
    undated, dated = (a, b) if a.when.value is None else (b, a)
    if not _yearless_fits(undated.when, dated.when):
        return False
    people_a, people_b = linked_people(a.participants), linked_people(b.participants)
    if len(people_a) < 2 or len(people_b) < 2 or not (people_a <= people_b or people_b <= people_a):
        return False
    if a.family == "phone" and a.where is None and b.where is None or \
            a.family == "agreement" and None in (a.where and a.where.city, b.where and b.where.city):
        return people_a == people_b  # a call has no place, a signing often none said: the same people alone
    if a.where is None or b.where is None or not a.where.city or not b.where.city:
        return False
    return "capital" not in (a.where.basis, b.where.basis) and fold(a.where.city) == fold(b.where.city)


def _yearless_fits(undated: When, dated: When) -> bool:
    """"On November 20" with no year in the page cannot be a meeting another outlet dates 17 September."""
    timex = read_timex(undated.span.text) if undated.span is not None else None
    if timex is None or timex.kind != "partial" or not timex.month or dated.value is None:
        return True
    month = int(dated.value[5:7]) if len(dated.value) >= 7 else None
    day = dated.day.day if dated.day is not None else None
    return month in (None, timex.month) and (day is None or timex.day is None or day == timex.day)


def _soft(a: When, b: When) -> bool:
    """One of two neighbouring days rests on a word read against the page's date ("yesterday", "on
    Tuesday") or on the date itself: the day an outlet may have counted from the wrong side of midnight.
    Two dates written out in full on neighbouring days are two engagements (a state visit, then a summit)."""
    return "explicit" not in (a.basis, b.basis) or a.basis != b.basis


def _published_after(fallback: When, dated: When) -> bool:
    """A report with no date words, dated by its page, of an engagement another outlet dates a few days
    earlier: the page came out after the engagement (never before it)."""
    if fallback.basis != "published_fallback" or dated.basis == "published_fallback" or None in (fallback.day, dated.day):
        return False
    return 0 <= (fallback.day - dated.day).days <= FALLBACK_REACH  # type: ignore[operator]


def _days_apart(a: When, b: When) -> int:
    return abs((a.day - b.day).days)  # type: ignore[operator]


class EventBuilder:
    """Assembles an Event from mentions or from reports, choosing each field by stated rules."""

    def __init__(self, codes: CodeBook) -> None:
        self.codes = codes

    def from_mentions(self, mentions: list[Mention], outlet: str | None, url: str | None) -> Event:
        ordered = sorted(mentions, key=lambda m: (m.evidence.field != "title", m.trigger.start))
        role: Role = "main" if any(m.role == "main" for m in ordered) else "mentioned"
        source = Source(ordered[0].article_id, outlet, url, role, tuple(m.id for m in ordered),
                        tuple(dict.fromkeys(m.evidence for m in ordered)))
        occasion = Counter(m.occasion for m in ordered if m.occasion).most_common(1)
        return self.assemble(
            key=min(m.id for m in ordered),
            types=[m.type for m in ordered],
            participants=[p for m in ordered for p in m.participants],
            whens=[m.when for m in ordered],
            wheres=[m.where for m in ordered if m.where],
            occasion=occasion[0][0] if occasion else None,
            sources=[source],
            sides=[m.sides for m in ordered],
        )

    def from_reports(self, reports: list[Event]) -> Event:
        occasion = Counter(r.occasion for r in reports if r.occasion).most_common(1)
        event = self.assemble(
            key=min(r.id for r in reports),
            types=[r.type for r in reports],
            participants=[p for r in reports for p in r.participants],
            whens=[r.when for r in reports],
            wheres=[r.where for r in reports if r.where],
            occasion=occasion[0][0] if occasion else None,
            sources=sorted((s for r in reports for s in r.sources), key=lambda s: s.article_id),
            sides=[r.sides for r in reports],
        )
        return replace(event, disagreements=report_disagreements(reports))

    def assemble(self, key: str, types: list[str], participants: list[Participant], whens: list[When],
                 wheres: list[Where], occasion: OccasionRef | None, sources: list[Source],
                 sides: Iterable[int | None] = ()) -> Event:
        """One event from the fields of its mentions or reports, each chosen by the rules of this module
        (``merge.incremental`` builds an engagement class by class through it)."""
        when = min(whens, key=lambda w: (when_rank(w), -sum(x.value == w.value for x in whens))) if whens else When()
        where = min(wheres, key=lambda w: (w.city is None, PLACE_RANK.get(w.basis, 9),
                                           -sum(fold(x.city or "") == fold(w.city or "") for x in wheres))) \
            if wheres else None
        kind = min(types, key=lambda t: TYPE_RANK.get(t, 9))
        people = merge_participants(participants)
        third = where is not None and where.country is not None and all(
            p.country != where.country for p in people if p.country)
        cameo = self.codes.for_engagement(kind, third_location=third) if kind in TYPE_RANK else None
        return Event(
            id=stable_key("event", key),
            type=kind,
            participants=people,
            when=when,
            where=where,
            occasion=occasion,
            sources=tuple(sources),
            cameo=cameo.code if cameo else None,
            goldstein=cameo.goldstein if cameo else None,
            plover=cameo.plover_category if cameo else None,
            disagreements=disagreements(whens, wheres),
            sides=said.pop() if len(said := {n for n in sides if n is not None}) == 1 else None,
        )


def merge_participants(participants: Iterable[Participant]) -> tuple[Participant, ...]:
    """One entry per actor; a country or an unnamed title drops out when a named person of it takes part."""
    people: dict[str, Participant] = {}
    for p in participants:
        key = p.actor_id or f"{p.kind}:{fold(p.name)}"
        if key not in people or (p.role and not people[key].role):
            people[key] = p
    named_countries = {p.country for p in people.values() if p.kind == "person" and p.actor_id}
    sides = {p.country for p in people.values() if p.kind == "person" and p.country}
    kept = [p for p in people.values() if p.actor_id or p.kind == "organisation"
            or p.kind == "country" and p.country not in sides  # a country is a side when none of its people is
            or p.kind == "person" and (p.country not in named_countries or p.role != p.name)]  # a named person stays
    return tuple(sorted(kept, key=lambda p: (p.kind != "person", p.name)))


def disagreements(whens: list[When], wheres: list[Where]) -> tuple[str, ...]:
    notes = []
    days = sorted({w.value for w in whens if w.value and w.precision == "day"})
    if len(days) > 1:
        notes.append("date: " + " / ".join(days))
    cities = sorted({w.city for w in wheres if w.city and w.basis == "explicit"})
    if len(cities) > 1:
        notes.append("place: " + " / ".join(cities))
    return tuple(notes)


def report_disagreements(reports: list[Event]) -> tuple[str, ...]:
    """Where the reports of one event differ, each value with the articles that give it."""
    notes = []
    for field, value in (("date", lambda r: r.when.value if r.when.precision == "day"
                          and r.when.basis != "published_fallback" else None),
                         ("place", lambda r: r.where.city if r.where and r.where.basis == "explicit" else None),
                         ("type", lambda r: r.type)):
        said: dict[str, list[str]] = {}
        for report in reports:
            if (found := value(report)) is not None:
                said.setdefault(found, []).extend(s.article_id for s in report.sources)
        if len(said) > 1:
            notes.append(f"{field}: " + " / ".join(f"{v} ({', '.join(sorted(set(a)))})" for v, a in sorted(said.items())))
    return tuple(notes)


def group_article(mentions: list[Mention]) -> list[list[Mention]]:
    engagements = [m for m in mentions if m.type != "STATEMENT"]
    ordered = sorted(engagements, key=lambda m: (m.when.value is None, m.trigger.field != "title", m.trigger.start))
    groups = _components(ordered, same_engagement_in_article, _article_compatible)
    return [[ordered[i] for i in group] for group in groups]


def _article_compatible(a: list[Mention], b: list[Mention]) -> bool:
    """Two groups of one article's mentions join when nothing conflicts and one group's people are among
    the other's: a headline "X meets Y" must not chain "X, Y and Z met" to "X, Y and W met"."""
    people_a = set().union(*(person_keys(m.participants) for m in a))
    people_b = set().union(*(person_keys(m.participants) for m in b))
    nested = not people_a or not people_b or people_a <= people_b or people_b <= people_a
    counted = not any(_other_count(x, y) or _other_count(y, x) for x in a for y in b)  # "trilateral" / a pair
    return nested and counted and _no_conflict(a, b)


def group_pending(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions of engagements that did not take place, grouped as ``group_article`` does, one status
    at a time (a cancelled visit and a planned one are two records)."""
    groups: list[list[Mention]] = []
    for status in sorted({m.status for m in mentions} - {"occurred"}):
        groups += group_article([m for m in mentions if m.status == status])
    return groups


def _sides(participants: Iterable[Participant]) -> set[str]:
    return {p.country for p in participants if p.country}


#: Words that report talking without saying how: in an article about a call they are the call.
WEAK_TRIGGERS = {"talk", "talked", "talks", "discussed", "discussion", "discussions", "conversation", "spoke"}


def settle_kinds(mentions: list[Mention]) -> list[Mention]:
    """"X had a telephone conversation with Y. The ministers talked about ...": talk with no place and no
    gathering of the same people as a call of the article is that call, not a meeting."""
    calls = [m for m in mentions if m.type == "CALL" and m.status == "occurred"]
    settled = []
    for m in mentions:
        placed = m.where is not None and m.where.basis == "explicit" and m.where.city
        if m.type == "MEET" and m.trigger.text.lower() in WEAK_TRIGGERS and not placed \
                and m.occasion is None and any(
                    _same_parties(person_keys(c.participants), person_keys(m.participants)) for c in calls):
            m = replace(m, type="CALL")
        settled.append(m)
    return settled


def settle_headlines(mentions: list[Mention]) -> list[Mention]:
    """A headline in the present ("Park meets Wang") announces what the body may only say will happen
    ("will meet ... on Saturday"): when the body reports the same people's engagement as planned,
    cancelled or postponed and never as held, the headline takes that status."""
    body = [m for m in mentions if m.tense != "headline"]
    settled = []
    for mention in mentions:
        if mention.tense == "headline" and mention.status == "occurred":
            same = [m for m in body if TYPE_FAMILY.get(m.type) == TYPE_FAMILY.get(mention.type)
                    and (_same_parties(person_keys(m.participants), person_keys(mention.participants))
                         or _sides(m.participants) == _sides(mention.participants) != set())]
            if same and all(m.status != "occurred" for m in same):
                mention = replace(mention, status=same[0].status, status_cue=same[0].status_cue)
        settled.append(mention)
    return settled


def _reports_compatible(a: list[Event], b: list[Event]) -> bool:
    """Two groups of reports join only when no two of their dates are more than a day apart and no two
    explicit places are far apart: an undated or off-by-one report must not chain two meetings."""
    if {s.article_id for r in a for s in r.sources} & {s.article_id for r in b for s in r.sources}:
        return False  # one article told these engagements apart; another outlet must not join them
    days = [r.when.day for r in (*a, *b) if r.when.day is not None and r.when.basis != "published_fallback"]
    if days and (max(days) - min(days)).days > DAY_TOLERANCE:
        return False
    paged = [r.when for r in (*a, *b) if r.when.day is not None and r.when.basis == "published_fallback"]
    if days and any(not (0 <= (w.day - max(days)).days <= FALLBACK_REACH or abs((w.day - min(days)).days)  # type: ignore[operator]
                         <= DAY_TOLERANCE) for w in paged):
        return False
    return not any(places_conflict(x.where, y.where) or (
        x.when.precision != "day" or y.when.precision != "day") and _days_conflict(x.when, y.when)
        for x in a for y in b)


def _affinity(a: Event, b: Event) -> int:
    """How much two reports of one engagement share: the same people, day, place and gathering."""
    score = 4 * (person_keys(a.participants) == person_keys(b.participants))
    score += 2 * (a.when.value is not None and a.when.value == b.when.value)
    score += a.where is not None and b.where is not None and a.where.city is not None and a.where.city == b.where.city
    return score + (a.occasion is not None and b.occasion is not None and a.occasion.id == b.occasion.id)


def merge_reports(reports: list[Event], builder: EventBuilder) -> list[Event]:
    """Reports of one engagement from different articles become one event."""
    ordered = sorted(reports, key=lambda r: r.id)
    torn = _torn_undated(ordered)

    def related(a: Event, b: Event) -> bool:
        undated_with_dated = (a.when.value is None) != (b.when.value is None)
        return same_engagement(a, b) and not (undated_with_dated and (a.id in torn or b.id in torn))

    groups = _components(ordered, related, _reports_compatible, _affinity)
    return [builder.from_reports([ordered[i] for i in group]) for group in groups]


def _torn_undated(reports: list[Event]) -> set[str]:
    """Undated reports that fit dated reports of more than one engagement (two calls of the same pair
    weeks apart): which one a page with no date tells is unknown, so it joins none of them."""
    torn = set()
    for report in (r for r in reports if r.when.value is None):
        values = {r.when.value for r in reports if r.when.value is not None and same_engagement(report, r)}
        days = sorted(date.fromisoformat(v) for v in values if len(v) == 10)
        months = {v for v in values if len(v) == 7}  # "in March": another engagement unless a day agrees
        if days and (days[-1] - days[0]).days > DAY_TOLERANCE or len(months) > 1 \
                or months and days and not months <= {d.isoformat()[:7] for d in days}:
            torn.add(report.id)
    return torn
