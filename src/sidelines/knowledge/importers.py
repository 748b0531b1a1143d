"""Importers that grow the actor table from bigger public sources.

``import_phoenix`` reads a Phoenix/PETRARCH ``.actors.txt`` dictionary, ``import_wikidata`` a Wikidata SPARQL
JSON result; both yield rows of the ``actors*.jsonl`` schema (docs/knowledge.md), and ``write_actors`` writes
them where ``ActorTable.load(extra_dirs=[folder])`` reads them. A bad line is counted in an ``ImportReport``,
never fatal.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry

from sidelines.errors import KnowledgeError
from sidelines.knowledge.actors import ActorTable
from sidelines.knowledge.files import bundled_dir, fold, read_csv, read_jsonl

logger = logging.getLogger(__name__)

# fmt: off
#: Phoenix sector (the first role code after the country) -> office key of an imported office.
SECTOR_OFFICES = {
    "GOV": "government", "ELI": "elite", "MIL": "military", "LEG": "legislature", "JUD": "judiciary",
    "OPP": "opposition", "SPY": "intelligence", "COP": "police", "PTY": "party", "REB": "rebel",
    "INS": "insurgent", "BUS": "business", "MED": "media", "CVL": "civil_society", "LAB": "labour",
    "IGO": "international_organisation",
}
#: CAMEO country codes that are neither in countries.csv nor ISO 3166 alpha-3 codes of their own.
CAMEO_COUNTRIES = {"TMP": "TLS", "USR": "SUN"}

# Words that make a phrase a title, a group or a place rather than a person's name. Leading ones are
# stripped ("PRESIDENT_BILL_CLINTON" -> "Bill Clinton"); anywhere else they reject the phrase.
_NOT_NAME = frozenset({
    "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "PRESIDENT", "PRESIDENT-ELECT", "EX-PRESIDENT",
    "FORMER", "ACTING", "PRIME", "MINISTER", "DEPUTY", "VICE", "VICE-PRESIDENT", "SECRETARY",
    "SECRETARY-GENERAL", "GENERAL", "GEN", "GEN.", "LT", "LT.", "LIEUTENANT", "COLONEL", "COL.", "ADMIRAL",
    "ADM.", "CAPTAIN", "CAPT.", "SENATOR", "SEN.", "GOVERNOR", "GOV.", "CONGRESSMAN", "CONGRESSWOMAN",
    "REPRESENTATIVE", "REP.", "AMBASSADOR", "CHAIRMAN", "CHAIRWOMAN", "PREMIER", "CHANCELLOR", "FOREIGN",
    "DEFENSE", "DEFENCE", "US", "U.S.", "U.S", "UN", "U.N.", "EU", "E.U.", "THE", "OF", "AND", "AMERICAN",
    "UNITED", "NATIONS", "STATES", "STATE", "PM", "LEADER", "CHIEF", "SPOKESMAN", "SPOKESWOMAN",
    "ADMINISTRATION", "GOVERNMENT", "REGIME", "MINISTRY", "PARTY", "OFFICE", "DEPARTMENT", "COUNCIL",
    "COMMITTEE", "FORCES", "ARMY", "MILITARY", "POLICE", "MOVEMENT", "FRONT", "ALLIANCE", "ORGANIZATION",
    "ORGANISATION", "UNION", "ASSOCIATION", "AGENCY", "BUREAU", "COMMISSION", "BANK", "COMPANY",
    "CORPORATION", "ASSEMBLY", "PARLIAMENT", "PALACE", "REPUBLIC", "KINGDOM", "DIRECTOR", "OFFICIAL",
    "OFFICIALS", "COMMANDER",
})
_PARTICLES = frozenset({
    "al", "el", "de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "le", "van",
    "von", "bin", "ibn", "bint", "y",
})
# fmt: on
_ROMAN = re.compile(r"(I{1,3}|IV|VI{0,3}|IX|X)")
_NAME_TOKEN = re.compile(r"[^\W\d_][\w.'\-]*")
_RESTRICTION = re.compile(
    r"(?P<code>\S+)(?:\s*(?P<op>[<>])\s*(?P<day>\d+)|\s+(?P<lo>\d+)\s*-\s*(?P<hi>\d+))?"
)


@dataclass(frozen=True, slots=True)
class Skipped:
    line: int  # Phoenix: the line number; Wikidata: the binding's position; both from 1
    reason: str


@dataclass(slots=True)
class ImportReport:
    """What an import left out: ``malformed`` lines break the format, ``skipped`` entries are not people."""

    malformed: list[Skipped] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    rows: int
    renamed: list[tuple[str, str]]  # (imported id, id written) where the imported id was taken
    known: list[str]  # imported ids left out as the same person as a bundled actor


# ---------------------------------------------------------------- names


def _latin(text: str) -> bool:
    return text.isascii() or all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)


def _cap(part: str) -> str:
    if part.startswith("mc") and len(part) > 2:
        return "Mc" + part[2:].capitalize()
    if len(part) > 2 and part[1] == "'":
        return part[0].upper() + "'" + part[2:].capitalize()
    return part.capitalize()


def _case(token: str, first: bool) -> str:
    """One dictionary token in the case English news writes it ("AL-ASSAD" -> "al-Assad")."""
    if not first and _ROMAN.fullmatch(token.upper()):
        return token.upper()
    parts = token.lower().split("-")
    head = parts[0] if not first and parts[0] in _PARTICLES else _cap(parts[0])
    return "-".join([head, *map(_cap, parts[1:])])


def _phoenix_name(phrase: str) -> str | None:
    """A person's full name from a dictionary phrase, or None for a title, group, place or bare surname."""
    tokens = [t for t in re.split(r"[_\s]+", phrase.strip()) if t]
    while tokens and tokens[0].upper() in _NOT_NAME:
        tokens.pop(0)
    if len(tokens) < 2 or any(t.upper() in _NOT_NAME or not _NAME_TOKEN.fullmatch(t) for t in tokens):
        return None
    name = " ".join(_case(t, k == 0) for k, t in enumerate(tokens))
    return name if _latin(name) else None


def _full_names(candidates: Iterable[str]) -> list[str]:
    """Distinct (by folded form) full names in Latin script with at least two words."""
    seen: dict[str, str] = {}
    for name in candidates:
        key = fold(name)
        if len(key.split()) >= 2 and _latin(name) and key not in seen:
            seen[key] = name.strip()
    return list(seen.values())


def slug(name: str) -> str:
    """The id form of a name: lowercase ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


# ---------------------------------------------------------------- Phoenix / PETRARCH


@dataclass(frozen=True, slots=True)
class _Code:
    code: str
    start: date | None
    end: date | None
    dated: bool


@dataclass(slots=True)
class _Entry:
    line: int
    phrases: list[str]
    codes: list[_Code] = field(default_factory=list)
    closed: bool = False  # a code was given (even a malformed one): the next primary phrase starts anew


class _Cameo:
    """CAMEO country and organisation codes -> the ids the actor table uses."""

    def __init__(self) -> None:
        self.countries = {
            r["cameo"] or r["iso3"]: r["iso3"] for r in read_csv(bundled_dir() / "countries.csv")
        }
        self.organisations: dict[str, str] = {}
        for row in read_csv(bundled_dir() / "organisations.csv"):
            cameo = row["cameo"] or row["id"]
            if cameo not in self.organisations or row["id"] == cameo:
                self.organisations[cameo] = row["id"]

    def country(self, prefix: str) -> str | None:
        if prefix in self.countries or prefix in CAMEO_COUNTRIES:
            return self.countries.get(prefix) or CAMEO_COUNTRIES[prefix]
        known = pycountry.countries.get(alpha_3=prefix) or pycountry.historic_countries.get(alpha_3=prefix)
        return prefix if known else None

    def parse(self, code: str) -> tuple[str, str] | None:
        """(country or organisation id, sector) of a code like ``USAGOV`` or ``IGOWSTNAT``, if it has both.

        An ``IGO`` code names regions and bodies from the general to the specific (``IGOUNODEVWBK``): the
        last group that is an organisation's ``cameo`` code wins."""
        chunks = [code[k : k + 3] for k in range(3, len(code), 3)]
        if code.startswith("IGO"):
            org = next((self.organisations[c] for c in reversed(chunks) if c in self.organisations), None)
            return (org, "IGO") if org else None
        country = self.country(code[:3])
        sector = next((c for c in chunks if c in SECTOR_OFFICES), None)
        return (country, sector) if country and sector else None


def _yymmdd(text: str) -> date:
    """A PETRARCH date, ``YYMMDD`` (00-30 -> 20YY, else 19YY) or ``YYYYMMDD``."""
    if len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if len(text) == 6:
        year = int(text[:2])
        return date(year + (2000 if year <= 30 else 1900), int(text[2:4]), int(text[4:]))
    raise ValueError(f"{text!r} is neither YYMMDD nor YYYYMMDD")


def _code(inner: str) -> _Code | None:
    """One bracketed code with its restriction; None for the null code ``---``. Raises ValueError."""
    match = _RESTRICTION.fullmatch(inner.strip())
    if match is None or not re.fullmatch(r"[A-Z][A-Z0-9]{2,}|-+", match["code"]):
        raise ValueError(f"cannot read [{inner.strip()}]")
    if match["code"].startswith("-"):
        return None
    if match["op"]:
        day = _yymmdd(match["day"])
        return _Code(
            match["code"], day if match["op"] == ">" else None, day if match["op"] == "<" else None, True
        )
    if match["lo"]:
        start, end = _yymmdd(match["lo"]), _yymmdd(match["hi"])
        if end < start:
            raise ValueError(f"[{inner.strip()}] ends before it starts")
        return _Code(match["code"], start, end, True)
    return _Code(match["code"], None, None, False)


def _codes(number: int, text: str, report: ImportReport) -> list[_Code]:
    if text.count("[") != text.count("]") or "[" not in text:
        report.malformed.append(Skipped(number, f"unbalanced or missing [code]: {text.strip()!r}"))
        return []
    found = []
    for inner in re.findall(r"\[([^\]]*)\]", text):
        try:
            code = _code(inner)
        except ValueError as exc:
            report.malformed.append(Skipped(number, str(exc)))
            continue
        if code is not None:
            found.append(code)
    return found


def _phoenix_lines(path: Path, report: ImportReport) -> Iterator[tuple[int, str]]:
    """Numbered lines without comments (``#``, ``;``, ``<!-- -->``) or blanks; stops at ``---STOP---``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(str(path), f"cannot read: {exc}") from exc
    in_comment = False
    for number, raw in enumerate(data.splitlines(), 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            report.malformed.append(Skipped(number, "not UTF-8"))
            continue
        if in_comment or line.lstrip().startswith("<!"):
            in_comment = "-->" not in line
            continue
        if "---STOP---" in line:
            return
        body = re.split(r"[#;]", re.sub(r"<!--.*?-->", "", line), maxsplit=1)[0].rstrip()
        if body.strip():
            yield number, body


def _phoenix_entries(path: Path, report: ImportReport) -> Iterator[_Entry]:
    """Entries as PETRARCH groups them: consecutive primary phrases without a code share the next codes."""
    entry: _Entry | None = None
    for number, body in _phoenix_lines(path, report):
        if body[0] in " \t" or body[0] == "+":
            if entry is None:
                report.malformed.append(Skipped(number, "synonym or code before any primary phrase"))
            elif body[0] == "+":
                entry.phrases.append(body[1:])
            else:
                entry.codes.extend(_codes(number, body, report))
                entry.closed = True
            continue
        if entry is not None and entry.closed:
            yield entry
            entry = None
        phrase, bracket, rest = body.partition("[")
        entry = entry or _Entry(number, [])
        entry.phrases.append(phrase)
        if bracket:
            entry.codes.extend(_codes(number, bracket + rest, report))
            entry.closed = True
    if entry is not None:
        yield entry


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _merge_offices(offices: list[dict]) -> list[dict]:
    """Overlapping or touching ranges of one office in one country joined into one."""
    merged: list[dict] = []
    for office in sorted(offices, key=lambda o: (o["office"], o["country"], o["start"] or "")):
        last = merged[-1] if merged else None
        same = last is not None and (last["office"], last["country"]) == (office["office"], office["country"])
        if last is not None and same and (last["end"] is None or (office["start"] or "") <= last["end"]):
            last["end"] = None if None in (last["end"], office["end"]) else max(last["end"], office["end"])
        else:
            merged.append(dict(office))
    return sorted(merged, key=lambda o: o["start"] or "")


def _phoenix_row(entry: _Entry, path: Path, cameo: _Cameo, report: ImportReport) -> dict | None:
    names = _full_names(n for n in map(_phoenix_name, entry.phrases) if n)
    parsed = [(c, p) for c in entry.codes if (p := cameo.parse(c.code))]
    dated = [(c, p) for c, p in parsed if c.dated]
    if not names or not dated:
        why = "no personal name" if not names else "no dated code with a country and a sector"
        report.skipped.append(Skipped(entry.line, f"{why}: {entry.phrases[0].strip()!r}"))
        return None
    default = [(c, p) for c, p in parsed if not c.dated]
    main, (country, sector) = default[-1] if default else max(dated, key=lambda cp: cp[0].start or date.min)
    offices = [
        {
            "office": SECTOR_OFFICES[s],
            "title": c.code,
            "country": where,
            "start": _iso(c.start),
            "end": _iso(c.end),
        }
        for c, (where, s) in dated
    ]
    return {
        "id": slug(names[0]),
        "name": names[0],
        "aliases": names,
        "country": country,
        "sector": sector,
        "code": main.code,
        "wikidata": None,
        "offices": _merge_offices(offices),
        "source": f"{path.name}:{entry.line}",
    }


def _merge_rows(rows: Iterable[dict]) -> list[dict]:
    """One row per (id, country): the same name listed twice in a country is taken as one person."""
    people: dict[tuple[str, str], dict] = {}
    for row in rows:
        key = (row["id"], row["country"])
        if key not in people:
            people[key] = row
            continue
        kept = people[key]
        kept["aliases"] = _full_names([*kept["aliases"], *row["aliases"]])
        kept["offices"] = _merge_offices(kept["offices"] + row["offices"])
    countries: dict[str, int] = {}
    for slug_, _ in people:
        countries[slug_] = countries.get(slug_, 0) + 1
    for (slug_, country), row in people.items():
        if countries[slug_] > 1:  # the same name in two countries: two people
            row["id"] = f"{slug_}-{country.lower()}"
    return list(people.values())


def import_phoenix(path: Path, report: ImportReport | None = None) -> Iterator[dict]:
    """Actor rows for the people of a Phoenix/PETRARCH ``.actors.txt`` dictionary.

    A person is an entry with a full name and at least one date-restricted code whose country and sector
    are known; each such code becomes an office (see ``SECTOR_OFFICES``). Lines that break the format are
    counted in ``report.malformed``, entries that are not people in ``report.skipped``.
    """
    report = report if report is not None else ImportReport()
    cameo = _Cameo()
    rows = (_phoenix_row(e, path, cameo, report) for e in _phoenix_entries(path, report))
    yield from _merge_rows(r for r in rows if r)
    if report.malformed:
        logger.warning("%s: %d malformed lines skipped", path, len(report.malformed))


# ---------------------------------------------------------------- Wikidata


_Positions = list[tuple[re.Pattern[str], str]]


def position_table() -> _Positions:
    """(pattern, office key) rows of ``data/wikidata_positions.csv``, in order: the first match wins."""
    table = bundled_dir() / "wikidata_positions.csv"
    return [(re.compile(r["label_pattern"], re.IGNORECASE), r["office"]) for r in read_csv(table)]


def _bindings(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        bindings = data["results"]["bindings"]
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(str(path), f"cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(str(path), f"not JSON: {exc.msg}") from exc
    except (KeyError, TypeError) as exc:
        raise KnowledgeError(str(path), "not a SPARQL JSON result (no results.bindings)") from exc
    if not isinstance(bindings, list):
        raise KnowledgeError(str(path), "results.bindings is not a list")
    return bindings


def _literal(binding: dict, name: str) -> str | None:
    cell = binding.get(name)
    if not isinstance(cell, dict):
        return None
    return str(cell.get("value", "")).strip() or None


def _wikidata_day(binding: dict, name: str) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` by the ``<name>Precision`` cell (11, 10, 9; day if absent)."""
    value = _literal(binding, name)
    if value is None:
        return None
    if binding[name].get("type") != "literal" or not re.match(r"\d{4}-\d\d-\d\d", value):
        raise ValueError(f"{name} is not a date: {value!r}")
    precision = int(_literal(binding, f"{name}Precision") or 11)
    if precision < 9:
        raise ValueError(f"{name} is known only to precision {precision}")
    return value[: {9: 4, 10: 7}.get(precision, 10)]


def _office(binding: dict, positions: _Positions) -> dict:
    """The office a binding's position names; raises LookupError when the label maps to no office key."""
    label = _literal(binding, "positionLabel") or ""
    office = next((key for pattern, key in positions if pattern.search(label)), None)
    if office is None:
        raise LookupError(f"position {label!r} matches no row of wikidata_positions.csv")
    start, end = _wikidata_day(binding, "start"), _wikidata_day(binding, "end")
    return {"office": office, "title": label, "country": _iso3(binding), "start": start, "end": end}


def _iso3(binding: dict) -> str | None:
    code = (_literal(binding, "countryISO3") or "").upper()
    return code if re.fullmatch(r"[A-Z]{3}", code) else None


def _add_binding(
    number: int, binding: dict, people: dict[str, dict], positions: _Positions, report: ImportReport
) -> None:
    qid = (_literal(binding, "person") or "").rsplit("/", 1)[-1]
    label = _literal(binding, "personLabel")
    if not re.fullmatch(r"Q\d+", qid) or not label:
        report.malformed.append(Skipped(number, "binding without a person and a personLabel"))
        return
    person = people.setdefault(qid, {"line": number, "names": [label], "offices": [], "countries": []})
    person["names"].extend((_literal(binding, "altLabels") or "").split("|"))
    person["countries"].append(_iso3(binding))
    if _literal(binding, "positionLabel") is None:
        return
    try:
        office = _office(binding, positions)
    except LookupError as exc:
        report.skipped.append(Skipped(number, str(exc.args[0])))
    except ValueError as exc:
        report.malformed.append(Skipped(number, str(exc)))
    else:
        if office not in person["offices"]:
            person["offices"].append(office)


def _wikidata_row(qid: str, person: dict, report: ImportReport) -> dict | None:
    names = _full_names(person["names"])
    latest = sorted(person["offices"], key=lambda o: o["start"] or "")
    country = next((o["country"] for o in reversed(latest) if o["country"]), None)
    country = country or next((c for c in person["countries"] if c), None)
    if not names or country is None:
        why = (
            "no countryISO3" if names else f"label {person['names'][0]!r} is not a full name in Latin script"
        )
        report.skipped.append(Skipped(person["line"], f"{qid}: {why}"))
        return None
    offices = [{**o, "country": o["country"] or country} for o in latest]
    return {
        "id": slug(names[0]),
        "name": names[0],
        "aliases": names,
        "country": country,
        "sector": "GOV",
        "code": f"{country}GOV",
        "wikidata": qid,
        "offices": offices,
        "source": f"wikidata:{qid}",
    }


def import_wikidata(path: Path, report: ImportReport | None = None) -> Iterator[dict]:
    """Actor rows from a Wikidata SPARQL JSON result, one per person, its bindings grouped into offices.

    The variables read are ``person``, ``personLabel``, ``altLabels`` (``|``-separated), ``positionLabel``,
    ``countryISO3``, ``start``, ``end`` and optionally ``startPrecision``/``endPrecision``; position labels
    map to office keys through ``data/wikidata_positions.csv`` (first matching pattern wins).
    """
    report = report if report is not None else ImportReport()
    positions = position_table()
    people: dict[str, dict] = {}
    for number, binding in enumerate(_bindings(path), 1):
        if isinstance(binding, dict):
            _add_binding(number, binding, people, positions, report)
        else:
            report.malformed.append(Skipped(number, "binding is not an object"))
    taken: set[str] = set()
    for qid, person in people.items():
        row = _wikidata_row(qid, person, report)
        if row is not None:
            row["id"] = row["id"] if row["id"] not in taken else f"{row['id']}-{qid.lower()}"
            taken.add(row["id"])
            yield row
    if report.malformed:
        logger.warning("%s: %d malformed bindings skipped", path, len(report.malformed))


# ---------------------------------------------------------------- writing


def _taken_ids(out: Path, target: Path) -> set[str]:
    """Ids in the other ``actors*.jsonl`` files of the output folder."""
    return {
        row["id"]
        for other in sorted(out.glob("actors*.jsonl"))
        if other != target
        for row in read_jsonl(other)
        if "id" in row
    }


def _known(row: dict, bundled: ActorTable, wikidata: set[str]) -> bool:
    """Whether a bundled actor is the same person: same Q-id; same id or full name in the same country; or
    same full name where either is an official of an international organisation (listed under it in one
    source, under a country in the other)."""
    if row.get("wikidata") and row["wikidata"] in wikidata:
        return True
    same_id = bundled.by_id.get(row["id"])
    if same_id is not None and same_id.country == row.get("country"):
        return True
    return any(
        a.country == row.get("country") or "IGO" in (a.sector, row.get("sector"))
        for a in bundled.by_name(row["name"])
    )


def _free_id(wanted: str, prefix: str, taken: set[str]) -> str:
    """``wanted``, or ``<prefix>-wanted`` (then ``-2``, ``-3`` ...) where it is taken."""
    if wanted not in taken:
        return wanted
    candidate, number = f"{prefix}-{wanted}", 1
    while candidate in taken:
        number += 1
        candidate = f"{prefix}-{wanted}-{number}"
    return candidate


def write_actors(rows: Iterable[dict], out: Path, name: str = "imported") -> Written:
    """Write ``rows`` to ``out/actors_<name>.jsonl`` for ``ActorTable.load(extra_dirs=[out])``.

    A row for a person the bundled table already has is left out (bundled rows are curated); an id taken
    by a bundled actor or another actors file in ``out`` gets the prefix ``<name>-``.
    """
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise KnowledgeError(name, "an import name is lowercase letters, digits and _", "use e.g. 'phoenix'")
    bundled = ActorTable.load()
    wikidata = {a.wikidata for a in bundled.by_id.values() if a.wikidata}
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"actors_{name}.jsonl"
    taken = set(bundled.by_id) | _taken_ids(out, path)
    renamed: list[tuple[str, str]] = []
    known: list[str] = []
    count = 0
    partial = path.with_suffix(".jsonl.part")
    try:
        with open(partial, "w", encoding="utf-8") as handle:
            for row in rows:
                if _known(row, bundled, wikidata):
                    known.append(row["id"])
                    continue
                new_id = _free_id(row["id"], name, taken)
                taken.add(new_id)
                if new_id != row["id"]:
                    renamed.append((row["id"], new_id))
                handle.write(json.dumps({**row, "id": new_id}, ensure_ascii=False) + "\n")
                count += 1
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return Written(path, count, renamed, known)
