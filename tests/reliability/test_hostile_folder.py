"""One run over a folder of hostile inputs (tests/reliability/hostile, plus links and an over-long text
made at run time): every good record is stored, every bad one is one line, exit status 1, no traceback;
names shared by different articles give two articles, and a true duplicate is said to be one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sidelines.store import Store
from tests.reliability.conftest import ERROR_LINE

HOSTILE = Path(__file__).resolve().parent / "hostile"
#: Each bad record or file, and the code of its one line.
BAD = {
    "feed.jsonl:2": "E014",  # a lone surrogate
    "feed.jsonl:3": "E014",  # nested 5,000 deep
    "feed.jsonl:4": "E014",  # a 5,000-digit number
    "feed.jsonl:6": "E014",  # a raw NUL byte
    "feed.jsonl:7": "E014",  # an escaped NUL
    "loop": "E010",
    "dangling.txt": "E010",
    "too_long.txt": "E022",  # over the language model's limit
}
NOTICES = {"feed.jsonl:9": "E023", "feed.jsonl:10": "E023", "windows_1252.txt": "E024", "copy_of_a.txt": "E025"}
STORED = {"ok-1", "ok-2", "ok-3", "ok-4", "ok-5", "calendar_edge", "windows_1252", "report", "summit"}


#: The language model's length limit in these tests (its default is a million characters; a smaller one
#: keeps the over-long text small and the run fast).
MODEL_LIMIT = 20_000


@pytest.fixture
def hostile(tmp_path: Path, analyser, monkeypatch) -> Path:
    monkeypatch.setattr(analyser.nlp, "max_length", MODEL_LIMIT)
    folder = tmp_path / "hostile"
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("README.md"))
    os.symlink("loop", folder / "loop")
    os.symlink("no-such-file.txt", folder / "dangling.txt")
    line = "The delegations met again and talked about trade, energy and the war for many hours.\n"
    size = MODEL_LIMIT + 5_000
    (folder / "too_long.txt").write_text("Talks go on\n\n" + line * (size // len(line) + 1), encoding="utf-8")
    return folder


def _lines_about(stderr: str, name: str) -> list[str]:
    return [line for line in stderr.splitlines() if f"/{name}:" in line or f"/{name} " in line]


def test_every_good_record_is_stored_and_every_bad_one_is_one_line(cli, hostile, tmp_path):
    db = tmp_path / "h.duckdb"
    run = cli("ingest", hostile, "--db", db)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    for name, code in {**BAD, **NOTICES}.items():
        found = _lines_about(run.stderr, name)
        assert len(found) == 1, (name, run.stderr)
        match = ERROR_LINE.match(found[0])
        assert match and match["code"] == code, found[0]
    assert run.summary()["failed"] == len(BAD)
    with Store.open(db, read_only=True) as store:
        ids = set(store.article_ids())
        failed = store.failed_articles()
    assert STORED <= ids
    assert {i.split("-")[0] for i in ids - STORED} == {"report", "summit", "too_long"}  # renamed, or kept as failed
    assert len(ids) == len(STORED) + 3
    assert [f[0] for f in failed] == ["too_long"] and failed[0][2].startswith("failed: E022")


def test_a_second_run_changes_nothing_and_retries_what_failed(cli, hostile, tmp_path):
    db = tmp_path / "h.duckdb"
    cli("ingest", hostile, "--db", db)
    with Store.open(db, read_only=True) as store:
        before = store.counts()
    again = cli("ingest", hostile, "--db", db)
    assert again.exit_code == 1 and again.summary()["stored"] == 0
    assert _lines_about(again.stderr, "too_long.txt")[0].startswith("E022")  # tried again, failed again
    with Store.open(db, read_only=True) as store:
        assert store.counts() == before


def test_placeholder_dates_are_read_as_unknown(cli, hostile, tmp_path):
    db = tmp_path / "h.duckdb"
    cli("ingest", hostile, "--db", db)
    with Store.open(db, read_only=True) as store:
        for article_id in ("ok-4", "ok-5", "calendar_edge"):
            article = store.article(article_id)
            assert article is not None and article["published"] is None
