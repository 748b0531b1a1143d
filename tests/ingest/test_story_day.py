"""An undated page is read again against the day another outlet gives the engagement it is about."""

from __future__ import annotations

from datetime import date

import pytest

from sidelines.ingest.run import ingest_articles
from sidelines.model import Article
from sidelines.store import Store

DATED = Article(id="dated", outlet="Daily", published=date(2024, 5, 10), published_basis="metadata",
                text="Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on Friday.")
UNDATED = Article(id="undated", outlet="Weekly", text=(
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
