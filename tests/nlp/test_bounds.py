"""Huge articles are read up to a bound: the cut falls at a break, offsets stay those of the whole
text, the whole text is kept, and the record says how much was read."""

from __future__ import annotations

from datetime import date

from sidelines.model import Article
from sidelines.nlp.bounds import bounded, cut_point
from sidelines.pipeline import Analyser

LEAD = ("Indian External Affairs Minister Subrahmanyam Jaishankar met Russian Foreign Minister Sergey Lavrov "
        "in Moscow on Tuesday.\n\n")
FILLER = "The talks covered trade, energy and the war in Ukraine, officials said afterwards. "


def test_a_text_within_the_bound_is_read_whole():
    article = Article(id="short", text=LEAD)
    assert bounded(article, 1000) == (article, None)


def test_the_cut_falls_at_the_last_paragraph_break_within_the_bound():
    text = "a" * 950 + "\n\n" + "b" * 500
    assert cut_point(text, 1000) == 952
    assert cut_point("word " * 400, 1000) <= 1000


def test_a_text_without_breaks_is_cut_at_the_bound():
    assert cut_point("x" * 5000, 1000) == 1000


def test_a_long_article_is_stored_whole_with_a_note_and_its_lead_analysed(analyser):
    bounded_analyser = Analyser(analyser.settings.with_(analysis_max_chars=2000), analyser.kb, analyser.nlp)
    text = LEAD + (FILLER * 20 + "\n\n") * 20
    article = Article(id="long", text=text, published=date(2022, 11, 9))
    (analysis,) = bounded_analyser.analyse([article])
    assert analysis.article.text == text
    assert analysis.note is not None and "of " + f"{len(text):,}" in analysis.note
    assert analysis.reports, "the lead, within the bound, is still read"
    assert all(m.evidence.end <= 2000 for m in analysis.mentions)
