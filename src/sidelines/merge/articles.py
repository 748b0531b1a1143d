"""Articles -> groups that report one real-world event.

Topic is easy, event is hard: two earthquakes, two rehab stays, two summits share most of their words.
What tells them apart is who, where, when and how many, so a document is three TF-IDF views joined with
weights:

- words: lower-cased content words, for what happened;
- names: capitalised tokens and runs of them ("Tara Reid", "Malibu", "Betty Ford Centre"), leaving out
  capitalised function words and lines in Title Case (headlines), for who and where;
- numbers: figures with a digit ("4.6", "03/14/2013", "1200") plus the years inside them, for when and
  how many.

Each view is a unit-length sublinear TF-IDF vector; the views are scaled by the square root of their
weight and the whole is re-normalised, so the cosine of two documents is a weighted mix of the three.

Grouping runs twice. The coarse pass (all documents, collection IDF) groups by topic at a low mean
similarity (``coarse``). The fine pass recomputes the TF-IDF inside each coarse group, so the vocabulary
a whole topic shares weighs little and the names and figures of each event weigh more, and cuts it at
``threshold``. Both passes are average-linkage agglomerative clustering: the two groups with the highest
mean pairwise similarity merge, until no pair of groups reaches the cut. When dates are given, the
similarity of two dated articles shrinks with the days between them (no penalty inside ``same_days``,
nothing left after ``max_days``), so look-alike events weeks apart stay apart.

Complexity, for n documents with vectors of at most t terms and k = ``neighbours``: similarities are
computed ``block`` rows at a time (sparse products, O(n^2 * t) time in the worst case, O(block * n)
memory); only each document's k most similar documents are kept, so the graph has at most n * k edges.
Average linkage runs on that sparse graph with a heap (O(E log E) time, E <= n * k edges, O(E)
memory), treating the pairs left out as similarity 0; below ~k documents per group this is the exact
average linkage. No step is cubic and nothing of size n^2 is held in memory.

Deterministic: no randomness, no model, no download; labels are numbered by first appearance.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix, hstack
from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["DEFAULT_THRESHOLD", "ClusterOptions", "cluster_articles", "document_vectors", "tokenize"]

DEFAULT_THRESHOLD = 0.1

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-\.]*[A-Za-z]|[A-Za-z]|\d[\d,\.:/]*\d|\d")
_GLUED_NUMBER = re.compile(r"(\d) ?([\.:/]) (?=\d)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORD = re.compile(r"(?u)\b[^\W\d_][^\W\d_]+\b")
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_NOT_NAMES = frozenset(STOP_WORDS) | _MONTHS | {"mr", "mrs", "ms", "dr", "said", "says", "st"}


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """Settings other than the cut; the defaults were chosen on ECB+ even topics (bench/ecb_clustering.py).

    ``words``/``names``/``numbers`` weigh the views in the coarse pass, ``fine_weights`` in the fine pass;
    ``coarse`` is the coarse pass's cut (None: one pass at ``threshold`` with collection IDF)."""

    words: float = 1.0
    names: float = 2.0
    numbers: float = 1.0
    fine_weights: tuple[float, float, float] = (1.0, 2.0, 2.0)
    coarse: float | None = 0.05
    same_days: int = 3
    max_days: int = 30
    neighbours: int = 100
    block: int = 512

    def __post_init__(self) -> None:
        if self.max_days <= self.same_days:
            raise ValueError(f"max_days ({self.max_days}) must be above same_days ({self.same_days})")
        if self.neighbours < 1 or self.block < 1:
            raise ValueError("neighbours and block must be at least 1")


def _names(text: str) -> list[str]:
    """Capitalised tokens and runs of them, lower-cased; a capitalised function word is skipped."""
    out: list[str] = []
    for line in text.split("\n"):
        tokens = _TOKEN.findall(line)
        if _title_case(tokens):
            continue
        run: list[str] = []
        for tok in tokens + [""]:
            key = tok.lower().rstrip(".")
            if tok[:1].isupper() and key not in _NOT_NAMES and len(key) > 1:
                out.append(key)
                run.append(key)
                continue
            if len(run) > 1:
                out.append(" ".join(run))
            run = []
    return out


def _title_case(tokens: list[str]) -> bool:
    """A headline in Title Case says nothing about which words are names."""
    long = [t for t in tokens if len(t) > 3 and t[0].isalpha()]
    return len(long) >= 3 and sum(t[0].isupper() for t in long) > 0.7 * len(long)


def _numbers(text: str) -> list[str]:
    """Figures as written ("4.6", "03/14/2013", "7:40") plus any year inside them; lone digits are noise."""
    out: list[str] = []
    for tok in _TOKEN.findall(_GLUED_NUMBER.sub(r"\1\2", text)):
        if not tok[0].isdigit():
            continue
        tok = tok.replace(",", "").rstrip(".")
        if len(tok) > 1:
            out.append(tok)
        out.extend(year for year in _YEAR.findall(tok) if year != tok)
    return out


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


def _view(docs: Sequence[list[str]]) -> csr_matrix | None:
    """Sublinear TF-IDF rows of unit length: tf = 1 + ln(count), idf = 1 + ln((1 + n) / (1 + df))."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, doc in enumerate(docs):
        for tok in doc:
            rows.append(i)
            cols.append(vocab.setdefault(tok, len(vocab)))
    if not vocab:
        return None
    counts = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(vocab)))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=len(vocab))
    idf = np.log((1.0 + len(docs)) / (1.0 + df)) + 1.0
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    counts.eliminate_zeros()
    return _normalize(counts)


Tokens = tuple[list[str], list[str], list[str]]


def tokenize(text: str) -> Tokens:
    """The word, name and number tokens of one text."""
    return _words(text), _names(text), _numbers(text)


def document_vectors(texts: Sequence[str], weights: tuple[float, float, float] = (1.0, 2.0, 1.0)) -> csr_matrix:
    """Rows are unit-length weighted concatenations of the word, name and number TF-IDF views."""
    return _vectors([tokenize(t) for t in texts], weights)


def _vectors(tokens: Sequence[Tokens], weights: tuple[float, float, float]) -> csr_matrix:
    parts = [view * math.sqrt(w) for k, w in enumerate(weights)
             if w > 0 and (view := _view([doc[k] for doc in tokens])) is not None]
    if not parts:
        return csr_matrix((len(tokens), 1))
    return _normalize(hstack(parts, format="csr"))


def cluster_articles(
    texts: Sequence[str],
    dates: Sequence[date | None] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    options: ClusterOptions | None = None,
) -> list[int]:
    """A cluster label per text (0, 1, ... in order of first appearance); equal labels, same event.

    ``dates`` (publication days, None where unknown) keep look-alike events weeks apart from merging.
    ``threshold`` is the mean similarity (fine pass) two groups need to merge: higher splits more.
    """
    options = options or ClusterOptions()
    n = len(texts)
    if dates is not None and len(dates) != n:
        raise ValueError(f"dates has {len(dates)} items for {n} texts; pass one date (or None) per text")
    if n == 0:
        return []
    tokens = [tokenize(t) for t in texts]
    days = _days(dates, n)
    weights = (options.words, options.names, options.numbers)
    if options.coarse is None:
        return _average_linkage(_vectors(tokens, weights), threshold, days, options)
    coarse = _average_linkage(_vectors(tokens, weights), options.coarse, days, options)
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(coarse):
        groups.setdefault(label, []).append(i)
    labels = np.zeros(n, dtype=np.int64)
    next_label = 0
    for members in groups.values():
        vectors = _vectors([tokens[i] for i in members], options.fine_weights)
        local = _average_linkage(vectors, threshold, days[members], options)
        labels[members] = np.asarray(local) + next_label
        next_label += max(local) + 1
    return _renumber(labels)


def _days(dates: Sequence[date | None] | None, n: int) -> np.ndarray:
    """Ordinal days, NaN where unknown."""
    if dates is None:
        return np.full(n, np.nan)
    return np.array([np.nan if d is None else float(d.toordinal()) for d in dates])


def _date_factor(days: np.ndarray, rows: np.ndarray, cols: np.ndarray, options: ClusterOptions) -> np.ndarray:
    gap = np.abs(days[rows] - days[cols])
    factor = 1.0 - (gap - options.same_days) / (options.max_days - options.same_days)
    return np.where(np.isnan(gap), 1.0, np.clip(factor, 0.0, 1.0))


def _neighbour_graph(x: csr_matrix, days: np.ndarray, options: ClusterOptions) -> coo_matrix:
    """Upper-triangle sparse similarities: each row's ``neighbours`` best (date-weighted) positive pairs."""
    n = x.shape[0]
    k = min(options.neighbours, n - 1)
    xt = x.T.tocsc()
    rows, cols, vals = [], [], []
    for start in range(0, n, options.block):
        sims = (x[start:start + options.block] @ xt).toarray()
        local = np.arange(sims.shape[0])
        sims[local, local + start] = 0.0
        if not np.isnan(days).all():
            every = np.broadcast_to(np.arange(n), sims.shape)
            sims *= _date_factor(days, (local + start)[:, None], every, options)
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < n - 1 else np.argsort(-sims, axis=1)[:, :k]
        rows.append(np.repeat(local + start, top.shape[1]))
        cols.append(top.ravel())
        vals.append(np.take_along_axis(sims, top, axis=1).ravel())
    r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    r, c = np.minimum(r, c), np.maximum(r, c)
    keep = (r != c) & (v > 0)
    pairs, first = np.unique(r[keep] * n + c[keep], return_index=True)
    return coo_matrix((v[keep][first], (pairs // n, pairs % n)), shape=(n, n))


def _average_linkage(x: csr_matrix, threshold: float, days: np.ndarray, options: ClusterOptions) -> list[int]:
    """Average-linkage clusters cut at mean similarity ``threshold``, on the sparse neighbour graph.

    Each group keeps the sum of similarities to its neighbouring groups; the heap holds candidate merges
    by mean similarity (sum / (size_a * size_b)), and an entry is stale once either side has merged.
    Ties break on the smaller ids, so the result does not depend on anything but the input."""
    n = x.shape[0]
    if n < 2:
        return [0] * n
    graph = _neighbour_graph(x, days, options)
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(graph.row.tolist(), graph.col.tolist(), graph.data.tolist()):
        links[i][j] = s
        links[j][i] = s
    size = [1] * n
    version = [0] * n
    heap = [(-s, i, j, 0, 0) for i, j, s in zip(graph.row.tolist(), graph.col.tolist(), graph.data.tolist())
            if s >= threshold]
    heapq.heapify(heap)
    owner = list(range(n))
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if version[a] != va or version[b] != vb or owner[a] != a or owner[b] != b:
            continue
        if len(links[a]) < len(links[b]):
            a, b = b, a
        owner[b] = a
        del links[a][b]
        del links[b][a]
        for c, s in links[b].items():
            del links[c][b]
            total = links[a].get(c, 0.0) + s
            links[a][c] = total
            links[c][a] = total
        links[b] = {}
        size[a] += size[b]
        version[a] += 1
        for c, total in links[a].items():
            mean = total / (size[a] * size[c])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(a, c), max(a, c), version[min(a, c)], version[max(a, c)]))
    return _renumber(np.array([_root(owner, i) for i in range(n)]))


def _root(owner: list[int], i: int) -> int:
    while owner[i] != i:
        owner[i] = owner[owner[i]]
        i = owner[i]
    return i


def _normalize(x: csr_matrix) -> csr_matrix:
    """Rows scaled to unit length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(x.multiply(1.0 / norms[:, None]))


def _renumber(labels: np.ndarray) -> list[int]:
    seen: dict[int, int] = {}
    return [seen.setdefault(int(label), len(seen)) for label in labels]
