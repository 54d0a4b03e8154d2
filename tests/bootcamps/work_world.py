"""A bootcamp for the groups' work tests, on top of the shared world: programme "Ledelse sammen" owned by office A
(led by A's leading people and the head of the administration); two groups of one theme; A's staff member in group 1
(the member), B's staff member in group 2 (another participant); C's staff member outside the programme."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bootcamps.models import Barrier, BarrierKind, Feeling, JourneyMap, JourneyStep
from programmes.models import Group, GroupMember, Level, Participant, Programme, ProgrammeKind, Theme


@dataclass
class Bootcamp:
    programme: object
    theme: object
    group: object
    other_group: object
    member: object
    other_participant: object
    lead: object
    outsider: object

    def url(self, name, group=None, **kwargs):
        group = group or self.group
        if name in ("bootcamps:barriers",):
            return reverse(name, kwargs={"slug": self.programme.slug})
        return reverse(name, kwargs={"slug": self.programme.slug, "pk": group.pk, **kwargs})


def make_bootcamp(world, slug="ledelse-sammen", owner=None):
    owner = owner or world.a
    programme = Programme.objects.create(
        kind=ProgrammeKind.BOOTCAMP,
        name="Ledelse sammen" if slug == "ledelse-sammen" else slug,
        slug=slug,
        owner_office=owner.office,
        starts_on=timezone.localdate() - timedelta(days=30),
    )
    theme = Theme.objects.create(programme=programme, name="Sammenhængende borgerforløb", position=1)
    group = Group.objects.create(programme=programme, theme=theme, name="Gruppe 1", problem="Borgere falder mellem")
    other_group = Group.objects.create(programme=programme, theme=theme, name="Gruppe 2")
    return programme, theme, group, other_group


def join(programme, person, office, group=None):
    participant = Participant.objects.create(programme=programme, person=person, office=office, level=Level.FIRST_LINE)
    if group is not None:
        GroupMember.objects.create(group=group, participant=participant)
    return participant


@pytest.fixture
def camp(world):
    programme, theme, group, other_group = make_bootcamp(world)
    join(programme, world.a.staff, world.a.office, group)
    join(programme, world.b.staff, world.b.office, other_group)
    return Bootcamp(
        programme=programme,
        theme=theme,
        group=group,
        other_group=other_group,
        member=world.a.staff,
        other_participant=world.b.staff,
        lead=world.a.chief,
        outsider=world.c.staff,
    )


def barrier(group, text="Reglerne forbyder det", kind=BarrierKind.UNSORTED, by=None):
    return Barrier.objects.create(group=group, text=text, kind=kind, raised_by=by)


def journey(group, steps=0, persona="Borger, der flytter til kommunen"):
    journey = JourneyMap.objects.create(group=group, persona=persona)
    feelings = [Feeling.GLAD, Feeling.NEUTRAL, Feeling.FRUSTRATED]
    for n in range(1, steps + 1):
        JourneyStep.objects.create(
            journey=journey,
            position=n,
            title=f"Trin {n}",
            touchpoint=f"Sted {n}",
            action="Udfylder en blanket",
            feeling=feelings[n % 3],
            meets="En ventetid",
            breaks=n == 2,
            break_note="Ingen ringer tilbage" if n == 2 else "",
        )
    return journey
