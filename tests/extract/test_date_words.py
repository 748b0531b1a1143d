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
        # a dateline's date is the report's day: the weekday of the story comes first
        ("BERLIN, June 3 (Reuters) -- Chancellor Olaf Scholz met President Emmanuel Macron on Friday.", "met",
         "Friday"),
        # a simple past reported by a dated verb; a pluperfect was before the report
        ("The Kremlin announced Thursday that Putin met Erdogan in Sochi.", "met", "Thursday"),
        ("The Kremlin said on Thursday that Putin had met Erdogan in Sochi.", "met", None),
        # the participle that describes the trigger noun carries its date
        ("The meeting, held in Canberra on Tuesday, covered trade and security.", "meeting", "Tuesday"),
        # a time that names a day; a day of the month the entity model leaves untagged
        ("Albanese and Hipkins held a telephone conversation last evening about the Pacific.", "held",
         "last evening"),
        ("Marles met his Indian counterpart at the defence ministry on 12 th .", "met", "12 th"),
        ("Marles met his Indian counterpart at the defence ministry on the 12th.", "met", "the 12th"),
        # "May 26, two days after ...": the day, not the gap joined to it
        ("The two leaders met again in Panmunjom on May 26, two days after the summit was called off.", "met",
         "May 26"),
        # between the subject and its verb, wherever the parser hung it
        (("A day after meeting the Ugandan envoy, Kenyan President William Ruto on Friday met his "
         "counterparts from Tanzania and Rwanda in Arusha."), "met", "Friday"),
    ],
)
def test_the_date_words_of_a_trigger(analyser, text, trigger, expected):
    assert _words(analyser, text, trigger) == expected
