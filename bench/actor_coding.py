"""Actor coding: do our source and target actors have the gold actors' countries?

Usage: .venv/bin/python bench/actor_coding.py [--data DIR] [--label TEXT] [--no-append] [--errors N]

Same gold sets and same predictions as bench/event_coding.py (PETR2 validation sentences and PLOVER
gold records, each sentence through the whole pipeline plus the verbal coder). The gold country of an
actor is its code's first three letters (old CAMEO spellings made ISO: JAP -> JPN, ROM -> ROU ...;
``IGO...`` stays IGO); gold actors with no country (``---REB``, empty) are left out. Our country is the
linked actor's ISO alpha-3 country, or IGO for an international organisation.

Two figures for each side (source, target), per gold coding:
- any coding: the gold country is the source (target) of some coding we made for the sentence, so it
  measures who we found in that role whatever event code we gave;
- same root: the same, among our codings with the gold code's root only (as in event_coding.py).
Aim: >= 0.9 country agreement (any coding), both sides together.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_coding import (
    DATA,
    PLOVER_RENAMED,
    ROOT,
    GoldSentence,
    Predicted,
    country3,
    load_petr2,
    load_plover,
    predict,
)

AIM = 0.9


def agreement(golds: list[GoldSentence], predictions: list[list[Predicted]], root_of) -> tuple[dict, list]:
    counts = {k: [0, 0] for k in ("source_any", "target_any", "source_root", "target_root")}
    misses = []
    for gold, predicted in zip(golds, predictions):
        for coding in gold.codings:
            same = [p for p in predicted if root_of(p.code) == root_of(coding.code)]
            for side, wanted in (("source", coding.sources), ("target", coding.targets)):
                countries = {country3(c) for c in wanted} - {None}
                if not countries:
                    continue
                ours_any = {getattr(p, side) for p in predicted}
                ours_root = {getattr(p, side) for p in same}
                counts[f"{side}_any"][0] += bool(countries & ours_any)
                counts[f"{side}_any"][1] += 1
                counts[f"{side}_root"][0] += bool(countries & ours_root)
                counts[f"{side}_root"][1] += 1
                if not countries & ours_any:
                    misses.append((gold.id, side, sorted(countries), sorted(str(c) for c in ours_any), gold.text))
    out = {k: {"agree": round(a / n, 3) if n else 0.0, "n": n} for k, (a, n) in counts.items()}
    both = [counts["source_any"], counts["target_any"]]
    total = sum(n for _, n in both)
    out["both_any"] = {"agree": round(sum(a for a, _ in both) / total, 3) if total else 0.0, "n": total}
    return out, misses


def run(data: Path, label: str | None, append: bool, errors: int) -> dict:
    from sidelines.coding.verbal import SentenceCoder, plover_category
    from sidelines.pipeline import Analyser

    started = time.time()
    analyser = Analyser.load()
    coder = SentenceCoder(analyser.kb)
    petr = load_petr2(data / "petrarch2-validation" / "PETR2_GSR_validation.UniversalPetrarch.xml")
    plover = load_plover(data / "plover" / "PLOVER_GSR_CAMEO.txt")

    def plover_root(code: str) -> str:
        if code.isdigit():
            return plover_category(code, analyser.kb) or f"CAMEO{code[:2]}"
        return PLOVER_RENAMED.get(code, code)

    petr_scores, petr_misses = agreement(petr, predict(analyser, coder, petr), lambda c: c[:2])
    plover_scores, plover_misses = agreement(plover, predict(analyser, coder, plover), plover_root)
    result = {"bench": "actor_coding", "when": datetime.now(UTC).isoformat(timespec="seconds"),
              "label": label, "seconds": round(time.time() - started, 1),
              "petr2": petr_scores, "plover": plover_scores, "aim": AIM}
    print(f"actor coding ({result['seconds']} s): country of our source/target vs the gold actor code's first 3 letters")
    for name, scores in (("petr2", petr_scores), ("plover", plover_scores)):
        line = "  ".join(f"{k} {v['agree']:.3f} (n={v['n']})" for k, v in scores.items())
        print(f"  {name:7} {line}")
    print(f"aim: >= {AIM} both sides, any coding: PETR2 {petr_scores['both_any']['agree']:.3f}, "
          f"PLOVER {plover_scores['both_any']['agree']:.3f}")
    for gold_id, side, wanted, ours, text in (petr_misses + plover_misses)[:errors]:
        print(f"  [miss] {gold_id} {side}: gold {wanted}, ours {ours}\n      {text[:150]}")
    if append:
        with open(ROOT / "bench" / "results.jsonl", "a", encoding="utf-8") as handle:
            handle.write(json.dumps(result) + "\n")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--label", default=None)
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args(argv)
    if not (args.data / "plover").exists():
        print(f"no gold data in {args.data}", file=sys.stderr)
        return 2
    run(args.data, args.label, not args.no_append, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
