"""How each report of one event tells it: tone, characteristic words, and what only it includes.

- Tone: VADER (Hutto & Gilbert 2014), the lexicon and rules of the ``vaderSentiment`` package loaded
  by its own ``SentimentIntensityAnalyzer``; a report's tone is the mean compound score of its
  sentences, with the shares of positive, negative and neutral words.
- Characteristic words: weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi
  & Quinn 2008, "Fightin' Words") of each report's words and two-word phrases against the other
  reports of the same event, the prior being the pooled counts of all of them; the z-scores rank them.
- Omissions: the topics, quotes and participants a report has that no other report of the event has.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from sidelines.analysis.topics import sentences
from sidelines.model import Quote

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
#: Share of a quote's content words another quote must hold for the two to count as the same words.
SAME_QUOTE = 0.5


@dataclass(frozen=True, slots=True)
class Tone:
    compound: float  # mean of the sentences' compound scores, -1 .. 1
    positive: float  # mean share of positive, negative and neutral words
    negative: float
    neutral: float
    sentences: int

    @property
    def label(self) -> str:
        """VADER's own thresholds: compound >= 0.05 positive, <= -0.05 negative."""
        return "positive" if self.compound >= 0.05 else "negative" if self.compound <= -0.05 else "neutral"


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    z: float  # the log-odds ratio's z-score against the other reports
    count: int  # times in this report


@dataclass(frozen=True, slots=True)
class ReportText:
    """What framing needs of one report: its text and what was found in it."""

    article_id: str
    text: str
    topics: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    participants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Framing:
    article_id: str
    tone: Tone
    terms: tuple[Term, ...]
    only_topics: tuple[str, ...]
    only_quotes: tuple[Quote, ...]
    only_participants: tuple[str, ...]


class ToneReader:
    """VADER's analyser, loaded once (it reads its lexicon from inside its package)."""

    def __init__(self, analyzer: Any | None = None) -> None:
        if analyzer is None:
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            analyzer = SentimentIntensityAnalyzer()
        self.analyzer = analyzer

    def __call__(self, text: str) -> Tone:
        scores = [self.analyzer.polarity_scores(s.text) for s in sentences(text)]
        if not scores:
            return Tone(0.0, 0.0, 0.0, 1.0, 0)

        def mean(key: str) -> float:
            return round(sum(s[key] for s in scores) / len(scores), 3)

        return Tone(mean("compound"), mean("pos"), mean("neg"), mean("neu"), len(scores))


def terms_of(text: str) -> Counter[str]:
    """Content words (lowercase, no stop words, no numbers) and the two-word phrases they form."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    words = [w.removesuffix("'s") for w in words]
    keep = [w if w not in STOP_WORDS and len(w) > 2 else None for w in words]
    counts = Counter(w for w in keep if w)
    counts.update(f"{a} {b}" for a, b in itertools.pairwise(keep) if a and b)
    return counts


def log_odds(target: Counter[str], others: Counter[str], prior: Counter[str], top: int = 10,
             min_count: int = 2) -> list[Term]:
    """Monroe et al.'s weighted log-odds with an informative Dirichlet prior: the terms most over-used
    in ``target`` against ``others``, by z-score, each used at least ``min_count`` times."""
    n1, n2, a0 = sum(target.values()), sum(others.values()), sum(prior.values())
    found = []
    for term, y1 in target.items():
        if y1 < min_count:
            continue
        a, y2 = prior[term], others[term]
        delta = math.log((y1 + a) / (n1 + a0 - y1 - a)) - math.log((y2 + a) / (n2 + a0 - y2 - a))
        found.append(Term(term, round(delta / math.sqrt(1 / (y1 + a) + 1 / (y2 + a)), 2), y1))
    found.sort(key=lambda t: (-t.z, t.text))
    return [t for t in _drop_parts(found) if t.z > 0][:top]


def _drop_parts(terms: list[Term]) -> list[Term]:
    """A word that only ever appears inside a better-ranked phrase says nothing the phrase does not."""
    kept: list[Term] = []
    for term in terms:
        if not any(" " in k.text and term.text in k.text.split() and k.count >= term.count for k in kept):
            kept.append(term)
    return kept


def same_words(a: Quote, b: Quote) -> bool:
    """Two quotes say the same: the same speaker (actor, else name) and most of one's content words."""
    if (a.speaker.actor_id or a.speaker.name) != (b.speaker.actor_id or b.speaker.name):
        return False
    wa, wb = set(terms_of(a.text)), set(terms_of(b.text))
    wa, wb = {w for w in wa if " " not in w}, {w for w in wb if " " not in w}
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= SAME_QUOTE


def frame(reports: Sequence[ReportText], tone: ToneReader, top: int = 10) -> list[Framing]:
    """Each report against the others of the same event."""
    counts = [terms_of(r.text) for r in reports]
    prior: Counter[str] = sum(counts, Counter())
    framings = []
    for i, report in enumerate(reports):
        rest = [r for j, r in enumerate(reports) if j != i]
        others: Counter[str] = sum((c for j, c in enumerate(counts) if j != i), Counter())
        terms = log_odds(counts[i], others, prior, top) if rest else []
        framings.append(Framing(
            report.article_id, tone(report.text), tuple(terms),
            tuple(t for t in report.topics if rest and all(t not in r.topics for r in rest)),
            tuple(q for q in report.quotes if rest and not any(same_words(q, o) for r in rest for o in r.quotes)),
            tuple(p for p in report.participants if rest and all(p not in r.participants for r in rest)),
        ))
    return framings
