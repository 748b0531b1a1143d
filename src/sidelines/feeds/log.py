"""The fetch record, in the store's own DuckDB file: what was fetched, when, and what came of it.

One row per URL (a feed or a page): the validators for the next conditional request, a hash of
the content, the status, and for a page the article it became or the reason it did not. A page
with a row is not fetched again unless its failure was transient (a timeout, a 5xx) and it has
been tried fewer than ``max_attempts`` times; so a restart picks up where the last run stopped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

import duckdb

from sidelines.errors import InputError
from sidelines.ingest.fetch import Fetched, Validators

Kind = Literal["feed", "page"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS fetch_log (
    url VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, feed_url VARCHAR, feed_date DATE, final_url VARCHAR,
    etag VARCHAR, last_modified VARCHAR, content_hash VARCHAR, status INTEGER, error VARCHAR,
    transient BOOLEAN NOT NULL DEFAULT FALSE, attempts INTEGER NOT NULL DEFAULT 0, article_id VARCHAR,
    fetched_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS fetch_log_feed ON fetch_log (feed_url);
"""

COLUMNS = ("url", "kind", "feed_url", "feed_date", "final_url", "etag", "last_modified", "content_hash", "status",
           "error", "transient", "attempts", "article_id", "fetched_at")


@dataclass(frozen=True, slots=True)
class FetchRecord:
    url: str
    kind: str
    feed_url: str | None
    feed_date: date | None
    final_url: str | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    status: int | None
    error: str | None
    transient: bool
    attempts: int
    article_id: str | None
    fetched_at: datetime

    @property
    def validators(self) -> Validators:
        return Validators(self.etag, self.last_modified)

    def settled(self, max_attempts: int) -> bool:
        """Done with: fetched, failed for good, or failed too often."""
        return self.error is None or not self.transient or self.attempts >= max_attempts


@dataclass(frozen=True, slots=True)
class Pending:
    """A feed entry's page still to be fetched, with the date the feed gave it."""

    url: str
    feed_date: date | None = None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


class FetchLog:
    """The ``fetch_log`` table of a store's connection (``store.db``)."""

    def __init__(self, db: duckdb.DuckDBPyConnection) -> None:
        self.db = db
        self.db.execute(SCHEMA)

    def get(self, url: str) -> FetchRecord | None:
        row = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM fetch_log WHERE url = ?", [url]).fetchone()
        return FetchRecord(*row) if row else None

    def needs_fetch(self, url: str, max_attempts: int) -> bool:
        record = self.get(url)
        return record is None or not record.settled(max_attempts)

    def pending(self, feed_url: str, max_attempts: int) -> list[Pending]:
        """Pages of a feed whose last try failed for a reason that may pass, oldest first."""
        rows = self.db.execute(
            "SELECT url, feed_date FROM fetch_log WHERE feed_url = ? AND kind = 'page' AND error IS NOT NULL "
            "AND transient AND attempts < ? ORDER BY fetched_at, url", [feed_url, max_attempts]).fetchall()
        return [Pending(url, day) for url, day in rows]

    def fetched(self, url: str, kind: Kind, fetched: Fetched, *, article_id: str | None = None,
                feed_url: str | None = None, feed_date: date | None = None) -> None:
        """A success: keep the validators and the content hash, forget earlier failures."""
        self._put(url=url, kind=kind, feed_url=feed_url, feed_date=feed_date, final_url=fetched.final_url,
                  etag=fetched.etag, last_modified=fetched.last_modified, content_hash=content_hash(fetched.content),
                  status=fetched.status, error=None, transient=False, attempts=0, article_id=article_id)

    def not_modified(self, url: str) -> None:
        self.db.execute("UPDATE fetch_log SET status = 304, fetched_at = ? WHERE url = ?", [_now(), url])

    def failed(self, url: str, kind: Kind, error: InputError, *, feed_url: str | None = None,
               feed_date: date | None = None) -> None:
        """A failure: its reason, whether it may pass, and one more attempt counted.

        The validators of an earlier success are kept, so a feed that failed once is still
        asked for conditionally next time.
        """
        before = self.get(url)
        self._put(url=url, kind=kind, feed_url=feed_url or (before.feed_url if before else None),
                  feed_date=feed_date or (before.feed_date if before else None),
                  final_url=before.final_url if before else None, etag=before.etag if before else None,
                  last_modified=before.last_modified if before else None,
                  content_hash=before.content_hash if before else None, status=getattr(error, "status", None),
                  error=str(error), transient=bool(getattr(error, "transient", False)),
                  attempts=(before.attempts if before else 0) + 1, article_id=None)

    def records(self, kind: Kind | None = None) -> list[FetchRecord]:
        where, args = ("WHERE kind = ?", [kind]) if kind else ("", [])
        rows = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM fetch_log {where} ORDER BY url", args).fetchall()
        return [FetchRecord(*row) for row in rows]

    def _put(self, **values: Any) -> None:
        values["fetched_at"] = _now()
        self.db.execute(f"INSERT OR REPLACE INTO fetch_log ({', '.join(COLUMNS)}) VALUES "
                        f"({', '.join('?' for _ in COLUMNS)})", [values[c] for c in COLUMNS])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
