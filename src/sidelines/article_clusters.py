"""Articles -> groups that report one real-world event.

Topic is easy, event is hard: two earthquakes, two rehab stays, two summits share almost every word. What
tells them apart is who, where, when and how many, so a document is three TF-IDF views joined with weights:

- ``words``: lower-cased content words (sublinear tf), for what happened;
- ``names``: capitalised tokens and runs of them ("Tara Reid", "Malibu", "Betty Ford Centre"), not
  counting function words that start a sentence, for who and where;
- ``numbers``: tokens with a digit (years, tolls, scores, magnitudes, ages), for when and how many.

Each view is L2-normalised, scaled by its weight and the whole re-normalised, so cosine similarity is a
weighted mix of the three views. When dates are given, the similarity of two dated articles shrinks with
the days between them (no penalty inside ``same_days``, zero after ``max_days``).

Grouping is average-linkage agglomerative clustering, cut where the mean similarity between two groups
drops below ``threshold``. Two groups merge only if some pair across them is at least ``threshold``
similar, so every final group lies inside one connected component of the graph "similarity >=
threshold". The graph is built from blocked sparse products and linkage runs per component, which gives
the same result as linkage over all documents at once.

Complexity, for n documents: the similarity graph costs O(n^2 / block) sparse products of ``block`` rows
each (time roughly proportional to the number of document pairs sharing a term, memory O(n * block +
edges)); linkage costs O(m^2) time and memory per component of m documents (SciPy's nearest-neighbour
chain). Components stay small for news, so 20k articles take seconds to a minute; one giant component
(all documents near-duplicates) falls back to O(n^2) memory.

Deterministic: no randomness, no model, no download; labels are numbered by first appearance.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix, hstack
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.preprocessing import normalize

__all__ = ["ClusterOptions", "cluster_articles", "similarity_matrix"]

DEFAULT_THRESHOLD = 0.2

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-\.]*[A-Za-z]|[A-Za-z]|\d[\d,\.:/]*\d|\d")
_GLUED_NUMBER = re.compile(r"(\d) ?([\.:/]) (?=\d)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORD = re.compile(r"(?u)\b[^\W\d_][^\W\d_]+\b")
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_NOT_NAMES = frozenset(ENGLISH_STOP_WORDS) | _MONTHS | {"mr", "mrs", "ms", "dr", "said", "says", "st"}


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """Weights of the three views and the date decay; the defaults were tuned on ECB+ (see bench)."""

    words: float = 1.0
    names: float = 1.0
    numbers: float = 0.5
    linkage: str = "average"
    same_days: int = 3
    max_days: int = 30
    block: int = 2048
    coarse: float | None = None
    min_refine: int = 4
    refine_idf_offset: float = 1.0
    refine_weights: tuple[float, float, float] | None = None


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
    return [w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]


def _view(docs: Sequence[list[str]], idf_offset: float) -> csr_matrix | None:
    """Sublinear TF-IDF rows, unit length: tf = 1 + ln(count), idf = ln((1 + n) / (1 + df)) + offset.

    With offset 0 a term in every document weighs nothing, which is what lets the second pass ignore
    the vocabulary a whole topic shares."""
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
    idf = np.log((1.0 + len(docs)) / (1.0 + df)) + idf_offset
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    counts.eliminate_zeros()
    return normalize(counts)


def document_vectors(texts: Sequence[str], options: ClusterOptions = ClusterOptions(),
                     idf_offset: float = 1.0, weights: tuple[float, float, float] | None = None) -> csr_matrix:
    """Rows are unit-length weighted concatenations of the word, name and number TF-IDF views."""
    w_words, w_names, w_numbers = weights or (options.words, options.names, options.numbers)
    views = [
        (w_words, [_words(t) for t in texts]),
        (w_names, [_names(t) for t in texts]),
        (w_numbers, [_numbers(t) for t in texts]),
    ]
    parts = [view * math.sqrt(w) for w, docs in views
             if w > 0 and (view := _view(docs, idf_offset)) is not None]
    if not parts:
        return csr_matrix((len(texts), 1))
    return normalize(hstack(parts, format="csr"))


def _date_factor(a: date | None, b: date | None, options: ClusterOptions) -> float:
    if a is None or b is None:
        return 1.0
    gap = abs((a - b).days)
    if gap <= options.same_days:
        return 1.0
    if gap >= options.max_days:
        return 0.0
    return 1.0 - (gap - options.same_days) / (options.max_days - options.same_days)


def _edges(x: csr_matrix, floor: float, block: int) -> csr_matrix:
    """Sparse matrix of cosine similarities >= ``floor`` (diagonal excluded), built block by block."""
    n = x.shape[0]
    xt = x.T.tocsc()
    rows, cols, vals = [], [], []
    for start in range(0, n, block):
        sims = (x[start:start + block] @ xt).tocoo()
        keep = (sims.data >= floor) & (sims.row + start != sims.col)
        rows.append(sims.row[keep] + start)
        cols.append(sims.col[keep])
        vals.append(sims.data[keep])
    r, c, v = (np.concatenate(a) if a else np.zeros(0) for a in (rows, cols, vals))
    return csr_matrix((v, (r, c)), shape=(n, n))


def similarity_matrix(texts: Sequence[str], options: ClusterOptions = ClusterOptions()) -> np.ndarray:
    """Dense cosine similarities of the document vectors (for inspection and small inputs)."""
    x = document_vectors(texts, options)
    return (x @ x.T).toarray()


def cluster_articles(
    texts: Sequence[str],
    dates: Sequence[date | None] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    options: ClusterOptions = ClusterOptions(),
) -> list[int]:
    """A cluster label per text (0, 1, ... in order of first appearance); equal labels, same event.

    ``dates`` (publication days, None where unknown) keep far-apart reports of look-alike events apart.
    ``threshold`` is the mean similarity two groups need to merge: higher splits more.
    """
    n = len(texts)
    if dates is not None and len(dates) != n:
        raise ValueError(f"dates has {len(dates)} items for {n} texts; pass one date (or None) per text")
    if n == 0:
        return []
    texts = list(texts)
    if options.coarse is None:
        return _group(document_vectors(texts, options), threshold, dates, options)
    coarse = _group(document_vectors(texts, options), options.coarse, dates, options)
    labels = np.full(n, -1)
    next_label = 0
    for label in range(max(coarse) + 1):
        members = [i for i, c in enumerate(coarse) if c == label]
        if len(members) < options.min_refine:
            local = [0] * len(members)
        else:
            vectors = document_vectors([texts[i] for i in members], options, options.refine_idf_offset,
                                       options.refine_weights)
            local = _group(vectors, threshold, None if dates is None else [dates[i] for i in members], options)
        labels[members] = np.asarray(local) + next_label
        next_label += max(local) + 1
    return _renumber(labels)


def _group(x: csr_matrix, threshold: float, dates: Sequence[date | None] | None,
           options: ClusterOptions) -> list[int]:
    n = x.shape[0]
    graph = _edges(x, threshold, options.block)
    if dates is not None:
        graph = graph.tocoo()
        factor = np.array([_date_factor(dates[i], dates[j], options) for i, j in zip(graph.row, graph.col)])
        graph = csr_matrix((graph.data * factor, (graph.row, graph.col)), shape=(n, n))
        graph.data[graph.data < threshold] = 0
        graph.eliminate_zeros()
    _, component = connected_components(graph, directed=False)
    labels = np.full(n, -1)
    next_label = 0
    for comp in np.unique(component):
        members = np.flatnonzero(component == comp)
        if len(members) == 1:
            labels[members] = next_label
            next_label += 1
            continue
        sub = (x[members] @ x[members].T).toarray()
        if dates is not None:
            for a, i in enumerate(members):
                for b, j in enumerate(members):
                    sub[a, b] *= _date_factor(dates[i], dates[j], options)
        dist = np.clip(1.0 - sub, 0.0, 2.0)
        np.fill_diagonal(dist, 0.0)
        tree = linkage(squareform(dist, checks=False), method=options.linkage)
        local = fcluster(tree, t=1.0 - threshold, criterion="distance")
        labels[members] = local - 1 + next_label
        next_label += int(local.max())
    return _renumber(labels)


def _renumber(labels: np.ndarray) -> list[int]:
    seen: dict[int, int] = {}
    return [seen.setdefault(int(label), len(seen)) for label in labels]
