"""Quality is pinned: the scores of the seeds and of our own sample sets may not drop below the recorded floors."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from sidelines.export.events import event_json
from sidelines.ingest.run import ingest
from sidelines.store import Store

ROOT = Path(__file__).resolve().parents[1]
BASELINE = json.loads((Path(__file__).parent / "quality_baseline.json").read_text())


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _scores(analyser, tmp_path: Path, inputs: Path, gold: Path, shared: Path) -> dict:
    with Store.open(tmp_path / "q.duckdb") as store:
        ingest([inputs], store, analyser)
        events = [event_json(e) for e in store.events()]
    return _scorer(shared).score(json.loads(gold.read_text()), events)


SETS = {"samples": ROOT / "samples", "dev": ROOT / "samples" / "dev", "heldout": ROOT / "samples" / "heldout"}


@pytest.mark.parametrize("name", [n for n in BASELINE if n != "about"])
def test_scores_stay_above_their_floors(name, analyser, tmp_path, shared):
    if name == "seeds":
        inputs, gold = shared / "seeds", shared / "eval" / "seeds" / "gold.json"
    else:
        inputs, gold = SETS[name] / "articles", SETS[name] / "gold.json"
    scores = _scores(analyser, tmp_path, inputs, gold, shared)
    drops = {k: (scores[k], floor) for k, floor in BASELINE[name].items() if (scores[k] or 0) < floor}
    assert not drops, f"{name}: below the floor: {drops}; all scores: {scores}"
