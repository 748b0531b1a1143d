"""Finding and reading the knowledge data files: the bundled ones, then the user's."""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sidelines.errors import KnowledgeError


def bundled_dir() -> Path:
    return Path(str(resources.files("sidelines.knowledge") / "data"))


def data_files(pattern: str, extra_dirs: Sequence[Path] = ()) -> list[Path]:
    """Bundled files matching ``pattern`` first, so a user's rows can replace them by id."""
    found = sorted(bundled_dir().glob(pattern))
    for folder in extra_dirs:
        found.extend(sorted(Path(folder).glob(pattern)))
    return found


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield {k.strip(): (v or "").strip() for k, v in row.items() if k}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KnowledgeError(str(path), f"cannot read: {exc}") from exc


def read_jsonl(path: Path) -> Iterator[dict]:
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield json.loads(line)
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{path}:{number}", f"not JSON: {exc.msg}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(str(path), f"cannot read: {exc}") from exc


def split_list(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


#: Latin letters that Unicode does not decompose into a base letter and a mark (Łódź == Lodz).
_OWN_LETTERS = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h",
                              "ı": "i", "ß": "ss", "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe", "Þ": "Th", "þ": "th"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase ASCII form used for every name lookup (Erdoğan == Erdogan, Sergey's == sergey s)."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").translate(_OWN_LETTERS))
    text = text.encode("ascii", "ignore").decode().lower()
    return " ".join(text.replace(".", "").replace("-", " ").split())


def parse_day(value: str | None, *, end: bool = False) -> date | None:
    """``YYYY-MM-DD``, or ``YYYY-MM`` read as the first (or, for an end, the last) day of the month."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 3:
        return date.fromisoformat(value)
    year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    if not end:
        return date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)
