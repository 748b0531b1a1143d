"""The public entry: files and folders in, Articles and InputErrors out, never an exception."""

from __future__ import annotations

from sidelines.errors import BinaryInput, EmptyInput, InputError
from sidelines.ingest import read_paths, walk
from sidelines.ingest.language import why_not_english
from sidelines.model import Article


def test_folder_is_read_recursively_in_sorted_order(fixtures, settings):
    folder = str(fixtures / "tree")
    articles = list(read_paths([folder], settings))
    assert [a.id for a in articles] == ["a", "2", "3"]
    assert [a.source_path for a in articles] == [
        f"{folder}/a.txt",
        f"{folder}/b/2.txt",
        f"{folder}/c/sub/3.txt",
    ]
    assert all(isinstance(a, Article) and a.language == "en" for a in articles)


def test_hidden_files_and_folders_are_skipped(fixtures):
    assert not [p for p in walk(str(fixtures / "tree")) if "/." in p]


def test_missing_path_is_an_error_and_the_rest_is_read(fixtures, settings):
    items = list(read_paths(["no/such/file.txt", fixtures / "no_title.txt"], settings))
    assert isinstance(items[0], InputError) and items[0].what == "no/such/file.txt"
    assert isinstance(items[1], Article) and items[1].id == "no_title"


def test_bad_files_are_yielded_as_errors(fixtures, settings):
    names = ["binary.txt", "empty.txt", "whitespace.txt"]
    items = list(read_paths([fixtures / n for n in names], settings))
    assert [type(i) for i in items] == [BinaryInput, EmptyInput, EmptyInput]
    assert [i.what for i in items] == [str(fixtures / n) for n in names]


def test_an_article_in_another_language_is_read_with_its_language(fixtures, settings):
    (article,) = read_paths([fixtures / "french.txt"], settings)
    assert isinstance(article, Article) and article.language == "fr"
    assert article.title == "Les ministres se rencontrent à Havnby"


def test_encodings_read_through_the_entry(fixtures, settings):
    utf16, cp1252 = read_paths([fixtures / "utf16_bom.txt", fixtures / "cp1252.txt"], settings)
    assert utf16.title == "Ministers meet in Havnby"
    assert cp1252.title == "Café talks end with “a deal in principle”"
    assert "– the first of its kind" in cp1252.text


def test_html_saved_as_txt_is_read_as_html(fixtures, settings):
    (article,) = read_paths([fixtures / "page_in_txt.txt"], settings)
    assert article.title == "Mayors meet at the border"
    assert "<p>" not in article.text and article.text.startswith("The mayors of two border towns")


def test_jsonl_errors_name_their_line(fixtures, settings):
    items = list(read_paths([fixtures / "feed.jsonl"], settings))
    errors = [i.what for i in items if isinstance(i, InputError)]
    assert errors[0] == f"{fixtures / 'feed.jsonl'}:3" and len(items) == 8


def test_unsupported_file_in_a_folder(tmp_path, settings):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "z.txt").write_text("Envoys met in Havnby on Monday, officials said.", encoding="utf-8")
    first, second = read_paths([tmp_path], settings)
    assert isinstance(first, InputError) and first.code == "E015"
    assert isinstance(second, Article)


def test_short_english_article_passes_the_language_check():
    text = (
        "Norland, Sudria sign fisheries pact\n"
        "Norland's Foreign Minister Anna Example and Sudria's Foreign Minister Jon Sample signed "
        "a fisheries pact in Havnby on Tuesday, the ministries said."
    )
    assert why_not_english(text) is None
