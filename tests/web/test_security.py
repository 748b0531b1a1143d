"""What every response carries (CSP, nosniff, no framing), the Host check of a server kept to this
machine, links only for http(s) addresses, query parameters checked (400 with a message), /map with a
place, and the snapshot's cost and leftovers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from sidelines.web import snapshot as snapshots
from sidelines.web.app import create_app
from sidelines.web.security import HEADERS
from sidelines.web.snapshot import Snapshot
from tests.web.conftest import build_events, write_db
from tests.web.security_db import ADDRESSES, SAFE_URL, security_db

PAGES = ["/", "/events", "/events.json", "/events/e-bali", "/events/e-tunxi", "/events/e-moscow", "/events/e-jnb",
         "/actors/wang-yi", "/pairs", "/pairs/CHN-RUS", "/prospects", "/map", "/map?place=Bali",
         "/search?q=lavrov", "/docs", "/static/style.css", "/download.csv", "/no-such-page",
         "/events?since=2024-13-45"]


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    app = create_app(security_db(tmp_path_factory.mktemp("sec")), check_interval=0, background_refresh=False)
    with TestClient(app) as opened:
        yield opened


@pytest.mark.parametrize("path", PAGES)
def test_every_response_has_the_security_headers(client, path):
    response = client.get(path)
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", PAGES)
def test_no_page_links_anything_but_http_or_its_own_paths(client, path):
    hrefs = re.findall(r'href="([^"]*)"', client.get(path).text)
    assert all(h.startswith(("/", "https://", "http://", "#", "?")) for h in hrefs), hrefs


@pytest.mark.parametrize("event_id", sorted(ADDRESSES))
def test_only_an_http_address_becomes_the_link_to_the_original(client, event_id):
    page = client.get(f"/events/{event_id}").text
    links = re.findall(r'<a href="([^"]*)" rel="noopener noreferrer nofollow">original</a>', page)
    if ADDRESSES[event_id] == SAFE_URL:
        assert links and set(links) == {SAFE_URL}
    else:
        assert links == [] and "original: " in page  # shown as text, escaped


def test_a_malformed_date_is_a_400_with_a_message(client):
    response = client.get("/events.json?since=2024-13-45")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "E051" and "not a date" in response.json()["error"]["message"]
    page = client.get("/events?until=yesterday")
    assert page.status_code == 400 and "not a date" in page.text
    assert client.get("/map.json?since=2022-1").status_code == 400
    assert client.get("/events.json?since=2022-11").status_code == 200


def test_map_with_a_place_works(client):
    page = client.get("/map?place=Bali")
    assert page.status_code == 200 and 'href="/events?place=Bali"' in page.text
    assert client.get("/map.json?place=Bali&country=CHN").json()["total"] == 1


@pytest.mark.parametrize("host, status", [("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200),
                                          ("evil.example:8000", 400), ("127.0.0.1.evil.example", 400), ("", 400)])
def test_a_loopback_server_answers_to_loopback_names_only(tmp_path, host, status):
    app = create_app(write_db(tmp_path / "h.duckdb", build_events()[:2]), check_interval=0, background_refresh=False)
    with TestClient(app, base_url="http://127.0.0.1:8000") as loopback:
        response = loopback.get("/events.json", headers={"host": host})
    assert response.status_code == status
    assert response.headers["x-frame-options"] == "DENY"
    if status == 400:
        assert response.json()["error"]["message"].startswith("E060: Host ")


def test_a_server_for_other_machines_or_given_names_checks_accordingly(tmp_path):
    path = write_db(tmp_path / "o.duckdb", build_events()[:2])
    with TestClient(create_app(path, check_interval=0, background_refresh=False)) as anywhere:
        assert anywhere.get("/", headers={"host": "sidelines.example"}).status_code == 200
    named = create_app(path, check_interval=0, background_refresh=False, allowed_hosts=["sidelines.example"])
    with TestClient(named, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/", headers={"host": "sidelines.example"}).status_code == 200
        assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 400


# -- the snapshot -------------------------------------------------------------------------------------


def test_stale_copies_of_a_killed_server_are_cleaned_on_start(tmp_path):
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    dead = int(child.stdout)  # a process that has ended
    stale = Path(tempfile.gettempdir()) / f"{snapshots.FOLDER_PREFIX}{dead}-leftover"
    stale.mkdir(exist_ok=True)
    (stale / "copy-1.duckdb").write_bytes(b"x" * 1000)
    alive = Path(tempfile.mkdtemp(prefix=f"{snapshots.FOLDER_PREFIX}{os.getpid()}-"))  # this process's own
    snapshot = Snapshot(write_db(tmp_path / "s.duckdb", build_events()[:2]), check_interval=0, background=False)
    try:
        assert not stale.exists() and alive.exists()
        assert snapshot.folder.name.startswith(f"{snapshots.FOLDER_PREFIX}{os.getpid()}-")
    finally:
        snapshot.close()
        alive.rmdir()


def test_a_slow_copy_is_not_repeated_after_every_batch(tmp_path, monkeypatch):
    path = write_db(tmp_path / "t.duckdb", build_events()[:2])
    snapshot = Snapshot(path, check_interval=0, background=False)
    try:
        snapshot._copy_seconds = 1.0  # as if the file took a second to copy: the next copy waits 20 s
        snapshot._copied_at = time.monotonic()
        for batch in range(3):
            with duckdb.connect(str(path)) as writer:
                writer.execute("DELETE FROM events WHERE id = ?", [["e-bali", "e-tunxi", "e-bali"][batch]])
            with snapshot.cursor() as db:
                assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 2
        assert snapshot.refreshes == 0
        snapshot._copied_at -= snapshots.COST_FACTOR * snapshot._copy_seconds
        with snapshot.cursor() as db:
            assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 0
        assert snapshot.refreshes == 1
    finally:
        snapshot.close()
