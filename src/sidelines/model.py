"""The records passed along the pipeline: Article -> Mention -> Event.

Every resolved value (a participant, a date, a place, an occasion) carries the
text it came from and how it was decided, so a user can trace any field of an
exported event back to a sentence and a character span.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

EventType = Literal["MEET", "VISIT", "HOST", "NEGOTIATE", "CALL", "SIGN", "STATEMENT"]
Role = Literal["main", "mentioned"]
DateBasis = Literal[
    "explicit", "relative_to_published", "from_occasion", "from_context", "published_fallback"
]
Precision = Literal["day", "month", "year"]
#: Whether an engagement took place: only ``occurred`` ones are events; the others are prospects.
Status = Literal["occurred", "planned", "cancelled", "postponed", "declined"]

#: Engagement types that are the same kind of contact; mentions merge only within one family.
TYPE_FAMILY: dict[str, str] = {
    "MEET": "in_person",
    "VISIT": "in_person",
    "HOST": "in_person",
    "NEGOTIATE": "in_person",
    "CALL": "phone",
    "SIGN": "agreement",
    "STATEMENT": "statement",
}


def stable_key(*parts: object, size: int = 16) -> str:
    """A content-derived id, so that writing the same thing twice is an idempotent upsert."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:size]


@dataclass(frozen=True, slots=True)
class Article:
    """One report as read from a file, before any analysis.

    ``text`` is the body; ``title`` is kept apart so a header line is never
    mistaken for a sentence of the report. ``published_basis`` says where the
    date came from (``metadata``, ``date_line``, ``page_date_line``, ``url``,
    ``html``), because a page date is not always the report's date.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_basis: str | None = None
    published_evidence: str | None = None
    language: str = "en"
    source_path: str | None = None

    @property
    def content_hash(self) -> str:
        return stable_key(self.title or "", self.text, size=32)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of an article: ``field`` is ``text`` (the body) or ``title``."""

    text: str
    start: int
    end: int
    field: Literal["text", "title"] = "text"
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone taking part, linked to a known actor when the knowledge base allows it."""

    name: str
    country: str | None = None
    actor_id: str | None = None
    kind: Literal["person", "country", "organisation"] = "person"
    role: str | None = None
    span: Span | None = None
    # how the person was linked or placed: exact / alias / surname_coreference / office /
    # dateline_country, place_country, represented_country (an official with no country said) /
    # host_named_in_article / unlinked
    link_basis: str | None = None


@dataclass(frozen=True, slots=True)
class When:
    """A resolved date with its precision, its basis and the words it came from."""

    value: str | None = None  # ISO day, "YYYY-MM", "YYYY" or None
    precision: Precision | None = None
    basis: DateBasis | None = None
    span: Span | None = None
    note: str | None = None

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.value) if self.precision == "day" and self.value else None


@dataclass(frozen=True, slots=True)
class Where:
    """A place with coordinates; ``basis`` is explicit, from_occasion, from_context or capital."""

    city: str | None
    country: str | None
    lat: float | None = None
    lon: float | None = None
    basis: str = "explicit"
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class OccasionRef:
    """A multilateral gathering from the calendar that an engagement took place at."""

    id: str
    name: str
    start: date
    end: date
    city: str | None
    country: str | None
    basis: str = "explicit"
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One sentence-level report of an engagement or statement in one article."""

    id: str
    article_id: str
    type: str
    trigger: Span
    evidence: Span  # the sentence
    participants: tuple[Participant, ...] = ()
    when: When = field(default_factory=When)
    where: Where | None = None
    occasion: OccasionRef | None = None
    role: Role = "mentioned"
    # "earlier": before the time the article reports ("had talked by phone earlier"): never dated by its lead
    tense: Literal["past", "earlier", "present", "future", "headline"] = "past"
    # What the sentence says, before resolution: the date words, place words and occasion words.
    time_text: Span | None = None
    place_texts: tuple[Span, ...] = ()
    occasion_text: Span | None = None
    destination: bool = False  # place_texts name where a visitor went (the host country takes part)
    status: Status = "occurred"
    status_cue: Span | None = None  # the words that decided a status other than occurred
    sides: int | None = None  # how many sides the words say took part: "bilateral" 2, "trilateral" 3
    beside_other: bool = False  # told before or after another engagement ("Prior to the talks, X met Y")


@dataclass(frozen=True, slots=True)
class Source:
    """One article's report of an event, with the sentences that say so."""

    article_id: str
    outlet: str | None
    url: str | None
    role: Role
    mention_ids: tuple[str, ...]
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """A real-world engagement, merged from the mentions of every article that reports it."""

    id: str
    type: str
    participants: tuple[Participant, ...]
    when: When
    where: Where | None
    occasion: OccasionRef | None
    sources: tuple[Source, ...]
    cameo: str | None = None
    goldstein: float | None = None
    plover: str | None = None
    disagreements: tuple[str, ...] = ()
    status: Status = "occurred"
    sides: int | None = None  # how many sides its reports say took part ("bilateral"), when they agree

    @property
    def family(self) -> str:
        return TYPE_FAMILY.get(self.type, "other")


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker: in quotation marks (direct) or reported ("Wang said that ...")."""

    id: str
    article_id: str
    speaker: Participant
    text: str
    start: int  # character offsets of the words in the article's text (or title)
    end: int
    direct: bool
    cue: str  # the reporting verb as written
    evidence: Span  # the sentence
    event_id: str | None = None
