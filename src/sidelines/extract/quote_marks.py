"""Where quotation marks open and close, in any mix of styles: “ ” ‘ ’ " ' „ « » ‹ ›.

Outlets mix marks freely (”We ...,” with a closing mark used to open, German „...“, French « ... »,
straight marks pasted next to words: ``Australia."On behalf``, two apostrophes for one mark:
``''We must not overreact,''``), so a mark's role is read from its flanks (a mark after a space and
before a word opens; one after a word and before a space or punctuation closes), with the mark's
usual role deciding only when the flanks do not. Regions never
cross a paragraph: a quote left open at a paragraph's end runs to that end (the next paragraph of the
same speech opens again). Double marks nest; single marks count only outside double ones and only
for a long stretch, since ’ is also the apostrophe ("Russia’s", "leaders’ meeting").
"""

from __future__ import annotations

import re

DOUBLE_OPEN = "“„«‹"
DOUBLE_CLOSE = "”»›"
DOUBLE = DOUBLE_OPEN + DOUBLE_CLOSE + '"'
SINGLE = "‘’'"
TWO_SINGLE = "''"
_DOUBLE_MARK = re.compile(re.escape(TWO_SINGLE) + "|[" + re.escape(DOUBLE) + "]")
_SINGLE_MARK = re.compile("[" + re.escape(SINGLE) + "]")
MIN_SINGLE = 30  # characters: a single-quoted stretch shorter than this is a scare quote or an apostrophe
OPENING_CONTEXT = "([{—–-/:;,"


def _can_open(prev: str, nxt: str) -> bool:
    return bool(nxt) and not nxt.isspace() and (not prev or prev.isspace() or prev in OPENING_CONTEXT
                                                 or not prev.isalnum() and nxt.isalnum())


def _can_close(prev: str, nxt: str) -> bool:
    return bool(prev) and not prev.isspace() and (not nxt or nxt.isspace() or not nxt.isalnum())


def _role(mark: str, prev: str, nxt: str, inside: bool) -> str:
    """'open' or 'close' for one double mark, from its flanks first, its usual role second."""
    opens, closes = _can_open(prev, nxt), _can_close(prev, nxt)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if mark in DOUBLE_OPEN and mark != "“":
        return "open"
    if mark in DOUBLE_CLOSE:
        return "close"
    return "close" if inside else "open"


def _double_marks(paragraph: str) -> list[tuple[int, int]]:
    """Where each double mark starts and ends; two straight apostrophes ('') are one double mark, as
    some archives (the New York Times's) write quotation marks."""
    return [found.span() for found in _DOUBLE_MARK.finditer(paragraph)]


def _double_regions(paragraph: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, end in _double_marks(paragraph):
        prev = paragraph[i - 1] if i else ""
        nxt = paragraph[end] if end < len(paragraph) else ""
        if _role(paragraph[i], prev, nxt, depth > 0) == "open":
            if depth == 0:
                start = end
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                regions.append((start, i))
    if depth:
        regions.append((start, len(paragraph.rstrip())))
    return regions


def _single_regions(paragraph: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    start = None
    for found in _SINGLE_MARK.finditer(paragraph):
        i, char = found.start(), found.group()
        if any(a - 2 <= i <= b + 1 for a, b in taken) or TWO_SINGLE in paragraph[max(i - 1, 0):i + 2]:
            continue
        prev = paragraph[i - 1] if i else ""
        nxt = paragraph[i + 1] if i + 1 < len(paragraph) else ""
        if start is None and char != "’" and (not prev or prev.isspace() or prev in OPENING_CONTEXT) \
                and nxt and not nxt.isspace():
            start = i + 1
        elif start is not None and char != "‘" and prev and not prev.isspace() and not nxt.isalnum():
            if i - start >= MIN_SINGLE:
                regions.append((start, i))
            start = None
    return regions


def paragraph_regions(paragraph: str) -> list[tuple[int, int]]:
    """Quoted stretches of one paragraph (marks excluded), in order, offsets into the paragraph."""
    double = _double_regions(paragraph)
    return sorted(_trim(paragraph, a, b) for a, b in double + _single_regions(paragraph, double))


def _trim(paragraph: str, start: int, end: int) -> tuple[int, int]:
    """Without the spaces French and some wire copy put inside the marks ("« nous »")."""
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and paragraph[end - 1].isspace():
        end -= 1
    return start, end


def quote_regions(text: str, min_chars: int = 1) -> list[tuple[int, int]]:
    """Quoted stretches of a whole text (marks excluded), in order, at least ``min_chars`` long."""
    regions: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        regions += [(offset + a, offset + b) for a, b in paragraph_regions(paragraph) if b - a >= min_chars]
        offset += len(paragraph) + 1
    return regions
