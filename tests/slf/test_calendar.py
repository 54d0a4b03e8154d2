"""The shared calendar builder (slf/calendar.py): its VTIMEZONE, organizer, attendees and invitation type."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import vobject
from dateutil import tz
from icalendar import Calendar

from slf import calendar as ical
from tests.calendars import read

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _instants():
    """Noon UTC every fifth day from 2000 to 2037, and every quarter hour of the last weekend of March and
    October each year (the changes happen at 01:00 UTC on those Sundays)."""
    at = datetime(2000, 1, 1, 12, tzinfo=tz.UTC)
    while at.year < 2038:
        yield at
        at += timedelta(days=5)
    for year in range(2000, 2038):
        for month in (3, 10):
            last_sunday = max(
                day for day in (datetime(year, month, d) for d in range(25, 32)) if day.weekday() == 6
            ).replace(tzinfo=tz.UTC)
            at = last_sunday - timedelta(hours=24)
            while at < last_sunday + timedelta(hours=24):
                yield at
                at += timedelta(minutes=15)


def test_vtimezone_agrees_with_tzdata_around_every_change_from_2000_to_2037():
    text = ical.to_ics(ical.calendar([])).decode()
    from_icalendar = Calendar.from_ical(text).walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    from_vobject = vobject.readOne(text).vtimezone.gettzinfo()
    wrong = [
        at
        for at in _instants()
        if not at.astimezone(COPENHAGEN).utcoffset()
        == at.astimezone(from_icalendar).utcoffset()
        == at.astimezone(from_vobject).utcoffset()
    ]
    assert wrong == []


def test_vtimezone_is_in_the_form_outlook_reads():
    zone = ical.vtimezone()
    rules = zone.walk("DAYLIGHT") + zone.walk("STANDARD")
    assert len(rules) == 2
    assert all("RRULE" in rule and "RDATE" not in rule for rule in rules)


def test_invitation_type_names_its_method_cancel_for_a_cancelled_event():
    person = SimpleNamespace(email="anna@test.example", full_name="Anna")
    start = datetime(2026, 6, 1, 9, tzinfo=COPENHAGEN)
    event = ical.event(uid="u@x", sequence=0, start=start, end=start + timedelta(hours=1), summary="S")
    filename, ics, mimetype = ical.invitation("x.ics", event)
    assert (filename, mimetype, read(ics).method) == ("x.ics", "text/calendar; method=REQUEST", "REQUEST")
    cancelled = ical.event(
        uid="u@x", sequence=1, start=start, end=start + timedelta(hours=1), summary="S", cancelled=True
    )
    _filename, ics, mimetype = ical.invitation("x.ics", cancelled)
    assert (mimetype, read(ics).method, read(ics).events[0].status) == (
        "text/calendar; method=CANCEL",
        "CANCEL",
        "CANCELLED",
    )
    attendee = ical.attendee(person)
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION" and attendee.params["RSVP"] == "FALSE"


def test_organizer_is_the_sending_address_with_its_name(settings):
    settings.DEFAULT_FROM_EMAIL = "SLF Logbog Test <logbog@kommune.example>"
    organizer = ical.organizer()
    assert str(organizer) == "mailto:logbog@kommune.example"
    assert organizer.params["CN"] == "SLF Logbog Test"


def test_names_with_quotes_and_line_breaks_stay_one_attendee():
    person = SimpleNamespace(email="anna@test.example", full_name='Anna "Nanna"\nJensen; Kontor, Nord')
    start = datetime(2026, 6, 1, 9, tzinfo=COPENHAGEN)
    event = ical.event(
        uid="u@x",
        sequence=0,
        start=start,
        end=start + timedelta(hours=1),
        summary="S",
        attendees=[ical.attendee(person)],
    )
    (attendee,) = read(ical.invitation("x.ics", event)[1]).events[0].attendees
    assert attendee["CN"] == "Anna 'Nanna' Jensen; Kontor, Nord"
    assert attendee["address"] == "mailto:anna@test.example"
