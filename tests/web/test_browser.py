"""The pages in a real headless Chromium (Debian's, driven by Playwright): filter, follow links, check
what a reader sees, and that no script from an article ever runs. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import ARTIFACTS

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is absent (run `bash scripts/install-browser.sh`)")


@pytest.fixture(scope="module")
def browser_context() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    profile = tempfile.mkdtemp(prefix="sidelines-chromium-")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=FLAGS, viewport={"width": 1280, "height": 900})
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context, live_server: str):  # type: ignore[no-untyped-def]
    tab = browser_context.new_page()
    outside: list[str] = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None)
    tab.on("dialog", lambda d: (outside.append(f"dialog: {d.message}"), d.dismiss()))
    tab.base = live_server
    yield tab
    tab.close()
    assert outside == [], f"the page reached outside the server: {outside}"


def shot(tab, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_events_filter_and_follow_a_link(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/events")
    assert page.locator("table.events tbody tr").count() == 6
    page.fill("input[name=pair]", "CHN-RUS")
    page.fill("input[name=since]", "2022-11")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*pair=CHN-RUS*")
    assert page.locator("h1").inner_text() == "3 engagements"
    shot(page, "events-filtered")
    page.click("text=2022-11-15")
    page.wait_for_url("**/events/e-bali")
    assert "Bali" in page.locator("table.facts").inner_text()
    assert "G20 Summit 2022" in page.locator("table.facts").inner_text()


def test_event_page_shows_both_reports_side_by_side(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/events/e-bali")
    sources = page.locator("article.source")
    assert sources.count() == 2
    first, second = sources.nth(0).bounding_box(), sources.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"] + first["width"] - 1
    marked = "".join(sources.nth(0).locator(".text mark").all_inner_texts())
    assert marked.startswith("Chinese Foreign Minister Wang Yi met") and "They discussed" not in marked
    assert page.locator(".event-map .pin circle").count() == 1
    assert "the talks were useful" in page.locator(".quotes").inner_text()
    shot(page, "event-bali")


def test_pair_page_timeline_and_map(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/pairs/CHN-RUS")
    assert page.locator("h1").inner_text() == "China – Russia"
    assert page.locator("svg.timeline a.dot").count() == 4
    assert page.locator("svg.worldmap a.pin").count() == 4
    assert page.locator("svg.bars rect").count() == 4  # 2022 to 2025, 2024 empty
    land = page.locator("svg.worldmap use.land").bounding_box()
    assert land and land["width"] > 300  # the world outline was drawn from the packaged SVG
    shot(page, "pair-chn-rus")
    page.locator("svg.timeline a.dot").first.click()
    page.wait_for_url("**/events/e-tunxi")


def test_actor_map_search_and_docs_pages(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/actors/wang-yi")
    assert "Wang Yi" in page.locator("h1").inner_text()
    assert "Sergey Lavrov" in page.locator("table.counterparts").inner_text()
    shot(page, "actor-wang-yi")
    page.goto(page.base + "/map")
    assert page.locator("svg.worldmap a.pin").count() == 5
    shot(page, "map")
    page.fill("header input[name=q]", "g20")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=g20")
    assert page.locator("table.events tbody tr").count() == 2
    shot(page, "search")
    page.goto(page.base + "/docs")
    assert "/events.json" in page.content()


def test_article_text_with_script_is_shown_not_run(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/events/e-lima")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.locator("article.source .text").inner_text()
    assert '<script>window.__pwned = "text"</script>' in text and 'onerror="window.__pwned=2"' in text
    assert "<script>" in page.locator("article.source h3").inner_text()
    assert page.locator("article.source img").count() == 0 and page.locator("main script").count() == 0
    page.locator("article.source .text").hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, "escaped")
