"""Quotes and speakers on the PolNeAR dev split (Newell, Margolin & Ruths, LREC 2018).

Usage: .venv/bin/python bench/quotes_polnear.py [--data DIR] [--label TEXT] [--errors N] [--no-append]

Each of the 84 dev articles is read whole (title line included) as an ``Article`` with no title, run
through ``analyser.nlp`` and the project's ``QuoteExtractor`` (``analyser.quotes(doc, id, layout)``),
so predicted offsets are offsets into the gold text file. Gold: the first annotation file of each
article by annotator id; one gold quote per ``Attribution`` event with a Content span (fragments of a
discontinuous span are taken as their extent).

- **Direct / indirect**: a gold quote is direct when its Content span, stripped of spaces, starts or
  ends with a quotation mark; a predicted one when the extractor says so (``Quote.direct``).
- **Content**: predictions and gold quotes are paired one to one, largest character overlap first.
  *overlap* F1 counts a pair as a hit when the spans share any character; *exact* F1 when the texts
  are equal once spaces, quotation marks, edge punctuation and a leading "that" are stripped; *char*
  F1 is over characters (covered predicted characters / predicted, covered gold / gold).
- **Speaker accuracy**, over overlapping pairs whose gold attribution has a Source: the predicted
  speaker's span overlaps the gold Source span. For a pronoun Source ("he", "she", "they", ...) the
  span test checks only that the right pronoun was taken, so the rule is stricter: the pronoun must be
  the predicted span AND the predicted speaker's name must share a name word (a surname) with the
  pronoun's antecedent, taken as the PERSON name (spaCy NER of the same doc) inside the nearest gold
  Source before it that holds one (the corpus has no coreference; in news prose a "he said" continues
  the last named source). A speaker is also right, wherever its span lies, when its name shares a name
  word with a non-pronoun gold Source ("Trump" for "he called ..." inside Trump's own attribution).
  *span only* is the bare test (the predicted span overlaps the gold Source, pronouns unchecked,
  names not matched), printed for comparison. *end to end* is the same hit count over all gold quotes with a Source (recall of right speaker and
  overlapping words together).

Anchor: CoreNLP's quote attribution, 87.5 F on fiction (Muzny et al. 2017); aim >= 85% speaker
accuracy on direct quotes. The figures are printed and one JSON line (``"bench": "quotes_polnear"``)
is appended to ``results.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from spacy.tokens import Doc

from sidelines.extract.layout import document_text
from sidelines.model import Article, Quote

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "quotes" / "polnear-dev"
RESULTS = Path(__file__).with_name("results.jsonl")
ANCHOR = "CoreNLP quote attribution 87.5 F (fiction, Muzny et al. 2017)"
AIM_DIRECT_SPEAKER = 85.0
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "their", "who", "which", "that"}
TITLES = {"mr", "mrs", "ms", "dr", "the", "president", "sen", "rep", "gov", "secretary", "senator", "governor"}
OPEN_MARKS, CLOSE_MARKS = '"“‘', '"”'
EDGE = re.compile(r"^[\s\"“”‘’'.,;:—–-]+|[\s\"“”‘’'.,;:—–-]+$")


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    text: str
    direct: bool
    source: tuple[int, int] | None
    source_text: str
    pronoun: bool = False
    antecedent: str | None = None  # for a pronoun source: the person named by the previous gold source


@dataclass
class Tally:
    pred: int = 0
    gold: int = 0
    overlap: int = 0  # pairs, counted by the gold quote's kind (recall)
    overlap_pred: int = 0  # pairs, counted by the predicted quote's kind (precision)
    exact: int = 0
    exact_pred: int = 0
    pred_chars: int = 0
    gold_chars: int = 0
    pred_covered: int = 0
    gold_covered: int = 0
    with_source: int = 0
    judged: int = 0
    right: int = 0
    span_right: int = 0  # the predicted speaker span overlaps the gold Source span, nothing else
    pronoun_judged: int = 0
    pronoun_right: int = 0

    def figures(self) -> dict[str, float | int]:
        def f1(p: float, r: float) -> float:
            return round(2 * p * r / (p + r), 1) if p + r else 0.0

        p, r = _pct(self.overlap_pred, self.pred), _pct(self.overlap, self.gold)
        pe, re_ = _pct(self.exact_pred, self.pred), _pct(self.exact, self.gold)
        pc, rc = _pct(self.pred_covered, self.pred_chars), _pct(self.gold_covered, self.gold_chars)
        return {"pred": self.pred, "gold": self.gold, "overlap_p": p, "overlap_r": r, "overlap_f1": f1(p, r),
                "exact_p": pe, "exact_r": re_, "exact_f1": f1(pe, re_), "char_f1": f1(pc, rc),
                "speaker_judged": self.judged, "speaker_acc": _pct(self.right, self.judged),
                "speaker_span_only_acc": _pct(self.span_right, self.judged),
                "speaker_end_to_end": _pct(self.right, self.with_source),
                "pronoun_judged": self.pronoun_judged, "pronoun_acc": _pct(self.pronoun_right, self.pronoun_judged)}


def _pct(a: int, b: int) -> float:
    return round(100 * a / b, 1) if b else 0.0


def parse_ann(text: str, path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, int, int]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            numbers = [int(x) for x in re.split(r"[ ;]", offsets) if x]
            spans[parts[0]] = (label, min(numbers), max(numbers))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    golds = []
    for event in events:
        if event.get("Content") not in spans:
            continue
        _, start, end = spans[event["Content"]]
        source = spans[event["Source"]][1:] if event.get("Source") in spans else None
        source_text = text[source[0]:source[1]] if source else ""
        golds.append(Gold(start, end, text[start:end], _is_direct(text[start:end]), source, source_text,
                          _is_pronoun(source_text)))
    return golds


def _is_direct(content: str) -> bool:
    stripped = content.strip()
    return bool(stripped) and (stripped[0] in OPEN_MARKS or stripped[-1] in CLOSE_MARKS)


def _is_pronoun(text: str) -> bool:
    return text.strip().lower() in PRONOUNS


def with_antecedents(golds: list[Gold], doc: Doc) -> list[Gold]:
    """Each pronoun source's antecedent: the PERSON inside the nearest earlier gold Source naming one."""
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    named = sorted({(g.source, e.text) for g in golds if g.source and not g.pronoun for e in people
                    if g.source[0] <= e.start_char and e.end_char <= g.source[1]})
    out = []
    for g in golds:
        before = [name for source, name in named if g.pronoun and g.source and source[1] <= g.source[0]]
        out.append(replace(g, antecedent=before[-1]) if before else g)
    return out


def _norm(text: str) -> str:
    text = EDGE.sub("", text.replace("\n", " "))
    return re.sub(r"\s+", " ", re.sub(r"^that\s+", "", text, flags=re.IGNORECASE)).lower()


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _names(text: str) -> set[str]:
    words = re.findall(r"[A-Z][A-Za-z'’-]{2,}", text)
    return {w.lower() for w in words if w.lower() not in PRONOUNS | TITLES}


def speaker_right(quote: Quote, gold: Gold) -> bool:
    span = quote.speaker.span
    if gold.source is None:
        return False
    if not gold.pronoun and _names(quote.speaker.name) & _names(gold.source_text):
        return True
    if span is None or _overlap((span.start, span.end), gold.source) == 0:
        return False
    return gold.antecedent is None or bool(_names(quote.speaker.name) & _names(gold.antecedent))


def _span_hit(quote: Quote, gold: Gold) -> bool:
    span = quote.speaker.span
    return span is not None and gold.source is not None and _overlap((span.start, span.end), gold.source) > 0


def pair(preds: list[Quote], golds: list[Gold]) -> list[tuple[Quote, Gold]]:
    """One-to-one pairs, largest character overlap first."""
    candidates = sorted(((_overlap((q.start, q.end), (g.start, g.end)), i, j) for i, q in enumerate(preds)
                         for j, g in enumerate(golds)), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for size, i, j in candidates:
        if size == 0:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((preds[i], golds[j]))
    return pairs


def score(preds: list[Quote], golds: list[Gold], tallies: dict[str, Tally], errors: list[str]) -> None:
    for q in preds:
        for key in ("all", "direct" if q.direct else "indirect"):
            tallies[key].pred += 1
            tallies[key].pred_chars += q.end - q.start
            tallies[key].pred_covered += max((_overlap((q.start, q.end), (g.start, g.end)) for g in golds),
                                             default=0)
    for g in golds:
        for key in ("all", "direct" if g.direct else "indirect"):
            tallies[key].gold += 1
            tallies[key].gold_chars += g.end - g.start
            tallies[key].gold_covered += max((_overlap((q.start, q.end), (g.start, g.end)) for q in preds),
                                             default=0)
            tallies[key].with_source += g.source is not None
    for q, g in pair(preds, golds):
        right = speaker_right(q, g)
        exact = _norm(q.text) == _norm(g.text)
        for key in ("all", "direct" if q.direct else "indirect"):
            tallies[key].overlap_pred += 1
            tallies[key].exact_pred += exact
        for key in ("all", "direct" if g.direct else "indirect"):
            t = tallies[key]
            t.overlap += 1
            t.exact += exact
            if g.source is not None:
                t.judged += 1
                t.right += right
                t.span_right += _span_hit(q, g)
                t.pronoun_judged += g.pronoun
                t.pronoun_right += right and g.pronoun
        if g.source is not None and not right:
            errors.append(f"speaker {q.speaker.name!r} (span {q.speaker.span.text if q.speaker.span else None!r})"
                          f" vs gold {g.source_text!r}{' -> ' + repr(g.antecedent) if g.antecedent else ''}"
                          f" :: {g.text[:70]!r}")


def load(data: Path) -> list[tuple[str, str, list[Gold]]]:
    articles = []
    for text_path in sorted((data / "text").glob("*.txt")):
        anns = sorted((data / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append((text_path.stem, text, parse_ann(text, anns[0])))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--label", default="")
    parser.add_argument("--errors", type=int, default=0, help="print this many speaker errors")
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()

    from sidelines.pipeline import Analyser

    started = time.perf_counter()
    analyser = Analyser.load()
    load_s = time.perf_counter() - started
    articles = load(args.data)
    tallies: dict[str, Tally] = defaultdict(Tally)
    errors: list[str] = []
    started = time.perf_counter()
    for article_id, text, golds in articles:
        doc_text, layout = document_text(Article(id=article_id, text=text))
        doc = analyser.nlp(doc_text)
        preds = analyser.quotes(doc, article_id, layout)
        score(preds, with_antecedents(golds, doc), tallies, errors)
    seconds = time.perf_counter() - started
    results = {key: tallies[key].figures() for key in ("all", "direct", "indirect")}
    print(f"PolNeAR dev: {len(articles)} articles, {results['all']['gold']} gold quotes "
          f"({results['direct']['gold']} direct, {results['indirect']['gold']} indirect), "
          f"{results['all']['pred']} predicted; load {load_s:.1f}s, run {seconds:.1f}s")
    print(f"{'':9} {'pred':>5} {'gold':>5} {'ovl P':>6} {'ovl R':>6} {'ovl F1':>6} {'exact F1':>8} {'char F1':>7} "
          f"{'spk n':>6} {'spk acc':>7} {'spk e2e':>7} {'pron acc':>8} {'span only':>9}")
    for key, r in results.items():
        print(f"{key:9} {r['pred']:>5} {r['gold']:>5} {r['overlap_p']:>6} {r['overlap_r']:>6} {r['overlap_f1']:>6} "
              f"{r['exact_f1']:>8} {r['char_f1']:>7} {r['speaker_judged']:>6} {r['speaker_acc']:>7} "
              f"{r['speaker_end_to_end']:>7} {r['pronoun_acc']:>8} {r['speaker_span_only_acc']:>9}")
    print(f"aim: speaker accuracy on direct quotes >= {AIM_DIRECT_SPEAKER}% -> "
          f"{results['direct']['speaker_acc']}%; anchor: {ANCHOR}")
    for line in errors[:args.errors]:
        print("  ", line)
    if not args.no_append:
        record = {"bench": "quotes_polnear", "when": datetime.now(UTC).isoformat(timespec="seconds"),
                  "commit": _commit(), "label": args.label, "articles": len(articles), "seconds": round(seconds, 1),
                  **results, "anchor": ANCHOR, "aim_direct_speaker_acc": AIM_DIRECT_SPEAKER}
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=Path(__file__).parent, check=True).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    main()
