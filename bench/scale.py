"""Scale of sidelines: the local engine with 1 and 2 worker processes and Spark in local mode, and time
per article as the corpus grows (the whole pipeline, merging and the store included).

Run from the repository root:

    .venv/bin/python bench/scale.py [--throughput 1000] [--sizes 2000,10000] [--format jsonl|warc]
                                    [--no-spark] [--no-record]

Corpora come from ``bench/make_corpus.py`` (written to a temporary folder). Each measurement runs in
its own process (``--one``), so its peak memory is its own: the parent's peak RSS and the largest
worker's. Figures go to stdout and one JSON line (``"bench": "scale"``) is appended to
``bench/results.jsonl``.

- throughput: ``--throughput`` articles through ``ingest_parallel`` with 1 worker (the in-process
  pipeline) and 2 workers, and through the Spark job (``local[2]``) plus ``load`` into DuckDB;
  articles/s and words/s of the whole run, model loading included (as a user sees it).
- growth: for each of ``--sizes``, the whole pipeline with 2 workers; seconds per article, and the
  store's seconds per article in the first and the last quarter of the batches (a merge step that grows
  with the store shows there first).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

RESULTS = HERE / "results.jsonl"


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def cpu_s() -> float:
    """CPU seconds of this process and its finished children (the workers), user and system."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def words_in(path: Path) -> int:
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            return sum(len(json.loads(line)["text"].split()) for line in handle if line.strip())
    return 0


def one(engine: str, workers: int, corpus: Path, folder: Path) -> dict:
    """One measured run in this process: the whole pipeline from the corpus file to a DuckDB store."""
    from sidelines.config import Settings
    from sidelines.ingest import run as ingest_run
    from sidelines.store import Store

    settings = Settings()
    store_times: list[float] = []
    batch_ends: list[tuple[float, int]] = []  # (seconds since start, articles in the batch)
    original = ingest_run.write_batch

    def timed_write(analyses, store, builder, keep_articles=False):
        begin = time.perf_counter()
        try:
            return original(analyses, store, builder, keep_articles)
        finally:
            store_times.append((time.perf_counter() - begin) / max(1, len(analyses)))
            batch_ends.append((time.perf_counter() - start, len(analyses)))

    ingest_run.write_batch = timed_write  # one batch's store and merge, as the ingest run calls it
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"{engine}-{workers}.duckdb"
    start = time.perf_counter()
    if engine == "local":
        from sidelines.engines.local import ingest_parallel

        with Store.open(db) as store:
            summary = ingest_parallel([corpus], store, settings, workers)
            events = store.counts()["events"]
    else:
        from sidelines.engines import spark as spark_engine
        from sidelines.engines.load import load
        from sidelines.knowledge.codes import CodeBook
        from sidelines.merge.cluster import EventBuilder

        spark = spark_engine.session(f"local[{workers}]", app="sidelines-bench")
        spark.sparkContext.setLogLevel("ERROR")
        spark_engine.run(spark, [corpus], folder / "parquet", settings, partitions=workers * 2)
        spark.stop()
        with Store.open(db) as store:
            summary = load(folder / "parquet", store, EventBuilder(CodeBook.load()), batch=settings.store_batch)
            events = store.counts()["events"]
    seconds = time.perf_counter() - start
    quarter = max(1, len(store_times) // 4)
    tenth = max(1, len(batch_ends) // 10)
    return {"seconds": round(seconds, 2), "stored": summary.stored, "failed": summary.failed,
            "reports": summary.reports, "events": events,
            "store_s_per_article_first_quarter": round(sum(store_times[:quarter]) / quarter, 5),
            "store_s_per_article_last_quarter": round(sum(store_times[-quarter:]) / quarter, 5),
            "s_per_article_first_tenth": round(_pace(batch_ends[1:tenth + 1]), 5),
            "s_per_article_last_tenth": round(_pace(batch_ends[-tenth - 1:]), 5),
            "cpu_s": round(cpu_s(), 2),
            "peak_rss_mb": round(peak_mb(resource.RUSAGE_SELF), 1),
            "peak_worker_rss_mb": round(peak_mb(resource.RUSAGE_CHILDREN), 1)}


def _pace(ends: list[tuple[float, int]]) -> float:
    """Whole-pipeline seconds per article between the first and the last of these batch ends (the
    time from one batch end to the next covers reading, analysis and storing of the later batch)."""
    if len(ends) < 2:
        return 0.0
    return (ends[-1][0] - ends[0][0]) / sum(n for _, n in ends[1:])


def measure(engine: str, workers: int, corpus: Path, folder: Path) -> dict:
    """``one`` in a fresh process, so that each run's peak memory is its own."""
    done = subprocess.run([sys.executable, __file__, "--one", engine, str(workers), str(corpus), str(folder)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{engine} x{workers} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def corpus_of(size: int, form: str, folder: Path) -> Path:
    from make_corpus import write

    return write(size, 7, folder, {form, "jsonl"})[form]


def compare_engines(args: argparse.Namespace, record: dict, folder: Path) -> None:
    """1 and 2 local workers and Spark on the same corpus; figures go into ``record``."""
    corpus = corpus_of(args.throughput, args.format, folder / "c")
    words = words_in(folder / "c" / f"corpus-{args.throughput}.jsonl")
    runs = [("local", 1), ("local", 2)] + ([] if args.no_spark else [("spark", 2)])
    print(f"throughput: {args.throughput} articles, {words} words ({args.format}); load average "
          f"{record['load_average_start']} on {os.cpu_count()} CPUs")
    print(f"{'run':12}{'seconds':>9}{'cpu s':>8}{'articles/s':>12}{'words/s':>9}{'peak MB':>9}{'worker MB':>10}"
          f"{'events':>8}")
    for engine, workers in runs:
        result = measure(engine, workers, corpus, folder / f"{engine}{workers}")
        result |= {"articles_per_s": round(args.throughput / result["seconds"], 2),
                   "words_per_s": round(words / result["seconds"], 1)}
        record[f"{engine}_{workers}"] = result
        print(f"{engine + ' x' + str(workers):12}{result['seconds']:>9.1f}{result['cpu_s']:>8.1f}"
              f"{result['articles_per_s']:>12.2f}"
              f"{result['words_per_s']:>9.0f}{result['peak_rss_mb']:>9.0f}{result['peak_worker_rss_mb']:>10.0f}"
              f"{result['events']:>8}")
    record["speedup_2_workers"] = round(record["local_1"]["seconds"] / record["local_2"]["seconds"], 3)
    record["cpu_ratio_2_workers"] = round(record["local_2"]["cpu_s"] / record["local_1"]["cpu_s"], 3)
    print(f"2 workers / 1 worker: {record['speedup_2_workers']:.2f}x by wall time (aim >= 1.8x); CPU time "
          f"{record['cpu_ratio_2_workers']:.2f}x of one worker's (the cost of the pool; 1.0 is none)")
    one_pace, two_pace = record["local_1"]["s_per_article_last_tenth"], record["local_2"]["s_per_article_last_tenth"]
    if one_pace and two_pace:  # the model loads (once per worker) left out: what a long run approaches
        record["speedup_2_workers_last_tenth"] = round(one_pace / two_pace, 3)
        print(f"  over the last tenth of the batches (model loading left out): {one_pace / two_pace:.2f}x")


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--one":
        engine, workers, corpus, folder = sys.argv[2:6]
        print(json.dumps(one(engine, int(workers), Path(corpus), Path(folder))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--throughput", type=int, default=1000, help="articles for the engine comparison (0: skip it)")
    parser.add_argument("--sizes", default="2000,10000", help="corpus sizes for the growth check")
    parser.add_argument("--format", choices=("jsonl", "warc"), default="jsonl")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    record: dict = {"bench": "scale", "date": datetime.now(UTC).isoformat(timespec="seconds"),
                    "cpu_count": os.cpu_count(), "python": platform.python_version(), "format": args.format,
                    "load_average_start": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="sidelines-scale-") as tmp:
        folder = Path(tmp)
        if args.throughput:
            compare_engines(args, record, folder)
        record["growth"] = {}
        for size in sizes:
            corpus = corpus_of(size, args.format, folder / f"g{size}")
            result = measure("local", 2, corpus, folder / f"g{size}")
            result["s_per_article"] = round(result["seconds"] / size, 4)
            record["growth"][str(size)] = result
            print(f"growth {size:>7} articles: {result['s_per_article'] * 1000:.1f} ms/article (first tenth "
                  f"{result['s_per_article_first_tenth'] * 1000:.1f}, last tenth "
                  f"{result['s_per_article_last_tenth'] * 1000:.1f}); store "
                  f"{result['store_s_per_article_first_quarter'] * 1000:.2f} -> "
                  f"{result['store_s_per_article_last_quarter'] * 1000:.2f} ms/article (first -> last quarter); "
                  f"{result['events']} events; peak {result['peak_rss_mb']:.0f} MB")
    record["load_average_end"] = round(os.getloadavg()[0], 2)
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
        print(f"appended to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
