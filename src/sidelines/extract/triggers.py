"""Trigger words that report an engagement, read from ``data/triggers.csv``, and the spaCy component
that marks them on ``doc.spans["triggers"]`` (span label = engagement type)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sidelines.extract.tree import children, is_group, since_sentence_before
from sidelines.nlp.doc_index import sentence_of

TRIGGER_SPANS = "triggers"
ROUND_WORDS = {"round", "session", "meeting"}  # "the first round of strategic dialogue"
PHONE_WORDS = {"phone", "telephone", "telephonic", "video", "videoconference", "video-link", "videolink", "call"}


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str  # VERB or NOUN
    type: str
    requires: str  # "", "participants", "destination", "person_object", "phone", "spoken_to", "object:a|b", "round", "joint" (JOINT)

    @property
    def objects(self) -> set[str]:
        return set(self.requires.removeprefix("object:").split("|")) if self.requires.startswith("object:") else set()


@lru_cache(maxsize=1)
def trigger_table() -> dict[tuple[str, str], list[Trigger]]:
    """(lemma, part of speech) -> the rows for it, in file order: the first whose needs are met wins."""
    path = resources.files("sidelines.extract") / "data" / "triggers.csv"
    table: dict[tuple[str, str], list[Trigger]] = {}
    with path.open("r", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            trigger = Trigger(r["lemma"], r["pos"], r["type"], r.get("requires") or "")
            table.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    return table


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    path = resources.files("sidelines.extract") / "data" / "speech_verbs.csv"
    with path.open("r", encoding="utf-8") as handle:
        return frozenset(r["lemma"] for r in csv.DictReader(handle))


@lru_cache(maxsize=1)
def trigger_words() -> frozenset[str]:
    """Every lemma in the table and its "-ing" form: a cheap first test for each token."""
    lemmas = {lemma for lemma, _ in trigger_table()}
    return frozenset(lemmas | {f"{w}ing" for w in lemmas} | {f"{w[:-1]}ing" for w in lemmas if w.endswith("e")})


def candidates(token: Token) -> list[Trigger]:
    words = trigger_words()
    if token.lower_ not in words and token.lemma_.lower() not in words:
        return []
    pos = "VERB" if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") else "NOUN"
    table = trigger_table()
    found = table.get((token.lemma_.lower(), pos)) or table.get((token.lower_, pos))
    if not found and token.is_sent_start and token.lower_.endswith("ing"):
        stem = token.lower_[:-3]  # "Hosting X, ...": a sentence-initial participle the tagger took for a name
        found = table.get((stem, "VERB")) or table.get((stem + "e", "VERB"))
    return found or []


#: "X opened the consulate together with Y", "X laid a wreath alongside Y": whatever the verb, two
#: people doing it together met.
JOINT = Trigger("together", "VERB", "MEET", "joint")
JOINT_WORDS = {"together", "jointly"}


def trigger_for(token: Token) -> Trigger | None:
    """The first trigger row for this token whose needs its parse meets; else, for a verb done together
    with someone, a meeting."""
    return next((t for t in candidates(token) if requirements_met(token, t)), None) or (
        JOINT if _done_together(token) else None)


def _done_together(verb: Token) -> bool:
    if verb.pos_ != "VERB":
        return False
    return any(_is_person(o) for p in children(verb, ("prep",))
               if p.lower_ == "alongside" or p.lower_ == "with" and any(c.lower_ in JOINT_WORDS for c in p.children)
               for o in children(p, ("pobj",)))


def _dated(prep: Token) -> bool:
    return any(o.ent_type_ in ("DATE", "TIME") for o in children(prep, ("pobj",)))


SPOKEN_TO_PREPS = {"with", "to"}
IN_PERSON_WORDS = {"sidelines", "margins", "person", "visit", "trip", "summit", "meeting", "talks", "residence",
                   "palace", "office", "headquarters"}
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
TOPIC_PREPS = {"about", "on", "regarding", "concerning", "over", "of"}
SETTINGS = {"sidelines", "margins", "sideline", "margin"}


def _someone_spoken_to(token: Token) -> bool:
    """"spoke with X", "talked to his counterpart", "spoke to him": a person at the other end."""
    for prep in children(token, ("prep",)):
        if prep.lower_ in SPOKEN_TO_PREPS:
            for obj in children(prep, ("pobj",)):
                if obj.ent_type_ == "PERSON" or obj.lower_ in ("him", "her", "them") or obj.lemma_.lower() in (
                        "counterpart", "president", "minister", "leader", "chancellor", "premier", "king"):
                    return True
    return False


def _in_person(token: Token) -> bool:
    """The clause says where they were, or that they were together ("on the sidelines", "in Rome")."""
    topics = {t.i for p in children(token, ("prep",)) if p.lower_ in TOPIC_PREPS
              and not (p.lower_ == "on" and any(o.lower_ in SETTINGS for o in children(p, ("pobj",))))
              for t in p.subtree}  # "on the sidelines of" is where, "on the war" what
    for inner in token.subtree:
        if inner.dep_ in ("ccomp", "advcl", "relcl") and inner.i != token.i or inner.i in topics:
            continue  # "spoke to X about the meeting in Istanbul": what they spoke about, not where
        if inner.lower_ in IN_PERSON_WORDS or inner.lower_ in PHONE_WORDS:
            return inner.lower_ not in PHONE_WORDS
        if inner.ent_type_ in PLACE_ENTITIES and inner.head.dep_ == "prep" and inner.head.lower_ in ("in", "at"):
            return True
    return False


def _is_one_of(token: Token, nouns: set[str]) -> bool:
    """The word is one of ``nouns``, also in a capitalised plural the tagger took for a name
    ("Memorandums of Understanding")."""
    return token.lemma_.lower() in nouns or token.lower_.removesuffix("s") in nouns


def _names_one_of(obj: Token, nouns: set[str]) -> bool:
    """The object is one of ``nouns``, or a quantity or kind of them ("a number of memorandums")."""
    if _is_one_of(obj, nouns):
        return True
    return any(_is_one_of(t, nouns) for p in children(obj, ("prep",)) if p.lower_ == "of"
               for o in children(p, ("pobj",)) for t in (o, *children(o, ("compound",))))


def _acronym(obj: Token) -> bool:
    """An agreement named by its initials ("the RAA", "the JCPOA"): capitals, not a country or a person."""
    return obj.is_upper and 2 <= len(obj.text) <= 8 and obj.ent_type_ not in ("GPE", "NORP", "PERSON") \
        and not obj.ent_id_.startswith("country:")


def _is_person(token: Token) -> bool:
    return token.ent_type_ == "PERSON"


def _stands_for(pronoun: Token, nouns: set[str]) -> bool:
    """"... such a pact, when Sunak signed it": "it" stands for one of ``nouns`` named since the
    sentence before."""
    if pronoun.lower_ != "it":
        return False
    return any(t.lemma_.lower() in nouns for t in pronoun.doc[since_sentence_before(pronoun):pronoun.i])


def requirements_met(token: Token, trigger: Trigger) -> bool:
    """Whether the parse gives what the trigger row needs to report an engagement."""
    need = trigger.requires
    if need == "person_object":
        if children(token, ("oprd", "xcomp", "ccomp", "attr")) or len(children(token, ("dobj", "dative"))) > 1:
            return False  # "called Erdogan his dear friend" names, it does not phone
        return any(_is_person(o) or is_group(o) for o in children(token, ("dobj",)))  # "received the three ministers"
    if need.startswith("prep:"):
        if any(c.dep_ in ("xcomp", "advcl") and any(a.tag_ == "TO" for a in c.children) for c in token.children):
            return False  # "called on X to end the dispute" urges, it does not visit
        preps = [p for p in children(token, ("prep",)) if p.lower_ == need.removeprefix("prep:")]
        return any(_is_person(o) or any(_is_person(a) for a in children(o, ("appos",)))  # "the Ugandan leader, X"
                   for p in preps for o in children(p, ("pobj",)))
    if need == "phone":
        return bool({t.lower_ for t in token.subtree} & PHONE_WORDS)
    if need == "spoken_to":  # "discussed the situation with her": how, the article's other reports say
        return _someone_spoken_to(token)
    if need in ("remote", "in_person"):  # "spoke with X" from afar is a call; "spoke with X in Rome" a meeting
        return _someone_spoken_to(token) and (_in_person(token) == (need == "in_person"))
    if need.startswith("object:"):  # "signed the agreement", "a number of memorandums were signed", "signed the RAA"
        objects = children(token, ("dobj", "nsubjpass", "appos"))  # appos: an object the parse set apart
        if not objects:  # "X and Y signed in the palace, in the presence of ..., a number of memorandums"
            return any(_is_one_of(t, trigger.objects) for t in token.doc[token.i + 1:sentence_of(token).end])
        return any(_names_one_of(o, trigger.objects) or _stands_for(o, trigger.objects) or _acronym(o)
                   for o in objects)
    if need == "round":  # "the first round of strategic dialogue": a sitting, not dialogue as a way of doing things
        return token.head.lower_ == "of" and token.head.head.lemma_ in ROUND_WORDS
    if need == "no_prep_for":  # "a call for calm", "a call on Russia to ...", but "a call on July 4" is a call
        return not any(p.lower_ in ("for", "on", "to") and not _dated(p) for p in children(token, ("prep",)))
    return True


@Language.component("sidelines_triggers")
def mark_triggers(doc: Doc) -> Doc:
    """Mark every token whose lemma and part of speech are in the trigger table."""
    spans = []
    words = trigger_words()
    strings = doc.vocab.strings
    lowers, lemmas = doc.to_array("LOWER").tolist(), doc.to_array("LEMMA").tolist()
    # the verb of "together with" (two steps up) or of "alongside" (one): a verb of any lemma may be done together
    joint = {h.i for i, lower in enumerate(lowers) if strings[lower] in JOINT_WORDS | {"alongside"}
             for h in (doc[i].head, doc[i].head.head)}
    for i, (lower, lemma) in enumerate(zip(lowers, lemmas)):
        if strings[lower] not in words and strings[lemma].lower() not in words and i not in joint:
            continue  # read from arrays: most tokens are no trigger, and making each a Token costs
        trigger = trigger_for(doc[i])
        if trigger is not None:
            spans.append(Span(doc, i, i + 1, label=trigger.type))
    doc.spans[TRIGGER_SPANS] = spans
    return doc
