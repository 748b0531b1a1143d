"""What an article as a whole tells every resolver: its trusted anchor date and the dated things it names.

A page date is the day a page was printed, not always the day of the report. When the article reports
as current a gathering that the calendar dates long before the page date, the page date is not trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from sidelines.knowledge import KnowledgeBase
from sidelines.knowledge.calendar import Occasion
from sidelines.model import Article
from sidelines.resolve.occasions import OccasionMatcher
from sidelines.resolve.timex import read_timex

#: How the publication date was found, in order of trust.
PAGE_DATE_BASES = {"page_date_line"}


@dataclass(slots=True)
class ArticleContext:
    article: Article
    anchor: date | None  # the publication date when trusted
    anchor_note: str | None
    years: list[int] = field(default_factory=list)  # explicit years the article names, most frequent first
    occasions: list[Occasion] = field(default_factory=list)  # occasions named with specific evidence

    @property
    def published_trusted(self) -> bool:
        return self.anchor is not None


def build_context(article: Article, doc: Doc, kb: KnowledgeBase, matcher: OccasionMatcher,
                  tolerance_days: int = 120) -> ArticleContext:
    years = _explicit_years(doc)
    occasions = matcher.specific_in(doc.text, years)
    anchor, note = article.published, None
    if anchor is None and (from_url := url_date(article.url)):
        anchor, note = from_url, f"publication date {from_url.isoformat()} read from the URL"
    # Only a gathering named in a sentence without a year of its own is reported as current: "the G20
    # summit in Bali on 15 November 2022" dates a past meeting, it does not date the page.
    current = [o for sent in doc.sents if not _dated(sent) for o in matcher.specific_in(sent.text, [])] \
        if occasions else []
    if anchor and article.published_basis in PAGE_DATE_BASES and current:
        latest = max(o.end for o in current)
        if anchor - latest > timedelta(days=tolerance_days):
            note = (f"page date {anchor.isoformat()} not trusted: the article reports as current "
                    f"{max(current, key=lambda o: o.end).name}, which ended {latest.isoformat()}")
            anchor = None
    return ArticleContext(article, anchor, note, years, occasions)


URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[^\d])")


def url_date(url: str | None) -> date | None:
    """The day in a news URL's path (``/2022/03/19/``), which outlets set when they publish."""
    match = URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def _dated(sentence: Span) -> bool:
    """Whether the sentence writes a year (its dates are its own, not the page's)."""
    for ent in sentence.ents:
        timex = read_timex(ent.text) if ent.label_ == "DATE" else None
        if timex is not None and timex.kind == "absolute" and timex.year:
            return True
    return False


def _explicit_years(doc: Doc) -> list[int]:
    counts: dict[int, int] = {}
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        timex = read_timex(ent.text)
        if timex is not None and timex.kind == "absolute" and timex.year:
            counts[timex.year] = counts.get(timex.year, 0) + 1
    return sorted(counts, key=lambda y: (-counts[y], -y))
