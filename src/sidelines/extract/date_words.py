"""Which date words belong to an engagement trigger: the DATE entity that modifies it most directly.

Bounds ("since October"), gaps ("a day after"), durations ("a six-year freeze") are not the day of an
engagement; "that day" is the day named just before; a weekday with its date in apposition gives the
date. A dateline's date ("HEFEI, April 1 (Xinhua) --") dates the report, so any other date words of the
sentence come first. Times that name a day ("last evening") and a day of the month the entity model
misses ("on the 4th") count too. The words chosen are the evidence of the date the resolver then reads
(resolve/dates.py).
"""

from __future__ import annotations

import re

from spacy.attrs import LOWER
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sidelines.extract.tree import children, hops, since_sentence_before
from sidelines.extract.triggers import speech_verbs
from sidelines.knowledge.files import fold
from sidelines.nlp.doc_index import entities, entities_in, positions, sentence_of

#: A DATE after one of these is a bound, not the day it happened.
BOUNDARY_PREPS = {"since", "until", "till", "by", "from", "through", "throughout", "before", "after"}
#: "a day after X met Y": a DATE followed by one of these is the gap between two events.
OFFSET_WORDS = {"after", "before"}


def date_words(token: Token, verb: Token | None) -> SpacySpan | None:
    """The DATE entity that modifies the trigger (or the verb it hangs from) most directly."""
    found = []
    candidates = date_candidates(sentence_of(token))
    for rank, head in enumerate(date_heads(token, verb)):
        for ent in candidates:
            if ent.root.head.lower_ in BOUNDARY_PREPS:
                continue  # "since October", "until Thursday": a bound, not the day it happened
            if ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in OFFSET_WORDS:
                continue  # "a day after X met Y": the gap between two events, not a date
            if is_duration(ent):
                continue  # "a six-year freeze", "a ten-year pact", "the annual summit"
            steps = 0 if ent.start <= head.i < ent.end else hops(ent.root, head)
            if steps is None and _just_before(ent, head):
                steps = 1  # "X on Friday met Y": the parser may hang "on Friday" on a clause before
            if steps is not None:
                found.append((steps + rank + (DATELINE_PENALTY if is_dateline(ent) else 0), ent.start, ent))
    if not found:
        return None
    best = fullest(min(found)[2])
    if fold(best.text) in SAME_DAY:
        return day_referred_to(best)
    return best


def _just_before(ent: SpacySpan, verb: Token) -> bool:
    """The date words stand between the subject and its verb ("on Friday met")."""
    return verb.pos_ == "VERB" and ent.end == verb.i and (ent.root.head.lower_ == "on" or ent.root.dep_ == "npadvmod")


#: A dateline's date is the report's day: other date words of its sentence come first.
DATELINE_PENALTY = 10
#: What may follow a dateline's date: the agency's bracket or the dash before the story.
DATELINE_AFTER = {"(", "((", ")", "--", "—", "–", "-", ":"}
#: A TIME entity that names a day ("last evening", "Tuesday night"), not a clock time alone.
DAY_TIME = re.compile(r"\b(?:yesterday|today|tonight|last\s+(?:night|evening)|this\s+(?:morning|afternoon|evening)|"
                      r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
#: "on the 4th", "on 4 th": a day of the month alone, which the entity model leaves untagged.
DAY_OF_MONTH = re.compile(r"^(?:the\s+)?\d{1,2}\s*(?:st|nd|rd|th)$", re.IGNORECASE)


def date_candidates(sent: SpacySpan) -> list[SpacySpan]:
    """The sentence's DATE entities, its TIME entities that name a day, and days of the month after
    "on" that no entity covers, in text order."""
    found = [without_gap(e) for e in entities_in(sent)
             if e.label_ == "DATE" or (e.label_ == "TIME" and DAY_TIME.search(e.text))]
    taken = {i for e in entities_in(sent) if e.label_ in ("DATE", "TIME") for i in range(e.start, e.end)}
    for i in positions(sent.doc, LOWER, ("on",)).tolist():
        token = sent.doc[i]
        if not sent.start <= i < sent.end - 1:
            continue
        for end in range(token.i + 2, min(token.i + 4, sent.end) + 1):
            span = sent.doc[token.i + 1:end]
            if DAY_OF_MONTH.match(span.text) and not any(t.i in taken for t in span):
                found.append(span)
                break
    return sorted(found, key=lambda e: e.start)


def without_gap(ent: SpacySpan) -> SpacySpan:
    """"on May 26, two days after X": the entity model joins the day and the gap; the day is the date."""
    comma = next((t for t in ent if t.text == ","), None)
    if comma is None or comma.i == ent.start or not DURATION.match(ent.doc[comma.i + 1:ent.end].text.strip()):
        return ent
    return ent.doc[ent.start:comma.i]


def is_dateline(ent: SpacySpan) -> bool:
    """"HEFEI, April 1 (Xinhua) --", "Qingdao, June 26 --", "TOKYO (Sputnik - 13th February, 2022)": the
    date after the place name that opens a wire story, before its agency or dash."""
    before = ent.doc[sentence_of(ent).start:ent.start]
    if not 0 < len(before) <= 12 or ent.end >= len(ent.doc):
        return False
    if not all(t.is_punct or t.pos_ in ("PROPN", "PUNCT", "SYM") or t.is_upper for t in before):
        return False
    return ent.doc[ent.end].text in DATELINE_AFTER or ent.doc[ent.end].text.startswith("(")


def date_heads(token: Token, verb: Token | None) -> list[Token]:
    """Where the trigger's date may hang, nearest first: the trigger, its verb, and the clause that
    verb belongs to when it has no time of its own ("Hosting X, China on Wednesday said", "spent the
    evening of 8 July at his residence, where they talked", "met on May 2, when Y travelled to Z")."""
    heads = [token, *participles(token)]
    if verb is None:
        return heads
    own = token.head.i == verb.i and token.dep_ in ("dobj", "nsubj", "nsubjpass")  # "held talks"
    if own or not any(c.dep_ == "mark" and c.lower_ in BOUNDARY_PREPS for c in verb.children):
        heads.append(verb)  # not "on his first visit since Russia launched its invasion in February"
    if verb.dep_ in ("advcl", "xcomp") and not children(verb, ("nsubj", "nsubjpass")):
        heads.append(verb.head)
    if token.i == sentence_of(token).start and token.lower_.endswith("ing"):
        heads.append(sentence_of(token).root)  # the same, when the parse lost the participle's clause
    if verb.dep_ in ("advcl", "relcl") and any(c.lower_ == "when" for c in verb.children):
        heads.append(verb.head)  # a relative "when" hangs from the date itself: "on April 12, when ..."
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        outer = next((t for t in verb.head.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if outer is not None:
            heads.append(outer)
    if (reporting := reported_by(verb)) is not None:
        heads.append(reporting)
    return heads


def participles(token: Token) -> list[Token]:
    """"a meeting ..., held at the hotel today", "talks held on Monday": the participle that describes
    the trigger noun carries its date."""
    return [c for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN"]


def reported_by(verb: Token) -> Token | None:
    """"The ministry announced Tuesday that Lavrov met Choe": a simple past reported by a dated verb
    took place on the day it was reported, as far as the text tells (not "had met": that was before)."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in speech_verbs():
        return None
    if any(c.dep_ == "aux" and c.lower_ in ("had", "has", "have", "'d", "'ve") for c in verb.children):
        return None
    return verb.head


DURATION = re.compile(r"^(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d+)[- ]"
                      r"(?:year|month|week|day|decade|hour)s?(?:-long|-old)?$|^(?:annual|yearly|biennial|weekly|"
                      r"monthly|daily)$", re.IGNORECASE)


def is_duration(ent: SpacySpan) -> bool:
    return bool(DURATION.match(ent.text.strip()))


SAME_DAY = {"that day", "the same day", "that evening", "that morning", "that afternoon", "the same evening"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def day_referred_to(ent: SpacySpan) -> SpacySpan | None:
    """"... on July 14, 2023; Macron hosted him that day": the last day named in this sentence or
    the one before (the words that give the date are its evidence)."""
    start = since_sentence_before(ent.root)
    days = [e for e in entities(ent.doc) if e.label_ == "DATE" and start <= e.start and e.end <= ent.start
            and fold(e.text) not in SAME_DAY and not is_duration(e)
            and (any(t.like_num for t in e) or any(t.lower_ in WEEKDAYS for t in e))]
    return days[-1] if days else None


def fullest(ent: SpacySpan) -> SpacySpan:
    """"on Thursday, 18 August 2022": the date in apposition fixes the day the weekday only names."""
    for other in entities_in(sentence_of(ent)):
        if other.label_ == "DATE" and other.start > ent.start and other.root.dep_ == "appos" \
                and ent.start <= other.root.head.i < ent.end:
            return other
    return ent
