"""Latency of the web pages on a synthetic database of many events.

Builds a database of ``--events`` synthetic engagements (100,000 by default; two source articles each,
drawn from a pool of half as many articles), starts ``sidelines serve`` on it on a free loopback port,
and times ``--requests`` sequential GET requests (after a warm-up) of: the events list, a filtered list
(a country pair and a date range), and an event page. Prints p50/p95/max in milliseconds and appends one
JSON line (``"bench": "web_latency"``) to bench/results.jsonl. The aim is p95 < 100 ms.

    .venv/bin/python bench/web_latency.py                       # 100,000 events, 200 requests each
    .venv/bin/python bench/web_latency.py --events 5000 --requests 50 --no-record   # a quick check
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from sidelines.model import Event, OccasionRef, Participant, Source, Span, When, Where
from sidelines.store import Store

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = [(f"person-{i:03d}", f"Person {i:03d}", c) for i, c in enumerate(
    ["CHN", "RUS", "USA", "IND", "BRA", "ZAF", "FRA", "DEU", "GBR", "JPN", "TUR", "IDN", "SAU", "MEX", "KOR",
     "AUS", "CAN", "ITA", "ARG", "EGY"] * 10)]
CITIES = [("Beijing", "CHN", 39.9, 116.4), ("Moscow", "RUS", 55.75, 37.62), ("Washington", "USA", 38.9, -77.04),
          ("New Delhi", "IND", 28.61, 77.21), ("Brasilia", "BRA", -15.79, -47.88), ("Pretoria", "ZAF", -25.75, 28.19),
          ("Paris", "FRA", 48.86, 2.35), ("Berlin", "DEU", 52.52, 13.4), ("London", "GBR", 51.51, -0.13),
          ("Tokyo", "JPN", 35.68, 139.69), ("Ankara", "TUR", 39.93, 32.86), ("Jakarta", "IDN", -6.2, 106.85),
          ("Geneva", "CHE", 46.2, 6.14), ("Bali", "IDN", -8.34, 115.09), ("Riyadh", "SAU", 24.71, 46.68)]
TYPES = ["MEET"] * 6 + ["VISIT", "HOST", "CALL", "CALL", "NEGOTIATE", "SIGN"]
SENTENCE = "{a} met {b} in {city} on {day}, the ministry said, in talks on trade, security and regional issues."


def dumps(record: object) -> str:
    """The store's JSON of a record (as ``sidelines.store.codec.dumps`` writes it), made without deep copies."""
    return json.dumps(_plain(record), ensure_ascii=False, sort_keys=True)


def _plain(x: object) -> object:
    if hasattr(x, "__dataclass_fields__"):
        return {name: _plain(getattr(x, name)) for name in x.__dataclass_fields__}  # type: ignore[attr-defined]
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, date):
        return x.isoformat()
    return x


def synthetic(n_events: int, seed: int = 7) -> tuple[list[list[object]], list[list[object]], list[list[object]],
                                                    list[list[object]], list[list[object]]]:
    """Rows for articles, events, event_participants, reports and event_reports."""
    rng = random.Random(seed)
    n_articles = max(1, n_events // 2)
    start = date(2010, 1, 1)
    events, people, reports, links, texts = [], [], [], [], {}
    for i in range(n_events):
        a, b = rng.sample(PEOPLE, 2)
        city = rng.choice(CITIES)
        day = (start + timedelta(days=rng.randrange(5800))).isoformat()
        eid = f"{i:016x}"
        sources = []
        for k in rng.sample(range(n_articles), 2):
            aid = f"art-{k:07d}"
            sentence = SENTENCE.format(a=a[1], b=b[1], city=city[0], day=day)
            text = texts.setdefault(aid, (sentence + " ") * 3 + "\nMore paragraphs follow about other matters. " * 10)
            sources.append(Source(aid, f"Outlet {k % 40}", None, "main" if not sources else "mentioned",
                                  (f"{eid}-{aid}",), (Span(text[:len(sentence)], 0, len(sentence), "text", aid),)))
        participants = tuple(Participant(p[1], p[2], p[0], "person", "Foreign Minister",
                                         Span(p[1], 0, len(p[1]), "text", sources[0].article_id), "exact") for p in (a, b))
        occasion = OccasionRef("g20", "G20 Summit", date.fromisoformat(day), date.fromisoformat(day), city[0],
                               city[1]) if i % 10 == 0 else None
        event = Event(eid, rng.choice(TYPES), participants, When(day, "day", "explicit"),
                      Where(city[0], city[1], city[2], city[3], "explicit"), occasion, tuple(sources), "040", 1.0,
                      "CONSULT")
        record = dumps(event)
        events.append([eid, event.type, day, "explicit", city[0], city[1], occasion.name if occasion else None, record])
        people += [[eid, p.actor_id, p.name, p.country, p.kind] for p in participants]
        for s in sources:
            rid = f"{eid}-{s.article_id}"
            reports.append([rid, s.article_id, event.family, s.role, record])
            links.append([eid, rid])
    now = datetime(2025, 1, 1)
    articles = [[aid, aid, None, f"Outlet {int(aid[4:]) % 40}", f"Report {aid}", date(2020, 1, 1), "metadata", None,
                 None, "en", None, text, now] for aid, text in texts.items()]
    return articles, events, people, reports, links


def build(path: Path, n_events: int) -> None:
    tables = dict(zip(("articles", "events", "event_participants", "reports", "event_reports"), synthetic(n_events)))
    with Store.open(path) as store, tempfile.TemporaryDirectory() as folder:
        for table, rows in tables.items():
            names = [r[0] for r in store.db.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall()]
            source = Path(folder) / f"{table}.jsonl"
            with source.open("w", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(json.dumps(dict(zip(names, row)), default=str) + "\n")
            columns = ", ".join(f"'{n}': 'VARCHAR'" for n in names)
            store.db.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_json(?, format = 'newline_delimited', "
                             f"columns = {{{columns}}})", [str(source)])
        store.db.execute("CHECKPOINT")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timings(client: httpx.Client, urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        began = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument("--db", type=Path, help="Keep the synthetic database here (reused when it exists).")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sidelines-bench-web-"))
    db = args.db or folder / "bench.duckdb"
    began = time.perf_counter()
    if not db.exists():
        build(db, args.events)
    built_s = time.perf_counter() - began
    size_mb = db.stat().st_size / 1e6
    with Store.open(db, read_only=True) as store:
        args.events = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
    print(f"database of {args.events} events ({size_mb:.0f} MB), built in {built_s:.1f} s")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "sidelines.cli", "serve", "--db", str(db), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    results = {}
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    client.get("/index.json")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit(f"the server did not start: {server.stderr.read() if server.stderr else ''}")
                    time.sleep(0.2)
            rng = random.Random(11)
            n = args.requests
            ids = [f"{rng.randrange(args.events):016x}" for _ in range(n)]
            pairs = ["CHN-RUS", "USA-CHN", "IND-RUS", "FRA-DEU", "BRA-ZAF"]
            scenarios = {
                "events_list": [f"/events?page={rng.randrange(1, 200)}" for _ in range(n)],
                "filtered_list": [f"/events?pair={rng.choice(pairs)}&since={2010 + rng.randrange(10)}&until=2024"
                                  f"&type=MEET" for _ in range(n)],
                "event_page": [f"/events/{i}" for i in ids],
            }
            for name, urls in scenarios.items():
                timings(client, urls[: max(5, n // 10)])  # warm-up
                values = timings(client, urls)
                results[name] = {"p50_ms": round(statistics.median(values), 1),
                                 "p95_ms": round(percentile(values, 95), 1), "max_ms": round(max(values), 1)}
                print(f"{name:14s} p50 {results[name]['p50_ms']:6.1f} ms   p95 {results[name]['p95_ms']:6.1f} ms   "
                      f"max {results[name]['max_ms']:6.1f} ms   ({n} requests)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        for file in folder.glob("*"):
            file.unlink()
        folder.rmdir()
    worst = max(r["p95_ms"] for r in results.values())
    load = os.getloadavg()[0]
    print(f"worst p95 {worst:.1f} ms (aim < 100 ms): {'met' if worst < 100 else 'NOT met'}; "
          f"load average {load:.1f} on {os.cpu_count()} CPUs")
    if not args.no_record:
        record = {"bench": "web_latency", "when": datetime.now(UTC).isoformat(timespec="seconds"),
                  "events": args.events, "requests": args.requests, "db_mb": round(size_mb, 1),
                  "build_s": round(built_s, 1), "cpus": os.cpu_count(), "load_average": round(load, 1), "python": platform.python_version(),
                  "results": results}
        with (ROOT / "bench" / "results.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
