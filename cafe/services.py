"""Writes of the café meetings that span several rows or send mail: creating a café meeting, signing up and
cancelling (capacity and the waiting list, under a lock of the meeting's row), moving up, attendance."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Attendance, AttendanceStatus, Meeting, MeetingKind, MeetingSeries, MeetingStatus
from notifications import outbox
from notifications.choices import Kind
from offices.models import LEADING_ROLES, Membership

from .models import CafeMeeting, CafeSeries, Registration, RegistrationStatus


class CafeError(Exception):
    """A rule was broken; the message is shown to the person."""


def cafe_series(programme) -> MeetingSeries:
    """The programme's café series, made on first use in the owner office (no rhythm: café meetings are
    planned one by one, four a year in Billund)."""
    link = CafeSeries.objects.select_related("series").filter(programme=programme).first()
    if link:
        return link.series
    with transaction.atomic():
        series = MeetingSeries.objects.create(
            office=programme.owner_office,
            kind=MeetingKind.CAFE,
            title=programme.name[:150],
            description=programme.description,
            start_date=None,
            participant_roles=list(LEADING_ROLES),  # the organisers; the rest sign up
            duration_minutes=120,
        )
        CafeSeries.objects.create(programme=programme, series=series)
    return series


def create_cafe_meeting(programme, *, title, starts_at, duration_minutes, location, capacity) -> CafeMeeting:
    with transaction.atomic():
        meeting = Meeting.objects.create(
            series=cafe_series(programme),
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=duration_minutes),
            location=location,
        )
        return CafeMeeting.objects.create(programme=programme, meeting=meeting, capacity=capacity)


def _locked(cafe_meeting) -> CafeMeeting:
    """The café meeting again, its row locked until the transaction ends: two people taking the last place at
    the same moment are counted one after the other."""
    return (
        CafeMeeting.objects.select_for_update(of=("self",))
        .select_related("meeting", "programme")
        .get(pk=cafe_meeting.pk)
    )


def register(cafe_meeting, person, now=None) -> Registration:
    """Sign ``person`` up: a place while there is one and nobody waits, else the end of the waiting list.
    Signing up twice changes nothing."""
    with transaction.atomic():
        locked = _locked(cafe_meeting)
        if not locked.takes_registrations(now):
            raise CafeError(_("Registration for this café meeting is closed."))
        existing = Registration.objects.filter(cafe_meeting=locked, person=person).first()
        if existing:
            return existing
        rows = Registration.objects.filter(cafe_meeting=locked)
        taken = rows.filter(status=RegistrationStatus.REGISTERED).count()
        someone_waits = rows.filter(status=RegistrationStatus.WAITING).exists()
        has_place = taken < locked.capacity and not someone_waits
        office_id = Membership.objects.filter(person=person).order_by("pk").values_list("office_id", flat=True).first()
        return Registration.objects.create(
            cafe_meeting=locked,
            person=person,
            office_id=office_id,
            status=RegistrationStatus.REGISTERED if has_place else RegistrationStatus.WAITING,
            queued_at=now or timezone.now(),
        )


def cancel(cafe_meeting, person, now=None) -> list[Registration]:
    """Take back ``person``'s registration (or place on the waiting list); the first waiting move up into the
    places freed, each with a mail. Returns those who moved up."""
    with transaction.atomic():
        locked = _locked(cafe_meeting)
        if not locked.takes_registrations(now):
            raise CafeError(_("Registration for this café meeting is closed."))
        Registration.objects.filter(cafe_meeting=locked, person=person).delete()
        return fill_places(locked, now)


def change_capacity(cafe_meeting, capacity: int, now=None) -> list[Registration]:
    """A new number of places; more places let the waiting move up. Fewer never take a place from anyone."""
    with transaction.atomic():
        locked = _locked(cafe_meeting)
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
        cafe_meeting.capacity = capacity
        return fill_places(locked, now) if locked.takes_registrations(now) else []


def fill_places(locked: CafeMeeting, now=None) -> list[Registration]:
    """Move the first on the waiting list up into the free places (the caller holds the lock) and tell them."""
    rows = Registration.objects.filter(cafe_meeting=locked)
    free = locked.capacity - rows.filter(status=RegistrationStatus.REGISTERED).count()
    if free <= 0:
        return []
    movers = list(
        rows.filter(status=RegistrationStatus.WAITING).select_related("person").order_by("queued_at", "pk")[:free]
    )
    moment = now or timezone.now()
    for registration in movers:
        registration.status = RegistrationStatus.REGISTERED
        registration.moved_up_at = moment
        registration.save(update_fields=["status", "moved_up_at"])
    if movers:
        outbox.send(
            Kind.AGENDA,
            [r.person for r in movers],
            "cafe/email/moved_up",
            {"cafe_meeting": locked, "meeting": locked.meeting, "programme": locked.programme},
            about=locked.meeting,
            link=locked.get_absolute_url(),
        )
    return movers


def waiting_position(registration) -> int | None:
    """1 for the first on the waiting list; None for someone with a place."""
    if registration is None or registration.status != RegistrationStatus.WAITING:
        return None
    before = Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    waiting = Registration.objects.filter(
        cafe_meeting_id=registration.cafe_meeting_id, status=RegistrationStatus.WAITING
    )
    return waiting.filter(before).count() + 1


def can_record_attendance(cafe_meeting, now=None) -> bool:
    meeting = cafe_meeting.meeting
    return meeting.status != MeetingStatus.CANCELLED and meeting.starts_at <= (now or timezone.now())


def record_attendance(cafe_meeting, came: dict[int, bool | None], by, now=None) -> int:
    """``came``: registration id → True (came), False (did not come) or None (not recorded). Kept on the
    registrations and in the meeting's attendance (present / absent), which the minutes show. The meeting
    counts as held from now on. Returns how many were recorded."""
    if not can_record_attendance(cafe_meeting, now):
        raise CafeError(_("Attendance can be recorded once the café meeting has begun."))
    with transaction.atomic():
        registrations = {
            r.pk: r
            for r in Registration.objects.filter(
                cafe_meeting=cafe_meeting, status=RegistrationStatus.REGISTERED, pk__in=list(came)
            )
        }
        meeting = cafe_meeting.meeting
        for pk, value in came.items():
            registration = registrations.get(pk)
            if registration is None or registration.attended == value:
                continue
            registration.attended = value
            registration.save(update_fields=["attended"])
            if value is None:
                Attendance.objects.filter(meeting=meeting, person_id=registration.person_id).delete()
            else:
                Attendance.objects.update_or_create(
                    meeting=meeting,
                    person_id=registration.person_id,
                    defaults={"status": AttendanceStatus.PRESENT if value else AttendanceStatus.ABSENT},
                )
        if meeting.may("finish") and meeting.status != MeetingStatus.HELD:
            meeting.finish(by=by)
    return sum(1 for pk in came if pk in registrations)
