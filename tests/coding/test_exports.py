"""GDELT-like and PLOVER exports read back; the seeds' engagements carry the right dyads."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from sidelines.coding.dyads import dyads
from sidelines.coding.verbal import VerbalCoder
from sidelines.export.coded import EXTRA_COLUMNS, GDELT_COLUMNS, export_coded, to_gdelt, to_plover
from sidelines.ingest import read_paths
from sidelines.ingest.run import write_batch
from sidelines.model import Article, Event, Participant, Source, Span, When, Where
from sidelines.store import Store
from sidelines.store.verbal import ensure_table, load_verbal, save_verbal

VISIT = Event("e1", "VISIT", (Participant("Wang Yi", "CHN", "wang-yi", "person"),
                              Participant("Sergey Lavrov", "RUS", "sergey-lavrov", "person")),
              When("2023-09-18", "day", "explicit"), Where("Moscow", "RUS", 55.75, 37.62), None,
              (Source("a1", "Outlet", "https://example.org/a1", "main", ("m1", "m2"),
                      (Span("Wang Yi visited Moscow.", 0, 23, "text", "a1"),)),))


def test_gdelt_table_reads_back_with_gdelt_column_names(kb):
    text = to_gdelt([VISIT], dyads(VISIT, kb))
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    assert len(GDELT_COLUMNS) == 61 and list(rows[0]) == [*GDELT_COLUMNS, *EXTRA_COLUMNS]
    visit = next(r for r in rows if r["EventCode"] == "042")
    assert visit["Actor1CountryCode"] == "CHN" and visit["Actor2CountryCode"] == "RUS"
    assert (visit["Actor1Code"], visit["Actor1Type1Code"]) == ("CHNGOV", "GOV")
    assert (visit["SQLDATE"], visit["MonthYear"], visit["Year"]) == ("20230918", "202309", "2023")
    assert (visit["EventBaseCode"], visit["EventRootCode"], visit["QuadClass"]) == ("042", "04", "1")
    assert visit["SidelinesEventId"] == "e1" and visit["GLOBALEVENTID"].startswith("e1-")
    assert visit["SOURCEURL"] == "https://example.org/a1" and visit["NumMentions"] == "2"
    assert visit["ActionGeo_FullName"] == "Moscow, RUS" and visit["IsRootEvent"] == "1"
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows) == 2


def test_gdelt_columns_match_the_published_header(shared):
    header = shared / "eval" / "event-coding" / "gdelt-schema" / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"
    names = [row["tableId"] for row in csv.DictReader(header.open(encoding="utf-8"))]
    assert list(GDELT_COLUMNS) == names


def test_a_month_is_not_made_a_day(kb):
    month = Event("e2", "CALL", VISIT.participants, When("2023-09", "month", "explicit"), None, None, VISIT.sources)
    row = next(csv.DictReader(io.StringIO(to_gdelt([month], dyads(month, kb))), delimiter="\t"))
    assert (row["SQLDATE"], row["MonthYear"], row["EventCode"]) == ("", "202309", "041")


def test_plover_records_read_back(kb):
    records = json.loads(to_plover([VISIT], dyads(VISIT, kb)))
    assert len(records) == 1
    record = records[0]
    assert (record["event"], record["mode"], record["cameo"]) == ("CONSULT", "visit", "042")
    assert [a["code"] for a in record["source"]] == ["CHN"] and [a["code"] for a in record["target"]] == ["RUS"]
    assert record["sidelines_event_id"] == "e1" and record["eventLoc"]["name"] == "Moscow"
    assert record["text"] == "Wang Yi visited Moscow." and record["date"] == "2023-09-18"


def test_verbal_events_are_stored_and_exported(analyser, tmp_path):
    article = Article(id="v2", text="Germany's foreign minister said Germany condemned Iran's missile test.")
    analysis = next(analyser.analyse([article]))
    found = VerbalCoder(analyser.kb, analyser.nlp)(analysis)
    assert {(v.cameo, v.source.country, v.target.country) for v in found} == {("111", "DEU", "IRN")}
    db = duckdb.connect(str(tmp_path / "v.duckdb"))
    ensure_table(db)
    assert save_verbal(db, "v2", found) == 1 and save_verbal(db, "v2", found) == 1
    stored = load_verbal(db)
    assert stored == found
    rows = list(csv.DictReader(io.StringIO(export_coded([], analyser.kb, stored, "gdelt")), delimiter="\t"))
    assert (rows[0]["EventCode"], rows[0]["Actor1CountryCode"], rows[0]["Actor2CountryCode"]) == ("111", "DEU", "IRN")
    plover = json.loads(export_coded([], analyser.kb, stored, "plover"))
    assert plover[0]["event"] == "ACCUSE" and plover[0]["target"][0]["code"] == "IRN"


SEED_DYADS = {  # gold event -> the dyads its engagement must carry (country to country)
    "S1": {("044", "CHN", "RUS"), ("044", "RUS", "CHN")},
    "S2": {("044", "CHN", "USA"), ("044", "USA", "CHN")},
    "S3": {("042", "CHN", "RUS"), ("043", "RUS", "CHN")},
    "S4": {("044", "CHN", "RUS"), ("044", "RUS", "CHN")},
    "S5": {("042", "RUS", "CHN"), ("043", "CHN", "RUS")},
}


@pytest.fixture(scope="module")
def seed_events(analyser, tmp_path_factory):
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not seeds.exists():
        pytest.skip("../shared/seeds is not beside the checkout")
    articles = [a for a in read_paths([seeds], analyser.settings) if isinstance(a, Article)]
    with Store.open(tmp_path_factory.mktemp("seeds") / "s.duckdb") as store:
        write_batch(list(analyser.analyse(articles)), store, analyser.events)
        return store.events()


@pytest.mark.parametrize("gold_id", sorted(SEED_DYADS))
def test_seed_engagements_carry_the_right_dyads(shared, analyser, seed_events, gold_id):
    gold = next(e for e in json.loads((shared / "eval" / "seeds" / "gold.json").read_text())["events"]
                if e["event_id"] == gold_id)
    names = {p["name"] for p in gold["participants"]}
    city = gold["location"]["city"]
    ours = [e for e in seed_events if names <= {p.name for p in e.participants}
            and (e.when.value == gold["date"] or e.where is not None and e.where.city == city)]
    assert len(ours) == 1
    found = {(d.cameo, d.source_country, d.target_country) for d in dyads(ours[0], analyser.kb)}
    assert found == SEED_DYADS[gold_id]
    assert {d.plover for d in dyads(ours[0], analyser.kb)} == {"CONSULT"}
