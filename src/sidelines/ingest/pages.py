"""Web pages by address: fetched politely, then read like a saved page (``ingest.html``).

The article keeps the page's address as ``url``, takes its outlet from the host, and gets a stable
id from the address (host, a slug of the path, a short hash), so fetching a page again yields the
same article and ingesting it again changes nothing. When the page carries no date, the date its
feed gave it is used (``published_basis`` "feed").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from sidelines.config import Settings
from sidelines.errors import InputError
from sidelines.ingest import checked, sniff
from sidelines.ingest.fetch import Fetched, Fetcher
from sidelines.ingest.fetch_errors import NotAPage
from sidelines.ingest.html import MARKUP_FACTOR, html_article
from sidelines.model import Article, stable_key

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: An address as a shell gives it, or as ``pathlib.Path`` leaves it ("https:/host/...").
_URL = re.compile(r"^(https?):/{1,2}(?=[^/])", re.IGNORECASE)
SLUG_CHARS = 60


def is_url(text: str) -> bool:
    """Whether an ``ingest`` argument is a web address rather than a path."""
    return bool(_URL.match(str(text))) and bool(urlsplit(normalise(str(text))).hostname)


def normalise(url: str) -> str:
    """``https:/host/x`` (a URL that went through pathlib) is given its second slash; fragments go."""
    fixed = _URL.sub(lambda m: f"{m.group(1).lower()}://", url.strip(), count=1)
    parts = urlsplit(fixed)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def article_id(url: str) -> str:
    """``host-path-slug-hash``: readable, and the same for the same address on every run."""
    parts = urlsplit(normalise(url))
    host = (parts.hostname or "page").removeprefix("www.")
    slug = re.sub(r"[^a-z0-9]+", "-", f"{parts.path} {parts.query}".lower()).strip("-")
    slug = slug[-SLUG_CHARS:].strip("-")
    return "-".join(x for x in (host, slug, stable_key(normalise(url), size=8)) if x)


def outlet_of(url: str) -> str | None:
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def read_urls(urls: Iterable[str], settings: Settings, fetcher: Fetcher | None = None
              ) -> Iterator[Article | InputError]:
    """Fetch and read each page; a page that cannot be had is yielded as its error, not raised.

    Without a ``fetcher`` one with the default politeness is made, and closed at the end.
    """
    own = fetcher is None
    active = fetcher or Fetcher()
    try:
        for url in urls:
            yield read_url(normalise(url), settings, active)
    finally:
        if own:
            active.close()


def read_url(url: str, settings: Settings, fetcher: Fetcher, feed_date: date | None = None,
             feed_date_raw: str | None = None) -> Article | InputError:
    """One page as an English Article, or the error saying why not."""
    try:
        return checked(page_article(fetcher.get(url), settings, feed_date, feed_date_raw))
    except InputError as error:
        return error


def page_article(fetched: Fetched, settings: Settings, feed_date: date | None = None,
                 feed_date_raw: str | None = None) -> Article:
    """The article in a fetched page; raises NotAPage (or another InputError) when there is none."""
    url = fetched.url
    if fetched.content_type and fetched.content_type not in HTML_TYPES:
        raise NotAPage(url, f"not an HTML page ({fetched.content_type})")
    page = _decode(fetched, settings.max_article_chars * MARKUP_FACTOR)
    article = html_article(page, article_id(url), url, settings)
    article = replace(article, url=fetched.final_url, outlet=outlet_of(fetched.final_url), source_path=url)
    if article.published is None and feed_date is not None:
        article = replace(article, published=feed_date, published_basis="feed",
                          published_evidence=feed_date_raw or feed_date.isoformat())
    return article


def _decode(fetched: Fetched, max_chars: int) -> str:
    """The page as text: the charset the server names, else the one sniffed from the bytes."""
    url = fetched.url
    if not fetched.content.strip():
        raise NotAPage(url, "the page is empty")
    sniff.check_binary(fetched.content, url)
    text = _with_charset(fetched.content, fetched.charset) or sniff.decode(fetched.content, url)
    sniff.check_text(text, url, max_chars)
    return text


def _with_charset(data: bytes, charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return data.decode(charset, "replace").replace("\r\n", "\n").replace("\r", "\n")
    except LookupError:  # an unknown charset name: fall back to sniffing
        return None
