"""CAMEO actor codes for participants: a country (``CHN``), its government (``CHNGOV``), an
international organisation (``IGOUNO``), from the knowledge base and a small word -> sector table."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sidelines.knowledge import KnowledgeBase
from sidelines.knowledge.countries import Country
from sidelines.knowledge.files import read_csv
from sidelines.model import Participant


@dataclass(frozen=True, slots=True)
class CodedActor:
    """One side of a dyad: the name as reported, its CAMEO actor code and its ISO 3166 alpha-3 country
    (None for an international organisation)."""

    name: str
    code: str | None
    country: str | None
    actor_id: str | None = None

    @property
    def key(self) -> str:
        """What makes two sides the same side: the person, else the code, else the name."""
        return self.actor_id or self.code or self.name


def data_dir() -> Path:
    return Path(str(resources.files("sidelines.coding") / "data"))


@lru_cache(maxsize=1)
def sectors() -> dict[str, str]:
    """Head words of actor phrases and the CAMEO sector they give ("troops" -> MIL)."""
    return {row["word"]: row["sector"] for row in read_csv(data_dir() / "actor_sectors.csv")}


def sector_of(lemma: str) -> str | None:
    word = lemma.lower()
    return sectors().get(word) or sectors().get(word.removesuffix("s"))


@lru_cache(maxsize=1)
def groups() -> dict[str, CodedActor]:
    """Non-state groups and non-governmental organisations the country table has no row for
    (armed movements, parties, relief and rights organisations), by lower-case name."""
    return {row["name"]: CodedActor(row["name"], row["code"], row["country"] or None)
            for row in read_csv(data_dir() / "groups.csv")}


def group_actor(text: str) -> CodedActor | None:
    """The group a name stands for ("the Taliban", "Hamas's"), with the name as written."""
    bare = text.lower().removesuffix("'s").removesuffix("’s").strip()
    bare = bare.removeprefix("the ").strip()
    row = groups().get(bare)
    return CodedActor(text, row.code, row.country) if row else None


def organisation_code(org: Country) -> str:
    """``IGO`` and the organisation's own code, as the Phoenix dictionaries write it (IGOUNO)."""
    return org.cameo if org.cameo.startswith("IGO") else f"IGO{org.cameo}"


def country_actor(kb: KnowledgeBase, iso3: str, sector: str | None = None, name: str | None = None) -> CodedActor:
    """A country or an organisation by its knowledge-base code, with an optional sector."""
    row = kb.countries.by_code.get(iso3)
    if row is not None and row.kind == "organisation":
        return CodedActor(name or row.name, organisation_code(row), None)
    base = row.cameo if row is not None else iso3
    return CodedActor(name or (row.name if row else iso3), base + (sector or ""), iso3)


def from_participant(p: Participant, kb: KnowledgeBase) -> CodedActor:
    """A participant's code: a linked person's own code (CHNGOV), a country's (CHN), an organisation's
    (IGOUNO), or an unlinked official's country with the government sector."""
    actor = kb.actors.by_id.get(p.actor_id) if p.actor_id else None
    if actor is not None:
        return CodedActor(actor.name, actor.code, actor.country, actor.id)
    if p.kind == "organisation":
        org = kb.countries.by_name(p.name) or kb.countries.find(p.name)
        return CodedActor(p.name, organisation_code(org) if org else None, None)
    if p.country is None:
        return CodedActor(p.name, None, None)
    coded = country_actor(kb, p.country, "GOV" if p.kind == "person" else None, p.name)
    return coded


@lru_cache(maxsize=1)
def attack_nouns() -> frozenset[str]:
    """Nouns that report an attack ("shelling", "air strike"): in a passive report of force they
    carry who attacked ("killed in Israeli shelling")."""
    return frozenset(row["word"] for row in read_csv(data_dir() / "attack_nouns.csv"))
