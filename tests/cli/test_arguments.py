"""Arguments a user can get wrong, and reading while an ingest writes: always one line, never a
traceback, never an arbitrary event."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sidelines.cli import app
from sidelines.store.database import READ_COPY_PREFIX
from tests.web.conftest import build_events, write_db

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    events = build_events()
    twins = [replace(events[0], id="abcd1234-one"), replace(events[1], id="abcd1234-two")]
    return write_db(tmp_path_factory.mktemp("args") / "a.duckdb", events + twins)


def _one_line_error(args: list[str], code: str) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{code}: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize("command", ["events", "prospects"])
@pytest.mark.parametrize("limit", ["-1", "99999999999999999999"])
def test_a_negative_or_huge_limit_is_one_line(db, command, limit):
    line = _one_line_error([command, "--db", str(db), "--limit", limit], "E051")
    assert f"limit={limit}" in line


def test_a_zero_limit_is_an_empty_table(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--limit", "0"])
    assert result.exit_code == 0 and "0 engagements" in result.output


@pytest.mark.parametrize("since", ["2024-13-01", "2023-02-29", "last week", "2024-1", "'; DROP TABLE events; --"])
def test_a_malformed_date_is_one_line(db, since):
    assert "not a date" in _one_line_error(["events", "--db", str(db), "--since", since], "E051")


@pytest.mark.parametrize("since", ["2022", "2022-11", "2022-11-15"])
def test_a_year_month_or_day_is_a_date(db, since):
    assert runner.invoke(app, ["events", "--db", str(db), "--since", since]).exit_code == 0


def test_export_to_a_missing_folder_or_to_a_folder_is_one_line(db, tmp_path):
    missing = tmp_path / "no-such-folder" / "events.json"
    assert "does not exist" in _one_line_error(["export", "--db", str(db), "--out", str(missing)], "E052")
    assert "is a folder" in _one_line_error(["export", "--db", str(db), "--out", str(tmp_path)], "E052")
    assert "is a folder" in _one_line_error(["export", "--db", str(db), "--format", "parquet", "--out",
                                             str(tmp_path)], "E052")
    assert not missing.parent.exists()


@pytest.mark.parametrize("event_id, code", [("%", "E050"), ("", "E051"), ("  ", "E051"), ("abcd", "E051"),
                                            ("e-b%", "E050"), ("_", "E050")])
def test_show_never_picks_an_arbitrary_event(db, event_id, code):
    _one_line_error(["show", event_id, "--db", str(db)], code)


def test_show_takes_a_unique_beginning(db):
    result = runner.invoke(app, ["show", "abcd1234-o", "--db", str(db)])
    assert result.exit_code == 0 and result.output.startswith("event abcd1234-one")


WRITER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("BEGIN")
con.execute("DELETE FROM events")
print("writing", flush=True)
time.sleep(30)
"""


def test_a_read_during_a_write_reads_the_last_committed_state(db, tmp_path):
    path = tmp_path / "busy.duckdb"
    path.write_bytes(db.read_bytes())
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        read = runner.invoke(app, ["events", "--db", str(path)])
        assert read.exit_code == 0, read.output
        assert "8 engagements" in read.stdout  # the uncommitted delete is not seen
        assert "is being written by process" in read.stderr and "last finished batch" in read.stderr
        assert "not a DuckDB database" not in read.output and "move the file" not in read.output
        shown = runner.invoke(app, ["show", "e-bali", "--db", str(path)])
        assert shown.exit_code == 0 and shown.stdout.startswith("event e-bali")
        line = _one_line_error(["ingest", str(tmp_path / "nothing.txt"), "--db", str(path)], "E030")
        assert "locked" in line and "move the file" not in line
    finally:
        writer.kill()
        writer.wait()
    assert not list(Path(tempfile.gettempdir()).glob(f"{READ_COPY_PREFIX}{os.getpid()}-*"))
