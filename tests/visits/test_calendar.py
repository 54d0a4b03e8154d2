"""A practice visit in calendars: the invitations mailed on booking, moving and cancelling, and the download, each
read by icalendar and vobject (tests/calendars.py). Summer time starts Sunday 29 March 2026."""

from datetime import UTC, datetime

from django.core import mail
from django.urls import reverse

from tests.calendars import mailed, read
from tests.queue import deliver_queued
from visits import calendar, services
from visits.models import VisitStatus

from .conftest import at

PRODUCT = ("mailto:noreply@slf.example", "SLF Logbog")


def _mailed_invitations():
    """Deliver the queued mail; ``{recipient: (method parameter of the mail's calendar, read calendar)}``."""
    deliver_queued()
    found = {message.to[0]: mailed(message) for message in mail.outbox}
    mail.outbox.clear()
    return found


def _uid(visit):
    return f"visit-{visit.uid}@slf-logbook"


def test_booking_mails_host_and_visitor_a_request_naming_both(settings, world, host_available, frozen):
    settings.DEFAULT_FROM_EMAIL = "SLF Logbog <noreply@slf.example>"
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 24, 10), "Budgetopfølgning")
    invitations = _mailed_invitations()
    assert set(invitations) == {host_available.email, world.a.staff.email}
    part_method, cal = invitations[host_available.email]
    assert part_method == cal.method == "REQUEST" and cal.has_vtimezone
    event = cal.event(_uid(visit))
    assert event.sequence == 0 and event.status == "CONFIRMED"
    assert event.start == datetime(2026, 3, 24, 9, tzinfo=UTC)  # 10:00 winter time
    assert event.tzid == "Europe/Copenhagen"
    assert event.organizer == PRODUCT
    people = {a["address"]: a for a in event.attendees}
    assert set(people) == {f"mailto:{host_available.email}", f"mailto:{world.a.staff.email}"}
    host = people[f"mailto:{host_available.email}"]
    assert (host["CN"], host["ROLE"], host["PARTSTAT"], host["RSVP"]) == (
        host_available.full_name,
        "REQ-PARTICIPANT",
        "ACCEPTED",
        "FALSE",
    )
    assert world.a.office.name in event.location and host_available.full_name in event.location
    assert event.url == f"{settings.SITE_URL}{visit.get_absolute_url()}"
    assert event.url in event.description and "Budgetopfølgning" in event.description


def test_moving_across_summer_time_keeps_the_uid_and_raises_the_sequence(world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 24, 10), "x")
    _mailed_invitations()
    services.reschedule_visit(visit, world.a.staff, at(2026, 3, 31, 10))
    invitations = _mailed_invitations()
    assert set(invitations) == {host_available.email, world.a.staff.email}
    _part_method, cal = invitations[world.a.staff.email]
    assert cal.method == "REQUEST"
    event = cal.event(_uid(visit))
    assert event.sequence == 1
    assert event.start == datetime(2026, 3, 31, 8, tzinfo=UTC)  # 10:00 summer time
    assert event.end == datetime(2026, 3, 31, 8, 30, tzinfo=UTC)


def test_cancelling_mails_a_cancel_with_the_same_uid(world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 24, 10), "x")
    _mailed_invitations()
    services.end_visit(visit, world.a.staff, VisitStatus.CANCELLED, "Syg")
    invitations = _mailed_invitations()
    part_method, cal = invitations[host_available.email]
    assert part_method == cal.method == "CANCEL"
    event = cal.event(_uid(visit))
    assert (event.status, event.sequence) == ("CANCELLED", 1)
    assert {a["address"] for a in event.attendees} == {
        f"mailto:{host_available.email}",
        f"mailto:{world.a.staff.email}",
    }
    assert "Syg" in event.description


def test_declining_mails_a_cancel_too(world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 24, 10), "x")
    _mailed_invitations()
    services.end_visit(visit, host_available, VisitStatus.DECLINED, "Ferie")
    assert _mailed_invitations()[world.a.staff.email][1].method == "CANCEL"


def test_download_is_a_published_calendar_without_method_or_attendees(login, world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 31, 10), "x")
    response = login(world.a.staff).get(reverse("visits:visit-ics", args=[visit.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = read(response.content)
    assert cal.method is None and cal.has_vtimezone
    event = cal.event(_uid(visit))
    assert event.start == datetime(2026, 3, 31, 8, tzinfo=UTC)
    assert event.organizer is None and event.attendees == []
    assert event.location and event.url.endswith(visit.get_absolute_url())


def test_feed_source_keeps_cancelled_visits_as_cancelled(world, host_available, frozen):
    kept = services.book_visit(host_available, world.a.staff, at(2026, 3, 24, 10), "x")
    dropped = services.book_visit(host_available, world.a.staff, at(2026, 3, 31, 10), "y")
    services.end_visit(dropped, world.a.staff, VisitStatus.CANCELLED, "")
    events = {str(e["uid"]): e for e in calendar.events_for(world.a.staff)}
    assert {uid: str(e["status"]) for uid, e in events.items()} == {
        _uid(kept): "CONFIRMED",
        _uid(dropped): "CANCELLED",
    }
    assert all("attendee" not in e and "organizer" not in e for e in events.values())
