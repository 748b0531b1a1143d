"""What an article as a whole tells every resolver: its trusted anchor date and the dated things it names.

A page date is the day a page was printed, not always the day of the report. When the article reports
as current a gathering that the calendar dates long before the page date, the page date is not trusted;
nor is it when the article reports as past a day or a gathering that comes after it (metadata stamped
before the event). The lead's date (the first past-tense sentence of the body, "X today called on Y")
is the article's frame: the day of an engagement the article mentions again without date words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from sidelines.extract.date_words import date_words, is_dateline
from sidelines.knowledge import KnowledgeBase
from sidelines.knowledge.calendar import Occasion
from sidelines.model import Article
from sidelines.nlp.doc_index import entities, entities_in, sentences, text_of
from sidelines.resolve.occasions import OccasionMatcher
from sidelines.resolve.timex import Timex, read_timex
from sidelines.resolve.timex_tagger import tense_of

#: How the publication date was found, in order of trust.
PAGE_DATE_BASES = {"page_date_line"}
#: The ``published_basis`` of an undated article analysed again against the day other outlets' reports
#: give the engagement it is about (``sidelines.ingest.story_day``): a day to count from, not its page's date.
STORY_DAY = "story_day"
#: ... and the page's own day worked out from it, when the lead says its engagement was "today" or
#: "yesterday": a page day like any other, but inferred.
STORY_PAGE_DAY = "story_page_day"
INFERRED_ANCHORS = {STORY_DAY, STORY_PAGE_DAY}
#: How many sentences of the body may open it before the lead (stamps, captions, bylines come first).
LEAD_SENTENCES = 4
#: Days a reported past may run after the page date before the page date is doubted (time zones).
EARLY_STAMP_DAYS = 1
#: How far before a gathering reported as past a page may be stamped and still be that report's page.
EARLY_STAMP_MAX_DAYS = 31
#: Words that put an engagement at a gathering ("on the sidelines of"), and words that look ahead to one.
AT_GATHERING = re.compile(r"\b(?:sidelines?|margins?|during|on the side)\b", re.IGNORECASE)
PROSPECTIVE = re.compile(r"\b(?:next|upcoming|coming|ahead of|will|due|scheduled|planned|expected)\b", re.IGNORECASE)
#: A bound is not a date of the article's events ("until 1 October 2024", "since 2014").
BOUND_WORDS = {"since", "until", "till", "by", "through", "before", "after", "from"}


@dataclass(frozen=True, slots=True)
class Frame:
    """The day the article's lead reports, with the words and how they were read."""

    day: date
    words: str
    note: str


@dataclass(slots=True)
class ArticleContext:
    article: Article
    anchor: date | None  # the publication date when trusted
    anchor_note: str | None
    years: list[int] = field(default_factory=list)  # explicit years the article names, most frequent first
    occasions: list[Occasion] = field(default_factory=list)  # occasions named with specific evidence
    year: int | None = None  # the one year every dated event of the article has, when there is one
    days: list[tuple[int, date]] = field(default_factory=list)  # full days written out, by document offset
    reported: Occasion | None = None  # the gathering reported as past that discredits the page date
    frame: Frame | None = None  # the lead's day
    gathering: Occasion | None = None  # the gathering the article reports from (``OccasionMatcher.of_article``)

    @property
    def published_trusted(self) -> bool:
        return self.anchor is not None

    def year_at(self, position: int) -> tuple[int, str] | None:
        """The year a date without one at this document offset continues: that of the last full day
        written before it ("held talks on 9 July 2024 ... the evening of 8 July"), else the first after
        it, else the one year of all the article's dates; with how it was found."""
        before = [d for at, d in self.days if at < position]
        after = [d for at, d in self.days if at > position]
        if before:
            return before[-1].year, f"the year of {before[-1].isoformat()} written before it"
        if after:
            return after[0].year, f"the year of {after[0].isoformat()} written after it"
        if self.year is not None:
            return self.year, f"year {self.year}, the one year of the other dates in the article"
        return None


def build_context(article: Article, doc: Doc, kb: KnowledgeBase, matcher: OccasionMatcher,
                  tolerance_days: int = 120) -> ArticleContext:
    years = _explicit_years(doc)
    occasions = matcher.specific_in(text_of(doc), years)
    anchor, note = article.published, None
    if anchor is not None and article.published_basis == STORY_DAY:
        article, note = _page_of_story(doc, article, anchor)
        anchor = article.published
    if anchor is None and (from_url := url_date(article.url)):
        anchor, note = from_url, f"publication date {from_url.isoformat()} read from the URL"
    # Only a gathering named in a sentence without a year of its own is reported as current: "the G20
    # summit in Bali on 15 November 2022" dates a past meeting, it does not date the page.
    current = [(o, sent) for sent in doc.sents if not _dated(sent) for o in matcher.specific_in(sent.text, [])] \
        if occasions else []
    if anchor and article.published_basis in PAGE_DATE_BASES and current:
        latest = max(o.end for o, _ in current)
        if anchor - latest > timedelta(days=tolerance_days):
            note = (f"page date {anchor.isoformat()} not trusted: the article reports as current "
                    f"{max(current, key=lambda c: c[0].end)[0].name}, which ended {latest.isoformat()}")
            anchor = None
    reported = None
    if anchor and (later := _reported_after(doc, anchor, current)):
        what, reported = later
        note = f"page date {anchor.isoformat()} not trusted: the article reports as past {what}, after it"
        anchor = None
    return ArticleContext(article, anchor, note, years, occasions, _single_year(doc), _full_days(doc), reported,
                          lead_frame(doc, article, anchor, reported))


URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[^\d])")


def url_date(url: str | None) -> date | None:
    """The day in a news URL's path (``/2022/03/19/``), which outlets set when they publish."""
    match = URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def _page_of_story(doc: Doc, article: Article, story_day: date) -> tuple[Article, str]:
    """An undated page read against its story's day: when its lead says "today" or "yesterday", the
    page's own day follows (and every date word can be read against it); else only the story's day."""
    words = _lead_date_words(doc, article)
    timex = read_timex(words.text) if words is not None else None
    if words is not None and timex is not None and timex.kind == "offset" and not STORY_OFFSETS.search(words.text):
        page = story_day - timedelta(days=timex.offset)
        note = (f"no publication date: the page's day taken as {page.isoformat()}, its lead's "
                f"'{words.text}' being {story_day.isoformat()}, the day other reports give the engagement")
        return replace(article, published=page, published_basis=STORY_PAGE_DAY), note
    return article, (f"no publication date: read against {story_day.isoformat()}, the day other reports give "
                     "the engagement the article is about")


def _lead_date_words(doc: Doc, article: Article) -> Span | None:
    """The date words of the lead: of the first past-tense sentence with any among the first few of the body."""
    body = len(article.title) + 2 if article.title and text_of(doc).startswith(article.title) else 0
    text = text_of(doc)
    lead = [s for s in sentences(doc) if s.start_char >= body and len(text[s.start_char:s.end_char].strip()) > 40]
    for sent in lead[:LEAD_SENTENCES]:
        root = sent.root
        if root.tag_ != "VBD" or _perfect(root):
            continue
        words = _lead_words(root)
        if words is not None:
            return words  # else "X used his first visit to ...": the next sentence may say when
    return None


def lead_frame(doc: Doc, article: Article, anchor: date | None, reported: Occasion | None = None) -> Frame | None:
    """The day of the lead: the first past-tense sentence with date words among the first few of the
    body, read ("agreed Thursday", "today called on") against the anchor (or within the gathering that
    discredited the page date). None when those words do not give a day."""
    words = _lead_date_words(doc, article)
    timex = read_timex(words.text) if words is not None else None
    if words is None or timex is None or (found := _day_of(timex, words.text, article, anchor, reported)) is None:
        return None
    return Frame(found[0], words.text, f"the lead's '{words.text}' ({found[1]})")


#: Words that count days from the story's own time ("a day earlier", "the next day"), not from the page's.
STORY_OFFSETS = re.compile(r"\b(?:earlier|before|previous|prior|later|after|following|next day|same day|that day)\b",
                           re.IGNORECASE)


def read_against(timex: Timex, words: str, article: Article, anchor: date, tense: int = -1) -> tuple[str, str] | None:
    """(value, precision) of date words against the anchor. Against the story's day of an undated page
    (``STORY_DAY``) only what cannot depend on the unknown page date is read: a full date, a day of a
    month, the story's own weekday ("on Wednesday" of a Wednesday meeting), and days counted from the
    story ("a day earlier"); not "yesterday", another weekday or "last week", which count from a page
    date that may be days after the story."""
    if article.published_basis != STORY_DAY or timex.kind in ("absolute", "partial"):
        return timex.resolve(anchor, tense)
    if timex.kind == "weekday":
        return (anchor.isoformat(), "day") if timex.weekday == anchor.weekday() else None
    if timex.kind == "offset" and STORY_OFFSETS.search(words):
        return timex.resolve(anchor, tense)
    return None


def anchor_words(article: Article, anchor: date | None) -> str:
    """What relative dates were counted from, in words for a record's note."""
    if anchor is not None and article.published_basis == STORY_DAY:
        return f"the story's day {anchor.isoformat()} (from other reports; the page has no date)"
    if anchor is not None and article.published_basis == STORY_PAGE_DAY:
        return f"the page's day {anchor.isoformat()} (from its lead and other reports; the page has no date)"
    return f"publication date {anchor.isoformat() if anchor else None}"


def _day_of(timex: Timex, words: str, article: Article, anchor: date | None, reported: Occasion | None) -> tuple[date, str] | None:
    """The day the words give as written, against the anchor, or within the gathering; with how."""
    if (fixed := timex.absolute()) and fixed[1] == "day":
        return date.fromisoformat(fixed[0]), "as written"
    if anchor is not None and (found := read_against(timex, words, article, anchor)) and found[1] == "day":
        return date.fromisoformat(found[0]), f"against {anchor_words(article, anchor)}"
    if anchor is None and reported is not None and timex.precision == "day" \
            and (days := timex.days_in(reported.start, reported.end)):
        return days[0], f"within {reported.name}"
    return None


def _lead_words(root: Token) -> Span | None:
    """The lead verb's date words, its object's ("held talks on Thursday") or, under a reporting verb,
    the reported verb's ("X received Y on Tuesday, the U.N. said"); a dateline's date only when the
    sentence has no other."""
    verbs = [root, *(c for c in root.children if c.dep_ == "ccomp" and c.tag_ == "VBD")]
    heads = [(t, v) for v in verbs for t in (v, *(c for c in v.children if c.dep_ == "dobj"))]
    found = [w for t, v in heads if (w := date_words(t, v))]
    return min(found, key=is_dateline) if found else None


def _perfect(verb: Token) -> bool:
    """"had met": a time before the story's own, not the lead's day."""
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _reported_after(doc: Doc, anchor: date, current: list[tuple[Occasion, Span]]) -> tuple[str, Occasion | None] | None:
    """What the article reports as past although it comes after the page date: a full date on a
    past-tense verb ("opened the consulate on 30 November 2022"), or a gathering a past-tense sentence
    names ("held talks on the sidelines of the G20 meeting in Bali"), with that gathering."""
    limit = anchor + timedelta(days=EARLY_STAMP_DAYS)
    for ent in entities(doc):
        if ent.label_ != "DATE" or is_dateline(ent) or _bound(ent) or not _past(ent):
            continue
        timex = read_timex(ent.text)
        fixed = timex.absolute() if timex is not None else None
        if fixed and fixed[1] == "day" and date.fromisoformat(fixed[0]) > limit:
            return f"'{ent.text}'", None
    for occasion, sent in current:
        if limit < occasion.start <= anchor + timedelta(days=EARLY_STAMP_MAX_DAYS) and sent.root.tag_ == "VBD" \
                and AT_GATHERING.search(sent.text) and not PROSPECTIVE.search(sent.text):
            return f"{occasion.name} ({occasion.start.isoformat()})", occasion
    return None


def _past(ent: Span) -> bool:
    """Whether the words hang on a verb in the past tense (a page header's date hangs on none)."""
    token = ent.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX"):
            return tense_of(ent) < 0
        if token.head is token:
            return False
        token = token.head
    return False


def _bound(ent: Span) -> bool:
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return ent.root.head.lower_ in BOUND_WORDS or before in BOUND_WORDS or ent[0].lower_ in BOUND_WORDS


def _dated(sentence: Span) -> bool:
    """Whether the sentence writes a year (its dates are its own, not the page's)."""
    for ent in entities_in(sentence):
        timex = read_timex(ent.text) if ent.label_ == "DATE" else None
        if timex is not None and timex.kind == "absolute" and timex.year:
            return True
    return False


def _explicit_years(doc: Doc) -> list[int]:
    counts: dict[int, int] = {}
    for ent in entities(doc):
        if ent.label_ != "DATE":
            continue
        timex = read_timex(ent.text)
        if timex is not None and timex.kind == "absolute" and timex.year:
            counts[timex.year] = counts.get(timex.year, 0) + 1
    return sorted(counts, key=lambda y: (-counts[y], -y))


def _full_days(doc: Doc) -> list[tuple[int, date]]:
    """The days written out with their year, outside bounds and datelines, by document offset."""
    found = []
    for ent in entities(doc):
        if ent.label_ != "DATE" or _bound(ent) or is_dateline(ent):
            continue
        timex = read_timex(ent.text)
        fixed = timex.absolute() if timex is not None else None
        if fixed and fixed[1] == "day":
            found.append((ent.start_char, date.fromisoformat(fixed[0])))
    return found


def _single_year(doc: Doc) -> int | None:
    """The year of every dated thing the article names outside bounds ("since 2014", "until 2024"),
    when they all share one: only then does a date without its year take it."""
    found = set()
    for ent in entities(doc):
        timex = read_timex(ent.text) if ent.label_ == "DATE" and not _bound(ent) else None
        if timex is not None and timex.kind == "absolute" and timex.year:
            found.add(timex.year)
    return found.pop() if len(found) == 1 else None
