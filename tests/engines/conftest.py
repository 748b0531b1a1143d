"""Fixtures for the engine tests: a small mixed input (text, HTML pages in a .warc.gz, a JSONL feed,
a duplicate and a broken file) and the store the local engine makes of it with two workers."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from sidelines.config import Settings
from sidelines.engines.local import ingest_parallel
from sidelines.export.events import event_json
from sidelines.ingest.warc import response_record
from sidelines.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
TEXTS = ("geneva_blinken_lavrov.txt", "scholz_putin_call_next_day.txt", "sochi_erdogan_putin.txt")
PAGES = ("woodside_biden_xi.html", "beijing_blinken_xi.html")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "spark: runs Apache Spark in local mode (needs Java; skip with -m 'not spark')")


def write_warc(path: Path, pages: dict[str, str]) -> Path:
    """A .warc.gz of HTML pages (URL -> HTML), one gzip member per record as in CC-NEWS."""
    with path.open("wb") as handle:
        handle.write(gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
        for url, html in pages.items():
            handle.write(gzip.compress(response_record(url, html)))
    return path


def make_input(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in TEXTS:
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(SAMPLES / TEXTS[0], folder / "zz_copy_of_geneva.txt")  # a duplicate, skipped by content
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 4)  # binary: one failure
    feed = [json.loads(line) for line in (SAMPLES / "wire.jsonl").read_text().splitlines() if line.strip()]
    (folder / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in feed[:4]))
    pages = {f"https://news.example.org/{Path(n).stem}": (SAMPLES / n).read_text() for n in PAGES}
    write_warc(folder / "crawl.warc.gz", pages)
    return folder


def events_of(db: Path) -> list[dict]:
    with Store.open(db, read_only=True) as store:
        return [event_json(e) for e in store.events()]


@pytest.fixture(scope="session")
def engine_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_input(tmp_path_factory.mktemp("engines") / "input")


@pytest.fixture(scope="session")
def local_db(engine_input: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The local engine's store of the input (two worker processes) and its summary."""
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    with Store.open(db) as store:
        summary = ingest_parallel([engine_input], store, Settings(), workers=2)
    return db, summary
