"""The store: idempotent writes, order-independent merging, clear errors for files it cannot use."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from sidelines.errors import StoreError
from sidelines.export.events import to_json
from sidelines.ingest.run import ingest
from sidelines.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


def _export(path: Path) -> str:
    with Store.open(path, read_only=True) as store:
        return to_json(store.events())


def test_ingesting_the_same_articles_twice_changes_nothing(analyser, tmp_path):
    db = tmp_path / "a.duckdb"
    with Store.open(db) as store:
        first = ingest([SAMPLES], store, analyser)
        before = store.counts()
        second = ingest([SAMPLES], store, analyser)
        assert store.counts() == before
    assert first.stored > 0 and second.stored == 0 and second.duplicates == first.read
    assert _export(db) == _export(db)


@pytest.mark.parametrize("folder", ["samples", "seeds"])
def test_one_file_at_a_time_gives_the_same_events_as_all_together(analyser, tmp_path, folder, request):
    source = SAMPLES if folder == "samples" else request.getfixturevalue("shared") / "seeds"
    files = sorted(p for p in source.iterdir() if p.suffix in (".txt", ".html"))
    together, apart = tmp_path / "together.duckdb", tmp_path / "apart.duckdb"
    with Store.open(together) as store:
        ingest(files, store, analyser)
    with Store.open(apart) as store:
        for path in reversed(files):
            ingest([path], store, analyser)
    assert _export(together) == _export(apart)


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database")
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert "E030" in str(caught.value) and str(path) in str(caught.value)
    assert path.read_text() == "not a database"


def test_a_duckdb_file_of_another_program_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.duckdb"
    connection = duckdb.connect(str(path))
    connection.execute("CREATE TABLE sales (amount INTEGER)")
    connection.close()
    with pytest.raises(StoreError, match="not a sidelines database"):
        Store.open(path)
    connection = duckdb.connect(str(path))
    assert [r[0] for r in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()] == ["sales"]
    connection.close()


def test_reading_a_missing_database_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="sidelines ingest"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_a_report_changed_in_the_store_is_read_again_not_taken_from_the_cache(analyser, tmp_path):
    with Store.open(tmp_path / "d.duckdb") as store:
        ingest([SAMPLES], store, analyser)
        assert store.db.execute("SELECT count(*) FROM reports WHERE digest IS DISTINCT FROM md5(record)").fetchone() == (0,)
        report_id, record = store.db.execute("SELECT id, record FROM reports ORDER BY id LIMIT 1").fetchone()
        cached = store.reports([report_id])[0]
        changed = record.replace('"type": "', '"type": "X', 1)
        store.db.execute("UPDATE reports SET record = ?, digest = md5(?) WHERE id = ?", [changed, changed, report_id])
        again = store.reports([report_id])[0]
        assert again.type == "X" + cached.type


def test_a_writer_holds_at_most_the_memory_it_is_given_and_a_reader_keeps_duckdbs_own(tmp_path):
    from sidelines.config import Settings

    db = tmp_path / "m.duckdb"
    limit = "SELECT current_setting('memory_limit')"
    with Store.open(db, memory="64MB") as store:
        written = store.db.execute(limit).fetchone()[0]
    with Store.open(db, read_only=True) as store:
        read = store.db.execute(limit).fetchone()[0]
    assert written.endswith("MiB") and float(written.split()[0]) < 64
    assert read != written
    with pytest.raises(ValueError, match="store_memory"):
        Settings(store_memory="plenty")
