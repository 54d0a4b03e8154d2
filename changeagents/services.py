"""Writes that span several models: a sparring note moves its project on; a presentation makes an agenda item."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import BEFORE, AgendaItem, AgendaItemKind, Meeting, MeetingKind, MeetingSeries

from .models import Project, ProjectPresentation, SparringNote

#: The time-box of a change agent's presentation at the office meeting.
PRESENTATION_MINUTES = 10


class PresentationRefused(Exception):
    """The project cannot go on that agenda now; the message says why."""


def office_meeting_series(programme):
    """The owner office's department/office meeting series, where change agents present their projects."""
    return MeetingSeries.objects.filter(office_id=programme.owner_office_id, kind=MeetingKind.OFFICE).order_by("title")


@transaction.atomic
def write_note(project: Project, *, by, held_on, discussed, next_step, status) -> SparringNote:
    """Record a sparring; when it is the project's latest, the project takes its status and next step (and the
    agent's proposal for a status has been answered)."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    latest = project.notes.order_by("-held_on").values_list("held_on", flat=True).first()
    note = SparringNote.objects.create(
        project=project, held_on=held_on, discussed=discussed, next_step=next_step, status=status, written_by=by
    )
    if latest is None or held_on >= latest:
        project.status = status
        if next_step:
            project.next_step = next_step
        project.proposed_status = ""
        project.version += 1
        project.save(update_fields=["status", "next_step", "proposed_status", "version", "updated_at"])
    return note


def next_meeting(series: MeetingSeries, now=None) -> Meeting | None:
    """The series' next meeting whose agenda can still be edited."""
    now = now or timezone.now()
    return (
        Meeting.objects.filter(series=series, status__in=BEFORE, starts_at__gt=now)
        .select_related("series")
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def present_at_next_meeting(project: Project, series: MeetingSeries, *, by, now=None) -> ProjectPresentation:
    """Put the project on the agenda of the series' next meeting, with the agent as presenter."""
    if series.office_id != project.programme.owner_office_id or series.kind != MeetingKind.OFFICE:
        raise PresentationRefused(_("Choose one of the office's office meetings."))
    meeting = next_meeting(series, now)
    if meeting is None:
        raise PresentationRefused(
            _("“%(series)s” has no coming meeting with an open agenda. Plan the next meeting of the series first.")
            % {"series": series.title}
        )
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one presentation at a time per meeting
    if ProjectPresentation.objects.filter(project=project, agenda_item__meeting=meeting).exists():
        raise PresentationRefused(_("The project is already on the agenda of that meeting."))
    title = _("Change agent: %(title)s") % {"title": project.title}
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=meeting.next_agenda_position(),
        title=title[:200],
        description=(project.next_step and _("Next step: %(step)s") % {"step": project.next_step}) or "",
        kind=AgendaItemKind.TALK,
        presenter=project.agent.person,
        duration_minutes=PRESENTATION_MINUTES,
    )
    return ProjectPresentation.objects.create(project=project, agenda_item=item, added_by=by)
