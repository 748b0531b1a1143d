"""RSS and Atom feeds from the local site, and responses that are not feeds."""

from __future__ import annotations

from datetime import date

import pytest

from sidelines.feeds.feeds import parse_feed
from sidelines.ingest.fetch_errors import NotAFeed


def test_an_rss_feed_gives_links_titles_and_dates(site, fetcher):
    feed = parse_feed(fetcher.get(site.url("/feeds/news.xml")))
    assert feed.version == "rss20" and feed.title == "Loopback Diplomatic Wire"
    assert [e.link for e in feed.entries] == [site.url("/articles/xi-putin-beijing.html"),
                                              site.url("/articles/blinken-xi-beijing.html")]
    assert feed.entries[0].published == date(2024, 5, 16)
    assert feed.entries[0].published_raw == "Thu, 16 May 2024 09:30:00 GMT"


def test_an_atom_feed_resolves_relative_links(site, fetcher):
    feed = parse_feed(fetcher.get(site.url("/feeds/atom.xml")))
    assert feed.version == "atom10"
    assert [(e.link, e.published) for e in feed.entries] == [
        (site.url("/articles/biden-xi-woodside.html"), date(2023, 11, 15)),
        (site.url("/articles/blinken-xi-beijing.html"), date(2024, 4, 26)),
    ]


@pytest.mark.parametrize("path, kind", [("/feeds/not-a-feed.txt", "text/plain"),
                                        ("/articles/modi-putin-moscow.html", "text/html"),
                                        ("/files/briefing.pdf", "application/pdf")])
def test_what_is_not_a_feed_is_refused_with_its_type(site, fetcher, path, kind):
    with pytest.raises(NotAFeed, match=rf"E062: .*{path}: not an RSS or Atom feed \({kind}"):
        parse_feed(fetcher.get(site.url(path)))
