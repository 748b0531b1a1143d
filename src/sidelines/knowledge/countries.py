"""Countries and international organisations, with every word a report uses for them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sidelines.knowledge.files import data_files, fold, read_csv, split_list


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    metonyms: tuple[str, ...]
    capital: str | None
    cameo: str
    kind: str = "country"  # or "organisation"


class CountryTable:
    """Lookup of a country (or organisation) by name, alias, adjective or metonym."""

    def __init__(self, countries: Iterable[Country]) -> None:
        self.by_code: dict[str, Country] = {}
        self._names: dict[str, Country] = {}
        self._adjectives: dict[str, Country] = {}
        self._metonyms: dict[str, Country] = {}
        for country in countries:
            self.by_code[country.iso3] = country
            for name in (country.name, *country.aliases):
                self._names.setdefault(fold(name), country)
            for adjective in country.adjectives:
                self._adjectives.setdefault(fold(adjective), country)
            for metonym in country.metonyms:
                self._metonyms.setdefault(fold(metonym).removeprefix("the "), country)

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = ()) -> CountryTable:
        rows: list[Country] = []
        for path in data_files("countries.csv", extra_dirs):
            rows.extend(
                Country(
                    iso3=r["iso3"],
                    name=r["name"],
                    aliases=tuple(split_list(r.get("aliases"))),
                    adjectives=tuple(split_list(r.get("adjectives"))),
                    metonyms=tuple(split_list(r.get("metonyms"))),
                    capital=r.get("capital") or None,
                    cameo=r.get("cameo") or r["iso3"],
                )
                for r in read_csv(path)
            )
        for path in data_files("organisations.csv", extra_dirs):
            rows.extend(
                Country(
                    iso3=r["id"],
                    name=r["name"],
                    aliases=tuple(split_list(r.get("aliases"))),
                    adjectives=(),
                    metonyms=(),
                    capital=r.get("hq_city") or None,
                    cameo=r.get("cameo") or r["id"],
                    kind="organisation",
                )
                for r in read_csv(path)
            )
        # Later files win: a user's row replaces a bundled one with the same code.
        return cls(reversed(rows))

    def __len__(self) -> int:
        return len(self.by_code)

    def by_name(self, text: str) -> Country | None:
        key = fold(text).removeprefix("the ")
        return self._names.get(key) or self._names.get(fold(text))

    def by_adjective(self, text: str) -> Country | None:
        key = fold(text)
        return self._adjectives.get(key) or self._adjectives.get(key.removesuffix(" s").removesuffix("s"))

    def by_metonym(self, text: str) -> Country | None:
        return self._metonyms.get(fold(text).removeprefix("the "))

    def find(self, text: str) -> Country | None:
        """A country named, described or stood for by ``text`` ("Russia's", "Chinese", "the Kremlin")."""
        bare = text.removesuffix("'s").removesuffix("’s")
        return self.by_name(bare) or self.by_adjective(bare) or self.by_metonym(bare)

    def words(self) -> Iterable[tuple[str, Country, str]]:
        """(surface word, country, kind of word) for the entity ruler."""
        for country in self.by_code.values():
            for name in (country.name, *country.aliases):
                yield name, country, "name"
            for adjective in country.adjectives:
                yield adjective, country, "adjective"
            for metonym in country.metonyms:
                yield metonym, country, "metonym"
