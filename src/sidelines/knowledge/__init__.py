"""What the pipeline knows about the world: actors, places, occasions and codes, read from data files."""

from sidelines.knowledge.base import KnowledgeBase

__all__ = ["KnowledgeBase"]
