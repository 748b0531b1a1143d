"""User-facing errors: each has a code, names the thing it could not use, and says what to do.

The library raises these; the CLI prints ``str(error)`` as one line and sets the exit code.
"""

from __future__ import annotations


class SidelinesError(Exception):
    """Base class: ``E000: <what>: <cause>; <fix>``."""

    code = "E000"
    fix = "see `sidelines --help`"

    def __init__(self, what: str, cause: str, fix: str | None = None) -> None:
        self.what = what
        self.cause = cause
        self.fix_text = fix or self.fix
        super().__init__(f"{self.code}: {what}: {cause}; {self.fix_text}")


class InputError(SidelinesError):
    """An input file that cannot be read as an article."""

    code = "E010"
    fix = "check the file or leave it out"


class EmptyInput(InputError):
    code = "E011"
    fix = "the file holds no text; leave it out"


class BinaryInput(InputError):
    code = "E012"
    fix = "this looks like a binary file, not an article; leave it out"


class EncodingError(InputError):
    code = "E013"
    fix = "save the file as UTF-8"


class MalformedRecord(InputError):
    code = "E014"
    fix = "fix or remove the record; the other records were read"


class UnsupportedInput(InputError):
    code = "E015"
    fix = "give .txt, .html, .jsonl, .warc(.gz) or a folder of them"


class TooLarge(InputError):
    code = "E016"
    fix = "split the file into articles, or raise max_article_chars in the settings"


class NotEnglish(InputError):
    code = "E017"
    fix = "sidelines analyses English articles; the file was skipped"


class StoreError(SidelinesError):
    """A database file that cannot be opened or written."""

    code = "E030"
    fix = "give another --db path, or move the file aside"


class KnowledgeError(SidelinesError):
    """A knowledge data file that cannot be loaded."""

    code = "E040"
    fix = "fix the data file (see docs/knowledge.md)"


class NotFound(SidelinesError):
    code = "E050"
    fix = "list what exists with `sidelines events`"
