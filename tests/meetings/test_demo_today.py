"""The demo shows a meeting in progress today with an agenda, and keeps it today on a later start."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from logbook.models import Entry
from meetings import demo
from meetings.models import Meeting, MeetingStatus

TZ = ZoneInfo("Europe/Copenhagen")
START = datetime(2026, 3, 12, 14, 37, tzinfo=TZ)


def test_the_demo_has_a_meeting_in_progress_today_and_keeps_it_today(db, client):
    with time_machine.travel(START, tick=False):
        call_command("seed_demo", stdout=StringIO())
        meeting = Meeting.objects.get(title=demo.TODAY_TITLE)
        assert meeting.status == MeetingStatus.IN_PROGRESS
        assert timezone.localtime(meeting.starts_at) == datetime(2026, 3, 12, 14, 15, tzinfo=TZ)
        items = list(meeting.agenda_items.order_by("position"))
        assert 4 <= len(items) <= 5 and sum(bool(i.minutes) for i in items) >= 1
        today = START.date()
        office = meeting.series.office
        open_here = Entry.objects.filter(office=office).open_agreements()
        earlier = open_here.filter(meeting__series=meeting.series, meeting__starts_at__lt=meeting.starts_at)
        overdue_elsewhere = (
            open_here.overdue(today).exclude(meeting__series=meeting.series).filter(meeting__isnull=False)
        )
        assert earlier.exists() and overdue_elsewhere.exists() and open_here.filter(meeting__isnull=True).exists()
        assert items[2].carried_from is not None  # a topic carried on from last time, with its open agreement
        client.force_login(User.objects.get(email="ressourceperson@slf.example"))
        body = client.get(reverse("meetings:room", args=[meeting.pk])).content.decode()
        assert items[1].title in body and "14:25–14:45" in body  # 14:37: the second item is on

    # Started again a week later: the same meeting, still in progress, moved to the new day.
    later = START + timedelta(days=7, hours=-4)
    with time_machine.travel(later, tick=False):
        call_command("demo", no_serve=True, stdout=StringIO())
        moved = Meeting.objects.get(title=demo.TODAY_TITLE)
        assert moved.pk == meeting.pk and moved.status == MeetingStatus.IN_PROGRESS
        assert timezone.localtime(moved.starts_at).date() == later.date()
        # Once someone ended it, it stays as it was, and a fresh one is set up for the next start's day.
        moved.finish(by=None)
    with time_machine.travel(later + timedelta(days=1), tick=False):
        call_command("demo_today", stdout=StringIO())
        assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD
        fresh = Meeting.objects.filter(title=demo.TODAY_TITLE, status=MeetingStatus.IN_PROGRESS).get()
        assert timezone.localtime(fresh.starts_at).date() == (later + timedelta(days=1)).date()
