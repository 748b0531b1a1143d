"""A polite HTTP fetcher: robots.txt, a delay per host, conditional requests, retries with back-off.

Every request names sidelines in its User-Agent, waits its turn on its host, and is refused when
the host's robots.txt disallows it. Timeouts, network errors, 429 and 5xx are tried again after a
growing pause (or the server's Retry-After); a response over the size limit, a redirect loop or
too many redirects is refused. Nothing here retries forever or reads without a limit.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Self
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from sidelines import __version__
from sidelines.ingest.fetch_errors import FetchError, RedirectError, ResponseTooLarge, RobotsDisallowed

USER_AGENT = f"sidelines/{__version__} (news reader for diplomacy research; honours robots.txt)"
#: Statuses worth another try after a pause.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
LATER = "it may pass: a watch tries again on its next polls"
#: A robots.txt that could not be fetched is asked for again after this many seconds.
ROBOTS_RETRY_S = 600.0


@dataclass(frozen=True, slots=True)
class Politeness:
    """How the fetcher behaves towards servers; the defaults suit a watch over news sites."""

    user_agent: str = USER_AGENT
    #: Seconds between two requests to one host (a robots.txt Crawl-delay that is longer wins).
    delay: float = 1.0
    #: Seconds to connect, and to wait for the next bytes of a response.
    timeout: float = 20.0
    #: Seconds a whole response may take, however slowly it trickles.
    deadline: float = 60.0
    #: Further tries after a timeout, a network error, 408, 429 or 5xx.
    retries: int = 2
    #: Pause before the first retry; it doubles for each next one.
    backoff: float = 2.0
    #: The longest pause before a retry, whatever Retry-After asks.
    max_backoff: float = 60.0
    #: Responses over this many bytes (after decompression) are refused.
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    #: Ask robots.txt first (turn off only for your own servers).
    robots: bool = True
    #: Seconds a host's robots.txt is trusted before it is fetched again.
    robots_ttl: float = 86_400.0


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said last time, sent back so it can answer 304 Not Modified."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in found.items() if value}


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: ``status`` is 200-299, or 304 when the document did not change."""

    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def validators(self) -> Validators:
        return Validators(self.etag, self.last_modified)


@dataclass(frozen=True, slots=True)
class _Raw:
    status: int
    reason: str
    headers: httpx.Headers
    content: bytes


@dataclass(slots=True)
class _Robots:
    rules: RobotFileParser
    fetched_at: float
    unreachable: str | None = None  # why robots.txt could not be read: everything is refused meanwhile


class Fetcher:
    """Fetch URLs politely; use as a context manager or call ``close()``.

    ``client``, ``clock`` and ``sleep`` are there to be replaced in tests.
    """

    def __init__(self, politeness: Politeness | None = None, *, client: httpx.Client | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.politeness = politeness or Politeness()
        self._client = client or httpx.Client(follow_redirects=False)
        self._owns_client = client is None
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}  # host -> when its last request started
        self._robots: dict[str, _Robots] = {}  # scheme://host -> its rules

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def get(self, url: str, validators: Validators | None = None) -> Fetched:
        """The document at ``url``; raises a FetchError (or a subclass) saying why not."""
        final, raw = self._follow(url, validators, check_robots=True)
        if raw.status == 304 or 200 <= raw.status < 300:
            return _fetched(url, final, raw)
        raise _status_error(url, raw)

    # -- redirects, robots ----------------------------------------------------------------------

    def _follow(self, url: str, validators: Validators | None, check_robots: bool) -> tuple[str, _Raw]:
        chain = [url]
        for _ in range(self.politeness.max_redirects + 1):
            current = chain[-1]
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(url, f"not an http(s) address: {current}")
            if check_robots:
                self._check_robots(url, current)
            raw = self._request(current, validators)
            if raw.status not in REDIRECT_STATUSES:
                return current, raw
            chain.append(self._next_hop(url, current, raw, chain))
        raise RedirectError(url, f"more than {self.politeness.max_redirects} redirects, ending at {chain[-1]}")

    @staticmethod
    def _next_hop(url: str, current: str, raw: _Raw, chain: list[str]) -> str:
        location = raw.headers.get("location")
        if not location:
            raise FetchError(url, f"HTTP {raw.status} redirect without a Location header")
        target = urljoin(current, location.strip()).split("#")[0]
        if target in chain:
            raise RedirectError(url, f"redirect loop: {' -> '.join(chain[chain.index(target):] + [target])}")
        return target

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets sidelines fetch ``url``."""
        try:
            self._check_robots(url, url)
        except RobotsDisallowed:
            return False
        return True

    def _check_robots(self, url: str, current: str) -> None:
        if not self.politeness.robots:
            return
        robots = self._rules_for(current)
        if robots.unreachable:
            raise RobotsDisallowed(url, f"robots.txt of {_origin(current)} could not be read ({robots.unreachable})",
                                   LATER, transient=True)
        if not robots.rules.can_fetch(self.politeness.user_agent, current):
            raise RobotsDisallowed(url, f"robots.txt of {_origin(current)} disallows {urlsplit(current).path or '/'}")

    def _rules_for(self, url: str) -> _Robots:
        origin = _origin(url)
        known = self._robots.get(origin)
        ttl = ROBOTS_RETRY_S if known and known.unreachable else self.politeness.robots_ttl
        if known is None or self._clock() - known.fetched_at >= ttl:
            known = self._robots[origin] = self._fetch_robots(origin)
        return known

    def _fetch_robots(self, origin: str) -> _Robots:
        """RFC 9309: a 4xx means no rules; a 5xx or no answer means stay out until it can be read."""
        address = f"{origin}/robots.txt"
        rules = RobotFileParser(address)
        try:
            _, raw = self._follow(address, None, check_robots=False)
        except FetchError as error:
            return _Robots(rules, self._clock(), unreachable=error.cause)
        if raw.status >= 500:
            return _Robots(rules, self._clock(), unreachable=f"HTTP {raw.status}")
        text = raw.content.decode("utf-8", "replace") if raw.status < 400 else ""  # 4xx: no rules
        rules.parse(text.splitlines())
        return _Robots(rules, self._clock())

    # -- one request: turn-taking, retries ------------------------------------------------------

    def _request(self, url: str, validators: Validators | None) -> _Raw:
        headers = {"User-Agent": self.politeness.user_agent, **(validators.headers() if validators else {})}
        attempt = 0
        while True:
            self._wait_turn(url)
            pause: float | None = None
            try:
                raw = self._once(url, headers)
            except FetchError as error:
                if not error.transient or attempt >= self.politeness.retries:
                    raise
            else:
                if raw.status not in RETRY_STATUSES or attempt >= self.politeness.retries:
                    return raw
                pause = _retry_after(raw.headers)
            backoff = self.politeness.backoff * 2**attempt
            self._sleep(min(self.politeness.max_backoff, pause if pause is not None else backoff))
            attempt += 1

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        delay = max(self.politeness.delay, self._crawl_delay(url))
        if last is not None and (waited := self._clock() - last) < delay:
            self._sleep(delay - waited)
        self._last[host] = self._clock()

    def _crawl_delay(self, url: str) -> float:
        robots = self._robots.get(_origin(url))
        if robots is None or robots.unreachable:
            return 0.0
        asked = robots.rules.crawl_delay(self.politeness.user_agent)
        return float(asked) if asked else 0.0

    def _once(self, url: str, headers: dict[str, str]) -> _Raw:
        timeout = httpx.Timeout(self.politeness.timeout)
        try:
            with self._client.stream("GET", url, headers=headers, timeout=timeout) as response:
                return _Raw(response.status_code, response.reason_phrase, response.headers,
                            self._read(url, response))
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {self.politeness.timeout:g} s", LATER + ", or raise --timeout",
                             transient=True) from None
        except (httpx.TransportError, httpx.DecodingError) as error:
            raise FetchError(url, f"network error ({_first_line(error)})", LATER, transient=True) from None

    def _read(self, url: str, response: httpx.Response) -> bytes:
        limit = self.politeness.max_bytes
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise ResponseTooLarge(url, f"{int(length):,} bytes announced, over the limit of {limit:,}")
        body = bytearray()
        started = self._clock()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                raise ResponseTooLarge(url, f"more than {limit:,} bytes, over the limit")
            if self._clock() - started > self.politeness.deadline:
                raise FetchError(url, f"took longer than {self.politeness.deadline:g} s", LATER, transient=True)
        return bytes(body)


def _fetched(url: str, final: str, raw: _Raw) -> Fetched:
    content_type = raw.headers.get("content-type", "")
    charset = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return Fetched(
        url=url,
        final_url=final,
        status=raw.status,
        content=raw.content,
        content_type=content_type.split(";")[0].strip().lower(),
        charset=charset.group(1).lower() if charset else None,
        etag=raw.headers.get("etag"),
        last_modified=raw.headers.get("last-modified"),
    )


def _status_error(url: str, raw: _Raw) -> FetchError:
    transient = raw.status in RETRY_STATUSES or raw.status >= 500
    reason = f"HTTP {raw.status} {raw.reason}".strip()
    if transient:
        return FetchError(url, reason, LATER, status=raw.status, transient=True)
    return FetchError(url, reason, status=raw.status)


def _retry_after(headers: httpx.Headers) -> float | None:
    """Retry-After as seconds (it may be a number or an HTTP date), or None when absent or odd."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
