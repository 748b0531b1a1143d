"""Quotes with their speakers: "..., X said", X said: "...", and reported speech ("Wang said that ...").

The speaker is the subject of a reporting verb (data/speech_verbs.csv); a pronoun subject is the
person who last spoke or acted as a subject before it. The words are the quotation marks' content
when the reported clause lies inside them (direct), else the reported clause itself (indirect).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from sidelines.extract.layout import Layout
from sidelines.extract.participants import ParticipantFinder
from sidelines.extract.triggers import speech_verbs
from sidelines.knowledge import KnowledgeBase
from sidelines.model import Participant, Quote, stable_key

CURLY = re.compile(r"“([^”]+)”|‘([^’]{30,})’(?!\w)")
MIN_QUOTE = 8  # characters: a quoted word ("ceiling") is emphasis, not a quote


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (the marks excluded), in order. Straight double quotes
    are paired in order within a paragraph, so one short quoted word cannot shift every pair after it."""
    regions = [(m.start() + 1, m.end() - 1) for m in CURLY.finditer(text)]
    offset = 0
    for paragraph in text.split("\n"):
        marks = [offset + i for i, char in enumerate(paragraph) if char == '"']
        regions += [(a + 1, b) for a, b in zip(marks[::2], marks[1::2])]
        offset += len(paragraph) + 1
    return sorted(r for r in regions if r[1] - r[0] >= MIN_QUOTE)


class QuoteExtractor:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc, article_id: str, layout: Layout) -> list[Quote]:
        regions = quote_regions(doc.text)
        starts = [r[0] for r in regions]
        finder = ParticipantFinder(self.kb, layout)
        quotes: list[Quote] = []
        speakers: list[Participant] = []
        for token in doc:
            if _inside(token.idx, regions, starts):
                continue
            if token.dep_ in ("nsubj", "nsubjpass") and token.ent_type_ == "PERSON":
                speakers += finder.from_token(token, speakers, centering=False)
            if token.lemma_.lower() not in speech_verbs() or token.pos_ not in ("VERB", "AUX"):
                continue
            quote = self._quote(token, doc, article_id, layout, finder, speakers, regions, starts)
            if quote is not None and all(q.id != quote.id for q in quotes):
                quotes.append(quote)
                speakers.append(quote.speaker)
        return quotes

    def _quote(self, verb: Token, doc: Doc, article_id: str, layout: Layout, finder: ParticipantFinder,
               speakers: list[Participant], regions: list[tuple[int, int]], starts: list[int]) -> Quote | None:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            return None
        # Two subjects for one verb is a misparse ("Hosting X, China said"): the nearer one speaks.
        subject = min(subjects, key=lambda t: abs(verb.i - t.i))
        found = finder.from_token(subject, speakers, centering=False)
        if not found or found[0].kind == "organisation" and found[0].country is None:
            return None
        words = self._words(verb, regions, starts)
        if words is None:
            return None
        start, end, direct = words
        sent = verb.sent
        text = doc.text[start:end]
        span = layout.span(text, start, end)
        return Quote(
            id=stable_key(article_id, start, end),
            article_id=article_id,
            speaker=found[0],
            text=text,
            start=span.start,
            end=span.end,
            direct=direct,
            cue=verb.text,
            evidence=layout.span(sent.text, sent.start_char, sent.end_char),
        )

    @staticmethod
    def _words(verb: Token, regions: list[tuple[int, int]], starts: list[int]) -> tuple[int, int, bool] | None:
        sent = verb.sent
        clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i != verb.i), None)
        if clause is not None and _inside(clause.idx, regions, starts):
            region = regions[bisect_right(starts, clause.idx) - 1]
            return region[0], region[1], True
        near = [r for r in regions if r[0] < sent.end_char and r[1] > sent.start_char]
        if near and (clause is None or clause.i < verb.i):
            return near[0][0], near[-1][1], True
        if clause is None or clause.i < verb.i:
            return None
        tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.i == clause.left_edge.i)]
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1].text)
        return (start, end, False) if end - start >= 12 else None


def _inside(position: int, regions: list[tuple[int, int]], starts: list[int]) -> bool:
    index = bisect_right(starts, position) - 1
    return index >= 0 and regions[index][0] <= position < regions[index][1]
