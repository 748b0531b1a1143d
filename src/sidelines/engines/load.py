"""Bring a Spark run's Parquet output into a DuckDB store, merging events as ``sidelines ingest`` does.

The articles are read back in input order (``file_no``, ``record_no``) with their mentions, reports,
quotes and verbal events, rebuilt into ``Analysis`` records and written with ``Store.write`` in batches of
``store_batch``: the same write path, the same batches and the same merging as the local engine, so
the same input gives the same events. An article already in the store with the same text is skipped,
as ``sidelines ingest`` skips it. The Parquet files are scanned once (a join, not a query per batch).
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb

from sidelines.coding.verbal import VerbalEvent
from sidelines.errors import InputError
from sidelines.ingest.run import IngestSummary, Progress, store_batch
from sidelines.merge.cluster import EventBuilder
from sidelines.model import Article
from sidelines.pipeline import Analysis
from sidelines.store import Store
from sidelines.store.codec import event_from, mention_from, quote_from

_EMPTY = {
    "mentions": "SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS id, NULL::VARCHAR AS record WHERE FALSE",
    "reports": "SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS id, NULL::VARCHAR AS record WHERE FALSE",
    "quotes": "SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS id, NULL::VARCHAR AS record WHERE FALSE",
    "verbal": "SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS id, NULL::VARCHAR AS record WHERE FALSE",
    "prospects": "SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS id, NULL::VARCHAR AS record WHERE FALSE",
    "failures": "SELECT NULL::INTEGER AS file_no, NULL::BIGINT AS record_no, NULL::VARCHAR AS error WHERE FALSE",
}


class NotSparkOutput(InputError):
    code = "E019"
    fix = "give the --out folder of `sidelines ingest --engine spark`"


def _table(directory: str, name: str) -> str:
    """A FROM clause for one table's Parquet files (an empty relation when it has none)."""
    files = sorted(glob.glob(os.path.join(directory, name, "*.parquet")))
    if not files:
        if name == "articles":
            raise NotSparkOutput(directory, "no articles/*.parquet files in the folder")
        return f"({_EMPTY[name]})"
    listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    return f"read_parquet([{listed}])"


def _records(directory: str, name: str) -> str:
    return (f"(SELECT article_id, list(record ORDER BY id) AS records FROM {_table(directory, name)} "
            f"GROUP BY article_id) AS {name} ON {name}.article_id = a.id")


def analyses(directory: str | Path, reader: duckdb.DuckDBPyConnection | None = None,
             batch: int = 200) -> Iterator[Analysis]:
    """The Analysis records of a Spark output folder, in input order, streamed in batches."""
    directory = str(directory)
    reader = reader or duckdb.connect()
    query = (f"SELECT a.id, a.text, a.title, a.url, a.outlet, a.published, a.published_basis, "
             f"a.published_evidence, a.language, a.source_path, a.published_note, "
             f"mentions.records, reports.records, quotes.records, verbal.records, prospects.records "
             f"FROM {_table(directory, 'articles')} AS a "
             f"LEFT JOIN {_records(directory, 'mentions')} LEFT JOIN {_records(directory, 'reports')} "
             f"LEFT JOIN {_records(directory, 'quotes')} LEFT JOIN {_records(directory, 'verbal')} "
             f"LEFT JOIN {_records(directory, 'prospects')} "
             f"ORDER BY a.file_no, a.record_no")
    cursor = reader.execute(query)
    while rows := cursor.fetchmany(batch):
        for row in rows:
            yield _analysis(row)


def _analysis(row: tuple) -> Analysis:
    *fields, note, mentions, reports, quotes, verbal, prospects = row
    article = Article(*fields)
    return Analysis(
        article=article,
        mentions=tuple(mention_from(m) for m in mentions or ()),
        reports=tuple(event_from(r) for r in reports or ()),
        quotes=tuple(quote_from(q) for q in quotes or ()),
        published_note=note,
        verbal=tuple(VerbalEvent.from_dict(json.loads(v)) for v in verbal or ()),
        prospects=tuple(event_from(r) for r in prospects or ()),
    )


def failures(directory: str | Path) -> list[str]:
    reader = duckdb.connect()
    rows = reader.execute(f"SELECT error FROM {_table(str(directory), 'failures')} "
                          f"ORDER BY file_no, record_no").fetchall()
    return [r[0] for r in rows]


def load(directory: str | Path, store: Store, builder: EventBuilder, progress: Progress | None = None,
         batch: int = 200) -> IngestSummary:
    """Write a Spark output folder into ``store`` in batches of ``batch`` articles; returns what happened."""
    if not os.path.isdir(directory):
        raise NotSparkOutput(str(directory), "no such folder")
    summary = IngestSummary(failures=failures(directory))
    pending: list[Analysis] = []
    for analysis in analyses(directory, batch=batch):
        summary.read += 1
        if store.known(analysis.article) == "same":
            summary.duplicates += 1
            continue
        pending.append(analysis)
        if len(pending) >= batch:
            store_batch(pending, store, builder, summary, progress)
            pending = []
    if pending:
        store_batch(pending, store, builder, summary, progress)
    return summary

