"""The meeting page's section for a meeting with the decentral units: the guests (the units' administrative
leaders, without accounts) with their attendance, and the tasks brought home from the meeting.

Shown only for a series of kind "meeting with the decentral units" of an office, known from the series the meeting
page has already loaded, so other meetings' pages ask nothing more. Six queries: the task force, the guests with
their attendance, the tasks, and the three lists of the form.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from knowledge.models import Question
from meetings.models import MeetingGuest, MeetingKind
from offices.access import LEADING_ROLES
from offices.models import UnitContact

from .forms import GuestAttendanceForm, TaskForm
from .models import TaskForce


@dataclass
class Guest:
    contact: UnitContact
    status: str


def guests_of(meeting) -> list[Guest]:
    """The task force's invited contacts and everyone recorded at the meeting, with their attendance ("" if not
    recorded); one query."""
    status = MeetingGuest.objects.filter(meeting=meeting, contact=OuterRef("pk")).values("status")[:1]
    contacts = (
        UnitContact.objects.filter(Q(task_forces__series_id=meeting.series_id) | Q(meeting_visits__meeting=meeting))
        .annotate(guest_status=Coalesce(Subquery(status), Value("")))
        .select_related("unit")
        .distinct()
        .order_by("unit__name", "name", "pk")
    )
    return [Guest(contact, contact.guest_status) for contact in contacts]


def section_context(request, meeting, access, form=None, attendance_data=None):
    task_force = TaskForce.objects.filter(series_id=meeting.series_id).select_related("programme").first()
    guests = guests_of(meeting)
    can_record = access.has_role(LEADING_ROLES) and meeting.can_record_attendance()
    tasks = (
        Question.objects.filter(meeting=meeting)
        .select_related("assignee", "from_unit", "contact", "office")
        .order_by("created_at", "pk")
    )
    office = meeting.series.office
    return {
        "meeting": meeting,
        "office": office,
        "access": access,
        "task_force": task_force,
        "guests": guests,
        "present": sum(1 for guest in guests if guest.status == "present"),
        "attendance_form": GuestAttendanceForm(attendance_data, guests=guests, prefix="guests")
        if can_record and guests
        else None,
        "tasks": list(tasks),
        "task_form": form or TaskForm(office=office, prefix="task"),
    }


def get_context(request, meeting, access):
    """The registry's hook (slf.registry.register_meeting_section)."""
    series = meeting.series
    if access is None or series.kind != MeetingKind.UNITS or series.office_id is None:
        return None
    return section_context(request, meeting, access)
