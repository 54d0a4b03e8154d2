"""Summaries of the facts the progress pages count: per meeting series, office and SLF heading, and month.

Kept exact by database triggers (migration 0001) in the same transaction as every change to meetings,
attendance and logbook entries, whichever way it is made (``save()``, ``QuerySet.update()``, bulk
inserts, raw SQL); ``manage.py progress_summaries`` rebuilds them all and ``--verify`` checks them
against the raw rows. The pages read them instead of ten years of raw rows (``progress/summaries.py``).
The foreign keys have no database constraint: a trigger may write a row of zeros for a series while
Django's cascade deletes it; such rows count nothing and the rebuild drops them.
A month is a calendar month in Copenhagen: meetings by the local day they start, agreements opened by
their date and closed by the local day they were closed.
"""

from django.db import models

from logbook.models import Entry  # noqa: F401 - the triggers read logbook_entry
from meetings.models import MeetingSeries
from offices.models import Heading, Office


class SeriesMonth(models.Model):
    """A meeting series' meetings in one month: planned, held, cancelled, agenda before, attendance."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    month = models.DateField()
    planned = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    agenda_before = models.PositiveIntegerField(default=0)
    present = models.PositiveIntegerField(default=0)
    recorded = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "month"], name="seriesmonth_unique")]

    def __str__(self):
        return f"{self.series_id} {self.month:%Y-%m}"


class OfficeMonth(models.Model):
    """An office's agreements in one month: opened (by their date), kept, adjusted, dropped (by when closed)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    month = models.DateField()
    opened = models.PositiveIntegerField(default=0)
    kept = models.PositiveIntegerField(default=0)
    adjusted = models.PositiveIntegerField(default=0)
    dropped = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "month"], name="officemonth_unique")]

    def __str__(self):
        return f"{self.office_id} {self.month:%Y-%m}"


class HeadingMonth(models.Model):
    """Logbook entries and agreements under an SLF heading in one month (by the entry's date)."""

    heading = models.ForeignKey(Heading, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    month = models.DateField()
    entries = models.PositiveIntegerField(default=0)
    agreements = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["heading", "month"], name="headingmonth_unique")]

    def __str__(self):
        return f"{self.heading_id} {self.month:%Y-%m}"
