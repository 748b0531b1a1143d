"""Which date words belong to a trigger, read straight from the parse."""

from __future__ import annotations

import pytest

from sidelines.extract.date_words import date_words


def _words(analyser, text: str, trigger: str) -> str | None:
    doc = analyser.nlp(text)
    token = next(t for t in doc if t.text == trigger)
    ent = date_words(token, token if token.pos_ in ("VERB", "AUX") else None)
    return ent.text if ent is not None else None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Kishida met Albanese in Tokyo on Monday.", "met", "Monday"),
        ("Kishida hosted Albanese in Tokyo on Thursday, 23 August 2023, for talks.", "hosted", "23 August 2023"),
        ("Kishida and Albanese signed a ten-year agreement.", "signed", None),
        ("Kishida has met Albanese often since October.", "met", None),
        ("The talks came a day after Kishida met Albanese in Tokyo on Monday.", "met", "Monday"),
    ],
)
def test_the_date_words_of_a_trigger(analyser, text, trigger, expected):
    assert _words(analyser, text, trigger) == expected
