"""Rules for practice visits: free slots, booking, declining, cancelling, calendar invitations.

Writes happen in transactions; the database's exclusion constraint has the last
word on double bookings, so two people racing for one slot can't both win.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from notifications import outbox
from notifications.choices import Kind
from offices.models import Membership
from slf.forms import ABSOLUTE_MAX, ABSOLUTE_MIN
from slf.registry import busy_times, competences
from slf.workdays import is_holiday

from . import calendar
from .models import (
    AvailabilityException,
    AvailabilityWindow,
    ExceptionKind,
    Visit,
    VisitParticipant,
    VisitProfile,
    VisitSettings,
    VisitStatus,
)

TZ = ZoneInfo(settings.TIME_ZONE)


class BookingError(Exception):
    """A booking that can't be made; ``str(error)`` is the message for the person."""


class SlotTaken(BookingError):
    pass


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        return self.start.astimezone(TZ).strftime("%Y-%m-%dT%H:%M")


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_slot_key(value: str) -> datetime | None:
    try:
        naive = datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except (TypeError, ValueError):
        return None
    if not ABSOLUTE_MIN <= naive.date() <= ABSOLUTE_MAX:
        return None
    return naive.replace(tzinfo=TZ)


def shared_office(host, visitor):
    """The office the visit belongs to: one both are members of, or the host's office when the
    host accepts visitors from the same administration. None when they may not book each other.
    One query for both people's memberships (and one for the host's profile when they share no office)."""
    both = list(Membership.objects.filter(person__in=[host.pk, visitor.pk]).select_related("office"))
    host_offices = {m.office_id: m.office for m in both if m.person_id == host.pk}
    visitor_memberships = [m for m in both if m.person_id == visitor.pk]
    for membership in visitor_memberships:
        if membership.office_id in host_offices:
            return host_offices[membership.office_id]
    profile = VisitProfile.of(host)
    if profile and profile.allow_cross_office:
        visitor_administrations = {m.office.administration_id for m in visitor_memberships}
        for office in host_offices.values():
            if office.administration_id in visitor_administrations:
                return office
    return None


def busy_elsewhere(*people, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """Times any of ``people`` is taken by another app between ``start`` and ``end``: the meetings they take part
    in (meetings.busy, through slf.registry, since visits may not import meetings), asked for all of them at once."""
    return [(span[0], span[1]) for span in busy_times(people, start, end)]


def _windows_on(day: date, weekly: list, exceptions: list) -> list[tuple[time, time]]:
    todays = [e for e in exceptions if e.date == day]
    if any(e.kind == ExceptionKind.BLOCKED for e in todays):
        return []
    # No weekly windows on a public holiday (slf.workdays); an extra window that day still counts.
    windows = [(w.start, w.end) for w in weekly if w.weekday == day.weekday() and not is_holiday(day)]
    windows += [(e.start, e.end) for e in todays if e.kind == ExceptionKind.AVAILABLE]
    return sorted(windows)


def free_slots(
    host, visitor, office, first_day: date, days: int = 7, now: datetime | None = None, rules=None
) -> list[Slot]:
    """Bookable slots for ``visitor`` with ``host`` from ``first_day`` for ``days`` days.

    Only slots that booking would accept: inside the host's availability, not on a
    blocked day, after the minimum notice, within the horizon (both counted in Danish
    working days), free for both people (no other visit, no meeting either takes part
    in), and within the host's monthly cap. Wall-clock times in Europe/Copenhagen,
    so a 10:00 window stays 10:00 across the change to and from summer time. ``rules``: the office's
    VisitSettings when the caller has them already.
    """
    now = now or timezone.now()
    rules = rules or VisitSettings.for_office(office)
    length = timedelta(minutes=rules.length_minutes)
    earliest = rules.earliest_start(now)
    latest = rules.latest_start(now)
    last_day = first_day + timedelta(days=days - 1)

    weekly = list(AvailabilityWindow.objects.filter(person=host))
    exceptions = list(AvailabilityException.objects.filter(person=host, date__range=(first_day, last_day)))
    range_start = datetime.combine(first_day, time.min, TZ)
    range_end = datetime.combine(last_day + timedelta(days=1), time.min, TZ)
    busy = [
        (p.during.lower, p.during.upper)
        for p in VisitParticipant.objects.filter(
            person__in=[host.pk, visitor.pk], active=True, during__overlap=DateTimeTZRange(range_start, range_end)
        )
    ]
    busy += busy_elsewhere(host, visitor, start=range_start, end=range_end)
    hosted_per_month = {}
    if rules.monthly_cap:
        for visit in Visit.objects.active().filter(
            host=host, during__overlap=DateTimeTZRange(range_start - timedelta(days=31), range_end + timedelta(days=31))
        ):
            month = visit.starts_at.astimezone(TZ).strftime("%Y-%m")
            hosted_per_month[month] = hosted_per_month.get(month, 0) + 1

    slots = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for window_start, window_end in _windows_on(day, weekly, exceptions):
            start = datetime.combine(day, window_start, TZ)
            end_of_window = datetime.combine(day, window_end, TZ)
            while start + length <= end_of_window:
                end = start + length
                if (
                    earliest <= start <= latest
                    and not any(b_start < end and start < b_end for b_start, b_end in busy)
                    and (
                        not rules.monthly_cap
                        or hosted_per_month.get(start.astimezone(TZ).strftime("%Y-%m"), 0) < rules.monthly_cap
                    )
                ):
                    slots.append(Slot(start, end))
                start = end
    return slots


def next_free_slots(host, visitor, office, after: datetime, count: int = 3) -> list[Slot]:
    rules = VisitSettings.for_office(office)
    first = after.astimezone(TZ).date()
    last = rules.latest_start(timezone.now()).astimezone(TZ).date()
    found = []
    for week in range(0, (last - first).days // 7 + 1):
        for slot in free_slots(host, visitor, office, first + timedelta(days=7 * week)):
            if slot.start >= after:
                found.append(slot)
                if len(found) == count:
                    return found
    return found


def _check_bookable(host, visitor, office, start: datetime, now: datetime) -> Slot:
    rules = VisitSettings.for_office(office)
    if start < now:
        raise BookingError(_("That time has passed. Choose a time in the future."))
    if start < rules.earliest_start(now):
        raise BookingError(
            _("That is too soon: visits need at least %(minutes)s minutes' notice, counted on working days.")
            % {"minutes": rules.min_notice_minutes}
        )
    if start > rules.latest_start(now):
        raise BookingError(
            ngettext(
                "That is too far ahead: visits can be booked up to %(days)s working day ahead.",
                "That is too far ahead: visits can be booked up to %(days)s working days ahead.",
                rules.horizon_days,
            )
            % {"days": rules.horizon_days}
        )
    local_day = start.astimezone(TZ).date()
    for slot in free_slots(host, visitor, office, local_day, days=1, now=now):
        if slot.start == start:
            return slot
    # Work out why, for a message that helps.
    end = start + timedelta(minutes=rules.length_minutes)
    mine = VisitParticipant.objects.filter(
        person=visitor, active=True, during__overlap=DateTimeTZRange(start, end)
    ).exists()
    if mine:
        raise BookingError(_("You already have a visit at that time."))
    if busy_elsewhere(visitor, start=start, end=end):
        raise BookingError(_("You are in a meeting at that time."))
    if busy_elsewhere(host, start=start, end=end):
        raise BookingError(_("Your colleague is in a meeting at that time."))
    taken = VisitParticipant.objects.filter(person=host, active=True, during__overlap=DateTimeTZRange(start, end))
    if taken.exists():
        raise SlotTaken(_("The slot was just booked by someone else."))
    if rules.monthly_cap:
        raise BookingError(
            _("That time is not available. The host may be outside their availability or at their monthly limit.")
        )
    raise BookingError(_("That time is outside the host's availability."))


def lock_host(host) -> None:
    """Hold the host's row until the booking commits, so bookings with one host run one at a time.

    The monthly cap is a count across rows, which no constraint can see: without the lock, twenty people
    booking twenty different slots at once all count the same month and all get in. ``FOR NO KEY UPDATE``
    does not block rows that merely point at the person (their entries, comments, visits elsewhere).
    """
    User.objects.select_for_update(no_key=True).filter(pk=host.pk).values_list("pk").first()


@transaction.atomic
def book_visit(host, visitor, start: datetime, topic: str, now: datetime | None = None) -> Visit:
    now = now or timezone.now()
    office = shared_office(host, visitor)
    if office is None or host.pk == visitor.pk:
        raise BookingError(_("You can't book a visit with this person."))
    lock_host(host)
    slot = _check_bookable(host, visitor, office, start, now)
    during = DateTimeTZRange(slot.start, slot.end)
    try:
        with transaction.atomic():
            visit = Visit.objects.create(office=office, host=host, visitor=visitor, during=during, topic=topic)
            VisitParticipant.objects.bulk_create(
                [
                    VisitParticipant(visit=visit, person=host, during=during),
                    VisitParticipant(visit=visit, person=visitor, during=during),
                ]
            )
    except IntegrityError as exc:
        raise SlotTaken(_("The slot was just booked by someone else.")) from exc
    send_invitation(visit)
    return visit


@transaction.atomic
def reschedule_visit(visit: Visit, by, start: datetime, now: datetime | None = None) -> Visit:
    """Move a visit to another free time; same calendar UID, SEQUENCE bumped."""
    now = now or timezone.now()
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    lock_host(visit.host)
    if visit.status != VisitStatus.CONFIRMED or visit.starts_at <= now:
        raise BookingError(_("The visit has started; it can no longer be changed."))
    if by.pk not in (visit.host_id, visit.visitor_id):
        raise BookingError(_("You can't book a visit with this person."))
    try:
        with transaction.atomic():
            visit.participants.update(active=False)  # its own time does not block the move
            slot = _check_bookable(visit.host, visit.visitor, visit.office, start, now)
            during = DateTimeTZRange(slot.start, slot.end)
            visit.during = during
            visit.sequence += 1
            visit.save(update_fields=["during", "sequence", "updated_at"])
            visit.participants.update(active=True, during=during)
    except IntegrityError as exc:
        raise SlotTaken(_("The slot was just booked by someone else.")) from exc
    send_invitation(visit)
    return visit


@transaction.atomic
def end_visit(visit: Visit, by, status: str, message: str = "") -> Visit:
    """Decline (host) or cancel (either) a visit before it starts; frees the slot."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status != VisitStatus.CONFIRMED:
        raise BookingError(_("The visit is no longer active."))
    if visit.starts_at <= timezone.now():
        raise BookingError(_("The visit has started; it can no longer be changed."))
    if status == VisitStatus.DECLINED and by.pk != visit.host_id:
        raise BookingError(_("Only the host can decline a visit."))
    visit.status = status
    visit.message = message
    visit.sequence += 1
    visit.save(update_fields=["status", "message", "sequence", "updated_at"])
    visit.participants.update(active=False)
    send_invitation(visit)
    return visit


def send_invitation(visit: Visit):
    """Queue the mail to both people (if they want visit e-mails) with the .ics invitation or cancellation, in
    the transaction of the booking, move or cancellation (notifications)."""
    return outbox.send(
        Kind.VISIT,
        [visit.host, visit.visitor],
        "visits/email/visit",
        {"visit": visit},
        about=visit,
        attachments=[calendar.visit_invitation(visit)],
    )


@dataclass(frozen=True)
class Suggestion:
    """A colleague to visit, and why: not visited yet, another section, what they know."""

    membership: Membership
    visited: bool
    other_section: bool
    shared: tuple[str, ...]  # competences both know (overlapping)
    known: tuple[str, ...]  # competences the colleague knows and I don't (complementary)

    @property
    def person(self):
        return self.membership.person

    @property
    def rank(self) -> tuple:
        """What SLF wants first: colleagues not yet visited, then other sections, then competences in common or
        to learn from (more is better), then by name."""
        return (self.visited, not self.other_section, -(len(self.shared) + len(self.known)), self.person.full_name)

    def reasons(self) -> list[str]:
        found = []
        if not self.visited:
            found.append(_("not visited yet"))
        if self.other_section:
            found.append(_("other section"))
        if self.shared:
            found.append(_("you both know about %(names)s") % {"names": get_text_list(self.shared[:2], _("and"))})
        if self.known:
            found.append(_("knows about %(names)s") % {"names": get_text_list(self.known[:2], _("and"))})
        return found

    @property
    def reason(self) -> str:
        """The reasons in one line, as in "ikke besøgt endnu · anden sektion · kender til lønrefusion"."""
        return " · ".join(self.reasons())


def suggestions(user, office, limit: int = 5) -> list[Suggestion]:
    """Colleagues in ``office`` to visit, best first (Suggestion.rank), with the reason; four queries.

    What people know comes from the knowledge app's competence directory through slf.registry (visits and
    knowledge are siblings and may not import each other).
    """
    visited = set(Visit.objects.filter(visitor=user, status=VisitStatus.CONFIRMED).values_list("host_id", flat=True))
    mine = Membership.objects.filter(person=user, office=office).values("section_id").first()
    my_section = mine["section_id"] if mine else None
    members = list(Membership.objects.filter(office=office).exclude(person=user).select_related("person", "section"))
    known = competences([user.pk, *(m.person_id for m in members)], office.administration_id)
    my_competences = {name.lower() for name in known.get(user.pk, [])}
    found = []
    for m in members:
        theirs = known.get(m.person_id, [])
        found.append(
            Suggestion(
                membership=m,
                visited=m.person_id in visited,
                other_section=m.section_id != my_section,
                shared=tuple(n for n in theirs if n.lower() in my_competences),
                known=tuple(n for n in theirs if n.lower() not in my_competences),
            )
        )
    return sorted(found, key=lambda s: s.rank)[:limit]
