"""Where an engagement happened: the words of its sentence, else its occasion's host city."""

from __future__ import annotations

from dataclasses import replace

from sidelines.knowledge import KnowledgeBase
from sidelines.model import Mention, OccasionRef, Span, Where


def _town_of(building: Span) -> list[Span]:
    """"the Great Hall of the People in Beijing", "a hotel in Doha": when the tagger took the whole
    phrase as one facility, the town it names last is where it is."""
    cut = building.text.rfind(" in ")
    if cut < 0:
        return []
    start = cut + len(" in ")
    return [replace(building, text=building.text[start:], start=building.start + start)]


class PlaceResolver:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, mention: Mention, occasion: OccasionRef | None) -> Where | None:
        hints = [c.iso3 for s in mention.place_texts if (c := self.kb.countries.by_name(s.text))]
        hints += [p.country for p in mention.participants if p.country]
        country_only: Where | None = None
        for span in (s for named in mention.place_texts for s in (named, *_town_of(named))):
            country = self.kb.countries.by_name(span.text)
            if country is not None and country.kind == "country":
                country_only = country_only or Where(None, country.iso3, basis="explicit", span=span)
                continue
            place = self.kb.places.best(span.text, hints)
            if place is not None:
                return Where(place.city, place.country, place.lat, place.lon, "explicit", span)
        if occasion is not None and occasion.city:
            found = self.host(occasion)
            if found and (country_only is None or country_only.country == found.country):
                return found
        return country_only

    def host(self, occasion: OccasionRef) -> Where | None:
        place = self.kb.places.best(occasion.city or "", [occasion.country] if occasion.country else [])
        if place is None:
            return Where(occasion.city, occasion.country, basis="from_occasion", span=occasion.span)
        return Where(place.city, place.country, place.lat, place.lon, "from_occasion", occasion.span)

    def capital(self, country_code: str) -> Where | None:
        """The visited country's capital: a guess of lower precision, said as such."""
        country = self.kb.countries.by_code.get(country_code)
        if country is None or not country.capital:
            return None
        place = self.kb.places.best(country.capital, [country_code])
        if place is None:
            return None
        return Where(place.city, place.country, place.lat, place.lon, "capital")
