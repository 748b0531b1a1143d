"""JSON Lines feeds: good records, broken lines named by file:line, and the rest still read."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from sidelines.errors import EmptyInput, InputError, MalformedRecord
from sidelines.ingest.jsonl import published_day, read_jsonl, to_article


def _read(path, settings):
    return list(read_jsonl(path, str(path), settings))


def test_feed(fixtures, settings):
    path = fixtures / "feed.jsonl"
    items = _read(path, settings)
    articles = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [a.id for a in articles] == ["nr-001", "nr-002", "feed-4", "nr-008"]
    assert [e.what for e in errors] == [f"{path}:{n}" for n in (3, 6, 7, 8)]
    assert all(isinstance(e, MalformedRecord) for e in errors)


def test_good_record_fields(fixtures, settings):
    path = fixtures / "feed.jsonl"
    first = _read(path, settings)[0]
    assert first.title == "Ministers meet in Havnby"
    assert first.url == "https://news.example/nr-001" and first.outlet == "Example News"
    assert first.published == date(2023, 4, 14) and first.published_basis == "metadata"
    assert first.published_evidence == "2023-04-14"
    assert first.source_path == f"{path}:1"


def test_broken_line_names_file_and_line(fixtures, settings):
    path = fixtures / "feed.jsonl"
    broken = _read(path, settings)[2]
    assert isinstance(broken, MalformedRecord)
    assert str(broken).startswith(f"E014: {path}:3: not valid JSON")


@pytest.mark.parametrize(
    "record, message",
    [
        ({"id": "x"}, "no `text`"),
        ({"id": "x", "text": "   "}, "no `text`"),
        ({"id": "x", "text": "t", "published": "14 April"}, "ISO date"),
        ({"id": ["x"], "text": "t"}, "`id` must be"),
        ({"id": "x", "text": "t", "title": 5}, "`title` must be"),
    ],
)
def test_bad_records(record, message, settings):
    with pytest.raises(MalformedRecord, match=message):
        to_article(record, "feed-1", "feed.jsonl:1", settings)


def test_integer_id_and_missing_fields(settings):
    article = to_article({"id": 7, "text": " Body. "}, "feed-1", "feed.jsonl:1", settings)
    assert (article.id, article.text, article.title, article.published) == ("7", "Body.", None, None)


@pytest.mark.parametrize(
    "field, label, code",
    [("language", "fr", "fr"), ("lang", "pt-BR", "pt"), ("language", "Spanish", "es"), ("language", "deu", "de"),
     ("language", "en-GB", "en"), ("language", "", "en"), ("language", None, "en")],
)
def test_a_language_label_is_read_as_an_iso_code(field, label, code, settings):
    article = to_article({"text": "Texte.", field: label}, "f-1", "f.jsonl:1", settings)
    assert article.language == code


@pytest.mark.parametrize(
    "value, day",
    [
        (None, None),
        ("", None),
        ("2023-04-14", date(2023, 4, 14)),
        ("2023-04-14T23:00:00Z", date(2023, 4, 14)),
    ],
)
def test_published_day(value, day):
    assert published_day(value, "x") == day


def test_undecodable_line_is_one_error(tmp_path, settings):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "Fine."}\n')
    items = _read(path, settings)
    assert isinstance(items[0], MalformedRecord) and items[0].what == f"{path}:1"
    assert items[1].id == "b"


def test_utf16_feed(tmp_path, settings):
    path = tmp_path / "wide.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + '{"id": "w", "text": "Wide."}\n'.encode("utf-16-le"))
    assert [a.id for a in _read(path, settings)] == ["w"]


def test_feed_without_records(tmp_path, settings):
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert [type(i) for i in _read(path, settings)] == [EmptyInput]
