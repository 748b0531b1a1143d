"""Quotes and speakers on short reports written for these tests."""

from __future__ import annotations

from sidelines.extract.layout import document_text
from sidelines.extract.quotes import quote_regions
from sidelines.model import Article

REPORT = (
    "Chinese Foreign Ministry spokesman Wang Wenbin told a briefing that talks were the only way forward.\n\n"
    "\"We support every effort for peace,\" he said.\n\n"
    "Later, Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergey Lavrov in Tunxi.\n\n"
    "\"Both sides have a firmer will to cooperate,\" Wang said.\n\n"
    "Lavrov said that Russia wanted steady relations with China."
)


def _quotes(analyser, text: str):
    return analyser.analyse_doc(Article(id="q", text=text), analyser.nlp(document_text(Article(id="q", text=text))[0]),
                                document_text(Article(id="q", text=text))[1]).quotes


def test_speakers_are_linked_and_a_bare_surname_goes_to_the_nearest_full_name(analyser):
    found = {(q.text[:12], q.speaker.actor_id, q.direct) for q in _quotes(analyser, REPORT)}
    assert ("We support e", "wang-wenbin", True) in found
    assert ("Both sides h", "wang-yi", True) in found
    assert ("Russia wante", "sergey-lavrov", False) in found


def test_quote_offsets_point_into_the_text(analyser):
    for quote in _quotes(analyser, REPORT):
        assert REPORT[quote.start:quote.end] == quote.text


def test_a_short_quoted_word_does_not_shift_the_pairs_after_it():
    text = 'He said "ties" had no "ceiling" and "we will keep working together," officials said.'
    assert [text[a:b] for a, b in quote_regions(text)] == ["we will keep working together,"]
