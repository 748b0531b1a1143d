"""Actor coding of verbal and material events: unnamed sides placed by the sentence, groups the
country table lacks, lists of countries, names of organisations that carry a country, attacks
reported in the passive, and targets named deep in the act."""

from __future__ import annotations

import pytest

from sidelines.coding.actors import group_actor
from sidelines.coding.verbal import SentenceCoder, pairs


def codings(analyser, text: str) -> set[tuple[str, str | None, str | None]]:
    """(code, source code, target country) of every coding of ``text``."""
    coder = SentenceCoder(analyser.kb)
    doc = analyser.nlp(text)
    return {(code, s.code if s else None, t.country if t else None)
            for sent in doc.sents for c in coder(sent) for s, t, code in pairs(c)}


def sources(analyser, text: str) -> set[str | None]:
    return {s for _, s, _ in codings(analyser, text)}


def test_groups_table_reads_names_as_written():
    assert group_actor("the Taliban").country == "AFG"
    assert group_actor("Hamas's").code.startswith("PSE")
    assert group_actor("Amnesty International").country is None
    assert group_actor("the ministry") is None


@pytest.mark.parametrize("text, source", [
    ("The army threatened to impose a curfew in Abuja.", "NGAMIL"),
    ("Police lifted the curfew in Nairobi on Sunday.", "KENCOP"),
    ("Rebels launched an offensive near Goma, the largest city in eastern Congo.", "CODREB"),
])
def test_an_unnamed_side_takes_the_country_the_sentence_places_it_in(analyser, text, source):
    assert source in sources(analyser, text)


def test_the_country_an_act_is_aimed_at_does_not_place_its_source(analyser):
    found = codings(analyser, "The bishop called for sanctions against Zimbabwe.")
    assert all(s is None or not s.startswith("ZWE") for _, s, _ in found)


def test_a_known_group_is_coded_with_its_country(analyser):
    assert any(s and s.startswith("PSE") and t == "ISR"
               for _, s, t in codings(analyser, "Hamas threatened to resume attacks on Israel."))


def test_an_organisation_named_after_its_country(analyser):
    assert any(s and s.startswith("KEN")
               for s in sources(analyser, "The Kenyan Union of Teachers demanded higher salaries."))


def test_countries_listed_with_commas_are_all_sides(analyser):
    found = codings(analyser, "France, Germany and Italy met on Tuesday.")
    assert {("040", "FRA", "DEU"), ("040", "DEU", "ITA"), ("040", "ITA", "FRA")} <= found


def test_a_passive_attack_names_its_attacker_in_the_attack(analyser):
    assert "RUS" in sources(analyser, "Five soldiers were killed in a Russian air strike on Tuesday.")


def test_a_target_named_deep_in_the_act(analyser):
    found = codings(analyser, "Japan threatened to impose tariffs on Chinese steel.")
    assert any(s == "JPN" and t == "CHN" for _, s, t in found)


def test_a_protest_staged_in_a_capital_is_aimed_at_its_country(analyser):
    assert ("141", "USAOPP", "RUS") in codings(analyser, "American activists staged a protest in Moscow on Friday.")
