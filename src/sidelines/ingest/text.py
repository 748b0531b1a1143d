"""Plain-text articles: find the title and date line among the header lines, keep the body.

Saved news pages start with lines that are not the report: a section kicker, the title, a date
line, photo captions, a byline, the title again. They are taken out of the body so that no later
stage reads "Published: Nov 16, 2022" or a caption as a sentence of the report. The body is
otherwise kept exactly as written, from its first kept line on.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from sidelines.config import Settings
from sidelines.errors import EmptyInput
from sidelines.ingest import sniff
from sidelines.ingest.dates import DateLine, date_line, is_relative_time
from sidelines.ingest.language import ENGLISH, detect_language
from sidelines.model import Article

#: Header lines are looked for among this many lines at the top.
MAX_HEADER_LINES = 40
#: A line longer than this is a paragraph of the body, never a header line.
MAX_TITLE_CHARS = 200
MAX_CAPTION_CHARS = 400
MAX_BYLINE_CHARS = 80
MAX_KICKER_CHARS = 80

_SENTENCE_END = re.compile(r"[.:;,][\"'”’)\]]*$")
_CAPTION_START = re.compile(
    r"^[(\[]?\s*(?:file\s+)?(?:photo|photos|photograph|picture|pic|image|images|credit|caption|video)"
    r"(?:\s+(?:credit|courtesy|source))?\s*[:|/–—-]",
    re.IGNORECASE,
)
_FILE_PHOTO = re.compile(r"^[(\[]?\s*file\s+(?:photo|image|picture)\b", re.IGNORECASE)
_CREDIT_END = re.compile(
    r"(?:\b(?:[A-Z]{2,}|AP Photo|AFP Photo|EPA-EFE)\s*/\s*[A-Z][a-z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"|\((?:[A-Z]+\s+)?Photo\b[^)]*\)|\bGetty Images|\b(?:Photo|Image|Credit)\s*:\s*[^.]{1,60})"
    r"\s*[)\]]?\.?$"
)
_BYLINE = re.compile(r"^by\s+(?=[A-Z])", re.IGNORECASE)
# fmt: off
_BYLINE_JOINERS = frozenset({
    "and", "&", "in", "of", "de", "da", "del", "van", "von", "der", "al", "bin", "la", "le", "with", "for",
})
_RUN_ON_WORDS = frozenset({
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "that", "with",
})
# fmt: on
_SUFFIX = re.compile(r"\s+[|–—-]\s+\S.{0,40}$")
_CAPS_SEPARATOR = re.compile(r"\s+[/|]\s+")
_CRUMB_SEPARATOR = re.compile(r"\s+[>»]\s+")


@dataclass(frozen=True, slots=True)
class Header:
    """What the top of a text file says about the article, and the body without it."""

    title: str | None
    date: DateLine | None
    body: str


def read_txt(path: Path, what: str, settings: Settings) -> Article:
    """Read one article from a plain-text file; the id is the file name without its extension."""
    text = sniff.read_text(path, what, settings.max_article_chars)
    header = parse_header(text)
    if not header.body:
        return _whole_text_if_foreign(path, text, what)
    dated = header.date
    return Article(
        id=path.stem,
        text=header.body,
        title=header.title,
        published=dated.value if dated else None,
        published_basis=dated.basis if dated else None,
        published_evidence=dated.evidence if dated else None,
        source_path=what,
    )


def _whole_text_if_foreign(path: Path, text: str, what: str) -> Article:
    """A text that is all header lines to English eyes may be a short article in another language:
    it is stored whole, with its language (and not analysed); in English it is empty."""
    language = detect_language(text)
    if language == ENGLISH:
        raise EmptyInput(what, "only header lines (title, date, captions), no body text")
    return Article(id=path.stem, text=text.strip(), language=language, source_path=what)


def parse_header(text: str, known_title: str | None = None) -> Header:
    """Split a text into title, date line and body (see the module docstring).

    ``known_title`` comes from metadata (a page's title): it is removed where the text repeats
    it, and no other line is taken for the title.
    """
    lines = text.splitlines(keepends=True)
    scan = _Scan(lines, title=known_title)
    scan.run()
    start = len(lines) if scan.first_kept is None else scan.first_kept
    kept = (line for i, line in enumerate(lines) if i >= start and i not in scan.removed)
    return Header(scan.title, scan.best_date(), "".join(kept).strip())


@dataclass
class _Scan:
    """Walks the top lines once; before the first kept line everything is header."""

    lines: list[str]
    title: str | None = None
    title_weak: bool = False
    first_kept: int | None = None
    removed: set[int] = field(default_factory=set)
    dates: list[DateLine] = field(default_factory=list)
    drop_blanks: bool = False

    def run(self) -> None:
        pairs = caption_pairs(self.lines[:MAX_HEADER_LINES])
        for i, line in enumerate(self.lines[:MAX_HEADER_LINES]):
            if not self.step(i, line.strip(), i in pairs):
                return
        if self.first_kept is None:  # nothing but header lines in the whole window
            self.first_kept = min(len(self.lines), MAX_HEADER_LINES)

    def step(self, i: int, line: str, in_caption_pair: bool) -> bool:
        """Handle one line; False when the header is over."""
        if not any(c.isalnum() for c in line):
            if self.drop_blanks and self.first_kept is not None:
                self.removed.add(i)
            return True
        if self.is_header_line(line, in_caption_pair):
            self.remove(i)
            return True
        self.drop_blanks = False
        if self.first_kept is None:
            return self.before_body(i, line)
        return False

    def is_header_line(self, line: str, in_caption_pair: bool) -> bool:
        dated = date_line(line)
        if dated:
            self.dates.append(dated)
            return True
        return (
            in_caption_pair
            or is_caption(line)
            or is_byline(line)
            or is_relative_time(line)
            or self.is_title(line)
        )

    def before_body(self, i: int, line: str) -> bool:
        """Above the body: kickers are dropped and the first title-like line is the title."""
        if is_kicker(line):
            return True
        title_like = is_title_like(line) and not self.runs_on(i, line)
        if title_like and (self.title is None or self.title_weak):
            self.title, self.title_weak = line, is_weak_title(line)
            return True
        self.first_kept = i  # the body starts; header lines may still follow its first line
        return True

    def runs_on(self, i: int, line: str) -> bool:
        """Line i is part of a hard-wrapped paragraph: it ends on a joining word or the next
        line carries on in lower case."""
        following = self.lines[i + 1].lstrip() if i + 1 < len(self.lines) else ""
        last = line.rsplit(None, 1)[-1].lower()
        return following[:1].islower() or last in _RUN_ON_WORDS

    def remove(self, i: int) -> None:
        """Drop a header line; blank lines after it go too when it stood alone between blanks."""
        self.removed.add(i)
        self.drop_blanks = i == 0 or not self.lines[i - 1].strip() or (i - 1) in self.removed

    def is_title(self, line: str) -> bool:
        return self.title is not None and same_text(line, self.title)

    def best_date(self) -> DateLine | None:
        """A publication date before an update, a labelled line before a bare page date."""
        return min(self.dates, key=lambda d: d.rank) if self.dates else None


def is_title_like(line: str) -> bool:
    """Short, not a sentence: a headline does not end with a period."""
    return len(line) <= MAX_TITLE_CHARS and not _SENTENCE_END.search(line)


def is_weak_title(line: str) -> bool:
    """An all-capitals or one- or two-word line is more likely a label than the headline."""
    return is_all_caps(line) or len(line.split()) <= 2


def is_all_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def is_kicker(line: str) -> bool:
    """A section label: "WORLD / DIPLOMACY", "ASIA", "Home > World > Asia"."""
    if len(line) > MAX_KICKER_CHARS:
        return False
    if is_all_caps(line):
        return len(line.split()) <= 4 or bool(_CAPS_SEPARATOR.search(line))
    parts = _CRUMB_SEPARATOR.split(line)
    return len(parts) > 1 and all(_is_label(p) for p in parts)


def _is_label(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 3 and all(w[0].isupper() or not w[0].isalpha() for w in words)


def is_caption(line: str) -> bool:
    """A photo caption or credit: "Photo: Reuters", "File photo of ...", "... REUTERS/Jane Doe"."""
    if len(line) > MAX_CAPTION_CHARS:
        return False
    return bool(_CAPTION_START.match(line) or _FILE_PHOTO.match(line) or _CREDIT_END.search(line))


def is_byline(line: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and John Roe in Beijing": names, not a sentence."""
    if len(line) > MAX_BYLINE_CHARS or not _BYLINE.match(line) or line.endswith("."):
        return False
    words = [w.strip(",;") for w in line.split()[1:]]
    named = sum(w[:1].isupper() or w.lower() in _BYLINE_JOINERS for w in words if w)
    return named == len([w for w in words if w])


def caption_pairs(lines: list[str]) -> set[int]:
    """A picture's caption and then the same words with a credit added ("... Lavrov AP")."""
    found: set[int] = set()
    nonblank = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    for (i, first), (j, second) in itertools.pairwise(nonblank):
        extra = second[len(first) :]
        if second.startswith(first) and extra[:1].isspace() and _is_credit(extra):
            found.update((i, j))
    return found


def _is_credit(words: str) -> bool:
    """A photographer or agency credit: a few capitalised words ("AP", "Reuters/Jane Doe")."""
    found = words.split()
    return 0 < len(found) <= 4 and all(not w[0].isalpha() or w[0].isupper() for w in found)


def same_text(a: str, b: str) -> bool:
    """Equal but for case, spacing, final punctuation and a " | Outlet" suffix on one of them
    (a title repeated as a heading, or a page title beside its headline)."""
    short, long = sorted((_normal(a), _normal(b)), key=len)
    return bool(short) and (long == short or _SUFFIX.match(long[len(short) :]) is not None)


def _normal(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(" .!?:;")
