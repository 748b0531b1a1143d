"""What every command shares: the consoles, the --db option, errors as one line, the run summary."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from sidelines.errors import SidelinesError
from sidelines.ingest.language import not_analysed_note

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


def report_summary(summary: Any) -> None:
    """The failures and the articles not analysed one per line, then the counts; exit code 1 when
    anything failed (an article stored but not analysed, being in another language, is no failure)."""
    for failure in summary.failures:
        err.print(failure, highlight=False, soft_wrap=True, markup=False)
    not_english = getattr(summary, "not_english", [])
    for article_id, language in not_english:
        err.print(f"{article_id}: {not_analysed_note(language)}", highlight=False, soft_wrap=True,
                  markup=False)
    out.print(
        f"read {summary.read}, skipped as duplicate {summary.duplicates}, failed {summary.failed}, "
        f"stored {summary.stored}, not analysed (not English) {len(not_english)}, mentions {summary.mentions}, "
        f"reports {summary.reports}, events touched {summary.events_touched}", highlight=False, soft_wrap=True)
    if summary.failed:
        raise typer.Exit(1)


def progress_bar(unit: str = "files") -> Progress:
    return Progress(TextColumn("{task.description:<40}"), BarColumn(), TextColumn("{task.completed} " + unit),
                    TimeElapsedColumn(), console=err, transient=True, disable=not sys.stderr.isatty())
