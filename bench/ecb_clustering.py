"""Article clustering by real-world event on ECB+ (982 news documents, 43 topics, 86 events).

Each ECB+ topic holds two events of one kind (two rehab stays, two earthquakes), so clustering by topic
is easy and the test is to split the two. Scores are BCubed precision, recall and F1 against the gold
``subtopic``. The threshold is tuned on the even topics only and reported on the odd topics (held out)
and on all 982 documents clustered at once; clustering each topic on its own is reported apart (it is
easier: the topic is given). The trivial baseline puts each topic in one cluster.

    .venv/bin/python bench/ecb_clustering.py [--data PATH] [--no-save]

Appends one JSON line with the figures to bench/results.jsonl.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sidelines.merge.articles import ClusterOptions, cluster_articles

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "news-clustering" / "ecbplus_docs.jsonl"
RESULTS = Path(__file__).resolve().parent / "results.jsonl"
AIM_F1 = 0.9
GRID = [round(0.04 + 0.01 * i, 2) for i in range(17)]  # 0.04 .. 0.20


@dataclass(frozen=True, slots=True)
class Doc:
    doc_id: str
    topic: int
    subtopic: str
    text: str


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> Score:
    """BCubed (Bagga & Baldwin 1998): per item, the share of its cluster in its class and vice versa."""
    in_pred, in_gold, both = Counter(pred), Counter(gold), Counter(zip(pred, gold))
    p = sum(both[(a, b)] / in_pred[a] for a, b in zip(pred, gold)) / len(pred)
    r = sum(both[(a, b)] / in_gold[b] for a, b in zip(pred, gold)) / len(pred)
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def load(path: Path) -> list[Doc]:
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [Doc(r["doc_id"], int(r["topic"]), r["subtopic"], r["text"]) for r in rows]


def score_at_once(docs: list[Doc], threshold: float, options: ClusterOptions) -> Score:
    labels = cluster_articles([d.text for d in docs], threshold=threshold, options=options)
    return bcubed(labels, [d.subtopic for d in docs])


def score_per_topic(docs: list[Doc], threshold: float, options: ClusterOptions) -> Score:
    """Each topic clustered on its own; labels made distinct across topics, scored pooled."""
    pred: list[tuple[int, int]] = []
    gold: list[str] = []
    for topic in sorted({d.topic for d in docs}):
        part = [d for d in docs if d.topic == topic]
        labels = cluster_articles([d.text for d in part], threshold=threshold, options=options)
        pred += [(topic, label) for label in labels]
        gold += [d.subtopic for d in part]
    return bcubed(pred, gold)


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parent, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def row(name: str, score: Score) -> str:
    mark = "ok" if score.f1 >= AIM_F1 else "below aim"
    return f"  {name:<38} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}  ({mark})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="ecbplus_docs.jsonl")
    parser.add_argument("--no-save", action="store_true", help="do not append to bench/results.jsonl")
    parser.add_argument("--label", default="", help="a note stored with the figures")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"E001: cannot read '{args.data}': no such file; pass --data PATH", file=sys.stderr)
        return 2
    docs = load(args.data)
    even = [d for d in docs if d.topic % 2 == 0]
    odd = [d for d in docs if d.topic % 2 == 1]
    options = ClusterOptions()
    started = time.perf_counter()

    tuning = {t: score_at_once(even, t, options) for t in GRID}
    threshold = max(GRID, key=lambda t: (tuning[t].f1, -t))
    scores = {
        "even_at_once": tuning[threshold],
        "odd_at_once": score_at_once(odd, threshold, options),
    }
    t0 = time.perf_counter()
    scores["all_at_once"] = score_at_once(docs, threshold, options)
    all_seconds = time.perf_counter() - t0
    scores["all_per_topic"] = score_per_topic(docs, threshold, options)
    scores["odd_per_topic"] = score_per_topic(odd, threshold, options)
    scores["baseline_one_per_topic"] = bcubed([d.topic for d in docs], [d.subtopic for d in docs])
    seconds = time.perf_counter() - started

    print(f"ECB+ event clustering: {len(docs)} docs, {len({d.topic for d in docs})} topics, "
          f"{len({d.subtopic for d in docs})} gold events; BCubed against subtopic; aim F1 >= {AIM_F1}")
    print("threshold tuned on even topics (" + ", ".join(f"{t:.2f}:{tuning[t].f1:.3f}" for t in GRID) + ")")
    print(f"chosen threshold {threshold:.2f}")
    print(row("even topics, at once (tuning split)", scores["even_at_once"]))
    print(row("odd topics, at once (held out)", scores["odd_at_once"]))
    print(row(f"all {len(docs)} docs, at once", scores["all_at_once"]))
    print(row("all docs, each topic apart", scores["all_per_topic"]))
    print(row("odd topics, each topic apart", scores["odd_per_topic"]))
    print(row("baseline: one cluster per topic", scores["baseline_one_per_topic"]))
    print(f"all {len(docs)} docs clustered in {all_seconds:.1f}s; bench took {seconds:.1f}s")

    if not args.no_save:
        record = {
            "bench": "ecb_clustering",
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "commit": git_commit(),
            "label": args.label,
            "data": str(args.data),
            "n_docs": len(docs),
            "metric": "bcubed",
            "aim_f1": AIM_F1,
            "threshold": threshold,
            "tuned_on": "even topics, clustered at once",
            "tuning_f1": {f"{t:.2f}": round(tuning[t].f1, 4) for t in GRID},
            "options": asdict(options),
            "scores": {k: {m: round(v, 4) for m, v in asdict(s).items()} for k, s in scores.items()},
            "seconds_all_at_once": round(all_seconds, 2),
        }
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
        print(f"appended to {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
