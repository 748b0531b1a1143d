"""Ingesting the same input twice leaves the database identical: the exported events byte for byte,
and every row of every table."""

from __future__ import annotations

import json

import duckdb

from sidelines.store import TABLES
from tests.reliability.conftest import GOOD, SAMPLES


def dump(db) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    with duckdb.connect(str(db), read_only=True) as connection:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
                for table in (*TABLES, "meta")}


def test_ingesting_the_same_input_twice_leaves_the_database_identical(cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "feed-1", "outlet": "Example Wire", "published": "2022-11-08",
                                "text": GOOD.split("\n\n", 1)[1]}) + "\n" + "{broken\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    first = cli("ingest", SAMPLES, feed, "--db", db)
    assert first.exit_code == 1 and first.error_about("feed.jsonl:2")["code"] == "E014"
    export = tmp_path / "first.json"
    assert cli("export", "--db", db, "--format", "json", "--out", export).exit_code == 0
    quotes = cli("export", "--db", db, "--table", "quotes", "--format", "json").stdout
    before = dump(db)

    second = cli("ingest", SAMPLES, feed, "--db", db)
    assert second.exit_code == 1
    assert second.summary()["stored"] == 0 and second.summary()["skipped as duplicate"] == first.summary()["read"]
    again = tmp_path / "second.json"
    assert cli("export", "--db", db, "--format", "json", "--out", again).exit_code == 0

    assert again.read_bytes() == export.read_bytes()
    assert cli("export", "--db", db, "--table", "quotes", "--format", "json").stdout == quotes
    assert dump(db) == before
    assert json.loads(export.read_text())  # there were events to compare
