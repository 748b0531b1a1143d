"""The spaCy pipeline with the knowledge base in front of its NER."""

from __future__ import annotations


def _ents(analyser, text: str) -> dict[str, tuple[str, str]]:
    return {e.text: (e.label_, e.ent_id_) for e in analyser.nlp(text).ents}


def test_a_capital_is_a_place_even_where_the_small_model_takes_it_for_a_person(analyser):
    ents = _ents(analyser, "Prime Minister Rishi Sunak signed it with Zelensky during a visit to Kyiv on January 12.")
    assert ents["Kyiv"] == ("GPE", "place")
    assert ents["Rishi Sunak"] == ("PERSON", "actor:rishi-sunak")


def test_a_curated_venue_is_a_facility(analyser):
    ents = _ents(analyser, "The two presidents held talks at the Great Hall of the People on Thursday.")
    assert ents["Great Hall of the People"] == ("FAC", "place")


def test_a_known_person_keeps_a_name_that_is_also_a_place(analyser, kb):
    from sidelines.nlp.spacy_pipeline import entity_patterns

    places = {p["pattern"] for p in entity_patterns(kb) if p["id"] == "place"}
    surnames = kb.actors.surnames()
    assert places and not places & surnames


def test_a_hyphenated_given_name_stays_in_the_name(analyser):
    doc = analyser.nlp("Vice Foreign Minister Lee Do-hoon held talks with his Indian counterpart on Wednesday.")
    names = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert any(n.endswith("Lee Do-hoon") for n in names)
