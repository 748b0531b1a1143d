"""Why a feed or a page could not be used: one line with the URL, the reason and what to do.

They are InputErrors, so a batch counts them like a file it could not read. ``transient`` says
whether trying again later may help (a timeout, a 5xx) or not (a 404, a page that is not HTML).
"""

from __future__ import annotations

from sidelines.errors import InputError


class FetchError(InputError):
    """The server did not give the document: a network error, a timeout, an HTTP error status."""

    code = "E060"
    fix = "check the address, or leave it out; the others go on"

    def __init__(self, what: str, cause: str, fix: str | None = None, *, status: int | None = None,
                 transient: bool = False) -> None:
        super().__init__(what, cause, fix)
        self.status = status
        self.transient = transient


class RobotsDisallowed(FetchError):
    code = "E061"
    fix = "the site's robots.txt asks crawlers to stay out; leave it out"


class NotAFeed(FetchError):
    code = "E062"
    fix = "give the address of an RSS or Atom feed"


class NotAPage(FetchError):
    code = "E063"
    fix = "only HTML pages are read; leave it out"


class ResponseTooLarge(FetchError):
    code = "E064"
    fix = "leave it out, or raise the size limit (--max-bytes)"


class RedirectError(FetchError):
    code = "E065"
    fix = "the server sends the request round in circles or too far; leave it out"
