"""Incremental merging stays flat: time per new report as the store grows to 100,000+ mentions.

Builds a synthetic store of reports between actors of the knowledge base (no NLP: reports are made
directly, as the pipeline would make them), then times merging a fixed batch of new reports at each
size. Prints ms per new report at each size and appends the figures to bench/results.jsonl.

    python bench/merge_scale.py [--sizes 10000 50000 100000] [--batch 200] [--per-day 30]
    python bench/merge_scale.py --engagements 10 --sizes 1000 10000

With ``--engagements N`` the store holds many reports of few engagements (N meetings, each of its own
two people on its own day, every report from an article of its own, with evidence of its own): the
shape of a summit that hundreds of outlets cover, where each new report joins a record that already
has hundreds. The aim is a cost per new report at 10,000 within 1.3x of that at 1,000.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sidelines.ingest.run as ingest_run
from sidelines.ingest.run import write_batch
from sidelines.knowledge.actors import ActorTable
from sidelines.knowledge.codes import CodeBook
from sidelines.merge.cluster import EventBuilder
from sidelines.model import Article, Event, Participant, Source, Span, When, stable_key
from sidelines.pipeline import Analysis
from sidelines.store import Store

RESULTS = Path(__file__).with_name("results.jsonl")


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


FIRST_DAY = date(2015, 1, 1)


def synthetic(n: int, people: list, rng: random.Random, offset: int = 0, per_day: int | None = None,
              at: int | None = None) -> list[Analysis]:
    """n one-report articles: two random people meeting on a random day of 2015-2025 or, with
    ``per_day``, on the day a crawl of ``per_day`` reports a day reaches at report ``at`` (default: the
    report's own number), give or take two days."""
    analyses = []
    for i in range(offset, offset + n):
        a, b = rng.sample(people, 2)
        if per_day:
            day = FIRST_DAY + timedelta(days=max(0, (i if at is None else at) // per_day + rng.randint(-2, 2)))
        else:
            day = FIRST_DAY + timedelta(days=rng.randrange(3650))
        analyses.append(_meeting(f"syn-{i}", f"{a.name} met {b.name} on {day.isoformat()}.", a, b, day, False))
    return analyses


def engagement_reports(n: int, engagements: list[tuple], offset: int, rng: random.Random) -> list[Analysis]:
    """n one-report articles, each of one of ``engagements`` ((person, person, day) each)."""
    analyses = []
    for i in range(offset, offset + n):
        a, b, day = engagements[rng.randrange(len(engagements))]
        text = f"{a.name} met {b.name} on {day.isoformat()}. (report {i})"
        analyses.append(_meeting(f"few-{i}", text, a, b, day, True))
    return analyses


def _meeting(article_id: str, text: str, a, b, day, people_spans: bool) -> Analysis:
    """One article whose one report is a meeting of ``a`` and ``b`` on ``day``, as analysis would give it."""
    article = Article(id=article_id, text=text)
    mention_id = stable_key(article.id, 0)
    span = Span(article.text, 0, len(article.text), "text", article.id)
    participants = tuple(Participant(p.name, p.country, p.id, "person", None, span if people_spans else None,
                                     "exact") for p in (a, b))
    report = Event(id=stable_key("report", mention_id), type="MEET", participants=participants,
                   when=When(day.isoformat(), "day", "explicit", span), where=None, occasion=None,
                   sources=(Source(article.id, "synthetic", None, "main", (mention_id,), (span,)),))
    return Analysis(article, (), (report,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--probes", type=int, default=3, help="batches timed at each size (the median counts)")
    parser.add_argument("--per-day", type=int, default=0,
                        help="reports arrive in date order, this many a day, as from a crawl (0: random days "
                             "of ten years, so the store grows denser per person and day as it grows)")
    parser.add_argument("--engagements", type=int, default=0,
                        help="many reports of this many engagements (0: reports of random pairs and days)")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/results.jsonl")
    args = parser.parse_args()
    rng = random.Random(7)
    people = [a for a in ActorTable.load().by_id.values() if a.offices][:300]
    pairs = [(*rng.sample(people, 2), FIRST_DAY + timedelta(days=rng.randrange(3650))) for _ in range(args.engagements)]

    def make(n: int, offset: int, at: int | None = None) -> list[Analysis]:
        if args.engagements:
            return engagement_reports(n, pairs, offset, rng)
        return synthetic(n, people, rng, offset, args.per_day, at=at)

    builder = EventBuilder(CodeBook.load())
    figures = []
    # The merge stage alone (``merge_new``: finding the stored reports a batch may join and planning
    # the events), timed apart from storing the batch and writing the planned events.
    merge_cpu: list[float] = []
    plan = ingest_run.merge_new

    def timed_merge(*args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.process_time()
        try:
            return plan(*args, **kwargs)
        finally:
            merge_cpu.append(time.process_time() - started)

    ingest_run.merge_new = timed_merge
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "m.duckdb") as store:
        stored = 0
        for size in sorted(args.sizes):
            while stored < size:
                chunk = make(min(2000, size - stored), stored)
                write_batch(chunk, store, builder)
                stored += len(chunk)
            times, cpu_times = [], []
            merge_cpu.clear()
            for probe_number in range(args.probes):
                probe = make(args.batch, 10_000_000 + size + probe_number * args.batch, at=stored)
                started, cpu_started = time.perf_counter(), time.process_time()
                write_batch(probe, store, builder)
                times.append(time.perf_counter() - started)
                cpu_times.append(time.process_time() - cpu_started)
                stored += args.batch
            per = 1000 * statistics.median(times) / args.batch
            cpu = 1000 * statistics.median(cpu_times) / args.batch
            merging = 1000 * statistics.median(merge_cpu) / args.batch
            figures.append({"stored_reports": size, "ms_per_new_report": round(per, 3),
                            "cpu_ms_per_new_report": round(cpu, 3), "merge_cpu_ms_per_new_report": round(merging, 3),
                            "peak_rss_mb": round(peak_rss_mb())})
            print(f"{size:>8} stored reports: {per:7.2f} ms per new report, {cpu:.2f} ms CPU (median of "
                  f"{args.probes} batches of {args.batch}), of which merging {merging:.2f} ms CPU; "
                  f"peak RSS {peak_rss_mb():.0f} MB")
    ratio = figures[-1]["ms_per_new_report"] / figures[0]["ms_per_new_report"]
    cpu_ratio = figures[-1]["cpu_ms_per_new_report"] / figures[0]["cpu_ms_per_new_report"]
    merge_ratio = figures[-1]["merge_cpu_ms_per_new_report"] / figures[0]["merge_cpu_ms_per_new_report"]
    print(f"cost at {figures[-1]['stored_reports']} / cost at {figures[0]['stored_reports']}: {ratio:.2f} by wall time, "
          f"{cpu_ratio:.2f} by CPU time (flat is ~1); the merge stage alone {merge_ratio:.2f}, the rest (storing "
          "the batch and writing its events) grows with the events' records")
    if args.no_record:
        return
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"bench": "merge_scale", "date": date.today().isoformat(), "figures": figures,
                                 "per_day": args.per_day or None, "probes": args.probes,
                                 "engagements": args.engagements or None,
                                 "ratio_last_first": round(ratio, 2), "cpu_ratio_last_first": round(cpu_ratio, 2),
                                 "merge_cpu_ratio_last_first": round(merge_ratio, 2), "python": sys.version.split()[0]}) + "\n")


if __name__ == "__main__":
    main()
