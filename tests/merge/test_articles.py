"""cluster_articles: reports of one event together, look-alike events of one kind apart."""

from __future__ import annotations

from datetime import date

import pytest

from sidelines.merge.articles import ClusterOptions, cluster_articles, tokenize

# Hand-written reports: two earthquakes (same kind; different place, day and size) and one summit.
QUAKE_A = [
    ("A magnitude 6.2 earthquake struck near Kastoria in northern Greece on Tuesday, damaging old houses.\n"
     "The Athens Geodynamic Institute said the quake hit at 3:14 a.m. at a depth of 10 km."),
    ("Residents of Kastoria slept in their cars after the 6.2 quake shook northern Greece early Tuesday.\n"
     "Officials in Kastoria said 14 people were treated for light injuries."),
    ("The 6.2-magnitude earthquake centred near Kastoria cracked walls and a church tower, Greek officials said.\n"
     "Aftershocks of up to 4.1 followed through the morning."),
]
QUAKE_B = [
    ("An earthquake of magnitude 5.4 hit the Peruvian city of Arequipa on Sunday, killing two people.\n"
     "Peru's Geophysical Institute placed the epicentre 30 km from Arequipa."),
    ("Two people died in Arequipa when a 5.4 quake brought down an adobe wall, Peruvian authorities said.\n"
     "Schools in Arequipa will stay closed on Monday."),
    ("A 5.4-magnitude tremor rattled southern Peru on Sunday, and Arequipa officials reported two deaths.\n"
     "The quake was felt as far as Moquegua."),
]
SUMMIT = [
    ("Leaders of the Nordic Council met in Reykjavik on Thursday to discuss Arctic shipping and fisheries.\n"
     "Iceland's prime minister hosted the talks at Harpa concert hall."),
    ("At the Reykjavik meeting of the Nordic Council, ministers agreed a joint statement on Arctic shipping.\n"
     "The talks at Harpa ended a day early."),
    "Nordic Council leaders wrapped up talks in Reykjavik with a pledge on fisheries and Arctic shipping lanes.",
]
ALL = QUAKE_A + QUAKE_B + SUMMIT
GOLD = [0, 0, 0, 1, 1, 1, 2, 2, 2]


def same_partition(a: list[int], b: list[int]) -> bool:
    return all((a[i] == a[j]) == (b[i] == b[j]) for i in range(len(a)) for j in range(len(a)))


def test_reports_of_one_event_group_and_two_quakes_stay_apart() -> None:
    labels = cluster_articles(ALL)
    assert same_partition(labels, GOLD), labels


def test_labels_numbered_by_first_appearance() -> None:
    labels = cluster_articles(ALL)
    assert labels[0] == 0
    seen: list[int] = []
    for label in labels:
        if label not in seen:
            seen.append(label)
    assert seen == list(range(len(seen)))


def test_order_of_input_does_not_change_the_grouping() -> None:
    forward = cluster_articles(ALL)
    backward = cluster_articles(ALL[::-1])[::-1]
    assert same_partition(forward, backward)


def test_deterministic() -> None:
    assert cluster_articles(ALL) == cluster_articles(ALL)


@pytest.mark.parametrize("texts, expected", [([], []), (["One lone report from Oslo."], [0]), (["", ""], [0, 1])])
def test_small_and_empty_inputs(texts: list[str], expected: list[int]) -> None:
    assert cluster_articles(texts) == expected


def test_threshold_one_splits_everything() -> None:
    assert sorted(cluster_articles(ALL, threshold=1.01)) == list(range(len(ALL)))


def test_single_pass_option_also_groups_events() -> None:
    labels = cluster_articles(ALL, options=ClusterOptions(coarse=None), threshold=0.2)
    assert same_partition(labels, GOLD), labels


def test_dates_keep_a_look_alike_report_weeks_later_apart() -> None:
    texts = QUAKE_A + [QUAKE_A[0]]
    assert len(set(cluster_articles(texts))) == 1
    days = [date(2024, 3, 5), date(2024, 3, 5), date(2024, 3, 6), date(2024, 5, 20)]
    labels = cluster_articles(texts, dates=days)
    assert labels[:3] == [0, 0, 0] and labels[3] != 0


def test_unknown_dates_do_not_split() -> None:
    labels = cluster_articles(QUAKE_A, dates=[None, date(2024, 3, 5), None])
    assert labels == [0, 0, 0]


def test_dates_of_wrong_length_raise() -> None:
    with pytest.raises(ValueError, match="one date"):
        cluster_articles(QUAKE_A, dates=[None])


def test_options_validate() -> None:
    with pytest.raises(ValueError):
        ClusterOptions(same_days=10, max_days=5)


def test_tokenize_names_runs_and_skips_function_words_and_headlines() -> None:
    _, names, _ = tokenize("Actress Enters Rehab Center In Malibu\nThe actress Tara Reid was seen in Malibu.")
    assert "tara reid" in names and "malibu" in names
    assert "the" not in names and "enters" not in names


def test_tokenize_numbers_glues_split_figures_and_keeps_years() -> None:
    _, _, numbers = tokenize("A 4. 6 quake on 03 / 14 / 2013 killed 1,200; 7 were hurt.")
    assert "4.6" in numbers and "03/14/2013" in numbers and "2013" in numbers and "1200" in numbers
    assert "7" not in numbers
