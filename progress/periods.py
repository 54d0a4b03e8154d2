"""The period chooser: this quarter, half-year, year or a custom range, and the period before it."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slf.forms import sane_date

TZ = ZoneInfo(settings.TIME_ZONE)

CHOICES = [
    ("quarter", _("This quarter")),
    ("half", _("This half-year")),
    ("year", _("This year")),
    ("custom", _("Custom")),
]
#: The longest custom period (keeps the trend charts readable).
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def start_at(self) -> datetime:
        """The first instant of the period in local time (Europe/Copenhagen), summer time included."""
        return datetime.combine(self.start, time.min, TZ)

    @property
    def end_at(self) -> datetime:
        """The first instant after the period."""
        return datetime.combine(self.end + timedelta(days=1), time.min, TZ)

    def previous(self) -> "Period":
        """The period just before, of equal length (the previous quarter, half-year or year for those)."""
        months = {"quarter": 3, "half": 6, "year": 12}.get(self.kind)
        if months:
            return Period(self.kind, self.start - relativedelta(months=months), self.start - timedelta(days=1))
        return Period(self.kind, self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def months(self) -> list[date]:
        """First days of the calendar months the period touches."""
        first = self.start.replace(day=1)
        out = []
        while first <= self.end:
            out.append(first)
            first += relativedelta(months=1)
        return out


def _parse(value: str | None) -> date | None:
    """A date of the query string; ``None`` when unparsable or outside the bounds every date column keeps."""
    return sane_date(value)


def period_from(params, today: date | None = None) -> tuple[Period, bool]:
    """The period asked for in the query string, and whether the custom dates were valid."""
    today = today or timezone.localdate()
    kind = params.get("period", "quarter")
    if kind == "custom":
        start, end = _parse(params.get("from")), _parse(params.get("to"))
        if start and end and start <= end and (end - start).days < MAX_DAYS:
            return Period("custom", start, end), True
        return _named("quarter", today), False
    if kind not in {"quarter", "half", "year"}:
        kind = "quarter"
    return _named(kind, today), True


def _named(kind: str, today: date) -> Period:
    if kind == "year":
        start = today.replace(month=1, day=1)
        months = 12
    elif kind == "half":
        start = today.replace(month=1 if today.month <= 6 else 7, day=1)
        months = 6
    else:
        start = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
        months = 3
    return Period(kind, start, start + relativedelta(months=months) - timedelta(days=1))
