"""The polite fetcher against the local site: robots, delays, validators, retries, and every bad case."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from sidelines.ingest.fetch import Fetcher, Validators
from sidelines.ingest.fetch_errors import (
    FetchError,
    NotAFeed,
    RedirectError,
    ResponseTooLarge,
    RobotsDisallowed,
)
from tests.feeds.conftest import FAST


class FakeTime:
    """A clock that only moves when the fetcher sleeps, so waits can be checked exactly."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def fetcher_with(**changes: object) -> tuple[Fetcher, FakeTime]:
    fake = FakeTime()
    client = httpx.Client(trust_env=False)
    return Fetcher(replace(FAST, **changes), client=client, clock=fake.clock, sleep=fake.sleep), fake


def test_a_page_is_fetched_with_a_clear_user_agent(site, fetcher):
    got = fetcher.get(site.url("/articles/modi-putin-moscow.html"))
    assert got.status == 200 and got.content_type == "text/html" and got.charset == "utf-8"
    assert b"Narendra Modi" in got.content and got.etag
    agents = {h["user-agent"] for h in site.headers}
    assert len(agents) == 1 and next(iter(agents)).startswith("sidelines/")


def test_an_etag_makes_the_second_request_conditional(site, fetcher):
    url = site.url("/articles/modi-putin-moscow.html")
    first = fetcher.get(url)
    second = fetcher.get(url, first.validators)
    assert second.not_modified and second.content == b""
    assert site.headers[-1]["if-none-match"] == first.etag


def test_last_modified_makes_the_second_request_conditional(site, fetcher):
    url = site.url("/feeds/news.xml")
    first = fetcher.get(url)
    assert first.etag is None and first.last_modified
    assert fetcher.get(url, Validators(last_modified=first.last_modified)).not_modified
    site.stage = 2
    assert fetcher.get(url, first.validators).status == 200


def test_robots_txt_is_read_once_per_host_and_obeyed(site, fetcher):
    fetcher.get(site.url("/articles/modi-putin-moscow.html"))
    with pytest.raises(RobotsDisallowed, match=r"E061: .*/private/draft.html: robots.txt .* disallows /private/"):
        fetcher.get(site.url("/private/draft.html"))
    assert site.hits["/robots.txt"] == 1 and site.hits["/private/draft.html"] == 0


def test_a_missing_robots_txt_allows_everything(site, fetcher):
    site.robots = "missing"
    assert fetcher.get(site.url("/private/draft.html")).status == 200


def test_a_failing_robots_txt_keeps_the_fetcher_out(site, fetcher):
    site.robots = "error"
    with pytest.raises(RobotsDisallowed, match="could not be read") as caught:
        fetcher.get(site.url("/articles/modi-putin-moscow.html"))
    assert caught.value.transient and site.hits["/articles/modi-putin-moscow.html"] == 0


def test_requests_to_one_host_wait_their_turn(site):
    polite, fake = fetcher_with(delay=2.5)
    with polite:
        polite.get(site.url("/articles/modi-putin-moscow.html"))  # robots.txt, then the page
        polite.get(site.url("/articles/biden-xi-woodside.html"))
    assert fake.sleeps == [2.5, 2.5]


def test_a_5xx_is_tried_again_after_a_pause(site):
    polite, fake = fetcher_with(retries=2, backoff=0.5)
    with polite:
        got = polite.get(site.url("/flaky/articles/modi-putin-moscow.html"))
    assert got.status == 200 and site.hits["/flaky/articles/modi-putin-moscow.html"] == 2
    assert fake.sleeps == [0.5]


def test_retry_after_is_honoured(site):
    polite, fake = fetcher_with(retries=1, backoff=0.01)
    with polite:
        assert polite.get(site.url("/busy")).status == 200
    assert fake.sleeps == [1.0]


def test_a_lasting_5xx_gives_up_with_the_status(site):
    polite, fake = fetcher_with(retries=2, backoff=0.1)
    with polite, pytest.raises(FetchError, match=r"E060: .*/error: HTTP 500 Internal Server Error") as caught:
        polite.get(site.url("/error"))
    assert caught.value.transient and caught.value.status == 500
    assert site.hits["/error"] == 3 and fake.sleeps == [0.1, 0.2]


def test_a_404_is_not_tried_again(site, fetcher):
    with pytest.raises(FetchError, match="HTTP 404 Not Found") as caught:
        fetcher.get(site.url("/missing.html"))
    assert not caught.value.transient and site.hits["/missing.html"] == 1


def test_a_slow_server_times_out(site, fetcher):
    with pytest.raises(FetchError, match=r"/slow: timed out after 0.5 s") as caught:
        fetcher.get(site.url("/slow"))
    assert caught.value.transient


def test_a_redirect_is_followed(site, fetcher):
    got = fetcher.get(site.url("/go/modi"))
    assert got.url.endswith("/go/modi") and got.final_url.endswith("/articles/modi-putin-moscow.html")


def test_a_redirect_loop_is_named(site, fetcher):
    with pytest.raises(RedirectError, match=r"redirect loop: .*/loop/a -> .*/loop/b -> .*/loop/a"):
        fetcher.get(site.url("/loop/a"))


def test_too_many_redirects_are_refused(site, fetcher):
    with pytest.raises(RedirectError, match="more than 5 redirects"):
        fetcher.get(site.url("/chain/1"))
    assert site.hits["/chain/6"] == 1 and site.hits["/chain/7"] == 0


@pytest.mark.parametrize("path, reason", [("/huge", "more than 1,000,000 bytes"),
                                          ("/huge-announced", "50,000,000 bytes announced")])
def test_a_huge_response_is_cut_off(site, fetcher, path, reason):
    with pytest.raises(ResponseTooLarge, match=reason):
        fetcher.get(site.url(path))


def test_fetch_errors_are_input_errors_with_codes():
    from sidelines.errors import InputError

    assert issubclass(NotAFeed, InputError) and NotAFeed.code == "E062"
