"""One ingest run: read paths, analyse new articles, store them and merge them into events, batch by batch.

A file that cannot be read is reported and counted, never fatal; each batch is written in one
transaction, so an interrupted run leaves whole batches and a re-run completes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from sidelines.errors import InputError
from sidelines.ingest import read_paths
from sidelines.ingest.language import ENGLISH
from sidelines.merge.cluster import EventBuilder
from sidelines.merge.incremental import merge_new
from sidelines.model import Article
from sidelines.pipeline import Analyser, Analysis
from sidelines.store import Store


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    duplicates: int = 0
    stored: int = 0
    mentions: int = 0
    reports: int = 0
    events_touched: int = 0
    failures: list[str] = field(default_factory=list)
    #: (article id, language) of each article stored without analysis: it is not in English.
    not_english: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


Progress = Callable[[IngestSummary, str], None]


def _new_articles(items: Iterable[Article | InputError], store: Store, summary: IngestSummary,
                  progress: Progress | None) -> Iterator[Article]:
    seen: set[str] = set()  # ids and texts of this run, not yet in the store
    for item in items:
        if isinstance(item, InputError):
            summary.failures.append(str(item))
            if progress:
                progress(summary, item.what)
            continue
        summary.read += 1
        if item.id in seen or item.content_hash in seen or store.known(item) == "same":
            summary.duplicates += 1
            if progress:
                progress(summary, item.id)
            continue
        seen |= {item.id, item.content_hash}
        yield item


def ingest(paths: Iterable[str | Path], store: Store, analyser: Analyser,
           progress: Progress | None = None) -> IngestSummary:
    """Ingest every article under ``paths`` (files, folders, or article URLs) into ``store``."""
    from sidelines.ingest.pages import is_url, read_urls  # network code only when asked for

    given = [str(p) for p in paths]
    urls = [p for p in given if is_url(p)]
    files = [p for p in given if not is_url(p)]
    items = chain(read_paths(files, analyser.settings), read_urls(urls, analyser.settings) if urls else ())
    return ingest_articles(items, store, analyser, progress)


def ingest_articles(items: Iterable[Article | InputError], store: Store, analyser: Analyser,
                    progress: Progress | None = None) -> IngestSummary:
    """Analyse and store what a reader yields: articles new to the store, batch by batch; errors counted."""
    summary = IngestSummary()
    settings = analyser.settings
    articles = _new_articles(items, store, summary, progress)
    analyses = analyser.analyse(articles)
    while batch := list(islice(analyses, settings.store_batch)):
        store_batch(batch, store, analyser.events, summary, progress)
    return summary


def write_batch(batch: Sequence[Analysis], store: Store, builder: EventBuilder, keep_articles: bool = False) -> int:
    """One batch in one transaction: the articles and what they yield, then the merge stage's plan for
    the events they touch. Returns the number of events written."""
    with store.transaction():
        return write_in_transaction(batch, store, builder, keep_articles)


def write_in_transaction(batch: Sequence[Analysis], store: Store, builder: EventBuilder,
                         keep_articles: bool = False) -> int:
    """``write_batch`` inside a transaction the caller holds (re-analysis replaces a whole store at once)."""
    rebuild = store.add(batch, keep_articles=keep_articles)
    plan = merge_new([r for a in batch for r in a.reports], store, builder, rebuild)
    return store.apply(plan)


def store_batch(batch: list[Analysis], store: Store, builder: EventBuilder, summary: IngestSummary,
                progress: Progress | None = None) -> None:
    """Write one batch of analysed articles (one transaction) and count it in ``summary``."""
    summary.events_touched += write_batch(batch, store, builder)
    for analysis in batch:
        summary.stored += 1
        if analysis.article.language != ENGLISH:
            summary.not_english.append((analysis.article.id, analysis.article.language))
        summary.mentions += len(analysis.mentions)
        summary.reports += len(analysis.reports)
        if progress:
            progress(summary, analysis.article.id)
