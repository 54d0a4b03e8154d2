"""New working relations: a known answer for a small world, in one query."""
# ruff: noqa: F811 - the fixtures are imported from days_world

from datetime import timedelta

import pytest
from django.utils import timezone

from bootcamps.relations import Relations, new_relations
from programmes.models import Group, GroupMember, Participant
from tests.bootcamps.days_world import camp, join  # noqa: F401
from tests.bootcamps.test_group_builder import _meeting, _series, _visit

pytestmark = pytest.mark.django_db


def test_new_relations_known_answer(camp, world, django_assert_num_queries):
    join(camp.programme, world.a.section_leader, world.a.office)
    now = timezone.now()
    started = now - timedelta(days=40)
    group = Group.objects.create(programme=camp.programme, name="Gruppe 1")
    for person in (world.a.staff, world.b.staff, world.c.resource_person):
        GroupMember.objects.create(group=group, participant=Participant.objects.get(person=person))
    # Before the programme, B's staff and C's resource person met in one series: not new.
    series = _series(world.b.office, "Netværk")
    _meeting(series, started - timedelta(days=20), world.b.staff, world.c.resource_person)
    # Since it started: A's section leader visited C's resource person and met B's staff member.
    _visit(world.c.office, world.c.resource_person, world.a.section_leader, now - timedelta(days=3))
    _meeting(_series(world.a.office, "Temamøde"), now - timedelta(days=2), world.a.section_leader, world.b.staff)
    # A visit before the start and a cancelled one do not count; A's two people share an office.
    _visit(world.a.office, world.a.staff, world.c.resource_person, started - timedelta(days=5))
    _meeting(series, now - timedelta(days=1), world.a.staff, world.a.section_leader)
    with django_assert_num_queries(1):
        found = new_relations([camp.programme], now=now)
    # A staff–B staff and A staff–C RP (group), A leader–C RP (visit), A leader–B staff (meeting).
    assert found[camp.programme.pk] == Relations(total=4, by_group=2, by_visit=1, by_meeting=1)


def test_no_relations_without_anything_done(camp):
    assert new_relations([camp.programme])[camp.programme.pk] == Relations()
