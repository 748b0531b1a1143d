"""An event's sources kept out of its stored record once it has many.

An event's sources are the sources of the reports it holds, in (article, report, place) order, and the
store links each event to its reports (``event_reports``), one row per link, written only when a link
is new. An event of a thousand reports that gains one would otherwise be written again with a
thousand sources (280 KB), in every batch that touches it, so the time to store a report grew with the
size of the record it joined. From ``OUTLINED_SOURCES`` sources on, the stored record holds
``"sources": null`` and the sources are gathered from the linked reports when the event is read
(``events_from``); the event read is the event written, source for source.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import duckdb

from sidelines.model import Event
from sidelines.store.codec import dumps, event_from

#: Sources from which an event's record leaves them to its links.
OUTLINED_SOURCES = 32
_EMPTY, _OUTLINED = '"sources": []', '"sources": null'


def event_record(event: Event) -> str:
    """The JSON stored for an event: whole, or without its sources when it has many."""
    if len(event.sources) < OUTLINED_SOURCES:
        return dumps(event)
    bare = dumps(replace(event, sources=()))
    return bare.replace(_EMPTY, _OUTLINED) if bare.count(_EMPTY) == 1 else dumps(event)


def events_from(db: duckdb.DuckDBPyConnection, records: list[str]) -> list[Event]:
    """Stored event records as events, the sources of outlined ones gathered from their reports."""
    parsed = [json.loads(r) for r in records]
    outlined = {d["id"]: d for d in parsed if d.get("sources") is None}
    if outlined:
        gathered: dict[str, list[tuple[str, str, int, dict[str, Any]]]] = {e: [] for e in outlined}
        rows = db.execute("SELECT l.event_id, r.id, json_extract(r.record, '$.sources')::VARCHAR "
                          "FROM event_reports l JOIN reports r ON r.id = l.report_id "
                          "WHERE l.event_id IN (SELECT unnest(?::VARCHAR[]))", [list(outlined)]).fetchall()
        for event_id, report_id, sources in rows:
            gathered[event_id] += [(s["article_id"], report_id, i, s) for i, s in enumerate(json.loads(sources))]
        for event_id, found in gathered.items():
            outlined[event_id]["sources"] = [s for *_, s in sorted(found, key=lambda f: f[:3])]
    return [event_from(d) for d in parsed]
