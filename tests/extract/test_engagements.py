"""Engagement extraction on sentences written for these tests (public facts, our own words)."""

from __future__ import annotations

import pytest

from sidelines.extract.layout import document_text
from sidelines.model import Article


def _mentions(analyser, text: str, title: str | None = None):
    article = Article(id="t", text=text, title=title)
    document, layout = document_text(article)
    return analyser.extract(analyser.nlp(document), "t", layout)


def _people(mention) -> set[str]:
    return {p.actor_id or p.name for p in mention.participants}


@pytest.mark.parametrize(
    ("text", "kind", "people"),
    [
        ("Indian Prime Minister Narendra Modi and Russian President Vladimir Putin held talks in Moscow on Tuesday.",
         "MEET", {"narendra-modi", "vladimir-putin"}),
        ("Japanese Prime Minister Fumio Kishida hosted South Korean President Yoon Suk Yeol in Tokyo on Thursday.",
         "HOST", {"fumio-kishida", "yoon-suk-yeol"}),
        ("German Chancellor Olaf Scholz spoke by phone with Russian President Vladimir Putin on Friday.",
         "CALL", {"olaf-scholz", "vladimir-putin"}),
        ("Welcoming Brazilian President Luiz Inacio Lula da Silva to Beijing, Chinese President Xi Jinping said on Friday "
         "that relations had a bright future.", "HOST", {"luiz-inacio-lula-da-silva", "xi-jinping"}),
        ("President Joe Biden met Chinese President Xi Jinping at an estate south of San Francisco on Wednesday.",
         "MEET", {"joe-biden", "xi-jinping"}),
    ],
)
def test_an_engagement_is_found_with_its_parties(analyser, text, kind, people):
    found = _mentions(analyser, text)
    assert [m.type for m in found][:1] == [kind]
    assert people <= _people(found[0])


@pytest.mark.parametrize(
    "text",
    [
        "President Joe Biden will meet Chinese President Xi Jinping in San Francisco next week.",
        "Chinese President Xi Jinping could meet President Joe Biden at the summit.",
        "Chinese President Xi Jinping did not meet President Joe Biden on Friday.",
        "The two presidents meet annually in one or the other country.",
        "Putin called Erdogan his dear friend and thanked him.",
    ],
)
def test_future_modal_negated_habitual_and_naming_uses_are_left_out(analyser, text):
    assert _mentions(analyser, text) == []


def test_a_headline_in_the_present_tense_reports_a_past_engagement(analyser):
    found = _mentions(analyser, "The two leaders discussed trade.", title="Modi meets Putin in Moscow")
    assert found and found[0].tense == "headline" and found[0].role == "main"


def test_the_date_words_of_the_engagement_are_kept_not_those_of_a_subordinate_clause(analyser):
    text = ("Secretary of State Antony Blinken and Foreign Minister Wang Yi held five hours of talks in Bali on "
            "July 9, 2022, their first meeting since October.")
    found = _mentions(analyser, text)
    assert found[0].time_text.text == "July 9, 2022"
    assert [s.text for s in found[0].place_texts] == ["Bali"]


def test_evidence_offsets_point_into_the_article_text(analyser):
    text = "Officials said little. Russian President Vladimir Putin received Turkish President Recep Tayyip Erdogan in Sochi."
    mention = _mentions(analyser, text)[0]
    assert text[mention.evidence.start:mention.evidence.end] == mention.evidence.text
    assert text[mention.trigger.start:mention.trigger.end] == "received"
