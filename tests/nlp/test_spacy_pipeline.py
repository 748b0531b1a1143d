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


def test_a_name_taken_for_an_organisation_is_a_person_when_an_office_follows_it(analyser):
    from spacy.tokens import Span

    from sidelines.nlp.spacy_pipeline import titled_names

    doc = analyser.nlp("It was signed by Alemu Bekele, Co-chair of the commission, and the Foreign Ministry.")
    doc.ents = [Span(doc, 4, 6, label="ORG"), Span(doc, 15, 18, label="ORG")]
    labels = {e.text: e.label_ for e in titled_names(doc).ents}
    assert labels == {"Alemu Bekele": "PERSON", "the Foreign Ministry": "ORG"}


def test_a_dash_or_a_bracket_glued_to_a_word_is_a_token_of_its_own(analyser):
    words = [t.text for t in analyser.nlp.make_doc("Nairobi, May 2 (KNA) -Kenya and Raila Odinga(ODM) met.")]
    assert "Kenya" in words and "Odinga" in words
