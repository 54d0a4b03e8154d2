"""Run the queue's mail jobs inside a test's transaction, as a worker would (tests/notifications/ run a real
worker against a real SMTP server; most tests only need the messages in Django's ``mail.outbox``)."""

import json

from django.db import connection

from notifications import outbox


def deliver_queued() -> int:
    """Send every mail job queued so far (no retries: a failure is the last try) and take the jobs out of the
    queue. Returns how many jobs ran."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, args FROM procrastinate_jobs WHERE task_name = 'notifications.deliver' AND status = 'todo'"
            " ORDER BY id"
        )
        jobs = cursor.fetchall()
        cursor.execute("DELETE FROM procrastinate_jobs WHERE id = ANY(%s)", [[job_id for job_id, _ in jobs]])
    for _, args in jobs:
        try:
            outbox.deliver(json.loads(args)["delivery_id"], gives_up=lambda error: True)
        except Exception:  # noqa: S112 - recorded on the Delivery, as the worker records it
            continue
    return len(jobs)
