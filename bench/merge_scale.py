"""Incremental merging stays flat: time per new report as the store grows to 100,000+ mentions.

Builds a synthetic store of reports between actors of the knowledge base (no NLP: reports are made
directly, as the pipeline would make them), then times merging a fixed batch of new reports at each
size. Prints ms per new report at each size and appends the figures to bench/results.jsonl.

    python bench/merge_scale.py [--sizes 10000 50000 100000] [--batch 200] [--per-day 30]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sidelines.ingest.run import write_batch
from sidelines.knowledge.actors import ActorTable
from sidelines.knowledge.codes import CodeBook
from sidelines.merge.cluster import EventBuilder
from sidelines.model import Article, Event, Participant, Source, Span, When, stable_key
from sidelines.pipeline import Analysis
from sidelines.store import Store

RESULTS = Path(__file__).with_name("results.jsonl")


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
        article = Article(id=f"syn-{i}", text=f"{a.name} met {b.name} on {day.isoformat()}.")
        mention_id = stable_key(article.id, 0)
        span = Span(article.text, 0, len(article.text), "text", article.id)
        participants = tuple(Participant(p.name, p.country, p.id, "person", None, None, "exact") for p in (a, b))
        report = Event(id=stable_key("report", mention_id), type="MEET", participants=participants,
                       when=When(day.isoformat(), "day", "explicit", span), where=None, occasion=None,
                       sources=(Source(article.id, "synthetic", None, "main", (mention_id,), (span,)),))
        analyses.append(Analysis(article, (), (report,)))
    return analyses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--probes", type=int, default=3, help="batches timed at each size (the median counts)")
    parser.add_argument("--per-day", type=int, default=0,
                        help="reports arrive in date order, this many a day, as from a crawl (0: random days "
                             "of ten years, so the store grows denser per person and day as it grows)")
    args = parser.parse_args()
    rng = random.Random(7)
    people = [a for a in ActorTable.load().by_id.values() if a.offices][:300]
    builder = EventBuilder(CodeBook.load())
    figures = []
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "m.duckdb") as store:
        stored = 0
        for size in sorted(args.sizes):
            while stored < size:
                chunk = synthetic(min(2000, size - stored), people, rng, stored, args.per_day)
                write_batch(chunk, store, builder)
                stored += len(chunk)
            times = []
            for probe_number in range(args.probes):
                probe = synthetic(args.batch, people, rng, 10_000_000 + size + probe_number * args.batch,
                                  args.per_day, at=stored)
                started = time.perf_counter()
                write_batch(probe, store, builder)
                times.append(time.perf_counter() - started)
                stored += args.batch
            per = 1000 * statistics.median(times) / args.batch
            figures.append({"stored_reports": size, "ms_per_new_report": round(per, 3)})
            print(f"{size:>8} stored reports: {per:7.2f} ms per new report (median of {args.probes} batches "
                  f"of {args.batch})")
    ratio = figures[-1]["ms_per_new_report"] / figures[0]["ms_per_new_report"]
    print(f"cost at {figures[-1]['stored_reports']} / cost at {figures[0]['stored_reports']}: {ratio:.2f} (flat is ~1)")
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"bench": "merge_scale", "date": date.today().isoformat(), "figures": figures,
                                 "per_day": args.per_day or None, "probes": args.probes,
                                 "ratio_last_first": round(ratio, 2), "python": sys.version.split()[0]}) + "\n")


if __name__ == "__main__":
    main()
