"""Schema migrations: the ordered steps that bring an older sidelines database up to this version.

A step upgrades a database from version ``version - 1`` to ``version``. Steps hold the SQL of their
own day (never the current ``store.SCHEMA``, which moves on), and look at what is there before they
change it: every sidelines before version 2 recorded version 1, whether or not its database already
had the ``quotes`` table and the ``role`` column of ``reports``, so a step must be safe on both.

The store runs the pending steps inside the transaction that opens the database, so an upgrade
either completes or leaves the file as it was. Stored articles are never analysed again here: a
step only reshapes what is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from sidelines.errors import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    """One step: from ``version - 1`` to ``version``."""

    version: int
    summary: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


#: The tables of the first schema (version 1 as first released), for a database that has the
#: ``meta`` table but no recorded version (interrupted while it was being created).
FIRST_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, url VARCHAR, outlet VARCHAR, title VARCHAR,
    published DATE, published_basis VARCHAR, published_evidence VARCHAR, published_note VARCHAR,
    language VARCHAR, source_path VARCHAR, text VARCHAR NOT NULL, ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, type VARCHAR, role VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS reports (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, family VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS report_actors (report_id VARCHAR, actor_id VARCHAR, family VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, type VARCHAR, date VARCHAR, date_basis VARCHAR, city VARCHAR, country VARCHAR,
    occasion VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS event_reports (event_id VARCHAR, report_id VARCHAR);
CREATE TABLE IF NOT EXISTS event_participants (
    event_id VARCHAR, actor_id VARCHAR, name VARCHAR, country VARCHAR, kind VARCHAR
);
"""


def _first_schema(db: duckdb.DuckDBPyConnection) -> None:
    db.execute(FIRST_SCHEMA)


def _report_roles_and_quotes(db: duckdb.DuckDBPyConnection) -> None:
    """Version 2: ``reports.role`` (main or mentioned, read from each stored report's record) and
    the ``quotes`` table (empty: quotes of articles stored before are not known without analysing
    them again)."""
    if "role" not in columns(db, "reports"):
        # Rows are inserted by position, so the column goes where the current schema has it
        # (before ``record``): the table is rebuilt rather than altered.
        db.execute("""
            CREATE TABLE reports_v2 (
                id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, family VARCHAR, role VARCHAR, record JSON
            )""")
        db.execute("""
            INSERT INTO reports_v2
            SELECT id, article_id, family, json_extract_string(record, '$.sources[0].role'), record
            FROM reports""")
        db.execute("DROP TABLE reports")
        db.execute("ALTER TABLE reports_v2 RENAME TO reports")
    db.execute("""
        CREATE TABLE IF NOT EXISTS quotes (
            id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, speaker_actor_id VARCHAR, record JSON
        )""")


def _blocking_keys_and_verbal_events(db: duckdb.DuckDBPyConnection) -> None:
    """Version 3: ``report_actors`` carries each report's day and occasion (the keys incremental
    merging blocks on), read from the stored records; the ``verbal_events`` table."""
    if "day" not in columns(db, "report_actors"):
        db.execute("""
            CREATE TABLE report_actors_v3 (
                report_id VARCHAR, actor_id VARCHAR, family VARCHAR, day VARCHAR, occasion_id VARCHAR
            )""")
        db.execute("""
            INSERT INTO report_actors_v3
            SELECT ra.report_id, ra.actor_id, ra.family,
                   CASE WHEN json_extract_string(r.record, '$.when.precision') = 'day'
                        THEN json_extract_string(r.record, '$.when.value') END,
                   json_extract_string(r.record, '$.occasion.id')
            FROM report_actors ra LEFT JOIN reports r ON r.id = ra.report_id""")
        db.execute("DROP TABLE report_actors")
        db.execute("ALTER TABLE report_actors_v3 RENAME TO report_actors")
    db.execute("""
        CREATE TABLE IF NOT EXISTS verbal_events (
            id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, quote_id VARCHAR, date VARCHAR, cameo VARCHAR,
            source_code VARCHAR, source_country VARCHAR, target_code VARCHAR, target_country VARCHAR, record JSON
        )""")


def _prospects_and_analysis_notes(db: duckdb.DuckDBPyConnection) -> None:
    """Version 4: the ``prospects`` table (engagements planned, cancelled, postponed or declined; empty
    until articles are analysed again) and ``articles.analysis``, a note on an article that was stored
    but not analysed (null for those that were)."""
    if "analysis" not in columns(db, "articles"):
        db.execute("ALTER TABLE articles ADD COLUMN analysis VARCHAR")
    db.execute("""
        CREATE TABLE IF NOT EXISTS prospects (
            id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, status VARCHAR, type VARCHAR, date VARCHAR,
            record JSON
        )""")


def _pair_keys(db: duckdb.DuckDBPyConnection) -> None:
    """Version 5: ``report_actors`` also holds the pair keys by which an undated report and a dated one
    of the same people meet across batches (``merge.incremental.pair_keys``), computed from the stored
    reports a thousand at a time."""
    from sidelines.merge.incremental import pair_keys  # the keys of this version's merging
    from sidelines.store.codec import event_from

    db.execute("DELETE FROM report_actors WHERE starts_with(occasion_id, '@')")  # a half-done run's, if any
    ids = [r[0] for r in db.execute("SELECT id FROM reports ORDER BY id").fetchall()]
    for start in range(0, len(ids), 1000):
        chunk = db.execute("SELECT id, record FROM reports WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                           [ids[start:start + 1000]]).fetchall()
        rows = [(report_id, *key) for report_id, record in chunk for key in pair_keys(event_from(record), True)]
        if rows:
            db.executemany("INSERT INTO report_actors VALUES (?, ?, ?, ?, ?)", rows)


def _report_digests(db: duckdb.DuckDBPyConnection) -> None:
    """Version 6: ``reports.digest``, the MD5 of each report's record, so that merging checks the
    reports it holds parsed against a small column instead of hashing every stored record again."""
    if "digest" not in columns(db, "reports"):
        db.execute("ALTER TABLE reports ADD COLUMN digest VARCHAR")
    db.execute("UPDATE reports SET digest = md5(record) WHERE digest IS NULL")


#: Every step, in order; the last one's version is ``store.SCHEMA_VERSION``.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "the tables of the first schema", _first_schema),
    Migration(2, "reports.role and the quotes table", _report_roles_and_quotes),
    Migration(3, "blocking keys on report_actors and the verbal_events table", _blocking_keys_and_verbal_events),
    Migration(4, "the prospects table and articles.analysis", _prospects_and_analysis_notes),
    Migration(5, "pair keys of undated and dated reports on report_actors", _pair_keys),
    Migration(6, "reports.digest, the MD5 of each report's record", _report_digests),
)

LATEST = MIGRATIONS[-1].version


def recorded_version(db: duckdb.DuckDBPyConnection, path: str) -> int | None:
    """The schema version a database records: None for a file with no tables yet, 0 for a
    sidelines database that never recorded one; a file of another program is refused."""
    tables = {r[0] for r in db.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not tables:
        return None
    if "meta" not in tables:
        raise StoreError(path, "a DuckDB file that is not a sidelines database")
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        raise StoreError(path, "a DuckDB file that is not a sidelines database (its meta table is another's)"
                         ) from None
    if row is None:
        return 0
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise StoreError(path, f"the recorded schema version {row[0]!r} is not a number",
                         "the file was changed by another program; give another --db") from None


def pending(version: int, steps: tuple[Migration, ...] | None = None) -> list[Migration]:
    """The steps a database of ``version`` still needs, in order."""
    return [step for step in (MIGRATIONS if steps is None else steps) if step.version > version]


def migrate(db: duckdb.DuckDBPyConnection, version: int | None, schema: str, latest: int) -> list[Migration]:
    """In one transaction: the steps a database of ``version`` (None: a new file) still needs, then
    ``schema`` (the current one: what is missing is created) and the ``latest`` version recorded.
    Any failure rolls it all back and is raised."""
    db.execute("BEGIN TRANSACTION")
    try:
        applied = upgrade(db, version) if version is not None else []
        db.execute(schema)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(latest)])
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return applied


def upgrade(db: duckdb.DuckDBPyConnection, version: int) -> list[Migration]:
    """Apply the pending steps to ``db`` (the caller holds the transaction); returns them."""
    todo = pending(version)
    for step in todo:
        step.apply(db)
    return todo


def columns(db: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = db.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                      "ORDER BY ordinal_position", [table]).fetchall()
    return [r[0] for r in rows]
