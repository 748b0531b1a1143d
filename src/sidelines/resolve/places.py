"""Where an engagement happened.

In order of trust: the place words of the engagement's own phrase; a place its sentence names as where
something happened ("met the President in Colombo", "held at the Ministry in Islamabad"), or "here"
for the dateline's town; the occasion's host city; then, as a guess said to be one, the dateline's
town or the one town the whole article names as a scene. A country alone is sharpened by a town of that
country that a sentence naming the same people gives (a caption under the report's photo). Calls have
no place.

``Scene`` is what the whole article says about places, read once from the parsed document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sidelines.extract.layout import Layout
from sidelines.knowledge import KnowledgeBase
from sidelines.knowledge.files import fold
from sidelines.knowledge.places import Place
from sidelines.model import Mention, OccasionRef, Span, Where
from sidelines.nlp.doc_index import entities, positions, sentence_of, text_of

PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: Prepositions that say where something happened.
LOCATIVE = {"in", "at", "inside"}
#: Auxiliaries of what is still to happen.
FUTURE = {"will", "would", "shall", "'ll"}
#: Kinds of place that are a town or finer (a venue is reported under its town).
TOWNS = {"city", "venue"}
#: Engagement types that happen in no one place.
PLACELESS = {"CALL"}
#: A dateline: a town at the head of a paragraph, then a date, a news agency, a colon or a dash
#: ("HEFEI, April 1 (Xinhua) --", "TOKYO (AP) --", "Bishkek:", "Islamabad, 6 May 2023 (TDI):").
DATELINE = re.compile(
    r"^[ \t]*(?:\(.*?\)\)?[ \t]+)?(?P<town>[A-Z][\w'’.\- ]{1,38}?)(?:[ \t]*\[[^\]\n]{1,30}\])?(?:,[ \t]*(?:[A-Z]{2}\b|[A-Z][a-z]+\.?(?= [–—-])))?"
    r"(?=[ \t]*(?:,[ \t]*\w{3,}\.?[ \t]+\d|,[ \t]*\d{1,2}[ \t]+\w|\(|:|[ \t]--|[ \t]?[–—]))",
    re.MULTILINE,
)
#: How far into the document a dateline may stand (after a headline, a stamp and a caption).
DATELINE_REACH = 1200


@dataclass(frozen=True, slots=True)
class Named:
    """A place named as where something happened, in one sentence."""

    where: Where
    sentence: Span  # the whole sentence, in the article's offsets


@dataclass(frozen=True, slots=True)
class Scene:
    """What the article as a whole says about places."""

    dateline: Where | None = None
    named: tuple[Named, ...] = ()
    here: tuple[Span, ...] = ()  # sentences that say the engagement was "here" (the dateline's town)
    loose: frozenset[Span] = frozenset()  # place words that hang on a common noun: where nothing happened


def _town_of(building: Span) -> list[Span]:
    """"the Great Hall of the People in Beijing", "a hotel in Doha": when the tagger took the whole
    phrase as one facility, the town it names last is where it is."""
    cut = building.text.rfind(" in ")
    if cut < 0:
        return []
    start = cut + len(" in ")
    return [replace(building, text=building.text[start:], start=building.start + start)]


def _within(span: Span, outer: Span) -> bool:
    return span.field == outer.field and outer.start <= span.start and span.end <= outer.end


def _town(where: Where | None) -> bool:
    return where is not None and where.city is not None


#: A hinted town this many times smaller than a namesake elsewhere loses to it (see ``_famous_over_namesake``).
NAMESAKE_RATIO = 5


class PlaceResolver:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, mention: Mention, occasion: OccasionRef | None, scene: Scene | None = None) -> Where | None:
        if mention.type in PLACELESS:
            return None
        scene = scene or Scene()
        named = [c.iso3 for s in mention.place_texts if (c := self.kb.countries.by_name(s.text))]
        hints = named + [p.country for p in mention.participants if p.country]
        own = self._own(mention, hints, scene, named)
        if _town(own):
            return own
        found = own or self._in_sentence(mention, scene)
        if found is not None and found.city is None:
            found = self._sharpened(found, mention, scene) or found
        if _town(found):
            return found
        if occasion is not None and occasion.city:
            host = self.host(occasion)
            if host and (found is None or found.country == host.country):
                return host
        return found or self._guessed(mention, scene)

    def _own(self, mention: Mention, hints: list[str], scene: Scene, named: Sequence[str] = ()) -> Where | None:
        """The place words of the engagement's own phrase: the first town, else the first region, else
        the first country; leaving out a country that hangs on a common noun ("Russia's actions in
        Ukraine")."""
        found: list[Where] = []
        for span in (s for named in mention.place_texts for s in (named, *_town_of(named))):
            country = self.kb.countries.by_name(span.text)
            if country is not None and country.kind == "country":
                if span not in scene.loose:
                    found.append(Where(None, country.iso3, basis="explicit", span=span))
                continue
            place = self._famous_over_namesake(self.kb.places.best(span.text, hints),
                                               self.kb.places.best(span.text, named))
            if place is not None:
                where = self._where(place, "explicit", span)
                if place.kind in TOWNS or place.curated:  # our own rows: places where leaders meet
                    return where
                found.append(where)
        return next((w for w in found if w.city), found[0] if found else None)

    @staticmethod
    def _famous_over_namesake(hinted: Place | None, plain: Place | None) -> Place | None:
        """The participants' countries are a weak hint: a US-Russia meeting "in Geneva" is in Geneva,
        Switzerland, not in a town a fifth of its size in the United States (a country the text itself
        names, or a state, still decides)."""
        if hinted is None or plain is None or hinted.country == plain.country or hinted.capital:
            return hinted
        return plain if hinted.kind == "city" and hinted.population * NAMESAKE_RATIO < plain.population else hinted

    def _in_sentence(self, mention: Mention, scene: Scene) -> Where | None:
        """A place the engagement's sentence names as where something happened, the town nearest the
        trigger first; "here" is the dateline's town."""
        named = [n.where for n in scene.named if _within(mention.trigger, n.sentence)]
        towns = [w for w in named if w.city]
        if towns:
            return min(towns, key=lambda w: abs(w.span.start - mention.trigger.start) if w.span else 0)
        if scene.dateline is not None and any(_within(mention.trigger, s) for s in scene.here):
            return replace(scene.dateline, basis="explicit")
        return named[0] if named else None

    def _sharpened(self, country: Where, mention: Mention, scene: Scene) -> Where | None:
        """A town of the same country that a sentence naming the same people gives (a caption under
        the report's photo, the headline)."""
        found = self._described(mention, scene)
        return found if found is not None and found.country == country.country else None

    @staticmethod
    def _described(mention: Mention, scene: Scene) -> Where | None:
        """The first town named as a scene in a sentence that names every person of the engagement
        (two at least): another telling of the same engagement, such as a photo's caption."""
        names = {fold(p.name).split()[-1] for p in mention.participants if p.kind == "person" and p.name}
        if len(names) < 2:
            return None
        for named in scene.named:
            if named.where.city and names <= set(fold(named.sentence.text).split()):
                return named.where
        return None

    def _guessed(self, mention: Mention, scene: Scene) -> Where | None:
        """No place in the sentence: the town of another telling of the same engagement (a caption);
        the dateline's town when a participant is of its country or the article names it as a scene
        too; else the one town the article names as a scene."""
        described = self._described(mention, scene) or _just_before(mention, scene)
        if described is not None:
            return replace(described, basis="from_context")
        dateline = scene.dateline
        towns = {(w.city, w.country): w for n in scene.named if (w := n.where).city}
        if dateline is not None and not _visitor_at_home(mention, dateline):
            countries = {p.country for p in mention.participants if p.country}
            if dateline.country in countries or (dateline.city, dateline.country) in towns:
                return replace(dateline, basis="from_context")
        if len(towns) == 1 and not _visitor_at_home(mention, town := next(iter(towns.values()))):
            return replace(town, basis="from_context")
        return None

    @staticmethod
    def _where(place: Place, basis: str, span: Span | None) -> Where:
        """A country (or a name known only by its country) has no town; a region is reported by name."""
        city = None if place.kind in ("country", "guess") else place.city
        if city and span is not None and span.text.lower() != city.lower() and fold(span.text) == fold(city) \
                and not span.text.isupper():
            city = span.text  # the article's own spelling of the same name: "Lodz" for Łódź
        return Where(city, place.country or None, place.lat, place.lon, basis, span)

    def host(self, occasion: OccasionRef) -> Where | None:
        place = self.kb.places.best(occasion.city or "", [occasion.country] if occasion.country else [])
        if place is None:
            return Where(occasion.city, occasion.country, basis="from_occasion", span=occasion.span)
        city = occasion.city if occasion.city and fold(occasion.city) == fold(place.city) \
            and not occasion.city.isupper() else place.city
        return Where(city, place.country, place.lat, place.lon, "from_occasion", occasion.span)

    def capital(self, country_code: str) -> Where | None:
        """The visited country's capital: a guess of lower precision, said as such."""
        country = self.kb.countries.by_code.get(country_code)
        if country is None or not country.capital:
            return None
        place = self.kb.places.best(country.capital, [country_code])
        if place is None:
            return None
        return Where(place.city, place.country, place.lat, place.lon, "capital")

    # --- the article as a whole -------------------------------------------------------------------

    def scene(self, doc: Doc, layout: Layout) -> Scene:
        """The dateline's town, the places each sentence names as where something happened, and the
        sentences that say "here"."""
        hints = self._countries_named(doc)
        named: list[Named] = []
        loose: set[Span] = set()
        for ent in entities(doc):
            if ent.label_ not in PLACE_LABELS and ent.label_ != "ORG":
                continue
            span = layout.span(ent.text, ent.start_char, ent.end_char)
            role = _role(ent.root)
            if role == "loose":
                loose.add(span)
            if role != "scene":
                continue
            where = self._resolve_text(span, hints)
            if where is not None and (ent.label_ != "ORG" or where.city):  # "in Brussels" tagged ORG
                named.append(Named(where, self._sentence(sentence_of(ent), layout)))
        for i in positions(doc, LOWER, ("capital", "capitals")).tolist():
            token = doc[i]
            if token.lemma_.lower() == "capital" and _role(token) == "scene":
                where = self._capital_of(token)
                if where is not None:
                    named.append(Named(replace(where, basis="explicit"), self._sentence(sentence_of(token), layout)))
        named.sort(key=lambda n: (n.sentence.field != "title", n.sentence.start))
        here = tuple(self._sentence(sentence_of(doc[i]), layout) for i in positions(doc, LOWER, ("here",)).tolist()
                     if doc[i].dep_ == "advmod")
        return Scene(self._dateline(doc, layout, hints), tuple(named), here, frozenset(loose))

    def _resolve_text(self, span: Span, hints: Sequence[str]) -> Where | None:
        for part in (*_town_of(span), span):
            country = self.kb.countries.by_name(part.text)
            if country is not None and country.kind == "country":
                return Where(None, country.iso3, basis="explicit", span=part)
            place = self.kb.places.best(part.text, hints)
            if place is not None:
                return self._where(place, "explicit", part)
        return None

    def _capital_of(self, token: Token) -> Where | None:
        """"in the Indian capital", "in the Sri Lankan capital": the capital of the country named."""
        for child in token.children:
            if child.dep_ not in ("amod", "compound", "poss"):
                continue
            words = " ".join(t.text for t in child.subtree if t.dep_ != "case")
            country = self.kb.countries.by_adjective(words) or self.kb.countries.by_name(words)
            if country is not None and country.kind == "country":
                return self.capital(country.iso3)
        return None

    def _countries_named(self, doc: Doc) -> list[str]:
        seen: dict[str, int] = {}
        for ent in entities(doc):
            if ent.label_ in ("GPE", "NORP"):
                country = self.kb.countries.by_name(ent.text) or self.kb.countries.by_adjective(ent.text)
                if country is not None and country.kind == "country":
                    seen[country.iso3] = seen.get(country.iso3, 0) + 1
        return sorted(seen, key=lambda code: -seen[code])

    def _dateline(self, doc: Doc, layout: Layout, hints: Sequence[str]) -> Where | None:
        """The town a dateline names near the start of the body (a town, not a country or a person)."""
        start = layout.body_offset
        for match in DATELINE.finditer(text_of(doc), start, start + DATELINE_REACH):
            town = match.group("town").strip()
            place = self.kb.places.best(town.title() if town.isupper() else town, hints)
            if place is not None and place.kind in TOWNS and self.kb.countries.by_name(town) is None:
                span = layout.span(town, match.start("town"), match.start("town") + len(town))
                return self._where(place, "explicit", span)
        return None

    @staticmethod
    def _sentence(sent: SpacySpan, layout: Layout) -> Span:
        return layout.span(sent.text, sent.start_char, sent.end_char)


def _role(root: Token) -> str:
    """What a place word says: ``scene`` where something happened, the object of "in" or "at" that
    hangs on a verb, a name or an engagement word ("met ... in Colombo", "President X in Colombo",
    "talks in Madrid"), or a place set beside such a one ("in Bali, Indonesia"); ``loose`` when it hangs
    on a common noun ("the situation in Ukraine"); ``future`` in a clause of what will happen ("will
    take place in Beijing"); else ``other``. A building where something happened is in the town named
    after it ("at the ministry's guest house in Oslo")."""
    while root.dep_ in ("appos", "conj", "npadvmod") and root.head.i != root.i:
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ not in LOCATIVE:
        return "other"
    head = root.head.head
    while head.ent_type_ in ("TIME", "DATE") and head.dep_ == "pobj" and head.head.head.i != head.i:
        head = head.head.head  # "talks lasting two hours in Nairobi": where the talks were
    if head.pos_ in ("VERB", "AUX"):
        planned = any(c.dep_ == "aux" and c.lower_ in FUTURE for c in head.children)
        return "future" if planned else "scene"
    if head.pos_ == "PROPN" and head.ent_type_ == "ORG":
        return "other"  # "a statement from the Foreign Office in London": where it sits, not where it happened
    if head.pos_ == "PROPN" or any(head.i in range(s.start, s.end) for s in _triggers(head.doc)):
        return "scene"
    if head.pos_ == "NOUN" and _role(head) == "scene":  # "at the ministry's guest house in Oslo"
        return "scene"
    return "loose" if head.pos_ == "NOUN" else "other"


def _triggers(doc: Doc) -> Iterable[SpacySpan]:
    return doc.spans.get("triggers", ())


#: How far back (characters) a sentence may be to give the town of the next engagement of its people.
NEARBY_CHARS = 400


def _just_before(mention: Mention, scene: Scene) -> Where | None:
    """"Lavrov met Choe in Moscow. ... Fomin met with Choe on November 21": an engagement with no place,
    told just after one of the same person in a town, was in that town (the same stay)."""
    names = {fold(p.name).split()[-1] for p in mention.participants if p.kind == "person" and p.name}
    start = mention.evidence.start
    before = [n for n in scene.named if n.where.city and n.sentence.field == mention.evidence.field
              and start - NEARBY_CHARS <= n.sentence.end <= start and names & set(fold(n.sentence.text).split())]
    return before[-1].where if before else None


def _visitor_at_home(mention: Mention, where: Where) -> bool:
    """A visit is in the host's country: a town of the visitor's own (the ministry at home that put out
    the statement) is not where it took place."""
    if mention.type != "VISIT" or not mention.participants:
        return False
    visitor = mention.participants[0].country
    return visitor == where.country and any(p.country not in (None, visitor) for p in mention.participants[1:])
