"""Engagement mentions from dependency patterns around trigger words.

A trigger (``doc.spans["triggers"]``) becomes a Mention when its arguments name at least two parties
(or a visitor and where they went). Its status (``extract/status.py``) says whether it happened:
occurred, or planned, cancelled, postponed, declined ("will meet", "cancelled the visit"); negated and
habitual uses ("did not meet", "meet regularly") are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Literal

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sidelines.extract.date_words import date_candidates, date_words
from sidelines.extract.layout import Layout
from sidelines.extract.participants import (
    TITLE_NOUNS,
    ParticipantFinder,
    describes_named,
    entity_of,
    of_countries,
)
from sidelines.extract.status import status_of
from sidelines.extract.tree import (
    CLAUSES,
    NOMINAL_TRIGGERS,
    children,
    conjuncts,
    hops,
    in_time_clause,
    is_group,
)
from sidelines.extract.triggers import TRIGGER_SPANS, Trigger, trigger_for
from sidelines.knowledge import KnowledgeBase
from sidelines.model import Mention, Participant, Span, stable_key
from sidelines.nlp.doc_index import entities, entities_in, sentence_of, text_of
from sidelines.resolve.timex import read_timex

Tense = Literal["past", "earlier", "present", "future", "headline"]
#: Verbs whose object is what was talked about, never who took part ("discussed Iran").
TOPIC_VERBS = {"discuss", "review", "address", "examine", "consider", "explore", "raise", "cover", "debate"}
#: Prepositions that say what talk was about.
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning", "among"}
#: Adverbs that put an engagement before the time the article reports.
EARLIER = {"earlier", "previously", "before", "formerly", "once"}
REMOTE_WORDS = {"virtual", "video", "online", "phone", "telephone", "telephonic", "videoconference", "video-link",
                "videolink", "remote", "televised"}
SEPARATELY = {"bilateral", "separate", "separately", "individually", "respectively", "one-on-one"}
#: Words that say how many sides took part ("a trilateral meeting", "bilateral talks").
SIDE_COUNTS = {"bilateral": 2, "one-on-one": 2, "trilateral": 3, "three-way": 3, "tripartite": 3,
               "quadrilateral": 4, "four-way": 4, "quadripartite": 4}
HABITUAL = {"regularly", "annually", "routinely", "frequently", "often", "usually"}
LIGHT_VERBS = {"hold", "have", "conduct", "open", "begin", "start", "continue", "resume", "wrap", "end",
               "host", "chair", "attend", "join", "participate"}
#: Verbs of a clause on an engagement that name more of its parties ("the call, which included X").
INCLUDING = {"include", "involve"}
#: Verbs that say who stood for a country side ("X represented Russia").
STAND_IN_VERBS = {"represent"}
SETTING_PREPS = {"in", "during", "at", "after", "for"}
#: "During the meeting, ...": prepositions that open a sentence inside an engagement already told.
WITHIN_PREPS = {"during", "at", "in"}
#: "the two leaders": a head of state or of government.
LEADER_OFFICES = {"head_of_state", "head_of_government"}
PARTY_PREPS = {"with", "between", "among", "alongside"}
PLACE_PREPS = {"in", "at", "to", "near", "inside"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_NOUNS = {"city", "town", "capital", "resort", "port", "village", "island", "region", "province", "state"}


def _included_people(found: list[Token]) -> list[Token]:
    """"officials including President X", "leaders like Y", "joined X, together with Y": the people
    named inside a group or beside one of its members."""
    return [c for token in found for p in token.children if p.dep_ == "prep" and (
                p.lower_ in ("including", "like", "alongside")
                or p.lower_ == "with" and any(a.lower_ in ("together", "along") for a in p.children))
            for o in children(p, ("pobj",)) for c in conjuncts(o) if c.ent_type_ == "PERSON"]


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    """Objects of the token's prepositions in ``preps``, and of prepositions joined to them ("with X and
    with Y") or set under "in turn" ("met in turn with X")."""
    found = []
    heads = [p for p in token.children if p.dep_ == "prep"]
    heads += [p for h in heads for p in h.conjuncts if p.pos_ == "ADP"]
    heads += [p for h in heads if h.lower_ == "in" for o in children(h, ("pobj",)) if o.lower_ == "turn"
              for p in children(o, ("prep",))]
    for prep in heads:
        if prep.lower_ in preps:
            for obj in children(prep, ("pobj",)):
                found.extend(conjuncts(obj))
    return found + _included_people(found)


def _included(noun: Token) -> list[Token]:
    """"the call, which also included Macron, Merz and Tusk": who the engagement took in."""
    return [c for clause in children(noun, ("relcl",)) if clause.lemma_ in INCLUDING
            for o in children(clause, ("dobj",)) for c in conjuncts(o)]


#: Words that set an engagement before or after another ("prior to the talks", "after the meeting").
SEQUENCE_WORDS = {"before", "after", "following", "prior", "ahead"}


def _beside_other(verb: Token) -> bool:
    """"Prior to the talks, X met Y", "After the meeting, X and Y signed": an engagement told by its
    place before or after another engagement is not that one."""
    for word in verb.children:
        if word.lower_ not in SEQUENCE_WORDS:
            continue
        preps = [word] if word.dep_ == "prep" else [p for p in word.children if p.dep_ == "prep"]
        if any(trigger_for(o) is not None and o.pos_ == "NOUN" for p in preps for o in children(p, ("pobj",))):
            return True
    return False


def _earlier(noun: Token) -> Token | None:
    """The "one" of "the first summit since the one in Helsinki", "their third round of talks, after the
    one in Nairobi in May": an earlier engagement of the same kind."""
    return next((o for p in children(noun, ("prep",)) if p.lower_ in ("since", "following", "after")
                 for o in children(p, ("pobj",)) if o.lower_ == "one"), None)


def _cosigners(verb: Token) -> list[Token]:
    """"X signed the agreement for Kenya, while Y signed it for Tanzania": the signing clauses joined to
    this one are one signing, each clause giving one signatory."""
    joined = [c for c in verb.children if c.dep_ in ("advcl", "conj") and c.lemma_ == verb.lemma_]
    if verb.dep_ in ("advcl", "conj") and verb.head.lemma_ == verb.lemma_:
        joined.append(verb.head)
    return [c for clause in joined for s in children(clause, ("nsubj",)) for c in conjuncts(s)]


def _in_presence_of(verb: Token) -> list[Token]:
    """"signed ... in the presence of President X and President Y": the leaders who witness a signing
    are its principals."""
    found = []
    for prep in verb.children:
        if prep.lower_ == "in" and prep.dep_ in ("prep", "conj"):
            for noun in children(prep, ("pobj",)):
                if noun.lemma_.lower() == "presence":
                    found += _prep_objects(noun, {"of"})
                    # the leaders named after "presence" in the sentence, wherever the parse hung them
                    found += [e.root for e in entities_in(sentence_of(noun)) if e.label_ == "PERSON" and e.start > noun.i
                              and e.root not in found]
    return found


def _officials_of(noun: Token) -> list[Token]:
    """"a meeting of the foreign ministers of Uganda and Tanzania": officials named by their office,
    in the plural, after "of", are the parties (one per country)."""
    return [o for p in children(noun, ("prep",)) if p.lower_ == "of" for o in children(p, ("pobj",))
            if o.tag_ == "NNS" and o.lemma_.lower() in TITLE_NOUNS and of_countries(o)]


def _nested_party(noun: Token) -> list[Token]:
    """"a broad discussion on relations and the landscape with X": a "with" person the parse hung lower
    in the noun's own phrase (never inside a clause)."""
    def phrase(token: Token) -> list[Token]:  # a noun's own words: conjoined nouns stay, clauses do not
        return [c for c in token.children if c.dep_ not in CLAUSES or c.dep_ == "conj" and c.pos_ != "VERB"]

    stack = phrase(noun)
    while stack:
        inner = stack.pop()
        if inner.dep_ == "prep" and inner.lower_ in ("with", "between"):
            found = [c for o in children(inner, ("pobj",)) for c in conjuncts(o) if c.ent_type_ == "PERSON"]
            if found:
                return found
        stack.extend(phrase(inner))
    return []


def _remote(token: Token) -> bool:
    """"a virtual summit", "video talks", "held talks by phone", "an online meeting": not in person."""
    words = [c for c in token.children if c.dep_ in ("amod", "compound")]
    words += [o for p in token.children if p.dep_ == "prep" and p.lower_ in ("by", "over", "via")
              for o in p.children if o.dep_ == "pobj"]
    return any(w.lower_ in REMOTE_WORDS for w in words)


def _topic(prep: Token) -> bool:
    """"talks on the fighting", "about trade": a preposition of what was talked about ("on the 8th" is
    a date)."""
    return prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPS and not any(
        o.ent_type_ in ("DATE", "TIME") or o.like_num for o in prep.children if o.dep_ == "pobj")


def _dated_caption(time_text: Span | None) -> bool:
    """"X meets with Y at the Forum, Thursday, Jan. 25, 2018, in Davos": a photo caption tells a past
    engagement in the present, with its full date; so does a ministry's readout ("On May 18, ... the
    Minister has a meeting with Y"), with the day of the month."""
    timex = read_timex(time_text.text) if time_text is not None else None
    return timex is not None and timex.precision == "day" and (
        timex.absolute() is not None or timex.kind == "partial" and timex.day is not None)


def _under_way(token: Token, verb: Token | None) -> bool:
    """"X is on his first visit to Y", "is in Y on a working visit", "X's trip to Y comes a day after ...":
    the engagement is going on."""
    if verb is None:
        return False
    if verb.lemma_ in ("come", "follow") and token.dep_ == "nsubj" and token.head.i == verb.i:
        return True
    return verb.lemma_ == "be" and token.dep_ == "pobj" and token.head.lower_ == "on" and token.head.head.i == verb.i


def _listed_after(token: Token) -> bool:
    """"Among the ministers X met were A, B and C": a list of separate meetings, read from the words
    (the parser often takes the inverted copula for a second clause)."""
    sent = sentence_of(token)
    if sent[0].lower_ != "among":
        return False
    verb = next((t for t in token.doc[token.i + 1:sent.end] if t.pos_ in ("VERB", "AUX") or t.ent_type_ == "PERSON"),
                None)  # "... met on Tuesday were": the next verb, before anyone is named
    return verb is not None and verb.lemma_ == "be"


def _leg_before_now(verb: Token) -> bool:
    """"She is now in Lusaka, the last stop of a tour that earlier brought her to Accra, where she met X": a past clause
    inside a description of something the sentence tells in the present is an earlier stage of it."""
    clauses = [verb, *verb.ancestors]
    if not any(t.dep_ == "relcl" for t in clauses):
        return False
    root = sentence_of(verb).root
    return root.tag_ in ("VBZ", "VBP") and verb.tag_ == "VBD"


def _after_dateline(subject: Token) -> list[Token]:
    """"Addis Ababa, March 15 (FBC) - Ethiopia and Russia have signed": the parse made the dateline's
    town the subject and set the real one beside it; the real one is what signed."""
    if subject.ent_type_ not in ("GPE", "LOC") or subject.i - sentence_of(subject).start > 3 \
            or not any(c.dep_ == "appos" and c.ent_type_ == "DATE" for c in subject.children):
        return []
    return [c for a in children(subject, ("appos",)) if a.ent_type_ not in ("DATE", "") for c in conjuncts(a)]


def _each(mention: Mention, sides: list[Participant], others: list[Participant]) -> list[Mention]:
    """One mention of ``sides`` with each of ``others`` (two or more), else the mention as it is."""
    if not sides or len(others) < 2:
        return [mention]
    return [replace(mention, id=stable_key(mention.id, other.actor_id or other.name, other.country or ""),
                    participants=(*sides, other)) for other in others]


def _paragraph_time(token: Token, layout: Layout) -> Span | None:
    """"A day earlier, the minister had said ... In a meeting with X, he said ...": date words that open
    a paragraph, set off by a comma, also date the sentence right after the opening one when it has
    none of its own."""
    doc, sent = token.doc, sentence_of(token)
    if sent.start == 0 or date_candidates(sent):
        return None
    opener = sentence_of(doc[sent.start - 1])
    text = text_of(doc)
    one_paragraph = "\n" not in text[opener.start_char:sent.start_char]
    opens_it = opener.start_char == 0 or "\n" in text[max(opener.start_char - 2, 0):opener.start_char]
    if not (one_paragraph and opens_it):
        return None
    words = next((e for e in entities_in(opener) if e.start == opener.start and e.label_ == "DATE"), None)
    if words is None or words.end >= opener.end or doc[words.end].text != ",":
        return None
    return layout.span(words.text, words.start_char, words.end_char)


def _refers_back(token: Token, trigger: Trigger, mention: Mention) -> bool:
    """"The talks", "the ministers' meeting" with no date words and no past-tense verb of its own
    ("critics are raising objections to the talks") names an engagement the article has already told
    of, not a new one: its status is that one's."""
    if trigger.pos != "NOUN" or mention.status != "occurred" or mention.time_text is not None:
        return False
    if not any(c.lower_ == "the" or c.dep_ == "poss" for c in token.children):
        return False
    verb = governing_verb(token)
    return verb is None or verb.tag_ in ("VBP", "VBZ", "VB") or verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in verb.children)


def _status_of_told(mention: Mention, told: list[Mention]) -> Mention:
    """The status of the latest engagement of the story's time (not background) already told of
    between the same people, if it did not (or not yet) take place."""
    people = _surnames(mention)
    same = next((m for m in reversed(told) if _surnames(m) == people and m.tense != "earlier"), None)
    if same is None or same.status == "occurred":
        return mention
    return replace(mention, status=same.status, status_cue=same.status_cue, tense=same.tense)


def _within_the_one_told(token: Token) -> bool:
    """"During the meeting, X held consultations with Y": a sentence that opens inside "the" engagement
    just told goes on telling it."""
    first = sentence_of(token)[0]
    if first.lower_ not in WITHIN_PREPS:
        return False
    return any(o.lemma_.lower() in NOMINAL_TRIGGERS and any(c.lower_ == "the" for c in o.children)
               for o in children(first, ("pobj",)))


def _time_of_told(mention: Mention, told: Mention) -> Mention:
    """The date words of the engagement just told, when it was between the same people."""
    if told.time_text is None or not _surnames(mention) <= _surnames(told):
        return mention
    return replace(mention, time_text=told.time_text)


def _surnames(mention: Mention) -> frozenset[str]:
    return frozenset(p.name.split()[-1].lower() for p in mention.participants if p.kind == "person")


def _light(verb: Token) -> bool:
    """A verb that only says someone had or took part in the engagement its noun names ("held talks",
    "took part in the dialogue")."""
    return verb.lemma_ in LIGHT_VERBS or verb.lemma_ == "take" and any(o.lower_ == "part" for o in children(verb, ("dobj",)))


def governing_verb(token: Token) -> Token | None:
    """The verb a nominal trigger hangs from ("held talks" -> held)."""
    head = token.head
    while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def agents(verb: Token) -> list[Token]:
    """Who did it: the subjects, or, when the parse found none, the owner of the object ("..., X on
    Friday met his counterparts": the parse hung X elsewhere, but "his" is still X)."""
    return subjects(verb) or [c for o in children(verb, ("dobj",)) for c in children(o, ("poss",))
                              if c.lower_ in ("his", "her")]


def subjects(verb: Token) -> list[Token]:
    found = [verb.head if verb.dep_ == "relcl" and s.tag_ in ("WP", "WDT") else s  # "A, who met X": A met X
             for s in children(verb, ("nsubj", "nsubjpass"))]
    # "Minister X and his counterparts, A and B held talks": the parse may leave the first name loose
    found += [c for c in children(verb, ("dep",)) if c.i < verb.i and c.ent_type_ == "PERSON"]
    found = [c for s in found for c in (_after_dateline(s) or [s])]
    for agent in children(verb, ("agent",)):
        found.extend(children(agent, ("pobj",)))
        # "signed by X, Co-chair of ... Office of the Prime Minister and Y, Co-chair ...": the parse may
        # hang the second signatory deep in the first one's titles; a name joined by "and" is one more
        found.extend(t for t in agent.subtree if t.dep_ == "conj" and t.ent_type_ == "PERSON" and t.ent_iob_ != "O"
                     and (t.i + 1 == len(t.doc) or t.doc[t.i + 1].ent_type_ != "PERSON"))
    if not found and verb.dep_ == "ROOT":  # "In talks held in X, the Minister of Y, Z, joined ...": the
        before = next((t for t in reversed(verb.doc[sentence_of(verb).start:verb.i]) if not t.is_punct), None)
        if before is not None and before.ent_type_ == "PERSON" and before.ent_iob_ != "O":
            found = [before]  # parse hung the subject on the opening phrase; the name just before is it
    if not found and verb.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "relcl", "acomp") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head  # "X issued a statement after hosting Y": the preposition's verb has the subject
        found = subjects(head) if verb.dep_ != "relcl" else [verb.head]
    return [c for s in found for c in conjuncts(s)]


class EngagementExtractor:
    """doc -> engagement Mentions, with participants and the raw date, place and occasion words."""

    def __init__(self, kb: KnowledgeBase, lead_sentences: int = 2) -> None:
        self.kb = kb
        self.lead_sentences = lead_sentences

    def __call__(self, doc: Doc, article_id: str, layout: Layout) -> list[Mention]:
        finder = ParticipantFinder(self.kb, layout)
        lead = self._lead_starts(doc, layout)
        mentions: list[Mention] = []
        seen: list[Participant] = []
        self._pair: list[Participant] = []
        self._pairs: list[list[Participant]] = []  # every pair told of so far, for "the two top diplomats"
        self._named: tuple[int, list[Participant]] | None = None  # (sentence end, pair) "the two <office>" named
        self._sentence_start = 0
        for span in doc.spans[TRIGGER_SPANS]:
            token = span.root
            trigger = trigger_for(token)
            if trigger is None:
                continue
            seen = self._persons_before(doc, token, finder)
            self._sentence_start = layout.span("", sentence_of(token).start_char, sentence_of(token).start_char).start
            mention = self._mention(token, trigger, doc, article_id, layout, finder, seen, lead)
            if mention is not None:
                mention = self._stand_ins(mention, token, finder)
            if mention is not None and _refers_back(token, trigger, mention):
                mention = _status_of_told(mention, mentions)
            if mention is not None and mention.time_text is None and mentions and _within_the_one_told(token):
                mention = _time_of_told(mention, mentions[-1])
            if mention is not None and not self._duplicate(mention, mentions):
                people = [p for p in mention.participants if p.kind == "person"]
                if len(people) >= 2 and not self._pair:
                    self._pair = people  # "the two leaders" later on means the article's first pair
                if len(people) == 2:
                    self._pairs.append(people)
                mentions += self._one_by_one(mention, token, finder, seen, trigger)
            earlier = self._earlier_one(token, trigger, mention, layout) if mention is not None else None
            if earlier is not None:
                mentions.append(earlier)
        return mentions

    def _one_by_one(self, mention: Mention, token: Token, finder: ParticipantFinder,
                    seen: list[Participant], trigger: Trigger) -> list[Mention]:
        """"X held bilateral meetings with A, B and C", "X met separately with A and B", "X called on A
        and B" (a call on someone is a courtesy call on each): one engagement of X with each of them,
        not one of them all."""
        verb = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
        cue = {c.lower_ for c in (*token.children, *(verb.children if verb is not None else ()))}
        if trigger.requires.startswith("prep:") and trigger.pos == "VERB":
            cue.add("separately")
        cue |= {"separately" for c in (verb.children if verb is not None else ()) if c.lower_ == "in"
                for o in children(c, ("pobj",)) if o.lower_ == "turn"}  # "met in turn with A and with B"
        if verb is not None and verb.dep_ == "relcl" and verb.head.dep_ == "pobj" and verb.head.head.lower_ == "among":
            cue.add("separately")  # "Among the ministers X met were A, B and C": one meeting each
        if verb is not None and any(o.lemma_ == "counterpart" and o.tag_ == "NNS" for o in children(verb, ("dobj",))):
            cue.add("separately")  # "met his counterparts from A, B and C": one meeting each
        if _listed_after(token):
            return self._each_listed(mention)
        if not cue & SEPARATELY or any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children):
            return [mention]  # "a bilateral meeting between X and Y" is one engagement
        hosts = {p.actor_id or p.name for s in (agents(verb) if verb is not None else [])
                 for p in finder.from_token(s, seen)}
        sides = [p for p in mention.participants if (p.actor_id or p.name) in hosts]
        others = [p for p in mention.participants if p.kind == "person" and (p.actor_id or p.name) not in hosts]
        return _each(mention, sides, others)

    @staticmethod
    def _stand_ins(mention: Mention, token: Token, finder: ParticipantFinder) -> Mention:
        """"... the dialogue between Kenya and Uganda. Deputy Minister X represented Uganda.": the one
        who stood for a country side, told in the next sentence, takes part in its stead."""
        sent = sentence_of(token)
        if sent.end >= len(token.doc) or "\n" in token.doc[sent.end - 1].text_with_ws:
            return mention  # the next sentence is in another paragraph
        sides = {p.country for p in mention.participants if p.kind == "country"}
        found: list[Participant] = []
        for verb in (t for t in token.doc[sent.end:sentence_of(token.doc[sent.end]).end] if t.lemma_ in STAND_IN_VERBS):
            countries = {p.country for o in children(verb, ("dobj",)) for p in finder.from_token(o, [])
                         if p.kind == "country"}
            if len(countries) == 1 and countries <= sides:  # the side's country is the stand-in's, if none is said
                found += [p if p.country else replace(p, country=next(iter(countries)), link_basis="represented_country")
                          for s in subjects(verb) for p in finder.from_token(s, []) if p.kind == "person"]
        return replace(mention, participants=mention.participants + tuple(found)) if found else mention

    @staticmethod
    def _each_listed(mention: Mention) -> list[Mention]:
        """The people named before the verb met, one by one, each of those listed after it."""
        start = mention.trigger.start
        sides = [p for p in mention.participants if p.span is not None and p.span.end <= start]
        others = [p for p in mention.participants
                  if p.kind == "person" and p.span is not None and p.span.start > start]
        return _each(mention, sides, others)

    @staticmethod
    def _earlier_one(token: Token, trigger: Trigger, mention: Mention, layout: Layout) -> Mention | None:
        """"their first summit since the one in Helsinki on July 16, 2018": the one is an earlier
        engagement of the same people, with the date and place named after it (up to the next comma)."""
        if trigger.pos != "NOUN":
            return None
        one = _earlier(token)
        if one is None:
            return None
        sent = sentence_of(one)
        end = next((t.i for t in one.doc[one.i:sent.end] if t.text in (",", ";") and t.ent_iob_ == "O"), sent.end)
        named = [e for e in entities_in(sent) if one.i < e.start and e.end <= end]
        date = next((e for e in named if e.label_ == "DATE"), None)
        if date is None:
            return None  # "the first since the one last year" without a day is not worth a record
        places = [e for e in named if e.label_ in PLACE_LABELS]
        return replace(
            mention,
            id=stable_key(mention.article_id, one.idx, trigger.type),
            trigger=layout.span(one.text, one.idx, one.idx + len(one.text)),
            role="mentioned",
            tense="past",
            time_text=layout.span(date.text, date.start_char, date.end_char),
            place_texts=tuple(layout.span(p.text, p.start_char, p.end_char) for p in places),
            occasion_text=None,
            destination=False,
        )

    def _lead_starts(self, doc: Doc, layout: Layout) -> set[int]:
        """Start offsets of the lead sentences: the first sentence of each of the first substantial
        paragraphs (captions, credits and one-line kickers are not the lead)."""
        starts: set[int] = set()
        paragraph_seen: set[int] = set()
        title = text_of(doc)[:layout.body_offset].strip().lower()
        for sent in doc.sents:
            if layout.in_title(sent.start_char) or title and sent.text.strip().lower() == title:
                continue  # the headline, or the page's copy of it at the top of the text
            paragraph = text_of(doc).rfind("\n", 0, sent.start_char)
            if paragraph in paragraph_seen:
                continue
            words = [t for t in sent if t.is_alpha]
            if len(words) < 7 and words and (words[0].text.isupper() or not any(t.pos_ in ("VERB", "AUX") for t in sent)):
                continue  # a dateline ("SOCHI, August 5."), a byline ("By A. Writer"): the lead comes after
            starts.add(sent.start_char)
            paragraph_seen.add(paragraph)
            if len(starts) >= self.lead_sentences:
                break
        return starts

    def _persons_before(self, doc: Doc, token: Token, finder: ParticipantFinder) -> list[Participant]:
        found = []
        for ent in entities(doc):
            if ent.start >= token.i:
                break
            if ent.label_ == "PERSON":
                participant = finder.from_entity(ent)
                if participant:
                    found.append(participant)
        return found

    def _mention(self, token: Token, trigger: Trigger, doc: Doc, article_id: str, layout: Layout,
                 finder: ParticipantFinder, seen: list[Participant], lead: set[int]) -> Mention | None:
        in_title = layout.in_title(token.idx)
        if trigger.pos == "NOUN" and self._names_gathering(token):
            return None
        verb = token if trigger.pos == "VERB" else governing_verb(token)
        status = status_of(token, verb)
        if status is None or status.value == "occurred" and self._habitual(verb):
            return None
        tense = "future" if status.value == "planned" else self._tense(verb, in_title)
        if tense == "present" and _under_way(token, verb):
            tense = "past"  # "X is on a visit to Y": it is happening as the article is written
        time_text = self._date_words(token, verb, layout) or _paragraph_time(token, layout)
        if tense == "present" and not in_title:
            if not _dated_caption(time_text):
                return None
            tense = "past"
        arguments = self._arguments(token, trigger)
        participants = self._participants(arguments, token, finder, seen)
        if trigger.pos == "NOUN" and _included(token) and any(c.lower_ == "the" for c in token.children):
            # "the call, which also included X and Y": the call the article has told of, and more
            participants += [p for p in self._pair if p not in participants]
        if len(participants) < 2 and token.i == sentence_of(token).start and token.lower_.endswith("ing"):
            arguments += self._participle_fallback(token)
            participants = self._participants(arguments, token, finder, seen)
        places, destination = self._places(token, trigger, verb, arguments)
        if destination:
            participants += self._host_countries(places, participants)
        if len({p.actor_id or (p.name, p.country) for p in participants}) < 2:
            return None
        sent = sentence_of(token)
        kind = "CALL" if trigger.type in ("MEET", "NEGOTIATE") and _remote(token) else trigger.type
        return Mention(
            id=stable_key(article_id, token.idx, trigger.type),
            article_id=article_id,
            type=kind,
            trigger=layout.span(token.text, token.idx, token.idx + len(token.text)),
            evidence=layout.span(sent.text, sent.start_char, sent.end_char),
            participants=tuple(participants),
            role="main" if in_title or sent.start_char in lead and not in_time_clause(token) and tense != "earlier"
            else "mentioned",
            tense="headline" if in_title and tense != "future" else tense,
            time_text=time_text,
            place_texts=tuple(layout.span(p.text, p.start_char, p.end_char) for p in places),
            occasion_text=self._occasion_words(sent, layout),
            destination=destination,
            status=status.value,  # type: ignore[arg-type]
            status_cue=layout.span(status.cue.text, status.cue.idx, status.cue.idx + len(status.cue.text))
            if status.cue is not None else None,
            sides=next((SIDE_COUNTS[c.lower_] for c in token.children
                        if c.dep_ in ("amod", "compound") and c.lower_ in SIDE_COUNTS), None),
            beside_other=_beside_other(verb if verb is not None else token) and not (
                token.dep_ == "pobj" and SEQUENCE_WORDS & {token.head.lower_, token.head.head.lower_}),
        )

    @staticmethod
    def _habitual(verb: Token | None) -> bool:
        """"The two meet regularly", "they talk every week": a habit, not an engagement."""
        return verb is not None and any(c.lower_ in HABITUAL for c in verb.subtree if c.dep_ in ("advmod", "npadvmod"))

    @staticmethod
    def _tense(verb: Token | None, in_title: bool) -> Tense:
        if verb is None:
            return "past"
        if verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return "headline" if in_title else "present"
        # "the two had talked by phone earlier"; a sentence's opening "Earlier," is earlier that day
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in verb.children) or any(
                c.dep_ == "advmod" and c.lower_ in EARLIER and c.i != sentence_of(c).start for c in verb.children):
            return "earlier"
        if _leg_before_now(verb):
            return "earlier"
        return "past"

    def _arguments(self, token: Token, trigger: Trigger) -> list[Token]:
        args: list[Token] = []
        if trigger.pos == "VERB" and _listed_after(token):  # the parse of the inverted copula is unreliable
            return [e.root for e in entities_in(sentence_of(token)) if e.label_ == "PERSON"]
        if trigger.pos == "VERB":
            # "the MoU was signed by X and Y": what was signed is not a party
            args += [s for s in agents(token) if not (trigger.type == "SIGN" and s.dep_ == "nsubjpass")]
            if trigger.type in ("MEET", "HOST", "CALL", "NEGOTIATE"):
                objects = [c for o in children(token, ("dobj", "dative")) for c in conjuncts(o)]
                args += objects + _included_people(objects)
            args += _prep_objects(token, PARTY_PREPS)
            if trigger.type == "SIGN":
                args += _in_presence_of(token) + _cosigners(token)
            if trigger.requires in ("phone", "remote", "in_person"):
                args += _prep_objects(token, {"to"})  # "spoke to X", "talked to his counterpart"
            if trigger.requires.startswith("prep:"):  # "called on the President and the Prime Minister"
                args += _prep_objects(token, {trigger.requires.removeprefix("prep:")})
            if any(c.dep_ == "auxpass" for c in token.children):  # "X was hosted by Y": Y acted, so Y first
                args.sort(key=lambda a: not (a.dep_ == "pobj" and a.head.dep_ == "agent"))
        else:
            # "Modi's visit", "the Xi-Biden summit"; not "the OSCE meeting", which names the gathering
            args += [c for p in children(token, ("poss", "compound", "nsubj")) for c in conjuncts(p)
                     if not (p.dep_ == "compound" and self._organisation(c))]
            own = _prep_objects(token, PARTY_PREPS) or _nested_party(token) or self._had_with(token) \
                or _officials_of(token)
            if trigger.requires.startswith("prep:"):  # "the courtesy call of X and Y on President Z"
                own += _prep_objects(token, {"of", trigger.requires.removeprefix("prep:")})
            args += own + _included(token)
            verb = governing_verb(token)
            if verb is not None and _light(verb) and hops(token, verb) is not None:
                args += subjects(verb) + _prep_objects(verb, PARTY_PREPS)
                if token.dep_ == "pobj" and token.head.lower_ in SETTING_PREPS and not own:
                    # "joined X for talks", "hosted X for talks": whom the verb takes was at the talks
                    args += [c for o in children(verb, ("dobj",)) for c in conjuncts(o)]
            elif _under_way(token, verb):
                args += [s for s in subjects(verb) if s.i != token.i]  # type: ignore[arg-type]
            elif verb is not None and token.dep_ == "pobj" and token.head.lower_ in SETTING_PREPS \
                    and token.head.head.i == verb.i:
                args += subjects(verb)  # "X and Y agreed ... in talks at ...": the talks were theirs
                if not own and verb.lemma_.lower() not in TOPIC_VERBS:
                    # "X told Y in a telephone call": who was told was on the call; what was discussed was not
                    args += [c for o in children(verb, ("dobj", "dative")) for c in conjuncts(o)]
            elif verb is not None and own and token.dep_ in ("dobj", "nsubjpass") and token.head.i == verb.i:
                args += subjects(verb)  # "X confirmed a phone conversation with Y": "with" names the other side
            args += self._setting_owner(token)
        return args

    @staticmethod
    def _had_with(token: Token) -> list[Token]:
        """"the conversation X had with Y", "the talks he held with Y": the parties are in the clause
        that says who had the engagement."""
        for clause in children(token, ("relcl",)):
            if clause.lemma_ in LIGHT_VERBS:
                others = _prep_objects(clause, PARTY_PREPS)
                if others:
                    return [c for s in children(clause, ("nsubj",)) for c in conjuncts(s)] + others
        return []

    def _names_gathering(self, token: Token) -> bool:
        """"on the margins of the SCO Summit", "the 12th Meeting of the Forum": the noun names the
        gathering where engagements happen, not an engagement of its own."""
        head = token.head
        if head.dep_ == "prep" and head.lower_ == "of" and head.head.lemma_.lower() in ("margin", "sideline", "sidelines"):
            return True
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nummod")]
        if not token.text[:1].isupper() or token.is_sent_start:
            # "ahead of the G20 meeting": an organisation's own gathering; "the EU-China summit" is an engagement
            return any(self._organisation(c) for c in modifiers) and not any(
                c.ent_id_.startswith("country:") and not self._organisation(c) for c in modifiers)
        return any(self._organisation(c) or c.ent_type_ == "ORDINAL" for c in modifiers)

    def _organisation(self, token: Token) -> bool:
        """A name of an international organisation (NATO, the OSCE, the SCO) as the entity ruler marks it."""
        code = token.ent_id_.removeprefix("country:") if token.ent_id_.startswith("country:") else None
        known = self.kb.countries.by_code.get(code) if code else None
        return known is not None and known.kind == "organisation"

    @staticmethod
    def _setting_owner(token: Token) -> list[Token]:
        """"X's opening remarks during talks with Y" (a headline with no verb): the talks are the
        speaker's, who owns the noun the setting hangs from."""
        if token.dep_ != "pobj" or token.head.lower_ not in SETTING_PREPS or token.head.head.pos_ != "NOUN":
            return []
        return [c for p in children(token.head.head, ("poss",)) for c in conjuncts(p)]

    @staticmethod
    def _participle_fallback(token: Token) -> list[Token]:
        """"Hosting X, China said ...": when the parse loses the participle's clause, its object is
        the first name after it and its subject is the sentence's."""
        following = [e.root for e in entities_in(sentence_of(token)) if e.start > token.i and e.start - token.i <= 8
                     and (e.label_ == "PERSON" or e.ent_id_.startswith("country:"))]
        return following[:1] + subjects(sentence_of(token).root)

    def _participants(self, arguments: list[Token], trigger: Token, finder: ParticipantFinder,
                      seen: list[Participant]) -> list[Participant]:
        found: list[Participant] = []
        named_apart: list[Participant] | None = None  # the clause's named parties, for "the two leaders"
        for arg in arguments:
            if describes_named(arg):
                continue
            if not is_group(arg):
                found += finder.from_token(arg, seen)
                continue
            # "the foreign ministers of the two countries, A and B": a group that names its members
            named = [p for p in map(finder.from_entity, finder.names_inside(arg)) if p]
            if len(named) >= 2:
                found += named
            else:  # "the foreign ministers of X and Y": one titled person per country, else the pair
                if named_apart is None:
                    named_apart = [p for a in arguments if not is_group(a) and not describes_named(a)
                                   for p in finder.from_token(a, seen)]
                if len({p.country for p in named_apart if p.kind == "country"}) >= 2:
                    continue  # "X, Y and Z held a foreign ministers' meeting": the group is theirs, already named
                found += finder.from_token(arg, seen) or self._group(trigger, seen, arg, named_apart)
        unique: dict[tuple[str, str | None], Participant] = {}
        for p in found:  # two titles of different countries are two people ("the presidents of X and Y")
            unique.setdefault((p.actor_id, None) if p.actor_id else (p.name, p.country), p)
        return list(unique.values())

    def _group(self, trigger: Token, seen: list[Participant], group: Token | None = None,
               found: Sequence[Participant] = ()) -> list[Participant]:
        """"they met", "the two leaders": the article's first pair when there is one (for "the two", of
        a threesome the two not already in the clause: "Michel called the two leaders"), else the two
        people named last before the trigger."""
        sentence = [p for p in seen if p.span is not None and p.span.field == "text"
                    and self._sentence_start <= p.span.start]
        pair = (self._pair_in_office(group) if group is not None else None) or self._pair
        if pair and group is not None and any(c.lower_ in ("two", "both") for c in group.subtree):
            taken = {p.actor_id for p in found if p.actor_id} | {p.name.split()[-1] for p in found if p.name}
            pair = [p for p in pair if p.actor_id not in taken and p.name.split()[-1] not in taken]
            pair = pair if len({(p.actor_id or p.name, p.country) for p in pair}) == 2 else []
        if len({p.actor_id or p.name for p in sentence}) >= 2:
            seen = sentence
        elif pair:
            return list(pair)
        picked: dict[str, Participant] = {}
        for person in reversed(seen):
            key = person.actor_id or person.name.split()[-1]
            if key not in picked:
                picked[key] = person
            if len(picked) == 2:
                break
        return list(picked.values())

    def _pair_in_office(self, group: Token) -> list[Participant] | None:
        """"the two top diplomats", "the two foreign ministers": the article's first pair when both hold
        that office, else the latest pair told of who do (the first pair may be two leaders). Leaders
        are heads of state or government alike."""
        if not any(c.lower_ in ("two", "both") for c in group.children):
            return self._named_just_before(group)
        words = " ".join(t.lemma_.lower() for t in group.subtree if t.i <= group.i and t.dep_ in ("amod", "compound")
                         or t.i == group.i)
        office = self.kb.actors.office_of(words)
        if office is None:
            return self._named_just_before(group)
        fits = LEADER_OFFICES if office in LEADER_OFFICES else {office}
        titles = {p.name.split()[-1]: p.role for pair in self._pairs for p in pair if p.role}  # "Pompeo" after "Secretary ... Pompeo"

        def holds(pair: list[Participant]) -> bool:
            return all(self.kb.actors.office_of(p.role or titles.get(p.name.split()[-1], "")) in fits for p in pair)

        # the article's first pair when it fits, as for any "the two"; else the latest pair that does
        found = self._pair if self._pair and holds(self._pair) else next(
            (pair for pair in reversed(self._pairs) if holds(pair)), None)
        if found is not None:
            self._named = (sentence_of(group).end_char, found)
        return found

    def _named_just_before(self, group: Token) -> list[Participant] | None:
        """"... the second talks of the two foreign ministers. The two first met in Arusha": a bare "the two"
        right after the sentence that said which two goes on meaning them."""
        if group.pos_ != "NUM" or self._named is None:
            return None
        end, pair = self._named
        return pair if not text_of(group.doc)[end:sentence_of(group).start_char].strip() else None

    def _places(self, token: Token, trigger: Trigger, verb: Token | None,
                arguments: list[Token]) -> tuple[list[SpacySpan], bool]:
        """Place names in the trigger's own phrase ("met ... in Bali, Indonesia"), and whether they
        are where a visitor went."""
        heads = [token] + ([verb] if verb is not None and verb.i != token.i else [])
        blocked = {t.i for a in arguments for t in a.subtree}
        if (one := _earlier(token)) is not None:  # where the earlier one was is not where this one is
            blocked |= {t.i for t in one.subtree}
        found: list[SpacySpan] = []
        for head in heads:
            for inner in self._own_phrase(head, blocked):
                ent = entity_of(inner)
                if ent is None or ent.label_ not in PLACE_LABELS or ent in found or inner.i != ent.root.i:
                    continue
                if inner.dep_ == "pobj" and self._place_prep(inner.head) or inner.dep_ == "appos" or (
                        trigger.type == "VISIT" and inner.dep_ == "dobj" and inner.head.i == token.i):
                    found.append(ent)
        for head in heads:  # "took him to Kampala, where he met ...": the place the clause is about
            ent = entity_of(head.head) if head.dep_ == "relcl" else None
            if ent is not None and ent.label_ in PLACE_LABELS and ent not in found \
                    and any(c.lower_ == "where" for c in head.children):
                found.append(ent)
        for arg in arguments:  # "... talks with Josep Borrell, Moscow, February 5, 2021": a readout's place
            for inner in arg.subtree:
                ent = entity_of(inner)
                if inner.dep_ == "appos" and inner.head.ent_type_ == "PERSON" and ent is not None \
                        and ent.label_ == "GPE" and inner.i == ent.root.i and ent not in found:
                    found.append(ent)
        return found, bool(found) and trigger.type == "VISIT"

    @staticmethod
    def _place_prep(prep: Token) -> bool:
        """"in X", "at X", or "the city of X"."""
        if prep.lower_ in PLACE_PREPS:
            return True
        return prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS

    @staticmethod
    def _own_phrase(head: Token, blocked: set[int]) -> Iterable[Token]:
        """The head's subtree without its participants, other clauses and what talk was about ("talks on
        the fighting in Donbas": Donbas is the subject, not the place)."""
        def kept(c: Token) -> bool:
            return c.i not in blocked and c.dep_ not in CLAUSES and not _topic(c)

        stack = [c for c in head.children if kept(c)]
        while stack:
            token = stack.pop()
            yield token
            stack.extend(c for c in token.children if kept(c))

    def _host_countries(self, places: list[SpacySpan], participants: list[Participant]) -> list[Participant]:
        hosts = []
        for place in places[:1]:
            country = self.kb.countries.find(place.text)
            code = country.iso3 if country else None
            if code is None:
                found = self.kb.places.best(place.text)
                code = found.country if found else None
            if code and not any(p.country == code and p.kind == "country" for p in participants):
                name = self.kb.countries.by_code[code].name if code in self.kb.countries.by_code else code
                hosts.append(Participant(name, code, None, "country", "host", None, "destination"))
        return hosts

    @staticmethod
    def _date_words(token: Token, verb: Token | None, layout: Layout) -> Span | None:
        ent = date_words(token, verb)
        return layout.span(ent.text, ent.start_char, ent.end_char) if ent is not None else None

    def _occasion_words(self, sent: SpacySpan, layout: Layout) -> Span | None:
        found = self.kb.calendar.find_series(sent.text)
        if not found:
            return None
        phrase = found[0][0]
        start = sent.text.lower().find(phrase.split()[0])
        start = max(start, 0) + sent.start_char
        return layout.span(sent.text, sent.start_char, sent.end_char) if start < 0 else \
            layout.span(phrase, start, start + len(phrase))

    @staticmethod
    def _duplicate(mention: Mention, mentions: list[Mention]) -> bool:
        """Two triggers of one sentence with the same parties ("held talks ... meeting") are one mention."""
        keys = {p.actor_id or p.name for p in mention.participants}
        return any(m.evidence == mention.evidence and {p.actor_id or p.name for p in m.participants} == keys
                   for m in mentions)
