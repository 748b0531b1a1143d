"""The DuckDB store: articles, mentions, per-article reports and merged events.

Every write of a batch happens in one transaction (``Store.transaction``), keyed by content-derived
ids, so a re-run changes nothing and a crash leaves whole batches only. Merging is incremental: new
reports are compared only with stored reports that share a linked person and a kind of contact and a
day or an occasion (the block), and the events of
that block are rebuilt from their reports by the merge stage (``sidelines.merge.incremental``), which
reads the store through the narrow ``Candidates`` view implemented here and hands back a plan to apply.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import duckdb

from sidelines.errors import NotFound, StoreError
from sidelines.merge.cluster import linked_people
from sidelines.merge.incremental import BlockKey, MergePlan, report_keys
from sidelines.model import Article, Event, Quote
from sidelines.pipeline import Analysis
from sidelines.store import queries
from sidelines.store.codec import dumps, event_from
from sidelines.store.queries import Filters
from sidelines.store.verbal import verbal_rows

SCHEMA_VERSION = 4

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, url VARCHAR, outlet VARCHAR, title VARCHAR,
    published DATE, published_basis VARCHAR, published_evidence VARCHAR, published_note VARCHAR,
    language VARCHAR, source_path VARCHAR, text VARCHAR NOT NULL, ingested_at TIMESTAMP, analysis VARCHAR
);
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, type VARCHAR, role VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS reports (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, family VARCHAR, role VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, speaker_actor_id VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS report_actors (
    report_id VARCHAR, actor_id VARCHAR, family VARCHAR, day VARCHAR, occasion_id VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, type VARCHAR, date VARCHAR, date_basis VARCHAR, city VARCHAR, country VARCHAR,
    occasion VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS event_reports (event_id VARCHAR, report_id VARCHAR);
CREATE TABLE IF NOT EXISTS event_participants (
    event_id VARCHAR, actor_id VARCHAR, name VARCHAR, country VARCHAR, kind VARCHAR
);
CREATE TABLE IF NOT EXISTS verbal_events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, quote_id VARCHAR, date VARCHAR, cameo VARCHAR,
    source_code VARCHAR, source_country VARCHAR, target_code VARCHAR, target_country VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS prospects (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, status VARCHAR, type VARCHAR, date VARCHAR, record JSON
);
CREATE INDEX IF NOT EXISTS verbal_events_article ON verbal_events (article_id);
CREATE INDEX IF NOT EXISTS report_actors_actor ON report_actors (actor_id);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash);
CREATE INDEX IF NOT EXISTS event_reports_report ON event_reports (report_id);
CREATE INDEX IF NOT EXISTS event_participants_event ON event_participants (event_id);
"""

TABLES = ("articles", "mentions", "reports", "report_actors", "events", "event_reports", "event_participants",
          "quotes", "verbal_events", "prospects")




def _article_rows(analyses: Sequence[Analysis]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row a batch of analysed articles adds, table by table (inserted a table at a time)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in ("articles", "mentions", "reports", "quotes",
                                                              "verbal_events", "report_actors", "prospects")}
    for analysis in analyses:
        a = analysis.article
        rows["articles"].append((a.id, a.content_hash, a.url, a.outlet, a.title, a.published, a.published_basis,
                                 a.published_evidence, analysis.published_note, a.language, a.source_path, a.text,
                                 now, analysis.note))
        rows["mentions"] += [(m.id, m.article_id, m.type, m.role, dumps(m)) for m in analysis.mentions]
        rows["reports"] += [(r.id, a.id, r.family, r.sources[0].role, dumps(r)) for r in analysis.reports]
        rows["quotes"] += [(q.id, a.id, q.speaker.actor_id, dumps(q)) for q in analysis.quotes]
        rows["verbal_events"] += verbal_rows(a.id, analysis.verbal)
        rows["prospects"] += [(r.id, a.id, r.status, r.type, r.when.value, dumps(r)) for r in analysis.prospects]
        rows["report_actors"] += [(r.id, actor, r.family, *report_keys(r)) for r in analysis.reports
                                  for actor in sorted(linked_people(r.participants))]
    return rows


def _event_rows(event: Event, report_ids: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    where = event.where
    return {
        "events": [(event.id, event.type, event.when.value, event.when.basis, where.city if where else None,
                    where.country if where else None, event.occasion.name if event.occasion else None,
                    dumps(event))],
        "event_reports": [(event.id, r) for r in report_ids],
        "event_participants": [(event.id, p.actor_id, p.name, p.country, p.kind) for p in event.participants],
    }


class Store:
    """One DuckDB file. Open it with ``Store.open(path)``; use as a context manager to close it."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self.db = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Store:
        path = str(path)
        if read_only and not Path(path).exists():
            raise StoreError(path, "no such database", "run `sidelines ingest` first or give --db")
        try:
            connection = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(path, f"not a DuckDB database or cannot be opened ({str(exc).splitlines()[0]})") from exc
        store = cls(connection, path)
        store._check_schema(read_only)
        return store

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _check_schema(self, read_only: bool) -> None:
        """Refuse a file that is not a sidelines database or comes from a newer sidelines; bring an
        older one up to SCHEMA_VERSION in place, in one transaction (the steps are in
        ``sidelines.store.migrations``), so an upgrade either completes or changes nothing. A refused file
        is closed again at once."""
        from sidelines.store import migrations

        try:
            version = migrations.recorded_version(self.db, self.path)
            if version is not None and version > SCHEMA_VERSION:
                raise StoreError(self.path, f"schema version {version} is newer than this sidelines ({SCHEMA_VERSION})",
                                 "upgrade sidelines, or give another --db")
            if version == SCHEMA_VERSION:
                return
            if read_only:  # an older file that is only read is upgraded through a writer first
                self.db.close()
                try:
                    self.db = duckdb.connect(self.path)
                except duckdb.Error as exc:
                    raise StoreError(self.path, f"schema version {version} is older than this sidelines "
                                     f"({SCHEMA_VERSION}) and cannot be upgraded now ({str(exc).splitlines()[0]})",
                                     "open it once with write access (`sidelines ingest --db FILE ...`)") from exc
            try:
                migrations.migrate(self.db, version, SCHEMA, SCHEMA_VERSION)
            except duckdb.Error as exc:
                raise StoreError(self.path, f"schema version {version} could not be upgraded to {SCHEMA_VERSION} "
                                 f"({str(exc).splitlines()[0]})",
                                 "nothing was changed; keep the file and report this as a bug") from exc
            if read_only:
                self.db.close()
                self.db = duckdb.connect(self.path, read_only=True)
        except BaseException:
            self.db.close()
            raise

    # -- writing ---------------------------------------------------------------------------------

    def known(self, article: Article) -> str:
        """'new', 'same' (already stored, nothing to do) or 'changed' (same id, other text)."""
        row = self.db.execute("SELECT content_hash FROM articles WHERE id = ?", [article.id]).fetchone()
        if row is None:
            duplicate = self.db.execute("SELECT 1 FROM articles WHERE content_hash = ?", [article.content_hash]).fetchone()
            return "same" if duplicate else "new"
        return "same" if row[0] == article.content_hash else "changed"

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: everything inside is stored, or (on any error or interruption) nothing."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(self.path, f"the batch was not written ({str(exc).splitlines()[0]})",
                             "nothing of this batch was stored; report this as a bug") from exc
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def add(self, analyses: Sequence[Analysis], keep_articles: bool = False) -> set[str]:
        """Store analysed articles, replacing what an article stored before (its text changed, or it is
        analysed again). Returns the other reports whose events must be rebuilt. Call inside
        ``transaction()`` and hand the new reports to the merge stage before it ends. With
        ``keep_articles`` the articles' own rows stay as they are and only what was derived is replaced."""
        orphans: set[str] = set()
        stored = self._stored_ids([a.article.id for a in analyses])
        for analysis in analyses:
            if analysis.article.id in stored:
                orphans |= self._forget_article(analysis.article.id, keep_article=keep_articles)
        rows = _article_rows(analyses)
        if keep_articles:
            for analysis in analyses:
                if analysis.article.id in stored:
                    self.db.execute("UPDATE articles SET published_note = ? WHERE id = ?",
                                    [analysis.published_note, analysis.article.id])
            rows["articles"] = [r for r in rows["articles"] if r[0] not in stored]
        self._insert_rows(rows)
        return orphans

    def apply(self, plan: MergePlan) -> int:
        """Replace the events a merge plan drops by the ones it builds. Returns the events written."""
        self._drop_events(list(plan.drop))
        rows: dict[str, list[tuple[Any, ...]]] = {"events": [], "event_reports": [], "event_participants": []}
        for event, members in plan.events:
            for table, table_rows in _event_rows(event, list(members)).items():
                rows[table] += table_rows
        self._insert_rows(rows)
        return len(plan.events)

    def _stored_ids(self, ids: list[str]) -> set[str]:
        rows = self.db.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
        return {r[0] for r in rows}

    def _insert_rows(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        for table, table_rows in rows.items():
            self._insert_many(table, table_rows)

    def _insert_many(self, table: str, rows: list[tuple[Any, ...]], chunk: int = 400) -> None:
        """Many rows in few statements: DuckDB is slow at one small INSERT per row."""
        for start in range(0, len(rows), chunk):
            part = rows[start:start + chunk]
            marks = "(" + ", ".join("?" * len(part[0])) + ")"
            self.db.execute(f"INSERT INTO {table} VALUES {', '.join([marks] * len(part))}",
                            [value for row in part for value in row])

    def _forget_article(self, article_id: str, keep_article: bool = False) -> set[str]:
        """Drop an article's rows before it is stored again (its text changed); returns the other
        reports whose events must be rebuilt."""
        reports = [r[0] for r in self.db.execute("SELECT id FROM reports WHERE article_id = ?", [article_id]).fetchall()]
        others: set[str] = set()
        if reports:
            events = self._events_of(reports)
            others = {r[0] for r in self.db.execute(
                "SELECT report_id FROM event_reports WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [events]).fetchall()}
            self._drop_events(events)
            self.db.execute("DELETE FROM report_actors WHERE report_id IN (SELECT unnest(?::VARCHAR[]))", [reports])
        tables = [("reports", "article_id"), ("mentions", "article_id"), ("quotes", "article_id"),
                  ("verbal_events", "article_id"), ("prospects", "article_id")] + ([] if keep_article else [("articles", "id")])
        for table, column in tables:
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", [article_id])
        return others - set(reports)

    def _events_of(self, report_ids: list[str]) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT event_id FROM event_reports WHERE report_id IN (SELECT unnest(?::VARCHAR[]))",
                               [report_ids]).fetchall()
        return [r[0] for r in rows]

    # -- what the merge stage reads (sidelines.merge.incremental.Candidates) ----------------------

    def reports_sharing(self, keys: Sequence[BlockKey]) -> set[str]:
        """Stored reports with one of ``keys``: a shared linked person, the same kind of contact, and
        the same day or the same occasion. Looked up by those keys, so the work per new report does
        not grow with the database."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS new_keys "
                        "(actor_id VARCHAR, family VARCHAR, day VARCHAR, occasion_id VARCHAR)")
        self.db.execute("DELETE FROM new_keys")
        self._insert_many("new_keys", list(keys))
        rows = self.db.execute("""
            SELECT DISTINCT ra.report_id FROM new_keys k JOIN report_actors ra
              ON ra.actor_id = k.actor_id AND ra.family = k.family
             AND (ra.day = k.day OR ra.occasion_id = k.occasion_id)""").fetchall()
        return {r[0] for r in rows}

    def event_links(self, report_ids: Sequence[str]) -> list[tuple[str, str]]:
        return [(e, r) for e, r in self.db.execute("""
            SELECT event_id, report_id FROM event_reports WHERE event_id IN (
                SELECT event_id FROM event_reports WHERE report_id IN (SELECT unnest(?::VARCHAR[])))""",
                                                   [list(report_ids)]).fetchall()]

    def reports(self, report_ids: Sequence[str]) -> list[Event]:
        return [event_from(r[0]) for r in self.db.execute(
            "SELECT record FROM reports WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id",
            [list(report_ids)]).fetchall()]

    def _drop_events(self, event_ids: list[str]) -> None:
        if event_ids:
            for table, column in (("events", "id"), ("event_reports", "event_id"), ("event_participants", "event_id")):
                self.db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [event_ids])

    # -- reading ---------------------------------------------------------------------------------

    def events(self, filters: Filters | None = None, limit: int | None = None) -> list[Event]:
        return queries.stored_events(self.db, filters, limit)

    def prospects(self, status: str | None = None, actor: str | None = None, limit: int | None = None) -> list[Event]:
        return queries.prospects(self.db, status, actor, limit)

    def event(self, event_id: str) -> Event:
        found = queries.find_event(self.db, event_id)
        if found is None:
            raise NotFound(event_id, "no such event")
        return found

    def article(self, article_id: str) -> dict[str, Any] | None:
        cursor = self.db.execute("SELECT * FROM articles WHERE id = ?", [article_id])
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row))

    def article_ids(self, since: str | None = None, article_id: str | None = None) -> list[str]:
        """Ids of stored articles, in id order: all, those published on or after ``since``, or one."""
        rows = self.db.execute(
            "SELECT id FROM articles WHERE (? IS NULL OR id = ?) AND (? IS NULL OR published >= TRY_CAST(? AS DATE)) "
            "ORDER BY id", [article_id, article_id, since, since]).fetchall()
        return [r[0] for r in rows]

    def stored_articles(self, ids: Sequence[str]) -> list[Article]:
        """The articles with these ids as they were read (text, title, metadata), in id order."""
        rows = self.db.execute(
            "SELECT id, text, title, url, outlet, published, published_basis, published_evidence, language, "
            "source_path FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id", [list(ids)]).fetchall()
        return [Article(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]

    def quotes(self, article_id: str | None = None) -> list[Quote]:
        """Quotes with the event they were said at (see ``queries.quotes``)."""
        return queries.quotes(self.db, None if article_id is None else [article_id])

    def mentions_of(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT record FROM mentions WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id", [list(ids)])
        return [json.loads(r[0]) for r in rows.fetchall()]
