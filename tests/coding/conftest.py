"""The knowledge base alone (no spaCy model) for the coding tests that need no parse."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def kb():
    from sidelines.knowledge import KnowledgeBase

    return KnowledgeBase.load()
