"""A task force in office A: two units with their administrative leaders, the programme, the monthly meeting."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from meetings.models import Frequency, Meeting, MeetingKind, MeetingSeries
from offices.models import Unit, UnitContact, UnitKind
from programmes.models import Initiative, Participant, Programme, ProgrammeKind
from taskforce.models import InitiativeUnits, TaskForce


@dataclass
class TaskForceWorld:
    school: Unit
    club: Unit
    leader: UnitContact
    club_leader: UnitContact
    programme: Programme
    task_force: TaskForce
    series: MeetingSeries
    meeting: Meeting
    initiative: Initiative
    other_unit: Unit
    other_meeting: Meeting


def _series(office, title):
    return MeetingSeries.objects.create(
        office=office,
        kind=MeetingKind.UNITS,
        title=title,
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=1,
        start_date=timezone.localdate(),
        start_time=time(14),
    )


def _meeting(series, days=-1):
    start = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(14)))
    return Meeting.objects.create(series=series, starts_at=start, ends_at=start + timedelta(minutes=90))


@pytest.fixture
def tf(world):
    a = world.a
    school = Unit.objects.create(office=a.office, name="Skovvangskolen", kind=UnitKind.SCHOOL)
    club = Unit.objects.create(office=a.office, name="Klub Nord", kind=UnitKind.CLUB)
    leader = UnitContact.objects.create(unit=school, name="Birthe Lindholm", title="Administrativ leder")
    club_leader = UnitContact.objects.create(unit=club, name="Maja Thorsen", title="Administrativ leder")
    programme = Programme.objects.create(
        kind=ProgrammeKind.TASK_FORCE, name="Task Force A", slug="task-force-a", owner_office=a.office
    )
    Participant.objects.create(programme=programme, person=a.staff, office=a.office)
    series = _series(a.office, "Møde med de administrative ledere")
    task_force = TaskForce.objects.create(programme=programme, series=series)
    task_force.guests.set([leader, club_leader])
    initiative = Initiative.objects.create(
        programme=programme,
        office=a.office,
        title="Fælles skabelon til budgetopfølgning",
        goal="Samme skabelon overalt.",
        owner=a.staff,
        created_by=a.resource_person,
    )
    InitiativeUnits.objects.create(initiative=initiative).units.set([school])
    other_unit = Unit.objects.create(office=world.b.office, name="Vestergårdsskolen", kind=UnitKind.SCHOOL)
    UnitContact.objects.create(unit=other_unit, name="Kasper Nørgaard")
    other_meeting = _meeting(_series(world.b.office, "B's møde med enhederne"))
    return TaskForceWorld(
        school=school,
        club=club,
        leader=leader,
        club_leader=club_leader,
        programme=programme,
        task_force=task_force,
        series=series,
        meeting=_meeting(series),
        initiative=initiative,
        other_unit=other_unit,
        other_meeting=other_meeting,
    )
