"""The poll loop: each poll asks every feed for what changed, fetches the pages of its new entries,
and ingests them; a bad feed or page is reported with its reason and the others go on.

Feeds are asked conditionally (ETag / Last-Modified from the fetch log), and an entry whose page is
in the log is not fetched again, so the same entry is never ingested twice, across restarts too.
The log row of a page is written after its article is stored: a run stopped in between fetches
that page again next time, and the store's content-derived ids keep it from being stored twice.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import count, islice

from sidelines.errors import InputError
from sidelines.feeds.feeds import Feed, parse_feed
from sidelines.feeds.log import FetchLog, Kind, Pending
from sidelines.ingest import checked
from sidelines.ingest.fetch import Fetched, Fetcher
from sidelines.ingest.pages import normalise, page_article
from sidelines.ingest.run import FAILED, analyse_guarded, is_failed, write_guarded
from sidelines.model import Article
from sidelines.pipeline import Analyser
from sidelines.store import Store

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_EVERY = re.compile(r"(?:\d+(?:\.\d+)?[smhd])+")
Notify = Callable[[str], None]


def parse_every(text: str) -> float:
    """Seconds in ``30s``, ``15m``, ``1h``, ``1h30m``, ``1d``; raises ValueError for anything else."""
    compact = text.strip().lower().replace(" ", "")
    if not _EVERY.fullmatch(compact):
        raise ValueError(f"{text!r} is not an interval; write a number and s, m, h or d, e.g. 30s, 15m, 1h")
    seconds = sum(float(n) * UNITS[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)([smhd])", compact))
    if seconds <= 0:
        raise ValueError(f"{text!r} is not a positive interval")
    return seconds


@dataclass(slots=True)
class PollSummary:
    number: int
    feeds: int = 0
    not_modified: int = 0
    entries: int = 0  # entries listed by the feeds that answered with content
    fetched: int = 0  # pages fetched in this poll
    new: list[Article] = field(default_factory=list)
    duplicates: int = 0  # pages fetched whose article was already stored
    failures: list[str] = field(default_factory=list)
    events_touched: int = 0

    def line(self) -> str:
        return (f"poll {self.number}: {self.feeds} feeds ({self.not_modified} not modified), "
                f"{self.entries} entries, {self.fetched} pages fetched, {len(self.new)} new, "
                f"{self.duplicates} already stored, {len(self.failures)} failed, "
                f"{self.events_touched} events touched")


@dataclass(frozen=True, slots=True)
class _Page:
    fetched: Fetched
    article: Article
    feed_url: str
    feed_date: date | None


class Watch:
    """Poll ``feeds`` into ``store``; ``notify`` gets one line per new article and per failure."""

    def __init__(self, feeds: Sequence[str], store: Store, analyser: Analyser, fetcher: Fetcher, *,
                 notify: Notify | None = None, max_attempts: int = 3) -> None:
        self.feeds = [normalise(url) for url in feeds]
        self.store = store
        self.analyser = analyser
        self.fetcher = fetcher
        self.log = FetchLog(store.db)
        self.notify = notify or (lambda line: None)
        self.max_attempts = max_attempts

    def run(self, every: float, polls: int | None = None,
            sleep: Callable[[float], None] = time.sleep) -> Iterator[PollSummary]:
        """Poll, then wait ``every`` seconds, for ``polls`` polls (for ever when None)."""
        for number in count(1):
            yield self.poll(number)
            if polls is not None and number >= polls:
                return
            sleep(every)

    def poll(self, number: int = 1) -> PollSummary:
        summary = PollSummary(number)
        for url in self.feeds:
            summary.feeds += 1
            self._poll_feed(url, summary)
        return summary

    def _poll_feed(self, url: str, summary: PollSummary) -> None:
        record = self.log.get(url)
        try:
            fetched = self.fetcher.get(url, record.validators if record else None)
            feed = None if fetched.not_modified else parse_feed(fetched)
        except InputError as error:
            self._failed(summary, url, "feed", error)
            return
        if feed is None:
            summary.not_modified += 1
            self.log.not_modified(url)
        pages = self._fetch_pages(self._todo(url, feed, summary), url, summary)
        self._ingest(pages, summary)
        if feed is not None:  # last, so a run stopped half-way reads the whole feed again
            self.log.fetched(url, "feed", fetched)

    def _todo(self, feed_url: str, feed: Feed | None, summary: PollSummary) -> list[tuple[Pending, str | None]]:
        """The entries whose pages are not in the log, then earlier transient failures to try again."""
        todo: dict[str, tuple[Pending, str | None]] = {}
        for entry in feed.entries if feed else ():
            summary.entries += 1
            link = normalise(entry.link)
            if link not in todo and self.log.needs_fetch(link, self.max_attempts):
                todo[link] = (Pending(link, entry.published), entry.published_raw)
        for pending in self.log.pending(feed_url, self.max_attempts):
            todo.setdefault(pending.url, (pending, None))
        return list(todo.values())

    def _fetch_pages(self, todo: list[tuple[Pending, str | None]], feed_url: str,
                     summary: PollSummary) -> list[_Page]:
        pages = []
        settings = self.analyser.settings
        for pending, raw_date in todo:
            try:
                fetched = self.fetcher.get(pending.url)
                summary.fetched += 1
                article = checked(page_article(fetched, settings, pending.feed_date, raw_date))
                if isinstance(article, InputError):
                    raise article
            except InputError as error:
                self._failed(summary, pending.url, "page", error, feed_url, pending.feed_date)
                continue
            pages.append(_Page(fetched, article, feed_url, pending.feed_date))
        return pages

    def _ingest(self, pages: list[_Page], summary: PollSummary) -> None:
        fresh: dict[str, _Page] = {}
        for page in pages:
            if page.article.id in fresh or self.store.known(page.article) == "same":
                summary.duplicates += 1
                self._logged(page)
            else:
                fresh[page.article.id] = page
        # one bad page costs one page: it is kept as failed (and tried again later), the others go on
        analyses = analyse_guarded((page.article for page in fresh.values()), self.analyser)
        while batch := list(islice(analyses, self.analyser.settings.store_batch)):
            outcomes, events = write_guarded(batch, self.store, self.analyser.events)
            summary.events_touched += events
            for analysis in outcomes:
                if is_failed(analysis):
                    line = (analysis.note or "").removeprefix(FAILED)
                    summary.failures.append(line)
                    self.notify(line)
                    continue
                page = fresh[analysis.article.id]
                self._logged(page)
                summary.new.append(page.article)
                self.notify(f"new {page.article.id}: {page.article.title or '(no title)'} <{page.fetched.final_url}>")

    def _logged(self, page: _Page) -> None:
        self.log.fetched(page.fetched.url, "page", page.fetched, article_id=page.article.id,
                         feed_url=page.feed_url, feed_date=page.feed_date)

    def _failed(self, summary: PollSummary, url: str, kind: Kind, error: InputError, feed_url: str | None = None,
                feed_date: date | None = None) -> None:
        summary.failures.append(str(error))
        self.notify(str(error))
        self.log.failed(url, kind, error, feed_url=feed_url, feed_date=feed_date)
