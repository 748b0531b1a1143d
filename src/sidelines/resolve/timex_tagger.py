"""Finding time expressions in a parsed document and giving each a TimeML value.

The spans are the DATE and TIME entities of the spaCy pipeline; ``read_timex`` and ``Timex.timeml``
give the value against the anchor (the publication date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from sidelines.resolve.timex import read_timex


@dataclass(frozen=True, slots=True)
class TaggedTimex:
    """A time expression found in a text: character span, TimeML type and value (None if unknown)."""

    start: int
    end: int
    text: str
    type: str
    value: str | None


def tag_timexes(doc: Doc, anchor: date) -> list[TaggedTimex]:
    """The time expressions of ``doc``, valued against ``anchor``."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        timex = read_timex(ent.text)
        resolved = timex.resolve(anchor, -1) if timex else None
        found.append(TaggedTimex(ent.start_char, ent.end_char, ent.text, "DATE",
                                 resolved[0] if resolved else None))
    return found
