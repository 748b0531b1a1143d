"""Quotes and speakers on short reports written for these tests."""

from __future__ import annotations

from sidelines.extract.layout import document_text
from sidelines.extract.quotes import MIN_QUOTE, quote_regions
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
    assert [text[a:b] for a, b in quote_regions(text, MIN_QUOTE)] == ["we will keep working together,"]


def test_marks_of_any_style_pair_by_their_flanks():
    text = ('”We are ready,” he said. „Wir sind bereit.“ Then « nous sommes prêts » and India."On behalf of '
            'my country," Modi said.\n“A quote left open at the end of a paragraph\n“goes on in the next.”')
    assert [text[a:b] for a, b in quote_regions(text)] == [
        "We are ready,", "Wir sind bereit.", "nous sommes prêts", "On behalf of my country,",
        "A quote left open at the end of a paragraph", "goes on in the next."]


def test_apostrophes_are_not_quotes_but_long_single_quoted_speech_is():
    text = "The leaders’ talks on Russia’s war went on, and she said ‘we will keep working on this with everyone’."
    assert [text[a:b] for a, b in quote_regions(text)] == ["we will keep working on this with everyone"]


def _by_start(analyser, text: str) -> dict[str, tuple[str, str]]:
    """First words of each quote -> (speaker name, speaker span as written)."""
    return {q.text[:20]: (q.speaker.name, q.speaker.span.text if q.speaker.span else "")
            for q in _quotes(analyser, text)}


def test_posts_split_quotes_and_paragraphs_go_on_with_their_speaker(analyser):
    text = (
        "Indian External Affairs Minister Subrahmanyam Jaishankar met Chinese Foreign Minister Wang Yi in Jakarta.\n\n"
        "\"Good to meet my counterpart today,\" Jaishankar wrote on X. \"We discussed the border at length.\"\n\n"
        "\"Both sides agreed to stay in touch.\"\n\n"
        "\"We want stable ties,\" Wang said, \"and we will work for them.\"\n\n"
        "\"Peace on the border matters to both peoples\" — wrote Jaishankar after the meeting."
    )
    found = _by_start(analyser, text)
    assert found["Good to meet my coun"][1] == "Jaishankar"
    assert found["We discussed the bor"][1] == "Jaishankar"
    assert found["Both sides agreed to"][1] == "Jaishankar"
    assert found["We want stable ties,"][1] == "Wang"
    assert found["and we will work for"][1] == "Wang"
    assert found["Peace on the border "][1] == "Jaishankar"


def test_a_title_or_pronoun_speaker_keeps_its_words_and_takes_the_name_before(analyser):
    text = (
        "President Emmanuel Macron received Chancellor Olaf Scholz in Paris on Monday.\n\n"
        "\"Europe must stand together on trade,\" the President said.\n\n"
        "\"We agree on the essentials,\" he added.\n\n"
        "Scholz said Germany backed the plan. \"We are ready to move quickly.\""
    )
    found = _by_start(analyser, text)
    assert found["Europe must stand to"] == ("Emmanuel Macron", "President")
    assert found["We agree on the esse"] == ("Emmanuel Macron", "he")
    assert found["We are ready to move"][0] == "Olaf Scholz"


def test_quoted_as_saying_and_according_to_name_the_speaker(analyser):
    text = (
        "Japanese Prime Minister Fumio Kishida spoke with Australian Prime Minister Anthony Albanese.\n\n"
        "Kishida was quoted as saying, \"Our partnership has never been stronger.\"\n\n"
        "\"The region needs calm and dialogue,\" according to Albanese."
    )
    found = _by_start(analyser, text)
    assert found["Our partnership has "][0] == "Fumio Kishida"
    assert found["The region needs cal"][0] == "Anthony Albanese"


def test_a_reported_clause_with_quoted_words_is_one_direct_quote(analyser):
    text = "Ban Ki-moon said he hoped the talks \"will give a momentum to cooperation in the region.\""
    quotes = _quotes(analyser, text)
    assert len(quotes) == 1 and quotes[0].direct and quotes[0].text.startswith("he hoped the talks")
