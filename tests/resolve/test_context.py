"""Whether a page date can anchor "on Monday": a gathering reported as current says when the page is from."""

from __future__ import annotations

from datetime import date

from sidelines.model import Article


def _analysis(analyser, text: str, published: date):
    article = Article(id="ctx", text=text, title="Leaders meet", published=published, published_basis="page_date_line")
    return next(iter(analyser.analyse([article])))


def test_a_past_summit_with_its_own_date_does_not_discredit_the_page_date(analyser):
    text = ("Chinese President Xi Jinping received Japanese Prime Minister Fumio Kishida in Beijing on Monday.\n\n"
            "The two leaders first met on 28 June 2019 in Osaka, on the sidelines of the G20 summit.")
    analysis = _analysis(analyser, text, date(2023, 11, 20))
    assert analysis.published_note is None
    assert "2023-11-20" in {r.when.value for r in analysis.reports}


def test_a_gathering_reported_as_current_long_before_the_page_date_discredits_it(analyser):
    text = ("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergey Lavrov on Wednesday on the sidelines "
            "of the third foreign ministers' meeting of neighbouring countries of Afghanistan.")
    analysis = _analysis(analyser, text, date(2023, 12, 8))
    assert analysis.published_note and "not trusted" in analysis.published_note
