"""`sidelines load`: bring the Parquet output of a Spark run into a DuckDB store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sidelines.cli.common import report_summary
from sidelines.config import DEFAULT_DB, Settings
from sidelines.errors import SidelinesError


def load(
    directory: Annotated[Path, typer.Argument(help="The --out folder of `sidelines ingest --engine spark`.")],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB database file.")] = DEFAULT_DB,
    knowledge: Annotated[list[Path] | None, typer.Option(help="Extra knowledge data folder.")] = None,
) -> None:
    """Load a Spark run's articles, mentions, reports and quotes into DB and merge them into events."""
    from sidelines.engines.load import load as load_output
    from sidelines.knowledge.codes import CodeBook
    from sidelines.merge.cluster import EventBuilder
    from sidelines.store import Store

    err = Console(stderr=True)
    settings = Settings(knowledge_paths=tuple(knowledge or ()))
    try:
        builder = EventBuilder(CodeBook.load(extra_dirs=settings.knowledge_paths))
        with Store.open(db, memory=settings.store_memory) as store:
            summary = load_output(directory, store, builder, batch=settings.store_batch)
    except SidelinesError as exc:
        err.print(f"[red]{exc}[/red]", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    report_summary(summary)
