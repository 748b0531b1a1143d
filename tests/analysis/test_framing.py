"""Framing: VADER tone, characteristic words by weighted log-odds, and what only one report includes."""

from __future__ import annotations

from collections import Counter

import pytest

from sidelines.analysis.framing import ReportText, ToneReader, frame, log_odds, same_words, terms_of
from sidelines.model import Participant, Quote, Span


def _quote(actor: str, text: str, article: str = "a") -> Quote:
    return Quote(id=f"{article}-{text[:8]}", article_id=article, speaker=Participant(actor.title(), actor_id=actor),
                 text=text, start=0, end=len(text), direct=False, cue="said", evidence=Span(text, 0, len(text)))


@pytest.fixture(scope="module")
def tone() -> ToneReader:
    return ToneReader()


def test_vader_is_loaded_from_its_package_lexicon(tone):
    assert len(tone.analyzer.lexicon) > 7000
    assert tone.analyzer.lexicon["good"] > 0 > tone.analyzer.lexicon["bad"]


def test_tone_is_the_mean_over_sentences(tone):
    warm = tone("The talks were friendly and fruitful. Both sides praised the excellent cooperation.")
    cold = tone("The talks collapsed in anger. Both sides traded bitter accusations and threats.")
    assert warm.label == "positive" and cold.label == "negative"
    assert warm.sentences == cold.sentences == 2
    assert warm.compound > 0 > cold.compound and cold.negative > warm.negative


def test_an_empty_text_is_neutral(tone):
    assert tone("").label == "neutral"


def test_terms_are_content_words_and_two_word_phrases():
    counts = terms_of("The Ukraine crisis and the Ukraine crisis, again; China's role.")
    assert counts["ukraine crisis"] == 2 and counts["ukraine"] == 2 and counts["china"] == 1
    assert "the" not in counts and "and" not in counts


def test_log_odds_ranks_what_one_report_overuses():
    a = Counter({"grain": 5, "talks": 3, "peace": 3})
    b = Counter({"congress": 5, "talks": 3, "peace": 3})
    found = log_odds(a, b, a + b)
    assert found[0].text == "grain" and found[0].z > 0
    assert "congress" not in {t.text for t in found} and "talks" not in {t.text for t in found}


def test_frame_reports_what_only_one_report_has(tone):
    shared = "Wang Yi met Sergey Lavrov and they discussed the Ukraine crisis."
    first = ReportText("a", shared + " An expert said the grain deal mattered. Grain, grain.", ("Ukraine", "Grain exports"),
                       (_quote("wang-yi", "China will keep playing a constructive role in peace talks", "a"),),
                       ("Wang Yi", "Sergey Lavrov", "Zhang Hong"))
    second = ReportText("b", shared + " The party congress was praised. Congress, congress.", ("Ukraine",),
                        (_quote("wang-yi", "China keeps a constructive role in the peace talks", "b"),
                         _quote("sergey-lavrov", "Russia is open to negotiation", "b")),
                        ("Wang Yi", "Sergey Lavrov"))
    a, b = frame([first, second], tone)
    assert a.only_topics == ("Grain exports",) and b.only_topics == ()
    assert a.only_participants == ("Zhang Hong",) and b.only_participants == ()
    assert a.only_quotes == () and [q.speaker.actor_id for q in b.only_quotes] == ["sergey-lavrov"]
    assert a.terms[0].text == "grain" and b.terms[0].text == "congress"


def test_a_single_report_has_nothing_to_be_compared_with(tone):
    (alone,) = frame([ReportText("a", "Wang Yi met Lavrov. Grain, grain.", ("Grain exports",))], tone)
    assert alone.terms == () and alone.only_topics == ()


def test_same_words_needs_the_same_speaker():
    assert same_words(_quote("wang-yi", "Peace talks are the only way"), _quote("wang-yi", "the only way is peace talks"))
    assert not same_words(_quote("wang-yi", "Peace talks are the only way"),
                          _quote("sergey-lavrov", "Peace talks are the only way"))
