"""The issues an article discusses, from a topic vocabulary (knowledge/data/topics*.csv), with evidence.

Each topic has a name and aliases (``topic,aliases`` with ``|`` between aliases). An alias matches as
whole words in the folded text (case, accents, dots and hyphens ignored: "U.N." = "UN", "cross-Strait"
= "cross strait"), and each tag carries the sentence it was found in. Topics are found at compare or
export time from the stored article text, so no model is needed: sentences are split by a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sidelines.errors import KnowledgeError
from sidelines.knowledge.files import data_files, fold, read_csv, split_list
from sidelines.model import Span

#: Words with a full stop that do not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "prof", "jr", "sr", "no", "vs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k",
}
_NON_WORD = re.compile(r"[^a-z0-9]+")
_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z])")


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TopicTag:
    """A topic found in a text: the alias as folded, and the sentence it is in."""

    topic: str
    alias: str
    evidence: Span


def sentences(text: str, article_id: str | None = None, field: str = "text") -> list[Span]:
    """Sentences of ``text`` as spans: lines, split again after . ! ? before a capital (not after Mr., Feb.)."""
    found: list[Span] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for boundary in _BOUNDARY.finditer(line):
            word = line[:boundary.start()].rsplit(None, 1)[-1].lower() if line[:boundary.start()].strip() else ""
            if word in ABBREVIATIONS or len(word) == 1:
                continue
            found.append(_span(line, start, boundary.end(), offset, article_id, field))
            start = boundary.end()
        found.append(_span(line, start, len(line), offset, article_id, field))
        offset += len(line) + 1
    return [s for s in found if s.text]


def _span(line: str, start: int, end: int, offset: int, article_id: str | None, field: str) -> Span:
    piece = line[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    return Span(piece, offset + start + lead, offset + start + lead + len(piece), field, article_id)  # type: ignore[arg-type]


def _norm(text: str) -> str:
    """Folded words separated by single spaces, with a space at each end ("BRICS+," -> " brics plus ")."""
    return " " + " ".join(_NON_WORD.split(fold(text.replace("+", " plus ")))).strip() + " "


class TopicVocabulary:
    """Topics and their aliases; ``find`` tags texts and sentences with them."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self.topics = tuple(topics)
        self._patterns = [(t, self._pattern(t)) for t in self.topics]

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = ()) -> TopicVocabulary:
        """The bundled ``topics.csv``, then ``topics*.csv`` in ``extra_dirs`` (a row replaces one by name)."""
        topics: dict[str, Topic] = {}
        for path in data_files("topics*.csv", extra_dirs):
            for number, row in enumerate(read_csv(path), 2):
                name = row.get("topic", "")
                if not name:
                    raise KnowledgeError(f"{path}:{number}", "a row has no topic")
                topics[name] = Topic(name, tuple(dict.fromkeys([name, *split_list(row.get("aliases"))])))
        return cls(list(topics.values()))

    @staticmethod
    def _pattern(topic: Topic) -> re.Pattern[str]:
        aliases = sorted({_norm(a).strip() for a in topic.aliases if _norm(a).strip()}, key=len, reverse=True)
        return re.compile(r"(?<= )(" + "|".join(re.escape(a) for a in aliases) + r")(?= )")

    def in_sentence(self, sentence: Span) -> list[TopicTag]:
        text = _norm(sentence.text)
        tags = []
        for topic, pattern in self._patterns:
            match = pattern.search(text)
            if match:
                tags.append(TopicTag(topic.name, match.group(1), sentence))
        return tags

    def find(self, spans: Iterable[Span]) -> list[TopicTag]:
        """Every topic once, with the first sentence that names it, in the order the text names them."""
        seen: dict[str, TopicTag] = {}
        for sentence in spans:
            for tag in self.in_sentence(sentence):
                seen.setdefault(tag.topic, tag)
        return list(seen.values())

    def in_text(self, text: str, article_id: str | None = None) -> list[TopicTag]:
        return self.find(sentences(text, article_id))
