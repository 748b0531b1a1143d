"""Web archives (``.warc``, ``.warc.gz``): the HTML pages of a crawl, one Article per page.

A CC-NEWS file holds HTTP ``response`` records, each a saved page; records are read one at a time
(FastWARC streams the file, gzip members included), so a crawl of any size reads in the same memory.
Records that are not successful HTML responses (redirects, robots.txt, images) are passed over
silently; a page that cannot be read is yielded as an InputError naming ``FILE:URL``, and a file
that ends inside a record (a cut download) as an InputError after the pages before the cut.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from sidelines.config import Settings
from sidelines.errors import EmptyInput, InputError, TooLarge
from sidelines.ingest import sniff
from sidelines.ingest.html import MARKUP_FACTOR, html_article
from sidelines.model import Article, stable_key

#: Content types of the pages read; the rest of a crawl (images, scripts, feeds) is passed over.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class TruncatedWarc(InputError):
    code = "E018"
    fix = "the file ends inside a record; re-download it (the pages before the cut were read)"


class BrokenWarc(InputError):
    code = "E018"
    fix = "re-download the file or repair it (the pages before the break were read)"


def read_warc(path: Path, what: str, settings: Settings) -> Iterator[Article | InputError]:
    """Yield an Article per HTML page in the archive and an InputError per page that was not read."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType  # imported late: only crawls need it

    records = 0
    with path.open("rb") as handle:
        wanted = WarcRecordType.response | WarcRecordType.resource
        stream = iter(ArchiveIterator(handle, record_types=wanted, parse_http=True, auto_decode="all"))
        while (record := _next(stream, what, records)) is not None:
            if isinstance(record, InputError):
                yield record
                return
            records += 1
            item = _page(record, what, settings)
            if item is not None:
                yield item
            if isinstance(item, TruncatedWarc):
                return
    if not records:
        yield EmptyInput(what, "no response records in the archive (or not a WARC file)")


def _next(stream, what: str, records: int):
    """The next record, None at the end, or an InputError where the archive is broken."""
    try:
        return next(stream, None)
    except (OSError, ValueError) as error:
        if not records:
            return InputError(what, f"not a WARC file ({error})", "give a .warc or .warc.gz crawl, or rename the file")
        return BrokenWarc(what, f"the archive is broken after {records} records ({error})")


def _page(record, what: str, settings: Settings) -> Article | InputError | None:
    """One record as an Article, an InputError, or None when it is not an HTML page."""
    url = record.headers.get("WARC-Target-URI") or ""
    where = f"{what}:{url or record.record_id}"
    if record.is_http and (record.http_headers.status_code != 200 or not _is_html(record.http_content_type)):
        record.consume()
        return None
    limit = settings.max_article_chars * MARKUP_FACTOR
    expected = record.content_length
    if expected > 4 * limit:
        record.consume()
        return TooLarge(where, f"{expected:,} bytes, over the limit of {limit:,} characters of markup")
    data = record.reader.read()
    if len(data) < expected:
        return TruncatedWarc(what, f"the archive is cut inside the record of {url or record.record_id}")
    try:
        return _article(data, url, record.http_charset if record.is_http else None, where, settings)
    except InputError as error:
        return error
    except Exception as error:  # noqa: BLE001 (a parser failing on one page must not end the archive)
        cause = (str(error).splitlines() or [""])[0][:200]
        return InputError(where, f"the page could not be read ({type(error).__name__}: {cause})",
                          "report this as a bug with the page; the other pages were read")


def _is_html(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() in HTML_TYPES


def _article(data: bytes, url: str, charset: str | None, where: str, settings: Settings) -> Article:
    if not data.strip():
        raise EmptyInput(where, "the page is empty")
    sniff.check_binary(data, where)
    article = html_article(_decode(data, charset, where), page_id(url, data), where, settings)
    host = urlsplit(url).hostname if url else None
    return replace(article, url=url or article.url, outlet=article.outlet or host)


def _decode(data: bytes, charset: str | None, where: str) -> str:
    """The HTTP header's charset when Python knows it, else the same guesses as for saved pages."""
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None
    if charset and charset.lower().replace("_", "-") not in ("iso-8859-1", "latin-1", "us-ascii", "ascii"):
        text = data.decode(charset, "replace")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return sniff.decode(data, where)  # a Latin-1 label is often a server default, not the page's


def page_id(url: str, data: bytes) -> str:
    """A stable id: the host and a hash of the URL, so a page crawled again keeps its id
    (and is replaced when its text changed); a record without a URL is named by its content."""
    if not url:
        return f"warc-{stable_key('page', data)}"
    host = (urlsplit(url).hostname or "page").removeprefix("www.")
    return f"{host}-{stable_key('url', url, size=12)}"


def response_record(url: str, html: str, crawled: str = "2024-01-01T00:00:00Z") -> bytes:
    """One WARC/1.0 ``response`` record of an HTML page (as a crawler saves it), for writing test
    archives and benchmark corpora: gzip each record on its own to make a ``.warc.gz``."""
    body = html.encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)) + body
    header = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: {crawled}\r\n"
              f"WARC-Record-ID: <urn:uuid:{_uuid(url)}>\r\n"
              f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return header.encode("utf-8") + http + b"\r\n\r\n"


def _uuid(url: str) -> str:
    h = stable_key("record", url, size=32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
