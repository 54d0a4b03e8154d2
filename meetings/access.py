"""Who may see and edit a meeting: the series' office, or for cross-office series every office of the administration.

The rule itself is offices.access (office_access / administration_access); these are its meeting-named doors.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from offices.access import (
    AdministrationAccess,
    OfficeAccess,
    administration_access,
    office_access,
    visible_administrations,
    visible_offices,
)
from offices.models import LEADING_ROLES

from .models import Meeting, MeetingSeries


def series_access(user, series: MeetingSeries) -> OfficeAccess | AdministrationAccess | None:
    if series.office_id:
        return office_access(user, series.office)
    return administration_access(user, series.administration)


def visible_series(user):
    return MeetingSeries.objects.filter(
        Q(office__in=visible_offices(user)) | Q(administration__in=visible_administrations(user))
    )


def get_meeting(user, pk, edit=False, meetings=None) -> tuple[Meeting, OfficeAccess]:
    """``meetings``: a Meeting queryset with what the page needs beside (e.g. ``Meeting.objects.with_previous()``)."""
    meetings = Meeting.objects.all() if meetings is None else meetings
    meeting = meetings.select_related("series__office", "series__administration").filter(pk=pk).first()
    access = series_access(user, meeting.series) if meeting else None
    if access is None:
        raise Http404("No such meeting.")
    if edit and not access.has_role(LEADING_ROLES):
        raise PermissionDenied
    return meeting, access


def get_series(user, pk, edit=False) -> tuple[MeetingSeries, OfficeAccess]:
    series = MeetingSeries.objects.select_related("office", "administration").filter(pk=pk).first()
    access = series_access(user, series) if series else None
    if access is None:
        raise Http404("No such series.")
    if edit and not access.has_role(LEADING_ROLES):
        raise PermissionDenied
    return series, access
