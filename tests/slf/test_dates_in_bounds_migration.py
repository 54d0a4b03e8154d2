"""Rows stored in the year 1 or 9999 before the date bounds existed: the data migrations bring them inside.

The constraints are dropped inside the test's transaction (rolled back after), the bad rows written with SQL
as an old version of the product could have, and the migrations' own functions run on them.
"""

import importlib
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db import connection
from django.urls import reverse

from logbook.models import Entry
from meetings.models import Meeting, MeetingStatus
from slf.forms import ABSOLUTE_MAX, ABSOLUTE_MIN


def _drop(table, *constraints):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending on the table
        for name in constraints:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')


def test_entries_and_meetings_out_of_range_are_moved_inside_and_the_meeting_pages_load(client, world, office_a):
    entry = Entry.objects.get(pk=office_a["logbook:entry-detail"]["pk"])
    meeting = Meeting.objects.get(pk=office_a["meetings:meeting-detail"]["pk"])
    _drop("logbook_entry", "entry_date_in_bounds", "entry_due_date_in_bounds")
    _drop("meetings_meeting", "meeting_starts_at_in_bounds", "meeting_ends_at_in_bounds")
    far = datetime(9999, 12, 31, 9, 0, tzinfo=meeting.starts_at.tzinfo)
    Entry.objects.filter(pk=entry.pk).update(date=date(1, 1, 1), due_date=date(9999, 12, 31))
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=far, ends_at=far + timedelta(minutes=30))

    importlib.import_module("logbook.migrations.0007_dates_in_bounds").into_bounds(apps, None)
    importlib.import_module("meetings.migrations.0008_dates_in_bounds").into_bounds(apps, None)

    entry.refresh_from_db()
    assert (entry.date, entry.due_date) == (ABSOLUTE_MIN, ABSOLUTE_MAX)
    meeting.refresh_from_db()
    assert meeting.starts_at.date() == ABSOLUTE_MAX and meeting.status == MeetingStatus.CANCELLED
    assert meeting.ends_at > meeting.starts_at
    client.force_login(world.a.resource_person)
    for name in ("meetings:meeting-detail", "meetings:series-detail", "meetings:office-meetings", "meetings:index"):
        assert client.get(reverse(name, kwargs=office_a[name])).status_code == 200, name
    assert client.get(reverse("logbook:entry-detail", kwargs=office_a["logbook:entry-detail"])).status_code == 200
