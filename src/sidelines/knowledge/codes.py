"""CAMEO event codes with their Goldstein values and PLOVER equivalents, and the code of each engagement type.

``codes.csv`` holds one row per CAMEO code (``code,name,goldstein,plover_category,plover_mode``);
``engagement_codes.csv`` maps each sidelines engagement type to its CAMEO code
(``type,cameo,cameo_third_location,plover_category,plover_mode``). Files of the same name in a user's
knowledge folder extend the bundled ones, and replace a bundled row with the same code or type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sidelines.errors import KnowledgeError
from sidelines.knowledge.files import bundled_dir, read_csv

CODE_COLUMNS = ("code", "name", "goldstein", "plover_category", "plover_mode")
ENGAGEMENT_COLUMNS = ("type", "cameo", "cameo_third_location", "plover_category", "plover_mode")

_CODE = re.compile(r"\d{2,4}")
_CATEGORY = re.compile(r"[A-Z][A-Z_]*")
_TYPE = re.compile(r"[A-Z][A-Z_]*")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code: ``042`` "Make a visit", Goldstein 1.9, PLOVER CONSULT / visit."""

    code: str
    name: str
    goldstein: float
    plover_category: str | None = None
    plover_mode: str | None = None

    @property
    def root(self) -> str:
        """The two-digit cue category the code belongs to (``0431`` -> ``04``)."""
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class EngagementCode:
    """The CAMEO code of an engagement type (``MEET`` -> ``040``, or ``044`` at a third location)."""

    type: str
    cameo: str
    cameo_third_location: str | None = None
    plover_category: str | None = None
    plover_mode: str | None = None


class CodeBook:
    """Lookup of CAMEO codes by code and by engagement type."""

    def __init__(self, codes: Iterable[CameoCode], engagements: Iterable[EngagementCode] = ()) -> None:
        self.by_code: dict[str, CameoCode] = {c.code: c for c in codes}
        self.engagements: dict[str, EngagementCode] = {e.type: e for e in engagements}

    @classmethod
    def load(cls, path: Path | None = None, extra_dirs: Sequence[Path] = ()) -> CodeBook:
        """Read ``path`` (default: the bundled ``codes.csv``), then ``codes.csv`` in each extra folder.

        The engagement table is the bundled ``engagement_codes.csv`` plus any in the extra folders.
        Raises :class:`KnowledgeError` naming the file and line of a malformed row.
        """
        data = bundled_dir()
        codes: dict[str, CameoCode] = {}
        for file in [Path(path) if path is not None else data / "codes.csv", *_in_dirs("codes.csv", extra_dirs)]:
            codes.update(_read_codes(file))
        engagements: dict[str, EngagementCode] = {}
        for file in [data / "engagement_codes.csv", *_in_dirs("engagement_codes.csv", extra_dirs)]:
            engagements.update(_read_engagements(file, codes))
        return cls(codes.values(), engagements.values())

    def __len__(self) -> int:
        return len(self.by_code)

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self.by_code.values())

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def get(self, code: str) -> CameoCode:
        """The code's row; ``KeyError`` when the book has no such code."""
        try:
            return self.by_code[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}") from None

    def root(self, code: str) -> str:
        """The two-digit cue category of a known code (``042`` -> ``04``); ``KeyError`` when unknown."""
        return self.get(code).root

    def engagement(self, type: str) -> EngagementCode:
        """The engagement table's row for a type (``MEET``, ``VISIT`` ...); ``KeyError`` when unknown."""
        try:
            return self.engagements[type.upper()]
        except KeyError:
            raise KeyError(f"unknown engagement type {type!r}") from None

    def for_engagement(self, type: str, third_location: bool = False) -> CameoCode:
        """The CAMEO code of an engagement type; the third-location code when asked for and there is one."""
        row = self.engagement(type)
        code = row.cameo_third_location if third_location and row.cameo_third_location else row.cameo
        return self.get(code)


def _in_dirs(name: str, folders: Sequence[Path]) -> list[Path]:
    return [Path(folder) / name for folder in folders if (Path(folder) / name).is_file()]


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
    """Each row with its ``file:line`` label, after checking the file has every column."""
    for line, row in enumerate(read_csv(path), start=2):
        missing = [c for c in columns if c not in row]
        if missing:
            raise KnowledgeError(str(path), f"missing column(s) {', '.join(missing)}")
        yield f"{path}:{line}", row


def _read_codes(path: Path) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    for where, row in _rows(path, CODE_COLUMNS):
        code = _parse_code(where, row)
        if code.code in codes:
            raise KnowledgeError(where, f"code {code.code} appears twice")
        codes[code.code] = code
    return codes


def _parse_code(where: str, row: dict[str, str]) -> CameoCode:
    code, name = row["code"], row["name"]
    if not _CODE.fullmatch(code):
        raise KnowledgeError(where, f"code {code!r} is not 2 to 4 digits")
    if not name:
        raise KnowledgeError(where, f"code {code} has no name")
    try:
        goldstein = float(row["goldstein"])
    except ValueError:
        raise KnowledgeError(where, f"goldstein {row['goldstein']!r} is not a number") from None
    if not -10.0 <= goldstein <= 10.0:
        raise KnowledgeError(where, f"goldstein {goldstein} is outside -10..10")
    category = _category(where, row["plover_category"])
    return CameoCode(code, name, goldstein, category, row["plover_mode"] or None)


def _read_engagements(path: Path, codes: dict[str, CameoCode]) -> dict[str, EngagementCode]:
    rows: dict[str, EngagementCode] = {}
    for where, row in _rows(path, ENGAGEMENT_COLUMNS):
        kind = row["type"].upper()
        if not _TYPE.fullmatch(kind):
            raise KnowledgeError(where, f"type {row['type']!r} is not a name like MEET")
        if kind in rows:
            raise KnowledgeError(where, f"type {kind} appears twice")
        for column in ("cameo", "cameo_third_location"):
            value = row[column]
            if (value or column == "cameo") and value not in codes:
                raise KnowledgeError(where, f"{column} {value!r} of {kind} is not a known CAMEO code")
        rows[kind] = EngagementCode(
            kind, row["cameo"], row["cameo_third_location"] or None,
            _category(where, row["plover_category"]), row["plover_mode"] or None,
        )
    return rows


def _category(where: str, value: str) -> str | None:
    if value and not _CATEGORY.fullmatch(value):
        raise KnowledgeError(where, f"PLOVER category {value!r} is not an upper-case name")
    return value or None
