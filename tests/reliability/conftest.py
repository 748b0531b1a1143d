"""Shared pieces of the reliability suite: the real CLI (with the session's loaded pipeline), a
database that already holds an article, and two good articles to ingest beside the bad inputs.

The articles are written for these tests from public facts (who met whom, where, when).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sidelines.cli import app
from sidelines.config import Settings
from sidelines.export.events import to_json
from sidelines.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "articles"

#: Stored before each bad-input run: it must still be there afterwards.
PRIOR = """Kishida and Yoon meet in Tokyo to mend ties
Published: March 16, 2023

TOKYO - Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Tokyo on
Thursday, the first visit to Japan by a South Korean leader for a bilateral meeting in twelve years.
The two leaders agreed to resume regular visits and to work together on security and trade.
"""

#: Ingested beside each bad input: it must be stored although the other file failed.
GOOD = """Jaishankar and Lavrov hold talks in Moscow
Published: November 8, 2022

MOSCOW - Indian External Affairs Minister Subrahmanyam Jaishankar met Russian Foreign Minister
Sergei Lavrov in Moscow on Tuesday. The two ministers discussed trade, energy and the war in Ukraine,
and Jaishankar said that the relationship between the two countries had been steady.
"""

#: One error line: ``E0NN: <file>: <cause>; <what to do>``.
ERROR_LINE = re.compile(r"^(?P<code>E0\d\d): (?P<what>.+?): (?P<cause>.+); (?P<fix>.+)$")


@dataclass(frozen=True, slots=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if ERROR_LINE.match(line)]

    def error_about(self, name: str) -> re.Match[str]:
        """The one error line that names ``name``; fails unless there is exactly one."""
        found = [line for line in self.errors() if name in line]
        assert len(found) == 1, f"expected one error line about {name!r}, got {found!r}\n{self.stderr}"
        match = ERROR_LINE.match(found[0])
        assert match is not None
        return match

    def summary(self) -> dict[str, int]:
        text = " ".join(self.stdout.split())  # the console may have wrapped the line
        line = text[text.index("read "):]
        return {name.strip(): int(n) for n, name in
                ((m.group(2), m.group(1)) for m in re.finditer(r"([a-z ]+?) (\d+)(?:,|$)", line))}


@pytest.fixture
def cli(monkeypatch, analyser) -> Callable[..., Run]:
    """Run ``sidelines ARGS...`` in-process; the pipeline is the session's (loading it is slow)."""
    from sidelines.pipeline import Analyser

    def load(cls, settings: Settings | None = None) -> Analyser:
        assert settings is None or settings == analyser.settings, "these tests use the default settings"
        return analyser

    monkeypatch.setattr(Analyser, "load", classmethod(load))
    runner = CliRunner()

    def run(*args: str | Path) -> Run:
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@dataclass(frozen=True, slots=True)
class Prior:
    """A database with content, and what it held."""

    db: Path
    events: list[dict]
    counts: dict[str, int]

    def assert_kept(self) -> None:
        """Everything stored before is still there, unchanged."""
        with Store.open(self.db, read_only=True) as store:
            assert store.article("prior") is not None
            now = json.loads(to_json(store.events()))
            counts = store.counts()
        kept = {e["id"]: e for e in now}
        for event in self.events:
            assert kept.get(event["id"]) == event
        assert all(counts[t] >= n for t, n in self.counts.items())


@pytest.fixture(scope="session")
def prior_db(tmp_path_factory, analyser) -> Path:
    """A database holding one article (made once; each test works on a copy)."""
    from sidelines.ingest.run import ingest

    folder = tmp_path_factory.mktemp("prior")
    (folder / "prior.txt").write_text(PRIOR, encoding="utf-8")
    db = folder / "prior.duckdb"
    with Store.open(db) as store:
        summary = ingest([folder / "prior.txt"], store, analyser)
    assert summary.stored == 1 and summary.reports >= 1
    return db


@pytest.fixture
def prior(prior_db, tmp_path) -> Prior:
    db = tmp_path / "sidelines.duckdb"
    shutil.copyfile(prior_db, db)
    with Store.open(db, read_only=True) as store:
        events = json.loads(to_json(store.events()))
        counts = store.counts()
    assert events, "the prior article must give an event"
    return Prior(db, events, counts)


@pytest.fixture
def inbox(tmp_path) -> Path:
    """A folder holding the good article; a test adds its bad input beside it."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def stored(db: Path, article_id: str) -> dict | None:
    with Store.open(db, read_only=True) as store:
        return store.article(article_id)
