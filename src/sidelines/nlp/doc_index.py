"""A parsed document's text, entities and sentences, read once.

``Doc.text`` joins every token on every read, ``Doc.ents`` builds new spans on every read and
``Token.sent`` walks the document's sentences from the start; extraction asks for both per token and per trigger, so a long page paid for them again and
again (quadratic in its length). They are read once per document, after the pipeline has set them,
and kept in ``doc.user_data``.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

_ENTS, _AT, _SENTS, _STARTS = "sidelines.ents", "sidelines.ents.at", "sidelines.sents", "sidelines.sents.starts"
_TEXT = "sidelines.text"


def text_of(doc: Doc) -> str:
    """The document's text."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """The document's entities in order (to be read only once the pipeline has run)."""
    found = doc.user_data.get(_ENTS)
    if found is None:
        found = tuple(doc.ents)
        doc.user_data[_ENTS] = found
        doc.user_data[_AT] = {i: ent for ent in found for i in range(ent.start, ent.end)}
    return found


def entity_at(token: Token) -> SpacySpan | None:
    """The entity a token is part of, if any."""
    if token.ent_iob_ == "O":
        return None
    entities(token.doc)
    return token.doc.user_data[_AT].get(token.i)


def _sentences(doc: Doc) -> tuple[SpacySpan, ...]:
    sentences = doc.user_data.get(_SENTS)
    if sentences is None:
        sentences = tuple(doc.sents)
        doc.user_data[_SENTS] = sentences
        doc.user_data[_STARTS] = [s.start for s in sentences]
    return sentences


def sentence_of(item: Token | SpacySpan) -> SpacySpan:
    """The sentence a token (or a span's first token) is in: ``Token.sent`` without the walk."""
    sentences = _sentences(item.doc)
    i = item.i if isinstance(item, Token) else item.start
    return sentences[bisect_right(item.doc.user_data[_STARTS], i) - 1]


def sentences_in(span: SpacySpan) -> list[SpacySpan]:
    """The sentences a span covers: ``Span.sents`` without the walk."""
    sentences = _sentences(span.doc)
    first = bisect_right(span.doc.user_data[_STARTS], span.start) - 1
    return list(sentences[first:bisect_right(span.doc.user_data[_STARTS], span.end - 1)])
