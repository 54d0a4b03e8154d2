"""The minutes as a record: one context for the minutes page, its print, the minutes e-mail and the PDF.

Per agenda item the minutes, then the decisions and agreements made there (the logbook's entries point at the
item, read through the reverse relation so this app does not import the logbook); then the Follow-up outcome
(agreements closed as kept, adjusted or dropped on the meeting's day); attendance grouped present / excused /
absent. A fixed number of queries whatever the agenda's length.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .models import Attendance, AttendanceStatus

#: Statuses an agreement is closed with at a meeting, in the order the outcome lists them.
OUTCOME_STATUSES = (("kept", _("Kept")), ("adjusted", _("Adjusted")), ("dropped", _("Dropped")))
ATTENDANCE_GROUPS = (
    (AttendanceStatus.PRESENT, _("Present")),
    (AttendanceStatus.EXCUSED, _("Excused")),
    (AttendanceStatus.ABSENT, _("Absent")),
)
RECORD_KINDS = ("decision", "agreement")


def _people():
    return Prefetch("responsible", queryset=User.objects.order_by("full_name"))


def minutes_record(meeting) -> dict:
    entries = Prefetch(
        "entries",
        queryset=meeting.entries.model.objects.filter(kind__in=RECORD_KINDS)
        .prefetch_related(_people())
        .order_by("kind", "pk"),
        to_attr="record_entries",
    )
    items = list(meeting.agenda_items.select_related("presenter").prefetch_related(entries))
    # Decisions and agreements made at the meeting but not at an item (the Follow-up's quick form without one).
    loose = list(
        meeting.entries.filter(kind__in=RECORD_KINDS, agenda_item__isnull=True)
        .prefetch_related(_people())
        .order_by("kind", "pk")
    )
    by_status = {status: [] for status, _label in ATTENDANCE_GROUPS}
    for row in Attendance.objects.filter(meeting=meeting).select_related("person").order_by("person__full_name"):
        by_status[row.status].append(row.person)
    attendance = [(label, by_status[status]) for status, label in ATTENDANCE_GROUPS if by_status[status]]
    outcome = []
    office = meeting.series.office
    if office is not None:
        day = timezone.localtime(meeting.starts_at).date()
        closed = list(
            office.entries.filter(
                kind="agreement", status__in=[s for s, _label in OUTCOME_STATUSES], closed_at__date=day
            )
            .prefetch_related(_people())
            .order_by("title", "pk")
        )
        outcome = [
            (label, [entry for entry in closed if entry.status == status])
            for status, label in OUTCOME_STATUSES
            if any(entry.status == status for entry in closed)
        ]
    return {"items": items, "loose_entries": loose, "attendance_groups": attendance, "outcome": outcome}
