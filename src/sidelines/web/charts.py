"""Geometry for the hand-drawn SVG charts: bars per year, a timeline, pins on the world map.

Each function turns JSON-ready page data into plain numbers a template draws; no chart library and no
script runs in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from math import sqrt
from typing import Any

from sidelines.web.worldmap import HEIGHT, WIDTH, project


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    label: str
    count: int
    href: str


@dataclass(frozen=True, slots=True)
class Bars:
    width: int
    height: int
    base: float
    bars: list[Bar]
    top: int


def bars(per_year: list[tuple[str, int]], href: str, width: int = 640, height: int = 180) -> Bars:
    """One bar per year from the first to the last (empty years drawn as gaps), undated last.

    ``href`` is a format string with ``{since}`` and ``{until}`` for the bar's link."""
    counts = dict(per_year)
    years = sorted(int(y) for y in counts if y.isdigit())
    labels = [str(y) for y in range(years[0], years[-1] + 1)] if years else []
    if "undated" in counts:
        labels.append("undated")
    top = max(counts.values(), default=0) or 1
    base = height - 24
    step = (width - 20) / max(len(labels), 1)
    out = []
    for i, label in enumerate(labels):
        n = counts.get(label, 0)
        h = (base - 16) * n / top
        link = href.format(since=label, until=label) if label.isdigit() else ""
        out.append(Bar(round(10 + i * step + step * 0.1, 1), round(base - h, 1), round(step * 0.8, 1), round(h, 1),
                       label, n, link))
    return Bars(width, height, base, out, top)


def year_fraction(value: str | None) -> float | None:
    """An ISO date, month or year as a point in time (a month or a year at its middle)."""
    if not value:
        return None
    try:
        if len(value) == 4:
            return int(value) + 0.5
        if len(value) == 7:
            return int(value[:4]) + (int(value[5:7]) - 0.5) / 12
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day.year + (day.timetuple().tm_yday - 0.5) / 366


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    label: str
    href: str


@dataclass
class Timeline:
    width: int
    height: int
    axis: float
    ticks: list[tuple[float, str]] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    undated: list[Dot] = field(default_factory=list)
    undated_x: float = 0.0


def timeline(events: list[dict[str, Any]], width: int = 760, lane: float = 14) -> Timeline:
    """Events (``event_json`` dicts) as dots along a time axis; dots that would overlap are stacked,
    and undated events are stacked in their own column at the right end."""
    placed = [(year_fraction(e.get("date")), e) for e in events]
    dated = sorted(((t, e) for t, e in placed if t is not None), key=lambda p: p[0])
    undated = [e for t, e in placed if t is None]
    right = width - (110 if undated else 20)
    if dated:
        lo, hi = int(dated[0][0]), int(dated[-1][0]) + 1
    else:
        lo, hi = date.today().year, date.today().year + 1
    scale = (right - 30) / (hi - lo)
    dots: list[Dot] = []
    stacks: list[tuple[float, int]] = []
    for t, e in dated:
        x = 30 + (t - lo) * scale
        level = sum(1 for sx, _ in stacks if abs(sx - x) < 9)
        stacks.append((x, level))
        dots.append(Dot(round(x, 1), level, _label(e), f"/events/{e['id']}"))
    levels = max([d.y for d in dots] + [len(undated) - 1, 0])
    axis = 24 + (levels + 1) * lane
    dots = [Dot(d.x, round(axis - 10 - d.y * lane, 1), d.label, d.href) for d in dots]
    ux = width - 60
    side = [Dot(ux, round(axis - 10 - i * lane, 1), _label(e), f"/events/{e['id']}") for i, e in enumerate(undated)]
    ticks = [(round(30 + (y - lo) * scale, 1), str(y)) for y in range(lo, hi + 1)]
    if len(ticks) > 12:
        every = -(-len(ticks) // 12)
        ticks = ticks[::every]
    return Timeline(width, int(axis + 28), axis, ticks, dots, side, ux)


def _label(e: dict[str, Any]) -> str:
    names = " – ".join(p["name"] for p in e.get("participants", []))
    where = (e.get("location") or {}).get("city") or ""
    return f"{e.get('date') or 'undated'} {e.get('type')}: {names}" + (f", {where}" if where else "")


@dataclass(frozen=True, slots=True)
class Pin:
    x: float
    y: float
    r: float
    label: str
    href: str


@dataclass
class WorldMap:
    width: int = WIDTH
    height: int = HEIGHT
    pins: list[Pin] = field(default_factory=list)
    highlight: list[str] = field(default_factory=list)


def world_map(places: list[dict[str, Any]], highlight: list[str] | None = None, href: str = "") -> WorldMap:
    """Pins for places (``lat``, ``lon``, ``events``, ``city``, ``country``), sized by their counts.

    ``href`` is a format string with ``{place}`` for a pin's link."""
    top = max((p.get("events", 1) for p in places), default=1) or 1
    pins = []
    for p in places:
        if p.get("lat") is None or p.get("lon") is None:
            continue
        x, y = project(float(p["lat"]), float(p["lon"]))
        n = p.get("events", 1)
        label = f"{p.get('city') or '?'}, {p.get('country') or '?'}: {n} engagement{'s' if n != 1 else ''}"
        pins.append(Pin(x, y, round(3 + 7 * sqrt(n / top), 1), label, href.format(place=p.get("city") or "")))
    return WorldMap(pins=pins, highlight=[c for c in (highlight or []) if c])
