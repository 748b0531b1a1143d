"""The issue's acceptance check on the seed articles (beside the checkout): the China–Russia page shows
the four Wang Yi–Lavrov meetings on its timeline and map, and the Bali meeting's page shows both reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sidelines.ingest.run import ingest
from sidelines.store import Store
from sidelines.web.app import create_app


@pytest.fixture(scope="module")
def seeds_client(analyser, tmp_path_factory):  # type: ignore[no-untyped-def]
    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not seeds.exists():
        pytest.skip("../shared/seeds is not beside the checkout")
    path = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with Store.open(path) as store:
        ingest([seeds], store, analyser)
    with TestClient(create_app(path)) as client:
        yield client


def _wang_lavrov(events: list[dict]) -> list[dict]:
    return [e for e in events if {p.get("actor_id") for p in e["participants"]} >= {"wang-yi", "sergey-lavrov"}]


def test_china_russia_page_has_the_four_wang_lavrov_meetings(seeds_client: TestClient) -> None:
    data = seeds_client.get("/pairs/CHN-RUS.json").json()
    meetings = _wang_lavrov(data["events"])
    assert len(meetings) == 4
    html = seeds_client.get("/pairs/CHN-RUS").text
    for e in meetings:  # each is a dot on the timeline, and its place a pin on the map
        assert html.count(f'href="/events/{e["id"]}" class="dot') == 1
        city = e["location"]["city"]
        assert any(p["city"] == city and p["lat"] is not None for p in data["places"])
        assert f"<title>{city}, " in html


def test_bali_meeting_page_shows_both_reports(seeds_client: TestClient) -> None:
    events = seeds_client.get("/events.json?pair=CHN-RUS&place=Bali").json()["events"]
    bali = _wang_lavrov(events)
    assert len(bali) == 1
    data = seeds_client.get(f"/events/{bali[0]['id']}.json").json()
    assert len(data["sources"]) == 2
    assert all(any(s["mark"] for s in source["text_segments"] + source["title_segments"]) for source in data["sources"])
    assert seeds_client.get(f"/events/{bali[0]['id']}").text.count('class="source"') == 2
