"""A synthetic news corpus for the scale benchmarks: JSONL and a CC-NEWS-like WARC (.warc.gz).

Run from the repository root:

    .venv/bin/python bench/make_corpus.py --articles 10000 --out bench/corpus [--seed 7] [--formats jsonl,warc]

Articles follow the forms of the bundled samples (samples/articles/): a headline, a dateline with the
outlet, a lead sentence naming who met, visited, hosted or called whom, when (a weekday, "yesterday"
or a date) and where (a capital, or the city of a gathering "on the sidelines of" it), a quote, a
reaction, a background sentence about an earlier engagement, and general sentences on the topics.
The people are drawn from the bundled actor data on a day they held office, the places from the
countries' capitals and the calendar of gatherings, the outlets from a list of fictional ones
(example.org hosts). Every engagement is reported by one to three outlets, so merging has work to
do. The events are synthetic: they are benchmark input, never facts (each text says so in its
last line). The sentences are written for this script; no outlet's text is used.

Files are written as a stream, so memory does not grow with ``--articles``:
``corpus-N.jsonl`` (``id``, ``url``, ``outlet``, ``published``, ``title``, ``text``) and
``corpus-N.warc.gz`` (one gzip member per record, an HTTP response of an HTML page per article).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from sidelines.ingest.warc import response_record
from sidelines.knowledge.actors import Actor, ActorTable
from sidelines.knowledge.files import bundled_dir

OUTLETS = (("Example Wire", "wire.example.org"), ("Daily Meridian", "meridian.example.org"),
           ("The Northern Ledger", "ledger.example.org"), ("Harbour Post", "harbour.example.org"),
           ("Capital Observer", "observer.example.org"), ("Global Desk", "globaldesk.example.org"),
           ("Evening Dispatch", "dispatch.example.org"), ("Continental Times", "continental.example.org"))
RANKS = {"head_of_state": "leaders", "head_of_government": "leaders", "foreign_minister": "ministers"}
SHORT_TITLES = ("Crown Prince", "Prime Minister", "Chancellor", "Premier", "President", "King", "Emir", "Sultan",
                "Secretary of State", "External Affairs Minister", "Foreign Secretary", "Foreign Minister")
FIRST_DAY, LAST_DAY = date(2014, 1, 1), date(2025, 6, 30)
TOPICS = ("trade and investment", "energy supplies", "regional security", "climate finance", "food security",
          "the war in Ukraine", "maritime disputes", "supply chains", "nuclear non-proliferation",
          "debt relief", "migration", "public health", "technology cooperation", "arms control")
FILLER = (
    "Officials on both sides described the atmosphere as businesslike.",
    "Analysts said the contact was meant to keep channels open rather than to settle differences.",
    "Trade between the two countries has grown steadily over the past decade.",
    "Neither side gave details of any agreement on {topic}.",
    "Diplomats said preparations for the talks had taken several weeks.",
    "The two delegations also discussed {topic} and {topic2}.",
    "A joint statement is expected to follow in the coming days.",
    "Opposition politicians in both capitals questioned what the talks would achieve.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    surname: str
    title: str  # "Brazilian President"
    country: str


@dataclass(frozen=True, slots=True)
class Engagement:
    kind: str  # MEET, VISIT, CALL
    day: date
    a: Person
    b: Person
    city: str | None
    occasion: str | None  # the gathering's name, for MEET at a gathering
    topic: str


class World:
    """The knowledge the corpus draws on: actors in office, countries with capitals, gatherings."""

    def __init__(self) -> None:
        data = bundled_dir()
        with (data / "countries.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        self.adjective = {r["iso3"]: (r["adjectives"].split("|")[0] or r["name"]) for r in rows}
        self.capital = {r["iso3"]: r["capital"] for r in rows if r["capital"]}
        with (data / "occasions.csv").open(encoding="utf-8") as handle:
            self.occasions = [r for r in csv.DictReader(handle)
                              if r["city"] and len(r["start"]) == 10
                              and FIRST_DAY.isoformat() <= r["start"] <= LAST_DAY.isoformat()]
        self.actors = [a for a in ActorTable.load().by_id.values()
                       if a.country in self.capital and any(o.office in RANKS for o in a.offices)]

    def person(self, actor: Actor, day: date, rank: str) -> Person | None:
        offices = [o for o in actor.offices_on(day) if RANKS.get(o.office) == rank and o.country == actor.country]
        if not offices:
            return None
        title = next((t for t in SHORT_TITLES if t.lower() in offices[0].title.lower()), None)
        title = title or ("Foreign Minister" if rank == "ministers" else "President")
        return Person(actor.name, actor.surname, f"{self.adjective[actor.country]} {title}", actor.country)

    def pair(self, rng: random.Random, day: date) -> tuple[Person, Person] | None:
        rank = rng.choice(("leaders", "ministers"))
        found: list[Person] = []
        for _ in range(60):
            actor = rng.choice(self.actors)
            person = self.person(actor, day, rank)
            if person and all(p.country != person.country for p in found):
                found.append(person)
                if len(found) == 2:
                    return found[0], found[1]
        return None


def engagements(world: World, rng: random.Random) -> Iterator[Engagement]:
    span = (LAST_DAY - FIRST_DAY).days
    while True:
        form = rng.random()
        if form < 0.25 and world.occasions:
            gathering = rng.choice(world.occasions)
            day, city, occasion = date.fromisoformat(gathering["start"]), gathering["city"], gathering["name"]
        else:
            day, city, occasion = FIRST_DAY + timedelta(days=rng.randrange(span)), None, None
        pair = world.pair(rng, day)
        if pair is None:
            continue
        a, b = pair
        kind = "MEET" if occasion else ("CALL" if form < 0.45 else "VISIT" if form < 0.8 else "MEET")
        if kind == "VISIT":
            city = world.capital[b.country]
        elif kind == "MEET" and city is None:
            city = world.capital[rng.choice((a, b)).country]
        yield Engagement(kind, day, a, b, city, occasion, rng.choice(TOPICS))


def when_words(day: date, published: date, rng: random.Random) -> str:
    gap = (published - day).days
    if gap == 1 and rng.random() < 0.5:
        return "yesterday"
    if 0 <= gap < 6 and rng.random() < 0.7:
        return f"on {WEEKDAYS[day.weekday()]}"
    return f"on {day.day} {day:%B} {day.year}" if rng.random() < 0.5 else f"on {day:%B} {day.day}"


def lead(e: Engagement, words: str) -> str:
    a, b = e.a, e.b
    if e.kind == "CALL":
        return f"{a.title} {a.name} and {b.title} {b.name} spoke by telephone {words}, discussing {e.topic}."
    if e.kind == "VISIT":
        return (f"{a.title} {a.name} arrived in {e.city} {words} for talks with {b.title} {b.name}, "
                f"the first item on a programme that focused on {e.topic}.")
    if e.occasion:
        return (f"{a.title} {a.name} met {b.title} {b.name} in {e.city} {words} on the sidelines of the "
                f"{e.occasion.split(' (')[0]}, with {e.topic} high on the agenda.")
    return f"{a.title} {a.name} and {b.title} {b.name} held talks in {e.city} {words} on {e.topic}."


def headline(e: Engagement) -> str:
    a, b = e.a.surname, e.b.surname
    if e.kind == "CALL":
        return f"{a} and {b} discuss {e.topic} in phone call"
    if e.kind == "VISIT":
        return f"{a} visits {e.city} for talks with {b}"
    return f"{a} and {b} meet in {e.city}"


def body(e: Engagement, published: date, outlet: str, earlier: Engagement | None, rng: random.Random) -> str:
    words = when_words(e.day, published, rng)
    dateline = f"{e.city.upper()} ({outlet}) - " if e.city and rng.random() < 0.7 else ""
    paragraphs = [dateline + lead(e, words)]
    speaker = rng.choice((e.a, e.b))
    paragraphs.append(f'"We had an open and useful exchange on {e.topic}," {speaker.surname} told reporters '
                      f"afterwards, adding that both sides wanted to keep talking.")
    other = e.b if speaker is e.a else e.a
    paragraphs.append(f"{other.surname} said the two countries had agreed to stay in close contact.")
    fillers = rng.sample(FILLER, 3)
    paragraphs.append(" ".join(f.format(topic=rng.choice(TOPICS), topic2=rng.choice(TOPICS)) for f in fillers))
    if earlier is not None:
        paragraphs.append(f"{earlier.a.surname} last met {earlier.b.title} {earlier.b.name} on "
                          f"{earlier.day:%B} {earlier.day.day}, {earlier.day.year}"
                          + (f", in {earlier.city}." if earlier.city and earlier.kind != "CALL" else "."))
    paragraphs.append("(Synthetic benchmark text: the events in it are generated, not reported.)")
    return "\n\n".join(paragraphs)


def articles(count: int, seed: int) -> Iterator[dict]:
    """``count`` article records; each engagement is reported by one to three outlets."""
    rng = random.Random(seed)
    world = World()
    previous: Engagement | None = None
    made = 0
    for number, e in enumerate(engagements(world, rng)):
        for outlet, host in rng.sample(OUTLETS, rng.choice((1, 1, 2, 3))):
            if made == count:
                return
            published = e.day + timedelta(days=rng.choice((0, 0, 1, 2)))
            earlier = previous if previous and previous.day < e.day and rng.random() < 0.4 else None
            slug = headline(e).lower().replace(" ", "-")
            made += 1
            yield {"id": f"syn-{made:07d}", "url": f"https://{host}/{published:%Y/%m/%d}/{slug}-{number}",
                   "outlet": outlet, "published": published.isoformat(), "title": headline(e),
                   "text": body(e, published, outlet, earlier, rng)}
        previous = e


def page(record: dict) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in record["text"].split("\n\n"))
    title = html.escape(record["title"])
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>\n'
            f'<meta property="og:site_name" content="{html.escape(record["outlet"])}">\n'
            f'<meta property="article:published_time" content="{record["published"]}T09:00:00Z">\n'
            f'</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>\n'
            f"<article><h1>{title}</h1>\n{paragraphs}</article>\n"
            f"<footer>Copyright {html.escape(record['outlet'])}</footer></body></html>")


def write(count: int, seed: int, out: Path, formats: set[str]) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"jsonl": out / f"corpus-{count}.jsonl", "warc": out / f"corpus-{count}.warc.gz"}
    feed = paths["jsonl"].open("w", encoding="utf-8") if "jsonl" in formats else None
    crawl = paths["warc"].open("wb") if "warc" in formats else None
    try:
        for record in articles(count, seed):
            if feed:
                feed.write(json.dumps(record, ensure_ascii=False) + "\n")
            if crawl:
                crawled = f"{record['published']}T12:00:00Z"
                crawl.write(gzip.compress(response_record(record["url"], page(record), crawled), 6))
    finally:
        for handle in (feed, crawl):
            if handle:
                handle.close()
    return {k: v for k, v in paths.items() if k in formats}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to write (default 10,000)")
    parser.add_argument("--out", type=Path, default=HERE / "corpus", help="folder (default bench/corpus)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--formats", default="jsonl,warc", help="jsonl, warc or both (default)")
    args = parser.parse_args(argv)
    formats = set(args.formats.split(","))
    if not formats <= {"jsonl", "warc"} or args.articles < 1:
        parser.error("--formats takes jsonl and/or warc; --articles must be positive")
    for kind, path in write(args.articles, args.seed, args.out, formats).items():
        print(f"{kind}: {path} ({path.stat().st_size / 1e6:.1f} MB, {args.articles} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
