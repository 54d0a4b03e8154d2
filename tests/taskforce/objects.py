"""Task-force objects for the shared tests (the authorization matrix, the form fuzzer): units with a contact, a task
force owned by the office (its staff member a member), its monthly meeting with the contact invited, an initiative
aimed at the unit. Every name carries ``mark``."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from meetings.models import Frequency, Meeting, MeetingKind, MeetingSeries
from offices.models import Unit, UnitContact, UnitKind
from programmes.models import Initiative, Participant, Programme, ProgrammeKind
from taskforce.models import InitiativeUnits, TaskForce


def matrix_objects(here, mark, today):
    unit = Unit.objects.create(office=here.office, name=f"{mark} taskforce-klub", kind=UnitKind.CLUB)
    contact = UnitContact.objects.create(unit=unit, name=f"{mark} administrativ leder", email="leder@test.example")
    programme = Programme.objects.create(
        kind=ProgrammeKind.TASK_FORCE,
        name=f"{mark} task force",
        slug=f"{mark.lower()}-task-force",
        owner_office=here.office,
    )
    Participant.objects.create(programme=programme, person=here.staff, office=here.office)
    series = MeetingSeries.objects.create(
        office=here.office,
        kind=MeetingKind.UNITS,
        title=f"{mark} møde med enhederne",
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=1,
        start_date=today,
        start_time=time(14),
    )
    start = datetime.combine(today - timedelta(days=1), time(14), tzinfo=ZoneInfo("Europe/Copenhagen"))
    meeting = Meeting.objects.create(series=series, starts_at=start, ends_at=start + timedelta(minutes=90))
    TaskForce.objects.create(programme=programme, series=series).guests.set([contact])
    initiative = Initiative.objects.create(
        programme=programme,
        office=here.office,
        title=f"{mark} indsats",
        goal=f"{mark} mål",
        owner=here.staff,
        created_by=here.resource_person,
    )
    InitiativeUnits.objects.create(initiative=initiative).units.set([unit])
    office = here.office.slug
    return {
        "taskforce:units": {"office_slug": office},
        "taskforce:unit-create": {"office_slug": office},
        "taskforce:unit-detail": {"office_slug": office, "pk": unit.pk},
        "taskforce:unit-update": {"office_slug": office, "pk": unit.pk},
        "taskforce:contact-create": {"office_slug": office, "pk": unit.pk},
        "taskforce:contact-update": {"office_slug": office, "pk": unit.pk, "contact_pk": contact.pk},
        "taskforce:task-create": {"office_slug": office, "meeting_pk": meeting.pk},
        "taskforce:guest-attendance": {"office_slug": office, "meeting_pk": meeting.pk},
        "taskforce:programme": {"slug": programme.slug},
        "taskforce:settings": {"slug": programme.slug},
        "taskforce:initiative-units": {"slug": programme.slug, "pk": initiative.pk},
    }
