"""The helper's rules without a worker: the transaction, the choices, the language, the schedule."""

import asyncio
import smtplib
from datetime import UTC, datetime, time

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.periodic import PeriodicDeferrer

from meetings import rhythm, services
from meetings.models import Frequency, Meeting, MeetingSeries
from notifications import outbox
from notifications.choices import Channel, Kind, choose
from notifications.models import Delivery, DeliveryStatus
from notifications.tasks import MailRetry
from tests import factories


def job_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'notifications.deliver'")
        return cursor.fetchone()[0]


@pytest.fixture
def meeting(world):
    series = MeetingSeries.objects.create(
        office=world.a.office,
        title="SLF-møde",
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=3,
        start_date=timezone.localdate(),
        start_time=time(9),
        duration_minutes=60,
        participant_roles=["resource_person", "office_chief", "staff"],
    )
    rhythm.generate(series)
    return Meeting.objects.filter(series=series, starts_at__gt=timezone.now()).earliest("starts_at")


def test_a_change_rolled_back_leaves_no_mail_and_no_job(meeting):
    jobs_before = job_count()

    def circulate_then_fail():
        with transaction.atomic():
            assert len(services.circulate_agenda(meeting)) == 3
            assert Delivery.objects.count() == 3 and job_count() == jobs_before + 3  # queued with the change …
            raise RuntimeError("the change fails after the mail was queued")

    with pytest.raises(RuntimeError):
        circulate_then_fail()
    assert Delivery.objects.count() == 0 and job_count() == jobs_before  # … and gone with it


def test_each_person_gets_mail_in_their_language_and_only_if_they_want_it(world, meeting):
    world.a.staff.preferred_language = "en"
    world.a.staff.save()
    choose(world.a.chief, Kind.AGENDA, Channel.NEVER)
    deliveries = {
        d.to: d
        for d in outbox.send(
            Kind.AGENDA,
            services.participants(meeting),
            "meetings/email/agenda",
            {"meeting": meeting, "items": []},
            about=meeting,
        )
    }
    assert set(deliveries) == {world.a.staff.email, world.a.resource_person.email}
    assert deliveries[world.a.staff.email].subject.startswith("Agenda: SLF-møde")
    assert deliveries[world.a.resource_person.email].subject.startswith("Dagsorden: SLF-møde")
    assert all(d.status == DeliveryStatus.WAITING and d.job_id for d in deliveries.values())
    assert Delivery.objects.about(meeting).counts_by_kind() == [
        {"kind": "agenda", "waiting": 2, "sent": 0, "failed": 0}
    ]


def test_periodic_jobs_are_deferred_once_per_period_by_any_number_of_workers(queue):
    at = datetime(2026, 12, 7, 5, 0, 30, tzinfo=UTC).timestamp()  # a Monday, just after 05:00 UTC

    async def three_workers():
        async with app.open_async():
            for _ in range(3):
                deferrer = PeriodicDeferrer(app.periodic_registry)
                await deferrer.defer_jobs(deferrer.get_previous_tasks(at))

    with app.replace_connector(app.connector.get_worker_connector()):
        asyncio.run(three_workers())
    assert sorted(job["task"] for job in queue.jobs(task=None)) == [
        "logbook.agreement_reminders",
        "notifications.daily_digests",
        "notifications.retry_stalled_jobs",
        "notifications.weekly_digests",
    ]
    registered = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert registered["meetings.generate_meetings"] == "30 2 * * *"
    assert registered["notifications.remove_old_jobs"] == "15 3 * * *"


def test_only_errors_that_waiting_can_cure_are_retried():
    class Job:
        attempts = 0

    retry = MailRetry()
    assert retry.get_retry_decision(exception=ConnectionRefusedError(), job=Job()) is not None
    assert retry.get_retry_decision(exception=smtplib.SMTPServerDisconnected(), job=Job()) is not None
    assert retry.get_retry_decision(exception=smtplib.SMTPDataError(451, b"try later"), job=Job()) is not None
    refused = smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"5.1.1 User unknown")})
    assert retry.get_retry_decision(exception=refused, job=Job()) is None
    assert retry.get_retry_decision(exception=smtplib.SMTPDataError(554, b"rejected"), job=Job()) is None
    assert retry.get_retry_decision(exception=ValueError("a bug"), job=Job()) is None
    Job.attempts = 24  # the 25th try was the last
    assert retry.get_retry_decision(exception=ConnectionRefusedError(), job=Job()) is None


def test_admins_see_the_deliveries_and_the_queues_jobs(client, world, meeting):
    services.circulate_agenda(meeting)
    admin = factories.make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    deliveries = client.get(reverse("admin:notifications_delivery_changelist"))
    assert deliveries.status_code == 200 and world.a.staff.email in deliveries.content.decode()
    jobs = client.get(reverse("admin:procrastinate_procrastinatejob_changelist"))
    assert jobs.status_code == 200 and "notifications.deliver" in jobs.content.decode()
