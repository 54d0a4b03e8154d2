"""The logbook's periodic job, run by the task queue's scheduler (notifications/tasks.py says how)."""

from procrastinate.contrib.django import app

from notifications.tasks import with_database

from .reminders import send_reminders


@app.periodic(cron="0 5 * * *", periodic_id="agreement-reminders")
@app.task(name="logbook.agreement_reminders", queue="periodic", queueing_lock="logbook.agreement_reminders")
@with_database
def agreement_reminders(timestamp: int) -> int:
    """Daily at 05:00 UTC (06:00 or 07:00 in Denmark): queue the reminders due today."""
    return send_reminders()
