"""A test database whose articles carry addresses that must never become links (``javascript:``,
``data:``), beside an ordinary https one; shared by the security tests in and out of the browser."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
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


def serve(app: object) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
