"""`sidelines watch FEED_URL...`: poll feeds and ingest their new entries as they appear."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sidelines.config import DEFAULT_DB, Settings
from sidelines.errors import SidelinesError
from sidelines.feeds.watch import Watch, parse_every
from sidelines.ingest.fetch import USER_AGENT, Fetcher, Politeness


def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed addresses.")],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB database file.")] = DEFAULT_DB,
    every: Annotated[str, typer.Option(help="Time between polls: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and stop.")] = False,
    polls: Annotated[int | None, typer.Option(help="Stop after this many polls.")] = None,
    delay: Annotated[float, typer.Option(help="Seconds between two requests to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a server.")] = 20.0,
    retries: Annotated[int, typer.Option(help="Further tries after a timeout or a 5xx.")] = 2,
    max_bytes: Annotated[int, typer.Option(help="Largest response read, in bytes.")] = 10_000_000,
    user_agent: Annotated[str, typer.Option(help="The User-Agent sent (name yourself).")] = USER_AGENT,
    knowledge: Annotated[list[Path] | None, typer.Option(help="Extra knowledge data folder.")] = None,
) -> None:
    """Poll RSS/Atom feeds and ingest the pages of new entries into DB, each exactly once."""
    out, err = Console(), Console(stderr=True)
    try:
        interval = parse_every(every)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--every") from None
    limit = 1 if once else polls
    politeness = Politeness(user_agent=user_agent, delay=delay, timeout=timeout, retries=retries,
                            max_bytes=max_bytes)
    failed = False
    try:
        failed = _run(feeds, db, interval, limit, politeness, tuple(knowledge or ()), out, err)
    except SidelinesError as error:
        err.print(f"[red]{error}[/red]", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print("stopped; the next watch goes on from here", highlight=False)
    if failed and limit is not None:
        raise typer.Exit(1)


def _run(feeds: list[str], db: Path, every: float, polls: int | None, politeness: Politeness,
         knowledge: tuple[Path, ...], out: Console, err: Console) -> bool:
    """Poll until done; returns whether anything failed."""
    from sidelines.pipeline import Analyser
    from sidelines.store import Store

    failed = False
    with Store.open(db) as store, Fetcher(politeness) as fetcher:
        err.print("loading the language model and knowledge base ...", highlight=False)
        analyser = Analyser.load(Settings(knowledge_paths=knowledge))
        watching = Watch(feeds, store, analyser, fetcher, notify=lambda line: _say(line, out, err))
        for summary in watching.run(every, polls):
            out.print(summary.line(), highlight=False, markup=False, soft_wrap=True)
            failed = failed or bool(summary.failures)
    return failed


def _say(line: str, out: Console, err: Console) -> None:
    console = out if line.startswith("new ") else err
    console.print(line, highlight=False, markup=False, soft_wrap=True)
