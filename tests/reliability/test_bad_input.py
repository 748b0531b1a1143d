"""Bad input through the real `sidelines ingest`: each bad file gives one clear line (code, file,
cause, what to do), the good file beside it is stored, the exit code says something failed, and
what the database held before is still there."""

from __future__ import annotations

import gzip
import io
import json
import os
import pathlib
import time
import tracemalloc
from pathlib import Path

import pytest

from sidelines.config import Settings
from sidelines.ingest import read_file
from sidelines.store import Store
from tests.reliability.conftest import GOOD, stored

MB = 1024 * 1024


def check_failures(run, prior, expected: dict[str, str], failed: int | None = None) -> None:
    """The shared outcome: one line about each bad file with its code, exit 1, good and prior kept."""
    assert run.exit_code == 1, run.stdout + run.stderr
    for name, code in expected.items():
        line = run.error_about(name)
        assert line["code"] == code, line.string
        assert line["cause"].strip() and line["fix"].strip()
    summary = run.summary()
    assert summary["failed"] == (len(expected) if failed is None else failed), summary
    assert summary["stored"] >= 1, summary
    assert stored(prior.db, "good") is not None
    prior.assert_kept()


def check_one_failure(run, prior, name: str, code: str, failed: int = 1) -> None:
    check_failures(run, prior, {name: code}, failed)


# -- binary and empty files -------------------------------------------------------------------------


BINARY = {
    "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 40,
    "blob.txt": b"\x00\x01\x02\x03 not text " * 500,
    "archive.html": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 20,
    "program": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 20,
}
EMPTY = {"empty.txt": b"", "blank.txt": b" \n\t\n  \r\n", "empty.jsonl": b"\n\n", "empty.html": b""}


def test_binary_files_are_refused_and_the_rest_is_read(cli, prior, inbox):
    for name, data in BINARY.items():
        (inbox / name).write_bytes(data)
    run = cli("ingest", inbox, "--db", prior.db)
    check_failures(run, prior, dict.fromkeys(BINARY, "E012"))


def test_empty_files_are_refused_and_the_rest_is_read(cli, prior, inbox):
    for name, data in EMPTY.items():
        (inbox / name).write_bytes(data)
    run = cli("ingest", inbox, "--db", prior.db)
    check_failures(run, prior, dict.fromkeys(EMPTY, "E011"))


def test_a_missing_path_is_reported_and_the_rest_is_read(cli, prior, inbox):
    run = cli("ingest", inbox, inbox.parent / "no-such-folder", "--db", prior.db)
    check_one_failure(run, prior, "no-such-folder", "E010")


# -- too large --------------------------------------------------------------------------------------


def _fill(path: Path, size: int, line: bytes = b"The ministers met again and talked about trade and the war.\n") -> Path:
    with path.open("wb") as handle:
        handle.write(line * (size // len(line) + 1))
    return path


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge"])
def test_a_50_mb_file_is_refused_without_being_read(tmp_path, name):
    path = _fill(tmp_path / name, 50 * MB, b"<p>The ministers met again.</p>\n" if name.endswith("html") else
                 b"The ministers met again and talked about trade and the war.\n")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        found = list(read_file(str(path), Settings()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(f).__name__ for f in found] == ["TooLarge"]
    assert str(found[0]).startswith(f"E016: {path}: ")
    assert time.perf_counter() - started < 2 and peak < 2 * MB, (time.perf_counter() - started, peak)


def test_a_50_mb_jsonl_line_is_skipped_and_the_next_lines_are_read(tmp_path):
    path = tmp_path / "huge.jsonl"
    good = json.dumps({"id": "after", "text": GOOD}).encode() + b"\n"
    with path.open("wb") as handle:
        handle.write(b'{"id": "runaway", "text": "')
        handle.write(b"The ministers met again. " * (50 * MB // 25))
        handle.write(b'"}\n' + good)
    tracemalloc.start()
    try:
        found = list(read_file(str(path), Settings()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(f).__name__ for f in found] == ["TooLarge", "Article"]
    assert str(found[0]).startswith(f"E016: {path}:1: ") and found[1].id == "after"
    assert peak < 30 * MB, peak  # a bounded buffer (13 MB, read and joined), never the 50 MB line


def test_a_50_mb_text_file_through_the_cli(cli, prior, inbox):
    _fill(inbox / "huge.txt", 50 * MB)
    run = cli("ingest", inbox, "--db", prior.db)
    check_one_failure(run, prior, "huge.txt", "E016")


# -- markup -----------------------------------------------------------------------------------------

MALFORMED = """<html><head><title>Ministers meet in Geneva</title><body><div class="story"><p>Geneva -
The foreign ministers of Switzerland and Norway met in Geneva on Tuesday <b>to discuss <i>mediation
and humanitarian aid</b></i>, officials said.<p>They agreed to meet again<div></span></td> in the spring
</html></body></div>"""

TRUNCATED = """<!DOCTYPE html><html><head><title>Talks in Paris</title><meta name="date" content="2023-06-05">
</head><body><article><h1>Talks in Paris</h1><p>French President Emmanuel Macron hosted German Chancellor
Olaf Scholz in Paris on Monday for talks on the budget of the European Union and on Ukraine.</p>
<p>The two leaders said the tal"""

MARKUP_ONLY = "<html><head><script>var x = 1;</script><style>p { color: red }</style></head><body><div></div></body></html>"


def test_malformed_and_truncated_pages_give_their_text_and_markup_only_is_refused(cli, prior, inbox):
    (inbox / "malformed.html").write_text(MALFORMED, encoding="utf-8")
    (inbox / "truncated.html").write_text(TRUNCATED, encoding="utf-8")
    (inbox / "markup_only.html").write_text(MARKUP_ONLY, encoding="utf-8")
    (inbox / "cut_in_a_tag.html").write_text(TRUNCATED[: TRUNCATED.index("Olaf") + 2] + "<p cla", encoding="utf-8")
    run = cli("ingest", inbox, "--db", prior.db)
    check_one_failure(run, prior, "markup_only.html", "E011")
    assert "Switzerland and Norway" in stored(prior.db, "malformed")["text"]
    assert "Emmanuel Macron hosted German Chancellor" in stored(prior.db, "truncated")["text"]
    assert stored(prior.db, "cut_in_a_tag") is not None


# -- encodings --------------------------------------------------------------------------------------

ACCENTED = """Ministers meet in São Paulo
Published: 2023-04-14

SÃO PAULO - Brazil's foreign minister Mauro Vieira met his French counterpart Catherine Colonna in
São Paulo on Friday. The ministers discussed the Amazon, trade and the war in Ukraine; Colonna called
the talks "très utiles" and thanked the café owners of the Praça da Sé for their welcome.
"""


ENCODINGS = {
    "cp1252.txt": "cp1252", "latin1.txt": "latin-1", "utf16_le_bom.txt": "utf-16",
    "utf16_be_bom.txt": "utf-16-be-bom", "utf8_bom.txt": "utf-8-sig", "utf16_bom.html": "utf-16",
}


def test_other_encodings_are_decoded_correctly(cli, prior, inbox):
    """The same article in six encodings: each one is read with its accents (and stored once, as the
    later copies are the same text)."""
    for name, encoding in ENCODINGS.items():
        text = ACCENTED.replace("\n", "\r\n") if encoding == "cp1252" else ACCENTED  # Windows line ends too
        if name.endswith(".html"):
            text = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</article></body></html>"
        data = ("\ufeff" + text).encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
        (inbox / name).write_bytes(data)
        found = list(read_file(str(inbox / name), Settings()))
        assert [type(f).__name__ for f in found] == ["Article"], (name, found)
        article = found[0]
        assert "Brazil's foreign minister Mauro Vieira met" in article.text, name
        assert "São Paulo" in article.text and "très utiles" in article.text and "Praça da Sé" in article.text, name
        assert "\r" not in article.text and "\ufeff" not in article.text, name
    run = cli("ingest", inbox, "--db", prior.db)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.summary()["failed"] == 0 and run.summary()["stored"] >= 2
    assert "Praça da Sé" in stored(prior.db, "cp1252")["text"]
    assert stored(prior.db, "good") is not None
    prior.assert_kept()


def test_bytes_in_no_known_encoding_are_read_or_refused_with_e013(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(ACCENTED.encode("utf-8") + "Ещё раз".encode("koi8-r") + b"\x81\x8d\x8f\x90\x9d" * 50)
    found = list(read_file(str(path), Settings()))
    assert len(found) == 1 and type(found[0]).__name__ in ("Article", "EncodingError")


# -- other languages --------------------------------------------------------------------------------

FOREIGN = {
    "french.txt": "Le ministre des Affaires étrangères a rencontré son homologue allemand à Paris lundi. "
                  "Les deux ministres ont parlé de la guerre en Ukraine et du budget de l'Union, "
                  "et ils se sont mis d'accord pour se revoir dans un mois.",
    "spanish.txt": "El ministro de Asuntos Exteriores se reunió con su homólogo francés en Madrid el lunes. "
                   "Los dos ministros hablaron de la guerra en Ucrania y del comercio entre los dos países, "
                   "y acordaron volver a verse en la cumbre de la Unión.",
    "russian.txt": "Министр иностранных дел России встретился со своим индийским коллегой в Москве во вторник. "
                   "Министры обсудили торговлю и энергетику.",
    "chinese.txt": "中国外交部长周一在北京会见了俄罗斯外交部长，双方讨论了双边关系和国际形势。",
}


def test_articles_in_other_languages_are_stored_unanalysed_with_the_reason_and_counted(cli, prior, inbox):
    for name, text in FOREIGN.items():
        (inbox / name).write_text(f"{text}\n\n{text}\n" if name != "chinese.txt" else text, encoding="utf-8")
    german = {"id": "de-1", "language": "de", "text": "Der Außenminister traf seinen Amtskollegen in Berlin."}
    (inbox / "feed.jsonl").write_text(json.dumps(german, ensure_ascii=False) + "\n", encoding="utf-8")
    run = cli("ingest", inbox, "--db", prior.db)
    assert run.exit_code == 0, run.stderr  # not English is no failure
    assert not run.errors()
    expected = {"french": "fr", "spanish": "es", "russian": "ru", "chinese": "zh", "de-1": "de"}
    for article_id, language in expected.items():
        row = stored(prior.db, article_id)
        assert row is not None and row["language"] == language
        assert row["analysis"].startswith(f"not analysed: language '{language}' (")
        assert [line for line in run.stderr.splitlines() if line.startswith(f"{article_id}: not analysed: ")]
    assert "not analysed (not English) 5," in " ".join(run.stdout.split())
    assert run.summary()["failed"] == 0 and run.summary()["stored"] == 6
    with Store.open(prior.db, read_only=True) as store:
        derived = [store.db.execute(f"SELECT count(*) FROM {table} WHERE article_id IN ('french', 'de-1')").fetchone()
                   for table in ("mentions", "reports", "quotes")]
    assert derived == [(0,)] * 3
    assert stored(prior.db, "good")["analysis"] is None
    again = cli("ingest", inbox, "--db", prior.db)
    assert again.exit_code == 0 and again.summary()["stored"] == 0 and again.summary()["skipped as duplicate"] == 6
    prior.assert_kept()


# -- JSONL ------------------------------------------------------------------------------------------


def test_a_jsonl_file_with_broken_lines_reports_file_and_line_and_reads_the_rest(cli, prior, tmp_path):
    def record(n: int) -> str:
        return json.dumps({"id": f"feed-{n}", "outlet": "Example Wire", "published": "2022-11-08",
                           "title": f"Report {n}", "text": GOOD.split("\n\n", 1)[1]})

    lines = [record(1), '{"id": "cut", "text": "Jaishankar met Lavrov', record(3), "[1, 2, 3]",
             '{"id": "bad-date", "published": "next week", "text": "x y z"}', "", record(6)]
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes("\n".join(lines).encode("utf-8") + b"\n" + b'{"id": "latin", "text": "caf\xe9"}\n')
    run = cli("ingest", feed, "--db", prior.db)
    assert run.exit_code == 1
    for number in (2, 4, 5, 8):
        assert run.error_about(f"feed.jsonl:{number}:")["code"] == "E014"
    assert len(run.errors()) == 4 and run.summary()["failed"] == 4
    assert stored(prior.db, "feed-1") is not None  # the first of three copies of one text is stored
    prior.assert_kept()


# -- WARC -------------------------------------------------------------------------------------------


def _warc_record(url: str, html: str) -> bytes:
    body = html.encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    head = ("WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
            "WARC-Date: 2023-06-05T10:00:00Z\r\n"
            f"WARC-Target-URI: {url}\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return gzip.compress(head + http + b"\r\n\r\n")


def test_a_truncated_warc_gz_keeps_the_pages_before_the_cut(cli, prior, inbox):
    pytest.importorskip("sidelines.ingest.warc", reason="the WARC reader is not there yet")
    first = _warc_record("https://news.example.org/paris-talks", TRUNCATED + ".</p></article></body></html>")
    second = _warc_record("https://news.example.org/geneva-talks", MALFORMED * 20)
    (inbox / "crawl.warc.gz").write_bytes(first + second[: len(second) // 2])
    run = cli("ingest", inbox, "--db", prior.db)
    assert run.exit_code == 1
    line = run.error_about("crawl.warc.gz")
    assert line["code"].startswith("E01") and line["fix"].strip()
    assert run.summary()["stored"] == 2  # good.txt and the page before the cut
    prior.assert_kept()


def test_a_gzip_file_that_is_not_a_warc_is_refused(cli, prior, inbox):
    pytest.importorskip("sidelines.ingest.warc", reason="the WARC reader is not there yet")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as handle:
        handle.write(GOOD.encode() * 20)
    (inbox / "notes.warc.gz").write_bytes(buffer.getvalue()[:-30])
    run = cli("ingest", inbox, "--db", prior.db)
    assert run.exit_code == 1
    assert run.error_about("notes.warc.gz")["code"].startswith("E01")
    assert stored(prior.db, "good") is not None
    prior.assert_kept()


# -- unreadable files and folders -------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_files_and_folders_are_reported_and_the_rest_is_read(cli, prior, inbox):
    locked = inbox / "locked.txt"
    locked.write_text(GOOD.replace("Moscow", "Delhi"), encoding="utf-8")
    closed = inbox / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    closed.chmod(0)
    try:
        run = cli("ingest", inbox, "--db", prior.db)
    finally:
        locked.chmod(0o644)
        closed.chmod(0o755)
    check_one_failure(run, prior, "locked.txt", "E010", failed=2)
    assert "Permission denied" in run.error_about("closed")["cause"]


def test_files_and_folders_the_system_refuses_are_reported_and_the_rest_is_read(cli, prior, inbox, monkeypatch):
    """The same as above for any user (root included): the system refuses a file and a folder."""
    (inbox / "locked.txt").write_text(GOOD.replace("Moscow", "Delhi"), encoding="utf-8")
    (inbox / "closed").mkdir()
    (inbox / "closed" / "inside.txt").write_text(GOOD, encoding="utf-8")
    real_open, real_scandir = pathlib.Path.open, os.scandir

    def refusing_open(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def refusing_scandir(path="."):
        if os.fspath(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(pathlib.Path, "open", refusing_open)
    monkeypatch.setattr(os, "scandir", refusing_scandir)
    run = cli("ingest", inbox, "--db", prior.db)
    monkeypatch.undo()
    check_one_failure(run, prior, "locked.txt", "E010", failed=2)
    assert "Permission denied" in run.error_about("locked.txt")["cause"]
    assert "Permission denied" in run.error_about("closed")["cause"]


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_that_fails_to_read_is_reported(cli, prior, inbox):
    """A real read error, even for root: /proc/self/mem cannot be read from its start."""
    (inbox / "device.txt").symlink_to("/proc/self/mem")
    run = cli("ingest", inbox, "--db", prior.db)
    check_one_failure(run, prior, "device.txt", "E010")


# -- databases --------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(cli, inbox, tmp_path):
    db = tmp_path / "notes.duckdb"
    db.write_text("my notes, not a database\n")
    run = cli("ingest", inbox, "--db", db)
    assert run.exit_code == 2
    line = run.error_about("notes.duckdb")
    assert line["code"] == "E030" and "--db" in line["fix"]
    assert db.read_text() == "my notes, not a database\n"


def test_a_duckdb_file_of_another_program_is_refused_and_left_alone(cli, inbox, tmp_path):
    import duckdb

    db = tmp_path / "sales.duckdb"
    with duckdb.connect(str(db)) as connection:
        connection.execute("CREATE TABLE sales (amount INTEGER); INSERT INTO sales VALUES (42)")
    for args in (["ingest", inbox], ["events"], ["export", "--format", "json"]):
        run = cli(*args, "--db", db)
        assert run.exit_code == 2
        assert "not a sidelines database" in run.error_about("sales.duckdb")["cause"]
    with duckdb.connect(str(db), read_only=True) as connection:
        assert connection.execute("SELECT table_name FROM information_schema.tables").fetchall() == [("sales",)]
        assert connection.execute("SELECT * FROM sales").fetchall() == [(42,)]
