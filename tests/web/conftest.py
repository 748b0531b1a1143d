"""A small test database written row by row (no language model needed), and a live server over it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from sidelines.model import Event, OccasionRef, Participant, Quote, Source, Span, When, Where
from sidelines.store import Store
from sidelines.store.codec import dumps

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
XSS_TITLE = 'Talks "in Lima" <script>window.__pwned = "title"</script>'
XSS_TEXT = ('Foreign ministers met in Lima on Monday. <script>window.__pwned = "text"</script> '
            'The statement said "a frank exchange" onmouseover="window.__pwned=1" <img src=x onerror="window.__pwned=2">.')


def _article(aid: str, title: str, text: str, outlet: str, published: str) -> dict:
    return {"id": aid, "title": title, "text": text, "outlet": outlet, "published": date.fromisoformat(published)}


ARTICLES = [
    _article("bali-a", "Wang and Lavrov meet at the G20 in Bali",
             "Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Bali on November 15, 2022, "
             "on the sidelines of the G20 summit.\nThey discussed Ukraine.", "Outlet A", "2022-11-16"),
    _article("bali-b", "Lavrov holds talks with Wang Yi",
             "Sergei Lavrov and Wang Yi held talks in Bali on Tuesday at the G20 summit.\nLavrov said the talks were useful.",
             "Outlet B", "2022-11-15"),
    _article("tunxi", "Wang hosts Lavrov in Tunxi",
             "Wang Yi hosted Sergei Lavrov in Tunxi, Anhui, on March 30, 2022.", "Outlet A", "2022-03-30"),
    _article("jnb", "Wang and Lavrov meet in Johannesburg",
             "Wang Yi met Sergei Lavrov in Johannesburg on February 20, 2025, at the G20 foreign ministers' meeting.",
             "Outlet C", "2025-02-20"),
    _article("moscow", "Wang Yi in Moscow", "Wang Yi met Sergei Lavrov in Moscow on February 22, 2023.",
             "Outlet B", "2023-02-22"),
    _article("call", "Blinken calls Wang", "Antony Blinken spoke by phone with Wang Yi on January 10, 2024.",
             "Outlet C", "2024-01-10"),
    _article("lima", XSS_TITLE, XSS_TEXT, "Outlet <b>D</b>", "2024-11-11"),
]

PEOPLE = {
    "wang-yi": ("Wang Yi", "CHN"), "sergey-lavrov": ("Sergey Lavrov", "RUS"), "antony-blinken": ("Antony Blinken", "USA"),
}


def _span(article: dict, words: str, field: str = "text") -> Span:
    source = article["text"] if field == "text" else article["title"]
    start = source.index(words)
    return Span(words, start, start + len(words), field, article["id"])


def _sentence(article: dict) -> Span:
    text = article["text"]
    end = text.find("\n")
    end = len(text) if end < 0 else end
    return Span(text[:end], 0, end, "text", article["id"])


def _person(actor_id: str, article: dict, words: str) -> Participant:
    name, country = PEOPLE[actor_id]
    return Participant(name, country, actor_id, "person", "Foreign Minister", _span(article, words), "exact")


def _event(eid: str, etype: str, people: list[tuple[str, str]], day: str | None, city: str | None, country: str | None,
           coords: tuple[float, float] | None, articles: list[dict], occasion: OccasionRef | None = None,
           date_words: str | None = None) -> Event:
    first = articles[0]
    when = When(day, "day" if day else None, "explicit" if day else None,
                _span(first, date_words) if date_words else None)
    where = Where(city, country, *(coords or (None, None)), "explicit", _span(first, city)) if city else None
    sources = tuple(Source(a["id"], a["outlet"], None, "main", (f"{eid}-{a['id']}-m",), (_sentence(a),)) for a in articles)
    return Event(eid, etype, tuple(_person(pid, first, words) for pid, words in people), when, where, occasion, sources,
                 "040", 1.0, "CONSULT")


def _g20(start: str, end: str, city: str, country: str, name: str) -> OccasionRef:
    return OccasionRef(name.lower().replace(" ", "-"), name, date.fromisoformat(start), date.fromisoformat(end),
                       city, country)


def build_events() -> list[Event]:
    a = {x["id"]: x for x in ARTICLES}
    wl = [("wang-yi", "Wang Yi"), ("sergey-lavrov", "Sergei Lavrov")]
    return [
        _event("e-bali", "MEET", wl, "2022-11-15", "Bali", "IDN", (-8.34, 115.09), [a["bali-a"], a["bali-b"]],
               _g20("2022-11-15", "2022-11-16", "Bali", "IDN", "G20 Summit 2022"), "November 15, 2022"),
        _event("e-tunxi", "HOST", wl, "2022-03-30", "Tunxi", "CHN", (29.71, 118.32), [a["tunxi"]], None, "March 30, 2022"),
        _event("e-jnb", "MEET", wl, "2025-02-20", "Johannesburg", "ZAF", (-26.2, 28.04), [a["jnb"]],
               _g20("2025-02-20", "2025-02-21", "Johannesburg", "ZAF", "G20 Foreign Ministers' Meeting 2025"),
               "February 20, 2025"),
        _event("e-moscow", "MEET", wl, "2023-02-22", "Moscow", "RUS", (55.75, 37.62), [a["moscow"]], None,
               "February 22, 2023"),
        _event("e-call", "CALL", [("antony-blinken", "Antony Blinken"), ("wang-yi", "Wang Yi")], "2024-01-10", None, None,
               None, [a["call"]], None, "January 10, 2024"),
        Event("e-lima", "MEET", (Participant('Ann <img src=x onerror="window.__pwned=3">', "PER"),
                                 Participant("Bob", "CHL")),
              When("2024-11-11", "day", "published_fallback"), Where("Lima", "PER", -12.05, -77.04, "explicit"),
              None, (Source("lima", "Outlet <b>D</b>", None, "main", ("lima-m",), (_sentence(a["lima"]),)),)),
    ]


def write_db(path: Path, events: list[Event], articles: list[dict] = ARTICLES, quotes: list[Quote] = ()) -> Path:
    """A sidelines database with these rows, written the way the store lays them out."""
    with Store.open(path) as store:
        db = store.db
        for x in articles:
            db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, 'metadata', NULL, NULL, 'en', NULL, ?, ?, NULL)",
                       [x["id"], x["id"], x.get("url"), x["outlet"], x["title"], x["published"], x["text"],
                        datetime(2025, 1, 1)])
        for e in events:
            w = e.where
            db.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [e.id, e.type, e.when.value, e.when.basis, w.city if w else None, w.country if w else None,
                        e.occasion.name if e.occasion else None, dumps(e)])
            for p in e.participants:
                db.execute("INSERT INTO event_participants VALUES (?, ?, ?, ?, ?)", [e.id, p.actor_id, p.name, p.country, p.kind])
            for s in e.sources:
                rid = f"{e.id}-{s.article_id}"
                db.execute("INSERT INTO reports VALUES (?, ?, ?, ?, ?, md5(?))",
                           [rid, s.article_id, e.family, s.role, dumps(e), dumps(e)])
                db.execute("INSERT INTO event_reports VALUES (?, ?)", [e.id, rid])
        for q in quotes:
            db.execute("INSERT INTO quotes VALUES (?, ?, ?, ?)", [q.id, q.article_id, q.speaker.actor_id, dumps(q)])
    return path


def bali_quote() -> Quote:
    article = next(x for x in ARTICLES if x["id"] == "bali-b")
    words = "the talks were useful"
    start = article["text"].index(words)
    speaker = Participant("Sergey Lavrov", "RUS", "sergey-lavrov", "person", None, None, "surname_coreference")
    evidence = Span("Lavrov said the talks were useful.", article["text"].index("Lavrov said"), len(article["text"]))
    return Quote("q1", "bali-b", speaker, words, start, start + len(words), False, "said", evidence)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_db(tmp_path_factory.mktemp("web") / "web.duckdb", build_events(), quotes=[bali_quote()])


@pytest.fixture(scope="session")
def live_server(web_db: Path) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, for the browser."""
    from sidelines.web.app import create_app

    yield from serve(create_app(web_db))


def serve(app: object) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
