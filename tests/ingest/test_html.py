"""Web pages: main text without boilerplate, metadata from the markup, nothing fetched."""

from __future__ import annotations

import socket
from datetime import date

import pytest

from sidelines.errors import EmptyInput, InputError
from sidelines.ingest.html import html_article, read_html


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Reading a page must never open a connection."""

    def refuse(*args, **kwargs):
        raise AssertionError("the HTML reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_page_with_boilerplate(fixtures, settings):
    path = fixtures / "page.html"
    article = read_html(path, str(path), settings)
    assert article.id == "page"
    assert article.title == "Foreign ministers meet in Havnby"
    assert article.text.startswith("The foreign ministers of Norland and Sudria met in Havnby")
    assert article.text.endswith("further rounds would follow in the spring.")
    for junk in ("cookies", "Most read", "cup final", "Copyright", "Great article", "Home"):
        assert junk not in article.text
    assert article.published == date(2023, 4, 14)  # published, not modified
    assert article.published_basis == "html"
    assert article.url == "https://herald.example/world/ministers-havnby"
    assert article.outlet == "The Example Herald"


def test_truncated_page_keeps_its_text(fixtures, settings):
    path = fixtures / "truncated.html"
    article = read_html(path, str(path), settings)
    assert article.title == "Envoys hold talks"
    assert "before the winter." in article.text
    assert article.text.endswith("The envoys said that they would meet again")


def test_page_without_text(fixtures, settings):
    path = fixtures / "nothing.html"
    with pytest.raises(EmptyInput):
        read_html(path, str(path), settings)


def test_fragment_without_html_element(settings):
    page = "<p>Envoys met in Havnby on Monday and agreed to meet again in June, their offices said."
    assert html_article(page, "frag", "frag.html", settings).text.startswith("Envoys met in Havnby")


def test_a_url_is_never_fetched(settings):
    with pytest.raises(InputError):
        html_article("https://news.example/article-1", "u", "u.html", settings)


def test_date_line_in_page_text_when_markup_has_none(settings):
    page = (
        "<html><head><title>Envoys meet</title></head><body><article><h1>Envoys meet</h1>"
        "<p>Published: 3 May 2021</p><p>Envoys of Norland and Sudria met in Havnby on Monday and "
        "agreed to meet again in June, their offices said in a statement.</p></article></body></html>"
    )
    article = html_article(page, "d", "d.html", settings)
    assert article.text.startswith("Envoys of Norland")
    assert article.published == date(2021, 5, 3)
    assert article.published_basis == "date_line"
    assert article.published_evidence == "Published: 3 May 2021"
