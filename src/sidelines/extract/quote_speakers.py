"""A speaker's name in full, from the article itself.

Reports name a speaker in full once ("Pakistan Foreign Minister Bilawal Bhutto Zardari") and then by
one name ("Bilawal added"), by honorific ("Mr Wang said"), or by title alone ("the President said",
"PM said", "the NATO chief told reporters"). The speaker keeps the words as written as its span (the
linker and the reader see what the text says) and takes the name of the person the article named
before with that name word or that office, as a pronoun takes its antecedent's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sidelines.extract.layout import Layout
from sidelines.extract.participants import TITLE_NOUNS, ParticipantFinder
from sidelines.knowledge import KnowledgeBase
from sidelines.model import Participant
from sidelines.nlp.doc_index import entities

NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
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
        wholes = {(w.start, w.end): w for w in (whole_name(e) for e in entities(doc) if e.label_ == "PERSON")}
        named = (finder.from_entity(w) for w in wholes.values())
        self.people = [(layout.position(p.span), p) for p in named if p is not None and p.kind == "person"
                       and p.span is not None and _name_words(p.name)]

    def complete(self, speaker: Participant, focus: Sequence[Participant] = ()) -> Participant:
        """The speaker with the fuller name of the person meant, when the article gives one. ``focus``:
        the persons the text was about before (subjects and speakers, in order), who a bare title
        refers to first."""
        if speaker.kind != "person" or speaker.actor_id or speaker.span is None:
            return speaker
        at = self.layout.position(speaker.span)
        words = _name_words(speaker.name)
        found = self._by_name(words, at) if words else self._by_office(speaker, at, focus)
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

    def _by_office(self, speaker: Participant, at: int, focus: Sequence[Participant]) -> Participant | None:
        """"The President", "PM", "the NATO chief", "the Indian minister": the latest subject or speaker
        before with that office, else the latest person named before with it."""
        for person in reversed(focus):
            full = self.complete(person)
            if self._fits(full, speaker):
                return full
        return _nearest([(pos, p) for pos, p in self.people if pos < at and self._fits(p, speaker)], at)

    def _fits(self, person: Participant, title: Participant) -> bool:
        """The person has the title's office (or its last word among their title's words) and country."""
        words = (title.role or title.name).split()
        office = self.kb.actors.office_of(" ".join(words)) or (self.kb.actors.office_of(title.span.text)
                                                               if title.span is not None else None)
        if person.kind != "person" or title.country is not None and self._country(person) != title.country:
            return False
        if office is not None:
            return self._holds(person, office)
        return bool(words) and _fold(words[-1]) in {_fold(w) for w in (person.role or "").split()}

    def by_title_word(self, noun: str, at: int, focus: Sequence[Participant]) -> Participant | None:
        """"the archbishop", "the cardinal", "the senator": a person named before with that word as a
        title in front of the name or as the last word of the title (in focus first)."""
        def titled(person: Participant) -> bool:
            words = [_fold(w) for w in person.name.split()[:-1] + (person.role or "").split()[-1:]]
            return person.kind == "person" and _fold(noun) in words
        for person in reversed(focus):
            full = self.complete(person)
            if titled(full):
                return full
        return _nearest([(pos, p) for pos, p in self.people if pos < at and titled(p)], at)

    def _country(self, person: Participant) -> str | None:
        """The country a name gives, else that of the known person it names ("S Jaishankar": IND)."""
        actor = self.kb.actors.by_id.get(person.actor_id) if person.actor_id else None
        return person.country or (actor.country if actor is not None else None)

    def _holds(self, person: Participant, office: str) -> bool:
        return bool(person.role) and self.kb.actors.office_of(person.role or "") == office


def whole_name(ent: SpacySpan) -> SpacySpan:
    """The name with the parts the tagger left out: "Ferdinand R." + "Marcos Jr.", "Paolo" +
    "D’Amico", "Ana" + "Ruiz" (a given name it took for a title). A name the tagger already tied
    to a known person is whole."""
    if ent.ent_id_.startswith("actor:"):
        return ent
    doc, start, end = ent.doc, ent.start, ent.end
    while start > 0 and _name_part(doc[start - 1]) and doc[start - 1].dep_ == "compound" \
            and not _is_title_word(doc[start - 1].text):
        start -= 1
    while end < len(doc) and (_name_part(doc[end]) or _fold(doc[end].text) in NAME_SUFFIXES):
        end += 1
    return ent if (start, end) == (ent.start, ent.end) else SpacySpan(doc, start, end, label=ent.label_)


def _name_part(token: Token) -> bool:
    """A capitalised word of a name; a noun ("D’Amico") only inside a sentence, where it is no capital."""
    return token.text[:1].isupper() and token.ent_type_ in ("", "PERSON") \
        and (token.pos_ == "PROPN" or token.pos_ == "NOUN" and not token.is_sent_start)


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
