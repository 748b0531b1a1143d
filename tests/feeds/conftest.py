"""The local test site, a fast polite fetcher, and a guard that keeps every connection on loopback."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator

import httpx
import pytest

from sidelines.ingest.fetch import Fetcher, Politeness
from tests.feeds.server import Site

#: Quick to fail, so the bad cases cost little time: the slow page sleeps 2 s, the fetcher waits 0.5 s.
FAST = Politeness(delay=0.0, timeout=0.5, deadline=5.0, retries=1, backoff=0.01, max_bytes=1_000_000)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to an address other than loopback fails the test."""
    connect = socket.socket.connect

    def guarded(sock: socket.socket, address: object) -> object:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else str(address)
            assert ipaddress.ip_address(host).is_loopback, f"a test tried to reach {host}"
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site().start()
    yield server
    server.stop()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with httpx.Client(trust_env=False) as client, Fetcher(FAST, client=client) as polite:
        yield polite
