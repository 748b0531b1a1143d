"""The same stages as an Apache Spark job: read files in tasks, analyse articles in ``mapPartitions``
(the model is loaded once per partition, and kept by a reused Python worker), write Parquet.

Output folder layout (one Parquet dataset per table, with the store's columns):

- ``articles/``: the ``articles`` columns, and ``file_no``, ``record_no``: the place of the article in
  the input (files in the order they were given, folders walked in sorted order), so that ``load``
  writes the articles to the store in the order ``sidelines ingest`` would;
- ``mentions/``, ``reports/``, ``quotes/``: the store's columns, with each record as JSON;
- ``verbal/``: ``id``, ``article_id``, ``record``: the statements coded as verbal events, as JSON;
- ``prospects/``: ``id``, ``article_id``, ``record``: engagements planned, cancelled, postponed or declined;
- ``failures/``: ``file_no``, ``record_no``, ``error``: what could not be read and why.

Events are merged when the output is loaded (``sidelines load DIR --db FILE``), through the store's
own write path, so an input gives the same events by either engine. Input paths must be readable at
the same path on the driver and on every executor (a local disk in local mode; a shared or mounted
file system on a cluster).

Run as a script under ``spark-submit`` (see README.md, "Scale"):
``spark-submit .../sidelines/engines/spark.py INPUT... --out DIR``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from sidelines.config import Settings
from sidelines.errors import InputError
from sidelines.ingest import read_file, walk
from sidelines.model import Article
from sidelines.pipeline import Analyser, Analysis

TABLES = ("articles", "mentions", "reports", "quotes", "verbal", "prospects", "failures")
ARTICLE_COLUMNS = ("file_no", "record_no", "id", "content_hash", "url", "outlet", "title", "published",
                   "published_basis", "published_evidence", "published_note", "language", "source_path", "text")

Tagged = tuple[int, int, Any]  # (file_no, record_no, Article | error text)


@dataclass(slots=True)
class SparkSummary:
    files: int = 0
    read: int = 0
    duplicates: int = 0
    failed: int = 0
    stored: int = 0
    mentions: int = 0
    reports: int = 0
    quotes: int = 0


# -- the stage functions, run in tasks -------------------------------------------------------------

def read_tagged(file_no: int, path: str, settings: Settings) -> Iterator[Tagged]:
    """The articles and errors of one file, each with its place in the input."""
    for record_no, item in enumerate(read_file(path, settings)):
        yield file_no, record_no, (str(item) if isinstance(item, InputError) else item)


@lru_cache(maxsize=2)
def worker_analyser(settings: Settings) -> Analyser:
    """One model per Python worker process: loaded by its first partition, reused by the next ones."""
    return Analyser.load(settings)


def analyse_partition(settings: Settings, items: Iterable[Tagged]) -> Iterator[tuple[int, int, Analysis]]:
    """``mapPartitions`` stage: analyse a partition's articles, loading the model only when it has any."""
    items = iter(items)
    first = next(items, None)
    if first is None:
        return
    analyser = worker_analyser(settings)
    tagged = list(chain([first], items))
    for (file_no, record_no, _), analysis in zip(tagged, analyser.analyse(t[2] for t in tagged)):
        yield file_no, record_no, analysis


def article_row(file_no: int, record_no: int, analysis: Analysis) -> tuple:
    a = analysis.article
    return (file_no, record_no, a.id, a.content_hash, a.url, a.outlet, a.title, a.published, a.published_basis,
            a.published_evidence, analysis.published_note, a.language, a.source_path, a.text)


def mention_rows(analysis: Analysis) -> list[tuple]:
    from sidelines.store.codec import dumps

    return [(m.id, m.article_id, m.type, m.role, dumps(m)) for m in analysis.mentions]


def report_rows(analysis: Analysis) -> list[tuple]:
    from sidelines.store.codec import dumps

    a = analysis.article
    return [(r.id, a.id, r.family, r.sources[0].role, dumps(r)) for r in analysis.reports]


def quote_rows(analysis: Analysis) -> list[tuple]:
    from sidelines.store.codec import dumps

    a = analysis.article
    return [(q.id, a.id, q.speaker.actor_id, dumps(q)) for q in analysis.quotes]


def verbal_rows(analysis: Analysis) -> list[tuple]:
    import json

    a = analysis.article
    return [(v.id, a.id, json.dumps(v.to_dict(), ensure_ascii=False, sort_keys=True)) for v in analysis.verbal]


def prospect_rows(analysis: Analysis) -> list[tuple]:
    from sidelines.store.codec import dumps

    return [(r.id, analysis.article.id, dumps(r)) for r in analysis.prospects]


def _first(a: Tagged, b: Tagged) -> Tagged:
    return a if a[:2] <= b[:2] else b


# -- the driver ------------------------------------------------------------------------------------

def input_files(paths: Iterable[str | Path]) -> tuple[list[str], list[str]]:
    """Files in the order ``read_paths`` reads them, and an error per path that does not exist."""
    files: list[str] = []
    missing: list[str] = []
    for given in map(str, paths):
        if not os.path.exists(given):
            missing.append(str(InputError(given, "no such file or folder", "check the path")))
        elif os.path.isdir(given):
            files += [os.path.abspath(p) for p in walk(given)]
        else:
            files.append(os.path.abspath(given))
    return files, missing


def session(master: str | None = "local[2]", app: str = "sidelines") -> Any:
    """A SparkSession; a local master binds to 127.0.0.1 and runs workers on this Python."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app).config("spark.python.worker.reuse", "true")
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false"))
    return builder.getOrCreate()


def run(spark: Any, paths: Iterable[str | Path], out_dir: str | Path, settings: Settings | None = None,
        partitions: int | None = None) -> SparkSummary:
    """Read, analyse and write Parquet under ``out_dir`` (replacing what is there)."""
    from pyspark import StorageLevel

    settings = settings or Settings()
    out = str(out_dir) if "://" in str(out_dir) else os.path.abspath(out_dir)
    sc = spark.sparkContext
    files, missing = input_files(paths)
    partitions = partitions or max(2, sc.defaultParallelism * 2)
    summary = SparkSummary(files=len(files))

    tagged = sc.parallelize(list(enumerate(files)), max(1, len(files))).flatMap(
        lambda f: read_tagged(f[0], f[1], settings)).persist(StorageLevel.MEMORY_AND_DISK)
    errors = tagged.filter(lambda t: isinstance(t[2], str))
    articles = tagged.filter(lambda t: isinstance(t[2], Article))
    unique = (articles.keyBy(lambda t: t[2].id).reduceByKey(_first, partitions).values()
              .keyBy(lambda t: t[2].content_hash).reduceByKey(_first, partitions).values())
    analyses = unique.mapPartitions(lambda part: analyse_partition(settings, part)).persist(
        StorageLevel.MEMORY_AND_DISK)

    _write(spark, analyses.map(lambda t: article_row(*t)), "articles", out)
    _write(spark, analyses.flatMap(lambda t: mention_rows(t[2])), "mentions", out)
    _write(spark, analyses.flatMap(lambda t: report_rows(t[2])), "reports", out)
    _write(spark, analyses.flatMap(lambda t: quote_rows(t[2])), "quotes", out)
    _write(spark, analyses.flatMap(lambda t: verbal_rows(t[2])), "verbal", out)
    _write(spark, analyses.flatMap(lambda t: prospect_rows(t[2])), "prospects", out)
    failures = errors.union(sc.parallelize([(-1, i, m) for i, m in enumerate(missing)], 1))
    _write(spark, failures, "failures", out)

    counts = tagged.map(lambda t: (isinstance(t[2], Article), 1)).countByKey()
    summary.read, summary.failed = counts.get(True, 0), counts.get(False, 0) + len(missing)
    summary.stored = analyses.count()
    summary.duplicates = summary.read - summary.stored
    sums = analyses.map(lambda t: (len(t[2].mentions), len(t[2].reports), len(t[2].quotes))).fold(
        (0, 0, 0), lambda a, b: (a[0] + b[0], a[1] + b[1], a[2] + b[2]))
    summary.mentions, summary.reports, summary.quotes = sums
    analyses.unpersist()
    tagged.unpersist()
    return summary


def _write(spark: Any, rows: Any, table: str, out: str) -> None:
    spark.createDataFrame(rows, schema(table)).write.mode("overwrite").parquet(f"{out}/{table}")


def schema(table: str) -> Any:
    from pyspark.sql.types import DateType, IntegerType, LongType, StringType, StructField, StructType

    def strings(*names: str) -> list[StructField]:
        return [StructField(n, StringType(), True) for n in names]

    fields = {
        "articles": [StructField("file_no", IntegerType(), False), StructField("record_no", LongType(), False),
                     *strings("id", "content_hash", "url", "outlet", "title"),
                     StructField("published", DateType(), True),
                     *strings("published_basis", "published_evidence", "published_note", "language",
                              "source_path", "text")],
        "mentions": strings("id", "article_id", "type", "role", "record"),
        "reports": strings("id", "article_id", "family", "role", "record"),
        "quotes": strings("id", "article_id", "speaker_actor_id", "record"),
        "verbal": strings("id", "article_id", "record"),
        "prospects": strings("id", "article_id", "record"),
        "failures": [StructField("file_no", IntegerType(), False), StructField("record_no", LongType(), False),
                     *strings("error")],
    }[table]
    return StructType(fields)


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``spark-submit``: the master comes from spark-submit (or --master)."""
    parser = argparse.ArgumentParser(description="sidelines as a Spark job: INPUT... -> Parquet in --out")
    parser.add_argument("paths", nargs="+", help="files and folders every executor can read")
    parser.add_argument("--out", required=True, help="output folder (any path Spark can write)")
    parser.add_argument("--partitions", type=int, default=None, help="analysis partitions")
    parser.add_argument("--master", default=None, help="only when not run by spark-submit, e.g. local[4]")
    parser.add_argument("--knowledge", action="append", default=[], help="extra knowledge data folder")
    args = parser.parse_args(argv)
    settings = Settings(knowledge_paths=tuple(Path(k) for k in args.knowledge))
    spark = session(args.master)
    try:
        summary = run(spark, args.paths, args.out, settings, args.partitions)
    finally:
        spark.stop()
    print(f"files {summary.files}, read {summary.read}, skipped as duplicate {summary.duplicates}, "
          f"failed {summary.failed}, analysed {summary.stored}, mentions {summary.mentions}, "
          f"reports {summary.reports}, quotes {summary.quotes}; load with `sidelines load {args.out} --db FILE`")
    return 1 if summary.failed else 0


if __name__ == "__main__":  # pragma: no cover
    # Run the importable module's main, so the stage functions pickle by reference, not as __main__'s.
    from sidelines.engines import spark as _module  # noqa: PLW0406

    raise SystemExit(_module.main())
