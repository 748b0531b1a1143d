"""All the reports of one event side by side: outlet, date, tone, quotes, topics, and what only each says.

Built from the store at compare time: each source article's stored text and quotes, topics from the
vocabulary (``sidelines.analysis.topics``) and framing (``sidelines.analysis.framing``). A report's *event topics* are
those named in the sentences about the event: sentences that name a participant, that speak of the
engagement itself ("the two sides", "the talks", "on the agenda"), or that hold a participant's quote
at it; its *article topics* are the rest of the article's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sidelines.analysis.framing import Framing, ReportText, ToneReader, frame
from sidelines.analysis.topics import TopicTag, TopicVocabulary, sentences
from sidelines.export.events import event_json, quote_json
from sidelines.model import Event, Participant, Quote, Source, Span
from sidelines.store import Store
from sidelines.store.codec import mention_from, plain

#: Words by which a sentence speaks of the engagement itself without naming anyone.
EVENT_WORDS = re.compile(
    r"\b(two sides|both sides|the sides|the two|the ministers|two ministers|both ministers|foreign ministers|the leaders|"
    r"the meeting|the talks|"
    r"agenda|exchanged views|exchange of views|discussed|counterpart|the visit|the call)\b",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReportView:
    """One article's report of the event, and how it differs from the others."""

    article_id: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    role: str
    evidence: tuple[Span, ...]
    topics: tuple[TopicTag, ...]  # named in the sentences about the event
    other_topics: tuple[TopicTag, ...]  # named elsewhere in the article
    quotes: tuple[Quote, ...]  # said at the event
    participants: tuple[str, ...]  # people the article names as taking part or speaking
    framing: Framing


@dataclass(frozen=True, slots=True)
class Comparison:
    event: Event
    reports: tuple[ReportView, ...]

    @property
    def topics(self) -> tuple[str, ...]:
        """The event's topics: those of the sentences about it in any report (the articles' if none)."""
        found = [t.topic for r in self.reports for t in r.topics] or \
            [t.topic for r in self.reports for t in r.other_topics]
        return tuple(dict.fromkeys(found))


class Comparer:
    """Builds comparisons; holds the topic vocabulary and VADER once."""

    def __init__(self, store: Store, vocabulary: TopicVocabulary | None = None,
                 tone: ToneReader | None = None, top_terms: int = 8) -> None:
        self.store = store
        self.vocabulary = vocabulary or TopicVocabulary.load()
        self.tone = tone or ToneReader()
        self.top_terms = top_terms

    def __call__(self, event_id: str) -> Comparison:
        event = self.store.event(event_id)
        parts = [p for p in (self._report(event, source) for source in event.sources) if p is not None]
        framings = frame([p[1] for p in parts], self.tone, self.top_terms)
        reports = tuple(_view(base, text, framing) for (base, text), framing in zip(parts, framings))
        return Comparison(event, reports)

    def _report(self, event: Event, source: Source) -> tuple[dict[str, Any], ReportText] | None:
        article = self.store.article(source.article_id)
        if article is None:
            return None
        quotes = tuple(q for q in self.store.quotes(source.article_id) if q.event_id == event.id)
        spans = sentences(article["title"] or "", source.article_id, "title") + \
            sentences(article["text"], source.article_id)
        about = [s for s in spans if self._about(s, event.participants, quotes)]
        topics = self.vocabulary.find(about)
        named = {t.topic for t in topics}
        other = [t for t in self.vocabulary.find(spans) if t.topic not in named]
        people = self._people(source.article_id)
        base = {"source": source, "article": article, "topics": tuple(topics), "other": tuple(other),
                "quotes": quotes, "people": people}
        text = "\n".join(x for x in (article["title"], article["text"]) if x)
        return base, ReportText(source.article_id, text, (*named, *(t.topic for t in other)), quotes, people)

    @staticmethod
    def _about(sentence: Span, participants: tuple[Participant, ...], quotes: tuple[Quote, ...]) -> bool:
        names = [w for p in participants if p.kind == "person" for w in {p.name, p.name.split()[-1]}]
        if any(re.search(rf"\b{re.escape(n)}\b", sentence.text) for n in names) or EVENT_WORDS.search(sentence.text):
            return True
        return any(q.evidence.field == sentence.field and q.evidence.start < sentence.end
                   and sentence.start < q.evidence.end for q in quotes)

    def _people(self, article_id: str) -> tuple[str, ...]:
        """People the article names as taking part in an engagement or as speaking, linked names first."""
        rows = self.store.db.execute("SELECT record FROM mentions WHERE article_id = ? ORDER BY id",
                                     [article_id]).fetchall()
        found = [p for r in rows for p in mention_from(r[0]).participants if p.kind == "person"]
        found += [q.speaker for q in self.store.quotes(article_id) if q.speaker.kind == "person"]
        return tuple(dict.fromkeys(p.name for p in sorted(found, key=lambda p: p.actor_id is None)))


def _view(base: dict[str, Any], text: ReportText, framing: Framing) -> ReportView:
    source, article = base["source"], base["article"]
    published = article["published"]
    return ReportView(source.article_id, source.outlet or article["outlet"], article["title"],
                      published.isoformat() if published else None, source.url or article["url"], source.role,
                      source.evidence, base["topics"], base["other"], base["quotes"], base["people"], framing)


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON: the event in the export shape and one entry per report."""
    return {"event": event_json(comparison.event), "topics": list(comparison.topics),
            "reports": [_report_json(r) for r in comparison.reports]}


def _report_json(report: ReportView) -> dict[str, Any]:
    f = report.framing
    return {
        "article_id": report.article_id, "outlet": report.outlet, "title": report.title,
        "published": report.published, "url": report.url, "role": report.role,
        "tone": {**plain(f.tone), "label": f.tone.label},
        "topics": [_tag_json(t) for t in report.topics],
        "article_topics": [_tag_json(t) for t in report.other_topics],
        "quotes": [quote_json(q) for q in report.quotes],
        "participants": list(report.participants),
        "characteristic_terms": [plain(t) for t in f.terms],
        "only_here": {"topics": list(f.only_topics), "quotes": [quote_json(q) for q in f.only_quotes],
                      "participants": list(f.only_participants)},
    }


def _tag_json(tag: TopicTag) -> dict[str, Any]:
    e = tag.evidence
    return {"topic": tag.topic, "alias": tag.alias,
            "evidence": {"sentence": e.text, "field": e.field, "start": e.start, "end": e.end}}


def comparison_text(comparison: Comparison) -> str:
    return json.dumps(comparison_json(comparison), ensure_ascii=False, indent=2)
