"""Where: place words of a mention resolved against the gazetteer."""

from __future__ import annotations

from sidelines.model import Mention, Participant, Span
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
