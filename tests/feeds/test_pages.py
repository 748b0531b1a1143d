"""Pages by address: ids, outlets, dates, and pages that are not articles."""

from __future__ import annotations

from datetime import date

import pytest

from sidelines.config import Settings
from sidelines.errors import BinaryInput, InputError
from sidelines.ingest.fetch_errors import NotAPage, RobotsDisallowed
from sidelines.ingest.pages import article_id, is_url, normalise, page_article, read_urls
from sidelines.model import Article

SETTINGS = Settings()


@pytest.mark.parametrize("text, expected", [
    ("https://example.org/news/1", True),
    ("http://127.0.0.1:8000/a.html", True),
    ("https:/example.org/news/1", True),  # what pathlib.Path leaves of a URL
    ("HTTPS://Example.org", True),
    ("samples/articles", False),
    ("./https/notes.txt", False),
    ("ftp://example.org/feed.xml", False),
    ("https://", False),
    ("https:///path-only", False),
])
def test_is_url(text, expected):
    assert is_url(text) is expected


def test_normalise_repairs_pathlib_urls_and_drops_fragments():
    assert normalise("https:/Example.ORG/a/b?x=1#top") == "https://example.org/a/b?x=1"
    assert normalise("https://example.org") == "https://example.org/"


def test_article_ids_are_readable_and_stable():
    url = "https://www.example.org/2024/07/09/modi-putin-moscow.html"
    first = article_id(url)
    assert first.startswith("example.org-2024-07-09-modi-putin-moscow-html-") and len(first.rsplit("-", 1)[1]) == 8
    assert article_id(url + "#comments") == first and article_id("https:/www.example.org/2024/07/09/modi-putin-moscow.html") == first
    assert article_id(url.replace("09", "10")) != first


def test_read_urls_gives_articles_with_url_outlet_and_page_date(site, fetcher):
    url = site.url("/articles/modi-putin-moscow.html")
    [article] = list(read_urls([url], SETTINGS, fetcher))
    assert isinstance(article, Article)
    assert article.id == article_id(url) and article.url == url and article.outlet == "127.0.0.1"
    assert article.title == "Modi holds talks with Putin in Moscow"
    assert article.text.startswith("Indian Prime Minister Narendra Modi met")
    assert (article.published, article.published_basis) == (date(2024, 7, 9), "html")
    assert article.language == "en"


def test_a_redirected_page_keeps_its_id_and_records_where_it_was(site, fetcher):
    [article] = list(read_urls([site.url("/go/modi")], SETTINGS, fetcher))
    assert article.id == article_id(site.url("/go/modi"))
    assert article.url == site.url("/articles/modi-putin-moscow.html")


def test_the_feed_date_is_used_when_the_page_has_none(site, fetcher):
    fetched = fetcher.get(site.url("/articles/xi-putin-beijing.html"))
    article = page_article(fetched, SETTINGS, date(2024, 5, 16), "Thu, 16 May 2024 09:30:00 GMT")
    assert (article.published, article.published_basis, article.published_evidence) == (
        date(2024, 5, 16), "feed", "Thu, 16 May 2024 09:30:00 GMT")
    dated = page_article(fetcher.get(site.url("/articles/modi-putin-moscow.html")), SETTINGS, date(2024, 7, 10))
    assert (dated.published, dated.published_basis) == (date(2024, 7, 9), "html")


def test_bad_pages_are_yielded_as_errors_and_the_rest_is_read(site, fetcher):
    urls = [site.url(p) for p in ("/files/briefing.pdf", "/feeds/not-a-feed.txt", "/private/draft.html",
                                  "/missing.html", "/articles/biden-xi-woodside.html")]
    items = list(read_urls(urls, SETTINGS, fetcher))
    assert [type(i) for i in items] == [NotAPage, NotAPage, RobotsDisallowed, type(items[3]), Article]
    assert isinstance(items[3], InputError) and "HTTP 404" in str(items[3])
    assert "not an HTML page (application/pdf)" in str(items[0])


def test_binary_bytes_served_as_html_are_refused(site, fetcher):
    from dataclasses import replace

    fetched = replace(fetcher.get(site.url("/files/briefing.pdf")), content_type="text/html")
    with pytest.raises(BinaryInput):
        page_article(fetched, SETTINGS)


def test_a_url_that_went_through_pathlib_is_read(site, fetcher):
    from pathlib import Path

    url = site.url("/articles/biden-xi-woodside.html")
    assert is_url(str(Path(url)))
    [article] = list(read_urls([str(Path(url))], SETTINGS, fetcher))
    assert isinstance(article, Article) and article.id == article_id(url) and article.url == url


def test_the_loopback_guard_refuses_other_addresses():
    import socket

    with pytest.raises(AssertionError, match="tried to reach 192.0.2.1"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
