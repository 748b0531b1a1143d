"""Linking people called only by title to the knowledge base."""

from __future__ import annotations

from datetime import date

from sidelines.model import Article


def test_a_leader_called_by_title_is_the_head_of_government_named_in_the_article(analyser):
    article = Article(id="leader", title="Xi hails ties as Australian leader visits Beijing", published=date(2023, 11, 6),
                      text="Chinese President Xi Jinping received Australian Prime Minister Anthony Albanese in "
                           "Beijing on Monday.")
    analysis = next(iter(analyser.analyse([article])))
    people = {p.actor_id for m in analysis.mentions for p in m.participants if p.kind == "person"}
    assert people == {"xi-jinping", "anthony-albanese"}


def test_a_title_before_a_surname_is_a_role_and_the_surname_is_linked(analyser):
    text = ("Secretary Blinken met Chinese Foreign Minister Wang Yi in Beijing on Friday. "
            "Mr Blinken said the talks were candid.")
    article = Article(id="t", text=text, published=date(2024, 4, 27), published_basis="metadata")
    report = next(analyser.analyse([article])).reports[0]
    assert {p.actor_id for p in report.participants} == {"antony-blinken", "wang-yi"}


def test_a_title_of_an_organisation_links_to_its_head_on_the_day(analyser):
    article = Article(id="t", text="The President of Ukraine spoke by phone with the Secretary General of NATO on Tuesday.",
                      published=date(2021, 4, 6), published_basis="metadata")
    report = next(analyser.analyse([article])).reports[0]
    assert report.type == "CALL"
    assert {p.actor_id for p in report.participants} == {"volodymyr-zelensky", "jens-stoltenberg"}


def test_a_name_spelt_otherwise_links_to_the_one_person_spelt_alike(analyser):
    article = Article(id="t", text="Wolodymyr Zelenski met Turkish President Recep Tayyip Erdogan in Istanbul on Monday.",
                      published=date(2025, 5, 13), published_basis="metadata")
    report = next(analyser.analyse([article])).reports[0]
    assert {p.actor_id for p in report.participants} == {"volodymyr-zelensky", "recep-tayyip-erdogan"}


def test_a_generational_suffix_is_not_a_surname(kb):
    marcos = kb.actors.by_id["ferdinand-marcos-jr"]
    assert marcos.surname == "Marcos"


def test_the_title_of_an_institution_links_to_the_holder_of_that_title(analyser):
    article = Article(id="t", text="The President of the European Council met Armenian Prime Minister Nikol Pashinyan "
                      "in Brussels on 22 May 2022.", published=date(2022, 5, 23), published_basis="metadata")
    report = next(analyser.analyse([article])).reports[0]
    assert {p.actor_id for p in report.participants} == {"charles-michel", "nikol-pashinyan"}


def test_a_country_taken_for_a_surname_stays_a_country(analyser):
    from sidelines.extract.layout import document_text
    from sidelines.extract.participants import ParticipantFinder

    text, layout = document_text(Article(id="t", text="Montenegro and Croatia closed their ports to the vessel."))
    doc = analyser.nlp(text)
    finder = ParticipantFinder(analyser.kb, layout)
    found = [finder.from_entity(e) for e in doc.ents if e.text == "Montenegro"]
    assert all(p is None or p.kind == "country" for p in found)


def test_a_short_bare_surname_two_letters_off_is_not_someone_in_office(analyser):
    article = Article(id="t", text="Cardinal Zuepi held a meeting with Russian Foreign Minister Sergey Lavrov in "
                      "Moscow on Tuesday.")
    people = {p.name: p.actor_id for m in next(analyser.analyse([article])).mentions for p in m.participants}
    assert people.get("Zuepi", "missing") is None


def test_a_title_of_a_named_country_links_to_the_one_named_by_surname_later(analyser):
    text = ("On March 5, a meeting between the presidents of Kenya and Uganda took place in Mombasa. "
            "Ruto spoke first about the railway. Museveni then spoke about oil.")
    report = next(analyser.analyse([Article(id="t", text=text)])).reports[0]
    assert {p.actor_id for p in report.participants} == {"william-ruto", "yoweri-museveni"}


def test_a_given_name_alone_is_the_person_named_in_full_before(analyser):
    text = ("Pakistani Foreign Minister Bilawal Bhutto Zardari arrived in Beijing on Sunday.\n"
            "Later Bilawal held a meeting with Chinese Foreign Minister Qin Gang.")
    article = Article(id="t", text=text, published=date(2023, 5, 7), published_basis="metadata")
    met = next(m for m in next(analyser.analyse([article])).mentions if m.trigger.text == "meeting")
    assert {p.actor_id for p in met.participants} == {"bilawal-bhutto-zardari", "qin-gang"}


def test_a_name_misspelt_further_links_to_the_holder_of_the_office_said_with_it(analyser):
    text = ("Indian External Affairs Minister Subrahmanyam Jaishonkoor met Kenyan Foreign Minister "
            "Musalia Mudavadi in Nairobi on Monday.")
    article = Article(id="t", text=text, published=date(2024, 5, 13), published_basis="metadata")
    report = next(analyser.analyse([article])).reports[0]
    assert "s-jaishankar" in {p.actor_id for p in report.participants}


def test_a_name_misspelt_further_without_an_office_stays_unlinked(analyser):
    text = "Indian businessman Subrahmanyam Jaishonkoor met Kenyan Foreign Minister Musalia Mudavadi in Nairobi on Monday."
    article = Article(id="t", text=text, published=date(2024, 5, 13), published_basis="metadata")
    mentions = next(analyser.analyse([article])).mentions
    assert mentions and "s-jaishankar" not in {p.actor_id for m in mentions for p in m.participants}
