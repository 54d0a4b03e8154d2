"""The meeting page's section for a meeting with the decentral units: the guests (the units' administrative
leaders, without accounts) with their attendance, and the tasks brought home from the meeting.

Shown only for a series of kind "meeting with the decentral units" of an office, known from the series the meeting
page has already loaded, so other meetings' pages ask nothing more. Four queries: the task force with its guests and
their attendance, the tasks, the units with their contacts, and the colleagues to give a task to.
"""

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, JSONObject

from knowledge.models import Question
from meetings.models import MeetingGuest, MeetingKind
from offices.access import LEADING_ROLES
from offices.models import Unit, UnitContact

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


def _task_force_with_guests(meeting):
    """The series' task force with ``guest_list``: its invited contacts and everyone recorded at the meeting, with
    their attendance, as ``Guest`` rows; one query. None when no task force holds the series."""
    recorded = MeetingGuest.objects.filter(meeting=meeting, contact=OuterRef("pk"))
    invited = TaskForce.guests.through.objects.filter(
        taskforce_id=OuterRef(OuterRef("pk")), unitcontact_id=OuterRef("pk")
    )
    guests = (
        UnitContact.objects.filter(Exists(invited) | Exists(recorded))
        .order_by("unit__name", "name", "pk")
        .values(
            json=JSONObject(
                pk="pk",
                name="name",
                unit_id="unit_id",
                unit="unit__name",
                status=Coalesce(Subquery(recorded.values("status")[:1]), Value("")),
            )
        )
    )
    task_force = (
        TaskForce.objects.filter(series_id=meeting.series_id)
        .select_related("programme")
        .annotate(guest_list=ArraySubquery(guests))
        .first()
    )
    if task_force is not None:
        task_force.guest_rows = [
            Guest(
                UnitContact(pk=row["pk"], name=row["name"], unit=Unit(pk=row["unit_id"], name=row["unit"])),
                row["status"],
            )
            for row in task_force.guest_list
        ]
    return task_force


def form_units(office):
    """The office's active units, each with ``contact_list`` (``{"pk", "name"}``), for the task form; one query."""
    contacts = UnitContact.objects.filter(unit=OuterRef("pk")).order_by("name", "pk")
    return list(
        Unit.objects.filter(office=office, is_active=True)
        .annotate(contact_list=ArraySubquery(contacts.values(json=JSONObject(pk="pk", name="name"))))
        .order_by("name")
    )


def section_context(request, meeting, access, form=None, attendance_data=None):
    task_force = _task_force_with_guests(meeting)
    guests = task_force.guest_rows if task_force is not None else guests_of(meeting)
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
        "task_form": form or TaskForm(office=office, prefix="task", units=form_units(office)),
    }


def get_context(request, meeting, access):
    """The registry's hook (slf.registry.register_meeting_section)."""
    series = meeting.series
    if access is None or series.kind != MeetingKind.UNITS or series.office_id is None:
        return None
    return section_context(request, meeting, access)
