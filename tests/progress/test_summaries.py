"""The monthly summaries (progress/models.py): exact after every kind of change, and the same figures as raw rows.

Random but seeded data, small: two offices, a few dozen meetings and agreements around the end of summer time
and across months, changed by ``save()``, ``QuerySet.update()``, bulk inserts and deletes.
"""

import random
from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from logbook.models import AgreementStatus, Entry, EntryKind
from meetings.models import Attendance, AttendanceStatus, Meeting, MeetingSeries, MeetingStatus
from offices.models import Heading
from progress import figures, summaries
from progress.models import OfficeMonth, SeriesMonth
from progress.periods import Period

TZ = ZoneInfo("Europe/Copenhagen")
TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=TZ)
MEETING_STATUSES = [s for s, _label in MeetingStatus.choices]
CLOSED = [AgreementStatus.KEPT, AgreementStatus.ADJUSTED, AgreementStatus.DROPPED]


def random_facts(rng, ow, people):
    """Meetings with attendance and entries of one office, at random times from July to December 2026."""
    office = ow.office
    series = [MeetingSeries.objects.create(office=office, title=f"Serie {i}") for i in range(2)]
    headings = list(Heading.objects.filter(office=office)) or [None]

    def moment():
        # Midnight and late evening hours too, so the local month differs from the UTC month now and then.
        day = date(2026, 7, 1) + timedelta(days=rng.randrange(180))
        return datetime(day.year, day.month, day.day, rng.choice([0, 9, 23]), 30, tzinfo=TZ)

    meetings = []
    for _ in range(rng.randrange(15, 25)):
        starts = moment()
        meetings.append(
            Meeting.objects.create(
                series=rng.choice(series),
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                status=rng.choice(MEETING_STATUSES),
                agenda_circulated_at=starts + timedelta(days=rng.choice([-3, 1])),
            )
        )
    Attendance.objects.bulk_create(
        Attendance(meeting=m, person=p, status=rng.choice([s for s, _ in AttendanceStatus.choices]))
        for m in meetings
        for p in people
        if rng.random() < 0.7
    )
    entries = []
    for i in range(rng.randrange(25, 40)):
        day = date(2026, 7, 1) + timedelta(days=rng.randrange(180))
        agreement = rng.random() < 0.7
        status = rng.choice([AgreementStatus.OPEN, *CLOSED]) if agreement else ""
        entries.append(
            Entry(
                office=office,
                author=ow.resource_person,
                kind=EntryKind.AGREEMENT if agreement else EntryKind.ACTIVITY,
                title=f"Aftale {i}",
                date=day,
                due_date=day + timedelta(days=14) if agreement else None,
                status=status,
                closed_at=moment() if status in CLOSED else None,
                heading=rng.choice(headings),
            )
        )
    Entry.objects.bulk_create(entries)
    return meetings


def change_some(rng, meetings):
    """A save, a QuerySet.update, a delete and a move to another month: the summaries follow each."""
    meeting = rng.choice(meetings)
    meeting.status = MeetingStatus.HELD
    meeting.save()
    Meeting.objects.filter(pk=rng.choice(meetings).pk).update(starts_at=datetime(2026, 10, 25, 1, 30, tzinfo=TZ))
    Attendance.objects.filter(meeting__status__in=summaries.HELD).update(status=AttendanceStatus.PRESENT)
    rng.choice(meetings).delete()
    agreements = list(Entry.objects.agreements())
    Entry.objects.filter(pk=rng.choice(agreements).pk).update(
        status=AgreementStatus.KEPT, closed_at=datetime(2026, 11, 30, 23, 30, tzinfo=TZ)
    )
    entry = rng.choice(agreements)
    entry.date = entry.due_date = date(2026, 8, 31)  # to another month
    entry.save()
    rng.choice(agreements).delete()


@pytest.fixture
def facts(world):
    rng = random.Random(17)
    for ow in (world.a, world.b):
        meetings = random_facts(rng, ow, [ow.staff, ow.chief, ow.resource_person])
        change_some(rng, meetings)
    return rng


def test_summaries_follow_saves_updates_bulk_inserts_and_deletes(facts):
    assert SeriesMonth.objects.filter(planned__gt=0).exists()
    assert OfficeMonth.objects.filter(kept__gt=0).exists()
    assert summaries.mismatches() == []


def test_the_command_rebuilds_and_exits_non_zero_when_a_summary_is_wrong(facts):
    row = SeriesMonth.objects.filter(planned__gt=0).first()
    SeriesMonth.objects.filter(pk=row.pk).update(held=row.held + 1)
    with pytest.raises(CommandError, match="differ"):
        call_command("progress_summaries", "--verify", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))  # noqa: SIM115
    call_command("progress_summaries", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert summaries.mismatches() == []


@pytest.mark.parametrize(
    "period",
    [Period("quarter", date(2026, 10, 1), date(2026, 12, 31)), Period("half", date(2026, 7, 1), date(2026, 12, 31))],
)
def test_the_overview_from_summaries_equals_the_overview_from_raw_rows(world, facts, period):
    def overview():
        return [
            {key: getattr(o, key) for key in figures.SORT_KEYS}
            for o in figures.office_rows(world.administration, period, TODAY, NOW, "name")
        ]

    from_summaries = overview()
    with mock.patch.object(summaries, "month_aligned", return_value=False):
        from_raw = overview()
    assert from_summaries == from_raw
    assert any(row["planned"] for row in from_raw) and any(row["kept"] for row in from_raw)


def test_the_headings_from_summaries_equal_the_headings_from_raw_rows(world, facts):
    period = Period("quarter", date(2026, 10, 1), date(2026, 12, 31))
    months = figures.months_between(period.previous(), period)
    from_summaries = figures.headings(world.a.office, period, period.previous(), months)
    with mock.patch.object(summaries, "month_aligned", return_value=False):
        from_raw = figures.headings(world.a.office, period, period.previous(), months)
    assert from_summaries == from_raw
    assert sum(row["entry_count"] + row["entry_count_prev"] for row in from_raw) > 0
