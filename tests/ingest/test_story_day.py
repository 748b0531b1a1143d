"""An undated page is read again against the day another outlet gives the engagement it is about."""

from __future__ import annotations

from datetime import date

import pytest

from sidelines.ingest.run import ingest_articles
from sidelines.model import Article
from sidelines.store import Store


def _page(article_id: str, text: str, published: date | None = None) -> Article:
    return Article(id=article_id, outlet=article_id.title(), text=text, published=published,
                   published_basis="metadata" if published else None)


DATED = _page("dated", "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on Friday.",
              date(2024, 5, 10))
UNDATED = _page("undated", (
    "Kenyan President William Ruto on Friday met Ugandan President Yoweri Museveni in Kampala to discuss "
    "the oil pipeline.\n\nA day earlier, Ruto had said the region needed the pipeline. In a meeting with "
    "Tanzanian President Samia Suluhu Hassan, Ruto said the three countries would share the costs."))


def _events(store: Store) -> dict[frozenset[str], str | None]:
    return {frozenset(p.actor_id for p in e.participants if p.actor_id): e.when.value for e in store.events()}


@pytest.mark.parametrize("order", [(DATED, UNDATED), (UNDATED, DATED)])
def test_an_undated_page_counts_its_other_dates_from_its_story_s_day(tmp_path, analyser, order):
    with Store.open(tmp_path / "s.duckdb") as store:
        for article in order:  # one run each: the later report may come first
            ingest_articles([article], store, analyser)
        events = _events(store)
        assert events[frozenset({"william-ruto", "yoweri-museveni"})] == "2024-05-10"
        assert events[frozenset({"william-ruto", "samia-suluhu-hassan"})] == "2024-05-09"
        stored = store.stored_articles(["undated"])[0]
        assert stored.published is None  # the page still has no date of its own


def test_an_undated_page_with_nothing_dated_beside_it_is_not_read_again(tmp_path, analyser):
    with Store.open(tmp_path / "s.duckdb") as store:
        summary = ingest_articles([UNDATED], store, analyser)
        assert summary.read_again == 0
        assert _events(store)[frozenset({"william-ruto", "samia-suluhu-hassan"})] is None


REPORTED_LATER = _page("reported", (
    "During her trip to Uganda, Kenyan Foreign Minister Musalia Mudavadi met Ugandan President Yoweri Museveni "
    "to look at closer trade.\n\nOn Friday, a state newspaper reported that Mudavadi held talks with Museveni in "
    "Kampala on Tuesday."))
TUESDAY = _page("tuesday", "Kenyan Foreign Minister Musalia Mudavadi held talks with Ugandan President Yoweri "
                "Museveni in Kampala on Tuesday.", date(2024, 5, 14))


def test_a_weekday_of_an_undated_page_other_than_its_story_s_is_not_counted_from_it(tmp_path, analyser):
    with Store.open(tmp_path / "s.duckdb") as store:
        ingest_articles([TUESDAY], store, analyser)
        ingest_articles([REPORTED_LATER], store, analyser)
        days = [e.when.value for e in store.events()
                if {p.actor_id for p in e.participants} >= {"musalia-mudavadi", "yoweri-museveni"}]
        assert days == ["2024-05-14"]  # "On Friday" is the newspaper's day, after the page's story


def test_an_undated_page_whose_lead_says_today_is_dated_that_day(tmp_path, analyser):
    readout = _page("readout", (
        "Kenyan Foreign Minister Musalia Mudavadi met today with Ugandan Foreign Minister Jeje Odongo in Kampala. "
        "Building on the June 3 meeting between President William Ruto and President Yoweri Museveni, the "
        "ministers discussed trade."))
    dated = _page("wire", "Kenyan Foreign Minister Musalia Mudavadi met Ugandan Foreign Minister Jeje Odongo in "
                  "Kampala on Tuesday.", date(2024, 7, 9))
    with Store.open(tmp_path / "s.duckdb") as store:
        ingest_articles([dated, readout], store, analyser)
        events = _events(store)
        assert events[frozenset({"musalia-mudavadi", "jeje-odongo"})] == "2024-07-09"
        assert events[frozenset({"william-ruto", "yoweri-museveni"})] == "2024-06-03"


def test_a_page_read_again_reuses_its_parsed_document_and_reads_the_same(analyser, monkeypatch):
    from dataclasses import replace

    from sidelines.resolve.context import STORY_DAY

    list(analyser.analyse([UNDATED]))  # the first reading keeps the document
    again = replace(UNDATED, published=date(2024, 5, 10), published_basis=STORY_DAY)
    parsed: list[str] = []
    make_doc = analyser.nlp.make_doc
    monkeypatch.setattr(analyser.nlp, "make_doc", lambda text: parsed.append(text) or make_doc(text))
    [reused] = analyser.analyse([again])
    assert parsed == [""]  # the model got an empty text: the kept document was read again
    [fresh] = analyser.analyse([again])  # nothing kept now: parsed from its text
    assert parsed[-1] != "" and reused.reports == fresh.reports and reused.quotes == fresh.quotes
