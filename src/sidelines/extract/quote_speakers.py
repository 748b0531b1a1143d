"""A speaker's name in full, from the article itself.

Reports name a speaker in full once ("Pakistan Foreign Minister Bilawal Bhutto Zardari") and then by
one name ("Bilawal added"), by honorific ("Mr Wang said"), or by title alone ("the President said",
"PM said", "the NATO chief told reporters"). The speaker keeps the words as written as its span (the
linker and the reader see what the text says) and takes the name of the person the article named
before with that name word or that office, as a pronoun takes its antecedent's name.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from sidelines.extract.layout import Layout
from sidelines.extract.participants import TITLE_NOUNS, ParticipantFinder
from sidelines.knowledge import KnowledgeBase
from sidelines.model import Participant

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "mr.", "mrs.", "ms.", "dr.", "h.e.", "pm", "fm"}


def _fold(word: str) -> str:
    return word.lower().strip(".,'’")


def _is_title_word(word: str) -> bool:
    folded = _fold(word)
    return folded in HONORIFICS or folded in TITLE_NOUNS or folded in {"prime", "foreign", "state", "general",
                                                                       "vice", "deputy", "chief", "the"}


class SpeakerNames:
    """The persons an article names in full, in order, and the speakers completed from them."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, finder: ParticipantFinder, layout: Layout) -> None:
        self.kb = kb
        self.layout = layout
        named = (finder.from_entity(e) for e in doc.ents if e.label_ == "PERSON")
        self.people = [(layout.position(p.span), p) for p in named if p is not None and p.kind == "person"
                       and p.span is not None and _name_words(p.name)]

    def complete(self, speaker: Participant) -> Participant:
        """The speaker with the fuller name of the person meant, when the article gives one."""
        if speaker.kind != "person" or speaker.actor_id or speaker.span is None:
            return speaker
        at = self.layout.position(speaker.span)
        words = _name_words(speaker.name)
        found = self._by_name(words, at) if words else self._by_office(speaker, at)
        if found is None:
            return speaker
        return replace(speaker, name=found.name, country=found.country or speaker.country,
                       actor_id=found.actor_id, role=found.role or speaker.role, link_basis=found.link_basis)

    def _by_name(self, words: list[str], at: int) -> Participant | None:
        """"Bilawal", "Mr Wang", "Minister Park": the latest fuller name before with those words."""
        wanted = {_fold(w) for w in words}
        fuller = [(pos, p) for pos, p in self.people if pos != at
                  and wanted < {_fold(w) for w in _name_words(p.name)}]
        return _nearest(fuller, at)

    def _by_office(self, speaker: Participant, at: int) -> Participant | None:
        """"The President", "PM", "the NATO chief": the latest person named before with that office."""
        title = speaker.role or speaker.name
        office = self.kb.actors.office_of(title)
        last = _fold(title.split()[-1]) if title.split() else ""
        matching = [(pos, p) for pos, p in self.people if pos < at
                    and (speaker.country is None or p.country == speaker.country)
                    and (office is not None and self._holds(p, office)
                         or office is None and last and last in {_fold(w) for w in (p.role or "").split()})]
        return _nearest(matching, at)

    def _holds(self, person: Participant, office: str) -> bool:
        return bool(person.role) and self.kb.actors.office_of(person.role or "") == office


def _name_words(name: str) -> list[str]:
    """The name without the honorifics and titles written in front of it."""
    words = name.split()
    while words and _is_title_word(words[0]):
        words = words[1:]
    return words if all(w[:1].isupper() for w in words) else []


def _nearest(candidates: list[tuple[int, Participant]], at: int) -> Participant | None:
    before = [c for c in candidates if c[0] < at]
    if before:
        return max(before, key=lambda c: c[0])[1]
    return min(candidates, key=lambda c: c[0])[1] if candidates else None
