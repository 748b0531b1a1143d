"""Where: place words of a mention resolved against the gazetteer."""

from __future__ import annotations

from datetime import date

from sidelines.model import Article, Mention, Participant, Span
from sidelines.resolve.places import PlaceResolver


def _mention(*places: str, sentence: str) -> Mention:
    spans = tuple(Span(p, sentence.index(p), sentence.index(p) + len(p)) for p in places)
    evidence = Span(sentence, 0, len(sentence))
    people = (Participant("Emmanuel Macron", "FRA"), Participant("Narendra Modi", "IND"))
    return Mention("m", "a", "MEET", evidence, evidence, people, place_texts=spans)


def test_a_city_named_in_the_sentence_is_the_place(kb):
    sentence = "Macron and Modi held talks in Marseille on Tuesday."
    where = PlaceResolver(kb)(_mention("Marseille", sentence=sentence), None)
    assert (where.city, where.country, where.basis) == ("Marseille", "FRA", "explicit")


def test_a_building_named_with_its_town_is_in_that_town(kb):
    sentence = "Macron and Modi held talks at the Hotel Adlon in Berlin on Saturday."
    where = PlaceResolver(kb)(_mention("the Hotel Adlon in Berlin", sentence=sentence), None)
    assert (where.city, where.country) == ("Berlin", "DEU")
    assert sentence[where.span.start:where.span.end] == "Berlin"


def test_a_building_without_a_town_gives_no_place(kb):
    sentence = "Macron and Modi held talks at the Hotel Adlon on Saturday."
    assert PlaceResolver(kb)(_mention("the Hotel Adlon", sentence=sentence), None) is None


def _scene(analyser, text: str):
    from sidelines.extract.layout import Layout

    layout = Layout(0, "a")
    return analyser.places.scene(analyser.nlp(text), layout)


def _in(text: str, sentence: str, *people: Participant, kind: str = "MEET", places: tuple[str, ...] = ()) -> Mention:
    start = text.index(sentence)
    evidence = Span(sentence, start, start + len(sentence), "text", "a")
    trigger_word = next(w for w in ("met", "talks", "meeting", "visit", "spoke") if f" {w}" in sentence)
    at = start + sentence.index(f" {trigger_word}") + 1
    trigger = Span(trigger_word, at, at + len(trigger_word), "text", "a")
    spans = tuple(Span(p, text.index(p), text.index(p) + len(p), "text", "a") for p in places)
    return Mention("m", "a", kind, trigger, evidence, people, place_texts=spans)


NOBOA = Participant("Daniel Noboa", "ECU", kind="person")
PETRO = Participant("Gustavo Petro", "COL", kind="person")


def test_a_town_the_sentence_names_on_the_participant_is_the_place(analyser):
    text = "Colombian President Gustavo Petro met Ecuador's President Daniel Noboa in Quito on Monday."
    where = analyser.places(_in(text, text, PETRO, NOBOA), None, _scene(analyser, text))
    assert (where.city, where.country, where.basis) == ("Quito", "ECU", "explicit")


def test_a_place_hanging_on_a_common_noun_is_not_the_place(analyser):
    text = "Petro met Noboa on Monday to discuss the situation in Venezuela."
    where = analyser.places(_in(text, text, PETRO, NOBOA, places=("Venezuela",)), None, _scene(analyser, text))
    assert where is None


def test_the_dateline_town_is_here(analyser):
    text = "QUITO, March 3 (Reuters) -- Petro said here on Monday that he had met Noboa."
    where = analyser.places(_in(text, text, PETRO, NOBOA), None, _scene(analyser, text))
    assert (where.city, where.country, where.basis) == ("Quito", "ECU", "explicit")


def test_the_dateline_is_a_guess_when_the_sentence_names_no_place(analyser):
    text = "QUITO, March 3 (Reuters) -- Ecuador's President Daniel Noboa met Colombia's Gustavo Petro on Monday."
    where = analyser.places(_in(text, text, PETRO, NOBOA), None, _scene(analyser, text))
    assert (where.city, where.country, where.basis) == ("Quito", "ECU", "from_context")


def test_a_dateline_of_neither_side_is_not_the_place(analyser):
    text = "MADRID, March 3 (Reuters) -- Ecuador's President Daniel Noboa met Colombia's Gustavo Petro on Monday."
    assert analyser.places(_in(text, text, PETRO, NOBOA), None, _scene(analyser, text)) is None


def test_a_caption_names_the_town_of_a_country_only_report(analyser):
    caption = "Gustavo Petro shakes hands with Daniel Noboa in Guayaquil, Ecuador, March 3. (Photo: AP)"
    body = "Colombian President Gustavo Petro held talks with Daniel Noboa in Ecuador on Monday."
    text = caption + "\n\n" + body
    mention = _in(text, body, PETRO, NOBOA, places=("Ecuador",))
    where = analyser.places(mention, None, _scene(analyser, text))
    assert (where.city, where.country) == ("Guayaquil", "ECU")


def test_a_place_of_what_will_happen_is_not_a_scene(analyser):
    text = "Petro met Noboa on Monday. Their next meeting will take place in Lima."
    mention = _in(text, "Petro met Noboa on Monday.", PETRO, NOBOA)
    assert analyser.places(mention, None, _scene(analyser, text)) is None


def test_in_the_national_capital(analyser):
    text = "Petro met Noboa in the Ecuadorian capital on Monday."
    where = analyser.places(_in(text, text, PETRO, NOBOA), None, _scene(analyser, text))
    assert (where.city, where.country) == ("Quito", "ECU")


def test_calls_have_no_place(analyser):
    text = "Petro spoke by telephone with Noboa in Quito on Monday."
    mention = _in(text, text, PETRO, NOBOA, kind="CALL", places=("Quito",))
    assert analyser.places(mention, None, _scene(analyser, text)) is None


def test_a_city_keeps_the_articles_spelling_of_its_own_name(analyser):
    from sidelines.knowledge.files import fold

    assert fold("Łódź") == fold("Lodz") == "lodz"
    text = "Kenyan President William Ruto met Polish President Andrzej Duda in Lodz on Monday."
    article = Article(id="t", text=text, published=date(2024, 5, 14), published_basis="metadata")
    report = next(analyser.analyse([article])).reports[0]
    assert report.where is not None and report.where.city == "Lodz" and report.where.country == "POL"


def test_the_town_of_the_same_persons_engagement_just_before_is_the_place(analyser):
    text = ("QUITO, March 3 (Reuters) -- On March 1, Petro met Noboa in Guayaquil. "
            "Colombian Vice President Francia Marquez met with Noboa on March 2.")
    marquez = Participant("Francia Marquez", "COL", kind="person")
    mention = _in(text, "Colombian Vice President Francia Marquez met with Noboa on March 2.", marquez, NOBOA)
    where = analyser.places(mention, None, _scene(analyser, text))
    assert (where.city, where.country, where.basis) == ("Guayaquil", "ECU", "from_context")


def test_the_seat_of_a_ministry_is_not_where_something_happened(analyser):
    text = "Petro called on Noboa and recalled his visit, according to the Ministry of Foreign Affairs in Bogota."
    assert not [n for n in _scene(analyser, text).named if n.where.city == "Bogota"]
