"""Change-agent objects for the shared tests (the authorization matrix, the form fuzzer) and this app's tests."""

from datetime import date, time, timedelta

from changeagents.models import Project, SparringNote, SparringRhythm
from meetings import rhythm
from meetings.models import Frequency, MeetingKind, MeetingSeries
from programmes.models import Level, Participant, Programme, ProgrammeKind


def office_series(office, title, start: date):
    """A monthly office meeting of ``office`` from ``start`` with its meetings generated."""
    series = MeetingSeries.objects.create(
        office=office,
        kind=MeetingKind.OFFICE,
        title=title,
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=1,
        start_date=start,
        start_time=time(10),
        duration_minutes=60,
    )
    rhythm.generate(series, today=start, months=3)
    return series


def change_agents(here, mark, today: date, slug=None):
    """A change-agents programme owned by ``here.office`` (its chief and other leading people lead it), its staff
    member a change agent with a project, a sparring rhythm and a note; an office meeting series of the office."""
    programme = Programme.objects.create(
        kind=ProgrammeKind.CHANGE_AGENTS,
        name=f"{mark} forandringsagenter",
        slug=slug or f"{mark.lower()}-forandringsagenter",
        owner_office=here.office,
    )
    agent = Participant.objects.create(programme=programme, person=here.staff, office=here.office, level=Level.STAFF)
    SparringRhythm.objects.create(participant=agent, first_on=today - timedelta(days=3), at=time(13))
    project = Project.objects.create(
        programme=programme,
        agent=agent,
        title=f"{mark} projekt",
        description=f"{mark} beskrivelse",
        next_step=f"{mark} næste skridt",
        created_by=here.chief,
    )
    note = SparringNote.objects.create(
        project=project, held_on=today - timedelta(days=3), discussed=f"{mark} sparring", written_by=here.chief
    )
    series = office_series(here.office, f"{mark} kontormøde", today)
    return {"programme": programme, "agent": agent, "project": project, "note": note, "series": series}


def matrix_objects(here, mark, today):
    """URL name → kwargs, for tests/slf/test_authorization_matrix.py."""
    found = change_agents(here, mark, today)
    slug, pk = found["programme"].slug, found["project"].pk
    return {
        "changeagents:programme": {"slug": slug},
        "changeagents:project-create": {"slug": slug},
        "changeagents:project": {"slug": slug, "pk": pk},
        "changeagents:project-edit": {"slug": slug, "pk": pk},
        "changeagents:project-delete": {"slug": slug, "pk": pk},
        "changeagents:project-status": {"slug": slug, "pk": pk},
        "changeagents:project-present": {"slug": slug, "pk": pk},
        "changeagents:note-create": {"slug": slug, "pk": pk},
        "changeagents:note-edit": {"slug": slug, "pk": pk, "note_pk": found["note"].pk},
        "changeagents:note-reflection": {"slug": slug, "pk": pk, "note_pk": found["note"].pk},
        "changeagents:rhythm-edit": {"slug": slug, "participant_pk": found["agent"].pk},
    }
