"""Merging class by class gives exactly the events of merging report by report, and the store keeps
each report in one event as events grow, gain reports with smaller ids, and merge.

The reports are made directly (no NLP), as the pipeline would make them: people of the knowledge base,
days, cities and gatherings, each with evidence spans of its own article.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from sidelines.ingest.run import write_batch
from sidelines.knowledge.codes import CodeBook
from sidelines.merge.cluster import EventBuilder, merge_reports, same_engagement
from sidelines.merge.incremental import ReportCache, class_key, merge_block, merge_sorted, parts
from sidelines.model import Article, Event, OccasionRef, Participant, Source, Span, When, Where, stable_key
from sidelines.pipeline import Analysis
from sidelines.store import Store
from sidelines.store.codec import dumps
from sidelines.store.outline import events_from

PEOPLE = [("antony-blinken", "USA"), ("wang-yi", "CHN"), ("sergey-lavrov", "RUS"), ("penny-wong", "AUS")]
CITIES = [Where("Jakarta", "IDN", -6.2, 106.8, "explicit"), Where("Beijing", "CHN", 39.9, 116.4, "capital"), None]
SUMMIT = OccasionRef("asean-2023", "ASEAN Foreign Ministers' Meeting", date(2023, 7, 11), date(2023, 7, 14),
                     "Jakarta", "IDN")


@pytest.fixture(scope="module")
def builder() -> EventBuilder:
    return EventBuilder(CodeBook.load())


@pytest.mark.parametrize("sizes", [(500, 3), (3, 500), (40, 40), (200, 1, 2), (0, 5), (0, 0)])
def test_merge_sorted_gives_what_sorting_gives(sizes):
    """A few items joining a long run are put in place one by one; any other runs are sorted together."""
    rng = random.Random(sum(sizes))
    runs = [sorted(f"r{rng.randrange(10**6):06d}-{i}-{k}" for k in range(n)) for i, n in enumerate(sizes)]
    assert merge_sorted(*runs) == sorted(x for run in runs for x in run)


def report(n: int, rng: random.Random) -> Event:
    """One article's report of one of a few engagements, with spans of its own."""
    article = f"art-{rng.randrange(10**9)}-{n}"
    text = "x" * 200
    span = Span(text, rng.randrange(50), 60 + rng.randrange(50), rng.choice(["text", "text", "title"]), article)
    pair = rng.sample(PEOPLE, 2 + (rng.random() < 0.2))
    people = tuple(Participant(a.replace("-", " ").title(), c, a, "person", rng.choice([None, "host"]), span, "exact")
                   for a, c in pair)
    day = date(2023, 7, 12) + timedelta(days=rng.choice([0, 0, 0, 1, 5]))
    when = rng.choice([When(day.isoformat(), "day", rng.choice(["explicit", "relative"]), span),
                       When("2023-07", "month", "explicit", span)])
    where = rng.choice(CITIES)
    where = Where(where.city, where.country, where.lat, where.lon, where.basis, span) if where else None
    occasion = SUMMIT if rng.random() < 0.5 else None
    mention = stable_key(article, n)
    return Event(stable_key("report", mention), rng.choice(["MEET", "MEET", "VISIT", "HOST"]), people, when, where,
                 occasion if occasion is None else OccasionRef(*[getattr(occasion, f) for f in (
                     "id", "name", "start", "end", "city", "country", "basis")], span),
                 (Source(article, "Outlet", None, "main", (mention,), (span,)),))


@pytest.mark.parametrize("seed", range(12))
def test_merging_by_classes_gives_the_events_of_merging_each_report(builder, seed):
    rng = random.Random(seed)
    reports = [report(n, rng) for n in range(rng.choice([5, 40, 120]))]
    expected = {e.id: dumps(e) for e in merge_reports(reports, builder)}
    found = merge_block(reports, builder)
    assert {e.id: dumps(e) for e, _ in found} == expected
    members = [r for _, ids in found for r in ids]
    assert sorted(members) == sorted(r.id for r in reports)  # each report in exactly one event


@pytest.mark.parametrize("seed", range(8))
def test_reports_that_can_be_one_engagement_are_merged_in_one_part(seed):
    rng = random.Random(seed)
    reports = [report(n, rng) for n in range(60)]
    # days weeks apart, and no month-only date for some of them: the parts fall apart by day
    reports = [replace(r, when=replace(r.when, value=(date(2023, 7, 1) + timedelta(days=rng.randrange(60))).isoformat(),
                                       precision="day")) if i % 3 else r for i, r in enumerate(reports)]
    part_of = {i: k for k, part in enumerate(parts(reports)) for i in part}
    for i, a in enumerate(reports):
        for j, b in enumerate(reports[i + 1:], i + 1):
            assert part_of[i] == part_of[j] or not same_engagement(a, b)


def test_dated_reports_days_apart_are_merged_apart_unless_one_gives_no_day():
    rng = random.Random(3)
    first = report(0, rng)
    on = [replace(first, id=f"r{d}", when=When(date(2023, 7, d).isoformat(), "day", "explicit", None),
                  sources=(replace(first.sources[0], article_id=f"a{d}"),)) for d in (10, 12, 20)]
    assert sorted(parts(on)) == [[0, 1], [2]]
    month = replace(on[0], id="rm", when=When("2023-07", "month", "explicit", None),
                    sources=(replace(first.sources[0], article_id="am"),))
    assert parts([*on, month]) == [[0, 1, 2, 3]]


def test_reports_that_differ_only_in_their_evidence_share_a_class():
    rng = random.Random(1)
    first = report(0, rng)
    again = Event(first.id + "b", first.type, first.participants, first.when, first.where, first.occasion,
                  first.sources)
    assert class_key(first) == class_key(again)
    cache = ReportCache(size=2)
    assert cache.put(first.id, "d1", first)[1] == cache.number(first)
    assert cache.get(first.id, "other digest") is None  # stored again with other content: parsed again


def analyses(reports: list[Event]) -> list[Analysis]:
    return [Analysis(Article(id=r.sources[0].article_id, text="x" * 200), (), (r,)) for r in reports]


def stored_events(store: Store) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The events as read back (an outlined record with its sources gathered), and their links."""
    records = [r for (r,) in store.db.execute("SELECT record FROM events").fetchall()]
    events = {e.id: dumps(e) for e in events_from(store.db, records)}
    links: dict[str, set[str]] = {}
    for event_id, report_id in store.db.execute("SELECT event_id, report_id FROM event_reports").fetchall():
        links.setdefault(event_id, set()).add(report_id)
    return events, links


def test_batches_in_any_order_store_the_events_of_merging_everything_at_once(builder, tmp_path: Path):
    rng = random.Random(5)
    reports = [report(n, rng) for n in range(90)]
    expected = {e.id: dumps(e) for e in merge_reports(reports, builder)}
    results = []
    for order, name in ((sorted(reports, key=lambda r: r.id), "up"), (sorted(reports, key=lambda r: r.id)[::-1], "down"),
                        (rng.sample(reports, len(reports)), "shuffled")):
        with Store.open(tmp_path / f"{name}.duckdb") as store:
            for start in range(0, len(order), 7):
                write_batch(analyses(order[start:start + 7]), store, builder)
            events, links = stored_events(store)
        assert {k: json.loads(v) for k, v in events.items()} == {k: json.loads(v) for k, v in expected.items()}
        assert set(links) == set(expected)
        assert sum(len(v) for v in links.values()) == len(reports)
        results.append((events, links))
    assert results[0] == results[1] == results[2]


def test_an_event_of_many_sources_is_stored_without_them_and_read_back_whole(builder, tmp_path: Path):
    rng = random.Random(3)
    reports = [report(n, rng) for n in range(90)]
    with Store.open(tmp_path / "many.duckdb") as store:
        for start in range(0, len(reports), 10):
            write_batch(analyses(reports[start:start + 10]), store, builder)
        records = [r for (r,) in store.db.execute("SELECT record FROM events").fetchall()]
        big = [json.loads(r) for r in records if json.loads(r)["sources"] is None]
        assert big, "the test needs an event over OUTLINED_SOURCES"
        assert all(len(r) < 20_000 for r in records)
        expected = {e.id: dumps(e) for e in merge_reports(reports, builder)}
        assert {e.id: dumps(e) for e in events_from(store.db, records)} == expected


