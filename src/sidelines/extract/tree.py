"""Walking spaCy's dependency tree: the steps extraction takes from a trigger to its words."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from sidelines.nlp.doc_index import sentence_of

CLAUSES = {"advcl", "ccomp", "relcl", "conj", "parataxis", "xcomp", "acl"}
NOMINAL_TRIGGERS = {"meeting", "talks", "talk", "visit", "trip", "call", "summit", "negotiation"}
GROUP_PRONOUNS = {"they", "them", "their", "both", "sides", "two", "ministers", "leaders"}
GROUP_COUNTS = {"two", "three", "four", "both"}


def is_group(token: Token) -> bool:
    """"they", "both sides", "the two presidents", "the three top diplomats": the people the text is
    about, not a name."""
    if token.lower_ in GROUP_PRONOUNS:
        return True
    return token.tag_ in ("NNS", "NNPS") and any(c.lower_ in GROUP_COUNTS for c in token.children)


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [c for c in token.children if c.dep_ in wanted]


def conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def hops(token: Token, head: Token) -> int | None:
    """Steps from ``token`` up to ``head``, or None when the way passes through another clause, an
    apposition or another engagement ("their first meeting since October")."""
    node, steps = token, 0
    while node.i != node.head.i:
        node, steps = node.head, steps + 1
        if node.i == head.i:
            return steps
        if node.pos_ in ("VERB", "AUX") or node.dep_ in CLAUSES or node.dep_ == "appos":
            return None
        if node.lemma_.lower() in NOMINAL_TRIGGERS and not frames_the_trigger(node):
            return None
    return None


def frames_the_trigger(noun: Token) -> bool:
    """"hosted X for talks on Monday", "signed it during a visit on January 12": the talks or the
    visit are what the engagement was for or part of, so their date is its date."""
    return noun.dep_ == "pobj" and noun.head.lower_ in ("for", "during")


def since_sentence_before(token: Token) -> int:
    """Where the sentence before the token's starts (its own, for the first): how far back an
    anaphor ("he", "it", "that day") looks for what it stands for."""
    sentence = sentence_of(token)
    return sentence_of(token.doc[sentence.start - 1]).start if sentence.start > 0 else sentence.start


#: Words that open a clause set before or after the one the sentence reports.
TIME_LINKS = {"since", "after", "before", "until", "following", "ahead"}


def in_time_clause(token: Token) -> bool:
    """"... the first conversation since they met in November", "a day after meeting X, he met Y":
    the token's clause is a time the sentence reports from, not what it reports."""
    node = token
    while node.i != node.head.i:
        if node.dep_ == "pcomp" and node.head.lower_ in TIME_LINKS:
            return True
        if node.dep_ in ("advcl", "acl", "relcl") and any(c.dep_ == "mark" and c.lower_ in TIME_LINKS for c in node.children):
            return True
        node = node.head
    return False
