"""The offline world map: country outlines in equirectangular projection, as one small SVG file.

``static/world.svg`` was generated once by this module from the Natural Earth 1:110m admin-0 countries
(public domain, naturalearthdata.com), as shipped in the PyPI package ``geopandas==0.14.4``
(``geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp``). Regenerate it with::

    python -m sidelines.web.worldmap path/to/naturalearth_lowres.shp > src/sidelines/web/static/world.svg

The reader below handles the two files it needs (``.shp`` polygons and the ``.dbf`` table) in plain
Python, so neither geopandas nor any GIS library is a dependency. Nothing here runs when the server does:
the server only projects points with :func:`project`.
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

#: Pixels per degree of the map's coordinate space (360 x 180 degrees -> 720 x 360 units).
SCALE = 2
WIDTH, HEIGHT = 360 * SCALE, 180 * SCALE


def project(lat: float, lon: float) -> tuple[float, float]:
    """A point's x, y in the map's coordinate space (equirectangular: x from longitude, y from latitude)."""
    return round((lon + 180) * SCALE, 1), round((90 - lat) * SCALE, 1)


def read_polygons(shp: Path) -> Iterator[list[list[tuple[float, float]]]]:
    """Each record's rings of (lon, lat) points, in file order (shape types 5 Polygon and 0 Null)."""
    data = shp.read_bytes()
    offset = 100
    while offset < len(data):
        _, words = struct.unpack(">ii", data[offset:offset + 8])
        body = data[offset + 8: offset + 8 + words * 2]
        offset += 8 + words * 2
        if struct.unpack("<i", body[:4])[0] != 5:
            yield []
            continue
        parts, points = struct.unpack("<ii", body[36:44])
        starts = list(struct.unpack(f"<{parts}i", body[44:44 + 4 * parts])) + [points]
        coords = struct.unpack(f"<{2 * points}d", body[44 + 4 * parts: 44 + 4 * parts + 16 * points])
        pairs = list(zip(coords[0::2], coords[1::2]))
        yield [pairs[a:b] for a, b in pairwise(starts)]


def read_table(dbf: Path) -> list[dict[str, str]]:
    """The attribute rows of a dBase III file, values as stripped strings."""
    data = dbf.read_bytes()
    count, header, size = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, int]] = []
    at = 32
    while data[at] != 0x0D:
        name = data[at:at + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[at + 16]))
        at += 32
    rows = []
    for i in range(count):
        record = data[header + i * size: header + (i + 1) * size]
        position, row = 1, {}
        for name, length in fields:
            row[name] = record[position:position + length].decode("utf-8", "replace").strip()
            position += length
        rows.append(row)
    return rows


def ring_path(ring: list[tuple[float, float]]) -> str:
    points: list[tuple[float, float]] = []
    for lon, lat in ring:
        x, y = project(lat, lon)
        point = (round(x), round(y))
        if not points or points[-1] != point:
            points.append(point)
    if len(points) < 3:
        return ""
    return "M" + "L".join(f"{x} {y}" for x, y in points) + "Z"


def to_svg(shp: Path) -> str:
    """The SVG document: one ``<path id="c-ISO3">`` per country inside ``<g id="world">``."""
    rows = read_table(shp.with_suffix(".dbf"))
    paths = []
    for row, rings in zip(rows, read_polygons(shp)):
        code = row.get("iso_a3", "")
        d = "".join(ring_path(r) for r in rings)
        if d:
            ident = f' id="c-{code}"' if code.isalpha() else ""
            paths.append(f'<path{ident} d="{d}"><title>{row.get("name", "")}</title></path>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">\n'
        "<!-- Natural Earth 1:110m admin-0 countries (public domain), equirectangular; "
        "made by sidelines.web.worldmap -->\n"
        '<g id="world">\n' + "\n".join(paths) + "\n</g>\n</svg>\n"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(to_svg(Path(sys.argv[1])))
