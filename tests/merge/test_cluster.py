"""Grouping mentions into reports and reports into events, on reports written for these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sidelines.merge.cluster import merge_reports, same_engagement
from sidelines.model import Article, Where


def _reports(analyser, text: str, article_id: str = "t", published: date | None = date(2024, 5, 10)):
    article = Article(id=article_id, text=text, published=published, published_basis="metadata" if published else None)
    return list(next(analyser.analyse([article])).reports)


def test_countries_alone_are_the_engagement_of_their_people_named_in_the_article(analyser):
    text = ("Kenyan President William Ruto and Tanzanian President Samia Suluhu Hassan met in Arusha on Monday. "
            "The talks between Kenya and Tanzania on Monday focused on trade.")
    reports = _reports(analyser, text)
    assert len(reports) == 1
    assert {p.actor_id for p in reports[0].participants} == {"william-ruto", "samia-suluhu-hassan"}


def test_outlets_a_day_apart_merge_when_one_day_was_read_from_the_page_date(analyser):
    first = _reports(analyser, "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
                     "Arusha on 6 May 2024.", "a")[0]
    second = _reports(analyser, "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
                      "Arusha yesterday.", "b", date(2024, 5, 8))[0]
    assert first.when.value == "2024-05-06" and second.when.value == "2024-05-07"
    assert same_engagement(first, second)
    assert len(merge_reports([first, second], analyser.events)) == 1


def test_two_days_written_out_in_full_are_two_engagements(analyser):
    first = _reports(analyser, "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
                     "Arusha on 6 May 2024.", "a")[0]
    second = _reports(analyser, "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
                      "Arusha on 7 May 2024.", "b")[0]
    assert not same_engagement(first, second)


def test_an_undated_report_joins_the_dated_one_in_the_same_city_only(analyser):
    dated = _reports(analyser, "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
                     "Arusha on 6 May 2024.", "a")[0]
    undated = replace(dated, id="u", when=replace(dated.when, value=None, precision=None, basis=None),
                      sources=tuple(replace(s, article_id="u") for s in dated.sources))
    elsewhere = replace(undated, id="v", where=Where("Dodoma", "TZA", -6.17, 35.74),
                        sources=tuple(replace(s, article_id="v") for s in dated.sources))
    assert same_engagement(dated, undated)
    assert not same_engagement(dated, elsewhere)


def test_one_articles_reports_are_never_merged_again(analyser):
    text = ("Kenyan President William Ruto hosted Tanzanian President Samia Suluhu Hassan in Nairobi on 6 May 2024. "
            "A day later, on 7 May 2024, the two presidents held talks in Mombasa.")
    reports = _reports(analyser, text)
    assert len(reports) == 2
    assert len(merge_reports(reports, analyser.events)) == 2


def test_one_ministers_bilaterals_with_unlinked_counterparts_stay_apart(analyser):
    text = ("Indian Defence Minister Rajnath Singh met his Kazakh counterpart, General Anton Vexler, in "
            "Astana on 4 July 2024. He also met his Uzbek counterpart, General Basil Oduya, on 4 July 2024.")
    reports = _reports(analyser, text, "a")
    assert len(reports) == 2
    other = _reports(analyser, "Indian Defence Minister Rajnath Singh held talks with Russian Defence Minister "
                     "Andrei Belousov in Astana on 4 July 2024.", "b")
    assert len(merge_reports(reports + other, analyser.events)) == 3


def test_a_report_joins_the_engagement_it_matches_best(analyser):
    bilateral = _reports(analyser, "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
                         "Arusha on 6 May 2024.", "a")[0]
    three_way = _reports(analyser, "Kenyan President William Ruto and Tanzanian President Samia Suluhu Hassan "
                         "held talks with Ugandan President Yoweri Museveni in Arusha on 6 May 2024.", "x")[0]
    three_way = replace(three_way, id="0", sources=tuple(replace(s, article_id="a") for s in three_way.sources))
    other = replace(_reports(analyser, "Kenyan President William Ruto held talks with Tanzanian President Samia "
                             "Suluhu Hassan in Arusha on 6 May 2024.", "b")[0], id="1")
    events = merge_reports([three_way, other, replace(bilateral, id="2")], analyser.events)
    joined = next(e for e in events if len(e.sources) == 2)  # not the first pair in id order
    assert {p.actor_id for p in joined.participants} == {"william-ruto", "samia-suluhu-hassan"}


def test_yearless_date_words_keep_an_undated_report_from_another_day(analyser):
    dated = _reports(analyser, "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
                     "Arusha on 6 May 2024.", "a")[0]
    yearless = _reports(analyser, "On November 20, Kenyan President William Ruto met Tanzanian President "
                        "Samia Suluhu Hassan in Arusha.", "b", None)[0]
    assert yearless.when.value is None and yearless.when.span is not None
    assert not same_engagement(dated, yearless)


def test_an_undated_call_joins_the_dated_call_of_exactly_the_same_people(analyser):
    dated = _reports(analyser, "Kenyan President William Ruto spoke by phone with Tanzanian President Samia Suluhu "
                     "Hassan on 6 May 2024.", "a")[0]
    undated = _reports(analyser, "Kenyan President William Ruto spoke by phone with Tanzanian President Samia "
                       "Suluhu Hassan last night.", "b", None)[0]
    assert dated.type == undated.type == "CALL" and undated.when.value is None
    assert same_engagement(dated, undated)
    bigger = _reports(analyser, "Kenyan President William Ruto spoke by phone with Tanzanian President Samia "
                      "Suluhu Hassan and Ugandan President Yoweri Museveni last night.", "c", None)[0]
    assert not same_engagement(dated, bigger)


def test_a_bilateral_meeting_is_not_another_outlets_trilateral(analyser):
    two = _reports(analyser, "Kenyan President William Ruto held a bilateral meeting with Tanzanian President "
                   "Samia Suluhu Hassan in Arusha on 6 May 2024.", "a")[0]
    three = _reports(analyser, "Kenyan President William Ruto held a trilateral meeting with Tanzanian President "
                     "Samia Suluhu Hassan and Ugandan President Yoweri Museveni in Arusha on 6 May 2024.", "b")[0]
    assert (two.sides, three.sides) == (2, 3)
    assert not same_engagement(two, three)
    uncounted = _reports(analyser, "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan and "
                         "Ugandan President Yoweri Museveni in Arusha on 6 May 2024.", "c")[0]
    assert uncounted.sides is None and not same_engagement(two, uncounted)


def test_a_pair_inside_a_trilateral_article_is_its_own_meeting(analyser):
    text = ("Kenyan President William Ruto took part in a trilateral meeting with Tanzanian President Samia Suluhu "
            "Hassan and Ugandan President Yoweri Museveni in Arusha. They also talked about trade.\n\n"
            "In a meeting with Ruto, Museveni said the border would stay open.")
    people = sorted(len(r.participants) for r in _reports(analyser, text))
    assert people == [2, 3]


def test_an_undated_signing_joins_the_dated_one_of_the_same_signatories(analyser):
    dated = _reports(analyser, "Kenyan Foreign Minister Musalia Mudavadi and Tanzanian Foreign Minister January "
                     "Makamba signed the agreement on 6 May 2024.", "a")[0]
    undated = _reports(analyser, "Kenyan Foreign Minister Musalia Mudavadi and Tanzanian Foreign Minister January "
                       "Makamba signed the agreement in Arusha.", "b", None)[0]
    assert dated.type == undated.type == "SIGN" and undated.when.value is None
    assert same_engagement(dated, undated)


def test_an_engagement_told_before_the_talks_is_not_the_talks(analyser):
    text = ("The foreign ministers of Kenya, Uganda and Tanzania met in Arusha on Saturday for talks on trade.\n"
            "Prior to the talks, Tanzanian President Samia Suluhu Hassan met with the foreign ministers of Kenya, "
            "Uganda and Tanzania.")
    reports = _reports(analyser, text, published=date(2024, 3, 11))
    assert len(reports) == 2
    assert any("samia-suluhu-hassan" in {p.actor_id for p in r.participants} for r in reports)
    assert any("samia-suluhu-hassan" not in {p.actor_id for p in r.participants} for r in reports)


def test_a_page_with_no_date_words_comes_out_days_after_the_engagement(analyser):
    dated = _reports(analyser, "Kenyan President William Ruto spoke by phone with Ugandan President Yoweri Museveni "
                     "on 4 May 2024.", "a")[0]
    paged = _reports(analyser, "Kenyan President William Ruto spoke by phone with Ugandan President Yoweri Museveni "
                     "to explain his position.", "b", date(2024, 5, 7))[0]
    assert paged.when.basis == "published_fallback"
    assert same_engagement(dated, paged)
    later = _reports(analyser, "Kenyan President William Ruto spoke by phone with Ugandan President Yoweri Museveni "
                     "to explain his position.", "c", date(2024, 5, 12))[0]
    assert not same_engagement(dated, later)


def test_two_outlets_reports_of_an_official_nobody_listed_merge_by_name_and_country(analyser):
    first = _reports(analyser, "Kenyan Deputy Foreign Minister Wanjiru Odhiambo met Ugandan Deputy Foreign Minister "
                     "Okello Mugisha in Nairobi on 6 May 2024.", "a")[0]
    second = _reports(analyser, "Ugandan Deputy Foreign Minister Okello Mugisha held talks with Kenyan Deputy Foreign "
                      "Minister Wanjiru Odhiambo in Nairobi on 6 May 2024.", "b")[0]
    assert not (first.participants[0].actor_id or first.participants[1].actor_id)
    assert same_engagement(first, second)
    other = _reports(analyser, "Kenyan Deputy Foreign Minister Wanjiru Odhiambo met Tanzanian Deputy Foreign Minister "
                     "Baraka Mwinyi in Nairobi on 6 May 2024.", "c")[0]
    assert not same_engagement(first, other)


def test_an_undated_call_that_fits_two_calls_of_its_pair_joins_neither(analyser):
    first = _reports(analyser, "Kenyan President William Ruto spoke by phone with Tanzanian President Samia Suluhu "
                     "Hassan on 6 May 2024.", "a")[0]
    second = _reports(analyser, "Kenyan President William Ruto spoke by phone with Tanzanian President Samia "
                      "Suluhu Hassan on 20 May 2024.", "b", date(2024, 5, 21))[0]
    undated = _reports(analyser, "Kenyan President William Ruto spoke by phone with Tanzanian President Samia "
                       "Suluhu Hassan last night.", "c", None)[0]
    events = merge_reports([first, second, undated], analyser.events)
    assert sorted(len(e.sources) for e in events) == [1, 1, 1]  # which call the page tells is unknown
    assert len(merge_reports([first, undated], analyser.events)) == 1
