"""A parsed document's text, entities and sentences, read once.

``Doc.text`` joins every token on every read, ``Doc.ents`` builds new spans on every read and
``Token.sent`` walks the document's sentences from the start; extraction asks for both per token and per trigger, so a long page paid for them again and
again (quadratic in its length). They are read once per document, after the pipeline has set them,
and kept in ``doc.user_data``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection

import numpy as np
from spacy.attrs import POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

_ENTS, _AT, _SENTS, _STARTS = "sidelines.ents", "sidelines.ents.at", "sidelines.sents", "sidelines.sents.starts"
_ENT_STARTS, _POSITIONS = "sidelines.ents.starts", "sidelines.positions"
_TEXT = "sidelines.text"


def text_of(doc: Doc) -> str:
    """The document's text."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def known_text(doc: Doc, text: str) -> None:
    """Keep the text the document was made from (the same as ``Doc.text``, without joining its tokens)."""
    doc.user_data[_TEXT] = text


def entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """The document's entities in order (to be read only once the pipeline has run)."""
    found = doc.user_data.get(_ENTS)
    if found is None:
        found = tuple(doc.ents)
        doc.user_data[_ENTS] = found
        doc.user_data[_AT] = {i: ent for ent in found for i in range(ent.start, ent.end)}
        doc.user_data[_ENT_STARTS] = [ent.start for ent in found]
    return found


def entities_in(span: SpacySpan) -> tuple[SpacySpan, ...]:
    """The entities wholly inside a span: ``Span.ents`` without reading every entity of the document."""
    found = entities(span.doc)
    starts = span.doc.user_data[_ENT_STARTS]
    first, last = bisect_left(starts, span.start), bisect_left(starts, span.end)
    inside = found[first:last]
    if inside and inside[-1].end > span.end:  # an entity that starts inside and runs past the end
        inside = tuple(e for e in inside if e.end <= span.end)
    return inside


def entity_at(token: Token) -> SpacySpan | None:
    """The entity a token is part of, if any."""
    if token.ent_iob_ == "O":
        return None
    entities(token.doc)
    return token.doc.user_data[_AT].get(token.i)


def sentences(doc: Doc) -> tuple[SpacySpan, ...]:
    """The document's sentences (to be read only once the pipeline has run)."""
    found = doc.user_data.get(_SENTS)
    if found is None:
        found = tuple(doc.sents)
        doc.user_data[_SENTS] = found
        doc.user_data[_STARTS] = [s.start for s in found]
    return found


def sentence_of(item: Token | SpacySpan) -> SpacySpan:
    """The sentence a token (or a span's first token) is in: ``Token.sent`` without the walk."""
    found = sentences(item.doc)
    i = item.i if isinstance(item, Token) else item.start
    return found[bisect_right(item.doc.user_data[_STARTS], i) - 1]


def sentences_in(span: SpacySpan) -> list[SpacySpan]:
    """The sentences a span covers: ``Span.sents`` without the walk."""
    found = sentences(span.doc)
    first = bisect_right(span.doc.user_data[_STARTS], span.start) - 1
    return list(found[first:bisect_right(span.doc.user_data[_STARTS], span.end - 1)])


def positions(doc: Doc, attr: int, values: Collection[str]) -> np.ndarray:
    """Where a token's ``attr`` (POS, DEP, LOWER, ENT_TYPE, ...) is one of ``values``, read from the
    document's column (once per document and question): a loop over these makes no Token of the words
    it does not need."""
    key = f"{_POSITIONS}.{attr}.{'|'.join(values)}"
    found = doc.user_data.get(key)
    if found is None:
        wanted = [POS_IDS[v] if attr == POS else doc.vocab.strings[v] for v in values]
        found = doc.user_data[key] = np.flatnonzero(np.isin(doc.to_array(attr), wanted))
    return found
