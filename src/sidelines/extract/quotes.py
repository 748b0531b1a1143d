"""Quotes with their speakers: direct ("..., X said", X said: "...", "... — wrote X on X", "..." ― X)
and reported ("Wang said that ...").

Direct quotes start from the quotation marks (quote_marks.py), not from a verb: each quoted stretch
looks for its cue (quote_cues.py) in the words right after it in the same sentence, then in the words
before it; a stretch inside a sentence with no cue belongs to the subject of the verb it hangs from
("Macron called Scholz a "close friend""); a stretch that opens a sentence with no cue continues
the speaker before it: the quote before it in the paragraph, the last quote of the paragraph before,
or the speaker of the sentence that introduces it ("He said:", "Momen said Japan was keen. "We like
each other."") or is signed by a name after a dash. One utterance split around its attribution
(""A," X said, "B."") is one quote; a short quoted stretch in title case ("Face the Nation") names a
work and is no quote. Reported speech is the clause of a reporting verb outside quotation marks; a
clause that carries quoted words is one direct quote.

The speaker is a participant as written (a name, a title, a pronoun resolved to the person before
it); linking to the knowledge base happens in resolve/actors.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import takewhile

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, POS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sidelines.extract.layout import Layout
from sidelines.extract.participants import (
    PERSON_PRONOUNS,
    TITLE_NOUNS,
    ParticipantFinder,
    entity_of,
    written_name,
)
from sidelines.extract.quote_cues import author_of, is_cue, is_post, reports, speaker_token, tells_of_speaking
from sidelines.extract.quote_marks import quote_regions
from sidelines.extract.quote_speakers import SpeakerNames, whole_name
from sidelines.knowledge import KnowledgeBase
from sidelines.model import Participant, Quote, Span, stable_key
from sidelines.nlp.doc_index import positions, sentence_of, text_of

__all__ = ["MIN_QUOTE", "QuoteExtractor", "quote_regions"]

MIN_QUOTE = 8  # characters: a quoted word ("ceiling") is emphasis, not a quote
MIN_REPORTED = 12  # characters of a reported clause
SIGNATURE = re.compile(r"[”\"’»'\s]*[―—–]\s*")  # a closing mark, then a dash before the name
MAX_TITLE_WORDS = 6
SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "with", "by", "from", "vs"}
MAX_ATTRIBUTION = 30  # words between the parts of a split quote: the cue, its speaker and their description
SENTENCE_END = {".", "!", "?"}
CLAUSES = ("ccomp", "xcomp")
NOT_NAMES = {"ORG", "GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "EVENT", "LAW",
             "WORK_OF_ART", "PRODUCT", "LANGUAGE", "MONEY", "PERCENT", "QUANTITY"}


@dataclass
class _Region:
    """One quoted stretch, its paragraph, and what became of it."""

    start: int
    end: int
    para_start: int
    para_end: int
    speaker: Participant | None = None
    taken: bool = False  # part of a reported clause already
    cue: Token | None = None  # the reporting verb its speaker came from
    quoted: bool = False  # a direct quote of its own


class QuoteExtractor:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc, article_id: str, layout: Layout) -> list[Quote]:
        finder = ParticipantFinder(self.kb, layout)
        return _Run(doc, article_id, layout, finder, SpeakerNames(doc, self.kb, finder, layout)).quotes()


class _Run:
    """The quotes of one document."""

    def __init__(self, doc: Doc, article_id: str, layout: Layout, finder: ParticipantFinder,
                 names: SpeakerNames) -> None:
        self.doc, self.article_id, self.layout, self.finder, self.names = doc, article_id, layout, finder, names
        self.regions = [_region(text_of(doc), a, b) for a, b in quote_regions(text_of(doc))]
        self.starts = [r.start for r in self.regions]
        self.token_starts = doc.to_array("IDX").tolist()  # without making a Token of each
        self.seen: list[tuple[int, Participant]] = []
        self._subjects()

    def quotes(self) -> list[Quote]:
        found = self._reported()
        for index, region in enumerate(self.regions):
            if not region.taken and region.end - region.start >= MIN_QUOTE \
                    and not _is_title(text_of(self.doc)[region.start:region.end]):
                region.quoted = self._direct(index, region)
        found += [self._quote(speaker, first.start, last.end, True, first.cue)
                  for first, last in self._utterances() if (speaker := first.speaker) is not None]
        unique = {q.id: q for q in found}
        return sorted(unique.values(), key=lambda q: (q.evidence.field != "title", q.start))

    # --- who has been named so far -------------------------------------------------------------

    def _subjects(self) -> None:
        """Persons named as subjects of main clauses outside quotation marks, and whoever a cue says
        spoke ("the NATO chief told a press conference", "according to the spokesperson"): the
        antecedents of "he said" (not "Clinton" in "McLenney said Clinton doesn't ...", nor "Lipavsky" in
        "According to the spokesman, Lipavsky will travel ...")."""
        doc = self.doc
        subjects = np.intersect1d(positions(doc, DEP, ("nsubj", "nsubjpass")), positions(doc, ENT_TYPE, ("PERSON",)))
        for i in np.union1d(positions(doc, POS, ("VERB", "AUX", "ADP")), subjects).tolist():
            token = doc[i]
            if self._region_at(token.idx) is not None:
                continue
            if is_cue(token) and token.pos_ in ("VERB", "AUX", "ADP"):
                self._remember_speaker_of(token)
            elif token.dep_ in ("nsubj", "nsubjpass") and token.ent_type_ == "PERSON" and not is_cue(token.head) \
                    and token.head.dep_ in ("ROOT", "conj") and not _according_to_clause(token.head):
                for person in self.finder.from_token(token, self._people(), centering=False):
                    self._remember(person, token.idx)

    def _remember_speaker_of(self, cue: Token) -> None:
        subject = speaker_token(cue, self._quoted)
        if subject is not None and subject.lower_ not in PERSON_PRONOUNS:  # a pronoun adds no one new
            speaker = self._speaker(subject)
            if speaker is not None:
                self._remember(speaker, subject.idx)

    def _people(self) -> list[Participant]:
        return [p for _, p in self.seen]

    def _focus(self, position: int) -> list[Participant]:
        """The subjects and speakers before a position, in order."""
        return [p for at, p in self.seen if at < position]

    def _remember(self, person: Participant, position: int) -> None:
        if person.kind == "person":
            at = self.layout.position(person.span) if person.span else position
            keys = [k for k, _ in self.seen]
            self.seen.insert(bisect_right(keys, at), (at, person))

    def _quoted(self, position: int) -> bool:
        return self._region_at(position) is not None

    def _region_at(self, position: int) -> int | None:
        index = bisect_right(self.starts, position) - 1
        if index >= 0 and self.regions[index].start <= position < self.regions[index].end:
            return index
        return None

    # --- reported speech -------------------------------------------------------------------------

    def _reported(self) -> list[Quote]:
        found = []
        for i in positions(self.doc, POS, ("VERB", "AUX")).tolist():
            verb = self.doc[i]
            if not reports(verb) or self._region_at(verb.idx) is not None:
                continue
            clause = next((c for c in verb.children if c.dep_ in CLAUSES), None)
            if clause is None or clause.i < verb.i:
                continue
            first = next((t for t in clause.subtree if not _is_mark(t) and not t.is_space), clause)
            if self._region_at(first.idx) is not None:
                continue
            quote = self._reported_clause(verb, clause)
            if quote is not None:
                found.append(quote)
        return found

    def _reported_clause(self, verb: Token, clause: Token) -> Quote | None:
        subject = speaker_token(verb, self._quoted)
        speaker = self._speaker(subject) if subject is not None else None
        if speaker is None or speaker.kind == "organisation" and speaker.country is None:
            return None
        tokens = [t for t in clause.subtree if not _is_mark(t) and not t.is_space]
        tokens = tokens[1:] if tokens and tokens[0].dep_ == "mark" else tokens
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        inside = [r for r in self.regions if r.start < end and r.end > start]
        for region in inside:
            region.taken, region.speaker = True, speaker
            end = max(end, region.end)
        if end - start < MIN_REPORTED:
            return None
        self._remember(speaker, verb.idx)
        return self._quote(speaker, start, end, bool(inside), verb)

    # --- direct speech ---------------------------------------------------------------------------

    def _direct(self, index: int, region: _Region) -> bool:
        """Whether the stretch is a quote: it has a speaker, kept on the region with its cue."""
        cue = self._cue(index, region)
        speaker, signer = None, self._signer(region) if cue is None else None
        if cue is not None:
            speaker = self._cue_speaker(cue, index, region)
            if speaker is not None and speaker.kind == "organisation" and self._inside_sentence(index, region):
                speaker = self._embedding_subject(region) or speaker  # "X thanked him for his "...", the press service said"
        elif signer is not None:
            speaker = self._speaker(signer)
        elif (named := _named_before_colon(self._before(index, region))) is not None:
            speaker = self._speaker(named)  # "Zelensky: "We talked about ...""
        elif self._inside_sentence(index, region):
            speaker = self._embedding_subject(region)
        else:
            speaker = self._continued(index, region)
        if speaker is None:
            return False
        region.speaker, region.cue = speaker, cue
        self._remember(speaker, region.start)
        return True

    def _utterances(self) -> list[tuple[_Region, _Region]]:
        """Quoted stretches joined where one utterance was split around its attribution: ""A," X said,
        "B"" and ""A," said X. "B"" are one quote from A to B (PolNeAR marks them so), its text the
        article's words between, the attribution inside."""
        joined: list[list[_Region]] = []
        for index, region in enumerate(self.regions):
            if not region.quoted:
                continue
            previous = self.regions[index - 1] if index else None
            if joined and previous is joined[-1][-1] and self._goes_on(previous, region):
                joined[-1].append(region)
            else:
                joined.append([region])
        return [(group[0], group[-1]) for group in joined]

    def _goes_on(self, before: _Region, region: _Region) -> bool:
        """The stretch continues the one right before it: same paragraph and speaker, its own cue (if
        any) the same verb, and nothing between them but that verb's own words."""
        cue = before.cue
        if region.para_start != before.para_start or region.speaker != before.speaker \
                or region.cue is not None and (cue is None or region.cue.i != cue.i):
            return False
        between = _words([t for t in self._tokens(before.end, region.start) if not _is_mark(t)])
        if not between:
            return True
        return cue is not None and len(between) <= MAX_ATTRIBUTION and any(t.i == cue.i for t in between) \
            and all(cue.left_edge.i <= t.i <= cue.right_edge.i for t in between)

    def _cue(self, index: int, region: _Region) -> Token | None:
        """The reporting verb of a quoted stretch: "X said:" / "X said," right before it, else the
        words right after it ("..., X said"), else any before it in its sentence."""
        before = self._before(index, region)
        after = self._after(index, region)
        cues_before = [t for t in before if is_cue(t)]
        if cues_before and before[-1].text in (":", ","):
            return cues_before[-1]
        ends_sentence = text_of(self.doc)[region.start:region.end].rstrip(" \"'’”»").endswith(tuple(SENTENCE_END))
        for at, token in enumerate(after):
            if is_cue(token) and not (ends_sentence and (_has_own_clause(token) or _verb_before(after[:at], token))):
                return token
        return cues_before[-1] if cues_before else None

    def _signer(self, region: _Region) -> Token | None:
        """""..." ― Maria Lopez, a teacher": a name after a dash that closes the paragraph's quote signs it."""
        text = text_of(self.doc)
        dash = SIGNATURE.match(text, region.end, region.para_end)
        if dash is None:
            return None
        words = _words(self._tokens(dash.end(), region.para_end))
        name = list(takewhile(lambda t: t.pos_ == "PROPN" and t.text[:1].isupper() and not self._quoted(t.idx), words))
        if not name or any(t.ent_type_ and t.ent_type_ != "PERSON" for t in name):
            return None
        return name[-1]

    def _cue_speaker(self, cue: Token, index: int, region: _Region) -> Participant | None:
        subject = speaker_token(cue, self._quoted)
        if subject is None and cue.idx > region.end:
            subject = _inverted_subject(cue)
        if subject is None:
            return None
        if is_post(subject):
            author = author_of(subject)
            return self._speaker(author) if author is not None else self._continued(index, region)
        return self._speaker(subject, organisations=True)

    def _embedding_subject(self, region: _Region) -> Participant | None:
        """A quoted phrase inside a sentence belongs to the subject of the verb it hangs from."""
        inside = self._tokens(region.start, region.end)
        anchor = next((t.head for t in inside if not region.start <= t.head.idx < region.end), None)
        for _ in range(4):
            if anchor is None or anchor.pos_ in ("VERB", "AUX"):
                break
            anchor = anchor.head if anchor.head is not anchor else None
        subject = speaker_token(anchor, self._quoted) if anchor is not None else None
        speaker = self._speaker(subject) if subject is not None else None
        return speaker if speaker is not None and speaker.kind == "person" else None

    def _continued(self, index: int, region: _Region) -> Participant | None:
        """A quote opening its sentence with no cue goes on with the speaker before it."""
        earlier = [r for r in self.regions[:index] if r.para_start == region.para_start and r.speaker]
        if earlier:
            return earlier[-1].speaker
        before = [t for t in self._tokens(region.para_start, region.start) if not _is_mark(t)]
        if _words(before):
            return self._introducer(_last_sentence(before))
        previous = self._previous_paragraph(region)
        if previous is None:
            return None
        start, end = previous
        last = [r for r in self.regions[:index] if start <= r.start < end and r.speaker]
        if last and _sentence_ends(self._tokens(last[-1].end, end)) <= 1:
            return last[-1].speaker
        return self._introducer(_last_sentence(self._tokens(start, end)))

    def _introducer(self, tokens: list[Token]) -> Participant | None:
        """The speaker of the last cue in these words, when it is a person: "Caddell continued:"; else
        the person a verb there tells spoke ("X praised ...", "X issued a statement"), or a name set
        before a colon ("Zelensky: ")."""
        finders = (lambda t: speaker_token(t, self._quoted) if is_cue(t) else None,
                   lambda t: next((c for c in t.children if c.dep_ == "nsubj"), None) if tells_of_speaking(t) else None)
        for subject_of in finders:  # any cue first, then any verb that tells someone spoke
            for token in reversed(tokens):
                subject = subject_of(token)
                if subject is None or self._region_at(token.idx) is not None:
                    continue
                speaker = self._speaker(subject)
                if speaker is not None and speaker.kind == "person":
                    return speaker
        named = _named_before_colon(tokens)
        return self._speaker(named) if named is not None else None

    # --- words around a quoted stretch -----------------------------------------------------------

    def _tokens(self, start: int, end: int) -> list[Token]:
        first = bisect_left(self.token_starts, start)
        last = bisect_left(self.token_starts, end)
        return [t for t in self.doc[first:last] if not t.is_space]

    def _before(self, index: int, region: _Region) -> list[Token]:
        """The words of the same sentence before the opening mark, back to the quote before it."""
        previous = self.regions[index - 1].end + 1 if index and self.regions[index - 1].para_start == region.para_start \
            else region.para_start
        tokens = [t for t in self._tokens(previous, region.start - 1) if not _is_mark(t)]
        ends = [i for i, t in enumerate(tokens) if t.text in SENTENCE_END]
        return tokens[ends[-1] + 1:] if ends else tokens

    def _after(self, index: int, region: _Region) -> list[Token]:
        """The words after the closing mark up to the sentence's end or the next quote."""
        following = self.regions[index + 1].start - 1 if index + 1 < len(self.regions) else len(text_of(self.doc))
        tokens = [t for t in self._tokens(region.end, min(following, region.para_end)) if not _is_mark(t)]
        out: list[Token] = []
        for token in tokens:
            out.append(token)
            if token.text in SENTENCE_END:
                break
        return out

    def _inside_sentence(self, index: int, region: _Region) -> bool:
        """Words of the same sentence stand before the opening mark ("called it "..."")."""
        return bool(_words(self._before(index, region)))

    def _previous_paragraph(self, region: _Region) -> tuple[int, int] | None:
        text = text_of(self.doc)
        end = region.para_start - 1
        while end > 0:
            start = text.rfind("\n", 0, end) + 1
            if text[start:end].strip():
                return start, end
            end = start - 1
        return None

    # --- speakers and records --------------------------------------------------------------------

    def _speaker(self, token: Token, organisations: bool = False) -> Participant | None:
        """The participant a speaker word names: a name, a title, a pronoun's antecedent; an unknown
        capitalised name as written; with ``organisations``, any other noun phrase as a body."""
        author = author_of(token)
        token = author if author is not None else token
        if token.lower_ in PERSON_PRONOUNS:
            return self._antecedent(token)
        whole = _whole_person(token)
        found = [p for p in [self.finder.from_entity(whole)] if p is not None] if whole is not None \
            else self.finder.from_token(token, self._people(), centering=False)
        if found:
            return self.names.complete(found[0], self._focus(token.idx))
        if token.pos_ == "PRON" or token.lower_ in ("who", "which", "that"):
            return None
        if token.lemma_.lower() in TITLE_NOUNS:
            return self.names.complete(self._title(token), self._focus(token.idx))
        if token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN"):
            written = self._titled_name(token) or self._as_written(token, "person")
            completed = self.names.complete(written)
            if completed is not written or token.ent_type_ not in NOT_NAMES or written.role:  # the tagger's label loses to the article's name
                return completed
        if token.pos_ in ("NOUN", "PROPN") and token.is_lower and any(c.lower_ == "the" for c in token.children):
            titled = self.names.by_title_word(token.lemma_, self.layout.position(self._span(token)),
                                              self._focus(token.idx))
            if titled is not None:  # "the archbishop said": Archbishop X named before
                return replace(titled, span=self._span(token), link_basis="title")
        if organisations and token.pos_ in ("NOUN", "PROPN"):
            return self._as_written(token, "organisation")
        return None

    def _antecedent(self, pronoun: Token) -> Participant | None:
        """"he said": the last person who spoke or was the subject of a main clause before it."""
        before = [p for at, p in self.seen if at < pronoun.idx]
        if not before:
            return None
        person = before[-1]
        span = self.layout.span(pronoun.text, pronoun.idx, pronoun.idx + len(pronoun.text))
        return replace(person, span=span, link_basis="pronoun")

    def _title(self, token: Token) -> Participant:
        """"the head of the Ukrainian state", "the NATO chief": a title with its own words as the role."""
        words = [t for t in token.subtree if t.dep_ not in ("det", "punct") and t.tag_ != "PRP$"
                 and not (t.i > token.i and t.dep_ in ("relcl", "acl", "appos", "advcl"))]
        words = [t for t in words if t.i <= token.i or any(a.dep_ == "prep" and a.lower_ == "of" for a in t.ancestors)]
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        text = text_of(self.doc)[start:end]
        country = next((t.ent_id_.split(":", 1)[1] for t in words if t.ent_id_.startswith("country:")), None)
        return Participant(text, country, None, "person", text, self.layout.span(text, start, end), None)

    def _titled_name(self, token: Token) -> Participant | None:
        """"Foreign Ministry Spokesman Daniel Drake": the capitalised words after a title are a
        person's name, whatever the tagger took the whole for."""
        lefts = list(takewhile(lambda t: t.dep_ == "compound", reversed(self.doc[token.left_edge.i:token.i])))[::-1]
        titles = [i for i, t in enumerate(lefts) if t.lemma_.lower() in TITLE_NOUNS and t.text[:1].isupper()]
        if not titles:
            return None
        name = lefts[titles[-1] + 1:] + [token]
        if not all(t.pos_ == "PROPN" and t.is_title and not t.ent_id_ for t in name):
            return None
        start, end = name[0].idx, token.idx + len(token.text)
        text = text_of(self.doc)[start:end]
        role_words = lefts[:titles[-1] + 1]
        country = next((t.ent_id_.split(":", 1)[1] for t in role_words if t.ent_id_.startswith("country:")), None)
        role = " ".join(t.text for t in role_words if not t.ent_id_.startswith("country:"))
        return Participant(written_name(text), country, None, "person", role, self.layout.span(text, start, end), None)

    def _span(self, token: Token) -> Span:
        return self.layout.span(token.text, token.idx, token.idx + len(token.text))

    def _as_written(self, token: Token, kind: str) -> Participant:
        words = [t for t in token.lefts if t.dep_ in ("compound", "amod", "nmod", "poss")] + [token]
        start, end = words[0].idx, token.idx + len(token.text)
        text = text_of(self.doc)[start:end]
        span = self.layout.span(text, start, end)
        return Participant(written_name(text), None, None, kind, None, span, None)  # type: ignore[arg-type]

    def _quote(self, speaker: Participant, start: int, end: int, direct: bool, cue: Token | None) -> Quote:
        text = text_of(self.doc)[start:end]
        span = self.layout.span(text, start, end)
        evidence = self._evidence(start, end, cue)
        return Quote(
            id=stable_key(self.article_id, start, end),
            article_id=self.article_id,
            speaker=speaker,
            text=text,
            start=span.start,
            end=span.end,
            direct=direct,
            cue=cue.text if cue is not None else "",
            evidence=evidence,
        )

    def _evidence(self, start: int, end: int, cue: Token | None) -> Span:
        """The sentences from the quote's first word (or its cue) to its last word (or its cue)."""
        tokens = self._tokens(start, end) or [self.doc[min(bisect_left(self.token_starts, start), len(self.doc) - 1)]]
        first, last = tokens[0], tokens[-1]
        if cue is not None:
            first, last = min(first, cue, key=lambda t: t.i), max(last, cue, key=lambda t: t.i)
        a, b = sentence_of(first).start_char, sentence_of(last).end_char
        if self.layout.in_title(a) != self.layout.in_title(b - 1):
            a, b = (a, self.layout.body_offset - 2) if self.layout.in_title(a) else (self.layout.body_offset, b)
        return self.layout.span(text_of(self.doc)[a:b], a, b)


def _region(text: str, start: int, end: int) -> _Region:
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    return _Region(start, end, para_start, len(text) if para_end < 0 else para_end)


def _is_title(text: str) -> bool:
    """"Face the Nation", "The Steve Harvey Morning Show": a few words, each capitalised but the small
    ones, name a programme, a book or a plan, not words someone said."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return 0 < len(words) <= MAX_TITLE_WORDS and not text.rstrip(" ,").endswith(("!", "?")) \
        and all(w[0].isupper() or w.lower() in SMALL_WORDS for w in words) and words[0][0].isupper()


def _named_before_colon(tokens: list[Token]) -> Token | None:
    """"Zelensky: ", "Ugandan President Yoweri Museveni: ": a name (with its title) and a colon, no verb,
    right before a quote, as in a transcript."""
    words = [t for t in tokens if not t.is_space and not _is_mark(t)]
    if len(words) >= 2 and words[-1].text == ":" and words[-2].ent_type_ == "PERSON" \
            and not any(t.pos_ in ("VERB", "AUX") for t in words[:-1]):
        return words[-2]
    return None


def _is_mark(token: Token) -> bool:
    return all(c in "\"'“”‘’„«»‹›" for c in token.text)


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not t.is_punct]


def _sentence_ends(tokens: list[Token]) -> int:
    return sum(t.text in SENTENCE_END for t in tokens)


def _last_sentence(tokens: list[Token]) -> list[Token]:
    """The last sentence of these words, its final stop included."""
    ends = [i for i, t in enumerate(tokens[:-1]) if t.text in SENTENCE_END]
    return tokens[ends[-1] + 1:] if ends else tokens


def _inverted_subject(cue: Token) -> Token | None:
    """"... — emphasized the head of state", "..., tweeted Jaishankar": a speaker after its verb that
    the parse took for an object."""
    return next((t for t in cue.rights if t.dep_ in ("dobj", "attr", "npadvmod", "appos", "dative", "oprd")
                 and t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("DATE", "TIME")), None)  # not "said Monday"


def _verb_before(words: list[Token], cue: Token) -> bool:
    """""... a big deal." The two plan to cooperate, a statement said": after a finished quote, a cue
    behind a verb of another clause reports that clause, not the quote."""
    subject = speaker_token(cue)
    own = range(subject.left_edge.i, subject.right_edge.i + 1) if subject is not None else range(0)
    return any(t.pos_ in ("VERB", "AUX") and t.i not in own for t in words)


def _whole_person(token: Token) -> SpacySpan | None:
    """The name around a speaker word where the tagger cut it short ("Robert" of "Robert McAtee"),
    else None."""
    name = entity_of(token) or next((entity_of(c) for c in token.lefts if c.dep_ == "compound"
                                     and entity_of(c) is not None), None)
    if name is None or name.label_ != "PERSON":
        return None
    whole = whole_name(name)
    return whole if (whole.start, whole.end) != (name.start, name.end) and whole.start <= token.i < whole.end else None


def _according_to_clause(verb: Token) -> bool:
    """"According to X, Lipavsky will travel ...": the clause is X's words, its subject not in focus."""
    return any(c.lower_ == "according" for c in verb.children)


def _has_own_clause(cue: Token) -> bool:
    """"Kamikawa told reporters that ...": a cue after a finished quote that reports words of its own."""
    return any(c.dep_ in CLAUSES and c.i > cue.i for c in cue.children)
