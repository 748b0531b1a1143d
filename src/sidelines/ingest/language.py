"""A cheap check that an article is in English, before any model is spent on it.

News leads are dense with names, so English function words can be few in a short article;
a text is refused only when it is written mostly in another script, or when the function
words of another language outnumber the English ones (or English ones are all but absent).
"""

from __future__ import annotations

import re

from sidelines.errors import NotEnglish

#: Characters looked at; the start of an article tells its language.
SAMPLE_CHARS = 20_000
#: Fewer tokens than this are not judged (a headline and a line are too little to tell).
MIN_TOKENS = 12
#: Below this share of English function words a long text is not English whatever else it is.
MIN_ENGLISH_SHARE = 0.06
#: Above this share another language's function words mark the text as that language.
FOREIGN_SHARE = 0.08

# fmt: off
ENGLISH = frozenset({
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "during", "each", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "last", "may", "more", "most", "must", "no", "not", "of", "on",
    "one", "only", "or", "other", "our", "out", "over", "said", "she", "should", "since", "so", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "under", "until", "up", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "will", "with", "would", "you",
})
# fmt: on

OTHER: dict[str, frozenset[str]] = {
    name: frozenset(words.split()) - ENGLISH
    for name, words in {
        "French": "le la les des du et est une un pour dans que qui sur avec pas au aux ce cette "
        "il elle sont ont été par ne se son sa ses leur mais ou nous vous",
        "Spanish": "el la los las del y es una un para en que por con no se su sus al lo como "
        "más pero fue ha han este esta entre sobre también",
        "German": "der die das und ist ein eine nicht mit den dem des sich auf für von zu im "
        "auch es sie wir ich werden wurde hat bei nach aus oder",
        "Portuguese": "o os as da do das dos e é um uma para em que com não se por mais foi "
        "ao à na no pelo pela seu sua também",
        "Italian": "il lo la gli le di del della dei e è un una per con non che si sono nel "
        "alla al anche ha più questo",
        "Dutch": "de het een en van is dat niet met op te voor zijn die ook aan er maar bij "
        "werd wordt naar om",
        "Indonesian": "dan yang di ke dari ini itu dengan untuk tidak ada akan pada juga dalam oleh adalah",
    }.items()
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def english_share(tokens: list[str]) -> float:
    """Share of tokens that are English function words."""
    return sum(t in ENGLISH for t in tokens) / len(tokens) if tokens else 0.0


def rival(tokens: list[str]) -> tuple[str, float]:
    """The other language whose function words are most common, and their share."""
    shares = {name: sum(t in words for t in tokens) / len(tokens) for name, words in OTHER.items()}
    name = max(shares, key=shares.__getitem__)
    return name, shares[name]


def latin_share(text: str) -> float:
    """Share of letters in Latin script (Cyrillic, Arabic, CJK... count against)."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(c < "\u0250" for c in letters)
    return latin / len(letters) if letters else 1.0


def why_not_english(text: str) -> str | None:
    """The reason a text is not English, or None when it is (or is too short to tell)."""
    sample = text[:SAMPLE_CHARS]
    if latin_share(sample) < 0.5:
        return "most letters are not in the Latin alphabet"
    tokens = [t.lower() for t in _WORD.findall(sample)]
    if len(tokens) < MIN_TOKENS:
        return None
    english = english_share(tokens)
    name, share = rival(tokens)
    if share >= FOREIGN_SHARE and share > english:
        return f"{name} function words ({share:.0%}) outnumber English ones ({english:.0%})"
    if english < MIN_ENGLISH_SHARE:
        return f"only {english:.0%} of the words are English function words"
    return None


def check_english(text: str, what: str) -> None:
    """Raise NotEnglish with the reason when the text is not English."""
    reason = why_not_english(text)
    if reason:
        raise NotEnglish(what, reason)
