"""The daily retention job, run by the task queue's scheduler (notifications/tasks.py says how)."""

from procrastinate.contrib.django import app

from notifications.tasks import with_database

from . import leaving, retention


@app.periodic(cron="30 1 * * *", periodic_id="retention")
@app.task(name="privacy.apply_retention", queue="periodic", queueing_lock="privacy.apply_retention")
@with_database
def apply_retention(timestamp: int) -> int:
    """Daily at 01:30 UTC: anonymise leavers whose grace period is over, then apply the retention rules."""
    people = leaving.anonymise_leavers()
    return people + sum(batch.count for batch in retention.apply())
