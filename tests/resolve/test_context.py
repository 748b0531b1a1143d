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


def _reports(analyser, text: str, published: date | None):
    article = Article(id="ctx", text=text, published=published, published_basis="metadata" if published else None)
    return next(iter(analyser.analyse([article])))


def test_a_page_date_before_a_day_the_article_reports_as_past_is_not_trusted(analyser):
    text = ("German Chancellor Olaf Scholz met Indian Prime Minister Narendra Modi in New Delhi on 25 October 2024."
            "\n\nThe two leaders later held talks with business leaders.")
    analysis = _reports(analyser, text, date(2024, 3, 1))
    assert analysis.published_note and "not trusted" in analysis.published_note
    assert {r.when.value for r in analysis.reports} == {"2024-10-25"}


def test_a_page_date_before_a_gathering_reported_as_past_gives_way_to_the_gathering(analyser):
    text = ("Chinese President Xi Jinping held talks with Australian Prime Minister Anthony Albanese on the sidelines "
            "of the G20 summit in Bali on Tuesday.")
    analysis = _reports(analyser, text, date(2022, 11, 10))
    assert analysis.published_note and "not trusted" in analysis.published_note
    assert [r.when.value for r in analysis.reports] == ["2022-11-15"]


def test_a_gathering_still_ahead_does_not_discredit_the_page_date(analyser):
    text = ("Australian Prime Minister Anthony Albanese said on Thursday he hoped to meet Chinese President Xi Jinping "
            "on the sidelines of the G20 summit in Bali next week.")
    assert _reports(analyser, text, date(2022, 11, 10)).published_note is None


def test_an_engagement_without_date_words_takes_the_day_of_the_lead(analyser):
    text = ("U.S. Secretary of State Antony Blinken met Chinese President Xi Jinping at the Great Hall of the People "
            "in Beijing on Monday.\n\nThe visit was the first by a U.S. secretary of state in five years.\n\n"
            "The two sides agreed to stabilise relations.\n\n"
            "Blinken also held talks with top diplomat Wang Yi at the Diaoyutai State Guesthouse.")
    reports = _reports(analyser, text, date(2023, 6, 20)).reports
    wang = next(r for r in reports if any(p.name == "Wang Yi" for p in r.participants))
    assert (wang.when.value, wang.when.basis) == ("2023-06-19", "from_context")


def test_a_page_header_date_after_the_page_date_does_not_discredit_it(analyser):
    text = ("Friday, June 6, 2025\n\nU.S. President Joe Biden and Chinese President Xi Jinping spoke by telephone "
            "on Tuesday.")
    analysis = _reports(analyser, text, date(2024, 4, 3))
    assert analysis.published_note is None
    assert [r.when.value for r in analysis.reports] == ["2024-04-02"]
