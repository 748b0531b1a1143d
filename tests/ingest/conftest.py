"""Shared fixtures for the ingest tests: the fixture folder and default settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from sidelines.config import Settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def settings() -> Settings:
    return Settings()
