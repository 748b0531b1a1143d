"""The JSON API and the HTML pages through FastAPI's test client."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sidelines.store.queries import Filters, where
from sidelines.web.app import create_app
from sidelines.web.pages import segments


@pytest.fixture(scope="module")
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_db)) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/events", "/events/e-bali", "/actors/wang-yi", "/pairs", "/pairs/CHN-RUS",
                                  "/map", "/search?q=lavrov"])
def test_every_page_is_also_json_from_the_same_view(client: TestClient, path: str) -> None:
    html = client.get(path)
    base, _, query = path.partition("?")
    data = client.get(("/index" if base == "/" else base) + ".json" + (f"?{query}" if query else ""))
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert data.status_code == 200 and isinstance(data.json(), dict)


@pytest.mark.parametrize("query, ids", [
    ("", {"e-bali", "e-tunxi", "e-jnb", "e-moscow", "e-call", "e-lima"}),
    ("pair=CHN-RUS", {"e-bali", "e-tunxi", "e-jnb", "e-moscow"}),
    ("pair=rus-chn", {"e-bali", "e-tunxi", "e-jnb", "e-moscow"}),
    ("actor=antony-blinken", {"e-call"}),
    ("actor=lavrov", {"e-bali", "e-tunxi", "e-jnb", "e-moscow"}),
    ("country=USA", {"e-call"}),
    ("type=call", {"e-call"}),
    ("since=2023&until=2024-06", {"e-moscow", "e-call"}),
    ("until=2022", {"e-bali", "e-tunxi"}),
    ("occasion=g20", {"e-bali", "e-jnb"}),
    ("place=bali", {"e-bali"}),
    ("q=johannesburg", {"e-jnb"}),
    ("q=calls", {"e-call"}),  # a word of a source's title
    ("pair=CHN-RUS&since=2023", {"e-jnb", "e-moscow"}),
])
def test_events_filters(client: TestClient, query: str, ids: set[str]) -> None:
    data = client.get(f"/events.json?{query}").json()
    assert {e["id"] for e in data["events"]} == ids
    assert data["total"] == len(ids)


def test_events_are_paginated_newest_first(client: TestClient) -> None:
    first = client.get("/events.json?per_page=2").json()
    second = client.get("/events.json?per_page=2&page=2").json()
    assert first["pages"] == 3 and first["total"] == 6
    assert [e["date"] for e in first["events"]] == ["2025-02-20", "2024-11-11"]
    assert [e["date"] for e in second["events"]] == ["2024-01-10", "2023-02-22"]
    oldest = client.get("/events.json?per_page=1&sort=date").json()
    assert oldest["events"][0]["id"] == "e-tunxi"


def test_filters_are_bound_parameters_never_sql() -> None:
    hostile = "x' OR 1=1; DROP TABLE events; --"
    clause, params = where(Filters(actor=hostile, q=hostile, pair="CHN-RUS", occasion=hostile))
    assert hostile not in clause and "DROP" not in clause
    assert params.count(hostile) == 2 + 4 + 1


def test_hostile_filter_finds_nothing_and_breaks_nothing(client: TestClient) -> None:
    hostile = "x' OR 1=1; DROP TABLE events; --"
    assert client.get("/events.json", params={"actor": hostile, "q": hostile}).json()["total"] == 0
    assert client.get("/events.json").json()["total"] == 6


def test_event_page_has_both_reports_and_their_evidence(client: TestClient) -> None:
    data = client.get("/events/e-bali.json").json()
    assert [s["article_id"] for s in data["sources"]] == ["bali-a", "bali-b"]
    marked = ["".join(x["text"] for x in s["text_segments"] if x["mark"]) for s in data["sources"]]
    assert marked[0].startswith("Chinese Foreign Minister Wang Yi met") and marked[1].startswith("Sergei Lavrov and Wang Yi")
    keys = [x["text"] for x in data["sources"][0]["text_segments"] if x["key"]]
    assert "November 15, 2022" in keys and "Bali" in keys
    assert data["event"]["occasion"]["name"] == "G20 Summit 2022"
    assert [q["text"] for q in data["quotes"]] == ["the talks were useful"]
    html = client.get("/events/e-bali").text
    assert html.count('class="source"') == 2 and "<mark" in html


def test_event_by_id_prefix(client: TestClient) -> None:
    assert client.get("/events/e-tun.json").json()["event"]["id"] == "e-tunxi"


def test_pair_page_counts_per_year_and_places(client: TestClient) -> None:
    data = client.get("/pairs/CHN-RUS.json").json()
    assert data["pair"]["a_name"] == "China" and data["total"] == 4
    assert data["per_year"] == [{"year": "2022", "events": 2}, {"year": "2023", "events": 1},
                                {"year": "2025", "events": 1}]
    assert {p["city"] for p in data["places"]} == {"Bali", "Tunxi", "Johannesburg", "Moscow"}
    html = client.get("/pairs/CHN-RUS").text
    assert html.count('class="pin"') == 4 and html.count('class="dot"') == 4


def test_actor_page_has_offices_and_counterparts(client: TestClient) -> None:
    data = client.get("/actors/wang-yi.json").json()
    assert data["actor"]["in_knowledge_base"] and data["actor"]["offices"]
    partners = {c["actor_id"]: c["events"] for c in data["counterparts"]}
    assert partners == {"sergey-lavrov": 4, "antony-blinken": 1}
    assert data["total"] == 5


def test_search_finds_actors_countries_occasions_and_events(client: TestClient) -> None:
    data = client.get("/search.json?q=g20").json()
    assert {o["name"] for o in data["occasions"]} == {"G20 Summit 2022", "G20 Foreign Ministers' Meeting 2025"}
    assert client.get("/search.json?q=lavrov").json()["actors"][0]["id"] == "sergey-lavrov"
    assert any(c["code"] == "RUS" for c in client.get("/search.json?q=russia").json()["countries"])


def test_map_counts_places(client: TestClient) -> None:
    data = client.get("/map.json").json()
    assert data["total"] == 6 and data["located"] == 5


def test_csv_and_json_downloads_hold_the_filtered_set(client: TestClient) -> None:
    response = client.get("/download.csv?pair=CHN-RUS")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(r["id"] for r in rows) == ["e-bali", "e-jnb", "e-moscow", "e-tunxi"]
    events = client.get("/download.json?type=CALL").json()
    assert [e["id"] for e in events] == ["e-call"] and events[0]["participants"][0]["country"] == "USA"
    assert client.get("/download.json?actor=nobody").json() == []


@pytest.mark.parametrize("path, status, code", [
    ("/events/nothing.json", 404, "E050"), ("/actors/nobody.json", 404, "E050"), ("/pairs/CHN.json", 404, "E050"),
    ("/events.json?page=zero", 400, "E060"), ("/nowhere.json", 404, "E050"),
])
def test_errors_have_one_json_shape(client: TestClient, path: str, status: int, code: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and error["fix"] and error["message"].startswith(code)


def test_html_errors_are_pages(client: TestClient) -> None:
    response = client.get("/events/nothing")
    assert response.status_code == 404 and "E050" in response.text and "<html" in response.text


def test_article_text_is_escaped(client: TestClient) -> None:
    html = client.get("/events/e-lima").text
    assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned" in html
    assert '<img src=x onerror' not in html and "Outlet <b>D</b>" not in html


def test_openapi_lists_the_json_endpoints_and_docs_render_offline(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/events.json", "/events/{event_id}.json", "/pairs/{pair}.json", "/download.csv"} <= set(paths)
    docs = client.get("/docs").text
    assert "/events.json" in docs and "cdn" not in docs.lower()


def test_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    for path in ("/", "/events", "/events/e-bali", "/pairs/CHN-RUS", "/map", "/docs"):
        html = client.get(path).text
        assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert client.get("/static/world.svg").status_code == 200


def test_segments_mark_sentences_and_key_words() -> None:
    parts = segments("One two. Three four.", [(9, 21)], [(15, 19)])
    assert parts == [{"text": "One two. ", "mark": False, "key": False},
                     {"text": "Three ", "mark": True, "key": False},
                     {"text": "four", "mark": True, "key": True},
                     {"text": ".", "mark": True, "key": False}]
