"""Re-analysis: run extraction, resolution and merging again over stored articles, without re-reading sources.

Users need this each time the extractor or the knowledge base improves. The articles' own rows stay;
everything derived from them (mentions, reports, quotes, verbal events, and the events their reports
are in) is replaced. All of it happens in one transaction, so a run that is killed or fails leaves the
old records whole, and one that finishes leaves only new ones: never a mix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sidelines.ingest.run import analyses_dated_by_merging, write_in_transaction
from sidelines.pipeline import Analyser
from sidelines.store import Store

#: Called after each batch with (articles done, articles in all).
ReanalyseProgress = Callable[[int, int], None]


@dataclass(slots=True)
class ReanalyseSummary:
    articles: int = 0
    mentions: int = 0
    reports: int = 0
    quotes: int = 0
    events_before: int = 0
    events_after: int = 0


def reanalyse(store: Store, analyser: Analyser, since: str | None = None, article_id: str | None = None,
              progress: ReanalyseProgress | None = None) -> ReanalyseSummary:
    """Analyse the chosen stored articles again with the current code and knowledge, in one transaction."""
    ids = store.article_ids(since=since, article_id=article_id)
    summary = ReanalyseSummary(events_before=store.counts()["events"])
    batch_size = analyser.settings.store_batch
    with store.transaction():
        for start in range(0, len(ids), batch_size):
            batch = list(analyser.analyse(store.stored_articles(ids[start:start + batch_size])))
            write_in_transaction(batch, store, analyser.events, keep_articles=True)
            again = analyses_dated_by_merging([a.article.id for a in batch], store, analyser)
            write_in_transaction(again, store, analyser.events, keep_articles=True)
            summary.articles += len(batch)
            summary.mentions += sum(len(a.mentions) for a in batch)
            summary.reports += sum(len(a.reports) for a in batch)
            summary.quotes += sum(len(a.quotes) for a in batch)
            if progress:
                progress(summary.articles, len(ids))
    summary.events_after = store.counts()["events"]
    return summary
