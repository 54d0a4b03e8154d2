"""Danish working days: Monday to Friday, except Denmark's public holidays (helligdage).

The one place for "working days" in SLF Logbook: "minutes within N working days" on the progress page (in SQL,
``WorkingDaysBetween``), and the notice and horizon of practice visits (in Python). The holidays come from the
``holidays`` package (Nytårsdag, skærtorsdag, langfredag, 2. påskedag, Kristi himmelfartsdag, 2. pinsedag,
juledag, 2. juledag and store bededag until 2023 when they fall on a weekday; the Sundays are weekend anyway).
Juleaftensdag, nytårsaftensdag and grundlovsdag are not public holidays and count as working days.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.db.models import Func, IntegerField

from slf.forms import ABSOLUTE_MAX, ABSOLUTE_MIN

TZ = ZoneInfo(settings.TIME_ZONE)


@lru_cache(maxsize=256)
def _holidays_of(year: int) -> frozenset[date]:
    return frozenset(holidays.Denmark(years=year))


def is_holiday(day: date) -> bool:
    return day in _holidays_of(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def working_days_between(first: date, second: date) -> int:
    """Working days after ``first``, up to and including ``second`` (0 when ``second`` is not later)."""
    count, day = 0, first + timedelta(days=1)
    while day <= second:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def add_working_days(day: date, days: int) -> date:
    """The ``days``-th working day after ``day`` (``day`` itself for 0)."""
    while days > 0:
        day += timedelta(days=1)
        days -= is_working_day(day)
    return day


def add_working_time(moment: datetime, delta: timedelta) -> datetime:
    """``moment`` plus ``delta``, counting only the time on working days (Copenhagen's calendar days).

    Friday 23:00 plus two hours is Monday 01:00; a moment on a holiday starts counting the next working day.
    """
    local = moment.astimezone(TZ)
    left = delta
    while True:
        day = local.date()
        if not is_working_day(day):
            local = datetime.combine(add_working_days(day, 1), time.min, TZ)
            continue
        midnight = datetime.combine(day + timedelta(days=1), time.min, TZ)
        if local + left < midnight:
            return local + left
        left -= midnight - local
        local = midnight


@lru_cache(maxsize=1)
def weekday_holidays() -> tuple[date, ...]:
    """Every holiday on a Monday to Friday from 2000 to 2100 (the dates the database accepts), for SQL."""
    return tuple(
        day
        for year in range(ABSOLUTE_MIN.year, ABSOLUTE_MAX.year + 1)
        for day in sorted(_holidays_of(year))
        if day.weekday() < 5
    )


class WorkingDaysBetween(Func):
    """SQL: working days after the first date, up to and including the second (``working_days_between``).

    Mondays to Fridays that are not in the array of holidays passed as a parameter (``weekday_holidays``).
    """

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):
        first, first_params = compiler.compile(self.source_expressions[0])
        second, second_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"(SELECT count(*) FROM generate_series(({first})::timestamp + interval '1 day', ({second})::timestamp,"
            " interval '1 day') AS g(d) WHERE extract(isodow FROM g.d) < 6 AND g.d::date <> ALL(%s::date[]))"
        )
        return sql, (*first_params, *second_params, list(weekday_holidays()))
