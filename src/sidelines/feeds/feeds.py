"""RSS and Atom feeds, read with feedparser from bytes already fetched (feedparser fetches nothing here).

A feed gives entries: the address of each page, its title and the date the feed gives it. A
response that is not a feed at all (an HTML page, plain text, JSON) is refused with the reason.
"""

from __future__ import annotations

import io
from calendar import timegm
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from sidelines.ingest.fetch import Fetched
from sidelines.ingest.fetch_errors import NotAFeed


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a feed: ``link`` is an absolute http(s) address."""

    link: str
    title: str | None = None
    published: date | None = None
    published_raw: str | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    url: str
    title: str | None
    version: str  # feedparser's name for the format: rss20, atom10, ...
    entries: tuple[Entry, ...]


def parse_feed(fetched: Fetched) -> Feed:
    """The entries of a fetched feed, in the feed's order; raises NotAFeed for anything else."""
    import feedparser

    headers = {"content-location": fetched.final_url, "content-type": fetched.content_type or "application/xml"}
    parsed = feedparser.parse(io.BytesIO(fetched.content), response_headers=headers)
    if not parsed.version and not parsed.entries:
        raise NotAFeed(fetched.url, f"not an RSS or Atom feed ({_why(fetched, parsed)})")
    entries = (_entry(item, fetched.final_url) for item in parsed.entries)
    return Feed(
        url=fetched.url,
        title=_text(parsed.feed.get("title")),
        version=parsed.version or "unknown",
        entries=tuple(entry for entry in entries if entry is not None),
    )


def _entry(item: Any, base: str) -> Entry | None:
    link = _text(item.get("link")) or _text(item.get("id"))
    if not link:
        return None
    link = urljoin(base, link).split("#")[0]
    if urlsplit(link).scheme not in ("http", "https"):
        return None
    published, raw = _date(item)
    return Entry(link=link, title=_text(item.get("title")), published=published, published_raw=raw)


def _date(item: Any) -> tuple[date | None, str | None]:
    """The entry's publication date (else its update date), as a UTC day, and the words it came from."""
    for key in ("published", "updated"):
        parsed = item.get(f"{key}_parsed")
        if parsed:
            moment = datetime.fromtimestamp(timegm(parsed), tz=UTC)
            return moment.date(), _text(item.get(key))
    return None, None


def _why(fetched: Fetched, parsed: Any) -> str:
    kind = fetched.content_type or "no content type"
    problem = parsed.get("bozo_exception")
    detail = str(problem).strip().splitlines()[0] if problem and str(problem).strip() else "no feed elements"
    return f"{kind}; {detail}"


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
