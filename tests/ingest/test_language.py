"""Articles not in English are read, stored with their language and a note, and never analysed.

The texts are written for these tests from public facts, in the style of news.
"""

from __future__ import annotations

import json

import pytest

from sidelines.errors import EmptyInput
from sidelines.ingest import read_paths
from sidelines.ingest.language import (
    MIN_WORDS,
    detect_language,
    label_code,
    language_name,
    not_analysed_note,
    why_not_english,
)
from sidelines.ingest.run import ingest
from sidelines.model import Article
from sidelines.store import Store

ENGLISH = (
    "Modi and Macron hold talks in Paris\n\n"
    "PARIS - Indian Prime Minister Narendra Modi held talks with French President Emmanuel Macron at the "
    "Elysee Palace on Friday, a day after he was the guest of honour at the Bastille Day parade. The two "
    "leaders discussed defence, space and civil nuclear cooperation, and agreed on a roadmap for the next "
    "twenty-five years of their strategic partnership, the foreign ministry said."
)
SPANISH = (
    "El presidente del Gobierno, Pedro Sánchez, se reunió este lunes en el Palacio de la Moncloa con el "
    "canciller alemán, Olaf Scholz. Los dos dirigentes hablaron de la guerra en Ucrania, de la energía y "
    "de las interconexiones entre la península y el resto de Europa, según fuentes del Gobierno."
)
RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров провёл в Москве переговоры с министром иностранных дел "
    "Индии Субраманьямом Джайшанкаром. Стороны обсудили двустороннюю торговлю, энергетику и положение "
    "в Афганистане, сообщили в министерстве."
)
FRENCH = (
    "Le président Emmanuel Macron a reçu mardi à l'Élysée le chancelier allemand Olaf Scholz pour un "
    "dîner de travail. Les deux dirigeants ont évoqué la guerre en Ukraine, la politique énergétique de "
    "l'Union européenne et la préparation du prochain Conseil européen à Bruxelles."
)
NORWEGIAN = (
    "Statsminister Jonas Gahr Støre møtte torsdag NATOs generalsekretær i Oslo. De to snakket om "
    "situasjonen i Ukraina og om forsvarssamarbeidet i nord, opplyser Statsministerens kontor i en "
    "pressemelding etter møtet."
)


@pytest.mark.parametrize(
    "text, code",
    [(ENGLISH, "en"), (SPANISH, "es"), (RUSSIAN, "ru"), (FRENCH, "fr"), (NORWEGIAN, "nb")],
    ids=["english", "spanish", "russian", "french", "norwegian"],
)
def test_the_language_of_a_report_is_told(text, code):
    assert detect_language(text) == code


def test_an_english_report_quoting_another_language_is_english():
    quoting = (
        "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan in Ankara on "
        "Monday. «Мы готовы к переговорам без предварительных условий», Lavrov told reporters after the "
        "talks, which covered grain exports through the Black Sea and the situation in Syria."
    )
    assert detect_language(quoting) == "en"


def test_a_report_in_another_language_naming_people_in_latin_letters_is_not_english():
    named = (
        "Президент Франции Emmanuel Macron и канцлер Германии Olaf Scholz встретились в Берлине "
        "во вторник. Они обсудили помощь Украине и оборонные расходы Европейского союза, сообщает агентство."
    )
    assert detect_language(named) == "ru"


def test_a_short_latin_text_is_taken_as_english_whatever_its_words():
    """A headline of names is too little to tell a language by: below MIN_WORDS words a text in
    Latin letters is analysed as English (at worst nothing is found in it)."""
    for headline in ("Modi meets Macron in Paris", "Erdogan receives Aliyev", "Kallas, Landsbergis discuss Ukraine",
                     "Sánchez recibe a Scholz en la Moncloa"):
        assert len(headline.split()) < MIN_WORDS and detect_language(headline) == "en"


def test_a_short_text_in_another_script_is_not_english():
    assert detect_language("Лавров встретился с Джайшанкаром в Москве") not in ("en", "und")
    assert detect_language("王毅会见布林肯") == "zh"


@pytest.mark.parametrize("text", ["", "   ", "12 345 678", "2023-07-14", "!!! ??? ..."])
def test_text_with_no_words_is_english_by_default(text):
    assert detect_language(text) == "en" and why_not_english(text) is None


def test_the_note_says_what_and_why():
    assert not_analysed_note("en") is None
    assert not_analysed_note("ru") == "not analysed: language 'ru' (Russian); sidelines analyses English"
    assert language_name("nb") == "Norwegian Bokmål" and language_name("und") == "undetermined"
    assert language_name("xx") == "xx"


@pytest.mark.parametrize(
    "label, code",
    [("ru", "ru"), ("RU", "ru"), ("pt-BR", "pt"), ("zh_Hant", "zh"), ("fra", "fr"), ("ger", "de"),
     ("Spanish", "es"), ("en-US", "en"), ("", None), (None, None), (7, None), ("elvish", "elvish")],
)
def test_feed_labels_become_iso_codes(label, code):
    assert label_code(label) == code


def test_a_french_txt_file_is_read_with_its_language(tmp_path, settings):
    path = tmp_path / "elysee.txt"
    path.write_text(f"Macron reçoit Scholz à l'Élysée\n\n{FRENCH}\n", encoding="utf-8")
    (article,) = read_paths([path], settings)
    assert isinstance(article, Article) and article.language == "fr" and article.text == FRENCH


def test_a_one_line_txt_in_another_script_is_stored_whole_not_taken_as_a_title(tmp_path, settings):
    path = tmp_path / "line.txt"
    path.write_text("Лавров провёл переговоры с Джайшанкаром в Москве\n", encoding="utf-8")
    (article,) = read_paths([path], settings)
    assert isinstance(article, Article) and article.language != "en"
    assert article.text == "Лавров провёл переговоры с Джайшанкаром в Москве"


def test_a_one_line_english_txt_is_still_empty(tmp_path, settings):
    path = tmp_path / "title.txt"
    path.write_text("Modi and Macron hold talks in Paris\n", encoding="utf-8")
    (error,) = read_paths([path], settings)
    assert isinstance(error, EmptyInput)


def test_a_feed_label_is_believed_but_an_english_label_is_checked(tmp_path, settings):
    feed = tmp_path / "feed.jsonl"
    records = [{"id": "labelled", "language": "de", "text": ENGLISH},
               {"id": "defaulted", "language": "en", "text": SPANISH}]
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    labelled, defaulted = read_paths([feed], settings)
    assert (labelled.language, defaulted.language) == ("de", "es")


def test_a_feed_in_two_languages_stores_both_and_analyses_the_english_one(tmp_path, analyser):
    feed = tmp_path / "feed.jsonl"
    records = [{"id": "en-1", "published": "2023-07-14", "text": ENGLISH},
               {"id": "es-1", "published": "2023-07-10", "text": SPANISH},
               {"id": "ru-1", "published": "2023-03-02", "text": RUSSIAN}]
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "s.duckdb") as store:
        summary = ingest([feed], store, analyser)
        assert (summary.read, summary.stored, summary.failed) == (3, 3, 0)
        assert sorted(summary.not_english) == [("es-1", "es"), ("ru-1", "ru")]
        assert summary.reports >= 1
        english, spanish = store.article("en-1"), store.article("es-1")
        assert english["language"] == "en" and english["analysis"] is None
        assert spanish["language"] == "es" and spanish["text"] == SPANISH
        assert spanish["analysis"] == "not analysed: language 'es' (Spanish); sidelines analyses English"
        derived = store.db.execute("SELECT (SELECT count(*) FROM mentions WHERE article_id <> 'en-1'), "
                                   "(SELECT count(*) FROM quotes WHERE article_id <> 'en-1')").fetchone()
        assert derived == (0, 0)
        before = store.counts()
        again = ingest([feed], store, analyser)
        assert (again.stored, again.duplicates, again.not_english) == (0, 3, [])
        assert store.counts() == before
