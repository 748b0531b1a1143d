"""When an engagement happened: explicit words first, then the publication date, the occasion, the article.

Bases, most trusted first: ``explicit`` (the words fix the day), ``relative_to_published`` ("on Tuesday"
against a trusted publication date), ``from_occasion`` (a weekday or a day within a dated gathering),
``from_context`` (the day of the article's lead, or the one year of other dated things in the article, or
words read against the day other reports give an undated article's engagement),
``published_fallback``. Words that name a day the occasion does not hold ("on Wednesday" at a one-day
summit on a Thursday) do not take the occasion's date: one of the two is wrong, and the day is unknown.
"""

from __future__ import annotations

from datetime import date

from sidelines.model import OccasionRef, Span, When
from sidelines.resolve.context import INFERRED_ANCHORS, ArticleContext, anchor_words, read_against
from sidelines.resolve.timex import Timex, read_timex

BASIS_RANK = {"explicit": 0, "relative_to_published": 1, "from_occasion": 2, "from_context": 3,
              "published_fallback": 4, None: 9}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 9}
#: A report published this many days after a gathering's last day may still be about its last day.
DAYS_AFTER_OCCASION = 1


def when_rank(when: When) -> tuple[int, int]:
    """Finer first, then better founded: the dates of one engagement agree, so a day within a month
    or a year another report gives is the better record of it."""
    return PRECISION_RANK.get(when.precision, 9), BASIS_RANK.get(when.basis, 9)


def resolve_when(span: Span | None, tense: int, ctx: ArticleContext, occasion: OccasionRef | None,
                 lead: bool = True) -> When:
    """The best date these words give in this article, with its basis; an empty When if none.
    ``lead`` False: the engagement came before the time the article reports, so the lead's day is not its day."""
    timex = read_timex(span.text) if span else None
    if timex is not None and (found := _from_words(timex, span, tense, ctx, occasion)) is not None:
        return found
    if occasion is not None and _fits(timex, occasion.start, occasion.end):
        return _during(occasion, ctx, span)
    if timex is None and tense < 0 and lead and ctx.frame is not None:
        frame = ctx.frame
        return When(frame.day.isoformat(), "day", "from_context", None, f"no date words; {frame.note}")
    if timex is not None and timex.kind == "partial":  # "on November 20" with no year anywhere: kept
        return When(span=span, note="no year for these date words")  # to tell this engagement apart
    return When()


def _from_words(timex: Timex, span: Span | None, tense: int, ctx: ArticleContext,
                occasion: OccasionRef | None) -> When | None:
    """The date the words give: as written, against the publication date, within the gathering (the
    engagement's, or the one the article reports when the page date is not trusted), or in the year
    every other date of the article has."""
    if fixed := timex.absolute():
        return When(fixed[0], fixed[1], "explicit", span)  # type: ignore[arg-type]
    if ctx.anchor is not None and (found := read_against(timex, span.text if span else "", ctx.article, ctx.anchor, tense)):
        basis = "from_context" if ctx.article.published_basis in INFERRED_ANCHORS else "relative_to_published"
        return When(found[0], found[1], basis, span,  # type: ignore[arg-type]
                    f"against {anchor_words(ctx.article, ctx.anchor)}")
    window = occasion or (ctx.reported if ctx.anchor is None else None)
    if window is not None and (days := timex.days_in(window.start, window.end)):
        if timex.precision == "month":
            return When(days[0].isoformat()[:7], "month", "from_occasion", span, f"year of {window.name}")
        return When(days[0].isoformat(), "day", "from_occasion", span,
                    f"within {window.name} ({window.start.isoformat()} to {window.end.isoformat()})")
    if timex.kind == "partial" and span is not None and (year := ctx.year_at(_position(span, ctx))) \
            and (found := timex.resolve(date(year[0], 12, 31), 0)):
        return When(found[0], found[1], "from_context", span, year[1])  # type: ignore[arg-type]
    return None


def _position(span: Span, ctx: ArticleContext) -> int:
    """Where the words stand in the document the parse saw (the title, a blank line, the text)."""
    title = ctx.article.title
    return span.start + (len(title) + 2 if span.field == "text" and title else 0)


def _fits(timex: Timex | None, start: date, end: date) -> bool:
    """Whether words that name a day could name one of the gathering's ("on Wednesday" cannot name a
    Thursday summit); words without a day (or none) leave the gathering to date the engagement."""
    if timex is None or timex.precision != "day" or timex.kind == "offset":
        return True
    return bool(timex.days_in(start, end))


def _during(occasion: OccasionRef, ctx: ArticleContext, span: Span | None) -> When:
    """The gathering's day; for one of several days, the lead's day when it falls within them, the
    page's when the page is dated within them (or just after), else the month."""
    note = f"during {occasion.name} ({occasion.start.isoformat()} to {occasion.end.isoformat()})"
    if occasion.start == occasion.end:
        return When(occasion.start.isoformat(), "day", "from_occasion", occasion.span, note)
    if ctx.frame is not None and occasion.start <= ctx.frame.day <= occasion.end:
        return When(ctx.frame.day.isoformat(), "day", "from_occasion", occasion.span or span,
                    f"{note}; {ctx.frame.note}")
    anchor = ctx.anchor
    if anchor is not None and occasion.start <= anchor and (anchor - occasion.end).days <= DAYS_AFTER_OCCASION:
        day = min(anchor, occasion.end)
        return When(day.isoformat(), "day", "from_occasion", occasion.span or span,
                    f"{note}; the page is dated {anchor.isoformat()}")
    return When(occasion.start.isoformat()[:7], "month", "from_occasion", occasion.span, note)


def fallback_when(ctx: ArticleContext) -> When:
    """The publication date, the last resort GDELT makes the rule: flagged as such."""
    if ctx.anchor is None or ctx.article.published_basis in INFERRED_ANCHORS:
        return When(note=ctx.anchor_note)  # the story's day is the engagement's record already
    return When(ctx.anchor.isoformat(), "day", "published_fallback", None,
                f"no date words; publication date ({ctx.article.published_basis or ctx.anchor_note})")
