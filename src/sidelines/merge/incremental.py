"""Merging as a stage: new reports join the stored events they belong with.

The store is asked only for what merging needs (``Candidates``): the stored reports that share a
blocking key with a new one, the events those reports are in, and the reports' records. The events
of that block are rebuilt by connected components (so the result does not depend on arrival order)
and handed back as a ``MergePlan`` for the store to apply.

A summit that hundreds of outlets cover gives one engagement hundreds of reports, most of them saying
the same thing (same people, day, place, occasion, kind). Comparing every pair of them made each new
report cost time in proportion to the reports already stored. So the reports of a block are first
folded into *classes* of reports that say the same (a class stands for all its members in every
comparison, with its members counted where the record counts them: the most reported date, place and
occasion), and the block is clustered and built class by class; only the sources are gathered per
report. Parsed reports and their class keys are kept by the store between batches (``ReportCache``).
"""

from __future__ import annotations

from bisect import insort
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import chain, pairwise
from operator import itemgetter
from typing import Protocol, runtime_checkable

from sidelines.knowledge.files import fold as fold_name
from sidelines.merge import cluster
from sidelines.merge.cluster import (
    PLACE_RANK,
    EventBuilder,
    linked_people,
    merge_keys,
    merge_reports,
    report_disagreements,
    same_engagement,
)
from sidelines.model import Event, OccasionRef, Source, Span, When, Where
from sidelines.resolve.dates import when_rank

#: (actor id, family of contact, day or None, occasion id or None): the ways two reports can merge.
#: A report with no date has one more way, by its linked pairs and its town (``pair_keys``): the actor
#: id is then a pair with a tag ("a+b@undated:town") and the occasion id the tag ("@undated:town").
BlockKey = tuple[str, str, str | None, str | None]
#: Days apart two dated reports can be and still be one engagement (``cluster.same_engagement``: two
#: outlets' days, or a page dated by its publication a few days after the engagement).
DAY_REACH = max(cluster.DAY_TOLERANCE, cluster.FALLBACK_REACH)
#: Pairs are keyed only for reports of up to this many linked people (a summit's family photo has no use for them).
PAIR_KEYS_MAX_PEOPLE = 8


def report_keys(report: Event) -> tuple[str | None, str | None]:
    """The day (when known to the day) and the occasion a report can merge through."""
    day = report.when.value if report.when.precision == "day" else None
    return day, report.occasion.id if report.occasion else None


def stored_keys(report: Event) -> list[BlockKey]:
    """The keys a stored report is found by: its own (actor, family, day, occasion), and its pair keys."""
    day, occasion = report_keys(report)
    own = [(actor, report.family, day, occasion) for actor in sorted(merge_keys(report.participants))]
    return own + pair_keys(report, found_by=True)


def pair_keys(report: Event, found_by: bool) -> list[BlockKey]:
    """A page with no date joins a dated report of the same people in the same town (a call or a signing
    with no town: of the same people alone; ``cluster._same_place_undated``). Across batches the two
    meet by the pairs of their linked people and the town: an undated report is found by, and looks
    for, "@dated:" keys of its pairs; a dated one the other way round. Only undated reports bring
    dated ones into a block, so a dated report's block grows by the few undated reports of its pair."""
    people = sorted(linked_people(report.participants))
    if len(people) < 2 or len(people) > PAIR_KEYS_MAX_PEOPLE or report.occasion is not None and report.when.value is None:
        return []  # an undated report at a gathering meets the others through the gathering
    where = report.where
    town = fold_name(where.city) if where is not None and where.city and where.basis != "capital" else ""
    if report.family in ("phone", "agreement"):
        town = ""  # a call has no town, and a signing's is often not said: the same people are enough
    elif not town:
        return []
    undated = report.when.value is None
    tag = f"@{'undated' if undated == found_by else 'dated'}:{town}"
    # the tag is in the key's person too, so that looking a pair up finds only the other side's rows,
    # never the many reports of a much-reported pair
    return [(f"{a}+{b}{tag}", report.family, None, tag) for i, a in enumerate(people) for b in people[i + 1:]]


def block_keys(reports: Iterable[Event]) -> list[BlockKey]:
    """Every key of ``reports`` that can bring another report into their block (a day, or a day as
    near as ``cluster.DAY_TOLERANCE`` lets two outlets' dates of one engagement be, or an occasion, or
    for a report with no date or of an engagement another page may tell undated, the pair keys)."""
    tolerance = cluster.DAY_TOLERANCE
    keys = set()
    for report in reports:
        day, occasion = report_keys(report)
        earliest = -max(tolerance, cluster.FALLBACK_REACH) if report.when.basis == "published_fallback" else -tolerance
        days = [day] if day is None or not tolerance or report.when.day is None else \
            [(report.when.day + timedelta(days=shift)).isoformat() for shift in range(earliest, tolerance + 1)]
        keys |= {(actor, report.family, d, occasion) for actor in merge_keys(report.participants) for d in days}
        keys |= set(pair_keys(report, found_by=False))
    return sorted((k for k in keys if k[2] is not None or k[3] is not None), key=str)


class Candidates(Protocol):
    """The narrow view of the store that merging reads through."""

    def reports_sharing(self, keys: Sequence[BlockKey]) -> set[str]:
        """Ids of stored reports with a key in ``keys``."""

    def event_links(self, report_ids: Sequence[str]) -> list[tuple[str, str]]:
        """(event id, report id) for every report of every event that holds one of ``report_ids``."""

    def reports(self, report_ids: Sequence[str]) -> list[Event]:
        """The stored records of ``report_ids``, in id order."""


@dataclass(frozen=True, slots=True)
class MergePlan:
    """What a batch changes among events: the events to drop and the events (with their reports) to write.

    ``before`` (the reports each dropped event held) lets the store write only the links that change;
    ``summaries`` are the written events' summaries, for the store to keep for the next batch."""

    drop: tuple[str, ...]
    events: tuple[tuple[Event, tuple[str, ...]], ...]
    before: dict[str, frozenset[str]] | None = None
    summaries: tuple[EventSummary, ...] = ()


@dataclass(frozen=True, slots=True)
class ClassSummary:
    """Reports of one event that say the same (one class key): the first of them, every id, every
    source in record order with the report it came from, and each occasion object with its count and
    first report (what ``EventBuilder.from_reports`` counts)."""

    number: int
    head: Event
    ids: tuple[str, ...]
    sources: tuple[tuple[str, str, int, Source], ...]  # (article id, report id, index, source), sorted
    occasions: tuple[tuple[OccasionRef, int, str], ...]  # (occasion, reports giving it, first report id)

    @classmethod
    def of(cls, number: int, reports: Sequence[Event]) -> ClassSummary:
        """The summary of reports (in id order) of one class."""
        sources = sorted((s.article_id, r.id, i, s) for r in reports for i, s in enumerate(r.sources))
        counted: dict[OccasionRef, list] = {}
        for report in reports:
            if report.occasion is not None:
                counted.setdefault(report.occasion, [0, report.id])[0] += 1
        return cls(number, reports[0], tuple(r.id for r in reports), tuple(sources),
                   tuple((o, n, first) for o, (n, first) in counted.items()))

    def join(self, other: ClassSummary) -> ClassSummary:
        """Two summaries of one class (an event's and a batch's) as one."""
        counted: dict[OccasionRef, list] = {}
        for occasion, n, first in (*self.occasions, *other.occasions):
            entry = counted.setdefault(occasion, [0, first])
            entry[0] += n
            entry[1] = min(entry[1], first)
        head = self.head if self.head.id <= other.head.id else other.head
        return ClassSummary(self.number, head, tuple(merge_sorted(self.ids, other.ids)),
                            tuple(merge_sorted(self.sources, other.sources)),
                            tuple((o, n, first) for o, (n, first) in counted.items()))


#: ``merge_sorted`` inserts the shorter runs' items one by one while they are under 1/8 of the longest.
FEW_PER_MANY = 8
#: The source of a (article id, report id, index, source) row of ``ClassSummary.sources``.
_SOURCE = itemgetter(3)


def merge_sorted(*runs: Sequence) -> list:
    """Sorted runs as one sorted list. A few items joining a long run (a batch's reports joining an
    event of a thousand) are each put in place by a binary search, so the cost grows with the few and
    only the log of the many; else Timsort, which finds the runs (linear, in C)."""
    longest = max(runs, key=len, default=())
    few = [item for run in runs if run is not longest for item in run]
    if len(few) * FEW_PER_MANY > len(longest):
        return sorted(chain.from_iterable(runs))
    merged = list(longest)
    for item in few:
        insort(merged, item)
    return merged


@dataclass(frozen=True, slots=True)
class EventSummary:
    """A stored event as merging needs it, kept between batches so that a new report joins an event
    of a thousand reports without its thousand reports being read or compared again."""

    event_id: str
    classes: tuple[ClassSummary, ...]
    members: frozenset[str]


def class_key(report: Event) -> tuple:
    """What a report says, without who said it or where in their text: two reports with one class key
    are interchangeable in every comparison and in every choice the merged record makes (the first
    report of a class, in id order, gives the values chosen, with their evidence)."""
    where, occasion, when = report.where, report.occasion, report.when
    return (
        report.type, report.status, report.cameo, report.goldstein, report.plover, report.disagreements, report.sides,
        tuple(s.role for s in report.sources),
        tuple((p.name, p.country, p.actor_id, p.kind, p.role, p.link_basis, _field(p.span))
              for p in report.participants),
        (when.value, when.precision, when.basis, _field(when.span)),
        None if where is None else (where.city, where.country, where.lat, where.lon, where.basis, _field(where.span)),
        None if occasion is None else (occasion.id, occasion.name, occasion.start, occasion.end, occasion.city,
                                       occasion.country, occasion.basis, _field(occasion.span)),
    )


def _field(span: Span | None) -> str | None:
    return span.field if span is not None else None


class ReportCache:
    """Parsed stored reports and their class numbers, by report id and a digest of the stored record
    (a report stored again with other content is parsed again), the least recently used dropped first."""

    def __init__(self, size: int = 5_000) -> None:
        self.size = size
        self._entries: OrderedDict[str, tuple[str, Event, int]] = OrderedDict()
        self._classes: dict[tuple, int] = {}
        self._next = 0

    def __contains__(self, report_id: str) -> bool:
        return report_id in self._entries

    def get(self, report_id: str, digest: str) -> tuple[Event, int] | None:
        entry = self._entries.get(report_id)
        if entry is None or entry[0] != digest:
            return None
        self._entries.move_to_end(report_id)
        return entry[1], entry[2]

    def put(self, report_id: str, digest: str, report: Event) -> tuple[Event, int]:
        number = self.class_of(report)
        self._entries[report_id] = (digest, report, number)
        self._entries.move_to_end(report_id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        if len(self._classes) > 4 * self.size:  # numbers of classes no longer cached are forgotten
            self._classes = {class_key(r): n for _, r, n in self._entries.values()}
        return report, number

    def number(self, report: Event) -> int:
        """The class number of a report, taken from the cache when it is the very record cached."""
        entry = self._entries.get(report.id)
        return entry[2] if entry is not None and entry[1] is report else self.class_of(report)

    def class_of(self, report: Event) -> int:
        key = class_key(report)
        if key not in self._classes:
            self._next += 1
            self._classes[key] = self._next
        return self._classes[key]

    def forget(self, report_ids: Iterable[str]) -> None:
        for report_id in report_ids:
            self._entries.pop(report_id, None)


class SummaryCache:
    """Event summaries by event id, each with the token of the stored links it describes (the least
    recently used dropped first)."""

    def __init__(self, size: int = 5_000) -> None:
        self.size = size
        self._entries: OrderedDict[str, tuple[object, EventSummary]] = OrderedDict()

    def get(self, event_id: str, token: object) -> EventSummary | None:
        entry = self._entries.get(event_id)
        if entry is None or entry[0] != token:
            return None
        self._entries.move_to_end(event_id)
        return entry[1]

    def put(self, event_id: str, token: object, summary: EventSummary) -> None:
        self._entries[event_id] = (token, summary)
        self._entries.move_to_end(event_id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()


def merge_new(new_reports: Sequence[Event], candidates: Candidates, builder: EventBuilder,
              also: Iterable[str] = ()) -> MergePlan:
    """Rebuild the events of the block that ``new_reports`` (and the reports ``also``) may belong with."""
    block = {r.id for r in new_reports} | set(also)
    if not block:
        return MergePlan((), ())
    keys = block_keys(new_reports)
    if isinstance(candidates, Summaries):
        return _merge_summarised(block, keys, candidates, builder)
    if keys:
        block |= candidates.reports_sharing(keys)
    links = candidates.event_links(sorted(block))
    block |= {report_id for _, report_id in links}
    reports = candidates.reports(sorted(block))
    class_of = getattr(candidates, "class_of", None)
    planned = tuple(merge_block(reports, builder, class_of))
    return MergePlan(tuple(sorted({event_id for event_id, _ in links})), planned)


@runtime_checkable
class Summaries(Protocol):
    """A store that keeps event summaries between batches (``Store`` does): the block is then read as
    the summaries of its events and the few reports in none."""

    def block_events(self, keys: Sequence[BlockKey], report_ids: Sequence[str]) -> tuple[list[str], list[str]]:
        """Events holding a report with a key in ``keys`` or one of ``report_ids``, and those reports
        that are in no event."""

    def summary(self, event_id: str) -> EventSummary | None:
        """The event's summary when the one kept still describes the stored event, else None."""

    def event_reports(self, event_ids: Sequence[str]) -> dict[str, list[Event]]:
        """The stored reports of each of ``event_ids``, in id order (one query for them all)."""

    def reports(self, report_ids: Sequence[str]) -> list[Event]:
        """The stored records of ``report_ids``, in id order."""

    def class_of(self, report: Event) -> int:
        """The class number of a report."""


def _merge_summarised(block: set[str], keys: list[BlockKey], store: Summaries, builder: EventBuilder) -> MergePlan:
    event_ids, loose = store.block_events(keys, sorted(block))
    kept = {event_id: store.summary(event_id) for event_id in event_ids}
    missing = store.event_reports([e for e, found in kept.items() if found is None])
    summaries = [found if found is not None else summarise(event_id, missing[event_id], store.class_of)
                 for event_id, found in kept.items()]
    classes = [c for summary in summaries for c in summary.classes]
    classes += fold(store.reports(sorted(loose)), store.class_of)
    built = cluster_classes(join_classes(classes), builder)
    planned = tuple((event, tuple(ids)) for event, _, ids in built)
    fresh = tuple(EventSummary(event.id, tuple(members), frozenset(ids)) for event, members, ids in built)
    return MergePlan(tuple(event_ids), planned, {s.event_id: s.members for s in summaries}, fresh)


def summarise(event_id: str, reports: Sequence[Event], class_of: Callable[[Event], int]) -> EventSummary:
    """The summary of a stored event from its reports."""
    return EventSummary(event_id, tuple(fold(reports, class_of)), frozenset(r.id for r in reports))


def fold(reports: Sequence[Event], class_of: Callable[[Event], int] | None) -> list[ClassSummary]:
    """Reports folded into class summaries; a report that merges with nothing (no linked person, or
    no day and no occasion) stands alone, as it does when merged report by report."""
    by_key: dict[object, list[Event]] = {}
    for report in sorted(reports, key=lambda r: r.id):
        by_key.setdefault(class_of(report) if class_of else class_key(report), []).append(report)
    classes: list[ClassSummary] = []
    for number, members in by_key.items():
        number = number if isinstance(number, int) else -1 - len(classes)
        if not stands_alone(members[0]):
            classes.append(ClassSummary.of(number, members))
        else:
            classes += [ClassSummary.of(number, [r]) for r in members]
    return classes


def join_classes(classes: list[ClassSummary]) -> list[ClassSummary]:
    """Summaries of one class from several events (or an event and the batch) joined, in the order of
    their first report; a class that stands alone (merging with nothing) is never joined."""
    joined: dict[object, ClassSummary] = {}
    for summary in classes:
        key = ("alone", summary.head.id) if stands_alone(summary.head) else summary.number
        joined[key] = joined[key].join(summary) if key in joined else summary
    return sorted(joined.values(), key=lambda c: c.head.id)


def cluster_classes(classes: list[ClassSummary], builder: EventBuilder) -> list[tuple[Event, list[ClassSummary], list[str]]]:
    """The events of a block of classes (clustered by ``merge_reports`` over one stand-in report per
    class, so its rules hold), each with its classes and its reports' ids in order."""
    heads = [stand_in(c) for c in classes]
    head_of = {id(source): index for index, head in enumerate(heads) for source in head.sources}
    built = []
    for part in parts(heads):
        for event in merge_reports([heads[i] for i in part], builder):
            members = [classes[i] for i in sorted({head_of[id(s)] for s in event.sources})]
            built.append((build_event(members, builder), members, merge_sorted(*(c.ids for c in members))))
    return built


def parts(reports: Sequence[Event]) -> list[list[int]]:
    """Indexes of ``reports`` in groups that no two reports of different groups can be one engagement,
    so each group is merged on its own (a block of many unrelated reports costs the sum of its groups'
    squares, not the square of the sum). ``same_engagement`` joins only reports that share a kind of
    contact and a linked person and, when both give a day, days at most ``DAY_REACH`` apart: so the
    reports of one (kind, person) fall apart wherever their days leave a longer gap, unless one of
    them gives no day (it may join any of them)."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    days: dict[tuple[str, str], list[tuple[date, int]]] = {}
    dayless: dict[tuple[str, str], list[int]] = {}  # reports with no day, which may join any of the key
    for index, report in enumerate(reports):
        day = report.when.day
        for actor in merge_keys(report.participants):
            if day is None:
                dayless.setdefault((report.family, actor), []).append(index)
            else:
                days.setdefault((report.family, actor), []).append((day, index))
    for key, dated in days.items():
        dated.sort()
        for (before, i), (after, j) in pairwise(dated):
            if (after - before).days <= DAY_REACH or key in dayless:  # one with no day holds the key together
                join(i, j)
    for key, undated in dayless.items():
        for index in undated[1:]:
            join(index, undated[0])
        if key in days:
            join(undated[0], days[key][0][1])
    grouped: dict[int, list[int]] = {}
    for index in range(len(reports)):
        grouped.setdefault(root(index), []).append(index)
    return list(grouped.values())


def stand_in(summary: ClassSummary) -> Event:
    """The report that stands for a class in comparisons: its first report, with its own sources when
    every report of the class is from one article, else with a source of an article of its own (two
    reports of one article are never one engagement; a class of many articles has a report that
    shares none with any other report)."""
    head = summary.head
    if summary.sources[0][0] == summary.sources[-1][0]:
        return head
    return replace(head, sources=tuple(replace(s, article_id=f"{s.article_id}#class-{summary.number}")
                                       for s in head.sources))


def stands_alone(report: Event) -> bool:
    """A report that merges with no report like itself from another article (no linked person, or no
    day and no occasion): each such report is its own class."""
    other = replace(report, sources=tuple(replace(s, article_id=f"{s.article_id}#other") for s in report.sources))
    return not same_engagement(report, other)


def merge_block(reports: Sequence[Event], builder: EventBuilder,
                class_of: Callable[[Event], int] | None = None) -> list[tuple[Event, tuple[str, ...]]]:
    """The events of a block of reports, each with its reports' ids: the same events as
    ``cluster.merge_reports`` gives, clustered over one report of each class and built class by class."""
    return [(event, tuple(ids)) for event, _, ids in cluster_classes(fold(reports, class_of), builder)]


def build_event(classes: list[ClassSummary], builder: EventBuilder) -> Event:
    """``EventBuilder.from_reports`` over every report of ``classes`` (given in the order of their first
    report), with each distinct date and place counted once per report that gives it."""
    heads = [c.head for c in classes]
    weights = [len(c.ids) for c in classes]
    counted: dict[OccasionRef, list] = {}
    for c in classes:
        for occasion, n, first in c.occasions:
            entry = counted.setdefault(occasion, [0, first])
            entry[0] += n
            entry[1] = min(entry[1], first)
    chosen: OccasionRef | None = min(counted.items(), key=lambda item: (-item[1][0], item[1][1]))[0] if counted else None
    wheres = [(h.where, w) for h, w in zip(heads, weights) if h.where]
    runs = merge_sorted(*(c.sources for c in classes)) if len(classes) > 1 else classes[0].sources
    sources = list(map(_SOURCE, runs))
    event = builder.assemble(
        key=min(h.id for h in heads),
        types=[h.type for h in heads],
        participants=[p for h in heads for p in h.participants],
        whens=[best_when([(h.when, w) for h, w in zip(heads, weights)])],
        wheres=[best_where(wheres)] if wheres else [],
        occasion=chosen,
        sources=sources,
        sides=[h.sides for h in heads],
    )
    if len(classes) == 1:  # one class says one thing: nothing to disagree on
        return event
    said = [replace(c.head, sources=tuple(map(_SOURCE, c.sources))) for c in classes]
    return replace(event, disagreements=report_disagreements(said))


def best_when(counted: list[tuple[When, int]]) -> When:
    """The first of the best-founded, most reported dates (``EventBuilder`` with reports counted)."""
    per_value: Counter = Counter()
    for when, weight in counted:
        per_value[when.value] += weight
    return min((w for w, _ in counted), key=lambda w: (when_rank(w), -per_value[w.value]))


def best_where(counted: list[tuple[Where, int]]) -> Where:
    """The first of the named, best-founded, most reported places (``EventBuilder`` with reports counted)."""
    per_city: Counter = Counter()
    for where, weight in counted:
        per_city[fold_name(where.city or "")] += weight  # one town in two spellings counts once (Brasília, Brasilia)
    return min((w for w, _ in counted),
               key=lambda w: (w.city is None, PLACE_RANK.get(w.basis, 9), -per_city[fold_name(w.city or "")]))
