"""When an engagement happened: explicit words first, then the publication date, the occasion, the article.

Bases, most trusted first: ``explicit`` (the words fix the day), ``relative_to_published`` ("on Tuesday"
against a trusted publication date), ``from_occasion`` (a weekday or a day within a dated gathering),
``from_context`` (the year of other dated things in the article), ``published_fallback``.
"""

from __future__ import annotations

from datetime import date

from sidelines.model import OccasionRef, Span, When
from sidelines.resolve.context import ArticleContext
from sidelines.resolve.timex import read_timex

BASIS_RANK = {"explicit": 0, "relative_to_published": 1, "from_occasion": 2, "from_context": 3,
              "published_fallback": 4, None: 9}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 9}


def when_rank(when: When) -> tuple[int, int]:
    return BASIS_RANK.get(when.basis, 9), PRECISION_RANK.get(when.precision, 9)


def resolve_when(span: Span | None, tense: int, ctx: ArticleContext, occasion: OccasionRef | None) -> When:
    """The best date these words give in this article, with its basis; an empty When if none."""
    timex = read_timex(span.text) if span else None
    if timex is not None:
        if fixed := timex.absolute():
            return When(fixed[0], fixed[1], "explicit", span)  # type: ignore[arg-type]
        if ctx.anchor is not None and (found := timex.resolve(ctx.anchor, tense)):
            return When(found[0], found[1], "relative_to_published", span,  # type: ignore[arg-type]
                        f"against publication date {ctx.anchor.isoformat()}")
        if occasion is not None and (days := timex.days_in(occasion.start, occasion.end)):
            if timex.precision == "month":
                return When(days[0].isoformat()[:7], "month", "from_occasion", span,
                            f"year of {occasion.name}")
            return When(days[0].isoformat(), "day", "from_occasion", span,
                        f"within {occasion.name} ({occasion.start.isoformat()} to {occasion.end.isoformat()})")
        if ctx.years and timex.kind == "partial" and (found := timex.resolve(date(ctx.years[0], 12, 31), 0)):
            return When(found[0], found[1], "from_context", span,  # type: ignore[arg-type]
                        f"year {ctx.years[0]} from other dates in the article")
    if occasion is not None:
        single = occasion.start == occasion.end
        value = occasion.start.isoformat() if single else occasion.start.isoformat()[:7]
        return When(value, "day" if single else "month", "from_occasion", occasion.span,
                    f"during {occasion.name} ({occasion.start.isoformat()} to {occasion.end.isoformat()})")
    return When()


def fallback_when(ctx: ArticleContext) -> When:
    """The publication date, the last resort GDELT makes the rule: flagged as such."""
    if ctx.anchor is None:
        return When(note=ctx.anchor_note)
    return When(ctx.anchor.isoformat(), "day", "published_fallback", None,
                f"no date words; publication date ({ctx.article.published_basis or ctx.anchor_note})")
