"""Accuracy on real news: every part of ``../shared/eval/realnews`` through the whole product.

Run from the repository root:

    .venv/bin/python bench/realnews.py [--parts B,C,D] [--keep DIR] [--no-record] [--diagnose]

Each part's ``articles/*.json`` records are written as one JSONL feed into a temporary folder (the
texts stay in ``../shared``; nothing is copied into the project), ingested into a fresh DuckDB store
with ``sidelines ingest``, exported with ``sidelines export`` (events and quotes) and scored with the
corpus's own ``score.py`` and ``score_quotes.py``. "all" is the three parts ingested into one store
and scored against their gold files joined, so cross-part merging counts as it would for a user; each
part is scored on that same store's export narrowed to the part's articles (``--separate`` ingests each
part into a store of its own instead, which takes twice as long).

It prints one table (a row per metric, a column per part) and appends one JSON line to
``bench/results.jsonl``: ``{"bench": "realnews", "all": {...}, "B": {...}, ...}`` holding every
metric of both scorers. ``--diagnose`` also writes ``diagnose.py``'s pair-by-pair listing per part
into ``--keep`` (or the temporary folder) for reading.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVAL = ROOT.parent / "shared" / "eval"
CORPUS = EVAL / "realnews"
RESULTS = HERE / "results.jsonl"
SIDELINES = [sys.executable, "-m", "sidelines.cli"]
SHOWN = ("record_accuracy", "recall_main", "recall_all", "precision_main", "participants_accuracy",
         "date_accuracy", "place_accuracy", "occasion_recall", "type_accuracy", "merge_f1",
         "quote_recall", "speaker_accuracy")


def write_feed(parts: list[str], out: Path) -> int:
    """One JSONL line per article of ``parts``, in file-name order; the number written."""
    n = 0
    with out.open("w", encoding="utf-8") as feed:
        for part in parts:
            for path in sorted((CORPUS / part / "articles").glob("*.json")):
                record = json.loads(path.read_text(encoding="utf-8"))
                feed.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    return n


def joined_gold(parts: list[str], name: str, out: Path) -> Path:
    """The gold files of ``parts`` as one (event ids prefixed by their part, so they stay distinct)."""
    if name == "gold.json":
        events = []
        for part in parts:
            for event in json.loads((CORPUS / part / name).read_text(encoding="utf-8"))["events"]:
                events.append({**event, "event_id": f"{part}:{event['event_id']}"})
        out.write_text(json.dumps({"events": events}), encoding="utf-8")
    else:
        quotes = [q for part in parts for q in json.loads((CORPUS / part / name).read_text(encoding="utf-8"))]
        out.write_text(json.dumps(quotes), encoding="utf-8")
    return out


def run(args: list[str], errors: bool = False) -> str:
    """The command's standard output (its standard error with ``errors``)."""
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode not in (0, 1):  # 1: some records could not be read, which the bench reports
        raise SystemExit(f"realnews: {' '.join(map(str, args))} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return done.stderr if errors else done.stdout


def ingest(parts: list[str], work: Path) -> tuple[Path, Path, int, float]:
    """Ingest ``parts`` into a fresh store in ``work`` and export it: (events, quotes, articles, seconds)."""
    work.mkdir(parents=True, exist_ok=True)
    feed, db = work / "articles.jsonl", work / "rn.duckdb"
    db.unlink(missing_ok=True)
    articles = write_feed(parts, feed)
    started = time.perf_counter()
    said = run([*SIDELINES, "ingest", str(feed), "--db", str(db)], errors=True)
    seconds = time.perf_counter() - started
    failed = [line for line in said.splitlines() if line.startswith("E") and "failed" in line]
    if failed:  # a failed article is missing from the figures: say so, never score it silently
        print(f"realnews: {len(failed)} article(s) failed to ingest; the figures below lack them:", file=sys.stderr)
        print("\n".join(failed), file=sys.stderr)
    events, quotes = work / "events.json", work / "quotes.json"
    run([*SIDELINES, "export", "--db", str(db), "--format", "json", "--out", str(events)])
    run([*SIDELINES, "export", "--db", str(db), "--table", "quotes", "--format", "json", "--out", str(quotes)])
    return events, quotes, articles, seconds


def narrowed(part: str, events: Path, quotes: Path, work: Path) -> tuple[Path, Path, int]:
    """The export of a store of all parts narrowed to one part's articles (sources and quotes)."""
    work.mkdir(parents=True, exist_ok=True)
    ids = {p.stem for p in (CORPUS / part / "articles").glob("*.json")}
    kept = []
    for event in json.loads(events.read_text(encoding="utf-8")):
        sources = [s for s in event["sources"] if s["article_id"] in ids]
        if sources:
            kept.append({**event, "sources": sources})
    said = [q for q in json.loads(quotes.read_text(encoding="utf-8")) if q["article_id"] in ids]
    (work / "events.json").write_text(json.dumps(kept), encoding="utf-8")
    (work / "quotes.json").write_text(json.dumps(said), encoding="utf-8")
    return work / "events.json", work / "quotes.json", len(ids)


def score(parts: list[str], work: Path, diagnose: bool,
          exported: tuple[Path, Path, int, float | None] | None = None) -> dict:
    """Score the export of ``parts`` (ingested here unless given); every metric of both scorers."""
    work.mkdir(parents=True, exist_ok=True)
    events, quotes, articles, seconds = exported or ingest(parts, work)
    gold = joined_gold(parts, "gold.json", work / "gold.json")
    quotes_gold = joined_gold(parts, "quotes_gold.json", work / "quotes_gold.json")
    result = json.loads(run([sys.executable, str(EVAL / "score.py"), str(gold), str(events), "--json"]))
    result |= json.loads(run([sys.executable, str(EVAL / "score_quotes.py"), str(quotes_gold), str(quotes)]))
    if diagnose:
        listing = run([sys.executable, str(EVAL / "diagnose.py"), str(gold), str(events)])
        (work / "diagnose.txt").write_text(listing, encoding="utf-8")
    return {"articles": articles, "ingest_s": None if seconds is None else round(seconds, 1), **result}


def table(results: dict[str, dict]) -> str:
    names = list(results)
    metrics = [m for m in SHOWN if any(m in r for r in results.values())]
    metrics += sorted({m for r in results.values() for m in r} - set(metrics) - {"articles", "ingest_s"})
    lines = [f"{'metric':24}" + "".join(f"{n:>9}" for n in names)]
    for metric in [*metrics, "articles", "ingest_s"]:
        cells = "".join(f"{_cell(results[n].get(metric)):>9}" for n in names)
        lines.append(f"{metric:24}{cells}")
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "-" if value is None else str(value)


def commit() -> str | None:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=False)
    return done.stdout.strip() or None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parts", default="B,C,D", help="comma-separated parts of the corpus (default B,C,D)")
    parser.add_argument("--keep", type=Path, help="keep stores, exports and listings in this folder")
    parser.add_argument("--diagnose", action="store_true", help="write diagnose.py's listing per part")
    parser.add_argument("--separate", action="store_true", help="ingest each part into a store of its own")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/results.jsonl")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"realnews: {CORPUS} not found; the corpus lives in ../shared beside the checkout")
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    with tempfile.TemporaryDirectory(prefix="sidelines-realnews-") as tmp:
        base = args.keep or Path(tmp)
        exported = ingest(parts, base / "all")
        results = {"all": score(parts, base / "all", args.diagnose, exported)}
        for part in parts:
            if args.separate:
                results[part] = score([part], base / part, args.diagnose)
            else:
                events, quotes, n = narrowed(part, exported[0], exported[1], base / part)
                results[part] = score([part], base / part, args.diagnose, (events, quotes, n, None))
    print(table(results))
    if not args.no_record:
        line = {"bench": "realnews", "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "commit": commit(), **results}
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()
