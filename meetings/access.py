"""Who may see and edit a meeting: the series' office, or for cross-office series every office of the administration."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from offices.access import OfficeAccess, office_access
from offices.models import LEADING_ROLES, AdministrationLeader, Membership

from .models import Meeting, MeetingSeries


def series_access(user, series: MeetingSeries) -> OfficeAccess | None:
    if series.office_id:
        return office_access(user, series.office)
    membership = (
        Membership.objects.filter(person=user, office__administration_id=series.administration_id)
        .select_related("office", "section")
        .order_by("-role")
        .first()
    )
    is_head = AdministrationLeader.objects.filter(person=user, administration_id=series.administration_id).exists()
    if membership is None and not is_head:
        return None
    office = membership.office if membership else series.administration.offices.first()
    return OfficeAccess(office=office, membership=membership, is_head=is_head)


def visible_series(user):
    return MeetingSeries.objects.filter(
        Q(office__memberships__person=user)
        | Q(office__administration__leaders__person=user)
        | Q(administration__offices__memberships__person=user)
        | Q(administration__leaders__person=user)
    ).distinct()


def get_meeting(user, pk, edit=False) -> tuple[Meeting, OfficeAccess]:
    meeting = Meeting.objects.select_related("series__office", "series__administration").filter(pk=pk).first()
    access = series_access(user, meeting.series) if meeting else None
    if access is None:
        raise Http404("No such meeting.")
    if edit and access.role not in LEADING_ROLES:
        raise PermissionDenied
    return meeting, access


def get_series(user, pk, edit=False) -> tuple[MeetingSeries, OfficeAccess]:
    series = MeetingSeries.objects.select_related("office", "administration").filter(pk=pk).first()
    access = series_access(user, series) if series else None
    if access is None:
        raise Http404("No such series.")
    if edit and access.role not in LEADING_ROLES:
        raise PermissionDenied
    return series, access
