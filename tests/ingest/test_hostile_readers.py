"""Readers facing hostile inputs: one bad record or file is one error (or, for what is read anyway, one
notice), never the end of the file or of the walk."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from sidelines.errors import CodePageNotice, InputError, MalformedRecord, Notice
from sidelines.ingest import read_paths
from sidelines.model import Article

GOOD = "Spanish Prime Minister Pedro Sanchez met Moroccan King Mohammed VI in Rabat on Wednesday.\n"


def _record(record_id: str, **fields: object) -> str:
    return json.dumps({"id": record_id, "text": GOOD, **fields})


def _read(path: Path, settings, notices: bool = False) -> list[Article | InputError]:
    return list(read_paths([path], settings, notices=notices))


def _feed(tmp_path: Path, bad_line: bytes) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join([_record("before").encode(), bad_line, _record("after").encode()]) + b"\n")
    return path


def _check_middle_line_fails(items: list[Article | InputError], path: Path, words: str) -> None:
    assert [getattr(i, "id", None) for i in items] == ["before", None, "after"]
    assert isinstance(items[1], MalformedRecord) and items[1].what == f"{path}:2" and words in items[1].cause


def test_a_lone_surrogate_fails_its_record_only(tmp_path, settings):
    path = _feed(tmp_path, b'{"id": "odd", "text": "Talks in Rabat \\ud800 ended."}')
    _check_middle_line_fails(_read(path, settings), path, "lone surrogate")


def test_deep_nesting_fails_its_record_only(tmp_path, settings):
    path = _feed(tmp_path, b"[" * 5000 + b"]" * 5000)
    _check_middle_line_fails(_read(path, settings), path, "RecursionError")


def test_a_5000_digit_number_fails_its_record_only(tmp_path, settings):
    path = _feed(tmp_path, b'{"id": "big", "text": "Talks.", "n": ' + b"9" * 5000 + b"}")
    _check_middle_line_fails(_read(path, settings), path, "cannot be read as a record")


def test_a_nul_byte_fails_its_line_not_the_file(tmp_path, settings):
    raw = tmp_path / "raw"
    raw.mkdir()
    path = _feed(raw, _record("nul").replace("Rabat", "Ra\x00bat").encode())
    _check_middle_line_fails(_read(path, settings), path, "not valid JSON")
    escaped = _feed(tmp_path, _record("nul").replace("Rabat", "Ra\\u0000bat").encode())
    _check_middle_line_fails(_read(escaped, settings), escaped, "NUL")


def test_placeholder_dates_in_a_feed_are_unknown_and_said(tmp_path, settings):
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(_record(d, published=d) for d in ("9999-12-31", "0001-01-01", "2024-02-29")) + "\n")
    items = _read(path, settings, notices=True)
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.published for a in articles] == [None, None, date(2024, 2, 29)]
    notices = [i for i in items if isinstance(i, Notice)]
    assert [n.what for n in notices] == [f"{path}:1", f"{path}:2"] and "placeholder" in notices[0].cause
    assert not [i for i in _read(path, settings) if isinstance(i, InputError)]  # notices only when asked


def test_calendar_edge_dates_in_a_text_header_give_no_date(tmp_path, settings):
    for n, line in enumerate(("Published: December 31, 9999", "Published: January 1, 0001", "Updated: 9999-12-31")):
        path = tmp_path / f"edge{n}.txt"
        path.write_text(f"Sanchez visits Rabat\n{line}\n\n{GOOD}", encoding="utf-8")
        [article] = _read(path, settings)
        assert isinstance(article, Article) and article.published is None and GOOD.strip() in article.text


def test_a_link_loop_and_a_dangling_link_are_one_error_each(tmp_path, settings):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("loop", folder / "loop")
    os.symlink("gone.txt", folder / "dangling.txt")
    os.symlink("good.txt", folder / "linked.txt")
    items = _read(folder, settings)
    errors = {Path(i.what).name: i.cause for i in items if isinstance(i, InputError)}
    assert errors == {"dangling.txt": "a link to nothing (its target is missing)", "loop": "a link loop"}
    assert sorted(i.id for i in items if isinstance(i, Article)) == ["good", "linked"]
    [given] = _read(folder / "dangling.txt", settings)  # named on the command line
    assert isinstance(given, InputError) and "link to nothing" in given.cause


def test_invalid_utf8_in_a_text_file_is_said_not_silently_decoded(tmp_path, settings):
    path = tmp_path / "latin.txt"
    path.write_bytes("Sánchez visits Rabat\n\nSpanish Prime Minister Pedro Sánchez met King Mohammed VI.\n".encode("cp1252"))
    items = _read(path, settings, notices=True)
    assert isinstance(items[0], Article) and "Sánchez" in items[0].text
    assert isinstance(items[1], CodePageNotice) and items[1].what == str(path)
    assert str(items[1]).startswith(f"E024: {path}: not UTF-8: read as Windows-1252 (byte ")
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text("Sánchez visits Rabat\n\n" + GOOD, encoding="utf-8")
    assert len(_read(utf8, settings, notices=True)) == 1


def test_a_failure_after_reading_one_record_ends_only_that_record(tmp_path, settings, monkeypatch):
    from sidelines import ingest

    real = ingest.detect_language

    def failing(text: str) -> str:
        if "Valletta" in text:
            raise UnicodeError("the language detector broke")
        return real(text)

    monkeypatch.setattr(ingest, "detect_language", failing)
    path = _feed(tmp_path, _record("odd").replace("Rabat", "Valletta").encode())
    items = _read(path, settings)
    assert [getattr(i, "id", None) for i in items] == ["before", None, "after"]
    assert items[1].what == f"{path}:2" and "UnicodeError: the language detector broke" in items[1].cause


def test_a_warc_page_that_breaks_the_parser_fails_alone(tmp_path, settings, monkeypatch):
    import gzip

    from sidelines.ingest import warc

    page = "<html><body><article><p>{}</p><p>They met again later.</p></article></body></html>"
    pages = [("https://news.example.org/a", "Sanchez met Mohammed VI in Rabat."),
             ("https://news.example.org/odd", "Sanchez met Tebboune in Algiers."),
             ("https://news.example.org/b", "Sanchez met Macron in Paris.")]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(warc.response_record(u, page.format(t))) for u, t in pages))
    real = warc.html_article

    def failing(text, *args, **kwargs):
        if "Algiers" in text:
            raise AttributeError("the parser broke")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(warc, "html_article", failing)
    items = _read(path, settings)
    assert [isinstance(i, Article) for i in items] == [True, False, True]
    assert items[1].what.endswith(":https://news.example.org/odd") and "AttributeError" in items[1].cause
