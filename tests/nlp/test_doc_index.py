"""The document index gives what spaCy's own properties give, read once."""

from __future__ import annotations

from sidelines.nlp.doc_index import entities, entity_at, sentence_of, sentences_in, text_of


def test_the_index_agrees_with_spacy(analyser):
    doc = analyser.nlp("Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha. "
                       "They talked for two hours. Ruto then flew to Nairobi on Monday.")
    assert text_of(doc) == doc.text
    assert entities(doc) == tuple(doc.ents)
    for token in doc:
        assert sentence_of(token) == token.sent
        expected = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        assert entity_at(token) == expected
    for ent in doc.ents:
        assert sentence_of(ent) == ent.sent
    for start, end in [(0, 3), (2, len(doc)), (len(doc) - 2, len(doc))]:
        assert sentences_in(doc[start:end]) == list(doc[start:end].sents)
