"""Read files and folders into Article records, one reader per input kind.

``read_paths`` streams: a file that cannot be read is yielded as an InputError (not raised), so
a batch reports and counts it and goes on with the rest.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from sidelines.config import Settings
from sidelines.errors import CodePageNotice, EmptyInput, InputError, Notice
from sidelines.ingest import sniff
from sidelines.ingest.html import read_html
from sidelines.ingest.jsonl import read_jsonl
from sidelines.ingest.language import ENGLISH, detect_language
from sidelines.ingest.text import read_txt
from sidelines.ingest.warc import read_warc
from sidelines.model import Article

__all__ = ["read_file", "read_paths", "walk"]

Reader = Callable[[Path, str, Settings], Article | Iterator[Article | InputError]]

#: The reader for each kind that sniff.kind_of names.
READERS: dict[str, Reader] = {"txt": read_txt, "html": read_html, "jsonl": read_jsonl, "warc": read_warc}


def read_paths(paths: Iterable[str | Path], settings: Settings, notices: bool = False) -> Iterator[Article | InputError]:
    """Yield an Article per article read and an InputError per file or record that was not; with
    ``notices``, also a Notice (no failure) per thing the user should know of an article that was read."""
    for given in paths:
        if not os.path.exists(given) and not os.path.islink(given):
            yield InputError(str(given), "no such file or folder", "check the path")
        elif os.path.isdir(given):
            for found in _walk(str(given)):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield from read_file(found, settings, notices)
        elif (broken := _broken_link(str(given))) is not None:
            yield broken
        else:
            yield from read_file(str(given), settings, notices)


def walk(folder: str) -> Iterator[str]:
    """Files under a folder, recursively in sorted order, without hidden files or folders.

    Linked folders are not followed, so a link loop cannot make the walk endless. A folder that
    cannot be listed raises InputError.
    """
    for found in _walk(folder):
        if isinstance(found, InputError):
            raise found
        yield found


def _walk(folder: str) -> Iterator[str | InputError]:
    """The walk, with an InputError in place of each folder that cannot be listed."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as error:
        yield InputError(folder, f"the folder cannot be read ({error.strerror or error})",
                         "check its permissions; the other files were read")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_symlink():
            yield from _linked(path)
        elif entry.is_file():
            yield path


def _linked(path: str) -> Iterator[str | InputError]:
    """A link in a folder: a linked file is read; a linked folder is not followed (no endless walk);
    a dangling link or a link loop is reported, not raised."""
    broken = _broken_link(path)
    if broken is not None:
        yield broken
    elif os.path.isfile(path):
        yield path


def _broken_link(path: str) -> InputError | None:
    """The error of a link that leads nowhere (its target is missing, or it loops), else None."""
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except OSError as error:
        cause = "a link loop" if error.errno == errno.ELOOP else "a link to nothing (its target is missing)"
        return InputError(path, cause, "fix or remove the link; the other files were read")
    return None


def read_file(path: str, settings: Settings, notices: bool = False) -> Iterator[Article | InputError]:
    """Read one file (a JSONL file may hold many articles); errors are yielded, not raised, and
    notices only when asked for."""
    try:
        yield from (item for item in _read(Path(path), path, settings) if notices or not isinstance(item, Notice))
    except InputError as error:
        yield error
    except OSError as error:
        yield InputError(path, f"cannot be read ({error.strerror or error})",
                         "check that the file can be read (its permissions, the disk); the other files were read")
    except Exception as error:  # noqa: BLE001 (a reader's bug must not stop the batch: it is this file's error)
        cause = (str(error).splitlines() or [""])[0]
        yield InputError(path, f"could not be read ({type(error).__name__}: {cause})",
                         "report this as a bug with the file; the other files were read")


def _read(path: Path, what: str, settings: Settings) -> Iterator[Article | InputError]:
    with path.open("rb") as handle:
        head = handle.read(sniff.HEAD_BYTES)
    if not head:
        raise EmptyInput(what, "the file is empty")
    if not sniff.is_warc(path):  # a .warc.gz is binary; its pages are checked one by one
        sniff.check_binary(head, what, lines=sniff.EXTENSIONS.get(path.suffix.lower()) == "jsonl")
    kind = sniff.kind_of(path, head)
    result = READERS[kind](path, what, settings)
    for item in [result] if isinstance(result, Article) else result:
        yield _checked_or_error(item)
    if kind == "txt" and (used := sniff.code_page(path.read_bytes())):
        yield CodePageNotice(what, f"not UTF-8: read as {used}")


def _checked_or_error(item: Article | InputError) -> Article | InputError:
    """``checked``, with a failure in one record made that record's error (the file goes on)."""
    try:
        return checked(item)
    except Exception as error:  # noqa: BLE001 (one record's failure must not end the file)
        what = item.source_path if isinstance(item, Article) and item.source_path else "a record"
        cause = (str(error).splitlines() or [""])[0][:200]
        return InputError(what, f"could not be read ({type(error).__name__}: {cause})",
                          "report this as a bug with the record; the other records were read")


def checked(item: Article | InputError) -> Article | InputError:
    """An article with the language it is written in (an error passes as it is).

    A language a reader already gave (a feed's label) is believed unless it is English: an English
    label is the usual default of a feed, so the text is looked at all the same."""
    if isinstance(item, InputError) or item.language != ENGLISH:
        return item
    return replace(item, language=detect_language(f"{item.title or ''}\n{item.text}"))
