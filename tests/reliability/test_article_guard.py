"""One bad article costs one article: a failure in any stage after reading (the model, extraction,
resolution, merging, writing) becomes one line, the article is kept as failed and tried again by the
next run, and every other article is stored."""

from __future__ import annotations

from datetime import date

import pytest

from sidelines.ingest import run
from sidelines.ingest.run import ingest_articles
from sidelines.model import Article
from sidelines.pipeline import Analyser
from sidelines.store import Store

TEXTS = {
    "berlin": "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday.",
    "vilnius": "Turkish President Recep Tayyip Erdogan met Swedish Prime Minister Ulf Kristersson in Vilnius on Monday.",
    "delhi": "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in New Delhi on Monday.",
}


def _articles(**extra: str) -> list[Article]:
    texts = {**TEXTS, **extra}
    return [Article(id=k, text=v, title=None, published=date(2023, 3, 20), source_path=f"{k}.txt")
            for k, v in texts.items()]


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "g.duckdb") as opened:
        yield opened


def _failing_on(monkeypatch, article_id: str, stage: str = "analyse_doc") -> None:
    real = getattr(Analyser, stage)

    def failing(self, article, *args, **kwargs):
        if article.id == article_id:
            raise KeyError("a stage broke on this article")
        return real(self, article, *args, **kwargs)

    monkeypatch.setattr(Analyser, stage, failing)


def test_an_analysis_failure_costs_that_article_only(analyser, store, monkeypatch):
    _failing_on(monkeypatch, "vilnius")
    summary = ingest_articles(_articles(), store, analyser)
    assert summary.stored == 2 and summary.failed == 1
    line = summary.failures[0]
    assert line.startswith("E021: vilnius.txt (article vilnius): analysis failed (KeyError") and "\n" not in line
    failed = store.article("vilnius")
    assert failed is not None and failed["analysis"].startswith("failed: E021")
    assert store.db.execute("SELECT count(*) FROM mentions WHERE article_id = 'vilnius'").fetchone()[0] == 0
    assert store.article("berlin")["analysis"] is None and store.article("delhi")["analysis"] is None


def test_the_next_run_retries_a_failed_article(analyser, store, monkeypatch):
    with monkeypatch.context() as patched:
        _failing_on(patched, "vilnius")
        ingest_articles(_articles(), store, analyser)
    summary = ingest_articles(_articles(), store, analyser)
    assert summary.stored == 1 and summary.duplicates == 2 and summary.failed == 0
    assert store.article("vilnius")["analysis"] is None and store.failed_articles() == []


def test_a_merge_failure_costs_that_article_only(analyser, store, monkeypatch):
    real = run.merge_new

    def failing(reports, *args, **kwargs):
        if any(s.article_id == "delhi" for r in reports for s in r.sources):
            raise ValueError("the merge broke on this report")
        return real(reports, *args, **kwargs)

    monkeypatch.setattr(run, "merge_new", failing)
    summary = ingest_articles(_articles(), store, analyser)
    assert summary.stored == 2 and summary.failed == 1
    assert summary.failures[0].startswith("E021: delhi.txt (article delhi): merging or storing failed (ValueError")
    assert store.article("delhi")["analysis"].startswith("failed: ")
    assert store.counts()["events"] >= 2


def test_a_text_over_the_models_limit_fails_and_one_just_under_is_analysed(analyser, store, monkeypatch):
    monkeypatch.setattr(analyser.nlp, "max_length", 2_000)
    sentence = "The two delegations met again in Geneva and talked about trade. "
    under = (TEXTS["berlin"] + " " + sentence * 40)[:1_999]
    over = (TEXTS["delhi"] + " " + sentence * 40)[:2_001]
    articles = [Article(id="under", text=under, source_path="under.txt"),
                Article(id="over", text=over, source_path="over.txt")]
    summary = ingest_articles(articles, store, analyser)
    assert summary.stored == 1 and summary.failed == 1
    assert summary.failures[0] == ("E022: over.txt (article over): 2,001 characters, over the language model's "
                                   "limit of 2,000; split the article, or keep analysis_max_chars under the "
                                   "model's max_length")
    assert store.article("under")["analysis"] is None


def test_same_name_different_text_from_another_file_is_another_article(analyser, store):
    first = Article(id="report", text=TEXTS["berlin"], source_path="a/report.txt")
    second = Article(id="report", text=TEXTS["delhi"], source_path="b/report.txt")
    summary = ingest_articles([first, second], store, analyser)
    assert summary.stored == 2
    later = Article(id="report", text=TEXTS["vilnius"], source_path="c/report.txt")
    assert ingest_articles([later], store, analyser).stored == 1
    assert len(store.article_ids()) == 3 and store.article("report")["text"] == TEXTS["berlin"]
    assert ingest_articles([first, second, later], store, analyser).duplicates == 3  # stable names


def test_an_edited_file_replaces_its_article(analyser, store):
    ingest_articles([Article(id="report", text=TEXTS["berlin"], source_path="a/report.txt")], store, analyser)
    edited = Article(id="report", text=TEXTS["berlin"] + " They discussed energy.", source_path="a/report.txt")
    assert ingest_articles([edited], store, analyser).stored == 1
    assert store.article_ids() == ["report"] and store.article("report")["text"].endswith("energy.")


def test_a_true_duplicate_under_another_name_is_reported_as_such(analyser, store):
    original = Article(id="report", text=TEXTS["berlin"], source_path="a/report.txt")
    copy = Article(id="copy", text=TEXTS["berlin"], source_path="copy.txt")
    summary = ingest_articles([original, copy], store, analyser)
    assert summary.stored == 1 and summary.duplicates == 1 and summary.failed == 0
    notice = ("E025: copy.txt (article copy): the same text as a/report.txt (article report); "
              "not stored twice; the same text was stored once; nothing to do")
    assert summary.notices == [notice]


def test_a_failure_of_the_whole_model_batch_is_narrowed_to_its_article(analyser, store, monkeypatch):
    real = Analyser.analyse
    calls: list[int] = []

    def batch_failing(self, articles):
        articles = list(articles)
        calls.append(len(articles))
        if any(a.id == "m5" for a in articles):
            raise RuntimeError("the model failed on this batch")
        return real(self, articles)

    monkeypatch.setattr(Analyser, "analyse", batch_failing)
    many = [Article(id=f"m{n}", text=f"{TEXTS['berlin']} They met for the {n + 1}th time.", source_path=f"m{n}.txt")
            for n in range(12)]
    summary = ingest_articles(many, store, analyser)
    assert summary.stored == 11 and summary.failed == 1
    assert summary.failures[0].startswith("E021: m5.txt (article m5): analysis failed (RuntimeError")
    assert calls[0] == 12 and len(calls) <= 10  # the stream, then halves down to the article (not 12 retries)


def test_a_record_id_repeated_in_one_run_keeps_the_first_and_says_so(analyser, store):
    first = Article(id="wire-7", text=TEXTS["berlin"], source_path="feed.jsonl:1")
    again = Article(id="wire-7", text=TEXTS["delhi"], source_path="feed.jsonl:2")
    summary = ingest_articles([first, again], store, analyser)
    assert summary.stored == 1 and summary.duplicates == 1
    assert summary.notices[0].startswith("E025: feed.jsonl:2 (article wire-7): an earlier record of this run")
    assert store.article("wire-7")["text"] == TEXTS["berlin"]


def test_an_article_the_store_cannot_take_is_reported_and_the_batch_is_stored(analyser, store, monkeypatch):
    real = Store.add

    def refusing(self, analyses, *args, **kwargs):
        if any(a.article.id == "delhi" for a in analyses):
            raise UnicodeEncodeError("utf-8", "x", 0, 1, "the store cannot take this text")
        return real(self, analyses, *args, **kwargs)

    monkeypatch.setattr(Store, "add", refusing)
    summary = ingest_articles(_articles(), store, analyser)
    assert summary.stored == 2 and summary.failed == 1
    assert summary.failures[0].startswith("E021: delhi.txt (article delhi): merging or storing failed (UnicodeEncodeError")
    assert summary.failures[0].endswith("(and it could not be kept in the store)")
    assert sorted(store.article_ids()) == ["berlin", "vilnius"]
