"""The language an article is written in, told before any model is spent on it.

sidelines analyses English; an article in another language is still read and stored, with its
language and a note that it was not analysed, so a user sees what came in and why nothing came of it.

The detector is lingua (``lingua-language-detector``): its models ship inside the wheel, it runs
offline and deterministically, and it reads an English report that quotes a sentence in another
script as English. News is dense with names, and a headline of names ("Modi meets Macron in Paris")
is too little to tell a language by, so the rules lean towards English:

- a text of fewer than ``MIN_WORDS`` words is taken as English, unless most of its letters are in
  another script (a line of Cyrillic or Chinese is not English however short);
- a longer text where English function words are common (``MIN_MARKERS``) is English without the
  detector, which costs milliseconds an article;
- any other text is not English only when the detector gives English less than ``MAX_ENGLISH``
  of its confidence.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

import pycountry

if TYPE_CHECKING:
    from lingua import LanguageDetector

ENGLISH = "en"
#: Characters looked at: the start of an article tells its language (and detection costs by length).
SAMPLE_CHARS = 2_000
#: Texts of fewer words are taken as English unless written mostly in another script.
MIN_WORDS = 20
#: A text is not English when English holds less than this share of the detector's confidence.
MAX_ENGLISH = 0.1
#: Below this share of Latin letters a text is written in another script.
MIN_LATIN = 0.5
#: A label no ISO code is found for is kept as it is, up to the length of the longest BCP 47 tag.
MAX_LABEL_CHARS = 35
#: The code of a language that cannot be told (ISO 639-2 "undetermined").
UNDETERMINED = "und"

_WORD = re.compile(r"[^\W\d_]{2,}")
#: Function words of English that the other languages of the news do not use as words; a text where
#: they are common is English without asking the detector (most of a feed, at a fraction of the cost).
ENGLISH_MARKERS = frozenset({"the", "of", "and", "to", "was", "with", "that", "for", "said", "his", "is", "by",
                             "from", "has", "have", "were", "which", "this", "its", "their", "will", "after"})
#: Share of a text's words that are English markers above which it is English.
MIN_MARKERS = 0.15
_LABEL = re.compile(r"[A-Za-z]{2,3}(?=$|[-_])")


@cache
def _detector() -> LanguageDetector:
    """All of lingua's languages in its low-accuracy mode, their models loaded at once (about 0.2 s and
    80 MB, once per process) rather than each on the first text that asks for it."""
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().with_preloaded_language_models().build()


def warm_up() -> None:
    """Load the detector now instead of on the first article that needs it (a benchmark's warm-up)."""
    _detector()


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in ("en" when too short to tell)."""
    sample = text[:SAMPLE_CHARS]
    other_script = latin_share(sample) < MIN_LATIN
    words = _WORD.findall(sample)
    if not other_script and len(words) < MIN_WORDS:
        return ENGLISH
    if not other_script and sum(w.lower() in ENGLISH_MARKERS for w in words) >= MIN_MARKERS * len(words):
        return ENGLISH
    ranked = _detector().compute_language_confidence_values(sample)
    if not ranked:
        return UNDETERMINED if other_script else ENGLISH
    english = sum(c.value for c in ranked if c.language.name == "ENGLISH")
    if not other_script and english >= MAX_ENGLISH:
        return ENGLISH
    return ranked[0].language.iso_code_639_1.name.lower()


def latin_share(text: str) -> float:
    """Share of letters in Latin script (Cyrillic, Arabic, CJK... count against)."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(c < "\u0250" or "\u1e00" <= c <= "\u1eff" for c in letters)
    return latin / len(letters) if letters else 1.0


def label_code(label: object) -> str | None:
    """A feed's language label ("ru", "pt-BR", "fra", "Spanish") as an ISO code; None when empty."""
    if not isinstance(label, str) or not label.strip():
        return None
    label = label.strip()
    tag = _LABEL.match(label)
    found = _language(tag.group(0).lower()) if tag else _by_name(label)
    if found is None:
        return label.lower()[:MAX_LABEL_CHARS]
    return getattr(found, "alpha_2", None) or found.alpha_3


def _language(code: str) -> Any:
    """pycountry's language of a two- or three-letter code (bibliographic ones too: "fre", "ger")."""
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code)
    return pycountry.languages.get(alpha_3=code) or pycountry.languages.get(bibliographic=code)


def _by_name(name: str) -> Any:
    try:
        return pycountry.languages.lookup(name)
    except LookupError:
        return None


def language_name(code: str) -> str:
    """The English name of a language code ("ru": "Russian"), or the code when it is not known."""
    if code == UNDETERMINED:
        return "undetermined"
    found = _language(code) if _LABEL.fullmatch(code) else None
    return getattr(found, "name", code)


def not_analysed_note(code: str) -> str | None:
    """What an article's record says when it was stored without analysis; None for English."""
    if code == ENGLISH:
        return None
    return f"not analysed: language {code!r} ({language_name(code)}); sidelines analyses English"


def why_not_english(text: str) -> str | None:
    """The note for a text not in English, or None when it is English (or too short to tell)."""
    return not_analysed_note(detect_language(text))
