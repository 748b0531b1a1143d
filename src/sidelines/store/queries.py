"""The one query layer: every read the CLI, the JSON API and the web pages make of the store's tables.

The filters compile once (``where``) over either the stored tables (``STORED``: ``events``,
``event_participants``) or the ranked copies the web server prepares in its snapshot (``PREPARED``).

Every value a user typed reaches DuckDB as a bound parameter; only fixed SQL fragments chosen here
are joined into the statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

import duckdb

from sidelines.errors import QueryError
from sidelines.model import Event, Quote
from sidelines.store.codec import event_from, quote_from
from sidelines.store.outline import events_from

Db = duckdb.DuckDBPyConnection

#: The two orders of the list, as precomputed ranks in ``web_events`` (see ``prepare``).
SORTS = {"-date": "pos", "date": "pos_asc"}

PREPARE = """
CREATE OR REPLACE TABLE web_events AS
SELECT row_number() OVER (ORDER BY date DESC NULLS LAST, id)::INTEGER AS pos,
       row_number() OVER (ORDER BY date ASC NULLS LAST, id)::INTEGER AS pos_asc,
       id, date, type, city, country, occasion
FROM events ORDER BY pos;
CREATE OR REPLACE TABLE web_participants AS
SELECT w.pos, p.actor_id, p.name, p.country
FROM event_participants p JOIN web_events w ON w.id = p.event_id ORDER BY p.country, w.pos;
"""


def prepare(db: Db) -> None:
    """Derived tables the pages read, added to the server's private copy of the database: the events'
    list columns with their rank in either order (so a page is a range of integers, not a sort of
    dates), and the participants keyed by that rank."""
    db.execute(PREPARE)


@dataclass(frozen=True, slots=True)
class Tables:
    """Where the filters look: the events table, its participants, and the key joining them."""

    events: str
    participants: str
    key: str  # the events' column that the participants' ``key`` column refers to
    participant_key: str


STORED = Tables("events", "event_participants", "id", "event_id")
PREPARED = Tables("web_events", "web_participants", "pos", "pos")


def _in(values: list[str]) -> str:
    return "(" + ", ".join("?" * len(values)) + ")" if values else "(NULL)"


@dataclass(frozen=True, slots=True)
class Filters:
    """What the events list can be narrowed by; every field is optional."""

    actor: str | None = None  # an actor id, or part of a participant's name
    country: str | None = None  # ISO3 of a participant
    pair: str | None = None  # "CHN-RUS": both countries take part
    type: str | None = None
    since: str | None = None  # ISO date (or year, or month), inclusive
    until: str | None = None
    occasion: str | None = None  # part of the occasion's name
    place: str | None = None  # part of the city's name
    q: str | None = None  # words in a name, the place, the occasion or a source's title

    def params(self) -> dict[str, str]:
        """The non-empty filters, as query-string parameters."""
        return {k: v for k, v in asdict(self).items() if v}

    @property
    def pair_codes(self) -> tuple[str, str] | None:
        return split_pair(self.pair) if self.pair else None


def split_pair(pair: str) -> tuple[str, str] | None:
    parts = [p.strip().upper() for p in pair.replace("_", "-").split("-") if p.strip()]
    return (parts[0], parts[1]) if len(parts) == 2 else None


def _participant_with(column_sql: str, over: Tables) -> str:
    return f"{over.key} IN (SELECT {over.participant_key} FROM {over.participants} WHERE {column_sql})"


#: The most rows one query may ask for; more is a mistake, not a wish.
MAX_LIMIT = 10_000_000
_DAY_FILTER = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def check_day(value: str | None, name: str) -> str | None:
    """A date filter as given (``2024``, ``2024-03`` or ``2024-03-05``, a real month and day), or
    QueryError: the filters compare ISO text, so anything else would match by accident."""
    if value is None or not value.strip():
        return None
    found = _DAY_FILTER.fullmatch(value.strip())
    try:
        if found is None:
            raise ValueError
        year, month, day = (int(g) if g else 1 for g in found.groups())
        date(year, month, day)
    except ValueError:
        raise QueryError(f"{name}={value!r}", "not a date", "give YYYY, YYYY-MM or YYYY-MM-DD (a real day)") from None
    return value.strip()


def check_limit(limit: int | None, name: str = "limit") -> int | None:
    """A row limit between 0 and MAX_LIMIT (None: no limit), or QueryError."""
    if limit is not None and not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"{name}={limit}", f"must be between 0 and {MAX_LIMIT:,}", "give a smaller, positive number")
    return limit


def check_filters(f: Filters) -> None:
    """QueryError for a filter that cannot be what the user meant (a malformed date, a broken pair)."""
    check_day(f.since, "since")
    check_day(f.until, "until")
    if f.pair and split_pair(f.pair) is None:
        raise QueryError(f"pair={f.pair!r}", "not two country codes", "give two ISO codes joined by '-', e.g. FRA-DEU")


def where(f: Filters, over: Tables = PREPARED) -> tuple[str, list[Any]]:
    """The WHERE clause of ``f`` over the events table of ``over``, and its parameters (QueryError
    when a filter is malformed: see ``check_filters``)."""
    check_filters(f)

    def _participant_with_(column_sql: str) -> str:
        return _participant_with(column_sql, over)

    clauses: list[str] = []
    params: list[Any] = []
    if f.actor:
        clauses.append(_participant_with_("actor_id = ? OR contains(lower(name), lower(?))"))
        params += [f.actor, f.actor]
    if f.country:
        clauses.append(_participant_with_("country = ?"))
        params.append(f.country.strip().upper())
    if f.pair_codes:
        clauses += [_participant_with_("country = ?"), _participant_with_("country = ?")]
        params += list(f.pair_codes)
    if f.type:
        clauses.append("type = ?")
        params.append(f.type.strip().upper())
    if f.since:
        clauses.append("date >= ?")
        params.append(f.since.strip())
    if f.until:
        clauses.append("date <= ? || '~'")
        params.append(f.until.strip())
    if f.occasion:
        clauses.append("contains(lower(occasion), lower(?))")
        params.append(f.occasion)
    if f.place:
        clauses.append("contains(lower(city), lower(?))")
        params.append(f.place)
    if f.q:
        clauses.append(
            "(contains(lower(coalesce(occasion, '')), lower(?)) OR contains(lower(coalesce(city, '')), lower(?))"
            " OR " + _participant_with_("contains(lower(name), lower(?))") +
            " OR id IN (SELECT er.event_id FROM event_reports er JOIN reports r ON r.id = er.report_id"
            " JOIN articles a ON a.id = r.article_id WHERE contains(lower(coalesce(a.title, '')), lower(?))))")
        params += [f.q] * 4
    return (" AND ".join(clauses) or "TRUE"), params


def count_events(db: Db, f: Filters) -> int:
    clause, params = where(f)
    return db.execute(f"SELECT count(*) FROM web_events WHERE {clause}", params).fetchone()[0]  # type: ignore[index]


def page_ids(db: Db, f: Filters, limit: int, offset: int = 0, sort: str = "-date") -> list[str]:
    """The ids of one page of matching events, in order (unfiltered: a range of ranks)."""
    rank = SORTS.get(sort, "pos")
    check_limit(limit)
    check_limit(offset, "offset")
    clause, params = where(f)
    if clause == "TRUE":
        clause, params, offset = f"{rank} > ?", [offset], 0
    rows = db.execute(f"SELECT id FROM web_events WHERE {clause} ORDER BY {rank} LIMIT ? OFFSET ?",
                      [*params, limit, offset]).fetchall()
    return [r[0] for r in rows]


def records(db: Db, ids: list[str]) -> list[Event]:
    """The events with these ids, in the order given."""
    if not ids:
        return []
    found = dict(db.execute(f"SELECT id, record FROM events WHERE id IN {_in(ids)}", ids).fetchall())
    return events_from(db, [found[i] for i in ids if i in found])


def list_events(db: Db, f: Filters, limit: int, offset: int = 0, sort: str = "-date") -> list[Event]:
    """One page of events; the ids are chosen first so only the page's records are read."""
    return records(db, page_ids(db, f, limit, offset, sort))


def iter_events(db: Db, f: Filters, sort: str = "date", batch: int = 500) -> Iterator[Event]:
    """Every matching event, read in batches (for downloads)."""
    clause, params = where(f)
    ids = [r[0] for r in db.execute(f"SELECT id FROM web_events WHERE {clause} ORDER BY {SORTS.get(sort, 'pos')}",
                                    params).fetchall()]
    for at in range(0, len(ids), batch):
        yield from records(db, ids[at:at + batch])


def stored_events(db: Db, f: Filters | None = None, limit: int | None = None) -> list[Event]:
    """Matching events from the stored tables, by date (undated last) then id."""
    clause, params = where(f or Filters(), STORED)
    sql = f"SELECT record FROM events WHERE {clause} ORDER BY date NULLS LAST, id"
    if check_limit(limit) is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    return events_from(db, [r[0] for r in db.execute(sql, params).fetchall()])


def prospects(db: Db, status: str | None = None, actor: str | None = None, limit: int | None = None) -> list[Event]:
    """Engagements reported as planned, cancelled, postponed or declined (not events), by date, undated
    last; narrowed to one status or to those naming an actor (id, or part of a participant's name)."""
    sql = ("SELECT record FROM prospects WHERE (? IS NULL OR status = ?) AND (? IS NULL OR EXISTS ("
           "SELECT 1 FROM (SELECT unnest(from_json(json_extract(record, '$.participants'), "
           "'[{\"name\": \"VARCHAR\", \"actor_id\": \"VARCHAR\"}]')) AS p) "
           "WHERE p.actor_id = ? OR contains(lower(p.name), lower(?)))) ORDER BY date NULLS LAST, id")
    params: list[Any] = [status, status, actor, actor, actor]
    if check_limit(limit) is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [event_from(r[0]) for r in db.execute(sql, params).fetchall()]


def find_event(db: Db, event_id: str) -> Event | None:
    """An event by id, or by the first characters of its id (at least 4); QueryError for an empty id
    or a beginning that more than one event shares, so an arbitrary event is never shown."""
    event_id = event_id.strip()
    if not event_id:
        raise QueryError("event id ''", "empty", "give an event id (its first characters are enough)")
    row = db.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
    if row is None and len(event_id) >= 4:
        rows = db.execute("SELECT record FROM events WHERE starts_with(id, ?) ORDER BY id LIMIT 2",
                          [event_id]).fetchall()
        if len(rows) > 1:
            raise QueryError(event_id, "more than one event id starts with it", "give more characters of the id")
        row = rows[0] if rows else None
    return events_from(db, [row[0]])[0] if row else None


def articles(db: Db, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored articles with these ids, keyed by id."""
    cursor = db.execute("SELECT id, title, outlet, url, published, published_basis, text FROM articles "
                        f"WHERE id IN {_in(ids)}", ids)
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}


QUOTES_WITH_EVENTS = """
SELECT q.record, (
    SELECT er.event_id FROM reports r
    JOIN event_reports er ON er.report_id = r.id
    JOIN event_participants p ON p.event_id = er.event_id AND p.actor_id = q.speaker_actor_id
    WHERE r.article_id = q.article_id ORDER BY r.role = 'main' DESC, er.event_id LIMIT 1) AS event_id
FROM quotes q WHERE {where} ORDER BY q.article_id, q.id
"""


def quotes(db: Db, article_ids: list[str] | None = None) -> list[Quote]:
    """Quotes (of ``article_ids``, or all) with the event they were said at: one of the article's
    reported engagements that the speaker took part in, its main one first."""
    if article_ids is None:
        rows = db.execute(QUOTES_WITH_EVENTS.format(where="TRUE")).fetchall()
    else:
        rows = db.execute(QUOTES_WITH_EVENTS.format(where="list_contains(?, q.article_id)"), [article_ids]).fetchall()
    return [replace(quote_from(record), event_id=event_id) for record, event_id in rows]


def event_quotes(db: Db, event_id: str, article_ids: list[str]) -> list[Quote]:
    """The quotes of the event's source articles that were said at this event."""
    return [q for q in quotes(db, article_ids) if q.event_id == event_id]


def per_year(db: Db, f: Filters) -> list[tuple[str, int]]:
    """Engagements per year (``undated`` last)."""
    clause, params = where(f)
    rows = db.execute(f"SELECT coalesce(substr(date, 1, 4), 'undated') AS y, count(*) FROM web_events WHERE {clause} "
                      "GROUP BY y ORDER BY y = 'undated', y", params).fetchall()
    return [(y, n) for y, n in rows]


def places(db: Db, f: Filters, limit: int = 500) -> list[dict[str, Any]]:
    """Places with coordinates and how many matching engagements took place there, most first."""
    clause, params = where(f)
    rows = db.execute(
        f"SELECT city, country, count(*) AS n, min(id) AS sample FROM web_events WHERE {clause} "
        "GROUP BY city, country ORDER BY n DESC, city LIMIT ?", [*params, limit]).fetchall()
    samples = [r[3] for r in rows]
    coords = {
        r[0]: (r[1], r[2]) for r in db.execute(
            "SELECT id, TRY_CAST(json_extract_string(record, '$.where.lat') AS DOUBLE), "
            f"TRY_CAST(json_extract_string(record, '$.where.lon') AS DOUBLE) FROM events WHERE id IN {_in(samples)}",
            samples).fetchall()}
    out = []
    for city, country, n, sample in rows:
        lat, lon = coords.get(sample, (None, None))
        out.append({"city": city, "country": country, "events": n, "lat": lat, "lon": lon})
    return out


def counterparts(db: Db, actor_id: str, limit: int = 50) -> list[dict[str, Any]]:
    """Who ``actor_id`` engaged with, and how often."""
    rows = db.execute(
        """
        SELECT any_value(b.actor_id), any_value(b.name), any_value(b.country), count(DISTINCT b.event_id) AS n
        FROM event_participants a JOIN event_participants b ON a.event_id = b.event_id
        WHERE a.actor_id = ? AND b.actor_id IS DISTINCT FROM a.actor_id
        GROUP BY coalesce(b.actor_id, b.name) ORDER BY n DESC, 2 LIMIT ?
        """, [actor_id, limit]).fetchall()
    return [{"actor_id": a, "name": name, "country": c, "events": n} for a, name, c, n in rows]


def participant_names(db: Db, actor_id: str) -> list[tuple[str, str | None]]:
    """The names (and countries) an actor id appears under in stored events."""
    rows = db.execute("SELECT name, any_value(country) FROM event_participants WHERE actor_id = ? "
                      "GROUP BY name ORDER BY count(*) DESC LIMIT 5", [actor_id]).fetchall()
    return [(n, c) for n, c in rows]


def top_pairs(db: Db, limit: int = 100) -> list[dict[str, Any]]:
    """Country pairs by how many engagements both took part in."""
    rows = db.execute(
        """
        SELECT a.country, b.country, count(DISTINCT a.event_id) AS n
        FROM event_participants a JOIN event_participants b ON a.event_id = b.event_id AND a.country < b.country
        GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?
        """, [limit]).fetchall()
    return [{"a": a, "b": b, "events": n} for a, b, n in rows]


def people(db: Db, text: str, limit: int = 30) -> list[dict[str, Any]]:
    """Participants whose name contains ``text``, with how many engagements each has."""
    rows = db.execute(
        "SELECT any_value(actor_id), any_value(name), any_value(country), count(DISTINCT event_id) AS n "
        "FROM event_participants WHERE contains(lower(name), lower(?)) "
        "GROUP BY coalesce(actor_id, name) ORDER BY n DESC, 2 LIMIT ?", [text, limit]).fetchall()
    return [{"actor_id": a, "name": n, "country": c, "events": k} for a, n, c, k in rows]


def occasions(db: Db, text: str, limit: int = 30) -> list[dict[str, Any]]:
    rows = db.execute("SELECT occasion, count(*) AS n FROM web_events WHERE contains(lower(occasion), lower(?)) "
                      "GROUP BY occasion ORDER BY n DESC, occasion LIMIT ?", [text, limit]).fetchall()
    return [{"name": o, "events": n} for o, n in rows]


def totals(db: Db) -> dict[str, int]:
    out = {}
    for table in ("events", "articles", "quotes"):
        out[table] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
    return out
