"""Fixtures shared by the whole suite: the loaded pipeline (once per session) and paths to shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def analyser():
    from sidelines.pipeline import Analyser

    return Analyser.load()


@pytest.fixture(scope="session")
def kb(analyser):
    return analyser.kb


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "eval").exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
