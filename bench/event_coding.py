"""CAMEO/PLOVER event coding measured on public gold sets.

Usage: .venv/bin/python bench/event_coding.py [--data DIR] [--errors N] [--label TEXT] [--no-append]

Gold sets (in ../shared/eval/event-coding/ beside the checkout, or --data):
- PETR2: ``petrarch2-validation/PETR2_GSR_validation.UniversalPetrarch.xml``, 78 real news sentences
  with 93 gold codings (CAMEO code, source and target actor codes). A sentence with an empty <Text>
  is rebuilt from its parse's word column.
- PLOVER: ``plover/PLOVER_GSR_CAMEO.txt``, 322 gold records (CAMEO-manual example sentences coded in
  PLOVER 0.5b1: a category, source and target country codes).

Each sentence is one Article (published on the gold date) through the whole pipeline: the engagement
reports become dyads (sidelines.coding.dyads) and every sentence is also read by the verbal coder
(sidelines.coding.verbal.SentenceCoder); the codings of both are the prediction for that sentence.

Scores, per gold coding:
- root-code accuracy: some predicted coding of the sentence has the gold code's two-digit root
  (for PLOVER: the gold category, with our CAMEO code mapped through the code table; PLOVER 0.5b1's
  DEMAND and DISAPPROVE are 0.8's REQUEST and ACCUSE);
- full-code accuracy (PETR2 only): some predicted coding has the exact gold code;
- source / target agreement: among gold codings whose root was found, a predicted coding of that
  root whose source (target) country is the gold actor code's first three letters. Gold codes that
  give no country ("---", or no target) are left out of that figure.
- false alarms: predicted codings on sentences whose gold says there is no event.
The "diplomatic or verbal" subset is gold roots 01-06 and 10-13 (PLOVER: AGREE, CONSULT, SUPPORT,
COOPERATE, DEMAND, DISAPPROVE, REJECT, THREATEN).
Anchors: UD-PETRARCH 72% on its own test suite; a hand check of GDELT found the event code right 81%.
Aim: >= 85% root-code accuracy on the diplomatic/verbal PETR2 codings.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sidelines.coding.dyads import dyads
from sidelines.coding.verbal import SentenceCoder, pairs, plover_category
from sidelines.extract.layout import document_text
from sidelines.model import Article

DATA = ROOT.parent / "shared" / "eval" / "event-coding"
DIPLOMATIC = {"01", "02", "03", "04", "05", "06", "10", "11", "12", "13"}
PLOVER_DIPLOMATIC = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN"}
PLOVER_RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}  # 0.5b1 -> 0.8 names
#: Country codes the gold files write in the old CAMEO way, as ISO 3166 alpha-3.
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "KSV": "XKX", "TMP": "TLS", "ZAR": "COD"}
ANCHORS = "UD-PETRARCH 72% (own test suite); GDELT hand check 81% event code right"


@dataclass
class GoldCoding:
    code: str  # CAMEO code (PETR2) or PLOVER category (PLOVER)
    sources: list[str]
    targets: list[str]


@dataclass
class GoldSentence:
    id: str
    text: str
    day: date | None
    codings: list[GoldCoding] = field(default_factory=list)
    no_event: bool = False


@dataclass(frozen=True)
class Predicted:
    code: str
    source: str | None  # ISO alpha-3 country, or IGO
    target: str | None


def country3(code: str | None) -> str | None:
    """The country part of a gold actor code: its first three letters, old CAMEO spellings made ISO."""
    if not code or code.startswith("---"):
        return None
    head = code[:3].upper()
    return OLD_CODES.get(head, head)


def load_petr2(path: Path) -> list[GoldSentence]:
    text = path.read_text(encoding="utf-8")
    out = []
    for chunk in text.split("<Sentence ")[1:]:
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', chunk.split(">", 1)[0]))
        body = chunk.split("</Sentence>", 1)[0]
        words = re.search(r"<Text>(.*?)</Text>", body, re.DOTALL)
        sentence = " ".join(words.group(1).split()) if words else ""
        if not sentence:
            parse = re.search(r"<Parse>(.*?)</Parse>", body, re.DOTALL)
            rows = [line.split("\t") for line in (parse.group(1) if parse else "").strip().splitlines()]
            sentence = " ".join(r[1] for r in rows if len(r) > 1)
        gold = GoldSentence(attrs.get("id", ""), sentence, _day(attrs.get("date", "")))
        for coding in re.findall(r"<EventCoding\s+([^>]*?)/?>", body):
            fields = dict(re.findall(r'(\w+)="([^"]*)"', coding))
            if fields.get("noevents", "").lower() == "true":
                gold.no_event = True
            elif "eventcode" in fields:
                gold.codings.append(GoldCoding(fields["eventcode"], [fields.get("sourcecode", "")],
                                               [fields.get("targetcode", "")]))
        out.append(gold)
    return out


def load_plover(path: Path) -> list[GoldSentence]:
    records = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for r in records:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        text = r["text"].strip().strip("{}").strip()
        sources, targets = _codes(r.get("source")), _codes(r.get("target"))
        out.append(GoldSentence(r["id"], text, _day(r.get("date", "")), [GoldCoding(r["event"], sources, targets)]))
    return out


def _codes(actors: object) -> list[str]:
    """Actor codes of a PLOVER record's source or target: a list of objects, or a bare string."""
    if isinstance(actors, str):
        return [actors]
    return [a.get("code", "") for a in actors or [] if isinstance(a, dict)]


def _day(value: str) -> date | None:
    digits = value.replace("-", "")
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])) if len(digits) == 8 else None
    except ValueError:
        return None


def predict(analyser, coder: SentenceCoder, golds: list[GoldSentence]) -> list[list[Predicted]]:
    articles = [Article(id=f"gold-{i}", text=g.text, published=g.day) for i, g in enumerate(golds)]
    texts = [document_text(a) for a in articles]
    docs = analyser.nlp.pipe([t for t, _ in texts], batch_size=64)
    out = []
    for article, (_, layout), doc in zip(articles, texts, docs):
        analysis = analyser.analyse_doc(article, doc, layout)
        found: list[Predicted] = []
        for report in analysis.reports:
            found += [Predicted(d.cameo, d.source_country or _igo(d.source_code), d.target_country or _igo(d.target_code))
                      for d in dyads(report, analyser.kb)]
        for sent in doc.sents:
            for coding in coder(sent):
                found += [Predicted(code, _country(s), _country(t)) for s, t, code in pairs(coding)]
        out.append(list(dict.fromkeys(found)))
    return out


def _igo(code: str | None) -> str | None:
    return "IGO" if code and code.startswith("IGO") else None


def _country(actor) -> str | None:
    if actor is None:
        return None
    return actor.country or _igo(actor.code)


@dataclass
class Tally:
    n: int = 0
    root: int = 0
    full: int = 0
    src_n: int = 0
    src_ok: int = 0
    tgt_n: int = 0
    tgt_ok: int = 0

    def figures(self) -> dict[str, float | int]:
        pct = lambda a, b: round(100 * a / b, 1) if b else 0.0
        return {"codings": self.n, "root_acc": pct(self.root, self.n), "full_acc": pct(self.full, self.n),
                "source_agree": pct(self.src_ok, self.src_n), "source_n": self.src_n,
                "target_agree": pct(self.tgt_ok, self.tgt_n), "target_n": self.tgt_n}


def score(golds: list[GoldSentence], predictions: list[list[Predicted]], root_of, subset) -> tuple[dict, list]:
    """Tallies for all codings and for the subset; the misses for printing."""
    tallies = {"all": Tally(), "diplomatic_verbal": Tally()}
    misses = []
    for gold, predicted in zip(golds, predictions):
        for coding in gold.codings:
            wanted = root_of(coding.code)
            same = [p for p in predicted if root_of(p.code) == wanted]
            for name in ("all", "diplomatic_verbal") if subset(coding.code) else ("all",):
                _count(tallies[name], coding, same)
            if not same:
                misses.append((gold, coding, predicted))
    false_alarms = sum(len(p) > 0 for g, p in zip(golds, predictions) if g.no_event)
    result = {name: t.figures() for name, t in tallies.items()}
    result["no_event_sentences"] = sum(g.no_event for g in golds)
    result["no_event_with_prediction"] = false_alarms
    return result, misses


def _count(t: Tally, coding: GoldCoding, same: list[Predicted]) -> None:
    t.n += 1
    t.root += bool(same)
    t.full += any(p.code == coding.code for p in same)
    if not same:
        return
    sources = {country3(s) for s in coding.sources} - {None}
    targets = {country3(s) for s in coding.targets} - {None}
    if sources:
        t.src_n += 1
        t.src_ok += any(p.source in sources for p in same)
    if targets:
        t.tgt_n += 1
        t.tgt_ok += any(p.target in targets for p in same)


def run(data: Path, errors: int, label: str | None, append: bool) -> dict:
    from sidelines.pipeline import Analyser

    started = time.time()
    analyser = Analyser.load()
    coder = SentenceCoder(analyser.kb)
    petr = load_petr2(data / "petrarch2-validation" / "PETR2_GSR_validation.UniversalPetrarch.xml")
    plover = load_plover(data / "plover" / "PLOVER_GSR_CAMEO.txt")
    petr_pred = predict(analyser, coder, petr)
    plover_pred = predict(analyser, coder, plover)
    petr_scores, petr_misses = score(petr, petr_pred, lambda c: c[:2], lambda c: c[:2] in DIPLOMATIC)

    def plover_root(code: str) -> str:
        if code.isdigit():
            return plover_category(code, analyser.kb) or f"CAMEO{code[:2]}"
        return PLOVER_RENAMED.get(code, code)

    plover_scores, plover_misses = score(plover, plover_pred, plover_root, lambda c: c in PLOVER_DIPLOMATIC)
    for block in plover_scores.values():
        if isinstance(block, dict):
            block.pop("full_acc", None)
    result = {"bench": "event_coding", "when": datetime.now(UTC).isoformat(timespec="seconds"),
              "label": label, "seconds": round(time.time() - started, 1),
              "petr2": {"sentences": len(petr), **petr_scores},
              "plover": {"records": len(plover), **plover_scores},
              "anchor": ANCHORS, "aim_root_acc_diplomatic_verbal": 85.0}
    _print(result)
    _print_misses("PETR2", petr_misses, errors)
    _print_misses("PLOVER", plover_misses, errors)
    if append:
        with open(ROOT / "bench" / "results.jsonl", "a", encoding="utf-8") as handle:
            handle.write(json.dumps(result) + "\n")
    return result


def _print(result: dict) -> None:
    print(f"event coding ({result['seconds']} s)   anchors: {ANCHORS}")
    for name in ("petr2", "plover"):
        block = result[name]
        print(f"{name}: {block.get('sentences', block.get('records'))} sentences; "
              f"no-event sentences with a prediction: {block['no_event_with_prediction']}/{block['no_event_sentences']}")
        for subset in ("all", "diplomatic_verbal"):
            f = block[subset]
            full = f" full {f['full_acc']}%" if "full_acc" in f else ""
            print(f"  {subset:18} n={f['codings']:3}  root {f['root_acc']}%{full}  "
                  f"source {f['source_agree']}% (n={f['source_n']})  target {f['target_agree']}% (n={f['target_n']})")
    print(f"aim: root >= {result['aim_root_acc_diplomatic_verbal']}% on PETR2 diplomatic/verbal: "
          f"{result['petr2']['diplomatic_verbal']['root_acc']}%")


def _print_misses(name: str, misses: list, limit: int) -> None:
    for gold, coding, predicted in misses[:limit]:
        got = ", ".join(f"{p.code} {p.source}->{p.target}" for p in predicted) or "nothing"
        print(f"  [{name} miss] {gold.id}: gold {coding.code} {coding.sources}->{coding.targets}; got {got}\n"
              f"      {gold.text[:160]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", type=int, default=0, help="print this many misses of each set")
    parser.add_argument("--label", default=None)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args(argv)
    if not (args.data / "plover").exists():
        print(f"no gold data in {args.data}", file=sys.stderr)
        return 2
    run(args.data, args.errors, args.label, not args.no_append)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
