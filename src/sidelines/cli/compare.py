"""`sidelines compare EVENT_ID`: the reports of one event side by side in the terminal (or as JSON)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sidelines.analysis.compare import Comparer, Comparison, ReportView, comparison_text
from sidelines.analysis.topics import TopicVocabulary
from sidelines.config import DEFAULT_DB
from sidelines.errors import SidelinesError
from sidelines.store import Store

#: Characters of a quote shown in a table cell.
QUOTE_CHARS = 160


def compare(
    event_id: Annotated[str, typer.Argument(help="An event id (or its first characters).")],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB database file.")] = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
    knowledge: Annotated[list[Path] | None, typer.Option(help="Extra knowledge data folder (topics*.csv).")] = None,
) -> None:
    """The reports of one event side by side: outlet, date, tone, quotes, topics, what only each says."""
    try:
        with Store.open(db, read_only=True) as store:
            comparison = Comparer(store, TopicVocabulary.load(tuple(knowledge or ())))(event_id)
    except SidelinesError as exc:
        Console(stderr=True).print(f"[red]{exc}[/red]", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if as_json:
        sys.stdout.write(comparison_text(comparison) + "\n")
        return
    console = Console()
    console.print(headline(comparison), highlight=False)
    console.print(side_by_side(comparison))


def headline(comparison: Comparison) -> Text:
    event = comparison.event
    people = " · ".join(f"{p.name} ({p.country or '?'})" for p in event.participants)
    where = event.where.city if event.where and event.where.city else "place unknown"
    occasion = f", {event.occasion.name}" if event.occasion else ""
    text = Text(f"{event.id}  {event.type}  {event.when.value or 'date unknown'}  {where}{occasion}\n", style="bold")
    text.append(f"{people}\n")
    text.append(f"{len(comparison.reports)} reports; topics: {', '.join(comparison.topics) or '-'}")
    return text


def side_by_side(comparison: Comparison) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("", style="bold", no_wrap=True)
    for report in comparison.reports:
        table.add_column(report.article_id, overflow="fold", ratio=1)
    rows = {
        "outlet": lambda r: f"{r.outlet or 'unknown outlet'}\n{r.title or ''}".strip(),
        "date": lambda r: r.published or "not given",
        "role": lambda r: r.role,
        "tone": _tone,
        "topics": _topics,
        "quotes": lambda r: _quotes(r.quotes) or "none at this event",
        "its words": lambda r: ", ".join(t.text for t in r.framing.terms) or "-",
        "only here": _only,
    }
    for label, cell in rows.items():
        table.add_row(label, *(cell(r) for r in comparison.reports))
    return table


def _tone(report: ReportView) -> str:
    t = report.framing.tone
    return f"{t.label} {t.compound:+.2f}\n(pos {t.positive:.2f}, neg {t.negative:.2f}; {t.sentences} sentences)"


def _topics(report: ReportView) -> str:
    about = ", ".join(t.topic for t in report.topics) or "-"
    other = ", ".join(t.topic for t in report.other_topics)
    return about + (f"\nelsewhere in the article: {other}" if other else "")


def _quotes(quotes: tuple) -> str:  # type: ignore[type-arg]
    lines = []
    for q in quotes:
        words = q.text if len(q.text) <= QUOTE_CHARS else q.text[:QUOTE_CHARS].rstrip() + "…"
        marks = ("“", "”") if q.direct else ("", " (reported)")
        lines.append(f"{q.speaker.name}: {marks[0]}{words.strip()}{marks[1]}")
    return "\n".join(lines)


def _only(report: ReportView) -> str:
    f = report.framing
    parts = []
    if f.only_topics:
        parts.append("topics: " + ", ".join(f.only_topics))
    if f.only_participants:
        parts.append("people: " + ", ".join(f.only_participants))
    if f.only_quotes:
        parts.append("quotes:\n" + _quotes(f.only_quotes))
    return "\n".join(parts) or "nothing the others omit"
