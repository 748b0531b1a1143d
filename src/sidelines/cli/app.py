"""The command line: a thin layer over the library. Errors become one line and an exit code."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from sidelines.cli.common import (
    DbOption,
    err,
    open_for_reading,
    out,
    output_file,
    progress_bar,
    report_summary,
    reports_errors,
)
from sidelines.cli.compare import compare
from sidelines.cli.engines import load
from sidelines.cli.feeds import watch
from sidelines.cli.web import serve
from sidelines.config import DEFAULT_DB, Settings
from sidelines.errors import OutputError
from sidelines.export import events as exporting
from sidelines.model import Event
from sidelines.store import Filters, Store

PROSPECT_STATUSES = ("planned", "cancelled", "postponed", "declined")

app = typer.Typer(help="Turn news about diplomacy into a clean, queryable record of engagements.",
                  no_args_is_help=True, add_completion=False)


@app.command()
@reports_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files and folders (.txt, .html, .jsonl, .warc), or article URLs.")],
    db: DbOption = DEFAULT_DB,
    knowledge: Annotated[list[Path] | None, typer.Option(help="Extra knowledge data folder.")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes for the analysis (on Linux they share one model load).")] = 1,
    engine: Annotated[str, typer.Option(help="local (this machine) or spark.")] = "local",
    out_dir: Annotated[Path | None, typer.Option("--out", help="Parquet folder for --engine spark.")] = None,
    master: Annotated[str, typer.Option(help="Spark master for --engine spark.")] = "local[*]",
) -> None:
    """Read articles, find engagements, and merge them into the events of DB (or, with --engine spark,
    into Parquet that `sidelines load` brings into DB)."""
    settings = Settings(knowledge_paths=tuple(knowledge or ()))
    if engine not in ("local", "spark"):
        raise typer.BadParameter("engine must be local or spark")
    if engine == "spark":
        _ingest_spark(paths, settings, out_dir, master, db)
        return
    with Store.open(db, memory=settings.store_memory) as store:
        err.print("loading the language model and knowledge base ...", highlight=False)
        with progress_bar() as bar:
            task = bar.add_task("ingest", total=None)

            def advance(summary: Any, label: str) -> None:
                bar.update(task, completed=summary.read + summary.failed, description=label[:40])

            summary = _ingest_local(paths, store, settings, workers, advance)
    report_summary(summary)


def _ingest_local(paths: list[str], store: Store, settings: Settings, workers: int, advance: Any) -> Any:
    if workers > 1:
        from sidelines.engines.local import ingest_parallel

        return ingest_parallel(paths, store, settings, workers, advance)
    from sidelines.ingest.run import ingest as run_ingest
    from sidelines.pipeline import Analyser

    return run_ingest(paths, store, Analyser.load(settings), advance)


def _ingest_spark(paths: list[str], settings: Settings, out_dir: Path | None, master: str, db: Path) -> None:
    if out_dir is None:
        raise typer.BadParameter("--engine spark needs --out DIR")
    from sidelines.engines import spark as spark_engine

    session = spark_engine.session(master)
    try:
        result = spark_engine.run(session, paths, out_dir, settings)
    finally:
        session.stop()
    out.print(f"files {result.files}, read {result.read}, skipped as duplicate {result.duplicates}, "
              f"failed {result.failed}, analysed {result.stored}, mentions {result.mentions}, "
              f"reports {result.reports}; now run `sidelines load {out_dir} --db {db}`", highlight=False)
    if result.failed:
        raise typer.Exit(1)






@app.command()
@reports_errors
def reanalyse(
    db: DbOption = DEFAULT_DB,
    since: Annotated[str | None, typer.Option(help="Only articles published on or after this ISO date.")] = None,
    article: Annotated[str | None, typer.Option(help="Only the article with this id.")] = None,
    knowledge: Annotated[list[Path] | None, typer.Option(help="Extra knowledge data folder.")] = None,
) -> None:
    """Run extraction, resolution and merging again over stored articles with the current code and
    knowledge base (sources are not re-read); the derived records are replaced in one transaction."""
    from sidelines.ingest.reanalyse import reanalyse as run_reanalyse
    from sidelines.pipeline import Analyser

    settings = Settings(knowledge_paths=tuple(knowledge or ()))
    with Store.open(db, memory=settings.store_memory) as store:
        err.print("loading the language model and knowledge base ...", highlight=False)
        analyser = Analyser.load(settings)
        with progress_bar(unit="articles") as bar:
            task = bar.add_task("reanalyse", total=None)
            summary = run_reanalyse(store, analyser, since, article,
                                    lambda done, total: bar.update(task, completed=done, total=total))
    out.print(f"re-analysed {summary.articles} articles: mentions {summary.mentions}, reports {summary.reports}, "
              f"quotes {summary.quotes}; events {summary.events_before} -> {summary.events_after}", highlight=False)


@app.command()
@reports_errors
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of a name.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-3 code of a participant.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="MEET, VISIT, HOST, NEGOTIATE, CALL, SIGN.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest date, ISO.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest date, ISO.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
) -> None:
    """The engagements table."""
    with open_for_reading(db) as store:
        found = store.events(Filters(actor=actor, country=country, type=type, since=since, until=until), limit)
    table = Table(title=f"{len(found)} engagements", show_lines=False)
    for column in ("id", "date", "type", "participants", "place", "occasion", "sources"):
        table.add_column(column, overflow="fold")
    for event in found:
        table.add_row(*_row(event))
    out.print(table)


def _row(event: Event) -> tuple[str, ...]:
    where = event.where
    place = ", ".join(x for x in (where.city, where.country) if x) if where else ""
    return (
        event.id[:10],
        f"{event.when.value or '?'} ({event.when.basis or 'unknown'})",
        event.type,
        "; ".join(f"{p.name} ({p.country or '?'})" for p in event.participants),
        place,
        event.occasion.name if event.occasion else "",
        ", ".join(f"{s.article_id}{'*' if s.role == 'main' else ''}" for s in event.sources),
    )


@app.command()
@reports_errors
def show(event_id: Annotated[str, typer.Argument(help="An event id (or its first characters).")],
         db: DbOption = DEFAULT_DB) -> None:
    """Every field of one event, its evidence, and how it was decided."""
    with open_for_reading(db) as store:
        event = store.event(event_id)
    for line in describe(event):
        out.print(line, highlight=False, markup=False)


def describe(event: Event) -> list[str]:
    lines = [f"event {event.id}: {event.type} (CAMEO {event.cameo}, Goldstein {event.goldstein}, PLOVER {event.plover})"]
    lines.append("participants:")
    for p in event.participants:
        lines.append(f"  - {p.name} [{p.country or '?'}] actor={p.actor_id or 'unlinked'} role={p.role or '-'} "
                     f"linked by {p.link_basis or '-'}" + (f' from "{p.span.text}"' if p.span else ""))
    when = event.when
    lines.append(f"date: {when.value or 'unknown'} precision={when.precision or '-'} basis={when.basis or '-'}")
    if when.span:
        lines.append(f'  evidence: "{when.span.text}" in {when.span.article_id} {when.span.field}[{when.span.start}:{when.span.end}]')
    if when.note:
        lines.append(f"  note: {when.note}")
    where = event.where
    if where:
        lines.append(f"place: {where.city or '-'}, {where.country or '-'} ({where.lat}, {where.lon}) basis={where.basis}")
        if where.span:
            lines.append(f'  evidence: "{where.span.text}" in {where.span.article_id} '
                         f"{where.span.field}[{where.span.start}:{where.span.end}]")
    else:
        lines.append("place: unknown")
    if event.occasion:
        o = event.occasion
        lines.append(f"occasion: {o.name} ({o.start} to {o.end}, {o.city}) basis={o.basis}")
    for note in event.disagreements:
        lines.append(f"reports disagree on {note}")
    lines.append("sources:")
    for s in event.sources:
        lines.append(f"  - {s.article_id} ({s.outlet or 'unknown outlet'}) role={s.role}")
        for e in s.evidence:
            lines.append(f'      {e.field}[{e.start}:{e.end}] "{e.text.strip()}"')
    return lines


@app.command()
@reports_errors
def prospects(
    db: DbOption = DEFAULT_DB,
    status: Annotated[str | None, typer.Option(help="planned, cancelled, postponed or declined.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of a name.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
) -> None:
    """Engagements that were announced, planned, cancelled, postponed or declined (not events), with
    the words that say so."""
    if status is not None and status not in PROSPECT_STATUSES:
        raise typer.BadParameter(f"status must be one of {', '.join(PROSPECT_STATUSES)}")
    with open_for_reading(db) as store:
        found = store.prospects(status, actor, limit)
    table = Table(title=f"{len(found)} engagements that did not (or not yet) take place", show_lines=False)
    for column in ("status", "date", "type", "participants", "place", "sources", "evidence"):
        table.add_column(column, overflow="fold")
    for event in found:
        place = ", ".join(x for x in (event.where.city, event.where.country) if x) if event.where else ""
        evidence = event.sources[0].evidence[0].text.strip() if event.sources and event.sources[0].evidence else ""
        table.add_row(event.status, event.when.value or "?", event.type,
                      "; ".join(f"{p.name} ({p.country or '?'})" for p in event.participants), place,
                      ", ".join(s.article_id for s in event.sources), evidence[:160])
    out.print(table)


@app.command()
@reports_errors
def actors(
    search: Annotated[str | None, typer.Argument(help="Part of a name, alias or id.")] = None,
    office: Annotated[str | None, typer.Option(help="An office, by key or title: head_of_government, "
                                                     "'foreign minister', 'president'.")] = None,
    on: Annotated[str | None, typer.Option(help="With --office: who held it on this day (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, typer.Option(help="With --office: one country or organisation (ISO3 "
                                                      "code or name).")] = None,
    knowledge: Annotated[list[Path] | None, typer.Option(help="Extra knowledge data folder.")] = None,
) -> None:
    """Known actors matching SEARCH, with their offices; or, with --office, who held an office on a day."""
    from sidelines.errors import NotFound
    from sidelines.knowledge.actors import ActorTable

    table_of = ActorTable.load(tuple(knowledge or ()))
    if office is None:
        if search is None:
            raise NotFound("actors", "nothing to look for", "give part of a name, or --office (with --on)")
        table = Table(title=f"actors matching {search!r}")
        for column in ("id", "name", "country", "offices"):
            table.add_column(column, overflow="fold")
        for actor in table_of.search(search):
            table.add_row(actor.id, actor.name, actor.country, "; ".join(_office(o) for o in actor.offices))
        out.print(table)
        return
    key = office if office in table_of.office_kinds else table_of.office_of(office)
    if key is None:
        raise NotFound(office, "no such office", f"use one of: {', '.join(sorted(table_of.office_kinds))}")
    day = _day(on)
    code = _country_code(country, knowledge) if country else None
    table = Table(title=f"{key} on {on or 'any day'}" + (f" in {code}" if code else ""))
    for column in ("country", "id", "name", "title", "from", "to"):
        table.add_column(column, overflow="fold")
    for actor, held in table_of.in_office(key, day, code):
        table.add_row(held.country, actor.id, actor.name, held.title, str(held.start or "?"), str(held.end or "now"))
    out.print(table)


def _day(text: str | None) -> date | None:
    from sidelines.errors import QueryError

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise QueryError(text, "--on is not a day", "write it as YYYY-MM-DD, e.g. 2020-05-01") from None


def _country_code(name: str, knowledge: list[Path] | None) -> str:
    from sidelines.errors import NotFound
    from sidelines.knowledge.countries import CountryTable

    countries = CountryTable.load(tuple(knowledge or ()))
    found = countries.by_code.get(name.upper()) or countries.find(name)
    if found is None:
        raise NotFound(name, "no such country or organisation", "give its ISO3 code (KEN) or its name (Kenya)")
    return found.iso3


def _office(office: Any) -> str:
    return f"{office.title} ({office.country}) {office.start or '?'} to {office.end or 'now'}"


@app.command()
@reports_errors
def actor(
    actor_id: Annotated[str, typer.Argument(help="An actor id, as `sidelines actors` lists them.")],
    db: DbOption = DEFAULT_DB,
    knowledge: Annotated[list[Path] | None, typer.Option(help="Extra knowledge data folder.")] = None,
) -> None:
    """One actor: offices held, and the engagements found in DB with their counterparts."""
    from sidelines.errors import NotFound
    from sidelines.knowledge.actors import ActorTable

    person = ActorTable.load(tuple(knowledge or ())).by_id.get(actor_id)
    if person is None:
        raise NotFound(actor_id, "no such actor", "find the id with `sidelines actors NAME`")
    out.print(f"{person.name} [{person.country}] {person.code}  aliases: {', '.join(person.aliases) or '-'}",
              highlight=False)
    for office in person.offices:
        out.print(f"  {_office(office)}", highlight=False)
    found: list[Event] = []
    if db.exists():
        with open_for_reading(db) as store:
            found = store.events(Filters(actor=actor_id))
    table = Table(title=f"{len(found)} engagements in {db}")
    for column in ("id", "date", "type", "participants", "place", "occasion", "sources"):
        table.add_column(column, overflow="fold")
    for event in found:
        table.add_row(*_row(event))
    out.print(table)


kb = typer.Typer(help="Grow the knowledge base from public actor dictionaries.", no_args_is_help=True)
app.add_typer(kb, name="kb")


@kb.command("import")
@reports_errors
def kb_import(
    source: Annotated[Path, typer.Argument(help="A Phoenix/PETRARCH .actors.txt file or a Wikidata SPARQL JSON.")],
    format: Annotated[str, typer.Option("--format", help="phoenix or wikidata.")] = "phoenix",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write actors_<format>.jsonl in.")] = Path("knowledge"),
) -> None:
    """Import actors into a knowledge folder; use it with --knowledge DIR."""
    from sidelines.knowledge.importers import ImportReport, import_phoenix, import_wikidata, write_actors

    if format not in ("phoenix", "wikidata"):
        raise typer.BadParameter("format must be phoenix or wikidata")
    report = ImportReport()
    rows = (import_phoenix if format == "phoenix" else import_wikidata)(source, report)
    written = write_actors(rows, out_dir, name=format)
    out.print(f"{written.rows} actors written to {written.path}; {len(written.known)} already known, "
              f"{len(written.renamed)} renamed, {len(report.malformed)} malformed lines, "
              f"{len(report.skipped)} entries skipped", highlight=False)


@app.command("export")
@reports_errors
def export_events(
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", help="json, csv, parquet, gdelt or plover.")] = "json",
    out_file: Annotated[Path | None, typer.Option("--out", help="Output file (stdout when omitted).")] = None,
    table: Annotated[str, typer.Option("--table", help="events or quotes.")] = "events",
) -> None:
    """Export events (or quotes) in the contract's shapes."""
    out_file = output_file(out_file)
    if format in ("gdelt", "plover"):
        _export_coded(db, format, out_file)
        return
    if format not in exporting.FORMATS:
        raise typer.BadParameter(f"format must be one of {', '.join(exporting.FORMATS)}, gdelt, plover")
    if table not in ("events", "quotes"):
        raise typer.BadParameter("table must be events or quotes")
    if table == "quotes":
        _export_quotes(db, format, out_file)
        return
    with open_for_reading(db) as store:
        found = store.events()
    if format == "parquet":
        if out_file is None:
            raise typer.BadParameter("parquet needs --out FILE")
        exporting.to_parquet(found, out_file)
        return
    text = exporting.to_json(found) if format == "json" else exporting.to_csv(found)
    _write(text, out_file)
    err.print(f"{len(found)} events written to {out_file or 'stdout'}", highlight=False)


def _export_coded(db: Path, format: str, out_file: Path | None) -> None:
    """CAMEO dyads as a GDELT-2.0-like table, or PLOVER records, with the verbal events."""
    from sidelines.export.coded import export_coded
    from sidelines.knowledge import KnowledgeBase
    from sidelines.store.verbal import load_verbal

    with open_for_reading(db) as store:
        found, verbal = store.events(), load_verbal(store.db)
    text = export_coded(found, KnowledgeBase.load(), verbal, format)
    _write(text, out_file)
    err.print(f"{len(found)} events, {len(verbal)} verbal events written to {out_file or 'stdout'}", highlight=False)


def _write(text: str, out_file: Path | None) -> None:
    if out_file is None:
        sys.stdout.write(text)
        return
    try:
        out_file.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(str(out_file), f"cannot be written ({error.strerror or error})") from None


def _export_quotes(db: Path, format: str, out_file: Path | None) -> None:
    if format == "parquet":
        raise typer.BadParameter("quotes export as json or csv")
    with open_for_reading(db) as store:
        quotes = store.quotes()
    text = exporting.quotes_to_json(quotes) if format == "json" else exporting.quotes_to_csv(quotes)
    _write(text, out_file)
    err.print(f"{len(quotes)} quotes written to {out_file or 'stdout'}", highlight=False)




for command in (serve, watch, compare, load):  # commands that live in modules of their own
    app.command()(command)
