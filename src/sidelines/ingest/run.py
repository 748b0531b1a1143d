"""One ingest run: read paths, analyse new articles, store them and merge them into events, batch by batch.

A file that cannot be read is reported and counted, never fatal. So is an article that was read but
fails later (hashing, the model, extraction, resolution, merging or writing): it becomes one line
(``E021``), is kept in the store as failed (``articles.analysis`` starts with ``failed:``, nothing derived
from it is stored) and the next run tries it again. Each batch is written in one transaction, so an
interrupted run leaves whole batches and a re-run completes it; a batch that fails is written again
article by article, so one bad article costs one article.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path

from sidelines.errors import ArticleFailed, DuplicateNotice, InputError, Notice, NotReadAgain, TooLongForModel
from sidelines.extract.layout import document_text
from sidelines.ingest import read_paths
from sidelines.ingest.language import ENGLISH
from sidelines.ingest.story_day import dated_by_merging
from sidelines.merge.cluster import EventBuilder
from sidelines.merge.incremental import merge_new
from sidelines.model import Article
from sidelines.pipeline import Analyser, Analysis
from sidelines.store import Store

#: The ``articles.analysis`` note of an article kept as failed starts with this.
FAILED = "failed: "
_LINE_SUFFIX = re.compile(r":\d+$")


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    duplicates: int = 0
    stored: int = 0
    mentions: int = 0
    reports: int = 0
    events_touched: int = 0
    #: Undated articles analysed again against the day other reports gave their engagement.
    read_again: int = 0
    failures: list[str] = field(default_factory=list)
    #: (article id, language) of each article stored without analysis: it is not in English.
    not_english: list[tuple[str, str]] = field(default_factory=list)
    #: One line per thing the user should know that is no failure (a duplicate under another name,
    #: a file read in a code page other than UTF-8).
    notices: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


Progress = Callable[[IngestSummary, str], None]


def is_failed(analysis: Analysis) -> bool:
    """An analysis that stands for an article kept as failed (stored with its reason, nothing else)."""
    return (analysis.note or "").startswith(FAILED)


def failed_analysis(article: Article, error: BaseException, stage: str = "analysis") -> Analysis:
    """What is stored for an article that failed: the article, no derived rows, and the one-line reason."""
    return Analysis(article, (), (), note=FAILED + _failure(article, error, stage))


def _failure(article: Article, error: BaseException, stage: str = "analysis") -> str:
    """The one-line error of an article that failed: code, file and record, cause, what to do."""
    if isinstance(error, ArticleFailed):
        return str(error)
    cause = (str(error).splitlines() or [""])[0][:300]
    return str(ArticleFailed(_where(article), f"{stage} failed ({type(error).__name__}: {cause})"))


def _where(article: Article) -> str:
    return f"{article.source_path or article.id} (article {article.id})"


# -- choosing the articles to analyse -------------------------------------------------------------


@dataclass(slots=True)
class _Seen:
    """What this run has read so far: texts (content hash -> where) and ids (id -> (hash, file))."""

    texts: dict[str, str] = field(default_factory=dict)
    ids: dict[str, tuple[str, str]] = field(default_factory=dict)


#: Articles read ahead to look up in the store at once (what was stored before this run).
LOOKUP_CHUNK = 64


def _new_articles(items: Iterable[Article | InputError], store: Store, summary: IngestSummary,
                  progress: Progress | None) -> Iterator[Article]:
    seen = _Seen()
    for item, known in _looked_up(items, store):
        if isinstance(item, Notice):
            summary.notices.append(str(item))
            continue
        if isinstance(item, InputError):
            summary.failures.append(str(item))
            if progress:
                progress(summary, item.what)
            continue
        summary.read += 1
        try:
            article = _admitted(item, store, seen, summary, known)
        except Exception as error:  # noqa: BLE001 (hashing or looking one article up must not stop the run)
            summary.failures.append(_failure(item, error, "hashing or looking up"))
            article = None
        if progress:  # counted as read, inside a JSONL or WARC file too, not only when its batch is stored
            progress(summary, item.id)
        if article is None:
            continue
        yield article


#: What the store held before this run under an article's id or text (``Store.stored_as``), by article id.
StoredRow = dict[str, tuple[str, str, str | None, str | None] | None]


def _looked_up(items: Iterable[Article | InputError], store: Store) -> Iterator[tuple[Article | InputError, StoredRow]]:
    """Each item with what the store held under its id or text before this run (``LOOKUP_CHUNK`` at a
    time; what this run stores itself is in ``_Seen``)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, LOOKUP_CHUNK)):
        articles = [i for i in chunk if isinstance(i, Article)]
        try:
            known = store.stored_as_many(articles)
        except Exception:  # noqa: BLE001 (one odd record must not stop the run: it is looked up alone)
            known = {}
        for item in chunk:
            yield item, known


def _admitted(article: Article, store: Store, seen: _Seen, summary: IngestSummary,
              known: StoredRow | None = None) -> Article | None:
    """The article to analyse (renamed when its name is another article's), or None for a duplicate."""
    text = article.content_hash
    if text in seen.texts:
        _duplicate(article, seen.texts[text], summary)
        return None
    earlier = seen.ids.get(article.id)
    if earlier is not None:
        if earlier[1] == _file_of(article) or not _named_by_file(article):
            _repeated_id(article, summary)
            return None
        article = _renamed(article)
    stored = known[article.id] if known is not None and article.id in known else store.stored_as(article)
    if stored is not None:
        stored_id, stored_text, stored_path, note = stored
        if stored_text == text and (note or "").startswith(FAILED):
            article = replace(article, id=stored_id)  # failed before: tried again
        elif stored_text == text:
            same_place = stored_id == article.id and stored_path == article.source_path
            _duplicate(article, None if same_place else f"{stored_path} (article {stored_id})", summary)
            return None
        elif _other_article(article, stored_path):
            return _admitted(_renamed(article), store, seen, summary) if not _is_renamed(article) else article
    seen.texts[text] = _where(article)
    seen.ids[article.id] = (text, _file_of(article))
    return article


def _duplicate(article: Article, other: str | None, summary: IngestSummary) -> None:
    """Count a true duplicate; say so when it comes under another name (a re-read is not news)."""
    summary.duplicates += 1
    if other is not None:
        summary.notices.append(str(DuplicateNotice(_where(article), f"the same text as {other}; not stored twice")))


def _repeated_id(article: Article, summary: IngestSummary) -> None:
    """A record whose own id an earlier record of this run had, with another text: the first is kept."""
    summary.duplicates += 1
    summary.notices.append(str(DuplicateNotice(_where(article), "an earlier record of this run has the same id and "
                                               "another text; the earlier one was kept", "give each record its own id")))


def _other_article(article: Article, stored_path: str | None) -> bool:
    """Same id, other text, from another file, and the id is only the file's name: a different
    article that happens to share the name (``a/report.txt`` and ``b/report.txt``, ``x.txt`` and
    ``x.html``), not an edit of the stored one. An id a record or a URL gives is believed."""
    return stored_path is not None and _file_of(article) != _LINE_SUFFIX.sub("", stored_path) and _named_by_file(article)


def _file_of(article: Article) -> str:
    return _LINE_SUFFIX.sub("", article.source_path or "")


def _named_by_file(article: Article) -> bool:
    source = article.source_path or ""
    stem = Path(_LINE_SUFFIX.sub("", source)).stem
    line = _LINE_SUFFIX.search(source)
    return article.id == stem or (line is not None and article.id == f"{stem}-{line.group()[1:]}")


def _renamed(article: Article) -> Article:
    """The id falls back to the name and the start of the content hash: stable over runs."""
    return replace(article, id=f"{article.id}-{article.content_hash[:8]}")


def _is_renamed(article: Article) -> bool:
    return article.id.endswith(f"-{article.content_hash[:8]}")


# -- the run ----------------------------------------------------------------------------------------


def ingest(paths: Iterable[str | Path], store: Store, analyser: Analyser,
           progress: Progress | None = None) -> IngestSummary:
    """Ingest every article under ``paths`` (files, folders, or article URLs) into ``store``."""
    from sidelines.ingest.pages import is_url, read_urls  # network code only when asked for

    given = [str(p) for p in paths]
    urls = [p for p in given if is_url(p)]
    files = [p for p in given if not is_url(p)]
    items = chain(read_paths(files, analyser.settings, notices=True), read_urls(urls, analyser.settings) if urls else ())
    return ingest_articles(items, store, analyser, progress)


def ingest_articles(items: Iterable[Article | InputError], store: Store, analyser: Analyser,
                    progress: Progress | None = None) -> IngestSummary:
    """Analyse and store what a reader yields: articles new to the store, batch by batch; errors counted."""
    summary = IngestSummary()
    analyses = analyse_guarded(_new_articles(items, store, summary, progress), analyser)
    while batch := list(islice(analyses, analyser.settings.store_batch)):
        store_batch(batch, store, analyser.events, summary, progress)
        read_again_dated([a.article.id for a in batch if not is_failed(a)], store, analyser, summary)
    return summary


def analyses_dated_by_merging(article_ids: Sequence[str], store: Store, analyser: Analyser) -> list[Analysis]:
    """The undated articles the batch ``article_ids`` gave a dated event, analysed again against the
    story's day (``sidelines.ingest.story_day``); one that fails is left out."""
    articles = dated_by_merging(article_ids, store)
    return [a for a in analyse_guarded(articles, analyser) if not is_failed(a)] if articles else []


def read_again_dated(article_ids: Sequence[str], store: Store, analyser: Analyser, summary: IngestSummary) -> None:
    """Write ``analyses_dated_by_merging`` in their own transaction (one at a time when that fails),
    counted in ``summary``; one that cannot be written keeps its first reading, with an ``E026`` notice."""
    analyses = analyses_dated_by_merging(article_ids, store, analyser)
    if not analyses:
        return
    try:
        write_batch(analyses, store, analyser.events, keep_articles=True)
    except Exception:  # noqa: BLE001 (then one at a time, below)
        each = analyses
    else:
        summary.read_again += len(analyses)
        each = []
    for analysis in each:
        try:
            write_batch([analysis], store, analyser.events, keep_articles=True)
        except Exception as error:  # noqa: BLE001 (the transaction is rolled back: the first reading stays)
            notice = NotReadAgain(_where(analysis.article), f"not read again against the story's day ({error})")
            summary.notices.append(str(notice))
        else:
            summary.read_again += 1


def analyse_guarded(articles: Iterable[Article], analyser: Analyser) -> Iterator[Analysis]:
    """One Analysis per article (in input order, but for those over the model's limit, which fail at
    once); an article that fails gets a failed analysis instead. The articles stream through one
    ``analyse`` (one model run, or one pool of workers); only when it raises are the articles it held
    analysed again in halves to find the one that failed, and the stream goes on after them."""
    source = iter(articles)
    limit = getattr(getattr(analyser, "nlp", None), "max_length", None)  # a pool of workers has no model here
    bound = getattr(analyser.settings, "analysis_max_chars", None)
    while True:
        fed: deque[Article] = deque()
        refused: deque[Analysis] = deque()
        try:
            for analysis in analyser.analyse(_fed(source, fed, refused, limit, bound)):
                fed.popleft()
                yield analysis
                yield from _drain(refused)
        except Exception as error:  # noqa: BLE001 (one article's failure must cost that article only)
            yield from _drain(refused)
            yield from _narrowed(list(fed), error, analyser)
            continue
        yield from _drain(refused)
        return


def _fed(source: Iterator[Article], fed: deque[Article], refused: deque[Analysis], limit: int | None,
        bound: int | None) -> Iterator[Article]:
    """The articles for the model, each noted in ``fed`` until its analysis comes back; one that the
    model would read more of than its length limit goes to ``refused`` as failed instead."""
    for article in source:
        if limit is not None and article.language == ENGLISH and _size(article, bound) > limit:
            refused.append(failed_analysis(article, _too_long(article, limit, bound)))
            continue
        fed.append(article)
        yield article


def _drain(queue: deque[Analysis]) -> Iterator[Analysis]:
    while queue:
        yield queue.popleft()


def _narrowed(articles: Sequence[Article], error: BaseException, analyser: Analyser) -> list[Analysis]:
    """``articles`` failed together with ``error``: each half is analysed again, down to the ones that fail."""
    if len(articles) == 1:
        return [failed_analysis(articles[0], error)]
    half = len(articles) // 2
    return _analyse_each(articles[:half], analyser) + _analyse_each(articles[half:], analyser)


def _analyse_each(articles: Sequence[Article], analyser: Analyser) -> list[Analysis]:
    """Analyse ``articles`` together; when that fails, narrow it down (``_narrowed``)."""
    if not articles:
        return []
    try:
        done = list(analyser.analyse(articles))
        if len(done) == len(articles):
            return done
        error: BaseException = RuntimeError(f"{len(done)} analyses for {len(articles)} articles")
    except Exception as exc:  # noqa: BLE001 (one article's failure must cost that article only)
        error = exc
    return _narrowed(articles, error, analyser)


def _size(article: Article, bound: int | None = None) -> int:
    """The characters the model is given: title and body, the body read up to ``bound`` (the
    ``analysis_max_chars`` setting) at most."""
    body = len(article.text) if bound is None else min(len(article.text), bound)
    return len(document_text(replace(article, text=""))[0]) + body


def _too_long(article: Article, limit: int, bound: int | None) -> TooLongForModel:
    return TooLongForModel(_where(article), f"{_size(article, bound):,} characters, over the language model's "
                           f"limit of {limit:,}")


def write_batch(batch: Sequence[Analysis], store: Store, builder: EventBuilder, keep_articles: bool = False) -> int:
    """One batch in one transaction: the articles and what they yield, then the merge stage's plan for
    the events they touch. Returns the number of events written."""
    with store.transaction():
        return write_in_transaction(batch, store, builder, keep_articles)


def write_in_transaction(batch: Sequence[Analysis], store: Store, builder: EventBuilder,
                         keep_articles: bool = False) -> int:
    """``write_batch`` inside a transaction the caller holds (re-analysis replaces a whole store at once)."""
    rebuild = store.add(batch, keep_articles=keep_articles)
    plan = merge_new([r for a in batch for r in a.reports], store, builder, rebuild)
    return store.apply(plan)


def write_guarded(batch: Sequence[Analysis], store: Store, builder: EventBuilder) -> tuple[list[Analysis], int]:
    """``write_batch``, and when the batch fails, each article in its own transaction; an article that
    cannot be written is kept as failed (or, when even that fails, only reported). Returns one outcome
    per article (its analysis, or a failed one) and the number of events written."""
    try:
        return list(batch), write_batch(batch, store, builder)
    except Exception as error:  # noqa: BLE001 (merging or writing one article must not lose the batch)
        if len(batch) == 1:
            return [_write_failed(batch[0], error, store, builder)], 0
    outcomes: list[Analysis] = []
    events = 0
    for analysis in batch:
        done, touched = write_guarded([analysis], store, builder)
        outcomes += done
        events += touched
    return outcomes, events


def _write_failed(analysis: Analysis, error: BaseException, store: Store, builder: EventBuilder) -> Analysis:
    """Keep an article that could not be written as failed; say so when even that cannot be stored."""
    failed = analysis if is_failed(analysis) else failed_analysis(analysis.article, error, "merging or storing")
    try:
        write_batch([failed], store, builder)
    except Exception:  # noqa: BLE001 (the article itself cannot be stored: it is reported only)
        return replace(failed, note=f"{failed.note} (and it could not be kept in the store)")
    return failed


def store_batch(batch: list[Analysis], store: Store, builder: EventBuilder, summary: IngestSummary,
                progress: Progress | None = None) -> None:
    """Write one batch of analysed articles (one transaction, or one per article when it fails) and
    count it in ``summary``: a failed article is a failure line, the others are stored."""
    outcomes, events = write_guarded(batch, store, builder)
    summary.events_touched += events
    for analysis in outcomes:
        _count(analysis, summary)
        if progress:
            progress(summary, analysis.article.id)


def _count(analysis: Analysis, summary: IngestSummary) -> None:
    if is_failed(analysis):
        summary.failures.append((analysis.note or "")[len(FAILED):])
        return
    summary.stored += 1
    if analysis.article.language != ENGLISH:
        summary.not_english.append((analysis.article.id, analysis.article.language))
    summary.mentions += len(analysis.mentions)
    summary.reports += len(analysis.reports)
