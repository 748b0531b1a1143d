"""Web archives: HTML responses become articles, the rest of a crawl is passed over, a cut file is reported."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from sidelines.config import Settings
from sidelines.errors import EmptyInput, InputError
from sidelines.ingest import read_paths, sniff
from sidelines.ingest.warc import page_id, response_record
from sidelines.model import Article
from tests.engines.conftest import SAMPLES, write_warc

PAGE = (SAMPLES / "woodside_biden_xi.html").read_text()
URL = "https://news.example.org/2023/11/15/biden-xi"


def _read(path: Path) -> list:
    return list(read_paths([path], Settings()))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz", "CRAWL.WARC.GZ"])
def test_warc_names_pick_the_warc_reader(name):
    assert sniff.kind_of(Path(name), b"\x1f\x8b\x08\x00") == "warc"


def test_a_gzipped_crawl_gives_one_article_per_html_page(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", {URL: PAGE, URL + "-2": PAGE.replace("Filoli", "the estate")})
    items = _read(path)
    assert all(isinstance(i, Article) for i in items) and len(items) == 2
    first = items[0]
    assert first.id == page_id(URL, b"") and first.url == URL
    assert "Xi" in first.text and first.published is not None
    assert first.source_path == f"{path}:{URL}"


def test_an_uncompressed_warc_reads_the_same(tmp_path):
    plain = tmp_path / "c.warc"
    plain.write_bytes(response_record(URL, PAGE))
    packed = write_warc(tmp_path / "c.warc.gz", {URL: PAGE})
    assert _read(plain) == [a.__class__(**{**_fields(a), "source_path": f"{plain}:{URL}"}) for a in _read(packed)]


def _fields(article: Article) -> dict:
    return {name: getattr(article, name) for name in Article.__slots__}


def test_non_html_and_failed_responses_are_passed_over(tmp_path):
    image = response_record("https://x.example.org/a.png", "").replace(b"text/html", b"image/png")
    missing = response_record("https://x.example.org/gone", PAGE).replace(b"200 OK", b"404 NF")  # same length
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in (image, missing, response_record(URL, PAGE))))
    items = _read(path)
    assert len(items) == 1 and isinstance(items[0], Article)


def test_a_cut_archive_yields_its_pages_then_an_error(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz", {URL: PAGE, URL + "-2": PAGE.replace("Filoli", "the estate")})
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[:-200])
    items = _read(cut)
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], InputError) and "re-download" in str(items[-1])


def test_a_broken_record_ends_the_file_with_an_error(tmp_path):
    good = response_record(URL, PAGE)
    bad = response_record(URL + "-2", PAGE).replace(b"200 OK", b"200 OKAY")  # lengths no longer agree
    path = tmp_path / "broken.warc"
    path.write_bytes(good + bad + good)
    items = _read(path)
    assert isinstance(items[0], Article) and isinstance(items[-1], InputError)
    assert "broken" in str(items[-1])


def test_a_file_named_warc_that_is_not_one_is_reported(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("just some notes\n")
    (item,) = _read(path)
    assert isinstance(item, InputError) and "not a WARC file" in str(item)


def test_an_archive_without_pages_is_reported_empty(tmp_path):
    (item,) = _read(write_warc(tmp_path / "info-only.warc.gz", {}))
    assert isinstance(item, EmptyInput)


def test_reading_streams_record_by_record(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", {f"{URL}-{i}": PAGE for i in range(3)})
    stream = read_paths([path], Settings())
    assert isinstance(next(stream), Article)  # the first page comes before the rest are read
