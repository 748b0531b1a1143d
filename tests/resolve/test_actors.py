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
