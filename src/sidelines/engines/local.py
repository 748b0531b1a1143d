"""Analysis on all of one machine's cores: a pool of worker processes.

The parent reads the input and writes the store (reading, duplicate checks and merging stay in one
place, exactly as in ``sidelines.ingest.run``); the workers run ``Analyser.analyse`` on chunks of
articles. Results come back in input order, and only a few chunks per worker are in flight at once,
so memory does not grow with the input however fast it is read.

On Linux the parent loads the analyser once and the workers start as copies of it (``fork``): no
model load per worker, and the model's memory shared until a worker writes to it. Loading takes about
three seconds of one core, so N spawned workers on N cores, each loading its own while the parent
starts up too, cost more than the one load. A forked worker only runs the analyser: it never touches
the store's connection or anything else the parent's threads (DuckDB's) hold. Elsewhere (``spawn``:
Windows has no fork, and macOS's system libraries do not support one in a process with threads) each
worker loads its own.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import Pool
from pathlib import Path

from sidelines.config import Settings
from sidelines.ingest.run import IngestSummary, Progress, ingest
from sidelines.knowledge.codes import CodeBook
from sidelines.merge.cluster import EventBuilder
from sidelines.model import Article
from sidelines.pipeline import Analyser, Analysis
from sidelines.store import Store

#: Articles sent to a worker at a time: small enough to balance the workers, large enough for nlp.pipe.
CHUNK_ARTICLES = 32
#: Chunks queued per worker; more only holds more articles in memory.
IN_FLIGHT_PER_WORKER = 2

#: The analyser of a worker process: inherited from the parent that loaded it before forking the
#: worker, or loaded by ``_start_worker``. The parent holds one only while it forks.
_worker_analyser: Analyser | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_analyser
    if _worker_analyser is None:  # spawned, or forked after the parent let go of its analyser
        _worker_analyser = Analyser.load(settings)


def _analyse_chunk(articles: list[Article]) -> list[Analysis]:
    assert _worker_analyser is not None, "the pool's initializer loads the analyser"
    return list(_worker_analyser.analyse(articles))


def chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def default_start_method() -> str:
    """``fork`` where forking is safe and cheap (Linux), else ``spawn``."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def start_pool(settings: Settings, workers: int, start_method: str | None = None) -> Pool:
    """``workers`` processes with an analyser each. With ``fork`` the analyser is loaded here, once,
    and the workers inherit it; with ``spawn`` each worker starts clean and loads its own."""
    method = start_method or default_start_method()
    context = multiprocessing.get_context(method)
    if method != "fork":
        return context.Pool(workers, initializer=_start_worker, initargs=(settings,))
    global _worker_analyser
    _worker_analyser = Analyser.load(settings)
    # The workers never collect the objects they inherit (the model, the knowledge base): frozen, the
    # collector leaves them unvisited, so their pages stay shared with the parent instead of copied.
    gc.freeze()
    try:
        return context.Pool(workers, initializer=_start_worker, initargs=(settings,))  # forked here
    finally:
        gc.unfreeze()
        _worker_analyser = None  # the parent has no use for it (a worker forked later loads its own)


def stop_pool(pool: Pool) -> None:
    """Stop the workers at once (they hold nothing to finish: results not yet read are not wanted)."""
    pool.terminate()
    pool.join()


def analyse_in(pool: Pool, articles: Iterable[Article], workers: int,
               chunk_size: int = CHUNK_ARTICLES) -> Iterator[Analysis]:
    """``Analyser.analyse`` across a pool's workers, in input order."""
    pending: deque = deque()
    for chunk in chunks(articles, chunk_size):
        pending.append(pool.apply_async(_analyse_chunk, (chunk,)))
        if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()


def analyse_parallel(articles: Iterable[Article], settings: Settings, workers: int,
                     chunk_size: int = CHUNK_ARTICLES, start_method: str | None = None) -> Iterator[Analysis]:
    """``Analyser.analyse`` across ``workers`` processes started for these articles, in input order;
    one worker (or fewer) analyses in this process."""
    if workers <= 1:
        yield from Analyser.load(settings).analyse(articles)
        return
    pool = start_pool(settings, workers, start_method)
    try:
        yield from analyse_in(pool, articles, workers, chunk_size)
    finally:
        stop_pool(pool)


class ParallelAnalyser:
    """Stands in for an Analyser where ingest needs one: ``analyse`` runs in worker processes,
    ``events`` (the merge rules) runs here, beside the store. The workers are started on the first
    ``analyse`` and serve every later one (ingest asks again after each batch, to read undated pages
    against their story's day) until ``close``."""

    def __init__(self, settings: Settings, workers: int, events: EventBuilder | None = None) -> None:
        self.settings = settings
        self.workers = workers
        self.events = events or EventBuilder(CodeBook.load(extra_dirs=settings.knowledge_paths))
        self._pool: Pool | None = None

    def analyse(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        if self._pool is None:
            self._pool = start_pool(self.settings, self.workers)
        return analyse_in(self._pool, articles, self.workers)

    def close(self) -> None:
        if self._pool is not None:
            stop_pool(self._pool)
            self._pool = None


def ingest_parallel(paths: Iterable[str | Path], store: Store, settings: Settings, workers: int,
                    progress: Progress | None = None) -> IngestSummary:
    """``sidelines.ingest.run.ingest`` with the analysis spread over ``workers`` processes: the same
    reading, duplicate checks, batches and merging, so the store ends up the same."""
    if workers <= 1:
        return ingest(paths, store, Analyser.load(settings), progress)
    analyser = ParallelAnalyser(settings, workers)
    try:
        return ingest(paths, store, analyser, progress)  # type: ignore[arg-type]
    finally:
        analyser.close()
