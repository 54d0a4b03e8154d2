"""Meeting rhythms as dateutil rules, and idempotent generation of occurrences.

Dates come from ``dateutil.rrule`` on local (naive) dates; times are then set in
Europe/Copenhagen, so a 09:00 meeting stays 09:00 across summer and winter time.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Frequency, Meeting, MeetingSeries

TZ = ZoneInfo(settings.TIME_ZONE)
MONTHS_AHEAD = 6


def rule(series: MeetingSeries):
    start = datetime.combine(series.start_date, series.start_time)
    until = datetime.combine(series.until, series.start_time) if series.until else None
    if series.frequency == Frequency.WEEKLY:
        return rrule(WEEKLY, interval=series.interval, byweekday=series.weekday, dtstart=start, until=until)
    if series.frequency == Frequency.MONTHLY_DATE:
        # A day that some months lack (the 31st) falls on the month's last day instead of vanishing.
        return rrule(
            MONTHLY,
            interval=series.interval,
            bymonthday=(series.day_of_month, -1) if series.day_of_month > 28 else series.day_of_month,
            bysetpos=1 if series.day_of_month > 28 else None,
            dtstart=start,
            until=until,
        )
    return rrule(
        MONTHLY,
        interval=series.interval,
        byweekday=weekday(series.weekday)(series.week_of_month),
        dtstart=start,
        until=until,
    )


def dates_between(series: MeetingSeries, first: date, last: date) -> list[datetime]:
    """Local (aware) start times of the series' occurrences from ``first`` to ``last``."""
    r = rule(series)
    naive = r.between(
        datetime.combine(first, datetime.min.time()), datetime.combine(last, datetime.max.time()), inc=True
    )
    return [d.replace(tzinfo=TZ) for d in naive]


@transaction.atomic
def generate(series: MeetingSeries, today: date | None = None, months: int = MONTHS_AHEAD) -> int:
    """Create the occurrences of the coming months that don't exist yet. Returns how many were made."""
    if not series.start_date:
        return 0
    today = today or timezone.localdate()
    last = today + relativedelta(months=months)
    existing = set(
        Meeting.objects.filter(series=series, scheduled_for__isnull=False).values_list("scheduled_for", flat=True)
    )
    new = []
    for start in dates_between(series, max(today, series.start_date), last):
        if start.date() in existing:
            continue
        new.append(
            Meeting(
                series=series,
                starts_at=start,
                ends_at=start + timedelta(minutes=series.duration_minutes),
                location=series.location,
                scheduled_for=start.date(),
            )
        )
    Meeting.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def generate_all(months: int = MONTHS_AHEAD) -> int:
    """Generate every series' coming meetings (daily by the task queue, or ``manage.py generate_meetings``)."""
    return sum(generate(series, months=months) for series in MeetingSeries.objects.all())
