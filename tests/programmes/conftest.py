"""A small programme world on top of the shared one: a programme owned by office A, led by A's leading people (and
the head of its administration, and office C's chief by name); participants from offices A, B and C; one theme, one
group (B's staff member is in it), one initiative owned by A's staff member."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from programmes.models import Group, GroupMember, Initiative, Level, Participant, Programme, ProgrammeKind, Theme


@dataclass
class ProgrammeWorld:
    programme: object
    other: object
    theme: object
    group: object
    initiative: object
    grouped: object  # B's staff member, in the group
    member: object  # A's staff member, owner of the initiative
    reader: object  # C's staff member, a participant in no group


def make_programme(owner_office, slug, **extra):
    return Programme.objects.create(
        kind=extra.pop("kind", ProgrammeKind.BOOTCAMP),
        name=extra.pop("name", slug.title()),
        slug=slug,
        owner_office=owner_office,
        starts_on=timezone.localdate() - timedelta(days=30),
        **extra,
    )


@pytest.fixture
def pw(world):
    programme = make_programme(world.a.office, "ledelse-sammen", name="Ledelse sammen")
    programme.leads.add(world.c.chief)
    other = make_programme(world.b.office, "another", name="Another programme")
    theme = Theme.objects.create(programme=programme, name="Velfærd", position=1)
    group = Group.objects.create(programme=programme, theme=theme, name="Gruppe 1")
    parts = {
        person: Participant.objects.create(programme=programme, person=person, office=office, level=Level.STAFF)
        for person, office in (
            (world.a.staff, world.a.office),
            (world.b.staff, world.b.office),
            (world.c.staff, world.c.office),
        )
    }
    GroupMember.objects.create(group=group, participant=parts[world.b.staff])
    initiative = Initiative.objects.create(
        programme=programme,
        office=world.a.office,
        theme=theme,
        group=group,
        title="Færre blanketter",
        goal="Borgeren udfylder én blanket.",
        owner=world.a.staff,
        created_by=world.a.resource_person,
    )
    return ProgrammeWorld(
        programme=programme,
        other=other,
        theme=theme,
        group=group,
        initiative=initiative,
        grouped=world.b.staff,
        member=world.a.staff,
        reader=world.c.staff,
    )
