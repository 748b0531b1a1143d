"""The DuckDB store: articles, mentions, per-article reports and merged events.

Every write of a batch happens in one transaction (``Store.transaction``), keyed by content-derived
ids, so a re-run changes nothing and a crash leaves whole batches only. Merging is incremental: new
reports are compared only with stored reports that share a linked person and a kind of contact and a
day or an occasion (the block), and the events of
that block are rebuilt from their reports by the merge stage (``sidelines.merge.incremental``), which
reads the store through the narrow ``Candidates`` view implemented here and hands back a plan to apply.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Self

import duckdb

from sidelines.config import DEFAULT_STORE_MEMORY
from sidelines.errors import NotFound, StoreBusy, StoreError
from sidelines.merge.incremental import (
    BlockKey,
    EventSummary,
    MergePlan,
    ReportCache,
    SummaryCache,
    stored_keys,
)
from sidelines.model import Article, Event, Quote
from sidelines.pipeline import Analysis
from sidelines.store import queries
from sidelines.store.codec import dumps, event_from
from sidelines.store.outline import event_record
from sidelines.store.queries import Filters
from sidelines.store.verbal import verbal_rows

SCHEMA_VERSION = 6

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
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, family VARCHAR, role VARCHAR, record JSON, digest VARCHAR
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




def digest(record: str) -> str:
    """The MD5 of a stored record, as DuckDB's ``md5`` gives it."""
    return hashlib.md5(record.encode("utf-8")).hexdigest()


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
        rows["reports"] += [(r.id, a.id, r.family, r.sources[0].role, record, digest(record))
                            for r, record in ((r, dumps(r)) for r in analysis.reports)]
        rows["quotes"] += [(q.id, a.id, q.speaker.actor_id, dumps(q)) for q in analysis.quotes]
        rows["verbal_events"] += verbal_rows(a.id, analysis.verbal)
        rows["prospects"] += [(r.id, a.id, r.status, r.type, r.when.value, dumps(r)) for r in analysis.prospects]
        rows["report_actors"] += [(r.id, *key) for r in analysis.reports for key in stored_keys(r)]
    return rows


def _event_rows(event: Event, report_ids: list[str], record: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    where = event.where
    return {
        "events": [(event.id, event.type, event.when.value, event.when.basis, where.city if where else None,
                    where.country if where else None, event.occasion.name if event.occasion else None,
                    record if record is not None else dumps(event))],
        "event_reports": [(event.id, r) for r in report_ids],
        "event_participants": [(event.id, p.actor_id, p.name, p.country, p.kind) for p in event.participants],
    }


def _renames(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """Old event id -> new event id where every report of the old event goes to one new event that is
    no old event's id (so that no renaming feeds another)."""
    targets: dict[str, set[str | None]] = {}
    for report_id, event_id in old.items():
        targets.setdefault(event_id, set()).add(new.get(report_id))
    renames = {}
    for event_id, found in sorted(targets.items()):
        target = next(iter(found))
        if len(found) == 1 and target is not None and target not in targets:
            renames[event_id] = target
    return renames


# -- reading a file another process writes -----------------------------------------------------------

#: Private copies read while an ingest writes the file live in temporary folders named so.
READ_COPY_PREFIX = "sidelines-read-"
#: How long a reader tries to copy a file being written before it gives up with StoreBusy.
COPY_WAIT_SECONDS = 30.0
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


def is_lock_conflict(error: duckdb.Error) -> bool:
    """DuckDB refused the file because another process holds its lock (one writer, or readers only)."""
    text = str(error)
    return "Could not set lock" in text or "Conflicting lock" in text


def lock_holder(error: duckdb.Error) -> str:
    found = _LOCK_HOLDER.search(str(error))
    return f"process {found.group(1)}" if found else "another process"


def file_stamp(path: Path) -> tuple[int, int, int, int]:
    """mtime and size of a database file and of its write-ahead log: what a writer changes."""
    main = path.stat()
    try:
        wal = Path(f"{path}.wal").stat()
    except FileNotFoundError:
        return main.st_mtime_ns, main.st_size, 0, -1
    return main.st_mtime_ns, main.st_size, wal.st_mtime_ns, wal.st_size


def copy_when_still(source: Path, target: Path, wait: float) -> bool:
    """Copy ``source`` (and its write-ahead log) to ``target`` at a moment neither changed while it was
    copied, trying for up to ``wait`` seconds; False when no such moment came."""
    deadline = time.monotonic() + wait
    while True:
        try:
            before = file_stamp(source)
            shutil.copyfile(source, target)
            Path(f"{target}.wal").unlink(missing_ok=True)
            if before[3] >= 0:
                shutil.copyfile(f"{source}.wal", f"{target}.wal")
            if file_stamp(source) == before:
                return True
        except FileNotFoundError:
            pass  # the log went away in a checkpoint: try again
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def clean_stale_copies(prefix: str) -> None:
    """Delete the temporary folders ``<prefix><pid>-...`` of processes that no longer run (a reader or
    a web server killed hard leaves its copy behind; the next one clears it)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        pid = folder.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Store:
    """One DuckDB file. Open it with ``Store.open(path)``; use as a context manager to close it."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self.db = connection
        self.path = path
        self.report_cache = ReportCache()  # parsed reports for merging, between batches
        self.summaries = SummaryCache()  # events as merging needs them, between batches
        self._column_types: dict[str, list[str]] = {}  # table -> its columns' types, for inserts

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, memory: str = DEFAULT_STORE_MEMORY) -> Store:
        """The store at ``path``. A writer holds at most ``memory`` of the file's pages (``Settings.store_memory``);
        a reader keeps DuckDB's own limit, so that a large query never lacks room to run."""
        path = str(path)
        if read_only and not Path(path).exists():
            raise StoreError(path, "no such database", "run `sidelines ingest` first or give --db")
        try:
            connection = duckdb.connect(path, read_only=read_only, config={} if read_only else {"memory_limit": memory})
        except duckdb.Error as exc:
            if not is_lock_conflict(exc):
                raise StoreError(path, f"not a DuckDB database or cannot be opened ({str(exc).splitlines()[0]})") from exc
            if not read_only:
                raise StoreBusy(path, f"locked: another program is writing it ({lock_holder(exc)})") from None
            return cls._open_copy(path, lock_holder(exc))
        store = cls(connection, path)
        store._check_schema(read_only)
        return store

    @classmethod
    def _open_copy(cls, path: str, holder: str) -> Store:
        """A reader while another process writes the file: a private copy of its last committed state
        (the file and its write-ahead log, copied while neither changed), deleted on ``close``."""
        clean_stale_copies(READ_COPY_PREFIX)
        folder = Path(tempfile.mkdtemp(prefix=f"{READ_COPY_PREFIX}{os.getpid()}-"))
        target = folder / Path(path).name
        try:
            if not copy_when_still(Path(path), target, COPY_WAIT_SECONDS):
                raise StoreBusy(path, f"{holder} is writing it and it did not stay unchanged for a copy to be "
                                f"read within {COPY_WAIT_SECONDS:.0f} s")
            store = cls(duckdb.connect(str(target)), path)
            store._check_schema(False)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        store.read_copy = folder
        store.note = (f"{path} is being written by {holder}: read as it stood after its last finished batch")
        return store

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    #: The folder of the private copy read while another process writes the file (see ``_open_copy``).
    read_copy: Path | None = None
    #: What a reader should be told about what it reads (None: the file itself).
    note: str | None = None

    def close(self) -> None:
        self.db.close()
        if self.read_copy is not None:
            shutil.rmtree(self.read_copy, ignore_errors=True)

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
        if stored:  # reports stored again may say other things under the same ids
            self.summaries.clear()
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
        reports = {r.id: r for analysis in analyses for r in analysis.reports}
        for report_id, *_, stored in rows["reports"]:  # the merge stage asks for them next
            self.report_cache.put(report_id, stored, reports[report_id])
        return orphans

    def apply(self, plan: MergePlan) -> int:
        """Replace the events a merge plan drops by the ones it builds. Returns the events written.

        Only the links between events and reports that change are written: an event of a thousand
        reports that gains one gets one new link (or, when its id changes, one renaming UPDATE). The
        plan's event summaries are kept for the next batch (``summary``)."""
        if plan.before is not None:
            written = self._apply_summarised(plan)
            self._keep_summaries(plan)
            return written
        old = self._links_of(list(plan.drop))
        new = {report_id: event.id for event, members in plan.events for report_id in members}
        self._drop_event_rows(list(plan.drop))
        for before, after in _renames(old, new).items():
            self.db.execute("UPDATE event_reports SET event_id = ? WHERE event_id = ?", [after, before])
            old = {r: (after if e == before else e) for r, e in old.items()}
        stale = [r for r, e in old.items() if new.get(r) != e]
        if stale:
            self.db.execute("DELETE FROM event_reports WHERE report_id IN (SELECT unnest(?::VARCHAR[]))", [stale])
        rows: dict[str, list[tuple[Any, ...]]] = {"events": [], "event_reports": [], "event_participants": []}
        for event, members in plan.events:
            fresh = [r for r in members if old.get(r) != event.id]
            for table, table_rows in _event_rows(event, fresh, event_record(event)).items():
                rows[table] += table_rows
        self._insert_rows(rows)
        return len(plan.events)

    def _apply_summarised(self, plan: MergePlan) -> int:
        """``apply`` when the plan says which reports each dropped event held: old events wholly inside
        a new one are renamed to it, the links of the others replaced, and only new links inserted."""
        before = plan.before or {}
        self._drop_event_rows(list(plan.drop))
        absorbed: dict[str, list[str]] = {}
        inside: dict[str, frozenset[str]] = {}
        taken: set[str] = set()
        for event, members in plan.events:
            inside[event.id] = held_now = frozenset(members)
            absorbed[event.id] = [e for e, held in before.items() if e not in taken and held and held <= held_now]
            taken.update(absorbed[event.id])
        explicit = {e for e, olds in absorbed.items() if e in before and e not in olds}
        replaced = [e for e in before if e not in taken] + [o for e in explicit for o in absorbed[e]]
        if replaced:
            self.db.execute("DELETE FROM event_reports WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [replaced])
        for event_id, olds in absorbed.items():
            if event_id not in explicit:
                for old in olds:
                    if old != event_id:
                        self.db.execute("UPDATE event_reports SET event_id = ? WHERE event_id = ?", [event_id, old])
        rows: dict[str, list[tuple[Any, ...]]] = {"events": [], "event_reports": [], "event_participants": []}
        for event, members in plan.events:
            olds = [] if event.id in explicit else absorbed[event.id]
            # the links the event keeps: set differences, so an event of a thousand reports that gains
            # one costs little more than the one
            fresh = sorted(inside[event.id].difference(*(before[o] for o in olds))) if olds else list(members)
            for table, table_rows in _event_rows(event, fresh, event_record(event)).items():
                rows[table] += table_rows
        self._insert_rows(rows)
        return len(plan.events)

    def _keep_summaries(self, plan: MergePlan) -> None:
        """Keep the written events' summaries with the token of their stored links (``_tokens``)."""
        if not plan.summaries:
            return
        tokens = self._tokens([s.event_id for s in plan.summaries])
        for summary in plan.summaries:
            if summary.event_id in tokens:
                self.summaries.put(summary.event_id, tokens[summary.event_id], summary)

    def _tokens(self, event_ids: list[str]) -> dict[str, tuple[int, int]]:
        """(count, xor of hashes) of each event's stored report ids: a summary kept with the same token
        still describes the stored event."""
        rows = self.db.execute("SELECT event_id, count(*), bit_xor(hash(report_id)) FROM event_reports "
                               "WHERE event_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY event_id",
                               [event_ids]).fetchall()
        return {e: (n, h) for e, n, h in rows}

    def _links_of(self, event_ids: list[str]) -> dict[str, str]:
        """report id -> event id for the reports of ``event_ids``."""
        if not event_ids:
            return {}
        return dict(self.db.execute("SELECT report_id, event_id FROM event_reports "
                                    "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [event_ids]).fetchall())

    def _drop_event_rows(self, event_ids: list[str]) -> None:
        """The events' own rows and their participants (their links are kept for ``apply`` to diff)."""
        if event_ids:
            for table, column in (("events", "id"), ("event_participants", "event_id")):
                self.db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [event_ids])

    def _stored_ids(self, ids: list[str]) -> set[str]:
        rows = self.db.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
        return {r[0] for r in rows}

    def _insert_rows(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        for table, table_rows in rows.items():
            self._insert_many(table, table_rows)

    def _insert_many(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        """Many rows in one statement, bound as one list per column: DuckDB binds a list at once, but
        each of a thousand values of a VALUES list on its own (five times slower for a batch)."""
        if not rows:
            return
        types = self._column_types.get(table)
        if types is None:
            types = self._column_types[table] = [r[1] for r in self.db.execute(f"DESCRIBE {table}").fetchall()]
        unnested = ", ".join(f"unnest(?::{kind}[])" for kind in types)
        self.db.execute(f"INSERT INTO {table} SELECT {unnested}", [list(column) for column in zip(*rows)])

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
        """The stored reports, in id order; a report parsed for an earlier batch (same id, same stored
        record) is taken from ``report_cache``, so a block of many reports costs little to read again."""
        cached = [r for r in report_ids if r in self.report_cache]
        # The digests of the reports the cache holds, from their own column (hashing the stored
        # records, or reading them, scans the whole record column: work that grows with the store).
        rows = self.db.execute("SELECT id, digest FROM reports WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                               [cached]).fetchall() if cached else []
        found = {r: self.report_cache.get(r, stored) for r, stored in rows}
        missing = [r for r in report_ids if found.get(r) is None]
        if missing:
            for report_id, record, stored in self.db.execute("SELECT id, record, digest FROM reports WHERE id IN "
                                                             "(SELECT unnest(?::VARCHAR[]))", [missing]).fetchall():
                found[report_id] = self.report_cache.put(report_id, stored, event_from(record))
        return [found[r][0] for r in sorted(set(report_ids)) if found.get(r) is not None]  # type: ignore[index]

    def block_events(self, keys: Sequence[BlockKey], report_ids: Sequence[str]) -> tuple[list[str], list[str]]:
        """Events holding a stored report with one of ``keys`` (see ``reports_sharing``) or one of
        ``report_ids``, and those reports in no event; found in the database, so only the events'
        ids and the few loose reports come back, however many reports the events hold."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS new_keys "
                        "(actor_id VARCHAR, family VARCHAR, day VARCHAR, occasion_id VARCHAR)")
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS block_hits (report_id VARCHAR)")
        self.db.execute("DELETE FROM new_keys")
        self.db.execute("DELETE FROM block_hits")
        self._insert_many("new_keys", list(keys))
        self.db.execute("""
            INSERT INTO block_hits SELECT DISTINCT ra.report_id FROM new_keys k JOIN report_actors ra
              ON ra.actor_id = k.actor_id AND ra.family = k.family
             AND (ra.day = k.day OR ra.occasion_id = k.occasion_id)""")
        self.db.execute("INSERT INTO block_hits SELECT unnest(?::VARCHAR[])", [list(report_ids)])
        events = self.db.execute("""
            SELECT er.event_id, count(*), bit_xor(hash(er.report_id)) FROM event_reports er
             WHERE er.event_id IN (SELECT e.event_id FROM block_hits h JOIN event_reports e ON e.report_id = h.report_id)
             GROUP BY er.event_id ORDER BY er.event_id""").fetchall()
        loose = self.db.execute("""
            SELECT DISTINCT h.report_id FROM block_hits h
             WHERE NOT EXISTS (SELECT 1 FROM event_reports er WHERE er.report_id = h.report_id)
             ORDER BY h.report_id""").fetchall()
        self._block_tokens = {e: (n, h) for e, n, h in events}
        return [e for e, _, _ in events], [r[0] for r in loose]

    def summary(self, event_id: str) -> EventSummary | None:
        """The kept summary of an event when its token matches the stored links (see ``block_events``)."""
        token = getattr(self, "_block_tokens", {}).get(event_id)
        return None if token is None else self.summaries.get(event_id, token)

    def event_reports(self, event_ids: Sequence[str]) -> dict[str, list[Event]]:
        found: dict[str, list[Event]] = {e: [] for e in event_ids}
        if not found:
            return found
        rows = self.db.execute("SELECT report_id, event_id FROM event_reports WHERE event_id IN "
                               "(SELECT unnest(?::VARCHAR[]))", [list(event_ids)]).fetchall()
        event_of = dict(rows)
        for report in self.reports(sorted(event_of)):
            found[event_of[report.id]].append(report)
        return found

    def class_of(self, report: Event) -> int:
        """The merge stage's class number of a report read through ``reports`` (see ``ReportCache``)."""
        return self.report_cache.number(report)

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

    def stored_as(self, article: Article) -> tuple[str, str, str | None, str | None] | None:
        """(id, content hash, source path, analysis note) of the stored article with this id, else of
        one with the same text, else None: how a run tells a re-read, an edit, a name shared by two
        different articles, a duplicate and an article that failed before apart."""
        return self.stored_as_many([article])[article.id]

    def stored_as_many(self, articles: Sequence[Article]) -> dict[str, tuple[str, str, str | None, str | None] | None]:
        """``stored_as`` for many articles in two queries, by article id (a feed read in chunks asks
        the store once a chunk, not twice an article)."""
        if not articles:
            return {}
        ids = sorted({a.id for a in articles})
        hashes = sorted({a.content_hash for a in articles})
        columns = "id, content_hash, source_path, analysis"
        by_id = {r[0]: r for r in self.db.execute(
            f"SELECT {columns} FROM articles WHERE id IN (SELECT UNNEST(?::VARCHAR[]))", [ids]).fetchall()}
        by_text: dict[str, tuple] = {}
        for r in self.db.execute(f"SELECT {columns} FROM articles WHERE content_hash IN (SELECT UNNEST(?::VARCHAR[])) "
                                 "ORDER BY id", [hashes]).fetchall():
            by_text.setdefault(r[1], r)
        found = {}
        for a in articles:
            row = by_id.get(a.id) or by_text.get(a.content_hash)
            found[a.id] = (row[0], row[1], row[2], row[3]) if row is not None else None
        return found

    def failed_articles(self) -> list[tuple[str, str | None, str]]:
        """(id, source path, why) of each article kept as failed by an ingest (retried by the next one)."""
        rows = self.db.execute("SELECT id, source_path, analysis FROM articles WHERE analysis LIKE 'failed:%' "
                               "ORDER BY id").fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

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

    def story_days(self, article_ids: Sequence[str]) -> dict[str, date]:
        """For the undated articles that share an event with ``article_ids``: the day other reports give
        the engagement an article is about, where its own main reports give none and their events one day
        between them (see ``sidelines.ingest.story_day``)."""
        rows = self.db.execute("""
            WITH near AS (
                SELECT DISTINCT r2.article_id AS id FROM reports r
                JOIN event_reports er ON er.report_id = r.id
                JOIN event_reports er2 ON er2.event_id = er.event_id
                JOIN reports r2 ON r2.id = er2.report_id
                WHERE r.article_id IN (SELECT unnest(?::VARCHAR[])))
            SELECT r.article_id, min(e.date) FROM near
            JOIN articles a ON a.id = near.id AND a.published IS NULL
            JOIN reports r ON r.article_id = a.id AND r.role = 'main'
            JOIN event_reports er ON er.report_id = r.id
            JOIN events e ON e.id = er.event_id
            GROUP BY r.article_id
            HAVING count(json_extract_string(r.record, '$.when.value')) = 0
               AND min(e.date) = max(e.date) AND length(min(e.date)) = 10""", [list(article_ids)]).fetchall()
        return {article_id: date.fromisoformat(day) for article_id, day in rows}

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]

    def quotes(self, article_id: str | None = None) -> list[Quote]:
        """Quotes with the event they were said at (see ``queries.quotes``)."""
        return queries.quotes(self.db, None if article_id is None else [article_id])

    def mentions_of(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT record FROM mentions WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id", [list(ids)])
        return [json.loads(r[0]) for r in rows.fetchall()]
