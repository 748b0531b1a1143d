"""Importers that grow the actor table: Phoenix/PETRARCH dictionaries, Wikidata extracts, and the writer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sidelines.errors import KnowledgeError
from sidelines.knowledge.actors import ActorTable
from sidelines.knowledge.importers import (
    ImportReport,
    import_phoenix,
    import_wikidata,
    position_table,
    write_actors,
)

FIXTURES = Path(__file__).parent / "fixtures"
PHOENIX = Path(__file__).resolve().parents[2].parent / "shared/eval/event-coding/phoenix-dictionaries"


def _phoenix(name: str) -> tuple[dict[str, dict], ImportReport]:
    if not (PHOENIX / name).exists():
        pytest.skip(f"{PHOENIX} is not beside the checkout")
    report = ImportReport()
    return {row["name"]: row for row in import_phoenix(PHOENIX / name, report)}, report


@pytest.fixture(scope="module")
def countries() -> tuple[dict[str, dict], ImportReport]:
    return _phoenix("Phoenix.Countries.actors.txt")


@pytest.fixture(scope="module")
def international() -> tuple[dict[str, dict], ImportReport]:
    return _phoenix("Phoenix.International.actors.txt")


def _offices(row: dict, office: str) -> list[tuple[str, str | None, str | None]]:
    return [(o["country"], o["start"], o["end"]) for o in row["offices"] if o["office"] == office]


# ---------------------------------------------------------------- Phoenix, on the real dictionaries


def test_phoenix_yields_thousands_of_people_with_unique_ids(countries) -> None:
    rows, report = countries
    assert len(rows) > 1000
    assert len({r["id"] for r in rows.values()}) == len(rows)
    assert report.skipped  # countries, cities and institutions are not people


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [("Bill Clinton", "1993-01-20", "2001-01-20"), ("George W. Bush", "2001-01-20", "2009-01-20")],
)
def test_us_presidents_have_their_dated_office(countries, name: str, start: str, end: str) -> None:
    row = countries[0][name]
    assert (row["id"], row["country"]) == (name.lower().replace(" ", "-").replace(".", ""), "USA")
    assert ("USA", start, end) in _offices(row, "government")
    assert row["source"].startswith("Phoenix.Countries.actors.txt:")


def test_titles_and_bare_surnames_are_not_aliases(countries) -> None:
    clinton = countries[0]["Bill Clinton"]
    assert "William Jefferson Clinton" in clinton["aliases"]
    assert all(len(a.split()) >= 2 and "President" not in a for a in clinton["aliases"])
    assert not any("Administration" in a for r in countries[0].values() for a in r["aliases"])


def test_two_digit_years_up_to_30_are_this_century(countries) -> None:
    assert ("USA", "2009-01-20", None) in _offices(countries[0]["Barack Obama"], "government")
    assert ("USA", "1978-01-01", "2000-01-01") in _offices(countries[0]["Barack Obama"], "elite")


def test_countries_are_not_imported_as_people(countries) -> None:
    rows, report = countries
    assert "Afghanistan" not in rows and "United States Of America" not in rows
    assert any("AFGHANISTAN_" in s.reason for s in report.skipped)


def test_international_officials_are_filed_under_their_organisation(international) -> None:
    annan = international[0]["Kofi Annan"]
    assert (annan["country"], annan["sector"], annan["code"]) == ("UNO", "IGO", "IGOUNO")
    assert _offices(annan, "international_organisation") == [("UNO", "1997-01-01", "2006-12-31")]


def test_malformed_lines_are_counted_not_fatal(international) -> None:
    rows, report = international
    bad_date = [s for s in report.malformed if "2004017" in s.reason]
    assert len(bad_date) == 1 and bad_date[0].line > 0
    ban = next(r for r in rows.values() if r["id"] == "ban-ki-moon")  # the entry survives its bad line
    assert _offices(ban, "international_organisation") == [("UNO", "2007-01-01", None)]


# ---------------------------------------------------------------- Phoenix, on a made-up dictionary

MADE_UP = b"""# a made-up dictionary with one of each problem
<!-- an HTML-style
comment -->
JANE_EXAMPLE_DOE_  # a person
+PRESIDENT_JANE_EXAMPLE_DOE
+MRS_DOE
+THE_DOE_ADMINISTRATION
\t[FRAGOV 950101-050630]
\t[FRAGOV 050601-070101]
\t[FRAGOV 9901-0101]
\t[FRAGOV 991231
\t[FRAELI]
\xff\xfe not UTF-8
JOHN_EXAMPLE_ROE_
\t[FRAGOV 20100101-090101]
\t[KNTGOV >100101]
"""


def test_a_made_up_dictionary_reports_every_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "made_up.actors.txt"
    path.write_bytes(MADE_UP)
    report = ImportReport()
    rows = list(import_phoenix(path, report))
    assert [r["name"] for r in rows] == ["Jane Example Doe"]
    assert rows[0]["aliases"] == ["Jane Example Doe"]
    assert rows[0]["code"] == "FRAELI"  # the undated code is the default
    assert _offices(rows[0], "government") == [("FRA", "1995-01-01", "2007-01-01")]  # overlapping, merged
    assert sorted(s.line for s in report.malformed) == [10, 11, 13, 15]
    assert [s.line for s in report.skipped] == [14]  # no readable dated code with a known country


# ---------------------------------------------------------------- Wikidata


@pytest.fixture(scope="module")
def wikidata() -> tuple[dict[str, dict], ImportReport]:
    report = ImportReport()
    return {r["wikidata"]: r for r in import_wikidata(FIXTURES / "wikidata_sample.json", report)}, report


def test_bindings_are_grouped_per_person(wikidata) -> None:
    rows, _ = wikidata
    assert list(rows) == ["Q76", "Q7747", "Q15031", "Q6294"]  # in the order of their first binding
    putin = rows["Q7747"]
    assert (putin["id"], putin["country"], putin["code"]) == ("vladimir-putin", "RUS", "RUSGOV")
    assert _offices(putin, "head_of_state") == [
        ("RUS", "2000-05-07", "2008-05-07"),
        ("RUS", "2012-05-07", None),
    ]
    assert _offices(putin, "head_of_government")[0] == ("RUS", "1999-08", "2000-05")  # month precision


def test_positions_map_to_office_keys(wikidata) -> None:
    rows, report = wikidata
    assert _offices(rows["Q6294"], "foreign_minister") == [("USA", "2009-01-21", "2013-02-01")]
    assert {o["office"] for o in rows["Q15031"]["offices"]} == {
        "party_leader",
        "head_of_state",
        "vice_president",
    }
    assert [s.line for s in report.skipped] == [2, 11]  # "United States senator" has no office key


@pytest.mark.parametrize(
    ("label", "office"),
    [
        ("Minister of Foreign Affairs of the People's Republic of China", "foreign_minister"),
        ("Minister for Foreign Affairs", "foreign_minister"),
        ("Deputy Minister of Foreign Affairs", "deputy_foreign_minister"),
        ("President of the United States", "head_of_state"),
        ("Vice President of the United States", "vice_president"),
        ("President of the European Commission", "commission_president"),
        ("President of the Government of Spain", "head_of_government"),
        ("Prime Minister of India", "head_of_government"),
        ("Deputy Prime Minister of Turkey", "vice_premier"),
        ("Chancellor of Germany", "head_of_government"),
        ("Chancellor of the Exchequer", "finance_minister"),
        ("Secretary-General of the United Nations", "secretary_general"),
        ("President of the European Central Bank", None),
        ("Chancellor of the Duchy of Lancaster", None),
        ("Premier of Ontario", None),
    ],
)
def test_position_table(label: str, office: str | None) -> None:
    assert next((key for pattern, key in position_table() if pattern.search(label)), None) == office


def test_aliases_are_full_names_in_latin_script(wikidata) -> None:
    rows, _ = wikidata
    assert rows["Q15031"]["aliases"] == ["Xi Jinping"]
    assert rows["Q7747"]["aliases"] == ["Vladimir Putin", "Vladimir Vladimirovich Putin"]
    assert "HRC" not in rows["Q6294"]["aliases"] and "Hillary Rodham Clinton" in rows["Q6294"]["aliases"]


def _binding(**cells: str) -> dict:
    return {
        k: {"type": "uri" if k == "end" and v.startswith("http") else "literal", "value": v}
        for k, v in cells.items()
    }


def test_bad_bindings_are_counted_not_fatal(tmp_path: Path) -> None:
    person = {"person": "http://www.wikidata.org/entity/Q999999999", "personLabel": "Ada Example Person"}
    bindings = [
        _binding(personLabel="No Person Uri"),
        _binding(**person, positionLabel="Prime Minister of France", countryISO3="FRA", start="1997"),
        _binding(
            **person,
            positionLabel="Prime Minister of France",
            countryISO3="FRA",
            start="1997-01-01T00:00:00Z",
            startPrecision="9",
            end="http://www.wikidata.org/.well-known/genid/0",
        ),
        _binding(
            **person,
            positionLabel="Minister for Foreign Affairs",
            countryISO3="FRA",
            start="1995-06-01T00:00:00Z",
            startPrecision="10",
            end="1997-03-04T00:00:00Z",
        ),
    ]
    path = tmp_path / "extract.json"
    path.write_text(json.dumps({"head": {"vars": []}, "results": {"bindings": [*bindings, "junk"]}}))
    report = ImportReport()
    rows = list(import_wikidata(path, report))
    assert [s.line for s in report.malformed] == [1, 2, 3, 5]
    assert rows[0]["offices"] == [
        {
            "office": "foreign_minister",
            "title": "Minister for Foreign Affairs",
            "country": "FRA",
            "start": "1995-06",
            "end": "1997-03-04",
        }
    ]


def test_year_precision_is_read_by_the_loader(tmp_path: Path) -> None:
    binding = _binding(
        person="http://www.wikidata.org/entity/Q999999999",
        personLabel="Ada Example Person",
        positionLabel="Prime Minister of France",
        countryISO3="FRA",
        start="2017-01-01T00:00:00Z",
        startPrecision="9",
        end="2019-01-01T00:00:00Z",
        endPrecision="9",
    )
    source = tmp_path / "extract.json"
    source.write_text(json.dumps({"results": {"bindings": [binding]}}))
    (row,) = import_wikidata(source)
    assert (row["offices"][0]["start"], row["offices"][0]["end"]) == ("2017", "2019")
    write_actors([row], tmp_path / "kb", "wikidata")
    (office,) = ActorTable.load(extra_dirs=[tmp_path / "kb"]).by_id["ada-example-person"].offices
    assert (office.start, office.end) == (date(2017, 1, 1), date(2019, 12, 31))


def test_a_file_that_is_not_a_sparql_result_raises(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]")
    with pytest.raises(KnowledgeError, match="results.bindings"):
        list(import_wikidata(path))


# ---------------------------------------------------------------- writing


def test_written_phoenix_rows_load_through_the_actor_table(countries, tmp_path: Path) -> None:
    afghans = [r for r in countries[0].values() if r["country"] == "AFG"]
    written = write_actors(afghans, tmp_path, "phoenix")
    assert written.path == tmp_path / "actors_phoenix.jsonl" and written.rows > 10
    bundled = ActorTable.load()
    table = ActorTable.load(extra_dirs=[tmp_path])
    assert len(table) == len(bundled) + written.rows  # nothing bundled was replaced
    (amin,) = table.by_name("Hafizullah Amin")
    assert amin.country == "AFG" and amin.active_on(date(1979, 10, 1))
    assert [o.office for o in amin.offices_on(date(1979, 10, 1))] == ["government"]


def test_people_the_bundled_table_has_are_left_out(wikidata, tmp_path: Path) -> None:
    written = write_actors(wikidata[0].values(), tmp_path, "wikidata")
    assert written.rows == 0 and sorted(written.known) == sorted(r["id"] for r in wikidata[0].values())


def test_a_clashing_id_gets_the_import_prefix(tmp_path: Path) -> None:
    other = {
        "id": "wang-yi",
        "name": "Wang Yi",
        "aliases": ["Wang Yi"],
        "country": "SGP",
        "sector": "BUS",
        "code": "SGPBUS",
        "wikidata": None,
        "offices": [],
    }  # a namesake, not the foreign minister
    written = write_actors([other, dict(other)], tmp_path, "wikidata")
    assert written.renamed == [("wang-yi", "wikidata-wang-yi"), ("wang-yi", "wikidata-wang-yi-2")]
    ids = [json.loads(line)["id"] for line in written.path.read_text().splitlines()]
    assert ids == ["wikidata-wang-yi", "wikidata-wang-yi-2"]
    assert ActorTable.load(extra_dirs=[tmp_path]).by_id["wang-yi"].country == "CHN"


def test_an_import_name_must_be_a_plain_word(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError):
        write_actors([], tmp_path, "../x")
