"""The knowledge base handed to every stage: loaded once per process, picklable for workers."""

from __future__ import annotations

from dataclasses import dataclass

from sidelines.config import Settings
from sidelines.knowledge.actors import ActorTable
from sidelines.knowledge.calendar import Calendar
from sidelines.knowledge.codes import CodeBook
from sidelines.knowledge.countries import CountryTable
from sidelines.knowledge.places import Gazetteer


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    actors: ActorTable
    countries: CountryTable
    places: Gazetteer
    calendar: Calendar
    codes: CodeBook

    @classmethod
    def load(cls, settings: Settings | None = None) -> KnowledgeBase:
        settings = settings or Settings()
        extra = settings.knowledge_paths
        return cls(
            actors=ActorTable.load(extra),
            countries=CountryTable.load(extra),
            places=Gazetteer.load(settings.gazetteer_min_population, extra),
            calendar=Calendar.load(extra),
            codes=CodeBook.load(extra_dirs=extra),
        )
