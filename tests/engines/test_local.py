"""The local engine: worker processes give what one process gives, in the input's order."""

from __future__ import annotations

import os
import pickle

from sidelines.config import Settings
from sidelines.engines.local import analyse_parallel, chunks
from sidelines.ingest import read_paths
from sidelines.ingest.run import ingest
from sidelines.model import Article
from sidelines.store import Store
from tests.engines.conftest import events_of


def test_analysis_records_pickle_and_compare_equal(analyser, engine_input):
    articles = [a for a in read_paths([engine_input], Settings()) if isinstance(a, Article)][:3]
    analyses = list(analyser.analyse(articles))
    assert pickle.loads(pickle.dumps(analyses)) == analyses


def test_chunks_keep_order_and_sizes():
    items = [Article(id=str(i), text="x") for i in range(7)]
    assert [[a.id for a in c] for c in chunks(items, 3)] == [["0", "1", "2"], ["3", "4", "5"], ["6"]]


def test_two_workers_give_the_same_store_as_one_process(analyser, engine_input, local_db, tmp_path):
    parallel_db, parallel = local_db
    serial_db = tmp_path / "serial.duckdb"
    with Store.open(serial_db) as store:
        serial = ingest([engine_input], store, analyser)
        serial_counts = store.counts()
    with Store.open(parallel_db, read_only=True) as store:
        assert store.counts() == serial_counts
    assert (parallel.read, parallel.duplicates, parallel.stored, parallel.failed) == \
           (serial.read, serial.duplicates, serial.stored, serial.failed)
    assert parallel.stored >= 9 and parallel.duplicates == 1 and parallel.failed == 1
    assert events_of(parallel_db) == events_of(serial_db)
    assert len(events_of(serial_db)) > 5


def test_spawned_workers_give_results_in_input_order_with_small_chunks(analyser, engine_input):
    articles = [a for a in read_paths([engine_input], Settings()) if isinstance(a, Article)][:5]
    got = list(analyse_parallel(iter(articles), Settings(), workers=2, chunk_size=1, start_method="spawn"))
    assert [a.article.id for a in got] == [a.id for a in articles]
    assert got == list(analyser.analyse(articles))


def test_forked_workers_use_the_analyser_loaded_once_in_the_parent(monkeypatch):
    from sidelines.engines import local

    parent, loads = os.getpid(), []

    class Stub:
        settings = Settings()

        def analyse(self, articles):
            return [(a.id, os.getpid()) for a in articles]

    def load(settings):
        assert os.getpid() == parent, "a worker loaded its own analyser"
        loads.append(settings)
        return Stub()

    monkeypatch.setattr(local.Analyser, "load", staticmethod(load))
    articles = [Article(id=str(i), text="x") for i in range(6)]
    got = list(analyse_parallel(iter(articles), Settings(), workers=2, chunk_size=1, start_method="fork"))
    assert [article_id for article_id, _ in got] == [a.id for a in articles]
    assert len(loads) == 1 and parent not in {pid for _, pid in got}
    assert local._worker_analyser is None  # the parent let go of it once the workers were forked


class _InlinePool:
    """A pool that runs each task here, at once (what the worker would return)."""

    def __init__(self) -> None:
        self.closed = False

    def apply_async(self, func, args):
        result = func(*args)
        return type("Done", (), {"get": lambda self: result})()

    def terminate(self) -> None:
        self.closed = True

    def join(self) -> None:
        pass


def test_the_workers_serve_every_analysis_of_an_ingest(analyser, engine_input, monkeypatch):
    from sidelines.engines import local

    started: list[_InlinePool] = []
    monkeypatch.setattr(local, "start_pool", lambda settings, workers: started.append(_InlinePool()) or started[-1])
    monkeypatch.setattr(local, "_worker_analyser", analyser)
    articles = [a for a in read_paths([engine_input], Settings()) if isinstance(a, Article)][:4]
    parallel = local.ParallelAnalyser(Settings(), workers=2)
    first, again = list(parallel.analyse(articles[:2])), list(parallel.analyse(articles[2:]))  # after a batch
    assert len(started) == 1 and [a.article.id for a in first + again] == [a.id for a in articles]
    parallel.close()
    assert started[0].closed
