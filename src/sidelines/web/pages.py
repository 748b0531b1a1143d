"""What each page shows, as JSON-ready data: the HTML page and the ``.json`` endpoint are views of it.

A ``Page`` holds ``data`` (what ``/x.json`` returns, and what the template reads) and ``extra`` (drawing
geometry and display helpers only the template needs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from math import ceil
from typing import Any
from urllib.parse import quote

from sidelines.errors import NotFound
from sidelines.export.events import event_json, quote_json
from sidelines.knowledge.actors import ActorTable
from sidelines.knowledge.countries import CountryTable
from sidelines.model import Event, Span
from sidelines.store import queries
from sidelines.store.queries import Filters
from sidelines.web import charts
from sidelines.web.snapshot import Snapshot

#: Rows per page of the events list unless ``per_page`` says otherwise, and the most it may say.
PER_PAGE, MAX_PER_PAGE = 50, 500
#: The most events a timeline or an actor's list draws (the events list has them all).
TIMELINE_LIMIT = 500


@dataclass
class Page:
    template: str
    data: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    title: str = ""


def segments(text: str, sentences: list[tuple[int, int]],
             words: Sequence[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """``text`` cut into pieces; ``mark`` when a piece lies in one of ``sentences`` (the evidence), ``key``
    when it lies in one of ``words`` (what decided a field: a name, the date, the place)."""
    size = len(text)
    clip = [(max(0, s), min(size, e)) for s, e in sentences if s < e]
    clip = [(s, _trimmed_end(text, s, e)) for s, e in clip]
    keys = [(max(0, s), min(size, e)) for s, e in words if s < e]
    cuts = sorted({0, size, *(x for pair in clip + keys for x in pair)})
    out: list[dict[str, Any]] = []
    for start, end in pairwise(cuts):
        mark = any(s <= start and end <= e for s, e in clip)
        key = mark and any(s <= start and end <= e for s, e in keys)
        if out and out[-1]["mark"] == mark and out[-1]["key"] == key:
            out[-1]["text"] += text[start:end]
        else:
            out.append({"text": text[start:end], "mark": mark, "key": key})
    return out


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


class Site:
    """The pages over one database snapshot and the knowledge base (actors' offices, country names)."""

    def __init__(self, snapshot: Snapshot, actors: ActorTable, countries: CountryTable) -> None:
        self.snapshot = snapshot
        self.actors = actors
        self.countries = countries

    def country_name(self, code: str | None) -> str:
        if not code:
            return "?"
        country = self.countries.by_code.get(code)
        return country.name if country else code

    # -- pages -----------------------------------------------------------------------------------

    def index(self) -> Page:
        with self.snapshot.cursor() as db:
            data = {"totals": queries.totals(db), "pairs": queries.top_pairs(db, 20),
                    "latest": [event_json(e) for e in queries.list_events(db, Filters(), 10)]}
        return Page("index.html", data, title="sidelines")

    def events(self, f: Filters, page: int = 1, per_page: int = PER_PAGE, sort: str = "-date") -> Page:
        per_page = min(max(per_page, 1), MAX_PER_PAGE)
        page = max(page, 1)
        with self.snapshot.reader() as read:
            total = int(read.memo(("count", f), lambda: queries.count_events(read.db, f)))  # type: ignore[call-overload]
            found = queries.list_events(read.db, f, per_page, (page - 1) * per_page, sort)
        data = {"filters": f.params(), "sort": sort, "page": page, "per_page": per_page, "total": total,
                "pages": max(1, ceil(total / per_page)), "events": [event_json(e) for e in found]}
        return Page("events.html", data, title=f"{total} engagements")

    def event(self, event_id: str) -> Page:
        with self.snapshot.cursor() as db:
            found = queries.find_event(db, event_id)
            if found is None:
                raise NotFound(event_id, "no such event", "find events at /events")
            ids = [s.article_id for s in found.sources]
            stored = queries.articles(db, ids)
            quoted = queries.event_quotes(db, found.id, ids)
        data = {"event": event_json(found), "sources": [self._source(found, s, stored) for s in found.sources],
                "quotes": [quote_json(q) for q in quoted]}
        where = found.where
        pins = [{"lat": where.lat, "lon": where.lon, "events": 1, "city": where.city, "country": where.country}] \
            if where else []
        extra = {"map": charts.world_map(pins, [p.country for p in found.participants if p.country],
                                         "/events?place={place}")}
        return Page("event.html", data, extra, title=_title(found))

    def _source(self, event: Event, source: Any, stored: dict[str, dict[str, Any]]) -> dict[str, Any]:
        article = stored.get(source.article_id) or {}
        words: dict[str, list[tuple[int, int]]] = {"text": [], "title": []}
        for span in _event_spans(event, source.article_id):
            words.setdefault(span.field, []).append((span.start, span.end))
        sentences: dict[str, list[tuple[int, int]]] = {"text": [], "title": []}
        for span in source.evidence:
            sentences.setdefault(span.field, []).append((span.start, span.end))
        published = article.get("published")
        return {
            "article_id": source.article_id, "outlet": source.outlet or article.get("outlet"),
            "url": source.url or article.get("url"), "role": source.role, "title": article.get("title"),
            "published": published.isoformat() if published else None,
            "evidence": [{"sentence": e.text, "start": e.start, "end": e.end, "field": e.field}
                         for e in source.evidence],
            "title_segments": segments(article.get("title") or "", sentences["title"], words["title"]),
            "text_segments": segments(article.get("text") or "", sentences["text"], words["text"]),
        }

    def actor(self, actor_id: str) -> Page:
        known = self.actors.by_id.get(actor_id)
        f = Filters(actor=actor_id)
        with self.snapshot.cursor() as db:
            seen = queries.participant_names(db, actor_id)
            if known is None and not seen:
                raise NotFound(actor_id, "no such actor", "search for a name at /search")
            years = queries.per_year(db, f)
            total = sum(n for _, n in years)
            found = queries.list_events(db, f, TIMELINE_LIMIT, 0, "date")
            partners = queries.counterparts(db, actor_id)
        person = {"id": actor_id, "name": known.name if known else seen[0][0],
                  "country": known.country if known else seen[0][1],
                  "aliases": list(known.aliases) if known else [], "wikidata": known.wikidata if known else None,
                  "offices": [{"title": o.title, "country": o.country,
                               "start": o.start.isoformat() if o.start else None,
                               "end": o.end.isoformat() if o.end else None} for o in known.offices] if known else [],
                  "in_knowledge_base": known is not None}
        events = [event_json(e) for e in found]
        data = {"actor": person, "total": total, "per_year": [{"year": y, "events": n} for y, n in years],
                "counterparts": partners, "events": events}
        href = f"/events?actor={quote(actor_id)}&since={{since}}&until={{until}}"
        extra = {"bars": charts.bars(years, href), "timeline": charts.timeline(events)}
        return Page("actor.html", data, extra, title=str(person["name"]))

    def pairs(self) -> Page:
        with self.snapshot.cursor() as db:
            data = {"pairs": queries.top_pairs(db, 200)}
        return Page("pairs.html", data, title="country pairs")

    def pair(self, pair: str) -> Page:
        codes = queries.split_pair(pair)
        if codes is None:
            raise NotFound(pair, "not a country pair", "write two ISO 3166 alpha-3 codes, as in /pairs/CHN-RUS")
        f = Filters(pair="-".join(codes))
        with self.snapshot.cursor() as db:
            years = queries.per_year(db, f)
            found = queries.list_events(db, f, TIMELINE_LIMIT, 0, "date")
            where = queries.places(db, f)
        events = [event_json(e) for e in found]
        a, b = codes
        names = {"a": a, "b": b, "a_name": self.country_name(a), "b_name": self.country_name(b)}
        data = {"pair": names,
                "total": sum(n for _, n in years), "per_year": [{"year": y, "events": n} for y, n in years],
                "events": events, "places": where}
        href = f"/events?pair={a}-{b}&since={{since}}&until={{until}}"
        extra = {"bars": charts.bars(years, href), "timeline": charts.timeline(events),
                 "map": charts.world_map(where, [a, b], f"/events?pair={a}-{b}&place={{place}}")}
        return Page("pair.html", data, extra, title=f"{names['a_name']} – {names['b_name']}")

    def prospects(self, status: str | None = None) -> Page:
        """Engagements announced, planned, cancelled, postponed or declined: kept apart from events."""
        with self.snapshot.cursor() as db:
            found = queries.prospects(db, status, None, 1000)
        rows = [{**event_json(e), "status": e.status} for e in found]
        data = {"status": status, "prospects": rows, "total": len(rows)}
        return Page("prospects.html", data, title="planned, cancelled and postponed")

    def map(self, f: Filters) -> Page:
        with self.snapshot.cursor() as db:
            where = queries.places(db, f, limit=2000)
        total = sum(p["events"] for p in where)
        located = sum(p["events"] for p in where if p["lat"] is not None)
        params = "&".join(f"{k}={quote(v)}" for k, v in f.params().items() if k != "place")
        href = "/events?" + (params + "&" if params else "") + "place={place}"
        data = {"filters": f.params(), "total": total, "located": located, "places": where}
        return Page("map.html", data, {"map": charts.world_map(where, [f.country or ""], href)},
                    title="map of engagements")

    def search(self, q: str) -> Page:
        q = q.strip()
        data: dict[str, Any] = {"q": q, "actors": [], "people": [], "countries": [], "occasions": [], "events": [],
                                "total_events": 0}
        if q:
            data["actors"] = [{"id": a.id, "name": a.name, "country": a.country} for a in self.actors.search(q, 20)]
            needle = q.lower()
            data["countries"] = [{"code": c.iso3, "name": c.name} for c in self.countries.by_code.values()
                                 if needle == c.iso3.lower() or needle in c.name.lower()][:20]
            with self.snapshot.cursor() as db:
                data["people"] = queries.people(db, q)
                data["occasions"] = queries.occasions(db, q)
                f = Filters(q=q)
                data["total_events"] = queries.count_events(db, f)
                data["events"] = [event_json(e) for e in queries.list_events(db, f, 20)]
        return Page("search.html", data, title=f"search: {q}" if q else "search")


def _event_spans(event: Event, article_id: str) -> list[Span]:
    """The words in one article that decided the event's fields (names, date, place, occasion)."""
    spans = [p.span for p in event.participants] + [event.when.span]
    spans += [event.where.span if event.where else None, event.occasion.span if event.occasion else None]
    return [s for s in spans if s is not None and s.article_id == article_id]


def _title(event: Event) -> str:
    names = " – ".join(p.name for p in event.participants)
    return f"{event.type.title()}: {names} ({event.when.value or 'undated'})"
