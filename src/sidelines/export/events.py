"""Exports in the contract's shapes: JSON events (with evidence), flat CSV and Parquet tables."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from sidelines.model import Event, Participant, Quote, Span, When, Where

FORMATS = ("json", "csv", "parquet")


def _evidence(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"article_id": span.article_id, "field": span.field, "text": span.text, "start": span.start,
            "end": span.end}


def _participant(p: Participant) -> dict[str, Any]:
    return {"name": p.name, "country": p.country, "role": p.role, "actor_id": p.actor_id, "kind": p.kind,
            "link_basis": p.link_basis, "evidence": _evidence(p.span)}


def _location(where: Where | None) -> dict[str, Any] | None:
    if where is None:
        return None
    return {"city": where.city, "country": where.country, "lat": where.lat, "lon": where.lon,
            "basis": where.basis, "evidence": _evidence(where.span)}


def _date(when: When) -> dict[str, Any]:
    return {"date": when.value, "date_precision": when.precision, "date_basis": when.basis,
            "date_evidence": _evidence(when.span), "date_note": when.note}


def event_json(event: Event) -> dict[str, Any]:
    """One event in the export contract's shape (DESIGN.md), with each field's evidence and basis."""
    occasion = event.occasion
    return {
        "id": event.id,
        "type": event.type,
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "plover": event.plover,
        "participants": [_participant(p) for p in event.participants],
        **_date(event.when),
        "location": _location(event.where),
        "occasion": None if occasion is None else {
            "name": occasion.name, "id": occasion.id, "start": occasion.start.isoformat(),
            "end": occasion.end.isoformat(), "basis": occasion.basis, "evidence": _evidence(occasion.span)},
        "sources": [{"article_id": s.article_id, "outlet": s.outlet, "url": s.url, "role": s.role,
                     "evidence": [{"sentence": e.text, "start": e.start, "end": e.end, "field": e.field}
                                  for e in s.evidence]} for s in event.sources],
        "disagreements": list(event.disagreements),
    }


def event_row(event: Event) -> dict[str, Any]:
    """A flat row for tables: one event, participants and sources joined."""
    where = event.where
    return {
        "id": event.id, "type": event.type, "cameo": event.cameo, "goldstein": event.goldstein,
        "date": event.when.value, "date_precision": event.when.precision, "date_basis": event.when.basis,
        "city": where.city if where else None, "country": where.country if where else None,
        "lat": where.lat if where else None, "lon": where.lon if where else None,
        "location_basis": where.basis if where else None,
        "occasion": event.occasion.name if event.occasion else None,
        "participants": "; ".join(f"{p.name} ({p.country or '?'})" for p in event.participants),
        "actor_ids": "; ".join(p.actor_id for p in event.participants if p.actor_id),
        "sources": "; ".join(f"{s.article_id}:{s.role}" for s in event.sources),
    }


def to_json(events: Sequence[Event]) -> str:
    return json.dumps([event_json(e) for e in events], ensure_ascii=False, indent=2)


def to_csv(events: Sequence[Event]) -> str:
    rows = [event_row(e) for e in events]
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def to_parquet(events: Sequence[Event], out: Path) -> None:
    """Parquet through DuckDB's JSON reader, so nested fields (participants, sources) stay nested."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "events.json"
        source.write_text(to_json(events), encoding="utf-8")
        connection = duckdb.connect()
        try:
            query = "SELECT * FROM read_json_auto(?)" if events else "SELECT NULL::VARCHAR AS id LIMIT 0"
            relation = connection.sql(query, params=[str(source)] if events else None)
            relation.write_parquet(str(out))
        finally:
            connection.close()


def quote_json(quote: Quote) -> dict[str, Any]:
    """One quote in the export contract's shape (DESIGN.md)."""
    speaker = quote.speaker
    return {"article_id": quote.article_id,
            "speaker": {"name": speaker.name, "country": speaker.country, "actor_id": speaker.actor_id,
                        "role": speaker.role, "link_basis": speaker.link_basis},
            "text": quote.text, "direct": quote.direct, "start": quote.start, "end": quote.end,
            "cue": quote.cue, "event_id": quote.event_id}


def quotes_to_json(quotes: Sequence[Quote]) -> str:
    return json.dumps([quote_json(q) for q in quotes], ensure_ascii=False, indent=2)


def quotes_to_csv(quotes: Sequence[Quote]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["article_id", "speaker", "country", "actor_id", "direct", "start", "end", "cue", "event_id", "text"])
    for q in quotes:
        writer.writerow([q.article_id, q.speaker.name, q.speaker.country, q.speaker.actor_id, q.direct, q.start, q.end,
                         q.cue, q.event_id, q.text])
    return buffer.getvalue()
