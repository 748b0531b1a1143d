"""Merging as a stage: new reports join the stored events they belong with.

The store is asked only for what merging needs (``Candidates``): the stored reports that share a
blocking key with a new one, the events those reports are in, and the reports' records. The events
of that block are rebuilt from all their reports by ``merge_reports`` (connected components, so the
result does not depend on arrival order) and handed back as a ``MergePlan`` for the store to apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sidelines.merge.cluster import EventBuilder, linked_people, merge_reports
from sidelines.model import Event

#: (actor id, family of contact, day or None, occasion id or None): the ways two reports can merge.
BlockKey = tuple[str, str, str | None, str | None]


def report_keys(report: Event) -> tuple[str | None, str | None]:
    """The day (when known to the day) and the occasion a report can merge through."""
    day = report.when.value if report.when.precision == "day" else None
    return day, report.occasion.id if report.occasion else None


def block_keys(reports: Iterable[Event]) -> list[BlockKey]:
    """Every key of ``reports`` that can bring another report into their block (a day or an occasion)."""
    keys = {(actor, r.family, *report_keys(r)) for r in reports for actor in linked_people(r.participants)}
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
    """What a batch changes among events: the events to drop and the events (with their reports) to write."""

    drop: tuple[str, ...]
    events: tuple[tuple[Event, tuple[str, ...]], ...]


def merge_new(new_reports: Sequence[Event], candidates: Candidates, builder: EventBuilder,
              also: Iterable[str] = ()) -> MergePlan:
    """Rebuild the events of the block that ``new_reports`` (and the reports ``also``) may belong with."""
    block = {r.id for r in new_reports} | set(also)
    if not block:
        return MergePlan((), ())
    keys = block_keys(new_reports)
    if keys:
        block |= candidates.reports_sharing(keys)
    links = candidates.event_links(sorted(block))
    block |= {report_id for _, report_id in links}
    reports = candidates.reports(sorted(block))
    planned = []
    for event in merge_reports(reports, builder):
        mention_ids = {m for s in event.sources for m in s.mention_ids}
        members = tuple(r.id for r in reports if set(r.sources[0].mention_ids) <= mention_ids)
        planned.append((event, members))
    return MergePlan(tuple(sorted({event_id for event_id, _ in links})), tuple(planned))
