"""``sidelines serve``: the web page and JSON API over a database, read-only."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sidelines.config import DEFAULT_DB
from sidelines.errors import SidelinesError

err = Console(stderr=True)


def serve(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB database file (opened read-only).")] = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    knowledge: Annotated[list[Path] | None, typer.Option(help="Extra knowledge data folder.")] = None,
) -> None:
    """Browse engagements, actors, country pairs, a timeline and a map in a web browser (and as JSON)."""
    import uvicorn

    from sidelines.web.app import create_app

    try:
        app = create_app(db, tuple(knowledge or ()))
    except SidelinesError as exc:
        err.print(f"[red]{exc}[/red]", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if not _loopback(host):
        err.print(f"listening on {host}: other machines can reach this server; it has no login", highlight=False)
    err.print(f"serving {db} at http://{host}:{port}/  (API: /docs; stop with Ctrl-C)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
