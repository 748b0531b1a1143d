"""An undated page, read again against the day other outlets give the engagement it is about.

A page with no date ("on Wednesday agreed ...", "a day earlier ...") cannot date what it tells: its
main engagement gets its day only by merging with a dated report of it. Once it has, that day is the
story's day, and the page's other words ("on Wednesday", "a day earlier", a lead read as the story's
day) can be counted from it. The article is analysed again with that day as its anchor
(``published_basis`` ``story_day``; its stored row keeps no publication date, and its
``published_note`` says what was counted from) and its reports merged again. Dates found this way have
the basis ``from_context``.

Only articles whose own main reports have no date at all are read again, and only when the events
of those reports have one day between them, so an article is read again at most once: after it, its
main reports carry the day. Ingest and re-analysis do this after each batch; loading a Spark run's
output does not (it has no model at hand), and a re-analysis afterwards does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sidelines.model import Article
from sidelines.resolve.context import STORY_DAY
from sidelines.store import Store


def dated_by_merging(article_ids: Sequence[str], store: Store) -> list[Article]:
    """The undated stored articles that now share a dated event with ``article_ids`` (a batch just
    written), each with the story's day as the day to count from."""
    days = store.story_days(article_ids)
    return [replace(a, published=days[a.id], published_basis=STORY_DAY) for a in store.stored_articles(sorted(days))]
