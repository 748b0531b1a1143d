"""The server reads a private copy of the database, refreshed when the file changes, so that an ingest
can write while pages are served."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from sidelines.errors import StoreError
from sidelines.store import Store
from sidelines.web.app import create_app
from sidelines.web.snapshot import Snapshot
from tests.web.conftest import build_events, write_db

ROOT = Path(__file__).resolve().parents[2]


def _total(snapshot: Snapshot) -> int:
    with snapshot.cursor() as db:
        return db.execute("SELECT count(*) FROM events").fetchone()[0]


def test_a_change_is_served_after_refresh_and_the_original_is_never_locked(tmp_path: Path) -> None:
    path = write_db(tmp_path / "a.duckdb", build_events()[:2])
    snapshot = Snapshot(path, check_interval=0, background=False)
    try:
        assert _total(snapshot) == 2
        with duckdb.connect(str(path)) as writer:  # the server holds no lock on the user's file
            writer.execute("DELETE FROM events WHERE id = 'e-tunxi'")
        assert _total(snapshot) == 1 and snapshot.refreshes == 1
    finally:
        snapshot.close()
    assert not snapshot.folder.exists()


def test_a_copy_that_does_not_open_is_not_served(tmp_path: Path) -> None:
    path = write_db(tmp_path / "b.duckdb", build_events()[:3])
    snapshot = Snapshot(path, check_interval=0, background=False)
    try:
        path.write_bytes(b"half a database" * 100)  # a torn or foreign file
        os.utime(path)
        assert _total(snapshot) == 3 and snapshot.failures == 1
    finally:
        snapshot.close()


def test_a_reader_keeps_its_copy_while_a_newer_one_is_swapped_in(tmp_path: Path) -> None:
    path = write_db(tmp_path / "c.duckdb", build_events()[:2])
    snapshot = Snapshot(path, check_interval=0, background=False)
    try:
        with snapshot.cursor() as old:
            with duckdb.connect(str(path)) as writer:
                writer.execute("DELETE FROM events")
            assert snapshot.refresh()
            assert old.execute("SELECT count(*) FROM events").fetchone()[0] == 2
        assert _total(snapshot) == 0
        assert len(list(snapshot.folder.glob("*.duckdb"))) == 1  # the retired copy was deleted
    finally:
        snapshot.close()


def test_a_missing_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="E030"):
        Snapshot(tmp_path / "none.duckdb")


def test_pages_are_served_while_a_real_ingest_writes(tmp_path: Path) -> None:
    path = tmp_path / "live.duckdb"
    Store.open(path).close()  # an empty sidelines database
    app = create_app(path, check_interval=0, background_refresh=False)
    command = [sys.executable, "-m", "sidelines.cli", "ingest", str(ROOT / "samples" / "articles"), "--db", str(path)]
    statuses: list[int] = []
    seen: set[int] = set()
    with TestClient(app) as client:
        ingest = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 300
        while ingest.poll() is None and time.monotonic() < deadline:
            for url in ("/events.json", "/pairs.json", "/map"):
                response = client.get(url)
                statuses.append(response.status_code)
                if url == "/events.json":
                    seen.add(response.json()["total"])
            time.sleep(0.05)
        _, err = ingest.communicate(timeout=60)
        assert ingest.returncode == 0, err[-2000:]
        final = client.get("/events.json").json()["total"]
        with duckdb.connect(str(path), read_only=True) as db:
            stored = db.execute("SELECT count(*) FROM events").fetchone()[0]
    assert statuses and set(statuses) == {200}
    assert final == stored > 0
    assert 0 in seen  # pages were answered from the empty copy while the ingest ran
