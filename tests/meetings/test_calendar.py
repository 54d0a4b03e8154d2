"""A meeting in calendars: the download, the invitation sent with the agenda, moving and cancelling, each read
by icalendar and vobject (tests/calendars.py). Summer time starts Sunday 29 March 2026."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from meetings import calendar
from meetings.models import AgendaItem, Meeting, MeetingSeries
from meetings.services import participants
from notifications.choices import Channel, Kind, choose
from tests.calendars import mailed, read
from tests.queue import deliver_queued

TZ = ZoneInfo("Europe/Copenhagen")
PRODUCT = ("mailto:noreply@slf.example", "SLF Logbog")


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.DEFAULT_FROM_EMAIL = "SLF Logbog <noreply@slf.example>"
    with time_machine.travel(datetime(2026, 3, 2, 8, tzinfo=TZ), tick=False):
        yield


def _meeting(world, day, location="Mødelokale 2"):
    series = MeetingSeries.objects.create(office=world.a.office, title="SLF-møde", location=location)
    starts = datetime(2026, 3, day, 9, tzinfo=TZ)
    return Meeting.objects.create(series=series, starts_at=starts, ends_at=starts + timedelta(hours=1))


def _download(client, meeting):
    response = client.get(reverse("meetings:meeting-ics", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return read(response.content)


def _uid(meeting):
    return f"meeting-{meeting.uid}@slf-logbook"


def test_download_of_a_meeting_at_nine_is_eight_utc_before_and_seven_after_the_march_change(login, world):
    before, after = _meeting(world, 26), _meeting(world, 31)
    client = login(world.a.staff)
    for meeting, utc_hour in ((before, 8), (after, 7)):
        cal = _download(client, meeting)
        assert cal.method is None and cal.has_vtimezone
        event = cal.event(_uid(meeting))
        assert event.tzid == "Europe/Copenhagen"
        assert event.start == datetime(2026, 3, meeting.starts_at.astimezone(TZ).day, utc_hour, tzinfo=UTC)
        assert event.end - event.start == timedelta(hours=1)
        assert event.organizer is None and event.attendees == []  # a published copy, not an invitation


def test_invitation_is_a_request_from_the_product_to_every_participant_by_name(world):
    meeting = _meeting(world, 31)
    people = list(participants(meeting))
    filename, ics, mimetype = calendar.meeting_invitation(meeting, people)
    assert (filename, mimetype) == ("moede.ics", "text/calendar; method=REQUEST")
    cal = read(ics)
    assert cal.method == "REQUEST" and cal.has_vtimezone
    event = cal.event(_uid(meeting))
    assert event.start == datetime(2026, 3, 31, 7, tzinfo=UTC)
    assert (event.sequence, event.status) == (0, "CONFIRMED")
    assert event.organizer == PRODUCT
    assert sorted((a["address"], a["CN"]) for a in event.attendees) == sorted(
        (f"mailto:{p.email}", p.full_name) for p in people
    )
    assert len(people) == 4
    assert {(a["ROLE"], a["PARTSTAT"], a["RSVP"]) for a in event.attendees} == {
        ("REQ-PARTICIPANT", "NEEDS-ACTION", "FALSE")
    }


def test_description_has_the_agenda_with_clock_times_the_place_and_the_link_back(settings, login, world):
    meeting = _meeting(world, 26)
    AgendaItem.objects.create(meeting=meeting, position=1, title="Velkomst", duration_minutes=10)
    AgendaItem.objects.create(
        meeting=meeting, position=2, title="Budget", duration_minutes=30, presenter=world.a.resource_person
    )
    for ics in (
        calendar.meeting_invitation(meeting, participants(meeting))[1],
        login(world.a.staff).get(reverse("meetings:meeting-ics", args=[meeting.pk])).content,
    ):
        event = read(ics).event(_uid(meeting))
        url = f"{settings.SITE_URL}{meeting.get_absolute_url()}"
        assert "09:00–09:10 Velkomst\n09:10–09:40 Budget (a Resource)\n" in event.description
        assert url in event.description and event.url == url
        assert event.location == "Mødelokale 2"


def test_without_a_room_the_location_is_the_office(world):
    world.a.office.address = "Rådhuspladsen 1"
    world.a.office.save()
    meeting = _meeting(world, 26, location="")
    event = read(calendar.meeting_calendar(meeting)).event(_uid(meeting))
    assert event.location == f"{world.a.office.name}, Rådhuspladsen 1"


def test_moving_across_summer_time_keeps_the_uid_and_raises_the_sequence(login, world):
    meeting = _meeting(world, 26)
    client = login(world.a.resource_person)
    response = client.post(
        reverse("meetings:meeting-move", args=[meeting.pk]),
        {"date": "2026-03-31", "start_time": "09:00", "duration_minutes": 90, "location": "Lokale 3"},
    )
    assert response.status_code == 302
    moved = Meeting.objects.get(pk=meeting.pk)
    for ics in (_download_bytes(client, moved), calendar.meeting_invitation(moved, participants(moved))[1]):
        event = read(ics).event(_uid(meeting))
        assert event.sequence == 1
        assert (event.start, event.end) == (
            datetime(2026, 3, 31, 7, tzinfo=UTC),
            datetime(2026, 3, 31, 8, 30, tzinfo=UTC),
        )
        assert event.location == "Lokale 3"


def _download_bytes(client, meeting):
    return client.get(reverse("meetings:meeting-ics", args=[meeting.pk])).content


def test_cancelling_turns_the_invitation_into_a_cancel_and_the_download_into_cancelled(login, world):
    meeting = _meeting(world, 31)
    client = login(world.a.resource_person)
    response = client.post(reverse("meetings:meeting-cancel", args=[meeting.pk]), {"reason": "Sygdom"})
    assert response.status_code == 302
    cancelled = Meeting.objects.get(pk=meeting.pk)
    _filename, ics, mimetype = calendar.meeting_invitation(cancelled, participants(cancelled))
    assert mimetype == "text/calendar; method=CANCEL"
    cal = read(ics)
    assert cal.method == "CANCEL"
    event = cal.event(_uid(meeting))
    assert (event.status, event.sequence) == ("CANCELLED", 1)
    assert "Sygdom" in event.description
    assert len(event.attendees) == 4
    download = read(_download_bytes(client, cancelled)).event(_uid(meeting))
    assert (download.status, download.sequence) == ("CANCELLED", 1)


def test_circulating_the_agenda_mails_each_participant_the_invitation(login, world):
    meeting = _meeting(world, 31)
    AgendaItem.objects.create(meeting=meeting, position=1, title="Velkomst", duration_minutes=10)
    response = login(world.a.resource_person).post(reverse("meetings:meeting-circulate", args=[meeting.pk]))
    assert response.status_code == 302
    deliver_queued()
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        method, cal = mailed(message)
        assert method == cal.method == "REQUEST"
        event = cal.event(_uid(meeting))
        assert f"mailto:{message.to[0]}" in {a["address"] for a in event.attendees}
        assert "09:00–09:10 Velkomst" in event.description


def _mailed_calendars():
    """Deliver the queued mail; ``{recipient: (subject, method parameter, read calendar)}``."""
    deliver_queued()
    found = {}
    for message in mail.outbox:
        found[message.to[0]] = (message.subject, *mailed(message))
    mail.outbox.clear()
    return found


def test_moving_a_circulated_meeting_mails_the_update_to_those_who_had_the_agenda(login, world):
    meeting = _meeting(world, 26)
    choose(world.a.chief, Kind.AGENDA, Channel.NEVER)
    client = login(world.a.resource_person)
    client.post(reverse("meetings:meeting-circulate", args=[meeting.pk]))
    assert len(_mailed_calendars()) == 3
    response = client.post(
        reverse("meetings:meeting-move", args=[meeting.pk]),
        {"date": "2026-03-31", "start_time": "09:00", "duration_minutes": 60, "location": "Lokale 3"},
    )
    assert response.status_code == 302
    mailed = _mailed_calendars()
    assert world.a.chief.email not in mailed and len(mailed) == 3
    subject, method, cal = mailed[world.a.staff.email]
    assert subject.startswith("Flyttet: SLF-møde")
    assert method == cal.method == "REQUEST"
    event = cal.event(_uid(meeting))
    assert (event.sequence, event.start, event.location) == (1, datetime(2026, 3, 31, 7, tzinfo=UTC), "Lokale 3")


def test_cancelling_a_circulated_meeting_mails_the_cancellation(login, world):
    meeting = _meeting(world, 31)
    client = login(world.a.resource_person)
    client.post(reverse("meetings:meeting-circulate", args=[meeting.pk]))
    _mailed_calendars()
    client.post(reverse("meetings:meeting-cancel", args=[meeting.pk]), {"reason": "Sygdom"})
    mailed = _mailed_calendars()
    assert len(mailed) == 4
    subject, method, cal = mailed[world.a.staff.email]
    assert subject.startswith("Aflyst: SLF-møde")
    assert method == cal.method == "CANCEL"
    assert (cal.event(_uid(meeting)).status, cal.event(_uid(meeting)).sequence) == ("CANCELLED", 1)


def test_moving_or_cancelling_before_the_agenda_went_out_mails_nobody(login, world):
    moved, cancelled = _meeting(world, 26), _meeting(world, 31)
    client = login(world.a.resource_person)
    client.post(
        reverse("meetings:meeting-move", args=[moved.pk]),
        {"date": "2026-03-27", "start_time": "09:00", "duration_minutes": 60, "location": ""},
    )
    client.post(reverse("meetings:meeting-cancel", args=[cancelled.pk]), {"reason": "Sygdom"})
    deliver_queued()
    assert mail.outbox == []
