"""Did it happen? The status of an engagement, decided from the clause that carries its trigger.

``occurred`` unless the clause says otherwise: a verb above the trigger that cancels, postpones or
declines it ("cancelled his visit", "the meeting was postponed", "declined to meet"), a future, modal
or planning form ("will meet", "is expected to meet", "plans to visit", "is to travel", "the planned
visit", "their next meeting"). A negated trigger ("did not meet") is no engagement at all. The words
that decide live in ``data/status_words.csv`` (lemma, particle, status).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

MODALS = {"will", "would", "could", "may", "might", "should", "shall", "can", "must", "'ll", "wo"}
PROSPECTIVE = {"next", "upcoming", "future", "planned", "proposed", "possible", "potential", "expected",
               "forthcoming", "scheduled", "slated", "mooted", "prospective", "coming"}
#: Words an infinitive hangs from that put it ahead of the time of writing ("is due to arrive").
AHEAD = {"going", "due", "likely", "unlikely", "poised", "slated", "certain", "bound"}
UNDONE = {"cancelled", "canceled", "postponed", "delayed", "scrapped", "aborted", "deferred"}
CLIMB_DEPS = {"xcomp", "dobj", "nsubjpass", "pobj", "prep", "ccomp", "acl", "relcl", "nsubj", "attr", "oprd", "advcl",
              "conj"}
MAX_HOPS = 4
PLANNED_LINKS = {"xcomp", "dobj", "nsubjpass"}
UNDOING = {"cancelled", "postponed", "declined"}


@dataclass(frozen=True, slots=True)
class Status:
    value: str  # occurred, planned, cancelled, postponed, declined
    cue: Token | None = None


@lru_cache(maxsize=1)
def status_words() -> dict[tuple[str, str], str]:
    """(lemma, particle or "") -> status."""
    path = resources.files("sidelines.extract") / "data" / "status_words.csv"
    with path.open("r", encoding="utf-8") as handle:
        return {(r["lemma"], r.get("particle") or ""): r["status"] for r in csv.DictReader(handle)}


def _word_status(verb: Token) -> str | None:
    words = status_words()
    particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")]  # "call off", "look forward"
    for particle in particles:
        if (verb.lemma_.lower(), particle) in words:
            return words[(verb.lemma_.lower(), particle)]
    return words.get((verb.lemma_.lower(), ""))


def _negated(verb: Token) -> bool:
    """"did not meet", and "have not yet held talks", where the parse hangs "not" on "yet"."""
    return any(c.dep_ == "neg" or c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children)
               for c in verb.children)


#: Planning verbs whose passive places what it plans anywhere in its clause ("X is expected in Y
#: next week on his first visit", "the visit is scheduled for May").
PASSIVE_PLANS = {"expect", "schedule", "plan", "set", "slate"}


def _expected(verb: Token) -> bool:
    return verb.lemma_.lower() in PASSIVE_PLANS and any(c.dep_ == "auxpass" for c in verb.children)


def _future(verb: Token) -> Token | None:
    """"will meet", "could visit", "is to travel", "is going to meet": the auxiliary that says so."""
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS:
            return child
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and any(c.tag_ == "TO" for c in verb.children):
        return verb.head  # "Xi is to visit Moscow"
    headline = verb.dep_ == "ROOT" or verb.head.dep_ == "ROOT" and verb.head.pos_ == "PROPN"
    if headline and (to := next((c for c in verb.children if c.dep_ == "aux" and c.tag_ == "TO"), None)):
        return to  # "Lavrov to meet Borrell", "Lavrov To Meet With Borrell": a headline's infinitive announces
    if verb.dep_ == "xcomp" and verb.head.lower_ in AHEAD:
        return verb.head  # "is due to arrive", "is likely to hold talks"
    if verb.lemma_ == "be":  # "had been due to arrive ... and pay a courtesy call"
        return next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ == "due"), None)
    return None


def _noun_status(noun: Token) -> Status | None:
    """"their next meeting", "a planned visit", "the cancelled summit"."""
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nummod", "advmod") and child.lower_ in UNDONE:
            return Status("postponed" if child.lower_ in ("postponed", "delayed", "deferred") else "cancelled", child)
        if child.dep_ in ("amod", "compound", "nummod", "advmod") and child.lower_ in PROSPECTIVE:
            return Status("planned", child)
    return None


def status_of(trigger: Token, verb: Token | None) -> Status | None:
    """The trigger's status; None when the clause denies it ("did not meet", "no meeting took place")."""
    if (kept := _kept_from(trigger)) is not None:
        return kept
    for child in trigger.children:  # "X cancels visit to Y": a headline's verb the tagger took for a noun
        if child.dep_ in ("compound", "nsubj") and child.i < trigger.i and (word := _word_status(child)) in UNDOING:
            return Status(word, child)
    head = trigger.head  # "the postponement of his visit": a noun between the trigger and its verb
    while verb is not None and head.i not in (verb.i, head.head.i):
        if (word := _word_status(head)) in UNDOING:
            return Status(word, head)
        head = head.head
    from_clause = _clause_status(trigger, verb)
    if from_clause is not None and from_clause.value in UNDOING:
        return from_clause  # "the planned talks were called off": what was done to them wins
    if trigger.pos_ == "NOUN" and (found := _noun_status(trigger)) is not None:
        return found
    return from_clause


def _kept_from(trigger: Token) -> Status | None:
    """"..., keeping him from meeting the president", "barred from visiting": it did not take place.
    The rows of the words table with the particle "from" say which verbs do this."""
    if trigger.dep_ not in ("pcomp", "pobj") or trigger.head.lower_ != "from":
        return None
    verb = trigger.head.head
    word = status_words().get((verb.lemma_.lower(), "from"))
    return Status(word, verb) if word is not None else None


def _clause_status(trigger: Token, verb: Token | None) -> Status | None:
    if verb is not None and _negated(verb) and _word_status(verb) is None:
        return None
    head, hops = (verb if verb is not None else trigger), 0
    came_by, finite = (trigger.dep_ if verb is not None and verb.i != trigger.i else ""), True
    while head is not None and hops <= MAX_HOPS:
        if head.i != trigger.i and came_by != "conj":  # "cancelled the trip and met Y": each verb its own
            word = _word_status(head)
            # "planned" words plan what hangs from them as an infinitive, a gerund or an object ("plans to
            # visit", "expects both sides are working to set up a meeting", "scheduled talks"), not what
            # they report ("announced that X met Y")
            if word is not None and (word != "planned" or came_by in PLANNED_LINKS or not finite
                                     or _expected(head) or any(c.lower_ == "forward" for c in head.children)):
                return Status(word, head)
        if (aux := _future(head)) is not None:
            return Status("planned", aux)
        if head.i != trigger.i and came_by != "conj" and _negated(head):  # "did not attend but met X"
            return None
        if head.dep_ not in CLIMB_DEPS or head.head.i == head.i:
            break
        came_by, finite = head.dep_, head.tag_ not in ("VB", "VBG")
        head, hops = head.head, hops + 1
    return Status("occurred")
