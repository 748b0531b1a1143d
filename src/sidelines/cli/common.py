"""What every command shares: the consoles, the --db option, errors as one line, the run summary."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from sidelines.errors import OutputError, SidelinesError
from sidelines.ingest.language import not_analysed_note
from sidelines.store import Store

out = Console(width=None if sys.stdout.isatty() else 160)  # a table piped or logged stays readable
err = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB database file.")]
F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Library errors become one line on stderr and exit code 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SidelinesError as exc:
            err.print(f"[red]{exc}[/red]", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def open_for_reading(db: Path) -> Store:
    """The store, read-only; while an ingest writes it, a copy of its last finished batch, said on stderr."""
    store = Store.open(db, read_only=True)
    if store.note:
        err.print(store.note, highlight=False, soft_wrap=True, markup=False)
    return store


def output_file(path: Path | None) -> Path | None:
    """An ``--out`` file that can be written (None: stdout), checked before any work is done."""
    if path is None:
        return None
    if path.is_dir():
        raise OutputError(str(path), "is a folder, not a file", f"give a file name inside it, e.g. {path / 'events.json'}")
    if not path.parent.is_dir():
        raise OutputError(str(path), f"the folder {path.parent} does not exist", "create it first, or give another --out")
    return path


def report_summary(summary: Any) -> None:
    """The failures and the articles not analysed one per line, then the counts; exit code 1 when
    anything failed (an article stored but not analysed, being in another language, is no failure)."""
    for failure in summary.failures:
        err.print(failure, highlight=False, soft_wrap=True, markup=False)
    for notice in getattr(summary, "notices", []):
        err.print(notice, highlight=False, soft_wrap=True, markup=False)
    not_english = getattr(summary, "not_english", [])
    for article_id, language in not_english:
        err.print(f"{article_id}: {not_analysed_note(language)}", highlight=False, soft_wrap=True,
                  markup=False)
    out.print(
        f"read {summary.read}, skipped as duplicate {summary.duplicates}, failed {summary.failed}, "
        f"stored {summary.stored}, not analysed (not English) {len(not_english)}, mentions {summary.mentions}, "
        f"reports {summary.reports}, events touched {summary.events_touched}, "
        f"undated read again by the story's day {getattr(summary, 'read_again', 0)}", highlight=False, soft_wrap=True)
    if summary.failed:
        raise typer.Exit(1)


class RateColumn(ProgressColumn):
    """Items per second over the last while (rich's own estimate), e.g. ``12.5 articles/s``."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f} {self.unit}/s")


class LeftColumn(ProgressColumn):
    """Time left at the present rate, when the total is known (else nothing)."""

    def render(self, task: Task) -> Text:
        left = task.time_remaining
        return Text("" if left is None or task.total is None else f"{int(left) // 60}:{int(left) % 60:02d} left")


def progress_bar(unit: str = "articles") -> Progress:
    """Progress counted in ``unit`` (articles, also inside one JSONL or WARC file), with the rate and,
    when a total is given, the time left; on stderr, and silent when stderr is not a terminal."""
    return Progress(TextColumn("{task.description:<40}"), BarColumn(), TextColumn("{task.completed} " + unit),
                    RateColumn(unit), LeftColumn(), TimeElapsedColumn(), console=err, transient=True,
                    disable=not sys.stderr.isatty(), speed_estimate_period=60)
