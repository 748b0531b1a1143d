"""How an article becomes one document for the NLP stage, and how document offsets map back.

The title and the body are analysed together (a headline often names the engagement), but every
span handed on is relative to the article's own ``title`` or ``text``, never to the joined string.
"""

from __future__ import annotations

from dataclasses import dataclass

from sidelines.model import Article, Span

SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Layout:
    body_offset: int  # where the body starts in the document; 0 when there is no title
    article_id: str | None = None

    def span(self, text: str, start: int, end: int) -> Span:
        if start < self.body_offset:
            return Span(text, start, end, "title", self.article_id)
        return Span(text, start - self.body_offset, end - self.body_offset, "text", self.article_id)

    def position(self, span: Span) -> int:
        """Where a span of the article starts in the document (the inverse of ``span``)."""
        return span.start + (self.body_offset if span.field == "text" else 0)

    def in_title(self, start: int) -> bool:
        return start < self.body_offset


def document_text(article: Article) -> tuple[str, Layout]:
    if not article.title:
        return article.text, Layout(0, article.id)
    return article.title + SEPARATOR + article.text, Layout(len(article.title) + len(SEPARATOR), article.id)
