"""The web app: server-rendered pages, each also served as JSON from the same function.

``/events`` and ``/events.json`` call one view; the HTML is the JSON's data drawn by a Jinja2 template
(autoescaped: article text is shown as text, never as markup). Charts and the world map are SVG drawn on
the server from files inside the package: no script, no CDN, no tile server. The database is read
through a snapshot (see ``snapshot.py``), so an ingest can write it meanwhile.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles

from sidelines.errors import NotFound, QueryError, SidelinesError
from sidelines.export.events import event_json, event_row
from sidelines.knowledge.actors import ActorTable
from sidelines.knowledge.countries import CountryTable
from sidelines.store import queries
from sidelines.store.queries import Filters
from sidelines.web.pages import PER_PAGE, Page, Site
from sidelines.web.security import guard
from sidelines.web.snapshot import Snapshot

HERE = Path(__file__).resolve().parent
TYPES = ("MEET", "VISIT", "HOST", "NEGOTIATE", "CALL", "SIGN", "STATEMENT")
#: The only URL schemes an article's address may be linked with.
LINK_SCHEMES = frozenset({"http", "https"})


class BadQuery(SidelinesError):
    code = "E060"
    fix = "see /docs for the parameters each page takes"


def error_body(exc: SidelinesError) -> dict[str, Any]:
    """The one JSON error shape: ``{"error": {"code", "what", "cause", "fix", "message"}}``."""
    return {"error": {"code": exc.code, "what": exc.what, "cause": exc.cause, "fix": exc.fix_text,
                      "message": str(exc)}}


def status_of(exc: SidelinesError) -> int:
    return 404 if isinstance(exc, NotFound) else 400 if isinstance(exc, (BadQuery, QueryError)) else 500


def web_link(address: object) -> str | None:
    """``address`` when it is an http(s) URL that may become a link; None for anything else (a
    ``javascript:`` or ``data:`` URL from an article is shown as text, never made a link)."""
    if not isinstance(address, str):
        return None
    parsed = urlsplit(address.strip())
    return address.strip() if parsed.scheme.lower() in LINK_SCHEMES and parsed.netloc else None


def url(path: str, **params: Any) -> str:
    """``path`` with the non-empty ``params`` as its query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=jinja2.select_autoescape(("html", "svg"), default_for_string=True),
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(url=url, types=TYPES, web_link=web_link)
    return env


def filters(
    actor: Annotated[str | None, Query(description="Actor id, or part of a participant's name.")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3 code of a participant.")] = None,
    pair: Annotated[str | None, Query(description="Two ISO3 codes, e.g. CHN-RUS: both take part.")] = None,
    type: Annotated[str | None, Query(description="MEET, VISIT, HOST, NEGOTIATE, CALL, SIGN, STATEMENT.")] = None,
    since: Annotated[str | None, Query(description="Earliest date (ISO day, month or year).")] = None,
    until: Annotated[str | None, Query(description="Latest date (ISO day, month or year), inclusive.")] = None,
    occasion: Annotated[str | None, Query(description="Part of the occasion's name.")] = None,
    place: Annotated[str | None, Query(description="Part of the city's name.")] = None,
    q: Annotated[str | None, Query(description="Words in a name, the place, the occasion or a source title.")] = None,
) -> Filters:
    return Filters(actor, country, pair, type, since, until, occasion, place, q)


class Renderer:
    """Registers a view twice: ``path`` as HTML and ``path.json`` as JSON, from the same call."""

    def __init__(self, app: FastAPI, site: Site) -> None:
        self.app = app
        self.site = site
        self.env = environment()
        self.env.globals.update(country_name=site.country_name)

    def html(self, page: Page, status: int = 200) -> HTMLResponse:
        template = self.env.get_template(page.template)
        return HTMLResponse(template.render(page=page.data, title=page.title, **page.extra), status_code=status)

    def dual(self, path: str, summary: str) -> Callable[[Callable[..., Page]], Callable[..., Page]]:
        def register(view: Callable[..., Page]) -> Callable[..., Page]:
            @functools.wraps(view)
            def as_json(*args: Any, **kwargs: Any) -> JSONResponse:
                return JSONResponse(view(*args, **kwargs).data)

            @functools.wraps(view)
            def as_html(*args: Any, **kwargs: Any) -> HTMLResponse:
                return self.html(view(*args, **kwargs))

            json_path = "/index.json" if path == "/" else f"{path}.json"
            self.app.add_api_route(json_path, as_json, methods=["GET"], summary=summary,
                                   description=f"{summary}. The same data as the HTML page `{path}`.",
                                   response_class=JSONResponse, response_model=None, name=f"{view.__name__}_json")
            self.app.add_api_route(path, as_html, methods=["GET"], include_in_schema=False,
                                   response_class=HTMLResponse, response_model=None, name=view.__name__)
            return view

        return register


Filtered = Annotated[Filters, Depends(filters)]


def create_app(db_path: Path, knowledge_paths: Sequence[Path] = (), check_interval: float = 0.5,
               background_refresh: bool = True, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The app over the database at ``db_path`` (read through a snapshot; never written).

    Every response carries the security headers of ``sidelines.web.security``; ``allowed_hosts``
    (the Host names a request may name) defaults to the loopback names while the server listens on a
    loopback address, and to any host otherwise."""
    snapshot = Snapshot(Path(db_path), check_interval=check_interval, background=background_refresh,
                        prepare=queries.prepare)
    site = Site(snapshot, ActorTable.load(tuple(knowledge_paths)), CountryTable.load(tuple(knowledge_paths)))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        snapshot.close()

    app = FastAPI(title="sidelines", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Engagements found in news about diplomacy: who met whom, when, where, on what "
                              "occasion, and which reports say so. Every page is also JSON at `PATH.json`.")
    app.state.snapshot = snapshot
    app.state.site = site
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    guard(app, allowed_hosts)
    render = Renderer(app, site)
    _errors(app, render)
    _routes(app, site, render)
    _downloads(app, site)
    return app


def _routes(app: FastAPI, site: Site, render: Renderer) -> None:
    @render.dual("/", "Totals, the most frequent country pairs and the latest engagements")
    def index() -> Page:
        return site.index()

    @render.dual("/events", "Engagements, filtered and paginated")
    def events(f: Filtered, page: int = Query(1, ge=1),
               per_page: int = Query(PER_PAGE, ge=1, le=500),
               sort: str = Query("-date", pattern="^-?date$", description="date or -date (newest first)")) -> Page:
        return site.events(f, page, per_page, sort)

    @render.dual("/events/{event_id}", "One engagement: every field with its basis, quotes and sources")
    def event(event_id: str) -> Page:
        return site.event(event_id)

    @render.dual("/actors/{actor_id}", "One actor: offices, engagements per year, counterparts")
    def actor(actor_id: str) -> Page:
        return site.actor(actor_id)

    @render.dual("/pairs", "Country pairs by number of engagements")
    def pairs() -> Page:
        return site.pairs()

    @render.dual("/pairs/{pair}", "One country pair (e.g. CHN-RUS): per year, timeline, places, list")
    def pair(pair: str) -> Page:
        return site.pair(pair)

    @render.dual("/prospects", "Engagements announced, planned, cancelled, postponed or declined (not events)")
    def prospects(status: Literal["planned", "cancelled", "postponed", "declined"] | None = Query(
            None, description="Only this status.")) -> Page:
        return site.prospects(status)

    @render.dual("/map", "Places of engagements with their counts, filtered like /events")
    def map_(f: Filtered) -> Page:
        return site.map(f)

    @render.dual("/search", "Actors, countries, occasions and engagements matching words")
    def search(q: str = Query("", description="Words to look for.")) -> Page:
        return site.search(q)

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        return render.html(Page("docs.html", {"openapi": app.openapi()}, title="API"))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg")


def _downloads(app: FastAPI, site: Site) -> None:
    @app.get("/download.csv", summary="Every engagement matching the filters, as CSV",
             response_class=StreamingResponse)
    def download_csv(f: Filtered) -> StreamingResponse:
        return StreamingResponse(_stream(site, f, _csv_chunks), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/download.json", summary="Every engagement matching the filters, as a JSON array (export contract)",
             response_class=StreamingResponse)
    def download_json(f: Filtered) -> StreamingResponse:
        return StreamingResponse(_stream(site, f, _json_chunks), media_type="application/json",
                                 headers={"Content-Disposition": 'attachment; filename="events.json"'})


def _stream(site: Site, f: Filters, chunks: Callable[[Iterator[Any]], Iterator[str]]) -> Iterator[str]:
    with site.snapshot.cursor() as db:
        yield from chunks(queries.iter_events(db, f))


def _csv_chunks(events: Iterator[Any]) -> Iterator[str]:
    buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for i, event in enumerate(events):
        row = event_row(event)
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        if i % 500 == 499:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_chunks(events: Iterator[Any]) -> Iterator[str]:
    yield "["
    for i, event in enumerate(events):
        yield ("," if i else "") + "\n" + json.dumps(event_json(event), ensure_ascii=False)
    yield "\n]\n"


def _errors(app: FastAPI, render: Renderer) -> None:
    def respond(request: Request, exc: SidelinesError) -> Response:
        status = status_of(exc)
        if request.url.path.endswith((".json", ".csv")) or "application/json" in request.headers.get("accept", ""):
            return JSONResponse(error_body(exc), status_code=status)
        return render.html(Page("error.html", error_body(exc), title=f"{exc.code}"), status)

    @app.exception_handler(SidelinesError)
    async def library_error(request: Request, exc: SidelinesError) -> Response:
        return respond(request, exc)

    @app.exception_handler(RequestValidationError)
    async def bad_query(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return respond(request, BadQuery(request.url.path, problems or "bad parameters"))

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        return respond(request, NotFound(request.url.path, "no such page", "start at /"))
