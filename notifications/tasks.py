"""The queue's jobs for mail, and its housekeeping (Procrastinate, jobs stored in PostgreSQL).

Run the jobs with ``uv run manage.py procrastinate worker`` on any number of machines: a job is fetched by
one worker only (``FOR UPDATE SKIP LOCKED``), periodic jobs are deferred once per period whatever the number
of workers (a unique row per task and timestamp), and a job whose worker died (no heartbeat for 30 s) is
put back in the queue by ``retry_stalled_jobs``.
"""

import functools
import smtplib
from datetime import UTC, datetime

from django.conf import settings
from django.db import close_old_connections
from procrastinate import BaseRetryStrategy, RetryDecision
from procrastinate.contrib.django import app

from . import digests, outbox


class MailRetry(BaseRetryStrategy):
    """Exponential backoff for a mail server that fails: ``MAIL_RETRY_FIRST_WAIT`` seconds, doubling up to
    ``MAIL_RETRY_MAX_WAIT``, for ``MAIL_MAX_ATTEMPTS`` tries in all; only network errors and temporary SMTP
    answers are retried (anything else cannot get better by waiting). Read from the settings at each decision."""

    retry_exceptions = (OSError, smtplib.SMTPException)

    def get_retry_decision(self, *, exception, job):
        if not isinstance(exception, self.retry_exceptions) or permanent(exception):
            return None
        if job.attempts + 1 >= settings.MAIL_MAX_ATTEMPTS:  # ``attempts``: the tries before this one
            return None
        wait = min(settings.MAIL_RETRY_MAX_WAIT, settings.MAIL_RETRY_FIRST_WAIT * 2**job.attempts)
        return RetryDecision(retry_in={"seconds": wait})


def permanent(error) -> bool:
    """The mail server refused for good (a 5xx answer, e.g. an unknown recipient): waiting won't help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600


def with_database(func):
    """Django's connection rules around a job, as around a request: stale or broken connections are closed."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        close_old_connections()
        try:
            return func(*args, **kwargs)
        finally:
            close_old_connections()

    return wrapper


@app.task(name="notifications.deliver", queue="mail", pass_context=True, retry=MailRetry())
@with_database
def deliver(context, delivery_id: int):
    """Send one Delivery; the retry strategy decides whether a failure was the last try."""
    strategy = context.task.retry_strategy

    def gives_up(error) -> bool:
        return strategy.get_retry_decision(exception=error, job=context.job) is None

    outbox.deliver(delivery_id, gives_up)


@app.periodic(cron="* * * * *", periodic_id="retry-stalled-jobs")
@app.task(
    name="notifications.retry_stalled_jobs",
    queue="periodic",
    queueing_lock="notifications.retry_stalled_jobs",
    pass_context=True,
)
async def retry_stalled_jobs(context, timestamp: int):
    """Every minute: jobs left running by a worker that stopped sending heartbeats go back to the queue."""
    for job in await context.app.job_manager.get_stalled_jobs():
        await context.app.job_manager.retry_job(job)


@app.periodic(cron="15 3 * * *", periodic_id="remove-old-jobs")
@app.task(
    name="notifications.remove_old_jobs",
    queue="periodic",
    queueing_lock="notifications.remove_old_jobs",
    pass_context=True,
)
async def remove_old_jobs(context, timestamp: int):
    """Daily: forget succeeded jobs after 30 days (failed ones stay for the admin; Deliveries stay)."""
    await context.app.job_manager.delete_old_jobs(nb_hours=24 * 30)


@app.periodic(cron="0 5,6 * * *", periodic_id="daily-digests")
@app.task(name="notifications.daily_digests", queue="periodic", queueing_lock="notifications.daily_digests")
@with_database
def daily_digests(timestamp: int):
    """Daily at 07:00 Copenhagen time: the daily digests. Cron is in UTC: scheduled at 05:00 and 06:00 UTC,
    the one that is 07:00 in Copenhagen (05:00 in summer, 06:00 in winter) sends."""
    at = datetime.fromtimestamp(timestamp, UTC)
    return digests.send_due("daily", at=at) if digests.is_due("daily", at) else 0


@app.periodic(cron="0 5,6 * * 1", periodic_id="weekly-digests")
@app.task(name="notifications.weekly_digests", queue="periodic", queueing_lock="notifications.weekly_digests")
@with_database
def weekly_digests(timestamp: int):
    """Mondays at 07:00 Copenhagen time: the weekly digests (scheduled in UTC as the daily ones)."""
    at = datetime.fromtimestamp(timestamp, UTC)
    return digests.send_due("weekly", at=at) if digests.is_due("weekly", at) else 0
