"""Danish working days (slf/workdays.py): known answers around Easter, Christmas and a weekend, in Python and SQL."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import DateField, Value

from meetings.models import Meeting, MeetingSeries, MeetingStatus
from offices.models import Office
from progress import figures
from progress.periods import Period
from slf import workdays
from slf.workdays import WorkingDaysBetween

TZ = ZoneInfo("Europe/Copenhagen")


def test_easter_and_christmas_2026_are_not_working_days():
    # Skærtorsdag 2 April, langfredag 3 April, 2. påskedag 6 April, Kristi himmelfart 14 May, 2. pinsedag 25 May.
    for day in (date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)):
        assert not workdays.is_working_day(day), day
    assert not workdays.is_working_day(date(2026, 12, 25))  # juledag, a Friday
    assert not workdays.is_working_day(date(2026, 3, 7))  # a Saturday
    assert workdays.is_working_day(date(2026, 4, 1))  # the Wednesday before Easter
    assert workdays.is_working_day(date(2026, 6, 5))  # grundlovsdag is not a public holiday
    assert workdays.is_working_day(date(2024, 4, 26)) and not workdays.is_working_day(date(2023, 5, 5))  # bededag


def test_working_days_between_skip_weekend_and_easter():
    # After Wednesday 1 April 2026 up to Tuesday 7 April: only the Tuesday (Thu, Fri, Mon are holidays).
    assert workdays.working_days_between(date(2026, 4, 1), date(2026, 4, 7)) == 1
    assert workdays.working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1  # Friday → Monday
    assert workdays.working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0
    assert workdays.add_working_days(date(2026, 4, 1), 2) == date(2026, 4, 8)
    assert workdays.add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 28)  # 24th, then past Christmas


def test_working_time_skips_the_days_off():
    friday_late = datetime(2026, 3, 6, 23, 0, tzinfo=TZ)
    assert workdays.add_working_time(friday_late, timedelta(hours=2)) == datetime(2026, 3, 9, 1, 0, tzinfo=TZ)
    wednesday = datetime(2026, 4, 1, 14, 0, tzinfo=TZ)  # two working days' notice runs past Easter
    assert workdays.add_working_time(wednesday, timedelta(days=2)) == datetime(2026, 4, 8, 14, 0, tzinfo=TZ)
    holiday = datetime(2026, 4, 6, 9, 0, tzinfo=TZ)  # 2. påskedag: counting starts on Tuesday
    assert workdays.add_working_time(holiday, timedelta(hours=2)) == datetime(2026, 4, 7, 2, 0, tzinfo=TZ)


PAIRS = [
    (date(2026, 4, 1), date(2026, 4, 7)),
    (date(2026, 3, 6), date(2026, 3, 9)),
    (date(2026, 12, 22), date(2027, 1, 5)),
    (date(2026, 5, 13), date(2026, 5, 26)),
    (date(2026, 5, 26), date(2026, 5, 13)),
]


def test_sql_counts_the_same_working_days_as_python(world):
    annotations = {
        f"n{i}": WorkingDaysBetween(Value(a, output_field=DateField()), Value(b, output_field=DateField()))
        for i, (a, b) in enumerate(PAIRS)
    }
    row = Office.objects.filter(pk=world.a.office.pk).values(**annotations).get()
    assert [row[f"n{i}"] for i in range(len(PAIRS))] == [workdays.working_days_between(a, b) for a, b in PAIRS]
    assert [row[f"n{i}"] for i in range(len(PAIRS))] == [1, 1, 8, 7, 0]


@pytest.mark.parametrize(("allowed", "on_time"), [(1, 1), (0, 0)])
def test_minutes_after_easter_are_on_time_within_one_working_day(world, allowed, on_time):
    """Held Wednesday 1 April 2026, minutes Tuesday 7 April: 4 weekdays later but 1 Danish working day."""
    series = MeetingSeries.objects.create(office=world.a.office, title="SLF-møde")
    starts = datetime(2026, 4, 1, 9, tzinfo=TZ)
    Meeting.objects.create(
        series=series,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        status=MeetingStatus.MINUTES_PUBLISHED,
        minutes_published_at=datetime(2026, 4, 7, 15, tzinfo=TZ),
    )
    q2 = Period("quarter", date(2026, 4, 1), date(2026, 6, 30))
    with time_machine.travel(datetime(2026, 7, 1, 12, tzinfo=TZ), tick=False):
        row = figures.rhythm(MeetingSeries.objects.filter(pk=series.pk), q2, q2.previous(), allowed)[0]
    assert (row["held"], row["minutes_on_time"]) == (1, on_time)
