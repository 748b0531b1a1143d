"""Read a database that an ingest may be writing: serve a private copy, refreshed when the file changes.

DuckDB lets one process write a file or several read it, not both. The server therefore never opens the
user's database: it copies the file (and its write-ahead log, when there is one) into a folder of its
own, opens the copy read-only, and answers every request from that copy. When the file's mtime or size
changes, a background thread makes a new copy (a large file at most once per COST_FACTOR times the
last copy's duration, so a long ingest does not cost a copy per batch); the copy replaces the served
one only if the source did not change while it was copied and the copy opens cleanly and answers a query on every table. Otherwise
the previous copy goes on being served and the next request tries again. A retired copy is closed and
deleted once the requests still reading it are done.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sidelines.errors import StoreError
from sidelines.store.database import clean_stale_copies

log = logging.getLogger(__name__)

#: The server's copies live in a temporary folder named so, with its process id: a server killed hard
#: leaves it behind, and the next one to start deletes it.
FOLDER_PREFIX = "sidelines-web-"
#: A copy that took this long or more is taken again at most once per COST_FACTOR times as long.
SMALL_COPY_SECONDS = 0.05
COST_FACTOR = 20
#: Tables a copy must answer a query on before it is served.
REQUIRED_TABLES = ("meta", "events", "event_participants", "event_reports", "reports", "articles", "quotes")

Stamp = tuple[int, int, int, int]  # mtime_ns and size of the database file and of its WAL


def stamp(path: Path) -> Stamp:
    """What changes when a writer touches the database: mtime and size of the file and its WAL."""
    main = path.stat()
    wal = Path(f"{path}.wal")
    try:
        w = wal.stat()
        return main.st_mtime_ns, main.st_size, w.st_mtime_ns, w.st_size
    except FileNotFoundError:
        return main.st_mtime_ns, main.st_size, 0, -1


@dataclass(eq=False)
class Generation:
    """One opened copy, counted while requests read it."""

    stamp: Stamp
    path: Path
    connection: duckdb.DuckDBPyConnection
    readers: int = 0
    retired: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: Results computed on this copy (it never changes, so they stay true while it is served).
    cache: dict[object, object] = field(default_factory=dict)

    def release(self) -> None:
        with self.lock:
            self.readers -= 1
            done = self.retired and self.readers == 0
        if done:
            self.dispose()

    def retire(self) -> None:
        with self.lock:
            self.retired = True
            done = self.readers == 0
        if done:
            self.dispose()

    def dispose(self) -> None:
        self.connection.close()
        for suffix in ("", ".wal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class Reader:
    """A cursor on one copy, and that copy's cache."""

    db: duckdb.DuckDBPyConnection
    cache: dict[object, object]

    def memo(self, key: object, compute: Callable[[], object]) -> object:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


class Snapshot:
    """The served copy of ``source``; ``with snapshot.cursor() as db:`` gives a cursor on it.

    ``prepare`` runs on each fresh copy (opened for writing, before it is served) to add what the
    readers need, such as derived tables; the user's file is never opened. ``check_interval`` (seconds)
    limits how often the source is stat'ed; ``background=False`` makes a request that notices a change
    wait for the new copy (tests use it to be deterministic).
    """

    def __init__(self, source: Path, check_interval: float = 0.5, background: bool = True,
                 prepare: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> None:
        self.source = Path(source)
        self.prepare = prepare
        self.check_interval = check_interval
        self.background = background
        clean_stale_copies(FOLDER_PREFIX)
        self.folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        self._copied_at = 0.0
        self._copy_seconds = 0.0
        self.refreshes = 0
        self.failures = 0
        self._lock = threading.Lock()
        self._refreshing = threading.Lock()
        self._checked = 0.0
        self._counter = 0
        if not self.source.exists():
            raise StoreError(str(self.source), "no such database", "run `sidelines ingest` first or give --db")
        current = self._attempt()
        if current is None:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise StoreError(str(self.source), "cannot be read as a sidelines database (or it kept changing "
                             "while it was copied)", "give the file of a finished `sidelines ingest`")
        self._current: Generation = current

    @property
    def stamp(self) -> Stamp:
        return self._current.stamp

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """A cursor on the current copy, which stays open until the block ends even if a newer copy
        replaces it meanwhile."""
        self.maybe_refresh()
        with self._lock:
            generation = self._current
            with generation.lock:
                generation.readers += 1
        try:
            cursor = generation.connection.cursor()
            try:
                yield Reader(cursor, generation.cache)
            finally:
                cursor.close()
        finally:
            generation.release()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.reader() as read:
            yield read.db

    def maybe_refresh(self) -> None:
        """Start a refresh if the source changed (at most once per ``check_interval``)."""
        now = time.monotonic()
        if now - self._checked < self.check_interval:
            return
        self._checked = now
        try:
            changed = stamp(self.source) != self._current.stamp
        except FileNotFoundError:
            return  # moved away for a moment (an atomic replace): keep serving
        if not changed or not self._due(now):
            return
        if self.background:
            threading.Thread(target=self.refresh, name="sidelines-snapshot", daemon=True).start()
        else:
            self.refresh()

    def _due(self, now: float) -> bool:
        """A new copy may be taken: copying a large file is paid for at most once per
        ``COST_FACTOR`` times its duration, so an ingest's many batches do not cost a copy each."""
        if self._copy_seconds < SMALL_COPY_SECONDS:
            return True
        return now - self._copied_at >= COST_FACTOR * self._copy_seconds

    def refresh(self) -> bool:
        """Copy and open the source now; True when a new copy is served. One refresh runs at a time."""
        if not self._refreshing.acquire(blocking=False):
            return False
        try:
            generation = self._attempt()
            if generation is None:
                self.failures += 1
                return False
            with self._lock:
                old, self._current = self._current, generation
            old.retire()
            self.refreshes += 1
            return True
        finally:
            self._refreshing.release()

    def _attempt(self) -> Generation | None:
        try:
            before = stamp(self.source)
        except FileNotFoundError:
            return None
        self._counter += 1
        target = self.folder / f"copy-{self._counter}.duckdb"
        started = time.monotonic()
        try:
            shutil.copyfile(self.source, target)
            if before[3] >= 0:
                shutil.copyfile(f"{self.source}.wal", f"{target}.wal")
            self._copied_at, self._copy_seconds = time.monotonic(), time.monotonic() - started
            if stamp(self.source) != before:
                raise OSError("the database changed while it was copied")
            if self.prepare is not None:
                with duckdb.connect(str(target)) as writable:
                    self.prepare(writable)
                    writable.execute("CHECKPOINT")
            connection = duckdb.connect(str(target), read_only=True)
        except (OSError, duckdb.Error) as exc:
            log.info("snapshot of %s not taken: %s", self.source, exc)
            self._discard(target)
            return None
        if not self._usable(connection):
            connection.close()
            self._discard(target)
            return None
        return Generation(before, target, connection)

    def _usable(self, connection: duckdb.DuckDBPyConnection) -> bool:
        try:
            for table in REQUIRED_TABLES:
                connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        except duckdb.Error as exc:
            log.info("snapshot of %s not usable: %s", self.source, exc)
            return False
        return True

    @staticmethod
    def _discard(target: Path) -> None:
        for suffix in ("", ".wal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        with self._lock:
            self._current.retire()
        shutil.rmtree(self.folder, ignore_errors=True)
