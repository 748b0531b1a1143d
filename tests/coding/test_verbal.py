"""Verbal events: verb phrases, frames, targets named as objects, statements with no target."""

from __future__ import annotations

import pytest

from sidelines.coding.verbal import SentenceCoder, VerbalCoder, VerbalEvent, pairs
from sidelines.model import Article


def coded(analyser, text: str) -> set[tuple[str, str | None, str | None]]:
    coder = SentenceCoder(analyser.kb)
    doc = analyser.nlp(text)
    return {(code, s.country if s else None, t.country if t else None)
            for sent in doc.sents for c in coder(sent) for s, t, code in pairs(c)}


@pytest.mark.parametrize("text, expected", [
    ("Wang said China supports Russia and Ukraine in overcoming difficulties.",
     {("051", "CHN", "RUS"), ("051", "CHN", "UKR")}),
    ("China opposes hegemony.", {("010", "CHN", None)}),
    ("Germany condemned Iran's missile test.", {("111", "DEU", "IRN")}),
    ("Canada accused Russia of aggression.", {("1123", "CAN", "RUS")}),
    ("India rejected Pakistan's proposal.", {("120", "IND", "PAK")}),
    ("Egypt praised Jordan for its mediation.", {("051", "EGY", "JOR")}),
    ("Kenya signed a trade agreement with Uganda.", {("057", "KEN", "UGA")}),
    ("Mexico expressed concern about the situation.", {("012", "MEX", None)}),
    ("Chile declined to comment.", {("011", "CHL", None)}),
])
def test_verb_phrases(analyser, text, expected):
    assert coded(analyser, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("France urged Russia to negotiate.", {("026", "FRA", "RUS")}),
    ("Spain called on Morocco to release the fishermen.", {("0253", "ESP", "MAR")}),
    ("Japan will send aid to Turkey.", {("033", "JPN", "TUR")}),
    ("Brazil threatened to cut ties with Venezuela.", {("1313", "BRA", "VEN")}),
    ("Poland demanded that Belarus free the journalists.", {("1053", "POL", "BLR")}),
    ("Norway said Sweden must respect the treaty.", {("100", "NOR", "SWE")}),
])
def test_frames_give_the_framed_act_its_mood(analyser, text, expected):
    assert coded(analyser, text) == expected


def test_verbal_events_from_an_articles_quotes(analyser):
    text = "Foreign Minister Wang Yi said China supports Russia and Ukraine in overcoming difficulties."
    article = Article(id="v1", text=text, url="https://example.org/v1")
    analysis = next(analyser.analyse([article]))
    found = VerbalCoder(analyser.kb, analyser.nlp)(analysis)
    assert {(e.cameo, e.source.country, e.target.country if e.target else None) for e in found} == {
        ("051", "CHN", "RUS"), ("051", "CHN", "UKR")}
    event = found[0]
    assert event.evidence.text == text and event.quote_id and event.url == "https://example.org/v1"
    assert event.plover == "SUPPORT" and event.goldstein == 3.4
    assert VerbalEvent.from_dict(event.to_dict()) == event
