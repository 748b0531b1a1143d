"""Crash safety: a real ingest process killed with SIGKILL mid-run leaves a database that opens and
holds whole batches only; running ingest again gives the same events as a run that was never
interrupted. While the process runs, a second writer is refused with a clear line."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from sidelines.errors import StoreError
from sidelines.knowledge.actors import ActorTable
from sidelines.store import Store
from tests.reliability.conftest import ROOT

ARTICLES = 150
BATCH = 10
CITIES = ("Geneva", "Vienna", "Jakarta", "Nairobi", "Brasilia", "Ankara", "Doha", "Singapore", "Oslo", "Lima")

#: The killed process: the library with a small store batch, printing each stored article.
CHILD = f"""
import sys
from sidelines.config import Settings
from sidelines.ingest.run import ingest
from sidelines.pipeline import Analyser
from sidelines.store import Store

analyser = Analyser.load(Settings(store_batch={BATCH}))
with Store.open(sys.argv[1]) as store:
    print("opened", flush=True)
    ingest([sys.argv[2]], store, analyser, lambda summary, label: print("stored", summary.stored, flush=True))
print("done", flush=True)
"""


def write_feed(path: Path, count: int) -> Path:
    """``count`` short reports of meetings between people of the bundled knowledge (made-up
    engagements, for load only: the test never reads them as facts)."""
    people = sorted((a for a in ActorTable.load(()).by_id.values()
                     if any(o.end is None and o.start and o.start <= date(2023, 6, 1) for o in a.offices)),
                    key=lambda a: a.id)
    pick = random.Random(20240101)
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            a, b = pick.sample(people, 2)
            day = date(2024, 1, 1) + timedelta(days=pick.randrange(360))
            city = pick.choice(CITIES)
            text = (f"{a.name} met {b.name} in {city} on {day:%B} {day.day}, {day.year}, officials said. "
                    f"The two discussed trade and security and agreed to meet again next year. "
                    f'"We had an open exchange," {a.name} told reporters after the talks.')
            record = {"id": f"load-{n:03d}", "outlet": "Example Wire", "published": str(day + timedelta(days=1)),
                      "title": f"{a.surname} and {b.surname} meet in {city}", "text": text}
            handle.write(json.dumps(record) + "\n")
    return path


def read_until(process: subprocess.Popen, done, timeout: float) -> list[str]:
    """Lines of the process's output until ``done(lines)`` holds (or it ends, or time is up)."""
    lines: list[str] = []
    buffer = b""
    deadline = time.monotonic() + timeout
    fd = process.stdout.fileno()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buffer += chunk
        *complete, buffer = buffer.split(b"\n")
        lines += [line.decode() for line in complete]
        if done(lines):
            break
    return lines


def stored_count(lines: list[str]) -> int:
    return max((int(line.split()[1]) for line in lines if line.startswith("stored ")), default=0)


def check_whole_batches(db: Path) -> int:
    """The database opens, and holds whole batches: every stored article with all its rows, every
    report in an event, no row of an unstored article. Returns the number of articles."""
    with Store.open(db, read_only=True) as store:
        q = store.db.execute
        articles = q("SELECT count(*) FROM articles").fetchone()[0]
        assert articles % BATCH == 0
        assert q("SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
        assert q("SELECT count(*) FROM reports WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
        assert q("SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
        reports = {r[0] for r in q("SELECT id FROM reports").fetchall()}
        merged = {r[0] for r in q("SELECT report_id FROM event_reports").fetchall()}
        assert reports == merged and reports
        assert q("SELECT count(*) FROM event_reports WHERE event_id NOT IN (SELECT id FROM events)").fetchone()[0] == 0
        assert q("SELECT count(*) FROM event_participants WHERE event_id NOT IN (SELECT id FROM events)"
                 ).fetchone()[0] == 0
        assert q("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)"
                 ).fetchone()[0] == 0, "each generated article reports a meeting"
    return articles


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL and select on pipes")
def test_a_killed_ingest_loses_nothing_and_a_rerun_completes_it(cli, tmp_path):
    feed = write_feed(tmp_path / "load.jsonl", ARTICLES)
    db = tmp_path / "killed.duckdb"
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(feed)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        lines = read_until(process, lambda seen: "opened" in seen, timeout=120)
        assert "opened" in lines, lines
        # A second writer while the first runs: one clear line, and the first goes on unharmed.
        with pytest.raises(StoreError) as refused:
            Store.open(db)
        assert str(refused.value).startswith(f"E030: {db}: ") and "lock" in str(refused.value).lower()
        lines += read_until(process, lambda seen: stored_count(seen) >= BATCH, timeout=120)
        assert stored_count(lines) >= BATCH, lines
        process.send_signal(signal.SIGKILL)  # a crash mid-run: in the middle of a batch or of its write
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL

    kept = check_whole_batches(db)
    assert BATCH <= kept < ARTICLES, kept

    rerun = cli("ingest", feed, "--db", db)
    assert rerun.exit_code == 0, rerun.stdout + rerun.stderr
    assert rerun.summary()["skipped as duplicate"] == kept and rerun.summary()["stored"] == ARTICLES - kept
    assert check_whole_batches(db) == ARTICLES

    fresh = tmp_path / "uninterrupted.duckdb"
    assert cli("ingest", feed, "--db", fresh).exit_code == 0
    for args in (["--format", "json"], ["--table", "quotes", "--format", "json"]):
        resumed = cli("export", "--db", db, *args).stdout
        assert resumed == cli("export", "--db", fresh, *args).stdout
        assert json.loads(resumed)
