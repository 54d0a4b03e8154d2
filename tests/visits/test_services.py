from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import translation
from icalendar import Calendar

from notifications.choices import Channel, Kind, choose
from offices.models import Membership, Role
from tests.queue import deliver_queued
from visits import services
from visits.models import (
    AvailabilityException,
    AvailabilityWindow,
    ExceptionKind,
    Visit,
    VisitParticipant,
    VisitProfile,
    VisitSettings,
    VisitStatus,
    Weekday,
)

from .conftest import NOW, TZ, at


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted on their English source text."""
    with translation.override("en"):
        yield


def test_free_slots_follow_the_weekly_windows(world, host_available, frozen):
    slots = services.free_slots(host_available, world.a.staff, world.a.office, date(2026, 3, 2))
    assert [s.start for s in slots] == [
        at(2026, 3, 3, 10),
        at(2026, 3, 3, 10, 30),
        at(2026, 3, 3, 11),
        at(2026, 3, 3, 11, 30),
        at(2026, 3, 5, 13),
        at(2026, 3, 5, 13, 30),
    ]
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)


def test_blocked_day_and_extra_window_change_the_slots(world, host_available, frozen):
    AvailabilityException.objects.create(person=host_available, date=date(2026, 3, 3), kind=ExceptionKind.BLOCKED)
    AvailabilityException.objects.create(
        person=host_available, date=date(2026, 3, 6), kind=ExceptionKind.AVAILABLE, start=time(9), end=time(9, 30)
    )
    starts = [s.start for s in services.free_slots(host_available, world.a.staff, world.a.office, date(2026, 3, 2))]
    assert at(2026, 3, 3, 10) not in starts
    assert at(2026, 3, 6, 9) in starts


def test_minimum_notice_hides_slots_that_are_too_soon(world, frozen):
    AvailabilityWindow.objects.create(person=world.a.chief, weekday=Weekday.MONDAY, start=time(8), end=time(12))
    starts = [s.start for s in services.free_slots(world.a.chief, world.a.staff, world.a.office, date(2026, 3, 2))]
    assert starts[0] == at(2026, 3, 2, 10)  # 08:00 + 2 hours' notice


def test_slots_keep_wall_clock_time_across_the_change_to_winter_time(world, host_available):
    # Summer time ends Sunday 25 October 2026; Tuesday 20 and Tuesday 27 are on either side.
    with time_machine.travel(datetime(2026, 10, 19, 8, tzinfo=TZ), tick=False):
        slots = services.free_slots(host_available, world.a.staff, world.a.office, date(2026, 10, 19), days=14)
    tuesdays = [s.start for s in slots if s.start.astimezone(TZ).weekday() == 1]
    assert {s.astimezone(TZ).time() for s in tuesdays} == {time(10), time(10, 30), time(11), time(11, 30)}
    utc_hours = sorted({s.utcoffset().total_seconds() / 3600 for s in tuesdays})
    assert utc_hours == [1.0, 2.0]


def test_booking_confirms_at_once_and_mails_both_with_ics(
    world, host_available, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "Budgetopfølgning")
    assert visit.status == VisitStatus.CONFIRMED
    assert visit.office == world.a.office
    assert VisitParticipant.objects.filter(visit=visit, active=True).count() == 2
    assert deliver_queued() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([host_available.email, world.a.staff.email])
    ics = mail.outbox[0].attachments[0]
    calendar = Calendar.from_ical(ics[1])
    assert calendar["method"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["uid"]) == f"visit-{visit.uid}@slf-logbook"
    assert event.decoded("dtstart") == at(2026, 3, 3, 10)


def test_person_who_wants_no_visit_mails_gets_none(world, host_available, frozen, django_capture_on_commit_callbacks):
    choose(host_available, Kind.VISIT, Channel.NEVER)
    with django_capture_on_commit_callbacks(execute=True):
        services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    deliver_queued()
    assert [m.to[0] for m in mail.outbox] == [world.a.staff.email]


def test_the_same_slot_cannot_be_booked_twice(world, host_available, frozen):
    services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "first")
    with pytest.raises(services.SlotTaken):
        services.book_visit(host_available, world.a.section_leader, at(2026, 3, 3, 10), "second")
    assert Visit.objects.count() == 1


def test_visitor_cannot_be_in_two_visits_at_once(world, host_available, frozen):
    AvailabilityWindow.objects.create(person=world.a.chief, weekday=Weekday.TUESDAY, start=time(10), end=time(11))
    services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "first")
    with pytest.raises(services.BookingError, match="already have a visit"):
        services.book_visit(world.a.chief, world.a.staff, at(2026, 3, 3, 10), "second")


def test_booking_that_loses_the_race_at_the_database_is_slot_taken_not_a_crash(
    world, host_available, frozen, monkeypatch
):
    """The visitor's other booking lands between the free-slot check and the insert (only the host is locked).

    The exclusion constraint refuses the second participant row; the booking answers "slot taken", never an
    IntegrityError, and leaves no half-made visit behind.
    """
    check = services._check_bookable

    def check_then_lose_the_race(host, visitor, office, start, now):
        slot = check(host, visitor, office, start, now)
        during = DateTimeTZRange(slot.start, slot.end)
        rival = Visit.objects.create(office=office, host=world.a.chief, visitor=visitor, during=during, topic="rival")
        VisitParticipant.objects.create(visit=rival, person=world.a.chief, during=during)
        VisitParticipant.objects.create(visit=rival, person=visitor, during=during)
        return slot

    monkeypatch.setattr(services, "_check_bookable", check_then_lose_the_race)
    with pytest.raises(services.SlotTaken, match="just booked"):
        services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "mine")
    assert not Visit.objects.filter(topic="mine").exists()
    assert not VisitParticipant.objects.filter(visit__topic="mine").exists()


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (at(2026, 3, 1, 10), "passed"),
        (at(2026, 3, 2, 9), "too soon"),
        (at(2026, 5, 19, 10), "too far ahead"),
        (at(2026, 3, 3, 14), "outside the host's availability"),
    ],
)
def test_bookings_outside_the_rules_are_refused_with_a_reason(world, host_available, frozen, start, message):
    AvailabilityWindow.objects.create(person=host_available, weekday=Weekday.MONDAY, start=time(8), end=time(12))
    with pytest.raises(services.BookingError, match=message):
        services.book_visit(host_available, world.a.staff, start, "x")
    assert not Visit.objects.exists()


def test_monthly_cap_stops_further_bookings(world, host_available, frozen):
    VisitSettings.objects.create(office=world.a.office, monthly_cap=1)
    services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "first")
    assert services.free_slots(host_available, world.a.chief, world.a.office, date(2026, 3, 2)) == []
    with pytest.raises(services.BookingError):
        services.book_visit(host_available, world.a.chief, at(2026, 3, 3, 11), "second")


def test_other_office_cannot_book_unless_host_allows_same_administration(world, host_available, frozen):
    with pytest.raises(services.BookingError, match="can't book"):
        services.book_visit(host_available, world.b.staff, at(2026, 3, 3, 10), "x")
    VisitProfile.objects.create(person=host_available, allow_cross_office=True)
    visit = services.book_visit(host_available, world.b.staff, at(2026, 3, 3, 10), "x")
    assert visit.office == world.a.office
    with pytest.raises(services.BookingError, match="can't book"):
        services.book_visit(host_available, world.c.staff, at(2026, 3, 3, 11), "x")


def test_cancelling_frees_the_slot_and_sends_cancel(world, host_available, frozen, django_capture_on_commit_callbacks):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    deliver_queued()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.end_visit(visit, world.a.staff, VisitStatus.CANCELLED, "Syg")
    deliver_queued()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED and visit.sequence == 1
    assert Calendar.from_ical(mail.outbox[0].attachments[0][1])["method"] == "CANCEL"
    again = services.book_visit(host_available, world.a.section_leader, at(2026, 3, 3, 10), "y")
    assert again.pk != visit.pk


def test_only_the_host_declines(world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    with pytest.raises(services.BookingError):
        services.end_visit(visit, world.a.staff, VisitStatus.DECLINED)
    services.end_visit(visit, host_available, VisitStatus.DECLINED, "Travlt")
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.DECLINED


def test_database_refuses_a_person_in_two_overlapping_visits_in_either_role(world):
    start = datetime(2026, 3, 3, 10, tzinfo=TZ)
    during = DateTimeTZRange(start, start + timedelta(minutes=30))
    first = Visit.objects.create(
        office=world.a.office, host=world.a.chief, visitor=world.a.staff, during=during, topic="a"
    )
    VisitParticipant.objects.create(visit=first, person=world.a.chief, during=during)
    VisitParticipant.objects.create(visit=first, person=world.a.staff, during=during)
    # The host of the first visit is the visitor of an overlapping one.
    overlapping = DateTimeTZRange(start + timedelta(minutes=15), start + timedelta(minutes=45))
    second = Visit.objects.create(
        office=world.a.office, host=world.a.section_leader, visitor=world.a.chief, during=overlapping, topic="b"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitParticipant.objects.create(visit=second, person=world.a.chief, during=overlapping)
    # Touching ends are fine.
    after = DateTimeTZRange(start + timedelta(minutes=30), start + timedelta(minutes=60))
    VisitParticipant.objects.create(visit=second, person=world.a.chief, during=after)


def test_database_refuses_host_visiting_themself(world):
    start = datetime(2026, 3, 3, 10, tzinfo=TZ)
    with pytest.raises(IntegrityError), transaction.atomic():
        Visit.objects.create(
            office=world.a.office,
            host=world.a.staff,
            visitor=world.a.staff,
            during=DateTimeTZRange(start, start + timedelta(minutes=30)),
            topic="x",
        )


def test_suggestions_prefer_colleagues_not_yet_visited_in_other_sections(world, host_available, frozen):
    other_section_member = Membership.objects.get(person=world.a.chief)  # no section
    services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    suggested = [m.person for m in services.suggestions(world.a.staff, world.a.office)]
    assert suggested[-1] == host_available  # visited: last
    assert suggested[0] == other_section_member.person
    assert other_section_member.role == Role.OFFICE_CHIEF


def test_now_constant_is_a_monday():
    assert NOW.weekday() == 0
