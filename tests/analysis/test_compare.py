"""Reports of one event side by side, built from the store; and the `compare` command."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sidelines.analysis.compare import Comparer, comparison_json
from sidelines.cli import app
from sidelines.errors import NotFound
from sidelines.ingest.run import write_batch
from sidelines.model import Article
from sidelines.store import Store

# Two short reports of one meeting (Wang Yi and Sergey Lavrov, Tunxi, 30 March 2022), written for this test.
REPORTS = [
    Article(id="outlet-a", outlet="Outlet A", published=date(2022, 3, 31), title="Wang Yi meets Lavrov in Tunxi",
            text=("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergey Lavrov in Tunxi on Wednesday.\n\n"
                  "The two sides exchanged views on Ukraine and the Korean Peninsula.\n\n"
                  "\"China is ready to work with Russia for a peaceful settlement,\" Wang said.\n\n"
                  "Lavrov said that Russia valued its steady cooperation with China.\n\n"
                  "Afghanistan's neighbours also met in Tunxi. Aid to Afghanistan was the main subject.")),
    Article(id="outlet-b", outlet="Outlet B", published=date(2022, 3, 31), title="Lavrov holds talks with Wang Yi",
            text=("Russian Foreign Minister Sergey Lavrov held talks with Chinese Foreign Minister Wang Yi in Tunxi "
                  "on Wednesday.\n\n"
                  "The ministers discussed Ukraine and energy supplies, as energy sanctions bite.\n\n"
                  "\"Our relations are developing steadily and consistently,\" Lavrov said.\n\n"
                  "Lavrov said that Russia valued its steady cooperation with China.")),
]


@pytest.fixture(scope="module")
def db(analyser, tmp_path_factory):
    path = tmp_path_factory.mktemp("compare") / "c.duckdb"
    with Store.open(path) as store:
        write_batch(list(analyser.analyse(REPORTS)), store, analyser.events)
    return path


def _meeting(store: Store):
    found = [e for e in store.events() if {s.article_id for s in e.sources} == {"outlet-a", "outlet-b"}]
    assert len(found) == 1, [(e.type, [s.article_id for s in e.sources]) for e in store.events()]
    return found[0]


def test_both_reports_stand_side_by_side_with_their_differences(db):
    with Store.open(db, read_only=True) as store:
        comparison = Comparer(store)(_meeting(store).id)
    a, b = sorted(comparison.reports, key=lambda r: r.article_id)
    assert (a.outlet, b.outlet) == ("Outlet A", "Outlet B") and a.published == "2022-03-31"
    assert "Ukraine" in comparison.topics
    assert {"Ukraine", "Korean Peninsula"} <= {t.topic for t in a.topics}
    assert {"Ukraine", "Energy"} <= {t.topic for t in b.topics}
    assert "Afghanistan" in {t.topic for t in a.other_topics}  # not in a sentence about the meeting
    assert "Korean Peninsula" in a.framing.only_topics and "Energy" in b.framing.only_topics
    assert {q.speaker.actor_id for q in a.quotes} == {"wang-yi", "sergey-lavrov"}
    assert [q.speaker.actor_id for q in a.framing.only_quotes] == ["wang-yi"]  # Lavrov's words are in both
    assert [q.speaker.actor_id for q in b.framing.only_quotes] == ["sergey-lavrov"]
    assert b.framing.tone.sentences > 0 and a.framing.terms


def test_topic_evidence_points_into_the_stored_text(db):
    with Store.open(db, read_only=True) as store:
        comparison = Comparer(store)(_meeting(store).id)
        for report in comparison.reports:
            text = store.article(report.article_id)["text"]
            for tag in report.topics:
                if tag.evidence.field == "text":
                    assert text[tag.evidence.start:tag.evidence.end] == tag.evidence.text


def test_an_unknown_event_is_not_found(db):
    with Store.open(db, read_only=True) as store, pytest.raises(NotFound):
        Comparer(store)("no-such-event")


def test_the_command_prints_both_reports_and_json(db):
    with Store.open(db, read_only=True) as store:
        event_id = _meeting(store).id
    table = CliRunner().invoke(app, ["compare", event_id[:8], "--db", str(db)], env={"COLUMNS": "160"})
    assert table.exit_code == 0, table.output
    assert "outlet-a" in table.output and "outlet-b" in table.output and "only here" in table.output
    data = json.loads(CliRunner().invoke(app, ["compare", event_id, "--db", str(db), "--json"]).output)
    assert data["event"]["id"] == event_id and len(data["reports"]) == 2
    assert {"tone", "topics", "quotes", "characteristic_terms", "only_here"} <= set(data["reports"][0])


def test_the_command_reports_a_missing_event_in_one_line(db):
    result = CliRunner().invoke(app, ["compare", "zzz", "--db", str(db)])
    assert result.exit_code == 2 and "E050" in result.output


def test_comparison_json_is_serialisable(db):
    with Store.open(db, read_only=True) as store:
        json.dumps(comparison_json(Comparer(store)(_meeting(store).id)))
