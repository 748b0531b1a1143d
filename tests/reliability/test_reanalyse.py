"""Re-analysis of stored articles: the same code gives the same records; new knowledge gives new
records without re-reading sources; a kill in the middle leaves the old records whole, never a mix."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sidelines.config import Settings
from sidelines.export.events import quotes_to_json, to_json
from sidelines.ingest.reanalyse import reanalyse
from sidelines.ingest.run import ingest
from sidelines.pipeline import Analyser
from sidelines.store import Store
from tests.reliability.conftest import ROOT
from tests.reliability.test_crash import CITIES, read_until, write_feed

ARTICLES = 60
BATCH = 10

#: The killed process: re-analysis with new knowledge, printing each batch done.
CHILD = f"""
import sys
from pathlib import Path
from sidelines.config import Settings
from sidelines.ingest.reanalyse import reanalyse
from sidelines.pipeline import Analyser
from sidelines.store import Store

analyser = Analyser.load(Settings(store_batch={BATCH}, knowledge_paths=(Path(sys.argv[2]),)))
with Store.open(sys.argv[1]) as store:
    reanalyse(store, analyser, progress=lambda done, total: print("done", done, flush=True))
print("finished", flush=True)
"""


def exported(db: Path) -> tuple[str, str]:
    with Store.open(db, read_only=True) as store:
        return to_json(store.events()), quotes_to_json(store.quotes())


def moved_places(folder: Path) -> Path:
    """A knowledge folder that puts every city of the feed somewhere else: new knowledge that changes
    every record's place, so old and new records are told apart."""
    folder.mkdir()
    rows = ["name,aliases,kind,city,country,lat,lon"]
    rows += [f"{city},,city,{city},ATA,{-70 - n}.0,{n}.0" for n, city in enumerate(CITIES)]
    (folder / "places.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def stored(tmp_path_factory, analyser) -> tuple[Path, Path]:
    """A store of ``ARTICLES`` generated reports (made once; tests work on copies) and their feed."""
    folder = tmp_path_factory.mktemp("reanalyse")
    feed = write_feed(folder / "load.jsonl", ARTICLES)
    db = folder / "stored.duckdb"
    with Store.open(db) as store:
        assert ingest([feed], store, analyser).stored == ARTICLES
    return db, feed


@pytest.fixture
def db(stored, tmp_path) -> Path:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(stored[0].read_bytes())
    return copy


def test_reanalysis_with_the_same_code_and_knowledge_changes_nothing(db, analyser):
    before = exported(db)
    with Store.open(db) as store:
        counts = store.counts()
        summary = reanalyse(store, analyser)
        assert store.counts() == counts
    assert summary.articles == ARTICLES and summary.events_before == summary.events_after
    assert exported(db) == before


def test_new_knowledge_reaches_the_stored_records_as_a_fresh_ingest_would(db, stored, tmp_path):
    knowledge = moved_places(tmp_path / "knowledge")
    analyser = Analyser.load(Settings(knowledge_paths=(knowledge,)))
    before = exported(db)
    with Store.open(db) as store:
        reanalyse(store, analyser)
    fresh = tmp_path / "fresh.duckdb"
    with Store.open(fresh) as store:
        ingest([stored[1]], store, analyser)
    assert exported(db) != before
    assert exported(db) == exported(fresh)
    assert "ATA" in {e["location"]["country"] for e in json.loads(exported(db)[0]) if e["location"]}


def _by_article(events_json: str) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for event in json.loads(events_json):
        for source in event["sources"]:
            found.setdefault(source["article_id"], []).append(event)
    return found


def test_one_article_is_reanalysed_alone(db, tmp_path):
    knowledge = moved_places(tmp_path / "knowledge")
    analyser = Analyser.load(Settings(knowledge_paths=(knowledge,)))
    before = _by_article(exported(db)[0])
    with Store.open(db) as store:
        chosen = next(a for a in store.article_ids()
                      if before.get(a) and (before[a][0]["location"] or {}).get("country") not in (None, "SGP", "BRA"))
        assert reanalyse(store, analyser, article_id=chosen).articles == 1
    after = _by_article(exported(db)[0])
    assert after[chosen] != before[chosen]
    assert {a: e for a, e in after.items() if a != chosen} == {a: e for a, e in before.items() if a != chosen}


def test_since_picks_articles_by_publication_date(db, analyser):
    with Store.open(db) as store:
        everything = store.article_ids()
        later = store.article_ids(since="2024-07-01")
        assert 0 < len(later) < len(everything)
        assert reanalyse(store, analyser, since="2024-07-01").articles == len(later)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL and select on pipes")
def test_a_killed_reanalysis_leaves_the_old_records_whole(db, tmp_path):
    knowledge = moved_places(tmp_path / "knowledge")
    before = exported(db)
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(knowledge)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        lines = read_until(process, lambda seen: sum(line.startswith("done") for line in seen) >= 2, timeout=180)
        assert sum(line.startswith("done") for line in lines) >= 2, lines
        process.send_signal(signal.SIGKILL)  # two batches analysed and written, the run not finished
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert exported(db) == before, "a killed re-analysis must leave the old records, not a mix"

    finished = subprocess.run([sys.executable, "-c", CHILD, str(db), str(knowledge)], cwd=ROOT,
                              capture_output=True, text=True, timeout=300, check=False)
    assert "finished" in finished.stdout, finished.stderr[-2000:]
    assert exported(db) != before
