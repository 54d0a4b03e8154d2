"""A small KAMBU: a competence programme led by office A, three participants at two units (office B's), two areas,
one offer with a cohort of two places."""

from dataclasses import dataclass
from datetime import date

import pytest

from development.models import Clarification, Cohort, CompetenceArea, Offer, OfferKind
from offices.models import Unit
from programmes.models import Participant, Programme, ProgrammeKind


@dataclass
class Kambu:
    programme: object
    units: list
    areas: list
    offer: object
    cohort: object
    first: object  # world.b.staff at unit 0
    second: object  # world.c.staff at unit 1
    third: object  # world.a.staff at unit 0


def make_kambu(world, slug="kambu-test", owner=None, capacity=2):
    owner = owner or world.a.office
    programme = Programme.objects.create(
        kind=ProgrammeKind.COMPETENCE, name=f"{slug} programme", slug=slug, owner_office=owner
    )
    units = [
        Unit.objects.create(office=world.b.office, name=f"{slug} Åskov Skole"),
        Unit.objects.create(office=world.b.office, name=f"{slug} Lindegården"),
    ]
    areas = [
        CompetenceArea.objects.create(programme=programme, name="Økonomi og budget", position=0),
        CompetenceArea.objects.create(programme=programme, name="Digitale værktøjer", position=1),
    ]
    offer = Offer.objects.create(programme=programme, title=f"{slug} Økonomikursus", kind=OfferKind.COURSE, weeks=2)
    offer.areas.set([areas[0]])
    cohort = Cohort.objects.create(
        offer=offer, name="Hold 1", starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 13), capacity=capacity
    )
    first = Participant.objects.create(programme=programme, person=world.b.staff, unit=units[0])
    second = Participant.objects.create(programme=programme, person=world.c.staff, unit=units[1])
    third = Participant.objects.create(programme=programme, person=world.a.staff, unit=units[0])
    return Kambu(programme, units, areas, offer, cohort, first, second, third)


@pytest.fixture
def kambu(world):
    return make_kambu(world)


@pytest.fixture
def clarifications(kambu):
    return [Clarification.objects.create(participant=p) for p in (kambu.first, kambu.second, kambu.third)]
