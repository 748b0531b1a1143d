"""JSON Lines feeds: one article per line, read as a stream so a feed of any size fits.

A broken line is reported as ``path:LINE`` and the lines after it are still read. A line too long
to hold an article within the limit is skipped without being read into memory.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sidelines.config import Settings
from sidelines.errors import EmptyInput, InputError, MalformedRecord, Notice, TooLarge
from sidelines.ingest import sniff
from sidelines.ingest.language import ENGLISH, label_code
from sidelines.model import Article

#: JSON writes a character in at most 6 bytes (a ``\\uXXXX`` escape; only characters outside the
#: Basic Multilingual Plane take two): a line longer than this many bytes per allowed character
#: cannot hold an article within the limit.
MAX_BYTES_PER_CHAR = 6
#: Room on a line for the fields other than the text.
LINE_SLACK_BYTES = 1 << 20
#: Years a publication date can bear; others are placeholders ("0001-01-01", "9999-12-31").
PUBLISHED_YEARS = range(1000, 3000)
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(path: Path, what: str, settings: Settings) -> Iterator[Article | InputError]:
    """Yield an Article per good line and an InputError (naming ``what:LINE``) per bad one."""
    seen = 0
    limit = settings.max_article_chars * MAX_BYTES_PER_CHAR + LINE_SLACK_BYTES
    with path.open("rb") as handle:
        for number, line in _lines(handle, limit):
            if line is None:
                seen += 1
                yield TooLarge(f"{what}:{number}", f"a line of more than {limit:,} bytes, which cannot hold "
                               f"an article within the limit of {settings.max_article_chars:,} characters")
            elif line.strip():
                seen += 1
                yield from _article_or_error(line, number, path, what, settings)
    if not seen:
        yield EmptyInput(what, "the file holds no records")


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, str | bytes | None]]:
    """Numbered lines; UTF-16 feeds are decoded whole-stream, others line by line, and a line of
    more than ``limit`` bytes is skipped unread (given as None)."""
    encoding = sniff.bom_encoding(handle.read(4))
    handle.seek(0)
    if encoding in ("utf-16", "utf-32"):
        with io.TextIOWrapper(handle, encoding=encoding, errors="replace") as text:
            yield from enumerate(text, 1)
        return
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _article_or_error(
    line: str | bytes, number: int, path: Path, what: str, settings: Settings
) -> list[Article | InputError]:
    """The line's article (with a notice when its date was a placeholder), or its one error."""
    where = f"{what}:{number}"
    try:
        record = _parse(line, number, where)
        article = to_article(record, f"{path.stem}-{number}", where, settings)
    except InputError as error:
        return [error]
    except Exception as error:  # noqa: BLE001 (deep nesting, a 5,000-digit number, a reader's bug: this line only)
        cause = (str(error).splitlines() or [""])[0][:200]
        return [MalformedRecord(where, f"the line cannot be read as a record ({type(error).__name__}: {cause})")]
    if article.published is None and record.get("published") not in (None, ""):
        return [article, Notice(where, f"`published` {record['published']!r} is outside the years a report can "
                                "bear (a placeholder such as 0001-01-01 or 9999-12-31); read as unknown")]
    return [article]


def _parse(line: str | bytes, number: int, where: str) -> dict[str, Any]:
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise MalformedRecord(where, f"the line is not UTF-8 (byte {error.start + 1})") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise MalformedRecord(where, f"not valid JSON ({error.msg}, column {error.colno})") from None
    if not isinstance(record, dict):
        raise MalformedRecord(where, f"a JSON {type(record).__name__}, not an object")
    _check_characters(record, where)
    return record


def _check_characters(record: dict[str, Any], where: str) -> None:
    """Refuse text fields holding what no store or page can keep: a lone surrogate (``\\ud800``
    without its pair, not a character) or a NUL. Only this record fails, not the file."""
    for name, value in record.items():
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise MalformedRecord(where, f"`{name}` holds a NUL character")
        if _SURROGATE.search(value):
            raise MalformedRecord(where, f"`{name}` holds a lone surrogate (an unpaired \\uD800-\\uDFFF escape), "
                                  "which is not a character")


def to_article(record: dict[str, Any], default_id: str, where: str, settings: Settings) -> Article:
    """Check one record's fields and make the Article; ``default_id`` serves when ``id`` is missing."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MalformedRecord(where, "no `text` (the article body) in the record")
    sniff.check_text(text, where, settings.max_article_chars)
    published = published_day(record.get("published"), where)
    return Article(
        id=_record_id(record, default_id, where),
        text=text.strip(),
        title=_optional_str(record, "title", where),
        url=_optional_str(record, "url", where),
        outlet=_optional_str(record, "outlet", where),
        published=published,
        published_basis="metadata" if published else None,
        published_evidence=str(record["published"]) if published else None,
        language=labelled_language(record),
        source_path=where,
    )


def _record_id(record: dict[str, Any], default_id: str, where: str) -> str:
    value = record.get("id")
    if value is None or (isinstance(value, str) and not value.strip()):
        return default_id
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value).strip()
    raise MalformedRecord(where, f"`id` must be a string or an integer, not {type(value).__name__}")


def _optional_str(record: dict[str, Any], name: str, where: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedRecord(where, f"`{name}` must be a string or null, not {type(value).__name__}")
    return value.strip() or None


def published_day(value: object, where: str) -> date | None:
    """The ISO day of ``published`` (a date or a date-time), None for null or empty, and for a day at
    the edge of the calendar (a feed's placeholder, which no date arithmetic could use)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            day = datetime.fromisoformat(value.strip()).date()
        except ValueError:
            pass
        else:
            return day if day.year in PUBLISHED_YEARS else None
    raise MalformedRecord(where, f"`published` must be an ISO date or null, not {value!r}")


def labelled_language(record: dict[str, Any]) -> str:
    """The language a record's ``language`` (or ``lang``) field names, English when it names none
    (the text is then looked at: see ``sidelines.ingest.checked``)."""
    return label_code(record.get("language") or record.get("lang")) or ENGLISH
