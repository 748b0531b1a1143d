"""Huge articles bounded: the model reads at most a set number of characters of a body.

spaCy's time and memory grow faster than linearly with one document's length (and it refuses texts
over ``nlp.max_length``), while a news report is rarely over 100,000 characters: what lies past the
bound is a runaway page, a transcript or a concatenated crawl. The body is cut at the last paragraph
break (else sentence end, else space) inside the bound, so every offset found stays valid for the
whole text, which is stored unchanged; the record carries a note saying how much was read.
"""

from __future__ import annotations

from dataclasses import replace

from sidelines.model import Article

#: Where a cut may fall, best first: a paragraph break, a sentence end, any space.
_BREAKS = ("\n\n", "\n", ". ", " ")


def cut_point(text: str, limit: int) -> int:
    """The end of the longest prefix of ``text`` within ``limit`` characters that ends at a break
    (looked for in the last tenth of the bound only, so the prefix is never much shorter)."""
    if len(text) <= limit:
        return len(text)
    floor = limit - limit // 10
    for mark in _BREAKS:
        found = text.rfind(mark, floor, limit)
        if found != -1:
            return found + len(mark.rstrip(" ")) if mark != " " else found
    return limit


def bounded(article: Article, limit: int) -> tuple[Article, str | None]:
    """The article as the model should read it, and a note when its body was cut."""
    end = cut_point(article.text, limit)
    if end == len(article.text):
        return article, None
    note = f"analysed the first {end:,} of {len(article.text):,} characters (analysis_max_chars {limit:,})"
    return replace(article, text=article.text[:end]), note
