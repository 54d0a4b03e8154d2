"""A café world on top of the shared one: an open café programme owned by office A (led by A's leading people and
the head of the administration), a published coming café meeting with two places, an unpublished one, and office
B's café programme with a published meeting of its own."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cafe import services
from programmes.models import Programme, ProgrammeKind

TZ = ZoneInfo("Europe/Copenhagen")


@dataclass
class CafeWorld:
    programme: object
    coming: object  # published, two places
    hidden: object  # not published
    other_programme: object
    other_meeting: object


def make_cafe(office, slug, name="Cafémøder"):
    return Programme.objects.create(kind=ProgrammeKind.CAFE, name=name, slug=slug, owner_office=office, is_open=True)


def make_meeting(programme, title, starts_at=None, capacity=2, publish=True, by=None):
    starts_at = starts_at or timezone.now() + timedelta(days=10)
    cafe_meeting = services.create_cafe_meeting(
        programme, title=title, starts_at=starts_at, duration_minutes=120, location="Kantinen", capacity=capacity
    )
    if publish:
        cafe_meeting.publish(by=by)
    return cafe_meeting


@pytest.fixture
def cw(world):
    programme = make_cafe(world.a.office, "cafe-a")
    other = make_cafe(world.b.office, "cafe-b", name="B's café")
    return CafeWorld(
        programme=programme,
        coming=make_meeting(programme, "Cafémøde om budgettet", by=world.a.resource_person),
        hidden=make_meeting(programme, "Næste cafémøde", starts_at=timezone.now() + timedelta(days=90), publish=False),
        other_programme=other,
        other_meeting=make_meeting(other, "B's cafémøde", by=world.b.resource_person),
    )


def at(*args):
    return datetime(*args, tzinfo=TZ)
