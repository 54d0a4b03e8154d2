"""The meetings' periodic job, run by the task queue's scheduler (notifications/tasks.py says how)."""

from procrastinate.contrib.django import app

from notifications.tasks import with_database

from . import rhythm


@app.periodic(cron="30 2 * * *", periodic_id="generate-meetings")
@app.task(name="meetings.generate_meetings", queue="periodic", queueing_lock="meetings.generate_meetings")
@with_database
def generate_meetings(timestamp: int) -> int:
    """Daily at 02:30 UTC: keep the coming months' meetings of every series (idempotent)."""
    return rhythm.generate_all()
