"""A watch over the local site: new entries of each poll ingested exactly once, across a restart;
every bad source gives its one-line reason and the others are still ingested."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from sidelines.feeds.log import FetchLog
from sidelines.feeds.watch import Watch, parse_every
from sidelines.ingest.fetch import Fetcher, Politeness
from sidelines.ingest.pages import article_id
from sidelines.store import Store
from tests.feeds.conftest import FAST

Start = Callable[..., tuple[Watch, list[str]]]


@pytest.fixture
def start(site, tmp_path, analyser) -> Iterator[Start]:
    """Start a watch as a new process would: its own store connection and fetcher, and stop the last one."""
    opened: list[tuple[Store, httpx.Client]] = []

    def stop() -> None:
        while opened:
            store, client = opened.pop()
            client.close()
            store.close()

    def begin(*paths: str, politeness: Politeness = FAST) -> tuple[Watch, list[str]]:
        stop()
        store = Store.open(tmp_path / "watch.duckdb")
        client = httpx.Client(trust_env=False)
        opened.append((store, client))
        fetcher = Fetcher(politeness, client=client)
        lines: list[str] = []
        return Watch([site.url(p) for p in paths], store, analyser, fetcher, notify=lines.append), lines

    yield begin
    stop()


def ids(site, *paths: str) -> set[str]:
    return {article_id(site.url(p)) for p in paths}


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400),
                                           ("1d", 86400), ("0.5m", 30), (" 2 h ", 7200)])
def test_parse_every(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "15", "m", "15 minutes", "-5m", "0s", "1w"])
def test_parse_every_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError, match="interval"):
        parse_every(text)


def test_new_entries_are_ingested_exactly_once_across_a_restart(site, start):
    watching, lines = start("/feeds/news.xml", "/feeds/atom.xml")
    first = watching.poll(1)
    assert first.failures == [] and first.entries == 4  # the Beijing page is in both feeds
    assert {a.id for a in first.new} == ids(site, "/articles/xi-putin-beijing.html",
                                            "/articles/blinken-xi-beijing.html", "/articles/biden-xi-woodside.html")
    assert len(lines) == 3 and all(line.startswith("new ") for line in lines)

    site.stage = 2  # the news feed gains two entries; then the watch is restarted
    watching, lines = start("/feeds/news.xml", "/feeds/atom.xml")
    second = watching.poll(2)
    assert {a.id for a in second.new} == ids(site, "/articles/wang-lavrov-vientiane.html",
                                             "/articles/blinken-lavrov-delhi.html")
    assert (second.not_modified, second.fetched, second.duplicates) == (1, 2, 0)  # the Atom feed: 304

    third = watching.poll(3)
    assert (third.not_modified, third.fetched, third.new) == (2, 0, [])
    for page in ("xi-putin-beijing", "blinken-xi-beijing", "biden-xi-woodside", "wang-lavrov-vientiane",
                 "blinken-lavrov-delhi"):
        assert site.hits[f"/articles/{page}.html"] == 1, page
    assert site.hits["/robots.txt"] == 2  # once per process
    store = watching.store
    assert store.counts()["articles"] == 5 and store.counts()["events"] > 0


def test_articles_keep_url_outlet_and_the_feed_date(site, start):
    watching, _ = start("/feeds/news.xml")
    watching.poll()
    url = site.url("/articles/xi-putin-beijing.html")
    stored = watching.store.article(article_id(url))
    assert stored is not None
    assert (stored["url"], stored["outlet"], str(stored["published"]), stored["published_basis"]) == (
        url, "127.0.0.1", "2024-05-16", "feed")
    record = FetchLog(watching.store.db).get(url)
    assert record is not None and record.article_id == article_id(url) and record.etag and record.status == 200


FEED_FAILURES = {
    "/feeds/not-a-feed.txt": "not an RSS or Atom feed (text/plain",
    "/articles/biden-xi-woodside.html": "not an RSS or Atom feed (text/html",
    "/missing-feed.xml": "HTTP 404 Not Found",
    "/error?as=feed": "HTTP 500 Internal Server Error",
    "/slow?as=feed": "timed out after 0.5 s",
    "/loop/a?as=feed": "redirect loop",
    "/huge?as=feed": "more than 1,000,000 bytes",
}
PAGE_FAILURES = {
    "/missing.html": "HTTP 404 Not Found",
    "/error": "HTTP 500 Internal Server Error",
    "/slow": "timed out after 0.5 s",
    "/loop/a": "redirect loop",
    "/huge": "more than 1,000,000 bytes",
    "/files/briefing.pdf": "not an HTML page (application/pdf)",
    "/private/draft.html": "robots.txt of http://127.0.0.1:",
}


def test_every_bad_source_gives_its_one_line_reason_and_the_others_are_ingested(site, start):
    watching, lines = start("/feeds/mixed.xml", *FEED_FAILURES, "/feeds/news.xml")
    summary = watching.poll()
    assert {a.id for a in summary.new} == ids(site, "/go/modi", "/articles/xi-putin-beijing.html",
                                              "/articles/blinken-xi-beijing.html")
    assert len(summary.failures) == len(FEED_FAILURES) + len(PAGE_FAILURES)
    for path, reason in {**FEED_FAILURES, **PAGE_FAILURES}.items():
        [line] = [f for f in summary.failures if f.split(": ")[1] == site.url(path)]
        assert reason in line and "\n" not in line and line.startswith("E06"), line
    assert [line for line in lines if not line.startswith("new ")] == summary.failures


def test_lasting_failures_are_not_fetched_again_and_passing_ones_are(site, start):
    watching, _ = start("/feeds/mixed.xml")
    watching.poll(1)
    watching.poll(2)  # the feed answers 304; the 500 and the timeout are tried again, the rest is settled
    assert site.hits["/feeds/mixed.xml"] == 2
    for path in ("/missing.html", "/loop/a", "/huge", "/files/briefing.pdf"):
        assert site.hits[path] == 1, path
    assert site.hits["/private/draft.html"] == 0
    assert site.hits["/error"] == 2 * (FAST.retries + 1)
    assert site.hits["/go/modi"] == 1


def test_a_page_that_failed_for_a_while_is_ingested_on_a_later_poll(site, start):
    watching, _ = start("/feeds/retry.xml", politeness=replace(FAST, retries=0))
    first = watching.poll(1)
    assert first.new == [] and "HTTP 500" in first.failures[0]
    second = watching.poll(2)
    assert second.not_modified == 1 and [a.id for a in second.new] == [
        article_id(site.url("/flaky/articles/xi-putin-beijing.html"))]
    assert second.new[0].published_basis == "feed"
    assert watching.poll(3).fetched == 0


def test_run_sleeps_between_polls_and_stops(site, start):
    watching, _ = start("/feeds/news.xml")
    sleeps: list[float] = []
    summaries = list(watching.run(every=900, polls=3, sleep=sleeps.append))
    assert [s.number for s in summaries] == [1, 2, 3] and sleeps == [900, 900]
    assert [len(s.new) for s in summaries] == [2, 0, 0]


def test_the_watch_command(site, tmp_path, analyser, monkeypatch):
    from sidelines.cli import app
    from sidelines.pipeline import Analyser

    monkeypatch.setattr(Analyser, "load", classmethod(lambda cls, settings=None: analyser))
    db: Path = tmp_path / "cli.duckdb"
    options = ["--db", str(db), "--delay", "0", "--timeout", "1"]
    news, not_a_feed = site.url("/feeds/news.xml"), site.url("/feeds/not-a-feed.txt")
    result = CliRunner().invoke(app, ["watch", news, not_a_feed, *options, "--once"])
    assert result.exit_code == 1, result.output  # one feed failed
    assert "new 127.0.0.1-articles-xi-putin-beijing-html-" in result.output
    assert "E062: " in result.output and "poll 1: 2 feeds (0 not modified)" in result.output
    again = CliRunner().invoke(app, ["watch", news, *options, "--polls", "2", "--every", "1s"])
    assert again.exit_code == 0, again.output
    assert "poll 1: 1 feeds (1 not modified), 0 entries, 0 pages fetched, 0 new" in again.output
    assert "poll 2: 1 feeds (1 not modified)" in again.output
    bad = CliRunner().invoke(app, ["watch", site.url("/feeds/news.xml"), "--every", "soon"])
    assert bad.exit_code == 2 and "interval" in bad.output
