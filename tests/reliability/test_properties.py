"""Property tests: the date, header and text readers give a result or a typed error for any input,
never a crash."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sidelines.config import Settings
from sidelines.errors import InputError
from sidelines.ingest import read_file, sniff
from sidelines.ingest.dates import DateLine, date_line, is_relative_time, only_date_words, parse_day
from sidelines.ingest.jsonl import to_article
from sidelines.ingest.language import why_not_english
from sidelines.ingest.text import Header, parse_header
from sidelines.model import Article

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that make inputs look like the real thing, so the interesting branches are reached.
DATE_PIECES = st.sampled_from([
    "Published", "Updated", "Posted on", "Last updated:", "|", "-", "–", ",", ".", ":", "/", "By Jane Doe",
    "Monday", "Tue", "March", "Sept", "Dec.", "2023", "1899", "2101", "0", "31", "29", "02", "12:23", "AM",
    "GMT", "+08:00", "2023-02-29", "2024-02-29T10:00:00Z", "14/04/2023", "04.14.23", "2 hours ago",
    "yesterday", "th", "of", "the", "\u00a0", "\u2009", "\t", "9999-99-99", "२०२३", "Ⅻ", "٣",
])
date_text = st.one_of(st.text(max_size=120), st.lists(DATE_PIECES, max_size=12).map(" ".join))

LINE_PIECES = st.sampled_from([
    "WORLD / DIPLOMACY", "Home > World > Asia", "By Jane Doe and John Roe in Beijing", "Photo: Reuters",
    "File photo of the ministers", "Ministers meet in Geneva", "Published: Nov 16, 2022 12:23 AM",
    "2023-04-14", "2 hours ago", "The ministers met on Monday.", "and they said", "", " ", "\t",
    "Wang Yi met Sergei Lavrov in Beijing on Tuesday, the ministry said.", "ASIA", "» «", "—", "“Quote”",
])
header_text = st.one_of(st.text(max_size=400), st.lists(LINE_PIECES, max_size=30).map("\n".join),
                        st.lists(st.one_of(LINE_PIECES, st.text(max_size=40)), max_size=20).map("\r\n".join))

BYTE_PIECES = st.sampled_from([
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00", b"<html>", b"<!doctype html>",
    b"<p>", b"</p>", b"<body>", b"<?xml version='1.0'?>", b"<rss>", b"WARC/1.0\r\n", b'{"', b'{"text": "',
    b'"}', b"\n", b"\r\n", b"caf\xe9", b"\x93quoted\x94", b"\xc3\xa9", b"\xe2\x80", b"Wang Yi met Lavrov. ",
    b"Published: 2023-04-14\n", b"\x1f\x8b\x08", b"PK\x03\x04", b"\x80\x81\x9d",
])
file_bytes = st.one_of(st.binary(max_size=2000), st.lists(BYTE_PIECES, max_size=40).map(b"".join),
                       st.text(max_size=600).map(lambda t: t.encode("utf-16")),
                       st.text(max_size=600).map(lambda t: t.encode("utf-8")))


# -- dates ------------------------------------------------------------------------------------------


@FAST
@given(date_text)
def test_date_line_gives_a_day_in_range_or_nothing(text):
    found = date_line(text)
    assert found is None or isinstance(found, DateLine)
    if found:
        assert 1900 <= found.value.year <= 2100 and found.evidence == text.strip()
        assert found.basis in ("date_line", "page_date_line") and found.rank in (0, 1, 2, 3)


@FAST
@given(date_text)
def test_parse_day_gives_a_whole_day_or_nothing(text):
    day = parse_day(text)
    assert day is None or (isinstance(day, date) and 1900 <= day.year <= 2100)
    assert isinstance(is_relative_time(text), bool) and isinstance(only_date_words(text), bool)


# -- headers ----------------------------------------------------------------------------------------


@FAST
@given(header_text)
def test_parse_header_splits_any_text_into_lines_of_it(text):
    header = parse_header(text)
    assert isinstance(header, Header) and isinstance(header.body, str)
    assert header.body == header.body.strip()
    lines = {line.strip() for line in text.splitlines()}
    assert all(line.strip() in lines or line.strip() in text for line in header.body.splitlines())
    assert header.title is None or header.title in lines
    assert header.date is None or header.date.evidence in lines


@FAST
@given(header_text, st.one_of(st.none(), st.text(max_size=80)))
def test_parse_header_with_a_known_title_never_fails(text, title):
    assert isinstance(parse_header(text, known_title=title), Header)


# -- text readers -----------------------------------------------------------------------------------


@FAST
@given(file_bytes)
def test_sniffing_and_decoding_give_text_or_a_typed_error(data):
    for call in (lambda: sniff.check_binary(data, "x"), lambda: sniff.decode(data, "x"),
                 lambda: sniff.kind_of(Path("x"), data[: sniff.HEAD_BYTES]),
                 lambda: sniff.kind_of(Path("x.txt"), data[: sniff.HEAD_BYTES])):
        try:
            result = call()
        except InputError:
            continue
        assert result is None or isinstance(result, str)


@FAST
@given(st.text(max_size=2000))
def test_the_language_check_gives_a_reason_or_nothing(text):
    reason = why_not_english(text)
    assert reason is None or (isinstance(reason, str) and reason)


@FAST
@given(st.dictionaries(st.sampled_from(["id", "text", "title", "url", "outlet", "published", "language", "lang"]),
                       st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=60),
                                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3),
                                                                                      st.integers(), max_size=2))))
def test_any_jsonl_record_gives_an_article_or_a_typed_error(record):
    try:
        article = to_article(record, "feed-1", "feed.jsonl:1", Settings())
    except InputError as error:
        assert str(error).startswith(f"{error.code}: feed.jsonl:1: ")
        return
    assert isinstance(article, Article) and article.text.strip()


@SLOW
@given(file_bytes, st.sampled_from(["a.txt", "a.html", "a.jsonl", "a", "a.htm", "a.text", "a.ndjson"]))
def test_any_file_gives_articles_or_typed_errors(data, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        found = list(read_file(str(path), Settings()))
    assert found
    for item in found:
        assert isinstance(item, (Article, InputError)), item
        if isinstance(item, InputError):
            assert item.code.startswith("E01") and not item.cause.startswith("could not be read ("), item
            assert "\n" not in str(item)
        else:
            assert item.text.strip() and isinstance(item.language, str) and item.language


@SLOW
@given(st.lists(st.one_of(st.text(max_size=200), st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
                          st.builds(lambda t: json.dumps({"text": t}), st.text(max_size=200))), max_size=8))
def test_any_jsonl_file_reports_each_bad_line_and_reads_the_rest(lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_text("\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines), encoding="utf-8")
        found = list(read_file(str(path), Settings()))
    assert found and all(isinstance(item, (Article, InputError)) for item in found)
    assert not any(isinstance(i, InputError) and "could not be read (" in i.cause for i in found)
