"""Verbal events between states: who said what kind of thing to whom, coded in CAMEO.

A clause's verb (with the words that make it a phrase: "call on", "express concern") is looked up in
``data/verbal_patterns.csv``; the source is the clause's subject, the targets are the countries and
actors named as its objects. Frame verbs (promise, urge, demand, refuse, threaten) take their code from
the act they frame through ``data/verbal_frames.csv`` ("pledged to send troops" -> 033 intent to
provide aid; "urged Moscow to negotiate" -> 026); an act under "will" is an intent, under a negation a
refusal. A speech verb ("said") with a codable clause gives that clause's event, its pronoun subject
standing for the speaker. A criticism, accusation, rejection or threat with no target is a plain
statement (010): "China opposes hegemony" has no one it is aimed at.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import permutations
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sidelines.coding.actors import (
    CodedActor,
    attack_nouns,
    country_actor,
    data_dir,
    from_participant,
    group_actor,
    sector_of,
)
from sidelines.extract.layout import Layout
from sidelines.knowledge import KnowledgeBase
from sidelines.knowledge.files import read_csv
from sidelines.model import Span, stable_key
from sidelines.nlp.doc_index import entities_in, sentence_of, sentences_in

PRONOUNS = {"it", "he", "she", "they", "we", "i", "who", "which", "that", "this"}
FUTURE = {"will", "would", "shall", "'ll", "wo"}
MUST = {"must", "should"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis", "appos", "cc"}
TARGET_PREPS = {"to", "with", "against", "on", "upon", "toward", "towards", "for", "from", "into", "over", "at"}
PLACE_PREPS = {"in", "at"}
COMPLEMENTS = ("xcomp", "ccomp", "advcl", "dobj", "pcomp", "acomp", "conj")
#: Roots whose events are verbal (the rest are engagements, handled by dyads, or material acts).
VERBAL_ROOTS = {"01", "02", "03", "05", "10", "11", "12", "13"}
NEEDS_TARGET = {"11", "12", "13"}
SYMMETRIC_ROOTS = {"04", "06"}
FORCE_ROOTS = {"17", "18", "19", "20"}
PHRASE_PREPS = {"of", "in", "from"}
PLACE_ENTITIES = {"GPE", "LOC", "NORP", "FAC"}
TARGET_DEPS = {"dobj", "dative", "prep", "xcomp", "ccomp", "acomp", "pcomp", "attr", "nsubjpass", "advcl"}


@dataclass(frozen=True, slots=True)
class Pattern:
    words: tuple[str, ...]  # the head lemma, then lemmas that must hang from it
    cameo: str
    frame: str | None = None  # intent / appeal / demand / refuse / threaten
    requires: str | None = None  # person_object / from_object

    @property
    def speech(self) -> bool:
        return self.cameo == "010" and self.frame is None


@lru_cache(maxsize=1)
def patterns() -> dict[str, list[Pattern]]:
    """Head lemma -> its patterns, longest phrase first."""
    table: dict[str, list[Pattern]] = {}
    for row in read_csv(data_dir() / "verbal_patterns.csv"):
        words = tuple(row["phrase"].lower().split())
        table.setdefault(words[0], []).append(
            Pattern(words, row["cameo"], row.get("frame") or None, row.get("requires") or None))
    for rows in table.values():
        rows.sort(key=lambda p: -len(p.words))
    return table


@lru_cache(maxsize=1)
def frames() -> dict[tuple[str, str], str]:
    """(frame, code prefix of the framed act) -> the code of the whole."""
    return {(r["frame"], r["action_root"]): r["cameo"] for r in read_csv(data_dir() / "verbal_frames.csv")}


def framed(frame: str, act: str) -> str | None:
    for size in (4, 3, 2):
        code = frames().get((frame, act[:size]))
        if code:
            return code
    return None


@dataclass(slots=True)
class Coding:
    """One coded clause: a CAMEO code, who did it, to whom, and the verb it was read from."""

    cameo: str
    verb: Token
    sources: list[CodedActor] = field(default_factory=list)
    targets: list[CodedActor] = field(default_factory=list)
    words: str = ""
    aimed: bool = False  # aimed at someone the text names but the knowledge base does not know


@dataclass(frozen=True, slots=True)
class VerbalEvent:
    """A verbal event between actors, with the sentence it was read from."""

    id: str
    article_id: str | None
    date: str | None
    source: CodedActor
    target: CodedActor | None
    cameo: str
    goldstein: float | None
    plover: str | None
    plover_mode: str | None
    verb: str
    evidence: Span
    quote_id: str | None = None
    url: str | None = None

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the store's ``record`` and the JSON export)."""
        out = asdict(self)
        out["root"] = self.root
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VerbalEvent:
        fields = {k: v for k, v in data.items() if k != "root"}
        fields["source"] = CodedActor(**data["source"])
        fields["target"] = CodedActor(**data["target"]) if data.get("target") else None
        fields["evidence"] = Span(**data["evidence"])
        return cls(**fields)


class SentenceCoder:
    """spaCy sentence -> Codings. Needs a parse and the knowledge base's entity ids (``country:``,
    ``actor:``) that the sidelines pipeline puts on its entities."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, sent: SpacySpan, speaker: CodedActor | None = None) -> list[Coding]:
        found = {t.i: p for t in sent if (p := self.match(t)) is not None}
        codings: list[Coding] = []
        for token in sent:
            if token.i in found and not self._governed(token, found):
                codings += self._code(token, found, speaker)
        for token in sent:
            if token.i in found and found[token.i].speech:
                codings = self._reported_demand(token, found, codings, speaker)
            if token.i in found and found[token.i].speech and self._has_codable_clause(token, found):
                codings += self._reported_force(token, codings, speaker)
        return [c for c in codings if c.cameo]

    def _reported_demand(self, verb: Token, found: dict[int, Pattern], codings: list[Coding],
                         speaker: CodedActor | None) -> list[Coding]:
        """"X said Y must do Z" is X demanding Z of Y: the clause's own coding gives way to it."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            if not {a.lower_ for a in clause.children if a.dep_ == "aux"} & MUST:
                continue
            addressed = [a for s in _subjects(clause) if s.lower_ not in PRONOUNS for a in self.actors_in(s)]
            inner = found.get(clause.i)
            code = framed("demand", inner.cameo) if inner else None
            codings = [c for c in codings if c.verb.i not in (clause.i, verb.i)]
            codings.append(Coding(code or "100", verb, self._sources(verb, speaker), addressed, "must", aimed=True))
        return codings

    def _reported_force(self, verb: Token, codings: list[Coding], speaker: CodedActor | None) -> list[Coding]:
        """"X said Y attacked Z" is X accusing Y (112); "X claimed it attacked Z" is X claiming
        responsibility (015)."""
        inside = {t.i for t in verb.subtree}
        out = []
        for inner in codings:
            if inner.verb.i not in inside or inner.cameo[:2] not in FORCE_ROOTS or _negated(inner.verb) \
                    or inner.verb.tag_ not in ("VBD", "VBN"):
                continue  # only reports of something done
            sources = self._sources(verb, speaker)
            accused = [a for a in inner.sources if all(a.key != s.key for s in sources)]
            if inner.sources and not accused:
                out.append(Coding("015", verb, sources, inner.targets, "claim"))
                continue
            named = _subjects(inner.verb) + _from_objects(inner.verb)
            accused = accused or [a for t in named for a in self.actors_in(t)]
            if accused or any(t.lower_ not in PRONOUNS and (t.ent_type_ or sector_of(t.lemma_)) for t in named):
                out.append(Coding("112", verb, sources, _unique(accused), "report of force", aimed=True))
        return out

    # -- matching ---------------------------------------------------------------------------------
    def match(self, token: Token) -> Pattern | None:
        if token.pos_ not in ("VERB", "ADJ") and not (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            return None
        for lemma in _lemmas(token):
            for pattern in patterns().get(lemma, ()):
                if all(_near(token, word) for word in pattern.words[1:]) and self._requires(token, pattern):
                    return pattern
        return None

    def _requires(self, token: Token, pattern: Pattern) -> bool:
        if pattern.requires == "person_object":
            return any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or sector_of(c.lemma_) == "GOV")
                       for c in token.children)
        if pattern.requires == "from_object":
            return bool(_from_objects(token))
        return True

    @staticmethod
    def _governed(token: Token, found: dict[int, Pattern]) -> bool:
        """A match under another non-speech match is coded as part of it (a framed act)."""
        node = token
        while node.head.i != node.i:
            if node.dep_ in ("conj", "parataxis"):
                return False  # "met X and criticised Y": two events
            node = node.head
            if node.i in found and not found[node.i].speech:
                return True
        return False

    # -- coding -----------------------------------------------------------------------------------
    def _code(self, token: Token, found: dict[int, Pattern], speaker: CodedActor | None) -> list[Coding]:
        pattern = found[token.i]
        if pattern.speech and self._has_codable_clause(token, found):
            return []  # the clause it reports is coded on its own
        act = self._framed_act(token, found) if pattern.frame else None
        frame = pattern.frame or ""
        if frame == "appeal" and act is not None and not self._addressee(token, act):
            frame = "intent"  # "wants to help" is an intent, "wants X to help" an appeal
        code = self._frame_code(frame, pattern, act, found) if act is not None else pattern.cameo
        mood = self._mood(token if act is None else act, code, pattern)
        if mood is None:
            return []
        coding = Coding(mood, token, words=" ".join(pattern.words), aimed=act is not None or _names_something(token))
        coding.sources = self._sources(token, speaker)
        coding.targets = self._targets(token, act, pattern)
        if code == "044" and coding.targets:
            coding.cameo = "042"  # attending something in a named country is visiting it
        if pattern.requires == "from_object":
            givers = [a for t in _from_objects(token) for a in self.actors_in(t)]
            coding.sources, coding.targets = _unique(givers), coding.sources
        return [coding]

    def _has_codable_clause(self, token: Token, found: dict[int, Pattern]) -> bool:
        return any(t.i in found and t.i != token.i for t in token.subtree)

    @staticmethod
    def _framed_act(token: Token, found: dict[int, Pattern]) -> Token | None:
        for child in token.children:
            if child.dep_ in COMPLEMENTS and child.i in found:
                return child
            for grand in child.children:  # "ready to help", "agreed on a plan to ..."
                if grand.dep_ in COMPLEMENTS and grand.i in found and child.dep_ in ("xcomp", "ccomp", "prep", "dobj"):
                    return grand
        return None

    @staticmethod
    def _addressee(verb: Token, act: Token) -> bool:
        own = [s for s in act.children if s.dep_ in ("nsubj", "nsubjpass")]
        return bool(own) or bool(_prep_objects(verb, {"on", "upon"})) or any(
            c.dep_ in ("dobj", "dative") and c.i != act.i for c in verb.children)

    @staticmethod
    def _frame_code(frame: str, pattern: Pattern, act: Token, found: dict[int, Pattern]) -> str:
        inner = found[act.i]
        if _negated(act) and frame == "intent":
            frame = "refuse"
        return framed(frame, inner.cameo) or (inner.cameo if frame == "intent" and inner.cameo[:2] == "03"
                                              else pattern.cameo if frame != "intent" else "030")

    @staticmethod
    def _mood(verb: Token, code: str, pattern: Pattern) -> str | None:
        """Negated acts are refusals (or nothing, for words); acts under "will" are intents or threats."""
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if _negated(verb):
            return framed("refuse", code) if code[:2] not in VERBAL_ROOTS else None
        if pattern.frame is None and aux & FUTURE and code[:2] not in ("01", "02", "03", "10", "12", "13"):
            return framed("threaten" if code[:2] >= "14" else "intent", code) or code
        return code

    # -- actors -----------------------------------------------------------------------------------
    def _sources(self, verb: Token, speaker: CodedActor | None) -> list[CodedActor]:
        tokens = _subjects(verb)
        found: list[CodedActor] = []
        for token in tokens:
            if token.lower_ in PRONOUNS:
                found += self._pronoun(verb, speaker)
            else:
                found += self.actors_in(token) or self._in_context(token, verb)
        if not tokens and speaker is not None:
            found.append(speaker)
        return _unique(found)

    def _pronoun(self, verb: Token, speaker: CodedActor | None) -> list[CodedActor]:
        """"it", "he", "we": the subject of the speech verb above, else the quote's speaker."""
        node = verb
        while node.head.i != node.i:
            node = node.head
            outer = [s for s in _subjects(node) if s.lower_ not in PRONOUNS]
            if outer:
                return [a for s in outer for a in self.actors_in(s)]
        return [speaker] if speaker is not None else []

    def _targets(self, verb: Token, act: Token | None, pattern: Pattern) -> list[CodedActor]:
        heads = [verb] + ([act] if act is not None else [])
        if act is None and pattern.frame:  # "is willing to work with Russia": the unlisted act's objects
            heads += [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
        tokens: list[Token] = []
        for head in heads:
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative", "nsubjpass", "attr")]
            tokens += objects + _prep_objects(head, TARGET_PREPS)
            tokens += [o for obj in objects for o in _prep_objects(obj, TARGET_PREPS | {"by", "of"})]
        if act is not None and act.i != verb.i:
            tokens += [s for s in _subjects(act) if s.lower_ not in PRONOUNS and not _shared_subject(s, verb)]
        if pattern.cameo[:2] in ("02", "10", "11", "12"):
            tokens += [s for c in verb.children if c.dep_ == "ccomp" for s in _subjects(c)]
        found = [a for t in _conjoined(tokens) for a in self.actors_in(t)]
        if not found and pattern.cameo[:2] not in VERBAL_ROOTS:
            found = [a for h in heads for t in _prep_objects(h, PLACE_PREPS) for a in self.actors_in(t)]
        if not found and not pattern.speech:
            found = [a for t in _named_within(verb) for a in self.actors_in(t)]
        return _unique(found)

    def actors_in(self, token: Token) -> list[CodedActor]:
        """The actors a noun phrase names: the entity it is, else the countries and organisations in
        its own modifiers ("Syrian rebels" -> SYRREB, "Russia's UN ambassador" -> RUSGOV)."""
        own = self._entity_actor(token)
        if own is not None:
            return [own]
        sector = sector_of(token.lemma_)
        for inner in _phrase(token):
            coded = self._entity_actor(inner, sector)
            if coded is not None:
                return [coded]
        return []

    def _in_context(self, token: Token, verb: Token) -> list[CodedActor]:
        """An unnamed side ("police", "the army", "rebels", an unlisted person or group): the one
        country the rest of the sentence places the event in, with the word's sector."""
        sector = sector_of(token.lemma_)
        if token.ent_type_ == "PERSON":
            sector = sector or "GOV"
        elif sector is None and token.ent_type_ not in ("ORG", "NORP"):
            return []
        iso3 = self._sentence_country(verb)
        return [country_actor(self.kb, iso3, sector)] if iso3 else []

    def _sentence_country(self, verb: Token) -> str | None:
        """The single country the sentence names outside what the verb is aimed at."""
        aimed = {t.i for o in _aimed_at(verb) for t in o.subtree}
        found = set()
        for token in sentence_of(verb):
            if token.i in aimed or token.ent_iob_ != "B" or token.ent_type_ not in PLACE_ENTITIES:
                continue
            coded = self._entity_actor(token)
            if coded is not None and coded.country:
                found.add(coded.country)
        return found.pop() if len(found) == 1 else None

    def _entity_actor(self, token: Token, sector: str | None = None) -> CodedActor | None:
        if token.ent_iob_ == "O":
            return None
        ent_id = token.ent_id_
        if ent_id.startswith("actor:"):
            actor = self.kb.actors.by_id.get(ent_id.split(":", 1)[1])
            return CodedActor(actor.name, actor.code, actor.country, actor.id) if actor else None
        if ent_id.startswith("country:"):
            return country_actor(self.kb, ent_id.split(":", 1)[1], sector)
        ent = next((e for e in entities_in(sentence_of(token)) if e.start <= token.i < e.end), None)
        if ent is None:
            return None
        if ent.label_ == "PERSON":
            return self._by_surname(ent) if ent_id == "surname" else self._person(ent)
        country = self.kb.countries.find(ent.text)
        if country is None and (group := group_actor(ent.text)) is not None:
            return group
        if country is None and ent.label_ in ("ORG", "NORP", "FAC"):
            return self._named_inside(ent, sector)
        if country is None and ent.label_ in ("GPE", "LOC"):
            place = self.kb.places.best(ent.text)
            return country_actor(self.kb, place.country, sector) if place and place.country else None
        return country_actor(self.kb, country.iso3, sector) if country else None

    def _named_inside(self, ent: SpacySpan, sector: str | None) -> CodedActor | None:
        """An unlisted organisation by the country its name carries ("the Syrian Observatory for
        Human Rights", "the Nigerian Union of Teachers")."""
        for token in ent:
            country = self.kb.countries.find(token.text) if token.text[:1].isupper() else None
            if country is not None:
                return country_actor(self.kb, country.iso3, sector)
        return None

    def _by_surname(self, ent: SpacySpan) -> CodedActor | None:
        """A bare surname ("Obama", "President Bush"): the known people of that name, when they are
        all of one country."""
        people = self.kb.actors.by_surname(ent.text) or self.kb.actors.by_surname(ent[-1].text)
        if len(people) == 1:
            a = people[0]
            return CodedActor(a.name, a.code, a.country, a.id)
        countries = {a.country for a in people}
        return country_actor(self.kb, countries.pop(), "GOV", ent.text) if len(countries) == 1 else None

    def _person(self, ent: SpacySpan) -> CodedActor | None:
        """An unlisted person: their country from the title words before the name ("US President")."""
        i = ent.start - 1
        while i >= sentence_of(ent).start and ent.doc[i].dep_ in ("compound", "amod", "nmod", "poss", "case", "punct"):
            if ent.doc[i].ent_id_.startswith("country:"):
                return country_actor(self.kb, ent.doc[i].ent_id_.split(":", 1)[1], "GOV", ent.text)
            i -= 1
        return None


def _lemmas(token: Token) -> list[str]:
    """The token's lemma, then for a past form the stems it may come from, for the lemmatiser's
    slips ("staged" read as "stag"): "stage", "stag", "stop" from "stopped"."""
    out = [token.lemma_.lower()]
    form = token.lower_
    if token.tag_ in ("VBD", "VBN") and form.endswith("ed"):
        out += [form[:-1], form[:-2]]
        if len(form) > 4 and form[-3] == form[-4]:
            out.append(form[:-3])
    return list(dict.fromkeys(out))


def _near(token: Token, word: str) -> bool:
    """``word`` is the lemma of a child or grandchild of ``token`` (a particle, object, preposition)."""
    for child in token.children:
        if child.lemma_.lower() == word or child.lower_ == word:
            return True
        if any(g.lemma_.lower() == word or g.lower_ == word for g in child.children):
            return True
    return False


def _names_something(verb: Token) -> bool:
    """The verb's objects or complements name someone or something ("rejected the plan of X"), as
    against an abstract aim ("opposes hegemony")."""
    return any(t.ent_type_ or t.lower_ in PRONOUNS - {"that", "which", "who", "this"}
               for c in verb.children if c.dep_ in ("dobj", "dative", "prep", "xcomp", "ccomp")
               for t in c.subtree)


def _from_objects(verb: Token) -> list[Token]:
    """"received X from Y": Y, whether "from" hangs from the verb or from its object."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return [o for h in heads for o in _prep_objects(h, {"from"})]


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _subjects(verb: Token, inherited: bool = False) -> list[Token]:
    """Who does it: the subject, the agent of a passive, or the subject handed down from the verb a
    clause depends on ("Obama is scheduled to attend": Obama attends)."""
    own = ("nsubj", "csubj", "nsubjpass") if inherited else ("nsubj", "csubj")
    found = [c for c in verb.children if c.dep_ in own]
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        found += [c for c in agent.children if c.dep_ == "pobj"]
    if not found and verb.dep_ in ("xcomp", "conj", "advcl", "acl", "acomp") and verb.head.i != verb.i:
        return _subjects(verb.head, inherited=verb.dep_ in ("xcomp", "acomp"))
    if not found and verb.dep_ == "relcl":
        found = [verb.head]
    if not found and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        found = _attackers(verb)
    return _conjoined(found)


def _attackers(verb: Token) -> list[Token]:
    """"killed in an air strike by government forces", "wounded in Israeli shelling": who did a
    passive act, read from the attack it names."""
    for attack in _prep_objects(verb, {"in", "by"}):
        if attack.lemma_.lower() in attack_nouns():
            agents = _prep_objects(attack, {"by"})
            return agents or [attack]
    return []


def _aimed_at(verb: Token) -> list[Token]:
    """The verb's own objects and the objects of its aiming prepositions."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr")]
    return objects + _prep_objects(verb, TARGET_PREPS - PLACE_PREPS)


def _named_within(verb: Token) -> list[Token]:
    """Entities the verb's objects and complements name, however deep ("threatened to impose
    restrictions on German goods"), outside its subjects and relative clauses."""
    out: list[Token] = []
    stack = [c for c in verb.children if c.dep_ in TARGET_DEPS]
    while stack:
        token = stack.pop()
        if token.ent_iob_ == "B":
            out.append(token)
        stack += [c for c in token.children if c.dep_ not in ("nsubj", "nsubjpass", "relcl", "appos")]
    return sorted(out, key=lambda t: t.i)


def _shared_subject(token: Token, verb: Token) -> bool:
    return any(token.i == s.i for s in _subjects(verb))


def _conjoined(tokens: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        for t in (token, *_coordinated(token)):
            if all(t.i != o.i for o in out):
                out.append(t)
    return out


def _coordinated(token: Token) -> list[Token]:
    """The words coordinated with ``token``: its conjuncts, those of the other words of its name
    ("Barack Obama and Vladimir Putin"), and a list set off by commas ("the US, Russia and China")."""
    name = next((e for e in entities_in(sentence_of(token)) if e.start <= token.i < e.end), None) if token.ent_iob_ != "O" else None
    heads = list(name) if name is not None else [token]
    out = [c for h in heads for c in h.conjuncts]
    for h in heads:
        for appos in (c for c in h.children if c.dep_ == "appos" and c.ent_id_.startswith("country:")):
            out += [appos, *appos.conjuncts]
    return [t for t in out if t.i != token.i]


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    return [o for p in token.children if p.dep_ in ("prep", "dative") and p.lower_ in preps
            for o in p.children if o.dep_ == "pobj"]


def _phrase(token: Token) -> Iterator[Token]:
    """The noun phrase's own words in text order: modifiers, possessors and "of" / "in" / "from"
    phrases ("a court in Guyana", "a missionary from Calgary"), no clauses."""
    def own(c: Token) -> bool:
        return c.dep_ not in CLAUSE_DEPS and (c.dep_ != "prep" or c.lower_ in PHRASE_PREPS)

    stack = [c for c in token.children if own(c)]
    seen: list[Token] = []
    while stack:
        inner = stack.pop()
        seen.append(inner)
        stack += [c for c in inner.children if own(c)]
    yield from sorted(seen, key=lambda t: t.i)


def _unique(actors: Iterable[CodedActor]) -> list[CodedActor]:
    out: dict[str, CodedActor] = {}
    for a in actors:
        out.setdefault(a.key, a)
    return list(out.values())


def pairs(coding: Coding) -> list[tuple[CodedActor | None, CodedActor | None, str]]:
    """(source, target, code) triples: each source with each target; two or more sources with no
    target and a consultation or cooperation are each other's targets; an aimed code with no target
    is a plain statement."""
    sources: list[CodedActor | None] = list(coding.sources) or [None]
    code = coding.cameo
    targets = [t for t in coding.targets if all(t.key != s.key for s in coding.sources)]
    if not targets and len(coding.sources) >= 2 and code[:2] in SYMMETRIC_ROOTS | {"03", "05"}:
        return [(a, b, code) for a, b in permutations(coding.sources, 2)]
    if code.startswith("01"):  # a statement is not aimed at the speaker's own country
        targets = [t for t in targets if t.country is None or all(t.country != s.country for s in coding.sources)]
    if not targets:
        return [(s, None, "010" if code[:2] in NEEDS_TARGET and not coding.aimed else code) for s in sources]
    return [(s, t, code) for s in sources for t in targets if s is None or s.key != t.key]


class VerbalCoder:
    """An Analysis's quotes -> VerbalEvents. Parses each quoted sentence once (``nlp`` is the
    analyser's pipeline, whose entity ruler knows the countries and people)."""

    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        self.kb = kb
        self.nlp = nlp
        self.sentences = SentenceCoder(kb)

    def __call__(self, analysis, doc: Doc | None = None, layout: Layout | None = None) -> list[VerbalEvent]:
        """With the article's own ``doc`` (and its ``layout``) the quoted sentences are read from its
        parse; without, each quote's sentence is parsed again."""
        article = analysis.article
        date = article.published.isoformat() if article.published else None
        engaged = {s.start for r in analysis.reports for src in r.sources for s in src.evidence}
        quotes = list(analysis.quotes)
        events: dict[str, VerbalEvent] = {}
        for quote, (sentences, shift) in zip(quotes, self._sentences(quotes, doc, layout)):
            speaker = from_participant(quote.speaker, self.kb)
            for sent in sentences:
                for coding in self.sentences(sent, speaker):
                    if not _in_quote(coding.verb, quote, shift):
                        continue
                    for event in self._events(coding, quote, date, quote.evidence.start in engaged, article.url, shift):
                        events.setdefault(event.id, event)
        return _drop_untargeted_twins(list(events.values()))

    def _sentences(self, quotes: list, doc: Doc | None,
                   layout: Layout | None) -> Iterator[tuple[list[SpacySpan], int]]:
        """Each quote's sentences and what turns a token's ``idx`` into an offset in its evidence."""
        if doc is None or layout is None:
            for parsed in self.nlp.pipe([q.evidence.text for q in quotes]):
                yield list(parsed.sents), 0
            return
        for quote in quotes:
            start = layout.position(quote.evidence)
            span = doc.char_span(start, start + len(quote.evidence.text), alignment_mode="expand")
            yield (sentences_in(span) if span is not None else []), start

    def _events(self, coding: Coding, quote, date: str | None, engaged: bool,
                url: str | None = None, shift: int = 0) -> list[VerbalEvent]:
        out = []
        for source, target, code in pairs(coding):
            if source is None or code[:2] not in VERBAL_ROOTS or (engaged and code == "057"):
                continue
            row = self.kb.codes.by_code.get(code)
            verb_at = quote.evidence.start + coding.verb.idx - shift
            key = stable_key("verbal", quote.article_id, verb_at, source.key, target.key if target else "", code)
            out.append(VerbalEvent(
                id=key, article_id=quote.article_id, date=date, source=source, target=target, cameo=code,
                goldstein=row.goldstein if row else None, plover=plover_category(code, self.kb),
                plover_mode=row.plover_mode if row else None, verb=coding.verb.text,
                evidence=quote.evidence, quote_id=quote.id, url=url))
        return out


def _in_quote(verb: Token, quote, shift: int = 0) -> bool:
    """The verb is among the quoted or reported words, or is the quote's own reporting verb."""
    at = quote.evidence.start + verb.idx - shift
    return quote.start <= at < quote.end or verb.text == quote.cue


def _drop_untargeted_twins(events: list[VerbalEvent]) -> list[VerbalEvent]:
    """A targetless reading of a verb that another reading gives a target is left out."""
    aimed = {(e.article_id, e.evidence.start, e.verb, e.source.key, e.cameo) for e in events if e.target}
    return [e for e in events if e.target or (e.article_id, e.evidence.start, e.verb, e.source.key, e.cameo) not in aimed]


def plover_category(code: str, kb: KnowledgeBase) -> str | None:
    """The code's PLOVER category; appeals (02x), which the code table leaves blank, are REQUESTs.
    Plain statements (01x) have no PLOVER category."""
    row = kb.codes.by_code.get(code)
    if row is not None and row.plover_category:
        return row.plover_category
    return "REQUEST" if code.startswith("02") else None
