"""Records to JSON-ready dicts and back, for the store and the exports."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from sidelines.model import Event, Mention, OccasionRef, Participant, Quote, Source, Span, When, Where

#: Field names per record class, read once (``dataclasses.fields`` builds its answer on every call).
_FIELDS: dict[type, tuple[str, ...]] = {}
_SCALARS = (str, int, float, bool, type(None))


def plain(record: Any) -> Any:
    """A dataclass as nested dicts and lists with ISO dates (field by field: ``asdict`` would copy every
    nested record once more before this walks it)."""
    kind = type(record)
    if kind in _SCALARS:
        return record
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(record) and not isinstance(record, type):
        names = _FIELDS[kind] = tuple(f.name for f in fields(record))
    if names is not None:
        return {name: plain(getattr(record, name)) for name in names}
    if isinstance(record, dict):
        return {k: plain(v) for k, v in record.items()}
    if isinstance(record, (list, tuple)):
        return [plain(v) for v in record]
    if isinstance(record, date):
        return record.isoformat()
    return record


def dumps(record: Any) -> str:
    return json.dumps(plain(record), ensure_ascii=False, sort_keys=True)


def _span(d: dict | None) -> Span | None:
    return Span(**d) if d else None


def _participant(d: dict) -> Participant:
    return Participant(**{**d, "span": _span(d.get("span"))})


def _when(d: dict | None) -> When:
    return When(**{**d, "span": _span(d.get("span"))}) if d else When()


def _where(d: dict | None) -> Where | None:
    return Where(**{**d, "span": _span(d.get("span"))}) if d else None


def _occasion(d: dict | None) -> OccasionRef | None:
    if not d:
        return None
    return OccasionRef(**{**d, "start": date.fromisoformat(d["start"]), "end": date.fromisoformat(d["end"]),
                          "span": _span(d.get("span"))})


def _source(d: dict) -> Source:
    return Source(**{**d, "mention_ids": tuple(d["mention_ids"]), "evidence": tuple(Span(**e) for e in d["evidence"])})


def event_from(data: str | dict) -> Event:
    d = json.loads(data) if isinstance(data, str) else data
    return Event(**{
        **d,
        "participants": tuple(_participant(p) for p in d["participants"]),
        "when": _when(d.get("when")),
        "where": _where(d.get("where")),
        "occasion": _occasion(d.get("occasion")),
        "sources": tuple(_source(s) for s in d["sources"]),
        "disagreements": tuple(d.get("disagreements") or ()),
    })


def mention_from(data: str | dict) -> Mention:
    d = json.loads(data) if isinstance(data, str) else data
    return Mention(**{
        **d,
        "trigger": Span(**d["trigger"]),
        "evidence": Span(**d["evidence"]),
        "participants": tuple(_participant(p) for p in d["participants"]),
        "when": _when(d.get("when")),
        "where": _where(d.get("where")),
        "occasion": _occasion(d.get("occasion")),
        "time_text": _span(d.get("time_text")),
        "place_texts": tuple(Span(**s) for s in d.get("place_texts") or ()),
        "occasion_text": _span(d.get("occasion_text")),
        "status_cue": _span(d.get("status_cue")),
    })


def quote_from(data: str | dict) -> Quote:
    d = json.loads(data) if isinstance(data, str) else data
    return Quote(**{**d, "speaker": _participant(d["speaker"]), "evidence": Span(**d["evidence"])})
