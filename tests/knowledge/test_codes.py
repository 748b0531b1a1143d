"""The bundled CAMEO code table and its loader."""

from __future__ import annotations

import csv
import pickle
from importlib import resources
from pathlib import Path

import pytest

from sidelines.errors import KnowledgeError
from sidelines.knowledge.codes import CameoCode, CodeBook

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def book() -> CodeBook:
    return CodeBook.load()


def test_the_table_has_all_twenty_roots(book: CodeBook) -> None:
    roots = {c.code for c in book if len(c.code) == 2}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_every_code_sits_under_a_root_in_the_table(book: CodeBook) -> None:
    assert len(book) > 300
    assert all(c.root in book and c.code.startswith(c.root) for c in book)


def test_names_are_short(book: CodeBook) -> None:
    assert all(0 < len(c.name.split()) <= 6 for c in book)


def test_make_a_visit(book: CodeBook) -> None:
    visit = book.get("042")
    assert visit == CameoCode("042", visit.name, 1.9, "CONSULT", "visit")
    assert isinstance(visit.goldstein, float)


@pytest.mark.parametrize(
    ("code", "goldstein", "category", "mode"),
    [
        ("040", 1.0, "CONSULT", None),
        ("041", 1.0, "CONSULT", "phone"),
        ("043", 2.8, "CONSULT", "visit"),
        ("044", 2.5, "CONSULT", "third-party"),
        ("046", 7.0, "CONSULT", None),
        ("036", 4.0, "AGREE", None),
        ("057", 8.0, "SUPPORT", None),
        ("010", 0.0, None, None),
        ("1823", -10.0, "ASSAULT", None),
    ],
)
def test_goldstein_and_plover(book: CodeBook, code: str, goldstein: float, category: str, mode: str) -> None:
    row = book.get(code)
    assert (row.goldstein, row.plover_category, row.plover_mode) == (goldstein, category, mode)


def test_unknown_code_raises_key_error(book: CodeBook) -> None:
    with pytest.raises(KeyError):
        book.get("999")
    with pytest.raises(KeyError):
        book.root("999")


@pytest.mark.parametrize(("code", "root"), [("04", "04"), ("042", "04"), ("0211", "02"), ("2042", "20")])
def test_root(book: CodeBook, code: str, root: str) -> None:
    assert book.root(code) == root


@pytest.mark.parametrize(
    ("kind", "third_location", "code"),
    [
        ("MEET", False, "040"),
        ("MEET", True, "044"),
        ("VISIT", False, "042"),
        ("VISIT", True, "042"),
        ("HOST", False, "043"),
        ("NEGOTIATE", False, "046"),
        ("CALL", False, "041"),
        ("SIGN", False, "057"),
        ("STATEMENT", False, "010"),
        ("ANNOUNCE", False, "036"),
        ("meet", True, "044"),
    ],
)
def test_for_engagement(book: CodeBook, kind: str, third_location: bool, code: str) -> None:
    assert book.for_engagement(kind, third_location=third_location).code == code


def test_engagement_plover_agrees_with_its_code(book: CodeBook) -> None:
    for row in book.engagements.values():
        code = book.get(row.cameo)
        assert (row.plover_category, row.plover_mode) == (code.plover_category, code.plover_mode)


def test_unknown_engagement_type_raises_key_error(book: CodeBook) -> None:
    with pytest.raises(KeyError):
        book.for_engagement("DINE")


def test_bundled_file_has_the_documented_columns() -> None:
    path = resources.files("sidelines.knowledge") / "data" / "codes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ["code", "name", "goldstein", "plover_category", "plover_mode"]


def test_malformed_row_names_the_file_and_line() -> None:
    with pytest.raises(KnowledgeError) as caught:
        CodeBook.load(FIXTURES / "codes_bad_goldstein.csv")
    assert "codes_bad_goldstein.csv:3" in str(caught.value)
    assert str(caught.value).startswith("E040")


def test_missing_column_names_the_file() -> None:
    with pytest.raises(KnowledgeError, match="codes_missing_column.csv.*goldstein"):
        CodeBook.load(FIXTURES / "codes_missing_column.csv")


def test_missing_file_is_a_knowledge_error() -> None:
    with pytest.raises(KnowledgeError, match="no_such_codes.csv"):
        CodeBook.load(FIXTURES / "no_such_codes.csv")


def test_engagement_naming_an_unknown_code_is_refused() -> None:
    with pytest.raises(KnowledgeError, match=r"engagement_codes.csv:2.*'999'"):
        CodeBook.load(extra_dirs=[FIXTURES / "codes_bad_engagement"])


def test_user_folder_extends_and_replaces(book: CodeBook) -> None:
    extended = CodeBook.load(extra_dirs=[FIXTURES / "codes_extra"])
    assert len(extended) == len(book) + 1
    assert extended.get("042").name == "Pay a visit"
    assert extended.for_engagement("HOST").code == "0431"
    assert extended.for_engagement("MEET", third_location=True).code == "044"


def test_book_pickles_for_workers(book: CodeBook) -> None:
    copy = pickle.loads(pickle.dumps(book))
    assert copy.get("042") == book.get("042")
    assert copy.for_engagement("MEET", third_location=True).code == "044"
