"""Decide how to read a file and turn its bytes into text, refusing what is not an article.

Everything here is cheap and looks at bytes only, so a folder of mixed files is sorted out
before any parser or model sees it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Literal

from sidelines.errors import BinaryInput, EmptyInput, EncodingError, TooLarge, UnsupportedInput

Kind = Literal["txt", "html", "jsonl", "warc"]

#: File name endings and the reader each one gets.
EXTENSIONS: dict[str, Kind] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
#: Compressed web archives, named by their last two endings.
WARC_ENDINGS = (".warc", ".warc.gz")

#: Byte order marks, longest first (a UTF-32 LE mark begins like a UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

SAMPLE_BYTES = 8192
HEAD_BYTES = 4096
#: Share of control bytes above which a file is taken for binary data.
MAX_CONTROL_SHARE = 0.10
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\v") + b"\x7f"
_HTML_START = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--|<\?xml[^>]*>\s*<html)", re.IGNORECASE
)
_UNREAD_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<rss|<feed|<\?xml(?![^>]*>\s*(?:<!doctype\s+html|<html))|WARC/\d)",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|article|p|div)[\s>]", re.IGNORECASE)
_C1 = re.compile("[\x80-\x9f]")


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark announces, so UTF-16 files are not taken for binary."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def kind_of(path: Path, head: bytes) -> Kind:
    """Pick the reader from the file name, letting content overrule a plain-text name."""
    if is_warc(path):
        return "warc"
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind == "txt" or (kind is None and not path.suffix):
        if _UNREAD_START.match(head):
            raise UnsupportedInput(str(path), "a feed, XML or WARC file, which is not read yet")
        return _sniff_content(head)
    if kind is None:
        raise UnsupportedInput(str(path), f"no reader for '{path.suffix}' files")
    return kind


def is_warc(path: Path) -> bool:
    """A web archive, by its name: compressed archives are binary, so content cannot be sniffed as text."""
    return path.name.lower().endswith(WARC_ENDINGS)


def _sniff_content(head: bytes) -> Kind:
    """Text files are sometimes saved pages or feeds; look before trusting the name."""
    encoding = bom_encoding(head)
    sample = head.decode(encoding, "ignore").encode("utf-8") if encoding else head
    if _HTML_START.match(sample) or (sample.lstrip()[:1] == b"<" and _HTML_ANYWHERE.search(sample)):
        return "html"
    if re.match(rb'\s*\{\s*"', sample):
        return "jsonl"
    return "txt"


def check_binary(data: bytes, what: str, lines: bool = False) -> None:
    """Refuse images, archives and other non-text data before trying to decode them.

    With ``lines`` (a JSON Lines feed, read line by line) a NUL byte alone does not refuse the file:
    the line holding it fails on its own."""
    if bom_encoding(data) or _looks_utf16(data):
        return
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample and not lines:
        raise BinaryInput(what, "the file holds NUL bytes")
    controls = sum(sample.count(c) for c in _CONTROL)
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise BinaryInput(what, f"{controls} control bytes in the first {len(sample)}")


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a mark: printable ASCII with a NUL on every other byte."""
    sample = data[: SAMPLE_BYTES - SAMPLE_BYTES % 2]
    if len(sample) < 4 or b"\x00" not in sample[:64]:
        return False
    even, odd = sample[0::2], sample[1::2]
    return _mostly_nul_beside_text(odd, even) or _mostly_nul_beside_text(even, odd)


def _mostly_nul_beside_text(zeros: bytes, chars: bytes) -> bool:
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in chars)
    return zeros.count(0) > 0.9 * len(zeros) and printable > 0.9 * len(chars)


def decode(data: bytes, what: str) -> str:
    """Bytes to text: a byte order mark wins, then UTF-8, then the Windows and Latin code pages.

    Line ends are made ``\\n`` so that character offsets do not depend on the platform
    the file was written on.
    """
    text = _decode_bytes(data, what)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bytes(data: bytes, what: str) -> str:
    encoding = bom_encoding(data) or (_utf16_order(data) if _looks_utf16(data) else None)
    if encoding:
        return data.decode(encoding, "replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return _guess(data, what)


def code_page(data: bytes) -> str | None:
    """The code page ``decode`` falls back to for bytes that are not UTF-8 (None when they are, or a
    byte order mark names the encoding): a reader says so rather than decode them silently."""
    if bom_encoding(data) or _looks_utf16(data):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return f"a guessed code page (byte {error.start + 1} is not UTF-8)"
        return f"Windows-1252 (byte {error.start + 1} is not UTF-8)"
    return None


def _utf16_order(data: bytes) -> str:
    return "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"


def _guess(data: bytes, what: str) -> str:
    """Last resort for bytes that are neither UTF-8 nor cp1252."""
    from charset_normalizer import from_bytes  # imported late: only odd files get here

    best = from_bytes(data).best()
    text = str(best) if best is not None else data.decode("latin-1")
    if len(_C1.findall(text)) > max(3, len(text) // 100):
        raise EncodingError(what, "the text encoding could not be recognised")
    return text


def check_text(text: str, what: str, max_chars: int) -> None:
    """Refuse files with no words, and runaway pages longer than any article."""
    if not text.strip():
        raise EmptyInput(what, "the file is empty or holds only whitespace")
    if len(text) > max_chars:
        raise TooLarge(what, f"{len(text):,} characters, over the limit of {max_chars:,}")


def read_text(path: Path, what: str, max_chars: int) -> str:
    """Read a whole file as checked, decoded text (for the readers of one article per file).

    ``max_chars`` is the article limit for plain text and a multiple of it for markup,
    whose scripts and styles are not part of the article.
    """
    size = path.stat().st_size
    if size == 0:
        raise EmptyInput(what, "the file is empty")
    if size > 4 * max_chars:  # even 4-byte characters would be too many
        raise TooLarge(what, f"{size:,} bytes, over the limit of {max_chars:,} characters")
    data = path.read_bytes()
    check_binary(data, what)
    text = decode(data, what)
    check_text(text, what, max_chars)
    return text
