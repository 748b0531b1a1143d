"""Where verbal events live: a ``verbal_events`` table beside ``quotes``, one row per event, keyed by
its content-derived id, replaced article by article so that re-ingesting an article changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterable

import duckdb

from sidelines.coding.verbal import VerbalEvent

VERBAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS verbal_events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, quote_id VARCHAR, date VARCHAR, cameo VARCHAR,
    source_code VARCHAR, source_country VARCHAR, target_code VARCHAR, target_country VARCHAR, record JSON
);
CREATE INDEX IF NOT EXISTS verbal_events_article ON verbal_events (article_id);
"""


def ensure_table(db: duckdb.DuckDBPyConnection) -> None:
    db.execute(VERBAL_SCHEMA)


def verbal_rows(article_id: str, events: Iterable[VerbalEvent]) -> list[tuple]:
    """The ``verbal_events`` rows of one article's verbal events."""
    return [(e.id, article_id, e.quote_id, e.date, e.cameo, e.source.code, e.source.country,
             e.target.code if e.target else None, e.target.country if e.target else None,
             json.dumps(e.to_dict(), ensure_ascii=False)) for e in events]


def save_verbal(db: duckdb.DuckDBPyConnection, article_id: str, events: Iterable[VerbalEvent]) -> int:
    """Replace one article's verbal events (call inside the store's transaction for that article)."""
    db.execute("DELETE FROM verbal_events WHERE article_id = ?", [article_id])
    rows = verbal_rows(article_id, events)
    if rows:
        db.executemany("INSERT OR REPLACE INTO verbal_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def load_verbal(db: duckdb.DuckDBPyConnection) -> list[VerbalEvent]:
    """Every stored verbal event, oldest article first; none when the table does not exist yet."""
    exists = db.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'verbal_events'").fetchone()
    if not exists or not exists[0]:
        return []
    rows = db.execute("SELECT record FROM verbal_events ORDER BY article_id, id").fetchall()
    return [VerbalEvent.from_dict(json.loads(r[0])) for r in rows]
