from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import User
from meetings.models import AgendaItem, Meeting, MeetingSeries, MeetingStatus
from tests.calendars import read
from visits.models import Visit, VisitStatus

TZ = ZoneInfo("Europe/Copenhagen")


def test_feed_lists_my_visits_without_sign_in(client, world):
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    Visit.objects.create(
        office=world.a.office,
        host=world.a.chief,
        visitor=world.a.staff,
        during=DateTimeTZRange(start, start + timedelta(minutes=30)),
        topic="x",
    )
    response = client.get(reverse("accounts:calendar-feed", args=[world.a.staff.calendar_token]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == start


def test_feed_with_wrong_token_is_404(client, db):
    assert client.get(reverse("accounts:calendar-feed", args=["nope"])).status_code == 404


def test_new_address_stops_the_old_one(login, world):
    old = world.a.staff.calendar_token
    client = login(world.a.staff)
    assert client.get(reverse("accounts:calendar-token-regenerate")).status_code == 405
    assert client.post(reverse("accounts:calendar-token-regenerate")).status_code == 302
    assert client.get(reverse("accounts:calendar-feed", args=[old])).status_code == 404
    new = User.objects.get(pk=world.a.staff.pk).calendar_token
    assert client.get(reverse("accounts:calendar-feed", args=[new])).status_code == 200


def test_profile_shows_the_feed_address(login, world):
    body = login(world.a.staff).get(reverse("accounts:profile")).content.decode()
    assert world.a.staff.calendar_token in body


def _feed_world(world, meetings: int, items: int):
    """``meetings`` meetings of office A on Tuesdays at 09:00 from 24 March 2026 (before and after the change to
    summer time on 29 March), each with ``items`` agenda items; the first one cancelled; and two visits of
    a.staff's, the second cancelled."""
    series = MeetingSeries.objects.create(office=world.a.office, title="SLF-møde", location="Mødelokale 2")
    made = []
    for n in range(meetings):
        starts = datetime(2026, 3, 24, 9, tzinfo=TZ) + timedelta(weeks=n)
        meeting = Meeting.objects.create(series=series, starts_at=starts, ends_at=starts + timedelta(hours=1))
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, position=i, title=f"Punkt {i}", presenter=world.a.chief) for i in range(items)
        )
        made.append(meeting)
    made[0].status = MeetingStatus.CANCELLED
    made[0].save()
    visits = []
    for day, status in ((25, VisitStatus.CONFIRMED), (26, VisitStatus.CANCELLED)):
        starts = datetime(2026, 3, day, 10, tzinfo=TZ)
        visits.append(
            Visit.objects.create(
                office=world.a.office,
                host=world.a.chief,
                visitor=world.a.staff,
                during=DateTimeTZRange(starts, starts + timedelta(minutes=30)),
                topic="x",
                status=status,
            )
        )
    return made, visits


@time_machine.travel(datetime(2026, 3, 20, 8, tzinfo=TZ), tick=False)
def test_feed_is_a_published_calendar_keeping_cancelled_meetings_and_visits(client, world):
    meetings, visits = _feed_world(world, meetings=2, items=2)
    response = client.get(reverse("accounts:calendar-feed", args=[world.a.staff.calendar_token]))
    assert response.status_code == 200
    cal = read(response.content)
    assert cal.method is None and cal.has_vtimezone
    status = {e.uid: e.status for e in cal.events}
    assert status == {
        f"meeting-{meetings[0].uid}@slf-logbook": "CANCELLED",
        f"meeting-{meetings[1].uid}@slf-logbook": "CONFIRMED",
        f"visit-{visits[0].uid}@slf-logbook": "CONFIRMED",
        f"visit-{visits[1].uid}@slf-logbook": "CANCELLED",
    }
    # 09:00 local on Tuesday 24 March (winter time) and Tuesday 31 March (summer time).
    assert [cal.event(f"meeting-{m.uid}@slf-logbook").start.hour for m in meetings] == [8, 7]
    assert all(e.organizer is None and e.attendees == [] for e in cal.events)
    assert "09:00–09:15 Punkt 0 (a Chief)" in cal.event(f"meeting-{meetings[1].uid}@slf-logbook").description


@time_machine.travel(datetime(2026, 3, 20, 8, tzinfo=TZ), tick=False)
def test_feed_queries_do_not_grow_with_meetings_and_agenda_items(client, world, django_assert_max_num_queries):
    _feed_world(world, meetings=12, items=5)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("accounts:calendar-feed", args=[world.a.staff.calendar_token]))
    assert response.status_code == 200
    events = read(response.content).events
    assert len(events) == 14
    assert sum(e.description.count("Punkt") for e in events) == 60
