"""Every e-mail of the product over a real SMTP server (aiosmtpd), sent by a real queue worker.

These tests commit (the queue's jobs are rows the worker must see), so they are transactional and few.
"""

import contextlib
from datetime import time, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from procrastinate.exceptions import AlreadyEnqueued

from knowledge import routing
from knowledge.models import Question
from meetings import rhythm
from meetings import services as meetings
from meetings.models import AgendaItem, Frequency, Meeting, MeetingSeries
from notifications.choices import Channel, Kind, choose
from notifications.models import Delivery, DeliveryStatus
from notifications.tasks import retry_stalled_jobs
from visits import services as visits
from visits.models import AvailabilityWindow, VisitStatus, Weekday

pytestmark = pytest.mark.django_db(transaction=True)


def coming_meeting(world, **series):
    values = {
        "office": world.a.office,
        "title": "SLF-møde",
        "frequency": Frequency.MONTHLY_WEEKDAY,
        "weekday": 3,
        "start_date": timezone.localdate(),
        "start_time": time(9),
        "duration_minutes": 60,
        "participant_roles": ["resource_person", "office_chief", "staff"],
    }
    values.update(series)
    rhythm.generate(MeetingSeries.objects.create(**values))
    meeting = Meeting.objects.filter(series__title=values["title"], starts_at__gt=timezone.now()).earliest("starts_at")
    AgendaItem.objects.create(meeting=meeting, position=1, title="Budgetopfølgning & prognose", duration_minutes=20)
    return meeting


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def ics_of(message):
    """The calendar attached to a message (parsed), or None."""
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_content())
    return None


def test_circulating_the_agenda_and_publishing_minutes_deliver_to_those_who_want_them(
    world, smtp, queue, login, django_assert_max_num_queries
):
    meeting = coming_meeting(world)
    choose(world.a.chief, Kind.MINUTES, Channel.NEVER)
    for person in (world.a.resource_person, world.a.staff):  # at once, not in the daily digest (the default)
        choose(person, Kind.MINUTES, Channel.NOW)
    client = login(world.a.resource_person)
    page = client.post(reverse("meetings:meeting-circulate", args=[meeting.pk]), follow=True).content.decode()
    assert "Dagsordenen sendes til 3 deltagere." in page  # queued, and the page says so
    assert "3 e-mails venter på at blive sendt." in page
    assert smtp.messages == []  # nothing is sent in the request

    queue.run()
    assert sorted(m["To"] for m in smtp.messages) == sorted(
        [world.a.resource_person.email, world.a.chief.email, world.a.staff.email]
    )
    agenda = smtp.to(world.a.staff.email)[0]
    assert agenda["Subject"].startswith("Dagsorden: SLF-møde")
    assert "Budgetopfølgning & prognose" in text_of(agenda)  # plain text: never HTML-escaped
    with django_assert_max_num_queries(13):  # the meeting page (12), and for leaders after mail the mail counts
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert '<th scope="row">Dagsorden</th><td>3</td><td>0</td><td>0</td>' in response.content.decode()

    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    smtp.messages.clear()
    page = client.post(reverse("meetings:minutes-publish", args=[meeting.pk]), follow=True).content.decode()
    assert "Referatet er offentliggjort og sendes til 2 deltagere." in page
    queue.run()
    assert sorted(m["To"] for m in smtp.messages) == sorted([world.a.resource_person.email, world.a.staff.email])
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 5
    assert queue.jobs(status="todo") == []


def free_slot(host, visitor, office, weeks_ahead=1, index=0):
    first_day = timezone.localdate() + timedelta(days=7 * weeks_ahead - timezone.localdate().weekday())
    return visits.free_slots(host, visitor, office, first_day)[index].start


def test_booking_moving_and_cancelling_a_visit_deliver_invitations_to_both(world, smtp, queue):
    host, visitor = world.a.resource_person, world.a.staff
    for weekday in (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY):
        AvailabilityWindow.objects.create(person=host, weekday=weekday, start=time(9), end=time(12))

    visit = visits.book_visit(host, visitor, free_slot(host, visitor, world.a.office), "Afstemninger")
    queue.run()
    assert sorted(m["To"] for m in smtp.messages) == sorted([host.email, visitor.email])
    booked = ics_of(smtp.to(host.email)[0])
    assert booked["method"] == "REQUEST"
    uid = str(booked.walk("VEVENT")[0]["uid"])

    smtp.messages.clear()
    visit = visits.reschedule_visit(visit, visitor, free_slot(host, visitor, world.a.office, index=1))
    queue.run()
    assert len(smtp.messages) == 2
    moved = ics_of(smtp.to(visitor.email)[0])
    event = moved.walk("VEVENT")[0]
    assert moved["method"] == "REQUEST" and str(event["uid"]) == uid and int(event["sequence"]) == 1
    assert event.decoded("dtstart") == visit.starts_at

    smtp.messages.clear()
    visits.end_visit(visit, visitor, VisitStatus.CANCELLED, "Syg")
    queue.run()
    assert len(smtp.messages) == 2
    cancelled = ics_of(smtp.to(host.email)[0])
    assert cancelled["method"] == "CANCEL" and str(cancelled.walk("VEVENT")[0]["uid"]) == uid
    assert Delivery.objects.filter(kind="visit", status=DeliveryStatus.SENT).count() == 6


def test_an_assigned_question_is_delivered_with_a_clean_subject(world, smtp, queue):
    question = Question.objects.create(
        office=world.a.office,
        unit="Skovbo Skole",
        asked_by="Skoleleder",
        title="Refusion\r\nBcc: spam@example.org",
        description="Hvordan søges den?",
        due_date=timezone.localdate() + timedelta(days=5),
        created_by=world.a.resource_person,
    )
    routing.assign(question, world.a.resource_person, world.b.staff)
    queue.run()
    [message] = smtp.messages
    assert message.envelope_to == [world.b.staff.email]  # the line break smuggled no Bcc in
    assert message["Subject"].strip() == "Et spørgsmål til dig: Refusion Bcc: spam@example.org"  # one line
    assert question.get_absolute_url() in text_of(message)


def test_mail_waits_while_the_server_is_down_and_is_delivered_once_when_it_is_back(world, smtp, queue, login, settings):
    settings.MAIL_MAX_ATTEMPTS = 1000
    meeting = coming_meeting(world)
    smtp.stop()
    client = login(world.a.resource_person)
    assert client.post(reverse("meetings:meeting-circulate", args=[meeting.pk])).status_code == 302
    queue.run_until(lambda: all(job["attempts"] >= 2 for job in queue.jobs()))  # tried, and tried again
    waiting = Delivery.objects.filter(status=DeliveryStatus.WAITING)
    assert waiting.count() == 3 and all("ConnectionRefusedError" in d.last_error for d in waiting)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "3 e-mails venter på at blive sendt." in page and "sendt til" not in page
    assert '<th scope="row">Dagsorden</th><td>0</td><td>3</td><td>0</td>' in page

    smtp.start()
    queue.run_until(lambda: not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists())
    queue.run()  # nothing left to do: a second run sends nothing twice
    assert sorted(m["To"] for m in smtp.messages) == sorted(
        [world.a.resource_person.email, world.a.chief.email, world.a.staff.email]
    )
    assert {job["status"] for job in queue.jobs()} == {"succeeded"}


def test_a_mail_failing_past_the_last_try_is_marked_failed_and_the_retry_button_queues_it_again(
    world, smtp, queue, login, settings
):
    settings.MAIL_MAX_ATTEMPTS = 2
    meeting = coming_meeting(world, participant_roles=["staff"])
    smtp.stop()
    client = login(world.a.resource_person)
    client.post(reverse("meetings:meeting-circulate", args=[meeting.pk]))
    queue.run_until(lambda: Delivery.objects.filter(status=DeliveryStatus.FAILED).exists())
    failed = Delivery.objects.get()
    assert failed.status == DeliveryStatus.FAILED and failed.attempts == 2
    assert failed.last_error.startswith("ConnectionRefusedError")
    assert [job["status"] for job in queue.jobs()] == ["failed"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "1 e-mail kunne ikke sendes:" in page and "ConnectionRefusedError" in page
    assert reverse("meetings:meeting-mail-retry", args=[meeting.pk]) in page

    retry = reverse("meetings:meeting-mail-retry", args=[meeting.pk])
    assert login(world.a.staff).post(retry).status_code == 403  # leaders only
    response = login(world.a.resource_person).post(retry, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "1 e-mail venter på at blive sendt." in response.content.decode()
    assert Delivery.objects.get().status == DeliveryStatus.WAITING
    smtp.start()
    queue.run()
    assert [m["To"] for m in smtp.messages] == [world.a.staff.email]
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_a_job_left_running_by_a_killed_worker_is_retried_and_delivered_once(world, smtp, queue):
    meeting = coming_meeting(world, participant_roles=["staff"])
    meetings.circulate_agenda(meeting)
    [job] = queue.jobs()
    with connection.cursor() as cursor:  # a worker took the job, then died: no heartbeat for a minute
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) VALUES (NOW() - INTERVAL '1 minute') RETURNING id"
        )
        worker_id = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s WHERE id = %s", [worker_id, job["id"]]
        )
    queue.run(queues=["mail"])
    assert smtp.messages == []  # a running job is nobody else's
    with contextlib.suppress(AlreadyEnqueued):  # unless the worker's scheduler just queued it for this minute
        retry_stalled_jobs.defer(timestamp=0)
    queue.run()
    assert [m["To"] for m in smtp.messages] == [world.a.staff.email]
    assert Delivery.objects.get().status == DeliveryStatus.SENT
