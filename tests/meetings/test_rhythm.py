from datetime import date, time
from zoneinfo import ZoneInfo

from meetings import rhythm
from meetings.models import Frequency, Meeting, MeetingSeries

TZ = ZoneInfo("Europe/Copenhagen")


def series(world, **kw):
    defaults = {
        "office": world.a.office,
        "title": "SLF-møde",
        "frequency": Frequency.MONTHLY_WEEKDAY,
        "weekday": 3,
        "week_of_month": 1,
        "start_date": date(2026, 1, 1),
        "start_time": time(9),
        "duration_minutes": 90,
    }
    defaults.update(kw)
    return MeetingSeries.objects.create(**defaults)


def test_first_thursday_of_each_month(world):
    s = series(world)
    starts = rhythm.dates_between(s, date(2026, 1, 1), date(2026, 4, 30))
    assert [d.date() for d in starts] == [date(2026, 1, 1), date(2026, 2, 5), date(2026, 3, 5), date(2026, 4, 2)]


def test_wall_clock_time_holds_across_summer_time(world):
    s = series(world, frequency=Frequency.WEEKLY, weekday=3, interval=1)
    starts = rhythm.dates_between(s, date(2026, 3, 19), date(2026, 4, 2))  # DST starts 29 March
    assert {d.astimezone(TZ).time() for d in starts} == {time(9)}
    assert sorted({d.utcoffset().total_seconds() / 3600 for d in starts}) == [1.0, 2.0]


def test_the_31st_falls_on_the_last_day_of_short_months(world):
    s = series(world, frequency=Frequency.MONTHLY_DATE, day_of_month=31)
    starts = rhythm.dates_between(s, date(2026, 1, 1), date(2026, 4, 30))
    assert [d.date() for d in starts] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_every_four_weeks_and_quarterly(world):
    weekly = series(world, frequency=Frequency.WEEKLY, weekday=1, interval=4, start_date=date(2026, 1, 6))
    assert [d.date() for d in rhythm.dates_between(weekly, date(2026, 1, 1), date(2026, 3, 31))] == [
        date(2026, 1, 6),
        date(2026, 2, 3),
        date(2026, 3, 3),
        date(2026, 3, 31),
    ]
    quarterly = series(world, frequency=Frequency.MONTHLY_WEEKDAY, interval=3, weekday=2, week_of_month=-1)
    assert [d.date() for d in rhythm.dates_between(quarterly, date(2026, 1, 1), date(2026, 12, 31))] == [
        date(2026, 1, 28),
        date(2026, 4, 29),
        date(2026, 7, 29),
        date(2026, 10, 28),
    ]


def test_generation_is_idempotent_and_keeps_moved_meetings(world):
    s = series(world)
    assert rhythm.generate(s, today=date(2026, 1, 1)) == 6  # Jan–Jun; 2 July is past the horizon
    assert rhythm.generate(s, today=date(2026, 1, 1)) == 0
    moved = Meeting.objects.filter(series=s).order_by("starts_at").first()
    moved.starts_at = moved.starts_at.replace(hour=13)
    moved.ends_at = moved.starts_at.replace(hour=14)
    moved.save()
    assert rhythm.generate(s, today=date(2026, 1, 1)) == 0
    assert Meeting.objects.filter(series=s).count() == 6


def test_generate_meetings_command_is_idempotent(world):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    series(world, start_date=timezone.localdate())
    out = StringIO()
    call_command("generate_meetings", stdout=out)
    assert "6 meeting(s)" in out.getvalue() or "7 meeting(s)" in out.getvalue()
    out = StringIO()
    call_command("generate_meetings", stdout=out)
    assert "0 meeting(s)" in out.getvalue()
