"""A test database whose articles carry addresses that must never become links (``javascript:``,
``data:``), beside an ordinary https one; shared by the security tests in and out of the browser."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.web.conftest import ARTICLES, build_events, write_db

SCRIPT_URL = "javascript:window.__pwned='link'"
DATA_URL = "data:text/html,<script>window.__pwned='data'</script>"
SAFE_URL = "https://news.example.org/2022/11/15/bali"
#: Event id -> the address its one source gives.
ADDRESSES = {"e-bali": SAFE_URL, "e-tunxi": SCRIPT_URL, "e-moscow": DATA_URL, "e-jnb": " JavaScript:alert(1)"}


def security_db(folder: Path) -> Path:
    events = []
    for event in build_events():
        address = ADDRESSES.get(event.id)
        if address:
            event = replace(event, sources=tuple(replace(s, url=address) for s in event.sources))
        events.append(event)
    articles = [dict(a, url=SCRIPT_URL) for a in ARTICLES]
    return write_db(folder / "security.duckdb", events, articles)
