"""Housekeeping: drafts nobody touched for ``KEEP_DAYS`` days are removed daily (Procrastinate)."""

from procrastinate.contrib.django import app

from notifications.tasks import with_database

from .models import Draft


def remove_old_drafts(days: int | None = None, now=None) -> int:
    qs = Draft.objects.older_than(now=now) if days is None else Draft.objects.older_than(days, now=now)
    return qs.delete()[0]


@app.periodic(cron="30 3 * * *", periodic_id="remove-old-drafts")
@app.task(name="drafts.remove_old_drafts", queue="periodic", queueing_lock="drafts.remove_old_drafts")
@with_database
def remove_old_drafts_daily(timestamp: int):
    """Daily at 03:30 UTC."""
    return remove_old_drafts()
