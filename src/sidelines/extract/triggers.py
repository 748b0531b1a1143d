"""Trigger words that report an engagement, read from ``data/triggers.csv``, and the spaCy component
that marks them on ``doc.spans["triggers"]`` (span label = engagement type)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span

TRIGGER_SPANS = "triggers"


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str  # VERB or NOUN
    type: str
    requires: str  # "", "participants", "destination", "person_object", "phone", "object:a|b"

    @property
    def objects(self) -> set[str]:
        return set(self.requires.removeprefix("object:").split("|")) if self.requires.startswith("object:") else set()


@lru_cache(maxsize=1)
def trigger_table() -> dict[tuple[str, str], Trigger]:
    path = resources.files("sidelines.extract") / "data" / "triggers.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [Trigger(r["lemma"], r["pos"], r["type"], r.get("requires") or "") for r in csv.DictReader(handle)]
    return {(t.lemma, t.pos): t for t in rows}


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    path = resources.files("sidelines.extract") / "data" / "speech_verbs.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(r["lemma"] for r in csv.DictReader(handle))


def trigger_for(token) -> Trigger | None:  # noqa: ANN001 - a spaCy Token
    pos = "VERB" if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") else "NOUN"
    table = trigger_table()
    found = table.get((token.lemma_.lower(), pos)) or table.get((token.lower_, pos))
    if found is None and token.i == token.sent.start and token.lower_.endswith("ing"):
        stem = token.lower_[:-3]  # "Hosting X, ...": a sentence-initial participle the tagger took for a name
        found = table.get((stem, "VERB")) or table.get((stem + "e", "VERB"))
    return found


@Language.component("sidelines_triggers")
def mark_triggers(doc: Doc) -> Doc:
    """Mark every token whose lemma and part of speech are in the trigger table."""
    spans = []
    for token in doc:
        trigger = trigger_for(token)
        if trigger is not None:
            spans.append(Span(doc, token.i, token.i + 1, label=trigger.type))
    doc.spans[TRIGGER_SPANS] = spans
    return doc
