"""Who a participant is on the day of the event: full names, bare surnames and bare titles.

- a full name links to the actor whose name or alias it is, preferring one in office that year;
- a bare surname ("Wang said") links to the nearest full name with that surname earlier in the
  article (later, for a headline), so Wang Wenbin's paragraph and Wang Yi's stay apart;
- a title without a name ("China's foreign minister") links to the office holder on that day, or to
  a holder the article names.
Unknown people stay as they are: never dropped, never forced onto a known actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc

from sidelines.extract.layout import Layout
from sidelines.knowledge import KnowledgeBase
from sidelines.knowledge.actors import Actor
from sidelines.knowledge.files import fold
from sidelines.model import Participant
from sidelines.nlp.doc_index import entities


@dataclass(frozen=True, slots=True)
class NamedPerson:
    position: int  # character offset in the document
    actor: Actor


class ActorLinker:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._titles: frozenset[str] | None = None
        self._by_folded_surname: dict[str, list[Actor]] | None = None

    def people_in(self, doc: Doc, day: date | None) -> list[NamedPerson]:
        """Every name in the document that links to a known actor, in order: full names, and bare
        surnames only one known person bears ("Erdogan", "Guterres")."""
        found = []
        for ent in entities(doc):
            if ent.label_ != "PERSON":
                continue
            if len(ent.text.split()) < 2:
                actor = _pick(self.kb.actors.by_surname(ent.text), day, None, unique=True)
            else:
                actor = self._by_full_name(ent.text, day, None)
            if actor is not None:
                found.append(NamedPerson(ent.start_char, actor))
        return found

    def link_all(self, participants: tuple[Participant, ...], positions: list[int], day: date | None,
                 people: list[NamedPerson], layout: Layout) -> tuple[Participant, ...]:
        linked = [self.link(p, pos, day, people, layout) for p, pos in zip(participants, positions)]
        return tuple(self._counterpart(p, linked, day, people) for p in linked)

    def _counterpart(self, participant: Participant, others: list[Participant], day: date | None,
                     people: list[NamedPerson]) -> Participant:
        """"his Russian counterpart": the same office as the other side's, in the named country."""
        if participant.actor_id or "counterpart" not in (participant.role or "").lower() or not participant.country:
            return participant
        offices = {o.office for p in others if p.actor_id
                   for o in self.kb.actors.by_id[p.actor_id].offices_on(day)}
        for office in sorted(offices):
            found = self._by_title(replace(participant, role=office.replace("_", " ")), day, people, office)
            if found.actor_id:
                return replace(found, role=participant.role)
        return participant

    def link(self, participant: Participant, position: int, day: date | None, people: list[NamedPerson],
             layout: Layout) -> Participant:
        if participant.kind != "person" or participant.actor_id:
            return self._canonical(participant, day)
        if participant.span is not None and participant.role == participant.name:
            return self._by_title(participant, day, people)
        title, name = self._split_title(participant.name)
        if title:  # "Secretary Blinken", "Mr Biden", "President Rouhani": the title is a role, not a name
            role = participant.role
            if role is None or self.kb.actors.office_of(role) is None:  # "First" + "Vice Foreign Minister"
                role = f"{role} {title}" if role else title
            participant = replace(participant, name=name, role=role)
        words = name.split()
        if len(words) >= 2:
            actor = self._by_full_name(name, day, participant.country)
            if actor is None and title:
                actor = self._by_full_name(f"{title} {name}", day, participant.country)  # "King Abdullah II"
            if actor is None:
                actor = self._spelt_otherwise(words, day, people)
                if actor is None and (actor := self._holder_spelt_otherwise(participant, words, day)):
                    return self._linked(participant, actor, "name_spelling_and_office", day)
                return self._linked(participant, actor, "name_spelling", day) if actor else participant
            return self._linked(participant, actor, "alias", day)
        linked = self._by_surname(participant, position, day, people, layout)
        if linked.actor_id is None and title and participant.country:
            by_office = self._by_title(replace(participant, role=title), day, people)
            if by_office.actor_id and fold(self.kb.actors.by_id[by_office.actor_id].surname) == fold(name):
                return replace(by_office, link_basis="title_and_surname")
        return linked

    def _spelt_otherwise(self, words: list[str], day: date | None, people: list[NamedPerson]) -> Actor | None:
        """A full name the knowledge base does not have as written: "Wołodymyr Zelanski", "Ferdinand R.
        Marcos". The one person (of the article first, else in office on the day) whose surname and given
        name are spelt alike."""
        given, surname = fold(words[0]), fold(words[-1])
        if len(given) < 3:
            return None
        article = {p.actor.id: p.actor for p in people}
        known = {a.id: a for a in self._surnames_like(surname) if a.active_on(day)}
        for pool in (article, known):
            alike = [a for a in pool.values() if _spelt_alike(fold(a.surname), surname) or fold(a.surname) == surname]
            alike = [a for a in alike if _given_alike(fold(a.name.split()[0]), given)]
            if len(alike) == 1:
                return alike[0]
        return None

    def _holder_spelt_otherwise(self, participant: Participant, words: list[str], day: date | None) -> Actor | None:
        """"US Secretary of State Tony Blincoln": a name too far from any known spelling for a name alone
        (a machine translation, a typo), said with an office and country, is the one holder of that office
        (on the day, or ever when the day is unknown) whose names begin alike and are spelt nearly alike."""
        office = self.kb.actors.office_of(participant.role or "")
        if office is None or participant.country is None:
            return None
        given, surname = fold(words[0]), fold(words[-1])
        alike = [a for a in self.kb.actors.holders(office, participant.country, day)
                 if _near_spelling(fold(a.surname), surname)
                 and (_given_alike(fold(a.name.split()[0]), given) or _given_alike(given, fold(a.name.split()[0])))]
        return alike[0] if len(alike) == 1 else None

    def _surnames_like(self, surname: str) -> list[Actor]:
        """Known people whose surname is spelt like ``surname`` (at most two letters apart)."""
        if self._by_folded_surname is None:
            index: dict[str, list[Actor]] = {}
            for actor in self.kb.actors.by_id.values():
                index.setdefault(fold(actor.surname), []).append(actor)
            self._by_folded_surname = index
        if len(surname) < 5:
            return self._by_folded_surname.get(surname, [])
        close = process.extract(surname, list(self._by_folded_surname), scorer=Levenshtein.distance,
                                score_cutoff=2, limit=None)
        return [a for name, _, _ in close if name[:1] == surname[:1] for a in self._by_folded_surname[name]]

    def _split_title(self, name: str) -> tuple[str, str]:
        """("Foreign Minister", "Lavrov") from "Foreign Minister Lavrov's": leading title and honorific
        words apart from the name, and a possessive ending dropped. A name the knowledge base knows
        whole ("King Abdullah II", "Sheikh Hasina") is left whole."""
        name = name.strip().removesuffix("’s").removesuffix("'s").strip()
        if self.kb.actors.by_name(name):
            return "", name
        words = name.split()
        cut = 0
        while cut < len(words) - 1 and fold(words[cut]) in self._title_words:
            cut += 1
        return " ".join(words[:cut]), " ".join(words[cut:])

    @property
    def _title_words(self) -> frozenset[str]:
        if self._titles is None:
            words = {w for kind in self.kb.actors.office_kinds.values() for alias in kind.aliases
                     for w in fold(alias).split()}
            self._titles = frozenset((words | HONORIFICS) - NOT_TITLES)
        return self._titles

    def _canonical(self, participant: Participant, day: date | None) -> Participant:
        actor = self.kb.actors.by_id.get(participant.actor_id or "")
        if actor is None:
            return participant
        return replace(participant, name=actor.name, country=actor.country_on(day))

    @staticmethod
    def _linked(participant: Participant, actor: Actor, basis: str, day: date | None) -> Participant:
        return replace(participant, name=actor.name, country=actor.country_on(day), actor_id=actor.id,
                       link_basis=basis)

    def _by_full_name(self, name: str, day: date | None, country: str | None) -> Actor | None:
        candidates = self.kb.actors.by_name(name)
        if not candidates:  # "Ferdinand R. Marcos Jr.": a middle initial news adds or drops
            plain = " ".join(w for w in name.split() if not INITIAL.fullmatch(w))
            candidates = self.kb.actors.by_name(plain) if plain != name else []
        return _pick(candidates, day, country)

    def _by_surname(self, participant: Participant, position: int, day: date | None, people: list[NamedPerson],
                    layout: Layout) -> Participant:
        surname = fold(participant.name)
        same = [p for p in people if fold(p.actor.surname) == surname]
        before = [p for p in same if p.position < position]
        if layout.in_title(position) or not before:
            before = same  # a headline's surname is named in full in the body
        if before:
            nearest = max(before, key=lambda p: p.position) if not layout.in_title(position) else before[0]
            return self._linked(participant, nearest.actor, "surname_coreference", day)
        actor = _pick(self.kb.actors.by_surname(participant.name), day, participant.country, unique=True)
        if actor is not None:
            return self._linked(participant, actor, "surname_knowledge", day)
        spelt = {p.actor.id: p.actor for p in people if _spelt_alike(fold(p.actor.surname), surname)}
        if not spelt:  # else one person in office that year, spelt alike
            spelt = {a.id: a for a in self._surnames_like(surname) if a.active_on(day)
                     and (participant.country in (a.country, a.country_on(day)) if participant.country else _far_spelling(surname, fold(a.surname)))}
        if len(spelt) == 1:  # "Zelenskiy", "Zelenskyy", "Zelanski": one person, spelt otherwise
            return self._linked(participant, next(iter(spelt.values())), "surname_spelling", day)
        return participant

    def _by_title(self, participant: Participant, day: date | None, people: list[NamedPerson],
                  office: str | None = None) -> Participant:
        office = office or self.kb.actors.office_of(participant.role or "")
        if office is None:
            return participant
        if participant.country is None:  # "the President said": the one person of the article with that office
            named = {p.actor.id: p.actor for p in people
                     if any(o.office == office for o in p.actor.offices_on(day))}
            if len(named) == 1:
                return self._linked(participant, next(iter(named.values())), "office_named_in_article", day)
            return participant
        holders = self.kb.actors.holders(office, participant.country, day)
        named_ids = {p.actor.id for p in people}
        in_article = [a for a in holders if a.id in named_ids]
        if not in_article and fold(participant.role or "").split()[-1:] == ["leader"]:
            # "the Australian leader" is the head of government as often as the head of state
            leaders = {a.id: a for o in LEADER_OFFICES for a in self.kb.actors.holders(o, participant.country, day)}
            in_article = [a for a in leaders.values() if a.id in named_ids]
        if len(in_article) == 1:
            return self._linked(participant, in_article[0], "office_named_in_article", day)
        if day is not None and len(holders) == 1:
            return self._linked(participant, holders[0], "office_on_date", day)
        if not holders and day is not None:  # "the President of the European Council": the office's own title
            titled = self._titled_in_organisation(participant, day)
            if titled is not None:
                return self._linked(participant, titled, "office_on_date", day)
        return participant

    def _titled_in_organisation(self, participant: Participant, day: date) -> Actor | None:
        """The one person holding an office of an international organisation on ``day`` whose title
        contains the participant's title word ("President" of the European Council, Commission, ...)."""
        words = set(fold(participant.role or participant.name).split()) - {"of", "the", "for", "and"}
        known = self.kb.countries.by_code.get(participant.country or "")
        if not words or known is None or known.kind == "country":
            return None
        found = {a.id: a for a in self.kb.actors.by_id.values() for o in a.offices_on(day)
                 if o.country == participant.country and words <= set(fold(o.title).split())}
        return next(iter(found.values())) if len(found) == 1 else None


INITIAL = re.compile(r"[A-Z]\.?")


def _given_alike(a: str, b: str) -> bool:
    """Given names in two spellings (Volodymyr / Wolodymyr), or one cut to its initial."""
    return a == b or a[:1] == b[:1] and len(b) <= 2 or Levenshtein.distance(a, b, score_cutoff=2) <= 2


def _far_spelling(surname: str, known: str) -> bool:
    """A bare surname with nothing else to go on ("Cardinal Zuppi"): only a long one, or one letter
    apart, is another spelling of someone in office; a short name two letters off is someone else."""
    return len(surname) >= 7 or Levenshtein.distance(surname, known, score_cutoff=1) <= 1


def _near_spelling(a: str, b: str) -> bool:
    """A looser likeness, for a name the office already narrows to a few people: the first three
    letters the same, at most three letters apart."""
    return len(b) >= 5 and a[:3] == b[:3] and Levenshtein.distance(a, b, score_cutoff=3) <= 3


def _spelt_alike(a: str, b: str) -> bool:
    """Two spellings of one surname: the same first letter, long enough, at most two letters apart."""
    if a == b or min(len(a), len(b)) < 5 or a[0] != b[0] or abs(len(a) - len(b)) > 2:
        return False
    return Levenshtein.distance(a, b, score_cutoff=2) <= 2


#: Words before a name that say how to address a person, not who they are.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "he", "hon", "excellency",
                        "his", "her", "senator", "cardinal", "archbishop", "ambassador", "general", "gen",
                        "secretary", "minister", "ministers", "president", "premier", "chancellor", "state",
                        "deputy", "vice", "acting", "interim", "foreign", "defence", "defense", "prime",
                        "lieutenant", "lt", "colonel", "col", "major", "admiral", "marshal", "field", "brigadier"})
#: Office words that also begin people's names in news ("Sheikh Hasina", "Prince Faisal bin Farhan").
NOT_TITLES = frozenset({"sheikh", "prince", "princess", "king", "queen", "emir", "amir", "sultan", "leader"})

#: The offices "leader" may name, for a person named in the same article.
LEADER_OFFICES = ("head_of_state", "head_of_government", "party_leader")


def _pick(candidates: list[Actor], day: date | None, country: str | None, unique: bool = False) -> Actor | None:
    if country:
        candidates = [a for a in candidates if country in (a.country, a.country_on(day))] or ([] if unique else candidates)
    active = [a for a in candidates if a.active_on(day)]
    pool = active or ([] if unique else candidates)
    if unique and len(pool) != 1:
        return None
    return pool[0] if pool else None
