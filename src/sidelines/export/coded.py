"""Coded events in the layouts users already load: a GDELT 2.0-like event table and PLOVER JSON.

GDELT: a tab-separated table with a header of GDELT 2.0's 61 event columns in GDELT's order, one
row per directed dyad, then two columns of our own: ``SidelinesEventId`` and ``SourceURLs`` (every
report's address). Differences from GDELT, on purpose: ``GLOBALEVENTID`` is ``<our event id>-<n>``
(unique per row, the event recoverable), country columns hold ISO 3166 alpha-3 codes (GDELT's actor
countries are CAMEO codes and its geo countries FIPS 10-4), ``SQLDATE`` is empty when only the month
or year is known (``MonthYear`` / ``Year`` are still filled), and tone, ADM and feature ids are empty.

PLOVER: a JSON list of records with PLOVER's fields (``id``, ``date``, ``source`` and ``target`` as
lists of ``{actorText, code, sector}``, ``event``, ``mode``, ``text``, ``eventLoc``, ...), plus
``cameo``, ``goldstein``, ``sources`` and ``sidelines_event_id``. A visit is one record
visitor -> host; a meeting, call or negotiation is one record with every side as source (as the
PLOVER gold records write them). Plain statements (CAMEO 01x) have no PLOVER category and are left out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sidelines.coding.dyads import Dyad
from sidelines.coding.verbal import VerbalEvent
from sidelines.model import Event

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS), *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in GEO_FIELDS), *(f"Actor2Geo_{f}" for f in GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
EXTRA_COLUMNS = ("SidelinesEventId", "SourceURLs")


def quad_class(code: str) -> int:
    """GDELT's four classes: 1 verbal cooperation (01-05), 2 material cooperation (06-09),
    3 verbal conflict (10-14), 4 material conflict (15-20)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _dates(value: str | None) -> dict[str, Any]:
    if not value:
        return {}
    parts = value.split("-")
    out: dict[str, Any] = {"Year": parts[0]}
    if len(parts) >= 2:
        out["MonthYear"] = parts[0] + parts[1]
    if len(parts) == 3:
        day = date.fromisoformat(value)
        out["SQLDATE"] = value.replace("-", "")
        out["FractionDate"] = f"{day.year + (day.month * 30 + day.day) / 365:.4f}"
    return out


def _actor(n: int, name: str | None, code: str | None, country: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {f"Actor{n}Code": code, f"Actor{n}Name": name, f"Actor{n}CountryCode": country}
    if code and code.startswith("IGO"):
        out[f"Actor{n}KnownGroupCode"] = code[3:]
    elif code and country and len(code) > 3:
        out[f"Actor{n}Type1Code"] = code[3:6]
    return out


def _code_fields(code: str, goldstein: float | None) -> dict[str, Any]:
    return {"EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
            "QuadClass": quad_class(code), "GoldsteinScale": goldstein}


def _event_fields(event: Event) -> dict[str, Any]:
    urls = [s.url or s.article_id for s in event.sources]
    out: dict[str, Any] = {
        "IsRootEvent": int(any(s.role == "main" for s in event.sources)),
        "NumMentions": sum(len(s.mention_ids) for s in event.sources),
        "NumSources": len({s.outlet or s.article_id for s in event.sources}),
        "NumArticles": len(event.sources),
        "SOURCEURL": urls[0] if urls else None, "SourceURLs": " ".join(urls),
    }
    where = event.where
    if where is not None and (where.city or where.country):
        out.update({"ActionGeo_Type": 4 if where.city else 1,
                    "ActionGeo_FullName": ", ".join(x for x in (where.city, where.country) if x),
                    "ActionGeo_CountryCode": where.country, "ActionGeo_Lat": where.lat, "ActionGeo_Long": where.lon})
    return out


def gdelt_rows(events: Sequence[Event], dyads: Iterable[Dyad],
               verbal: Iterable[VerbalEvent] = ()) -> list[dict[str, Any]]:
    by_id = {e.id: e for e in events}
    rows: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for d in dyads:
        n = counts[d.event_id] = counts.get(d.event_id, 0) + 1
        row = {"GLOBALEVENTID": f"{d.event_id}-{n}", "SidelinesEventId": d.event_id, **_dates(d.date),
               **_actor(1, d.source_name, d.source_code, d.source_country),
               **_actor(2, d.target_name, d.target_code, d.target_country), **_code_fields(d.cameo, d.goldstein)}
        if d.event_id in by_id:
            row.update(_event_fields(by_id[d.event_id]))
        rows.append(row)
    for v in verbal:
        target = v.target
        rows.append({"GLOBALEVENTID": f"{v.id}-1", "SidelinesEventId": v.id, **_dates(v.date),
                     **_actor(1, v.source.name, v.source.code, v.source.country),
                     **_actor(2, target.name if target else None, target.code if target else None,
                              target.country if target else None),
                     **_code_fields(v.cameo, v.goldstein), "IsRootEvent": 0, "NumMentions": 1, "NumSources": 1,
                     "NumArticles": 1, "SOURCEURL": v.url or v.article_id, "SourceURLs": v.url or v.article_id})
    return rows


def to_gdelt(events: Sequence[Event], dyads: Iterable[Dyad], verbal: Iterable[VerbalEvent] = ()) -> str:
    """Tab-separated, with a header row of GDELT 2.0 event column names (and our two extra columns)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*GDELT_COLUMNS, *EXTRA_COLUMNS], delimiter="\t",
                            lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in gdelt_rows(events, dyads, verbal):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def _plover_actor(name: str | None, code: str | None, country: str | None) -> dict[str, Any]:
    sector = code[3:6] if code and country and len(code) > 3 else None
    return {"actorText": name, "code": country or (code[:3] if code else None), "cameo": code, "sector": sector}


def _sides(dyads: list[Dyad], end: str) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for d in dyads:
        name, code, country = (d.source_name, d.source_code, d.source_country) if end == "source" else \
            (d.target_name, d.target_code, d.target_country)
        if name is not None:
            seen.setdefault(code or name, _plover_actor(name, code, country))
    return list(seen.values())


def plover_event_record(event: Event, dyads: list[Dyad]) -> dict[str, Any] | None:
    """One PLOVER record for an engagement: visitor -> host for a visit, every side as source else."""
    directed = [d for d in dyads if d.cameo == "042"]
    chosen = directed or dyads
    if not chosen or chosen[0].plover is None:
        return None
    first = chosen[0]
    evidence = event.sources[0].evidence[0] if event.sources and event.sources[0].evidence else None
    where = event.where
    return {
        "id": f"sidelines-{event.id}", "date": event.when.value,
        "source": _sides(chosen, "source"), "target": _sides(chosen, "target") if directed else [],
        "event": first.plover, "mode": first.plover_mode, "context": [],
        "eventText": event.type.lower(), "text": evidence.text if evidence else None,
        "eventLoc": None if where is None else {"name": where.city, "country": where.country, "lat": where.lat,
                                                 "lon": where.lon},
        "language": "en", "publication": event.sources[0].outlet if event.sources else None,
        "cameo": first.cameo, "goldstein": first.goldstein, "sidelines_event_id": event.id,
        "sources": [s.url or s.article_id for s in event.sources],
        "occasion": event.occasion.name if event.occasion else None,
    }


def plover_verbal_record(v: VerbalEvent) -> dict[str, Any] | None:
    if v.plover is None:
        return None
    target = [] if v.target is None else [_plover_actor(v.target.name, v.target.code, v.target.country)]
    return {
        "id": f"sidelines-{v.id}", "date": v.date,
        "source": [_plover_actor(v.source.name, v.source.code, v.source.country)], "target": target,
        "event": v.plover, "mode": v.plover_mode, "context": [], "eventText": v.verb, "text": v.evidence.text,
        "eventLoc": None, "language": "en", "publication": None, "cameo": v.cameo, "goldstein": v.goldstein,
        "sidelines_event_id": v.id, "sources": [v.url or v.article_id],
        "evidence": {"article_id": v.article_id, "field": v.evidence.field, "start": v.evidence.start,
                     "end": v.evidence.end},
    }


def plover_records(events: Sequence[Event], dyads: Iterable[Dyad],
                   verbal: Iterable[VerbalEvent] = ()) -> list[dict[str, Any]]:
    grouped: dict[str, list[Dyad]] = {}
    for d in dyads:
        grouped.setdefault(d.event_id, []).append(d)
    records = [plover_event_record(e, grouped.get(e.id, [])) for e in events]
    records += [plover_verbal_record(v) for v in verbal]
    return [r for r in records if r is not None]


def to_plover(events: Sequence[Event], dyads: Iterable[Dyad], verbal: Iterable[VerbalEvent] = ()) -> str:
    """A JSON list of PLOVER records."""
    return json.dumps(plover_records(events, dyads, verbal), ensure_ascii=False, indent=2)


EXPORT_FORMATS = ("gdelt", "plover")


def export_coded(events: Sequence[Event], kb, verbal: Iterable[VerbalEvent] = (), format: str = "gdelt") -> str:
    """``format`` is ``gdelt`` (TSV) or ``plover`` (JSON): every event's dyads plus the verbal events."""
    from sidelines.coding.dyads import dyads as dyads_of

    if format not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}")
    coded = [d for e in events for d in dyads_of(e, kb)]
    verbal = list(verbal)
    return to_gdelt(events, coded, verbal) if format == "gdelt" else to_plover(events, coded, verbal)
