"""A bootcamp for the days, builder and evaluation tests: "Ledelse sammen" owned by office A (A's leading people
and the head lead it), with A's and B's staff and C's resource person taking part; one day held, one coming."""

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from bootcamps.models import BootcampDay
from programmes.models import Level, Participant, Programme, ProgrammeKind, Theme


@dataclass
class Camp:
    programme: object
    held: object
    coming: object
    participant: object  # A's staff member
    other: object  # B's staff member
    lead: object
    outsider: object


def make_camp(world, slug="ledelse-sammen", owner=None):
    owner = owner or world.a
    today = timezone.localdate()
    programme = Programme.objects.create(
        kind=ProgrammeKind.BOOTCAMP,
        name="Ledelse sammen",
        slug=slug,
        owner_office=owner.office,
        starts_on=today - timedelta(days=40),
    )
    Theme.objects.create(programme=programme, name="Rekruttering og fastholdelse", position=1)
    Theme.objects.create(programme=programme, name="Tillid frem for kontrol", position=2)
    held = BootcampDay.objects.create(
        programme=programme, date=today - timedelta(days=2), starts_at=time(9), ends_at=time(15), place="Rådhuset"
    )
    coming = BootcampDay.objects.create(
        programme=programme, date=today + timedelta(days=30), starts_at=time(9), ends_at=time(15), place="Hallen"
    )
    return programme, held, coming


def join(programme, person, office, level=Level.FIRST_LINE):
    return Participant.objects.create(programme=programme, person=person, office=office, level=level)


@pytest.fixture
def camp(world):
    programme, held, coming = make_camp(world)
    join(programme, world.a.staff, world.a.office)
    join(programme, world.b.staff, world.b.office, Level.SENIOR)
    join(programme, world.c.resource_person, world.c.office, Level.EXECUTIVE)
    return Camp(
        programme=programme,
        held=held,
        coming=coming,
        participant=world.a.staff,
        other=world.b.staff,
        lead=world.a.chief,
        outsider=world.c.staff,
    )


DAY = {
    "date": (date.today() + timedelta(days=60)).isoformat(),
    "starts_at": "09:00",
    "ends_at": "15:30",
    "place": "Musikhuset",
    "agenda": "9.00 Velkomst",
}
