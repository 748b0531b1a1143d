"""Quotes and speakers on short reports written for these tests."""

from __future__ import annotations

import pytest

from sidelines.extract.layout import document_text
from sidelines.extract.quotes import MIN_QUOTE, _is_title, quote_regions
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
    assert found["Both sides agreed to"][1] == "Jaishankar"
    assert found["We want stable ties,"][1] == "Wang"
    assert found["Peace on the border "][1] == "Jaishankar"
    texts = [q.text for q in _quotes(analyser, text)]  # a quote split around its attribution is one quote
    assert "Good to meet my counterpart today,\" Jaishankar wrote on X. \"We discussed the border at length." in texts
    assert "We want stable ties,\" Wang said, \"and we will work for them." in texts


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


def _speakers(analyser, text: str) -> dict[str, str]:
    """First words of each quote -> speaker name, as the pipeline links it."""
    return {q.text[:20]: q.speaker.name for q in _quotes(analyser, text)}


def test_a_quote_split_around_its_attribution_is_one_quote(analyser):
    text = ("\"Our ties have never been closer,\" Mr Albanese said. \"We will build on them this year.\" "
            "The two governments also agreed to work on clean energy, a joint statement said.")
    quotes = _quotes(analyser, text)
    assert [q.text for q in quotes] == ["Our ties have never been closer,\" Mr Albanese said. \"We will build on them this year."]
    assert quotes[0].speaker.name.endswith("Albanese")


def test_a_cue_behind_another_clause_after_a_finished_quote_is_not_its_cue(analyser):
    text = ("Prime Minister Anthony Albanese met President Joe Biden in Washington.\n\n"
            "Albanese said the talks went well. \"We will keep working together.\" The two governments also agreed "
            "to work on clean energy, a joint statement said.")
    assert _speakers(analyser, text)["We will keep working"] == "Anthony Albanese"


def test_a_name_after_a_dash_signs_the_quote(analyser):
    text = ("“We need a new approach to the schools in this city.”― Maria Lopez\n\n"
            "“The mayor should come and see the schools for himself.” — Teresa Brown, a teacher")
    found = _speakers(analyser, text)
    assert found["We need a new approa"] == "Maria Lopez"
    assert found["The mayor should com"] == "Teresa Brown"


@pytest.mark.parametrize(("quoted", "title"), [
    ("Meet the Press,", True), ("The Late Show", True), ("Plan for Prosperity.", True),
    ("We will win this,", False), ("Thank You!", False), ("Honest Abe and the rest of them", False)])
def test_a_short_title_case_stretch_names_a_work(quoted, title):
    assert _is_title(quoted) is title


def test_the_title_of_a_programme_is_not_a_quote(analyser):
    text = "The senator told CNN's \"State of the Union\" that the vote in the chamber would be close."
    assert all(q.text != "State of the Union" for q in _quotes(analyser, text))


@pytest.mark.parametrize(("text", "first", "speaker"), [
    (("Foreign Minister Penny Wong met the new Fijian Prime Minister in Suva on Monday.\n\n"
      "During the meeting, Senator Wong conveyed the greetings of Prime Minister Anthony Albanese to her host.\n\n"
      "In a post on X, the Australian minister said, \"Good to meet the Prime Minister today.\""),
     "Good to meet the Pri", "Penny Wong"),  # the minister in focus, not the last one named
    (("Volodymyr Zelensky spoke with President Emmanuel Macron of France on Sunday.\n\n"
      "\"We count on every partner to keep the pressure on\" - stressed the head of the Ukrainian state."),
     "We count on every pa", "Volodymyr Zelensky"),  # the title's own country
    (("Finnish President Sauli Niinisto hosted NATO Secretary General Jens Stoltenberg and Danish Prime Minister "
      "Mette Frederiksen in Helsinki.\n\n"
      "At the end of the visit, the NATO chief told reporters he was \"glad\" to see the progress.\n\n"
      "\"Finland makes our alliance stronger than before,\" he said."),
     "Finland makes our al", "Jens Stoltenberg"),  # whoever a cue says spoke is in focus
    (("Foreign Ministry spokesman Mao Ning told reporters on Monday that the minister would travel to Europe.\n\n"
      "According to the spokesman, Wang Yi will first travel to France. \"The visit will deepen mutual trust "
      "between the two sides,\" he said."),
     "The visit will deepe", "Mao Ning"),  # not the subject of the spokesman's own words
    (("President Emmanuel Macron spoke by phone with Chancellor Olaf Scholz on Tuesday.\n\n"
      "Macron praised him for his \"steady work for a united European answer,\" the Elysee press office said."),
     "steady work for a un", "Emmanuel Macron"),  # the press office reports the words of the one praising
])
def test_titles_and_pronouns_go_to_the_person_in_focus(analyser, text, first, speaker):
    assert _speakers(analyser, text)[first] == speaker


def test_a_name_cut_short_is_completed_and_a_title_before_a_name_names_its_person(analyser):
    text = ("President Ferdinand R. Marcos Jr. received the Australian Defence Minister in Manila on Monday.\n\n"
            "\"We value this partnership more than ever before,\" the President added.\n\n"
            "Bishop Paolo D’Amico, the envoy of the Vatican in Kyiv, spoke to reporters after the meeting.\n\n"
            "This, the bishop said, \"will be discussed again at the next meeting in Rome.\"")
    found = _speakers(analyser, text)
    assert found["We value this partne"].endswith("Marcos Jr.")
    assert found["will be discussed ag"].endswith("Paolo D'Amico")  # "the bishop": Bishop Paolo D’Amico


@pytest.mark.parametrize(("text", "first", "speaker"), [
    (("Minister Cho noted that President Lee Jae-myung had sent his condolences to the families of the victims, and "
      "stressed that “the government will support the rescue work with every means it has.”"),
     "the government will ", "Cho"),  # a cue joined to the verb of another cue's clause
    (("Czech Foreign Ministry Spokesman Daniel Drake told the news agency on Friday that Lipavsky would go to "
      "Kyiv.\n\nAccording to the spokesman, Lipavsky will first travel to Poland. \"The minister will then meet his "
      "Ukrainian counterpart,\" he said."),
     "The minister will th", "Daniel Drake"),  # the words after a title are a name whatever the tagger says
    (("Senator Jon Tester questioned the head of the bank for two hours on Tuesday.\n\n"
      "\"Who will pay for all of these losses?\" Senator David Vitter demanded."),
     "Who will pay for all", "David Vitter"),  # "demanded" reports words
])
def test_the_cue_names_its_own_speaker(analyser, text, first, speaker):
    assert _speakers(analyser, text)[first].endswith(speaker)


def test_two_apostrophes_are_one_quotation_mark():
    text = "Exports fell again. ''We expected worse,'' said Ana Ruiz, an economist. The traders' mood improved."
    assert [text[a:b] for a, b in quote_regions(text)] == ["We expected worse,"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (("Kenyan President William Ruto praised Ugandan President Yoweri Museveni's leadership in the region.\n\n"
          "\"I thank you for your leadership not only in Uganda but across the whole of East Africa.\""),
         "william-ruto"),
        (("Ugandan President Yoweri Museveni put out a statement after hosting Kenyan President William Ruto. "
          "\u201cToday I hosted President Ruto of Kenya again, our third meeting in this format.\u201d"),
         "yoweri-museveni"),
        ("Ugandan President Yoweri Museveni: \u201cWe talked about the oil pipeline and about trade across the lake.\u201d",
         "yoweri-museveni"),
    ],
)
def test_a_quote_after_a_sentence_that_tells_someone_spoke_is_theirs(analyser, text, speaker):
    found = [q for q in _quotes(analyser, text) if q.direct]
    assert found and found[-1].speaker.actor_id == speaker


def test_a_speaker_s_name_is_written_with_a_plain_apostrophe(analyser):
    text = "\u201cThe talks in Nairobi were useful and long,\u201d said Irish Ambassador Mary O\u2019Brien."
    found = [q for q in _quotes(analyser, text) if q.direct]
    assert found and found[0].speaker.name.endswith("Mary O'Brien")


def test_a_name_right_before_a_cue_the_parse_left_without_subject_speaks(analyser):
    text = "In a video US President Joe Biden said ,\u201dWell done to Uganda and Tanzania for signing the pipeline deal.\u201d"
    found = [q for q in _quotes(analyser, text) if q.direct]
    assert found and found[0].speaker.actor_id == "joe-biden"
