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


class Notice(InputError):
    """Not a failure: something a reader did that the user should know of (the article was read)."""

    code = "E023"
    fix = "the article was stored; check the file if this detail matters"


class CodePageNotice(Notice):
    """A text file that is not UTF-8, read in a code page: said, never done silently."""

    code = "E024"
    fix = "the text was read as another code page; save the file as UTF-8 to be sure of it"


class DuplicateNotice(Notice):
    """An article whose text is already stored (or read earlier in the run) under another name."""

    code = "E025"
    fix = "the same text was stored once; nothing to do"


class NotReadAgain(Notice):
    """An undated article that could not be written again against its story's day (``ingest.story_day``)."""

    code = "E026"
    fix = "its first reading is kept; `sidelines reanalyse` tries again"


class ArticleFailed(SidelinesError):
    """An article that was read but could not be analysed or stored: it is kept as failed (its
    ``articles.analysis`` says why) and the next run tries it again; the run goes on."""

    code = "E021"
    fix = "the other articles were stored; it is retried by the next run, report it as a bug if it fails again"


class TooLongForModel(ArticleFailed):
    code = "E022"
    fix = "split the article, or keep analysis_max_chars under the model's max_length"


class StoreError(SidelinesError):
    """A database file that cannot be opened or written."""

    code = "E030"
    fix = "give another --db path"


class StoreBusy(StoreError):
    """The database is being written by another sidelines run (an ingest holds the file)."""

    fix = "wait for the other run to finish, then run this again"


class KnowledgeError(SidelinesError):
    """A knowledge data file that cannot be loaded."""

    code = "E040"
    fix = "fix the data file (see docs/knowledge.md)"


class NotFound(SidelinesError):
    code = "E050"
    fix = "list what exists with `sidelines events`"


class QueryError(SidelinesError):
    """A query parameter that is not one the query can take (a malformed date, a negative limit)."""

    code = "E051"
    fix = "see `sidelines events --help` for the values each option takes"


class OutputError(SidelinesError):
    """An output path that cannot be written (a missing folder, a folder given for a file)."""

    code = "E052"
    fix = "give the path of a file in a folder that exists"
