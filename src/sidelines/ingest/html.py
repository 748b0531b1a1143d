"""Saved web pages: the article text without navigation, adverts and comments, and its metadata.

trafilatura is only ever given the page's text, never a URL, so reading a page fetches nothing;
the date comes from the page's markup (htmldate, original publication date preferred).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from lxml.etree import LxmlError

from sidelines.config import Settings
from sidelines.errors import EmptyInput, InputError
from sidelines.ingest import sniff
from sidelines.ingest.dates import parse_day
from sidelines.ingest.text import Header, parse_header
from sidelines.model import Article

#: A page may hold this many times the article limit in markup, scripts and styles.
MARKUP_FACTOR = 5
#: htmldate options: markup only (no guessing from free text), the first publication date.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(path: Path, what: str, settings: Settings) -> Article:
    """Read one article from an HTML file; the id is the file name without its extension."""
    page = sniff.read_text(path, what, settings.max_article_chars * MARKUP_FACTOR)
    return html_article(page, path.stem, what, settings)


def html_article(page: str, article_id: str, what: str, settings: Settings) -> Article:
    """Make an Article from a page's HTML; malformed pages give what text they have."""
    try:
        doc = _extract(page)
        text = _clean(getattr(doc, "text", None)) or _baseline(page)
    except (ValueError, LxmlError) as error:  # a parser failing on one page must not stop a batch
        raise InputError(what, f"the page could not be parsed ({error})") from None
    meta_title = _clean(getattr(doc, "title", None))
    if not text:
        raise EmptyInput(what, "no article text found in the page")
    sniff.check_text(text, what, settings.max_article_chars)
    header = parse_header(text, known_title=meta_title or None)
    if not header.body:
        raise EmptyInput(what, "no article text found in the page, only a title")
    return _make(doc, header, article_id, what)


def _make(doc: Any, header: Header, article_id: str, what: str) -> Article:
    published, basis, evidence = _published(doc, header)
    return Article(
        id=article_id,
        text=header.body,
        title=header.title,
        url=_clean(getattr(doc, "url", None)) or None,
        outlet=_clean(getattr(doc, "sitename", None)) or None,
        published=published,
        published_basis=basis,
        published_evidence=evidence,
        source_path=what,
    )


def _published(doc: Any, header: Header) -> tuple[date | None, str | None, str | None]:
    """The page markup's date first; else a date line at the top of the extracted text."""
    raw = _clean(getattr(doc, "date", None))
    day = parse_day(raw) if raw else None
    if day:
        return day, "html", raw
    if header.date:
        return header.date.value, header.date.basis, header.date.evidence
    return None, None, None


def _extract(page: str) -> Any:
    """trafilatura's document (text and metadata), or None when the page has no main text."""
    from trafilatura import bare_extraction

    tree = _tree(page)
    if tree is None:
        return None
    return bare_extraction(
        tree, with_metadata=True, include_comments=False, date_extraction_params=DATE_PARAMS
    )


def _tree(page: str) -> Any:
    """Parse the page; a bare fragment is wrapped so the parser accepts it."""
    from trafilatura import load_html

    tree = load_html(page)
    return tree if tree is not None else load_html(f"<html><body>{page}</body></html>")


def _baseline(page: str) -> str:
    """All the visible paragraph text, for pages too small or odd for the main extractor."""
    from trafilatura import baseline

    tree = _tree(page)
    return _clean(baseline(tree)[1]) if tree is not None else ""


def _clean(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
