"""The command line on real files: ingest, events, show, export, and one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sidelines.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "articles"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "s.duckdb"
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert re.search(r"read \d+, skipped as duplicate 0, failed 0", result.output)
    return path


def test_events_lists_engagements_with_filters(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--country", "RUS", "--type", "MEET"])
    assert result.exit_code == 0
    assert "Putin" in result.output and "Kishida" not in result.output


def test_export_json_follows_the_contract(db, tmp_path):
    out = tmp_path / "e.json"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0
    events = json.loads(out.read_text())
    assert events and {"id", "type", "cameo", "participants", "date", "date_basis", "location", "occasion",
                       "sources"} <= set(events[0])
    source = events[0]["sources"][0]
    assert {"article_id", "outlet", "role", "evidence"} <= set(source)
    assert all(p["country"] is None or len(p["country"]) == 3 for e in events for p in e["participants"])


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_tables(db, tmp_path, fmt):
    out = tmp_path / f"e.{fmt}"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 0


def test_show_gives_every_field_with_its_basis_and_evidence(db, tmp_path):
    events = json.loads(runner.invoke(app, ["export", "--db", str(db), "--format", "json"]).stdout)
    dated = next(e for e in events if e["date_basis"] == "relative_to_published")
    result = runner.invoke(app, ["show", dated["id"][:8], "--db", str(db)])
    assert result.exit_code == 0
    assert "basis=relative_to_published" in result.output and "evidence:" in result.output
    assert "sources:" in result.output


def test_a_bad_file_is_reported_on_one_line_and_the_rest_is_ingested(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "good.txt").write_text(
        "Kishida hosts Yoon\nPublished: 16 March 2023\n\nJapanese Prime Minister Fumio Kishida hosted South Korean "
        "President Yoon Suk Yeol in Tokyo on Thursday, the first such visit in twelve years.\n")
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert re.search(r"E011: .*empty\.txt", result.output)
    assert "stored 1" in result.output


def test_an_unknown_event_id_is_a_clear_error(db):
    result = runner.invoke(app, ["show", "nope", "--db", str(db)])
    assert result.exit_code == 2 and "E050" in result.output


def test_actors_lists_who_held_an_office_on_a_day():
    result = runner.invoke(app, ["actors", "--office", "prime minister", "--on", "2020-05-01", "--country", "GBR"],
                           terminal_width=200)
    assert result.exit_code == 0 and "boris-johnson" in result.stdout
    bad = runner.invoke(app, ["actors", "--office", "prime minister", "--on", "2020-13-01"])
    assert bad.exit_code != 0 and "--on is not a day" in bad.stdout + bad.stderr
