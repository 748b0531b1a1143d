"""Schema migrations: a database made by an older schema is upgraded in place, keeping everything it
held; a newer one is refused; an upgrade that fails changes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from sidelines.errors import StoreError
from sidelines.export.events import quotes_to_json, to_json
from sidelines.ingest.run import ingest
from sidelines.store import SCHEMA_VERSION, Store, migrations
from tests.reliability.conftest import GOOD, PRIOR, stored

#: The schema before version 2: no ``quotes`` table and no ``role`` column in ``reports``.
V0_SCHEMA = "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);\n" + migrations.FIRST_SCHEMA + """
CREATE INDEX IF NOT EXISTS report_actors_actor ON report_actors (actor_id);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash);
CREATE INDEX IF NOT EXISTS event_reports_report ON event_reports (report_id);
CREATE INDEX IF NOT EXISTS event_participants_event ON event_participants (event_id);
"""

V0_TABLES = ("articles", "mentions", "reports", "report_actors", "events", "event_reports", "event_participants")


@pytest.fixture(scope="module")
def current(tmp_path_factory, analyser) -> Path:
    """A database of this version holding one article (its events are what the old one must keep)."""
    folder = tmp_path_factory.mktemp("current")
    (folder / "prior.txt").write_text(PRIOR, encoding="utf-8")
    db = folder / "current.duckdb"
    with Store.open(db) as store:
        assert ingest([folder / "prior.txt"], store, analyser).stored == 1
    return db


def make_v0(current: Path, path: Path, version: str | None) -> Path:
    """The same content in a database of the old schema, recording ``version`` (None: no row)."""
    with duckdb.connect(str(path)) as old:
        old.execute(V0_SCHEMA)
        old.execute(f"ATTACH '{current}' AS cur (READ_ONLY)")
        for table in V0_TABLES:
            columns = {"reports": "id, article_id, family, record",
                       "report_actors": "report_id, actor_id, family",
                       "articles": "* EXCLUDE (analysis)"}.get(table, "*")
            keys_of_old = " WHERE NOT starts_with(coalesce(occasion_id, ''), '@')" if table == "report_actors" else ""
            old.execute(f"INSERT INTO {table} SELECT {columns} FROM cur.{table}{keys_of_old}")  # no pair keys then
        if version is not None:
            old.execute("INSERT INTO meta VALUES ('schema_version', ?)", [version])
        old.execute("DETACH cur")
    return path


def dump(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
        return {t: connection.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}


def columns(db: Path, table: str) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return migrations.columns(connection, table)


def test_the_steps_lead_one_by_one_to_this_version():
    assert [m.version for m in migrations.MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    assert migrations.LATEST == SCHEMA_VERSION
    assert [m.version for m in migrations.pending(1)] == list(range(2, SCHEMA_VERSION + 1))
    assert migrations.pending(SCHEMA_VERSION) == []


@pytest.mark.parametrize("version", ["1", "0", None], ids=["recorded-1", "recorded-0", "no-version-row"])
def test_an_old_database_is_upgraded_in_place_when_read(cli, current, tmp_path, version):
    """`sidelines export` (a read-only command) upgrades the file and exports the same events."""
    old = make_v0(current, tmp_path / "old.duckdb", version)
    assert "role" not in columns(old, "reports")
    exported = cli("export", "--db", old, "--format", "json")
    assert exported.exit_code == 0, exported.stderr
    with Store.open(current, read_only=True) as store:
        assert exported.stdout == to_json(store.events())
        roles = store.db.execute("SELECT id, role FROM reports ORDER BY id").fetchall()
    with Store.open(old, read_only=True) as store:
        assert store.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
        assert store.db.execute("SELECT id, role FROM reports ORDER BY id").fetchall() == roles
        assert store.quotes() == []  # the table is there (quotes of old articles are not known)
    assert columns(old, "reports") == columns(current, "reports")
    assert set(dump(old)) == set(dump(current))


def test_an_old_database_takes_new_articles_after_the_upgrade(cli, current, tmp_path):
    old = make_v0(current, tmp_path / "old.duckdb", "1")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(GOOD, encoding="utf-8")
    run = cli("ingest", inbox, "--db", old)
    assert run.exit_code == 0, run.stderr
    assert stored(old, "good") is not None and stored(old, "prior") is not None
    with Store.open(old, read_only=True) as store:
        rows = store.db.execute("SELECT article_id, role, json_extract_string(record, '$.sources[0].role') "
                                "FROM reports ORDER BY article_id, id").fetchall()
        quotes = json.loads(quotes_to_json(store.quotes()))
    assert {a for a, _, _ in rows} == {"good", "prior"}
    assert all(role == from_record and role in ("main", "mentioned") for _, role, from_record in rows)
    assert any(q["article_id"] == "good" for q in quotes)  # "Jaishankar said that ..." is stored


def test_a_sidelines_database_interrupted_while_it_was_created_is_completed(tmp_path):
    db = tmp_path / "half.duckdb"
    with duckdb.connect(str(db)) as connection:
        connection.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    with Store.open(db) as store:
        assert store.counts()["articles"] == 0 and store.quotes() == []


@pytest.mark.parametrize("command", [["ingest", "{inbox}"], ["events"]])
def test_a_database_of_a_newer_sidelines_is_refused_and_left_alone(cli, current, tmp_path, command):
    db = tmp_path / "newer.duckdb"
    db.write_bytes(current.read_bytes())
    with duckdb.connect(str(db)) as connection:
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    before = dump(db)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(GOOD, encoding="utf-8")
    run = cli(*[arg.format(inbox=inbox) for arg in command], "--db", db)
    assert run.exit_code == 2
    line = run.error_about("newer.duckdb")
    assert line["code"] == "E030" and f"schema version {SCHEMA_VERSION + 1} is newer" in line["cause"]
    assert "upgrade sidelines" in line["fix"]
    assert dump(db) == before


def test_a_schema_version_that_is_not_a_number_is_refused(current, tmp_path):
    db = tmp_path / "odd.duckdb"
    db.write_bytes(current.read_bytes())
    with duckdb.connect(str(db)) as connection:
        connection.execute("UPDATE meta SET value = 'two' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="E030: .*odd.duckdb: the recorded schema version 'two' is not a number"):
        Store.open(db)


def test_an_upgrade_that_fails_changes_nothing(current, tmp_path, monkeypatch):
    old = make_v0(current, tmp_path / "old.duckdb", "1")
    before = dump(old)
    real = migrations.MIGRATIONS[-1]

    def half_done(db: duckdb.DuckDBPyConnection) -> None:
        real.apply(db)  # the step's work is done ... and then something goes wrong
        db.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS[:-1],
                                                   migrations.Migration(real.version, real.summary, half_done)))
    for read_only in (False, True):
        with pytest.raises(StoreError, match="could not be upgraded to") as failed:
            Store.open(old, read_only=read_only)
        assert str(failed.value).startswith(f"E030: {old}: schema version 1 ")
        assert dump(old) == before
    monkeypatch.undo()
    with Store.open(old) as store:  # the real steps still upgrade it afterwards
        assert store.counts()["articles"] == 1


def test_a_version_4_database_gets_the_pair_keys_of_its_stored_reports(current, tmp_path):
    old = tmp_path / "v4.duckdb"
    shutil.copy(current, old)
    with duckdb.connect(str(old)) as connection:
        keys = connection.execute("SELECT * FROM report_actors WHERE starts_with(occasion_id, '@') ORDER BY ALL").fetchall()
        connection.execute("DELETE FROM report_actors WHERE starts_with(occasion_id, '@')")
        connection.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    assert keys  # the dated meeting of two known leaders is found by an undated report of them
    with Store.open(old, read_only=True) as store:
        assert store.db.execute(
            "SELECT * FROM report_actors WHERE starts_with(occasion_id, '@') ORDER BY ALL").fetchall() == keys
