"""Reporting cues and the words that name who spoke.

A cue is a verb of saying from data/speech_verbs.csv ("said", "tweeted", "wrote", "added", "told",
"was quoted as saying") or "according to". Its ``reported`` column says whether the verb also
introduces reported speech ("Wang said that ..."); the others only frame quoted words ("The post
read, ...", "as he put it", "Caddell continued: ..."). The speaker is the cue's subject, found up the
chain of verbs that share it ("..., he said, adding ..."), the object of "quoted X as saying", or the
object of "according to".
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass")
SHARED_SUBJECT = ("advcl", "xcomp", "conj", "pcomp", "acl", "prep", "relcl")
POST_NOUNS = {"post", "tweet", "message", "video", "thread"}  # "The post read": its author speaks
#: Verbs that do not report words but tell someone spoke: the quote after them is that person's
#: ("X praised Y's leadership. "I thank you ..."", "X put out a statement. "Today I hosted ..."").
SPOKE_VERBS = {"praise", "commend", "thank", "congratulate", "hail", "laud", "welcome", "salute"}
STATEMENT_NOUNS = {"statement", "message", "post", "tweet", "remarks", "address", "speech", "readout"}


def tells_of_speaking(verb: Token) -> bool:
    """A verb that introduces the quote after it without reporting it: an expressive verb, or a verb
    whose object is a statement ("issued a statement", "put out a message")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return verb.lemma_.lower() in SPOKE_VERBS or any(
        c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in verb.children)


@lru_cache(maxsize=1)
def cue_table() -> dict[str, bool]:
    """Lemma -> whether it introduces reported speech as well as quoted words."""
    path = resources.files("sidelines.extract") / "data" / "speech_verbs.csv"
    with path.open("r", encoding="utf-8") as handle:
        return {r["lemma"]: r.get("reported", "yes") == "yes" for r in csv.DictReader(handle)}


def is_cue(token: Token) -> bool:
    """A verb of saying, or the "according" of "according to"."""
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to"
    lemma = token.lemma_.lower()
    if lemma == "put":  # "as he put it"
        return any(c.lower_ == "it" for c in token.children)
    return lemma in cue_table() and (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"))


def reports(token: Token) -> bool:
    """The cue can introduce a reported clause ("said that ...")."""
    return cue_table().get(token.lemma_.lower(), False) and token.pos_ in ("VERB", "AUX")


def speaker_token(cue: Token, quoted: Callable[[int], bool] = lambda _: False) -> Token | None:
    """The word naming who spoke, by the cue's grammar; None when the cue names no one. ``quoted``
    tells the character offsets inside quotation marks, whose words never name the speaker."""
    if cue.lower_ == "according":
        return _according_to(cue)
    verb = cue
    for _ in range(5):
        if verb.lemma_.lower() == "quote":  # "the statement quoted X as saying": X speaks
            person = next((c for c in verb.children if c.dep_ == "dobj" and not quoted(c.idx)), None)
            if person is not None:
                return person
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS and not quoted(c.idx)]
        if subjects:
            # two subjects for one verb is a misparse ("Hosting X, China said"): the nearer one speaks
            return min(subjects, key=lambda t: abs(verb.i - t.i))
        if verb.dep_ == "ROOT" and (named := _name_just_before(verb)) is not None:
            return named  # "In a tweet US President X said": the parse hung the subject on the opening phrase
        if verb.dep_ not in SHARED_SUBJECT or verb.head is verb:
            return None
        verb = verb.head.head if _parallel_report(verb) else verb.head
    return None


def _name_just_before(verb: Token) -> Token | None:
    """The person named right before a verb that the parse gave no subject."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return before if before is not None and before.ent_type_ == "PERSON" and before.ent_iob_ != "O" else None


def _parallel_report(verb: Token) -> bool:
    """"Cho noted that Lee had sent his condolences, and stressed that ...": a cue with a clause
    of its own that the parse joined to the verb of another cue's clause reports for that cue's subject."""
    head = verb.head
    return verb.dep_ == "conj" and is_cue(verb) and any(c.dep_ == "ccomp" for c in verb.children) \
        and not is_cue(head) and head.dep_ == "ccomp" and is_cue(head.head)


def _according_to(cue: Token) -> Token | None:
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    if to is None and cue.i + 1 < len(cue.doc) and cue.nbor(1).lower_ == "to":
        to = cue.nbor(1)
    if to is None:
        return None
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def author_of(subject: Token) -> Token | None:
    """"his post", "Zelensky's tweet": the owner of a post speaks through it."""
    if subject.lemma_.lower() not in POST_NOUNS:
        return None
    return next((c for c in subject.children if c.dep_ == "poss"), None)


def is_post(subject: Token) -> bool:
    return subject.lemma_.lower() in POST_NOUNS
