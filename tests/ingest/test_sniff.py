"""Choosing a reader, refusing binary data, and decoding bytes whatever the encoding."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from sidelines.errors import BinaryInput, EmptyInput, TooLarge, UnsupportedInput
from sidelines.ingest import sniff

TEXT = "Ministers met in Havnby – “a good day”, said the café owner."


@pytest.mark.parametrize(
    "name, head, kind",
    [
        ("a.txt", b"Ministers meet\n\nThey met.", "txt"),
        ("a.TXT", b"Ministers meet", "txt"),
        ("a.html", b"<p>x</p>", "html"),
        ("a.htm", b"anything", "html"),
        ("a.jsonl", b'{"id": 1}', "jsonl"),
        ("a.txt", b"<!DOCTYPE html><html><body><p>x</p>", "html"),
        ("README", b'{"id": "x", "text": "y"}\n', "jsonl"),
        ("README", b"Ministers meet", "txt"),
    ],
)
def test_kind_of(name, head, kind):
    assert sniff.kind_of(Path(name), head) == kind


@pytest.mark.parametrize("name", ["a.pdf", "a.docx", "a.csv"])
def test_unsupported_extension(name):
    with pytest.raises(UnsupportedInput):
        sniff.kind_of(Path(name), b"%PDF-1.4")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no byte order mark
        TEXT.encode("cp1252"),
    ],
)
def test_decode(data):
    sniff.check_binary(data, "x")
    assert sniff.decode(data, "x") == TEXT


def test_decode_latin1_fallback():
    data = "Caf\xe9 talks in Havnby \x81 end".encode("latin-1")  # \x81 is not cp1252
    assert "talks in Havnby" in sniff.decode(data, "x")


def test_line_ends_are_normalised():
    assert sniff.decode(b"one\r\ntwo\rthree\n", "x") == "one\ntwo\nthree\n"


@pytest.mark.parametrize("data", [b"GIF89a\x00\x01\x02", bytes(range(1, 32)) * 10 + b"text"])
def test_binary(data):
    with pytest.raises(BinaryInput):
        sniff.check_binary(data, "x")


def test_binary_fixture(fixtures, settings):
    path = fixtures / "binary.txt"
    with pytest.raises(BinaryInput):
        sniff.read_text(path, str(path), settings.max_article_chars)


@pytest.mark.parametrize("name", ["empty.txt", "whitespace.txt"])
def test_empty(fixtures, name, settings):
    with pytest.raises(EmptyInput):
        sniff.read_text(fixtures / name, name, settings.max_article_chars)


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(TooLarge, match="over the limit of 100"):
        sniff.read_text(path, str(path), 100)
    with pytest.raises(TooLarge):  # refused from its size, before reading
        sniff.read_text(path, str(path), 10)


@pytest.mark.parametrize("name", ["utf16_bom.txt", "cp1252.txt"])
def test_encoded_fixtures(fixtures, name, settings):
    text = sniff.read_text(fixtures / name, name, settings.max_article_chars)
    assert "Havnby" in text and "\ufeff" not in text and "\x00" not in text


@pytest.mark.parametrize(
    "head",
    [b'<?xml version="1.0"?><rss version="2.0">', b"<feed xmlns=", b"WARC/1.0\r\nWARC-Type: warcinfo"],
)
def test_feeds_and_warc_are_not_read_as_text(head):
    with pytest.raises(UnsupportedInput):
        sniff.kind_of(Path("saved.txt"), head)


def test_xhtml_with_xml_declaration_is_html():
    head = b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html><body>'
    assert sniff.kind_of(Path("page.txt"), head) == "html"


def test_zeros_are_binary_not_utf16():
    with pytest.raises(BinaryInput):
        sniff.check_binary(bytes(64), "x")
