"""In a real headless Chromium: an article whose address is a ``javascript:`` (or ``data:``) URL gives no
such link on any page, nothing from it runs, and every page arrives with the security headers."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sidelines.web.app import create_app
from sidelines.web.security import HEADERS
from tests.web.conftest import serve
from tests.web.security_db import ADDRESSES, SAFE_URL, security_db

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
PAGES = ["/", "/events", "/events?per_page=500", "/pairs", "/pairs/CHN-RUS", "/actors/wang-yi", "/prospects", "/map",
         "/map?place=Bali", "/search?q=wang", "/docs"] + [f"/events/{e}" for e in sorted(ADDRESSES)]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is absent (run `bash scripts/install-browser.sh`)")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    app = create_app(security_db(tmp_path_factory.mktemp("browser-sec")))
    yield from serve(app)


@pytest.fixture(scope="module")
def tab(server) -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    profile = tempfile.mkdtemp(prefix="sidelines-chromium-")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), headless=True,
                                                       args=FLAGS)
        page = context.new_page()
        page.base = server
        yield page
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.parametrize("path", PAGES)
def test_no_javascript_link_on_any_page_and_the_headers_are_there(tab, path):  # type: ignore[no-untyped-def]
    response = tab.goto(tab.base + path)
    assert response is not None and response.status == 200
    headers = response.headers
    for name, value in HEADERS.items():
        assert headers.get(name.lower()) == value, name
    hrefs = tab.eval_on_selector_all(  # SVG links too: their href is an attribute, resolved here
        "a[href]", "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
    assert hrefs and all(h.startswith((tab.base, "http://", "https://")) for h in hrefs), hrefs
    assert tab.locator("a[href^='javascript:' i], a[href^='data:' i], a[href*='javascript:' i]").count() == 0
    assert tab.evaluate("typeof window.__pwned") == "undefined"


def test_the_address_is_shown_as_text_and_clicking_around_runs_nothing(tab):  # type: ignore[no-untyped-def]
    tab.goto(tab.base + "/events/e-tunxi")
    assert "javascript:window.__pwned" in tab.locator("article.source").inner_text()
    for link in tab.locator("article.source a").all():
        assert link.get_attribute("href").startswith("/")
    tab.goto(tab.base + "/events/e-bali")
    original = tab.locator("article.source a", has_text="original").first
    assert original.get_attribute("href") == SAFE_URL
    assert tab.evaluate("typeof window.__pwned") == "undefined"
