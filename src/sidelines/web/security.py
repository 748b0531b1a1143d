"""Headers and the Host check on every response, so a page never runs a script it did not ship and a
server kept to this machine cannot be reached through another name (DNS rebinding).

The pages load nothing but their own stylesheet and SVG, so the Content-Security-Policy can be
``default-src 'self'``: even an article's text that slipped past escaping could not run a script.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Sequence

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

#: Sent with every response.
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
#: The Host names a server listening on a loopback address answers to.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def guard(app: FastAPI, allowed_hosts: Sequence[str] | None = None) -> None:
    """Add the headers to every response and refuse requests naming a host not allowed (400)."""
    allowed = None if allowed_hosts is None else frozenset(h.lower() for h in allowed_hosts)

    @app.middleware("http")
    async def secure(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if not host_allowed(request, allowed):
            response: Response = JSONResponse(_refusal(request), status_code=400)
        else:
            response = await call_next(request)
        response.headers.update(HEADERS)
        return response


def host_allowed(request: Request, allowed: frozenset[str] | None) -> bool:
    """The request's Host is allowed: one of ``allowed``, or (when None) any host unless the server
    listens on a loopback address, which answers to the loopback names only."""
    host = host_name(request.headers.get("host", ""))
    if allowed is None:
        server = request.scope.get("server")
        if not server or not is_loopback(str(server[0])):
            return True
        allowed = LOOPBACK_NAMES
    return host in allowed


def host_name(header: str) -> str:
    """The name in a Host header, without its port: ``[::1]:8000`` -> ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return address == "localhost"


def _refusal(request: Request) -> dict[str, object]:
    from sidelines.web.app import BadQuery, error_body

    host = request.headers.get("host", "")
    error = BadQuery(f"Host {host!r}", "this server answers to its loopback address only (127.0.0.1 or localhost)",
                     "open http://127.0.0.1:PORT/ or start the server with --host to serve other names")
    return error_body(error)
