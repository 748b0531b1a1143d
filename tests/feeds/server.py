"""A real HTTP server on 127.0.0.1 (random port) serving tests/feeds/site/ and some bad behaviour.

Static files get an ETag and answer If-None-Match with 304; ``/feeds/news.xml`` is
``feeds/news-{stage}.xml`` with a Last-Modified per stage, so a test can make the feed gain entries
between two polls by raising ``stage``. ``{{base}}`` in a feed becomes the server's address.
Every request is counted in ``hits`` (by path) so tests can check what was fetched and how often.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE = Path(__file__).parent / "site"
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
         ".pdf": "application/pdf"}
REDIRECTS = {"/go/modi": "/articles/modi-putin-moscow.html", "/loop/a": "/loop/b", "/loop/b": "/loop/a"}
STAGE_DATES = {1: "Mon, 01 Jul 2024 08:00:00 GMT", 2: "Tue, 02 Jul 2024 08:00:00 GMT"}


class Site:
    """The server and what the tests can change or look at."""

    def __init__(self) -> None:
        self.stage = 1
        self.robots = "file"  # or "missing" (404) or "error" (500)
        self.slow_s = 2.0
        self.huge_bytes = 4_000_000
        self.hits: Counter[str] = Counter()
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.site = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def start(self) -> Site:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def hit(self, path: str, headers: dict[str, str]) -> int:
        with self._lock:
            self.hits[path] += 1
            self.headers.append({"path": path, **headers})
            return self.hits[path]


class _Handler(BaseHTTPRequestHandler):
    server_version = "LoopbackWire/1.0"

    @property
    def site(self) -> Site:
        return self.server.site  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        times = self.site.hit(path, {k.lower(): v for k, v in self.headers.items()})
        try:
            self._route(path, times)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeouts, size limit)
            pass

    def _route(self, path: str, times: int) -> None:
        if path in REDIRECTS:
            return self._redirect(REDIRECTS[path])
        if path.startswith("/chain/"):
            return self._redirect(f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
        if path == "/robots.txt" and self.site.robots != "file":
            return self._status(404 if self.site.robots == "missing" else 500)
        if path == "/error":
            return self._status(500)
        if path == "/busy" and times == 1:
            return self._status(503, {"Retry-After": "1"})
        if path == "/busy":
            return self._send(200, b"<html><body><p>now free</p></body></html>", TYPES[".html"])
        if path == "/slow":
            time.sleep(self.site.slow_s)
            return self._send(200, b"<html><body><p>too late</p></body></html>", TYPES[".html"])
        if path == "/huge":
            return self._huge()
        if path == "/huge-announced":
            return self._send_head(200, TYPES[".html"], {"Content-Length": "50000000"})
        if path.startswith("/flaky/"):
            if times == 1:
                return self._status(500)
            path = path.removeprefix("/flaky")
        if path == "/feeds/news.xml":
            return self._news()
        return self._file(path)

    def _file(self, path: str) -> None:
        file = (SITE / path.lstrip("/")).resolve()
        if SITE.resolve() not in file.parents or not file.is_file():
            return self._status(404)
        body = file.read_bytes().replace(b"{{base}}", self.site.base.encode())
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        if self.headers.get("If-None-Match") == etag:
            return self._send_head(304, None, {"ETag": etag})
        self._send(200, body, TYPES.get(file.suffix, "application/octet-stream"), {"ETag": etag})

    def _news(self) -> None:
        stamp = STAGE_DATES[self.site.stage]
        if self.headers.get("If-Modified-Since") == stamp:
            return self._send_head(304, None, {"Last-Modified": stamp})
        body = (SITE / "feeds" / f"news-{self.site.stage}.xml").read_bytes().replace(b"{{base}}",
                                                                                      self.site.base.encode())
        self._send(200, body, "application/rss+xml; charset=utf-8", {"Last-Modified": stamp})

    def _huge(self) -> None:
        self._send_head(200, TYPES[".html"])
        chunk = b"<p>" + b"filler " * 9000 + b"</p>\n"
        sent = 0
        while sent < self.site.huge_bytes:
            self.wfile.write(chunk)
            sent += len(chunk)

    def _redirect(self, to: str) -> None:
        self._send_head(302, None, {"Location": to})

    def _status(self, code: int, headers: dict[str, str] | None = None) -> None:
        self._send(code, f"<html><body><p>status {code}</p></body></html>".encode(), TYPES[".html"], headers)

    def _send(self, code: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self._send_head(code, content_type, {"Content-Length": str(len(body)), **(headers or {})})
        self.wfile.write(body)

    def _send_head(self, code: int, content_type: str | None, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
