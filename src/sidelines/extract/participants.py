"""Who an argument of a trigger is: a named person, a title with no name, a country, or a pronoun.

Works on the dependency tree only; linking to the knowledge base happens later (resolve/actors.py).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sidelines.extract.layout import Layout
from sidelines.extract.tree import is_group, since_sentence_before
from sidelines.extract.triggers import trigger_words
from sidelines.knowledge import KnowledgeBase
from sidelines.model import Participant, Span
from sidelines.nlp.doc_index import entities, entities_in, entity_at, sentence_of, text_of

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
TITLE_NOUNS = {
    "minister", "president", "premier", "chancellor", "counterpart", "diplomat", "secretary", "envoy",
    "leader", "king", "queen", "emir", "prince", "spokesman", "spokeswoman", "spokesperson", "ambassador",
    "councilor", "councillor", "adviser", "advisor", "chief", "head", "official", "director", "general",
    "secretary-general", "representative", "commissioner", "chairperson", "chairman", "chairwoman",
}
#: Titles of address that stand before a name, beside the office nouns ("Cardinal X", "Sheikh Y").
NAME_TITLES = {"cardinal", "archbishop", "bishop", "sheikh", "sheikha", "prince", "princess", "king", "queen",
               "emir", "sultan", "pope", "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "general", "marshal"}
TITLE_DEPS = {"compound", "amod", "nmod", "det", "case", "poss", "punct", "npadvmod"}
_SKIP_DEPS = {"prep", "relcl", "acl", "advcl", "punct", "cc", "poss"}


#: Apostrophes a page may set in a name ("D’Aniello", "O‘Brien"), written as one.
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def written_name(text: str) -> str:
    """A name as a record shows it: a party label glued to it cut off ("Sanna Marin(sd)"), its
    apostrophes plain ("Giovanni D’Aniello" is "Giovanni D'Aniello"). The span keeps the page's text."""
    return (text.split("(")[0].strip() or text).translate(APOSTROPHES)


def _order(span: Span) -> tuple[int, int]:
    """Reading order of a span: the title comes before the text."""
    return (span.field != "title", span.start)


def entity_of(token: Token) -> SpacySpan | None:
    return entity_at(token)


def role_phrase(ent: SpacySpan) -> tuple[str | None, str | None]:
    """The title words right in front of a name and the country they give: ("Foreign Minister", "CHN")."""
    doc = ent.doc
    country = None
    words: list[str] = []
    i = ent.start - 1
    while i >= 0 and doc[i].dep_ in TITLE_DEPS and doc[i].ent_type_ != "PERSON" and doc[i].tag_ != "PRP$" \
            and doc[i].lower_ not in trigger_words():
        token = doc[i]
        if token.ent_id_.startswith("country:"):
            country = country or token.ent_id_.split(":", 1)[1]
        elif token.dep_ not in ("det", "case", "punct"):
            words.insert(0, token.text)
        i -= 1
    text = " ".join(words).strip(" ,'’s") or None
    return text, country


def _title_before(ent: SpacySpan) -> tuple[str | None, str | None]:
    """"Deputy Minister for Trade and Industry Amani Otieno", "US Secretary of State X": the capitalised
    office right before a name, its "for" and "of" included, which the parse splits into pieces, and the
    country named in it or right before it."""
    doc, i = ent.doc, ent.start - 1
    while i >= 0 and ent.start - i <= 7 and (doc[i].is_title or doc[i].lower_ in ("for", "of", "and")) \
            and doc[i].ent_type_ != "PERSON" and not doc[i].is_punct:
        i -= 1
    words = [t.text for t in doc[i + 1:ent.start] if not t.ent_id_.startswith("country:")]
    while words and words[0].lower() in ("for", "of", "and"):
        words = words[1:]
    if not TITLE_NOUNS & {w.lower() for w in words}:
        return None, None
    country = next((t.ent_id_.split(":", 1)[1] for t in doc[max(i, 0):ent.start] if t.ent_id_.startswith("country:")), None)
    return " ".join(words), country


def apposition_country(ent: SpacySpan) -> str | None:
    """The country of the title set off after a name: "X, Co-chair of the Kenyan side and Minister of
    Trade", "Y, Russia's deputy energy minister". Up to the next person, verb, clause or bracket."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return None
    return _set_off_country(doc, ent.end, sentence_of(ent.root).end)


def _set_off_country(doc: Doc, comma: int, end: int) -> str | None:
    """The first country named in the phrase after ``comma`` when the phrase holds a title."""
    titled, country = False, None
    if comma + 1 < len(doc) and doc[comma + 1].pos_ == "CCONJ":
        return None  # "A, and B": a list goes on, no title is set off
    for token in doc[comma + 1:min(comma + 30, end)]:
        if token.ent_type_ == "PERSON":
            if doc[token.i - 1].pos_ in ("CCONJ", "PUNCT"):
                break  # "A, Co-chair of the Kenyan side and B": the title ends at "and"
            return None  # "A, US Secretary of State B": the title is the next person's
        if token.pos_ in ("VERB", "AUX") or token.lower_ in ("who", "which", "that") \
                or token.text in (";", "(", ")", ",") or token.is_space:
            break
        titled = titled or token.lemma_.lower() in TITLE_NOUNS or token.lower_ in ("chair", "co-chair")
        if country is None and token.ent_id_.startswith("country:"):
            country = token.ent_id_.split(":", 1)[1]
    return country if titled else None


def set_off_title(name: Token) -> str | None:
    """"X, minister of state for foreign affairs, said": the title set off after a name."""
    title = next((c for c in name.children if c.dep_ == "appos" and c.lemma_.lower() in TITLE_NOUNS), None)
    return " ".join(t.text for t in title.subtree if t.dep_ != "det") if title is not None else None


def describes_named(token: Token) -> bool:
    """"X, Co-chair of the commission, and Deputy Minister of Energy": a bare capitalised title joined
    after a name, with no article or owner of its own, is another title of that name, not a person."""
    if token.dep_ not in ("conj", "appos") or token.lemma_.lower() not in TITLE_NOUNS or entity_of(token) is not None \
            or not token.text[:1].isupper() or any(c.dep_ in ("det", "poss") for c in token.children):
        return False
    head = token.head
    while head.dep_ in ("conj", "appos") and entity_of(head) is None and head.head.i != head.i:
        head = head.head
    named = entity_of(head)
    return named is not None and named.label_ == "PERSON"


def _country_modifier(token: Token) -> str | None:
    """The country a title's own words give: "China's", "Russian", "Chinese State" -> CHN, or its "of"
    phrase: "the President of Ukraine", "the Secretary General of NATO"."""
    for child in token.subtree:
        if child.i > token.i or child.dep_ in ("prep", "relcl", "acl", "appos"):
            break
        if child.ent_id_.startswith("country:"):
            return child.ent_id_.split(":", 1)[1]
    found = of_countries(token)
    return found[0] if found else _its_country(token)


def _its_country(token: Token) -> str | None:
    """"India said its foreign minister ...": "its" is the country named last before it in the sentence."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in token.children):
        return None
    before = [t for t in sentence_of(token) if t.i < token.i and t.ent_id_.startswith("country:")]
    return before[-1].ent_id_.split(":", 1)[1] if before else None


def _office_domain(prep: Token) -> bool:
    """"High Representative for Foreign Affairs and Security Policy": a "for" that names what an office
    covers (capitalised words, no person), unlike "a spokesman for President X"."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return prep.lower_ == "for" and bool(objects) and all(
        o.ent_type_ != "PERSON" and o.lemma_.lower() not in TITLE_NOUNS and o.text[:1].isupper() for o in objects)


def of_countries(token: Token) -> list[str]:
    """The countries or organisations of a title's "of" phrase: "the presidents of Ukraine and Turkey"."""
    found = []
    for prep in token.children:  # "counterparts from the US, China and Canada" as well
        if prep.dep_ == "prep" and (prep.lower_ == "of" or prep.lower_ == "from" and token.lemma_ == "counterpart"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found += [c.ent_id_.split(":", 1)[1] for c in (obj, *obj.conjuncts)
                              if c.ent_id_.startswith("country:")]
    return list(dict.fromkeys(found))


class ParticipantFinder:
    """Turns argument tokens into participants, resolving pronouns against the persons seen so far."""

    def __init__(self, kb: KnowledgeBase, layout: Layout) -> None:
        self.kb = kb
        self.layout = layout
        self._of_entity: dict[tuple[int, int, int, int], Participant | None] = {}

    def from_token(self, token: Token, seen: list[Participant], centering: bool = True) -> list[Participant]:
        """``centering`` lets a subject pronoun prefer the subject before it; quotes turn it off, as
        their ``seen`` is already the speakers in order (a "he said" continues the last speaker)."""
        if token.lower_ in PERSON_PRONOUNS:  # its conjuncts ("he and Scholz") are arguments of their own
            person = self._cataphora(token) or (self._subject_antecedent(token) if centering else None) \
                or self._nearest_before(token, seen)
            return [self._pronoun(person, token)] if person else []
        ent = entity_of(token)
        inside = [e for e in self.names_inside(token) if e != ent]
        names = [ent, *inside] if ent is not None else inside
        if names:
            found = [p for p in map(self.from_entity, names) if p]
            if ent is None and token.lemma_.lower() in TITLE_NOUNS and len(found) == 1 and found[0].country is None:
                # "his Tajikistan counterpart, Lieutenant General X": the title says whose X is
                found = [replace(found[0], country=_country_modifier(token), role=found[0].role or token.lemma_)]
            return found
        if token.lemma_.lower() in TITLE_NOUNS and token.tag_ in ("NNS", "NNPS") and len(of_countries(token)) > 1:
            # "the presidents of X and Y (and the UN Secretary General)": one person per country, and a
            # title the parse put in the same list
            others = [c for prep in token.children if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
                      for obj in prep.children for c in obj.conjuncts
                      if c.lemma_.lower() in TITLE_NOUNS and _country_modifier(c)]
            return [self._title_only(token, code) for code in of_countries(token)] + \
                [self._title_only(c) for c in others]
        if is_group(token):
            return []  # resolved by the caller from the sentence's own names
        if token.lemma_.lower() in TITLE_NOUNS and _country_modifier(token):
            return [self._title_only(token)]
        if token.lemma_.lower() in TITLE_NOUNS and (seat := self._seat_country(token) or self._owner_country(token)):
            return [self._title_only(token, seat)]  # "a Kremlin foreign policy adviser", "Putin's adviser"
        if token.lemma_.lower() in TITLE_NOUNS and any(c.lower_ == "the" for c in token.children):
            person = self._titled_antecedent(token, seen)
            if person:
                return [self._pronoun(person, token)]
            host = self._host_country(token)
            return [self._title_only(token, host)] if host else []
        return self._set_off_name(token)

    def _set_off_name(self, token: Token) -> list[Participant]:
        """"Shahriar Alam, state minister for foreign affairs, told ...": a capitalised name the model did
        not tag, with its title set off after it, is a person."""
        if ent_of := entity_of(token):
            return [] if ent_of.label_ in ("PERSON", "GPE", "LOC", "FAC", "NORP") else self._set_off(token)
        if token.is_upper:  # "VATICAN CITY (CNS) -- Italian Cardinal X met": the dateline took the subject's place
            return [p for c in token.children if c.dep_ == "appos" for p in self._set_off(c)]
        return self._set_off(token)

    def _set_off(self, token: Token) -> list[Participant]:
        """Also "Italian Cardinal Matteo Zuppi met ...": a name the model missed behind a title word."""
        if token.pos_ != "PROPN" or not token.is_title or token.ent_id_:
            return []
        lefts = [c for c in token.subtree if c.i < token.i and c.dep_ == "compound" and c.pos_ == "PROPN"
                 and c.is_title]
        titles = [c for c in lefts if c.lower_ in TITLE_NOUNS | NAME_TITLES]
        role = set_off_title(token) or (" ".join(t.text for t in titles) if titles else None)
        names = [c for c in lefts if c not in titles and (not titles or c.i > titles[-1].i)]
        if role is None or titles and not names:
            return []
        words = names + [token]
        start, end = words[0].idx, token.idx + len(token.text)
        comma = token.i + 1 if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "," else None
        country = _set_off_country(token.doc, comma, sentence_of(token).end) if comma else None
        country = country or next((c.ent_id_.split(":", 1)[1] for c in token.subtree
                                   if c.i < token.i and c.ent_id_.startswith("country:")), None)
        span = self.layout.span(text_of(token.doc)[start:end], start, end)
        return [Participant(span.text, country, None, "person", role, span, None)]

    def _owner_country(self, title: Token) -> str | None:
        """"Putin's foreign policy adviser": the country of the one known person whose aide it is."""
        for owner in title.children:
            ent = entity_of(owner) if owner.dep_ == "poss" else None
            if ent is not None and ent.label_ == "PERSON":
                known = {a.country for a in (self.kb.actors.by_name(ent.text) or self.kb.actors.by_surname(ent.text))}
                if len(known) == 1:
                    return known.pop()
        return None

    def _seat_country(self, title: Token) -> str | None:
        """The country a seat of power before a title stands for: "a Kremlin aide", "a White House official"."""
        for word in title.subtree:
            if word.i >= title.i:
                break
            if word.dep_ not in ("compound", "amod", "nmod") or word.pos_ != "PROPN":
                continue
            names = [word.text, " ".join(t.text for t in word.subtree if t.pos_ == "PROPN")]
            for name in names:
                if (country := self.kb.countries.by_metonym(name)) is not None and country.kind == "country":
                    return country.iso3
        return None

    def _host_country(self, title: Token) -> str | None:
        """"The Prime Minister met X in Downing Street today" (a government's own page): the one whose
        title has no country is the host, of the country the sentence's place is in. Only for the
        subject, and only when the place is a known venue or town."""
        if title.dep_ not in SUBJECT_DEPS:
            return None
        for ent in entities_in(sentence_of(title)):
            if ent.label_ in ("GPE", "FAC", "LOC") and ent.start > title.i:
                place = self.kb.places.best(ent.text)
                if place is not None and place.kind in ("city", "venue"):
                    return place.country
        return None

    def from_entity(self, ent: SpacySpan) -> Participant | None:
        """The participant an entity names (once per entity and document: each trigger asks again for
        the people named before it)."""
        key = (ent.start, ent.end, ent.label, ent.id)
        if key not in self._of_entity:
            self._of_entity[key] = self._from_entity(ent)
        return self._of_entity[key]

    def _from_entity(self, ent: SpacySpan) -> Participant | None:
        span = self.layout.span(ent.text, ent.start_char, ent.end_char)
        ent_id = ent.ent_id_
        if ent.label_ == "PERSON" and ent_id in ("", "surname") and (named := self.kb.countries.by_name(ent.text)):
            # a country the model took for a person ("Montenegro, North Macedonia, Bulgaria shut ...")
            return Participant(named.name, named.iso3, None, "country", None, span, "exact")
        if ent.label_ == "PERSON" and not ent_id and ent.root.lemma_.lower() in TITLE_NOUNS | {"councilor"}:
            return self._title_only(ent.root) if _country_modifier(ent.root) or role_phrase(ent)[1] else None
        if ent.label_ == "PERSON":
            role, country = role_phrase(ent)
            country = country or apposition_country(ent)
            role = role or set_off_title(ent.root)
            if not (role and TITLE_NOUNS & set(role.lower().split())):
                title, title_country = _title_before(ent)
                role, country = title or role, country or title_country
            actor_id = ent_id.split(":", 1)[1] if ent_id.startswith("actor:") else None
            basis = "exact" if actor_id else None
            return Participant(written_name(ent.text), country, actor_id, "person", role, span, basis)
        if ent_id.startswith("country:"):
            code = ent_id.split(":", 1)[1]
            known = self.kb.countries.by_code.get(code)
            if known is None:
                return None
            if known.kind == "country":
                return Participant(known.name, code, None, "country", None, span, "exact")
            return Participant(known.name, None, None, "organisation", None, span, "exact")
        if ent.label_ in ("GPE", "ORG"):
            stands_for = self.kb.countries.by_metonym(ent.text)
            if stands_for is not None:
                return Participant(stands_for.name, stands_for.iso3, None, "country", None, span, "metonym")
        return None

    def names_inside(self, token: Token) -> list[SpacySpan]:
        """Names inside the argument's own phrase: "his Russian counterpart, Sergey Lavrov", or the
        people a dateline pushed into apposition ("ANCHORAGE - President X and President Y met")."""
        found: list[SpacySpan] = []
        stack = [c for c in token.children if c.dep_ not in _SKIP_DEPS] + self._office_of(token)
        while stack:
            inner = stack.pop()
            ent = entity_of(inner)
            if ent is not None and ent.label_ == "PERSON" and ent not in found:
                found.append(ent)
            stack.extend(c for c in inner.children if c.dep_ not in _SKIP_DEPS)
        return sorted(found, key=lambda e: e.start)

    @staticmethod
    def _office_of(token: Token) -> list[Token]:
        """A title's "of" phrase, where the parse may hang the name: "the President of the European
        Council, Antonio Costa", "the Minister of Foreign Affairs of Estonia Margus Tsahkna", "the
        foreign ministers of the two countries – A of X and B of Y –". Only "of": a "spokesman for
        President X" is not X."""
        if token.lemma_.lower() not in TITLE_NOUNS:
            return []
        found, stack = [], [c for c in token.children if c.dep_ in ("prep", "appos") and
                            (c.dep_ == "appos" or c.lower_ == "of" or _office_domain(c))]
        while stack:
            inner = stack.pop()
            found.append(inner)
            stack += [c for c in inner.children if c.dep_ in ("pobj", "appos", "conj", "compound", "prep")
                      and (c.dep_ != "prep" or c.lower_ == "of" or _office_domain(c))]
        return found

    def _cataphora(self, pronoun: Token) -> Participant | None:
        """"After a meeting between him and X, Minister Y spoke to reporters": a pronoun in a phrase that
        opens the sentence, before its main clause, is that clause's subject when a name."""
        sent = sentence_of(pronoun)
        root = sent.root
        opening = next((c for c in root.children if c.i == sent.start or c.left_edge.i == sent.start), None)
        if opening is None or opening.dep_ not in ("prep", "advcl") \
                or not opening.left_edge.i <= pronoun.i <= opening.right_edge.i:
            return None
        holder = next((t for t in pronoun.ancestors if t.pos_ in ("NOUN", "PROPN", "VERB", "AUX")), None)
        if holder is None or holder.pos_ not in ("NOUN", "PROPN"):
            return None  # "After meeting him, X thanked Y": him is not X, who did the meeting
        subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i > opening.right_edge.i), None)
        ent = entity_of(subject) if subject is not None else None
        if ent is None or ent.label_ != "PERSON":
            return None
        person = self.from_entity(ent)
        return person if person is not None and person.kind == "person" else None

    def _subject_antecedent(self, pronoun: Token) -> Participant | None:
        """A subject pronoun continues the subject before it ("Blinken held talks with Wang. On Sunday
        he met Qin": he is Blinken), the centering rule; None leaves it to the nearest name."""
        if pronoun.dep_ not in SUBJECT_DEPS:
            return None
        start = since_sentence_before(pronoun)
        subjects = [e for e in entities(pronoun.doc) if e.label_ == "PERSON" and start <= e.start and e.end <= pronoun.i
                    and e.root.dep_ in SUBJECT_DEPS]
        for ent in reversed(subjects):  # this sentence's first, then the one before
            person = self.from_entity(ent)
            if person is not None and person.kind == "person":
                return person
        return None

    def _nearest_before(self, pronoun: Token, seen: list[Participant]) -> Participant | None:
        """The last person named before the pronoun itself ("he and Scholz signed": not Scholz), or
        a person called by title since the sentence before ("... for the Ukrainian leader. Earlier,
        he ..."), whichever comes later."""
        here, own_subjects = self._at(pronoun), self._own_subjects(pronoun)
        named = next((p for p in reversed(seen) if p.kind == "person"
                      and (p.span is None or _order(p.span) < here and _order(p.span) not in own_subjects)), None)
        titles = [t for t in pronoun.doc[since_sentence_before(pronoun):pronoun.i] if t.lemma_.lower() in TITLE_NOUNS
                  and t.ent_type_ != "PERSON" and t.tag_ == "NN" and _country_modifier(t)]
        if titles:
            titled = self._title_only(titles[-1])
            if named is None or named.span is None or _order(named.span) < _order(titled.span):  # type: ignore[arg-type]
                return titled
        return named

    def _own_subjects(self, pronoun: Token) -> set[tuple[int, int]]:
        """Where the subjects of an object pronoun's own verb start: "Macron hosted him" is not
        Macron hosting Macron."""
        if pronoun.dep_ not in ("dobj", "dative", "pobj"):
            return set()
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        starts = set()
        for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS):
            ent = entity_of(subject)
            start = ent.start_char if ent is not None else subject.idx
            starts.add(_order(self.layout.span(subject.text, start, start + 1)))
        return starts

    def _titled_antecedent(self, title: Token, seen: list[Participant]) -> Participant | None:
        """"The prime minister and the president met in Belfast": the last person named before with
        that title."""
        wanted = " ".join([t.lower_ for t in title.lefts if t.dep_ in ("compound", "amod")] + [title.lower_])
        here = self._at(title)
        for person in reversed(seen):
            role = f" {person.role.lower()} " if person.role else ""
            if person.kind == "person" and (role.endswith(f" {wanted} ") or role.startswith(f" {wanted} ")) \
                    and (person.span is None or _order(person.span) < here):
                return person
        return None

    def _at(self, token: Token) -> tuple[int, int]:
        return _order(self.layout.span(token.text, token.idx, token.idx + len(token.text)))

    def _pronoun(self, person: Participant, token: Token) -> Participant:
        span = self.layout.span(token.text, token.idx, token.idx + len(token.text))
        return Participant(person.name, person.country, person.actor_id, "person", person.role, span,
                           "pronoun")

    def _title_only(self, token: Token, country: str | None = None) -> Participant:
        """A person named only by title: "China's foreign minister", "the top Russian diplomat"."""
        words = [t for t in token.subtree if t.i <= token.i and t.dep_ not in ("det", "case") and t.tag_ != "PRP$"]
        phrase = " ".join(t.lemma_ if t.i == token.i and t.tag_ in ("NNS", "NNPS") else t.text
                          for t in words if not t.ent_id_.startswith("country:")).strip()  # "presidents" -> one president
        country = country or _country_modifier(token)
        body = [o for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                for o in prep.children if o.dep_ == "pobj" and o.ent_type_ == "ORG"]
        if body and not phrase.lower().endswith(body[0].text.lower()):  # "President of the European Council"
            phrase = f"{phrase} of {' '.join(t.text for t in body[0].subtree if t.dep_ != 'det')}"
        start, end = words[0].idx, token.idx + len(token.text)
        span = self.layout.span(text_of(token.doc)[start:end], start, end)
        return Participant(phrase or token.text, country, None, "person", phrase, span, None)
