"""Topics from the vocabulary, with the sentence each was found in."""

from __future__ import annotations

import pytest

from sidelines.analysis.topics import Topic, TopicVocabulary, sentences
from sidelines.errors import KnowledgeError


@pytest.fixture(scope="module")
def vocabulary() -> TopicVocabulary:
    return TopicVocabulary.load()


@pytest.mark.parametrize("sentence, topic", [
    ("The ministers discussed the crisis in Ukraine.", "Ukraine"),
    ("They spoke about the Ukrainian settlement.", "Ukraine"),
    ("A nuclear war must never be fought.", "Nuclear weapons"),
    ("Tension in the Taiwan Strait was raised.", "Taiwan"),
    ("They exchanged views on the Korean Peninsula.", "Korean Peninsula"),
    ("The Iranian nuclear issue came up.", "Iran's nuclear programme"),
    ("Iran's nuclear programme was on the table.", "Iran's nuclear programme"),
    ("Both backed the expansion of BRICS+.", "BRICS"),
    ("They will coordinate within the SCO.", "SCO"),
    ("They called for reform of the U.N. Security Council.", "UN reform"),
    ("China supports a multipolar world.", "Multipolarity"),
    ("The Black Sea Grain Initiative should resume.", "Grain exports"),
    ("Climate change needs joint action.", "Climate"),
])
def test_aliases_find_their_topic(vocabulary, sentence, topic):
    assert topic in {t.topic for t in vocabulary.in_text(sentence)}


@pytest.mark.parametrize("sentence", [
    "The unforeseen delay annoyed everyone.",  # "un" only as a word
    "Scotland's team played well.",  # "SCO" only as a word
    "He wrote a long tirade.",  # "trade" only as a word
])
def test_aliases_match_whole_words_only(vocabulary, sentence):
    assert vocabulary.in_text(sentence) == []


def test_each_tag_carries_its_sentence_with_offsets(vocabulary):
    text = "Wang Yi met Sergey Lavrov in Bali.\n\nThe Ukraine crisis was on the agenda. Trade came up too."
    tags = {t.topic: t for t in vocabulary.in_text(text, "a1")}
    ukraine = tags["Ukraine"].evidence
    assert ukraine.text == "The Ukraine crisis was on the agenda."
    assert text[ukraine.start:ukraine.end] == ukraine.text and ukraine.article_id == "a1"
    assert tags["Trade"].evidence.text == "Trade came up too."


def test_a_topic_is_tagged_once_with_its_first_sentence(vocabulary):
    tags = vocabulary.in_text("Kyiv was named. Later the Donbas was named.")
    assert [(t.topic, t.evidence.text) for t in tags] == [("Ukraine", "Kyiv was named.")]


def test_sentences_do_not_end_at_titles_or_month_abbreviations():
    text = 'Mr. Lavrov arrived on Feb. 20 in Johannesburg. "We agree," he said. Then U.S. officials left.'
    assert [s.text for s in sentences(text)] == [
        "Mr. Lavrov arrived on Feb. 20 in Johannesburg.", '"We agree," he said.', "Then U.S. officials left."]


def test_a_users_topics_file_adds_and_replaces_topics(tmp_path):
    (tmp_path / "topics_mine.csv").write_text("topic,aliases\nTrade,customs union\nArctic shipping,icebreaker\n")
    vocabulary = TopicVocabulary.load([tmp_path])
    assert {t.topic for t in vocabulary.in_text("A customs union and an icebreaker.")} == {"Trade", "Arctic shipping"}
    assert vocabulary.in_text("Trade grew.")[0].topic == "Trade"  # the topic's own name stays an alias


def test_a_row_without_a_topic_is_refused(tmp_path):
    (tmp_path / "topics_bad.csv").write_text("topic,aliases\n,nothing\n")
    with pytest.raises(KnowledgeError, match="E040"):
        TopicVocabulary.load([tmp_path])


def test_the_bundled_vocabulary_has_the_issue_list():
    names = {t.name for t in TopicVocabulary.load().topics}
    assert {"Ukraine", "Nuclear weapons", "Taiwan", "Korean Peninsula", "Iran's nuclear programme", "Afghanistan",
            "Trade", "Energy", "Climate", "BRICS", "SCO", "UN reform", "Multipolarity", "Grain exports"} <= names
    assert all(isinstance(t, Topic) and t.aliases for t in TopicVocabulary.load().topics)
