"""Finding time expressions in a parsed document and giving each a TimeML type and value.

Candidates are the DATE and TIME entities of the spaCy pipeline, tidied the way TimeML marks extents
(adjacent day and time of day joined, "2009-2010" split in two, ages dropped), plus the words the small
model does not tag ("now", "currently", "recently", "an hour"). Each span is then read as a set
("every morning"), a point (``read_timex`` and ``Timex.timeml`` against the anchor, with the tense of
the verb it hangs on), or a duration ("the past two years" P2Y, "several days" PXD).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from sidelines.nlp.doc_index import text_of
from sidelines.resolve.timex import NUMBERS, read_timex

UNIT_CODES = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
              "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE"}
_UNIT = r"(?P<unit>second|minute|hour|day|night|weekend|week|month|quarter|year|decade|century|centurie)"
_COUNT = r"(?P<n>\d+(?:\.\d+)?|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + \
         r"|several|a\s+few|few|many|some|a\s+couple\s+of|couple\s+of)"
DURATION = re.compile(rf"(?:\b{_COUNT}[\s-]+)?\b{_UNIT}(?P<plural>s)?\b")
RELATIVE_SHIFT = re.compile(rf"\b(?P<counted>{_COUNT}[\s-]+{_UNIT}s?)\s+(?:earlier|later|before|after|previously|on)\b")
FROM_NOW = re.compile(rf"\b(?P<span>{_COUNT}[\s-]+{_UNIT}s?)\s+from\s+(?P<now>now)\b")
RANGE = re.compile(r"^(?P<lead>(?:from|between)\s+)?(?P<a>\d{1,4})\s*(?:-|–|—|to|and|through)\s*(?P<b>\d{1,4})"
                   r"(?P<rest>\s+.*)?$")
RANGE_TAIL = re.compile(rf"\s*(?:and|to|-|–)\s*\d+\s+{_UNIT}")
AGE_BEFORE = re.compile(r"\b(?:ages?|aged)\s*$", re.IGNORECASE)
AGE = re.compile(r"-year-old|\byears?\s+old\b|\bages?\s+\d|\baged\b", re.IGNORECASE)
SET_EVERY = re.compile(r"\b(?:every|each)\s+(?:other\s+|single\s+)?(?P<what>\w+)\b")
SET_ADVERB = {"annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D",
              "nightly": "P1D", "hourly": "PT1H", "quarterly": "P3M"}
SET_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EXTRA = re.compile(
    r"\b(?:right\s+now|now|currently|nowadays|at\s+present|recently|lately|(?<=\bin\s)the\s+past|"
    r"(?<=\bin\s)the\s+(?:near\s+)?future|annually|yearly|weekly|daily|monthly|quarterly)\b(?!-)"
    r"|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|a\s+few)\s+"
    r"(?:hours?|minutes?|days?|weeks?|months?|years?|decades?)\b(?![\s-]*old\b)", re.IGNORECASE)
FREQUENCY_BEFORE = re.compile(r"(?:\btimes?|\bper|\bonce|\btwice)\s*$", re.IGNORECASE)
CALENDAR_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|day|night|week|month|year|decade|centur|"
    r"season|spring|summer|autumn|fall|winter|quarter|morning|noon|evening|hour|minute|second|now|today|"
    r"tomorrow|yesterday|ago|time|past|future|current|recent|\d{4}|\d:\d\d|[ap]\.?m\b", re.IGNORECASE)
RELATIVE_WORDS = {"this", "last", "next", "that", "each", "every", "early", "late"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
PAST_AUX = {"has", "have", "'ve", "had", "'d", "having"}


@dataclass(frozen=True, slots=True)
class TaggedTimex:
    """A time expression found in a text: character span, TimeML type and value (None if unknown)."""

    start: int
    end: int
    text: str
    type: str
    value: str | None


def tag_timexes(doc: Doc, anchor: date) -> list[TaggedTimex]:
    """The time expressions of ``doc``, typed and valued against ``anchor``."""
    found = []
    for span, reading in candidate_spans(doc):
        kind, value = value_of(reading, anchor, tense_of(span))
        if kind == "DURATION" and value is None and span.text.isdigit():  # "12" of "12 to 18 months"
            after = RANGE_TAIL.match(text_of(doc), span.end_char)
            value = _duration(f"{span.text} {after['unit']}") if after else None
        found.append(TaggedTimex(span.start_char, span.end_char, span.text, kind, value))
    return found


def candidate_spans(doc: Doc) -> list[tuple[Span, str]]:
    """Entity spans tidied to TimeML extents, plus the time words the entity model misses; each with the
    words to read for its value (the span's own, or "1958" for the "58" of "1957-58")."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if spans and spans[-1].end == ent.start:  # "Friday" + "afternoon"
            spans[-1] = doc[spans[-1].start:ent.end]
        else:
            spans.append(ent)
    tidied: list[tuple[Span, str]] = []
    for span in spans:
        span = _extend_left(span)
        pieces = _split(span)
        tidied.extend(p for p in pieces if len(pieces) > 1 or _keep(p[0]))
    taken = {i for s, _ in tidied for i in range(s.start_char, s.end_char)}
    for match in EXTRA.finditer(text_of(doc)):
        if any(i in taken for i in range(match.start(), match.end())):
            continue
        before = text_of(doc)[max(0, match.start() - 12):match.start()]
        if FREQUENCY_BEFORE.search(before) or AGE_BEFORE.search(before):
            continue  # "twice a day" is a frequency, "ages 6 months" an age
        extra = doc.char_span(match.start(), match.end())
        if extra is not None and (extra.text.lower() not in SET_ADVERB or extra[0].pos_ == "ADV"):
            tidied.append((extra, extra.text))
            taken.update(range(match.start(), match.end()))
    return sorted(tidied, key=lambda s: s[0].start_char)


def _extend_left(span: Span) -> Span:
    """"year" after "This" becomes "This year"."""
    if span.start > 0 and span.doc[span.start - 1].lower_ in RELATIVE_WORDS and not span[0].is_digit \
            and span[0].lower_ not in RELATIVE_WORDS and span[0].lower_ != "the":
        return span.doc[span.start - 1:span.end]
    return span


def _split(span: Span) -> list[tuple[Span, str]]:
    """Ranges are two timexes ("2009-2010", "1957-58", "between 12 and 18 months"); so is
    "eight years from now" (a duration and "now")."""
    text = span.text
    if match := RELATIVE_SHIFT.search(text.lower()):
        # "about a month earlier": the timex is the duration "a month", "earlier" is a signal
        counted = span.doc.char_span(span.start_char + match.start("n"), span.start_char + match.end("counted"))
        if counted is not None:
            return [(counted, counted.text)]
    if match := FROM_NOW.search(text):
        parts = [(match.start("span"), match.end("span")), (match.start("now"), match.end("now"))]
        pieces = [s for a, b in parts if (s := span.doc.char_span(span.start_char + a, span.start_char + b))]
        return [(s, s.text) for s in pieces] if len(pieces) == 2 else [(span, text)]
    match = RANGE.match(text)
    if match is None:
        return [(span, text)]
    a, b, rest = match["a"], match["b"], match["rest"] or ""
    years = len(a) == 4 and (len(b) in (2, 4)) and not rest.strip()
    counts = len(a) <= 3 and len(b) <= 3 and DURATION.search(rest or "")
    if not (years or counts):
        return [(span, text)]
    first = span.doc.char_span(span.start_char + match.start("a"), span.start_char + match.end("a"))
    second = span.doc.char_span(span.start_char + match.start("b"), span.end_char)
    if first is None or second is None:
        return [(span, text)]
    if years:
        return [(first, a), (second, a[:2] + b if len(b) == 2 else b)]
    return [(first, first.text), (second, second.text)]


def _keep(span: Span) -> bool:
    text = span.text
    if AGE.search(text + text_of(span.doc)[span.end_char:span.end_char + 6]):  # "22-year-old", "six years old"
        return False
    if re.fullmatch(r"\d{1,3}", text.strip()):
        return bool(re.search(r"^\s*(?:and|to|-|–)\s*\d+\s+\w", text_of(span.doc)[span.end_char:span.end_char + 20]))
    if re.fullmatch(r"\d{4}", text.strip()):
        return 1000 <= int(text) <= 2100
    return bool(CALENDAR_WORD.search(text))


def value_of(text: str, anchor: date, tense: int) -> tuple[str, str | None]:
    """(TimeML type, value) of the words of one timex."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    if (found := _set(lowered)) is not None:
        return "SET", found
    if RELATIVE_SHIFT.search(lowered) or re.fullmatch(r"\d{1,3}", lowered):
        return "DURATION", _duration(lowered)
    timex = read_timex(text)
    if timex is not None and (value := timex.timeml(anchor, tense)) is not None:
        return ("TIME" if "T" in value and value[0].isdigit() else "DATE"), value
    if (found := _duration(lowered)) is not None:
        return "DURATION", found
    return "DATE", None


def _set(lowered: str) -> str | None:
    if lowered in SET_ADVERB:
        return SET_ADVERB[lowered]
    match = SET_EVERY.search(lowered)
    if match is None:
        return None
    what = match["what"].rstrip("s")
    if what in SET_PARTS:
        return f"XXXX-XX-XXT{SET_PARTS[what]}"
    if what in WEEKDAY_NAMES:
        return f"XXXX-WXX-{WEEKDAY_NAMES.index(what) + 1}"
    if what in UNIT_CODES:
        return _duration(f"1 {what}")
    return None


def _duration(lowered: str) -> str | None:
    """"the past two years" P2Y, "several days" PXD, "a mere 24 hours" PT24H, "12" (of "12 to 18 months")."""
    if re.fullmatch(r"\d{1,3}", lowered):
        return None
    match = DURATION.search(lowered)
    if match is None:
        return None
    word = " ".join((match["n"] or "").split())
    if word.replace(".", "").isdigit():
        n: str = word if "." in word else str(int(word))
    elif word in NUMBERS:
        n = str(NUMBERS[word])
    elif word or match["plural"] or match["unit"] == "centurie":
        n = "X"
    elif re.search(r"\b(?:next|following|previous|past|last|coming|first|final|whole|entire|full)\s+$",
                   lowered[:match.start()]):
        n = "1"  # "the next decade"; a bare "the day" is a point, not a duration
    else:
        return None
    unit = UNIT_CODES[match["unit"].replace("centurie", "century")]
    if unit in ("DE", "CE") and n != "X":
        n, unit = str(int(float(n)) * (10 if unit == "DE" else 100)), "Y"
    if unit == "Q" and n != "X":
        n, unit = str(int(float(n)) * 3), "M"
    return f"PT{n}{unit[1]}" if unit.startswith("T") else f"P{n}{unit}"


def tense_of(span: Span) -> int:
    """-1 past, 1 future, 0 present or unknown, from the verb the words hang on."""
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return -1
    while token.tag_ == "VB" and token.dep_ == "xcomp" and token.head.pos_ in ("VERB", "AUX") \
            and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        token = token.head  # "agreed to sell ... in October": the tense is the governing verb's
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    aux_tags = {c.tag_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    until = before in ("until", "till") or span[0].lower_ in ("until", "till")
    if aux & FUTURE_AUX or "going" in aux:
        return 1
    if token.tag_ == "VBD" or "VBD" in aux_tags:
        return -1
    if aux & PAST_AUX:
        return 1 if until else -1
    if until:
        return 1
    if token.tag_ in ("VBZ", "VBP", "VBG", "VB", "MD") or aux:
        return 0
    return -1
