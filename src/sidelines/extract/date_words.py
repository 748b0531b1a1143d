"""Which date words belong to an engagement trigger: the DATE entity that modifies it most directly.

Bounds ("since October"), gaps ("a day after"), durations ("a six-year freeze") are not the day of an
engagement; "that day" is the day named just before; a weekday with its date in apposition gives the
date. The words chosen are the evidence of the date the resolver then reads (resolve/dates.py).
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sidelines.extract.tree import children, hops, since_sentence_before
from sidelines.knowledge.files import fold

#: A DATE after one of these is a bound, not the day it happened.
BOUNDARY_PREPS = {"since", "until", "till", "by", "from", "through", "throughout", "before", "after"}
#: "a day after X met Y": a DATE followed by one of these is the gap between two events.
OFFSET_WORDS = {"after", "before"}


def date_words(token: Token, verb: Token | None) -> SpacySpan | None:
    """The DATE entity that modifies the trigger (or the verb it hangs from) most directly."""
    found = []
    for rank, head in enumerate(date_heads(token, verb)):
        for ent in (e for e in token.sent.ents if e.label_ == "DATE"):
            if ent.root.head.lower_ in BOUNDARY_PREPS:
                continue  # "since October", "until Thursday": a bound, not the day it happened
            if ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in OFFSET_WORDS:
                continue  # "a day after X met Y": the gap between two events, not a date
            if is_duration(ent):
                continue  # "a six-year freeze", "a ten-year pact", "the annual summit"
            steps = 0 if ent.start <= head.i < ent.end else hops(ent.root, head)
            if steps is not None:
                found.append((steps + rank, ent.start, ent))
    if not found:
        return None
    ent = fullest(min(found)[2])
    if fold(ent.text) in SAME_DAY:
        ent = day_referred_to(ent)
        if ent is None:
            return None
    return ent


def date_heads(token: Token, verb: Token | None) -> list[Token]:
    """Where the trigger's date may hang, nearest first: the trigger, its verb, and the clause that
    verb belongs to when it has no time of its own ("Hosting X, China on Wednesday said", "spent the
    evening of 8 July at his residence, where they talked", "met on May 2, when Y travelled to Z")."""
    heads = [token]
    if verb is None:
        return heads
    own = token.head.i == verb.i and token.dep_ in ("dobj", "nsubj", "nsubjpass")  # "held talks"
    if own or not any(c.dep_ == "mark" and c.lower_ in BOUNDARY_PREPS for c in verb.children):
        heads.append(verb)  # not "on his first visit since Russia launched its invasion in February"
    if verb.dep_ in ("advcl", "xcomp") and not children(verb, ("nsubj", "nsubjpass")):
        heads.append(verb.head)
    if token.i == token.sent.start and token.lower_.endswith("ing"):
        heads.append(token.sent.root)  # the same, when the parse lost the participle's clause
    if verb.dep_ in ("advcl", "relcl") and any(c.lower_ == "when" for c in verb.children):
        heads.append(verb.head)  # a relative "when" hangs from the date itself: "on April 12, when ..."
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        outer = next((t for t in verb.head.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if outer is not None:
            heads.append(outer)
    return heads


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
    days = [e for e in ent.doc.ents if e.label_ == "DATE" and start <= e.start and e.end <= ent.start
            and fold(e.text) not in SAME_DAY and not is_duration(e)
            and (any(t.like_num for t in e) or any(t.lower_ in WEEKDAYS for t in e))]
    return days[-1] if days else None


def fullest(ent: SpacySpan) -> SpacySpan:
    """"on Thursday, 18 August 2022": the date in apposition fixes the day the weekday only names."""
    for other in ent.sent.ents:
        if other.label_ == "DATE" and other.start > ent.start and other.root.dep_ == "appos" \
                and ent.start <= other.root.head.i < ent.end:
            return other
    return ent
