"""The visible pipeline: Article -> spaCy Doc -> Mentions -> per-article reports (Events with one source).

``Analyser`` holds the loaded model and knowledge base (once per process); ``analyse`` streams
articles through ``nlp.pipe`` and the extraction and resolution stages. Merging reports across
articles and storing them is the store's job (see ``sidelines.ingest.run``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import timedelta

from spacy.language import Language
from spacy.tokens import Doc

from sidelines.coding.verbal import VerbalCoder, VerbalEvent
from sidelines.config import Settings
from sidelines.extract.engagements import EngagementExtractor
from sidelines.extract.layout import Layout, document_text
from sidelines.extract.participants import TITLE_NOUNS
from sidelines.extract.quotes import QuoteExtractor
from sidelines.ingest.language import ENGLISH, not_analysed_note
from sidelines.knowledge import KnowledgeBase
from sidelines.knowledge.calendar import Occasion
from sidelines.knowledge.files import fold
from sidelines.merge.cluster import (
    EventBuilder,
    group_article,
    group_pending,
    linked_people,
    merge_participants,
    places_conflict,
    settle_headlines,
    settle_kinds,
)
from sidelines.model import Article, Event, Mention, OccasionRef, Participant, Quote, Span, When, Where
from sidelines.nlp.doc_index import known_text, sentences, text_of
from sidelines.resolve.actors import ActorLinker, NamedPerson
from sidelines.resolve.context import STORY_DAY, ArticleContext, build_context
from sidelines.resolve.dates import fallback_when, resolve_when, when_rank
from sidelines.resolve.occasions import OccasionMatcher
from sidelines.resolve.places import PlaceResolver, Scene
from sidelines.resolve.timex import read_timex

#: Parsed documents of undated pages kept for their second reading (a few batches' worth).
UNDATED_KEPT = 256


@dataclass(frozen=True, slots=True)
class Analysis:
    """What one article yields: its mentions and its reports (one per engagement it reports)."""

    article: Article
    mentions: tuple[Mention, ...]
    reports: tuple[Event, ...]
    quotes: tuple[Quote, ...] = ()
    published_note: str | None = None
    verbal: tuple[VerbalEvent, ...] = ()  # statements coded as CAMEO verbal events (source -> target)
    prospects: tuple[Event, ...] = ()  # engagements planned, cancelled, postponed or declined: not events
    note: str | None = None  # why an article was stored without analysis (None when it was analysed)


class Analyser:
    def __init__(self, settings: Settings, kb: KnowledgeBase, nlp: Language) -> None:
        self.settings = settings
        self.kb = kb
        self.nlp = nlp
        self.extract = EngagementExtractor(kb, settings.lead_sentences)
        self.quotes = QuoteExtractor(kb)
        self.verbal = VerbalCoder(kb, nlp)
        self.occasions = OccasionMatcher(kb)
        self.actors = ActorLinker(kb)
        self.places = PlaceResolver(kb)
        self.events = EventBuilder(kb.codes)
        self._undated: OrderedDict[tuple[str, str], Doc] = OrderedDict()  # (article id, text) -> its document

    @classmethod
    def load(cls, settings: Settings | None = None) -> Analyser:
        from sidelines.nlp.spacy_pipeline import build_nlp

        settings = settings or Settings()
        kb = KnowledgeBase.load(settings)
        return cls(settings, kb, build_nlp(settings, kb))

    def analyse(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """One Analysis per article, in input order. An article not in English goes through the model
        as an empty text (so the order holds) and comes out unanalysed, with a note saying why."""
        stream = self.nlp.pipe(self._documents(articles), as_tuples=True, batch_size=self.settings.batch_size)
        for doc, (article, read, layout, cut, kept) in stream:
            if article.language != ENGLISH:
                yield Analysis(article, (), (), note=not_analysed_note(article.language))
                continue
            doc = kept if kept is not None else doc
            if read.published is None:
                self._keep_undated(read.id, doc)
            analysis = self.analyse_doc(read, doc, layout)
            yield analysis if cut is None else replace(analysis, article=article, note=cut)

    def _keep_undated(self, article_id: str, doc: Doc) -> None:
        """An undated page is likely read again once merging gives its story a day
        (``ingest.story_day``): its parsed document is kept for that, the latest ``UNDATED_KEPT``."""
        doc.tensor = doc.tensor[:0]  # the model's word vectors: no stage reads them
        key = (article_id, text_of(doc))
        self._undated[key] = doc
        self._undated.move_to_end(key)
        while len(self._undated) > UNDATED_KEPT:
            self._undated.popitem(last=False)

    def _documents(self, articles: Iterable[Article]) -> Iterator[tuple[Doc, tuple]]:
        """(document, (article, the article as read, layout, note of a cut, the document kept from its
        first reading or None)) for ``nlp.pipe``: a body over ``analysis_max_chars`` is read up to a
        break within it (see ``nlp.bounds``). The document is made here, knowing its text, so that no
        stage joins its tokens to read it again; a page read again goes through as an empty text."""
        from sidelines.nlp.bounds import bounded

        for article in articles:
            if article.language == ENGLISH:
                read, cut = bounded(article, self.settings.analysis_max_chars)
            else:
                read, cut = replace(article, text="", title=None), None
            text, layout = document_text(read)
            kept = self._undated.pop((read.id, text), None) if read.published_basis == STORY_DAY else None
            piped = "" if kept is not None else text  # a page read again skips the model
            doc = self.nlp.make_doc(piped)
            known_text(doc, piped)
            yield doc, (article, read, layout, cut, kept)

    def analyse_doc(self, article: Article, doc: Doc, layout: Layout) -> Analysis:
        ctx = build_context(article, doc, self.kb, self.occasions, self.settings.page_date_tolerance_days)
        mentions = self.extract(doc, article.id, layout)
        people = self.actors.people_in(doc, ctx.anchor)
        scene = self.places.scene(doc, layout)
        text = text_of(doc)
        ctx = replace(ctx, gathering=self.occasions.of_article([text[s.start_char:s.end_char] for s in sentences(doc)],
                                                               ctx.anchor, tuple(ctx.years)))
        mentions = settle_headlines(settle_kinds([self._resolve(m, ctx, layout, people, scene)
                                                  for m in _shared_dates(mentions)]))
        groups = group_article([m for m in mentions if m.status == "occurred"])
        built = [(self._report(group, ctx), group) for group in groups]
        undated = {r.id for r, group in built if r.when.value is None and r.when.span is None
                   and all(m.tense != "earlier" for m in group)}
        reports = [r for r, group in built if _parties(r) >= 2 and not _background_undated(r, group)]
        reports = self._fill_from_context(_hosts_named(reports), undated)
        prospects = [r for r in (self._prospect(g, ctx) for g in group_pending(mentions)) if _parties(r) >= 2]
        quotes = tuple(self._speaker(q, ctx, layout, people) for q in self.quotes(doc, article.id, layout))
        analysis = Analysis(article, tuple(mentions), tuple(reports), quotes, ctx.anchor_note,
                            prospects=tuple(prospects))
        return replace(analysis, verbal=tuple(self.verbal(analysis, doc, layout)))

    def _prospect(self, group: list[Mention], ctx: ArticleContext) -> Event:
        """An engagement that did not (or not yet) take place, with its status; its date is only what
        the text says, never the publication date."""
        report = self.events.from_mentions(group, ctx.article.outlet, ctx.article.url)
        when = self._group_when(group, ctx, report.occasion)
        return replace(report, when=when, status=group[0].status)

    def _speaker(self, quote: Quote, ctx: ArticleContext, layout: Layout, people: list[NamedPerson]) -> Quote:
        span = quote.speaker.span
        position = layout.position(span) if span else quote.start
        return replace(quote, speaker=self.actors.link(quote.speaker, position, ctx.anchor, people, layout))

    def _resolve(self, mention: Mention, ctx: ArticleContext, layout: Layout, people: list[NamedPerson],
                 scene: Scene | None = None) -> Mention:
        """Who first (the people bound the possible occasions), then at what occasion, when, and where."""
        positions = [layout.position(p.span or mention.trigger) for p in mention.participants]
        participants = _once(self.actors.link_all(mention.participants, positions, ctx.anchor, people, layout))
        occasion = self._occasion(mention, ctx, participants)
        tense = 1 if mention.tense == "future" else -1
        lead = mention.tense != "earlier"
        when = resolve_when(mention.time_text, tense, ctx, occasion, lead)
        if occasion is None and mention.status == "occurred" and ctx.gathering is not None:
            occasion = self._gathering_of_article(mention, ctx.gathering, when, ctx, participants)
            when = resolve_when(mention.time_text, tense, ctx, occasion, lead) if occasion and not when.value else when
        if when.day is not None and when.day != ctx.anchor:
            participants = _once(self.actors.link_all(mention.participants, positions, when.day, people, layout))
        mention = replace(mention, participants=participants, when=when, occasion=occasion)
        where = self.places(mention, occasion, scene)
        return replace(mention, where=where, participants=self._home_titles(participants, scene, where))

    def _home_titles(self, participants: tuple[Participant, ...], scene: Scene | None,
                     where: Where | None) -> tuple[Participant, ...]:
        """"SEOUL (Yonhap) -- First Vice Foreign Minister Choi held talks with ...", "X, state minister for
        foreign affairs, met Y, who was in Dhaka": a national outlet leaves out the country of its own
        officials; an office with no country is of the dateline's, else of the place the engagement was
        in, when no one else there is of it."""
        home = scene.dateline.country if scene is not None and scene.dateline is not None else None
        basis = "dateline_country"
        if home is None and where is not None and where.basis in ("explicit", "from_context"):
            home, basis = where.country, "place_country"
        if home is None or any(p.country == home for p in participants):
            return participants
        return tuple(replace(p, country=home, link_basis=basis)
                     if p.kind == "person" and p.country is None and p.actor_id is None and _official(p.role, self.kb)
                     else p for p in participants)

    def _gathering_of_article(self, mention: Mention, gathering: Occasion, when: When, ctx: ArticleContext,
                              participants: tuple[Participant, ...] = ()) -> OccasionRef | None:
        """The gathering the article reports from, for an engagement whose sentence names none but puts it
        there ("on the sidelines of the conference") or dates it within the gathering's days; never one
        held when a known participant held no office."""
        actors = [self.kb.actors.by_id[p.actor_id] for p in participants if p.actor_id in self.kb.actors.by_id]
        if any(a.offices and not a.offices_on(gathering.start) for a in actors):
            return None
        sentence = self._sentence_text(mention, ctx)
        day = when.day
        within = day is not None and gathering.start - timedelta(days=1) <= day <= gathering.end + timedelta(days=1)
        if not (self.occasions.refers_back(sentence) or within) or mention.type == "CALL" \
                or self.occasions.puts_outside(sentence):
            return None
        return OccasionRef(gathering.id, gathering.name, gathering.start, gathering.end, gathering.city,
                           gathering.country, "from_context", None)

    def _occasion(self, mention: Mention, ctx: ArticleContext,
                  participants: tuple[Participant, ...]) -> OccasionRef | None:
        if mention.occasion_text is None:
            return None
        timex = read_timex(mention.time_text.text) if mention.time_text else None
        actors = tuple(self.kb.actors.by_id[p.actor_id] for p in participants if p.actor_id in self.kb.actors.by_id)
        found = self.occasions.best(self._sentence_text(mention, ctx), timex, ctx.anchor, tuple(ctx.years), actors)
        if found is None:
            return None
        return OccasionRef(found.id, found.name, found.start, found.end, found.city, found.country, "explicit",
                           mention.occasion_text)

    @staticmethod
    def _sentence_text(mention: Mention, ctx: ArticleContext) -> str:
        return mention.evidence.text if mention.evidence.field == "text" else (ctx.article.title or "")

    def _report(self, group: list[Mention], ctx: ArticleContext) -> Event:
        article = ctx.article
        report = self.events.from_mentions(group, article.outlet, article.url)
        when = self._group_when(group, ctx, report.occasion)
        if when.value is None and when.span is None and report.sources[0].role == "main":
            when = fallback_when(ctx)
        report = replace(report, when=when)
        if report.where is None and report.occasion is not None:
            report = replace(report, where=self.places.host(report.occasion))
        if report.where is None and report.type == "HOST" and (home := self._host_home(group)) is not None:
            report = replace(report, where=home)
        return report

    def _host_home(self, group: list[Mention]) -> Where | None:
        """"The Pope welcomed X for a private audience", "the Secretary General welcomed Y to NATO": with
        no place named, a host received the guest at home, its capital or its organisation's seat (a
        guess, said as such by the basis ``capital``)."""
        hosting = [m for m in group if m.type == "HOST" and m.participants]
        host = hosting[0].participants[0] if hosting else None  # the subject: who hosted
        if host is None or host.kind != "person" or host.country is None:
            return None
        return self.places.capital(host.country)

    @staticmethod
    def _group_when(group: list[Mention], ctx: ArticleContext, occasion: OccasionRef | None) -> When:
        """The best date of a group: each mention's own, and its date words read against the occasion
        another mention of the group names ("on Wednesday" + a gathering on 30-31 March)."""
        candidates = [m.when for m in group if m.when.value]
        candidates += [resolve_when(m.time_text, -1, ctx, occasion) for m in group if m.time_text]
        if occasion is not None:
            candidates.append(resolve_when(None, -1, ctx, occasion))
        found = [w for w in candidates if w.value]
        if not found:  # date words with no year still say which day it was not
            return next((w for w in candidates if w.span is not None), When())
        return min(found, key=lambda w: (when_rank(w), -sum(x.value == w.value for x in found)))

    def _fill_from_context(self, reports: list[Event], undated: Collection[str] = ()) -> list[Event]:
        """A report with no place takes the place (and the gathering, when its day falls on or just
        before it) of a report in the same article within two days: the same trip. A visit with no
        place takes the host country's capital. A report in ``undated`` (no date words, not told as
        earlier) in the town where the article dates one day of the same visitor is of that day."""
        placed = [r for r in reports if r.where is not None and r.where.city and r.when.day]
        return [self._fill(report, placed, report.id in undated) for report in reports]

    def _fill(self, report: Event, placed: list[Event], undated: bool = False) -> Event:
        if report.when.basis == "published_fallback" and (same := _same_outing(report, placed)) is not None:
            report = replace(report, when=replace(same.when, basis="from_context", note=(
                "no date words; the day of the article's engagement of the same people at the same place")))
        elif undated and (same := _same_stay(report, placed)) is not None:
            report = replace(report, when=replace(same.when, basis="from_context", note=(
                "no date words; the day the article dates the same visitor's stay in this town")))
        day = report.when.day
        near = [r for r in placed if day and r is not report and abs((r.when.day - day).days) <= 2]  # type: ignore[operator]
        if report.where is None and near:
            w = near[0].where
            assert w is not None
            report = replace(report, where=Where(w.city, w.country, w.lat, w.lon, "from_context", w.span))
        occasion = near[0].occasion if near else None
        if report.occasion is None and occasion is not None and day is not None \
                and occasion.start - timedelta(days=2) <= day <= occasion.end \
                and not any(self.occasions.puts_outside(e.text) for s in report.sources for e in s.evidence):
            report = replace(report, occasion=replace(occasion, basis="from_context"))
        if report.where is None and report.type in ("VISIT", "HOST"):
            hosts = [p.country for p in report.participants if p.role == "host" and p.country]
            capital = self.places.capital(hosts[0]) if hosts else None
            report = replace(report, where=capital) if capital else report
        return report


def _background_undated(report: Event, group: list[Mention]) -> bool:
    """An engagement told only in passing as before the story's time, with no date words a day can be
    read from ("the pair had met in Nairobi last month" with no page date to count from; "a mission that
    earlier brought her to Accra, where she met ...") is background, not a record: its mentions are kept, but a
    record with no day to tell it from the pair's other meetings would only mislead."""
    return all(m.tense == "earlier" and m.role == "mentioned" for m in group) \
        and report.when.value is None and report.when.span is None


def _official(role: str | None, kb: KnowledgeBase) -> bool:
    """A title that makes someone an official of a state: a known office, or a title word ("State Minister")."""
    if not role:
        return False
    return kb.actors.office_of(role) is not None or bool(TITLE_NOUNS & set(role.lower().split()))


def _once(participants: tuple[Participant, ...]) -> tuple[Participant, ...]:
    """Two names the linker found to be one person ("Mohammad Ishaq Dar", "Dar") are one participant."""
    seen: set[str] = set()
    kept = []
    for p in participants:
        if p.actor_id is None or p.actor_id not in seen:
            kept.append(p)
        if p.actor_id:
            seen.add(p.actor_id)
    return tuple(kept)


def _shared_dates(mentions: list[Mention]) -> list[Mention]:
    """A mention with no date words of its own takes those of another engagement that happened in the
    same sentence ("held talks on Thursday during his state visit"): one sentence, one time."""
    dated: dict[Span, Span] = {}
    for m in mentions:
        if m.time_text is not None and m.status == "occurred":
            dated.setdefault(m.evidence, m.time_text)
    return [replace(m, time_text=dated[m.evidence])
            if m.time_text is None and m.status == "occurred" and m.evidence in dated else m for m in mentions]


def _hosts_named(reports: list[Event]) -> list[Event]:
    """"The deal was inked on the Kenyan leader's trip to Uganda" beside "Ruto and Museveni signed": a
    visit whose host is a country alone is hosted by the one person of that country the article's other
    engagements of the same visitor name (a country is a side only when no person of it is named)."""
    found = []
    for report in reports:
        hosts = {p.country for p in report.participants if p.kind == "country" and p.role == "host"}
        visitors = linked_people(report.participants)
        if report.type == "VISIT" and len(hosts) == 1 and visitors:
            host = next(iter(hosts))
            named = {p.actor_id: p for other in reports if other is not report and visitors & linked_people(
                other.participants) for p in other.participants if p.actor_id and p.country == host}
            if len(named) == 1:
                person = replace(next(iter(named.values())), link_basis="host_named_in_article")
                report = replace(report, participants=merge_participants((*report.participants, person)))
        found.append(report)
    return found


def _same_outing(report: Event, placed: list[Event]) -> Event | None:
    """"X and Y talked at a meeting in Honolulu ... X and Y also took part in trilateral talks with Z in
    Hawaii on Saturday": an undated engagement of two people the article dates together at the same
    place, that day, is of that day."""
    if report.where is None or report.where.basis != "explicit":
        return None
    people = linked_people(report.participants)
    for other in placed:
        if other is report or other.when.basis == "published_fallback" or other.where is None:
            continue
        if len(people & linked_people(other.participants)) >= 2 and other.where.basis == "explicit" \
                and not places_conflict(report.where, other.where):
            return other
    return None


def _same_stay(report: Event, placed: list[Event]) -> Event | None:
    """"Kallas met Marin in Helsinki on Friday ... Kallas also met President Niinistö": an undated
    engagement in the town of the article's dated ones, sharing someone with them, when they all give one day."""
    if report.where is None or not report.where.city or report.family == "phone":
        return None
    people, city = linked_people(report.participants), fold(report.where.city)
    same = [o for o in placed if o is not report and o.when.basis != "published_fallback" and o.where is not None
            and fold(o.where.city or "") == city and people & linked_people(o.participants)]
    return same[0] if same and len({o.when.value for o in same}) == 1 else None


def _parties(event: Event) -> int:
    """Distinct sides of an engagement: people, and countries or organisations no named person stands for.
    People who are all of one country are one side: a president with his own ministers is no diplomacy."""
    countries = {p.country for p in event.participants}
    if None not in countries and len(countries) == 1:
        return 1
    return len({p.actor_id or p.name for p in event.participants})
