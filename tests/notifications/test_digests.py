"""Digests: what people chose to get daily or weekly arrives as one e-mail, exactly once, with its links."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from logbook.models import EntryKind
from logbook.reminders import send_reminders
from meetings import rhythm, services
from meetings.models import Frequency, Meeting, MeetingSeries
from notifications import digests
from notifications.choices import Channel, Kind, choose
from notifications.models import Delivery, DigestItem, NotificationChoice
from tests.logbook.test_logbook import make_entry
from tests.queue import deliver_queued


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


def circulate_and_publish(meeting, by):
    services.circulate_agenda(meeting, by=by)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    meeting.refresh_from_db()
    services.publish_minutes(meeting, by)


def mails_to(person):
    return [m for m in mail.outbox if person.email in m.to]


def test_daily_digest_is_one_message_with_the_days_agenda_minutes_and_reminder(world, meeting):
    staff = world.a.staff
    for kind in (Kind.AGENDA, Kind.MINUTES, Kind.REMINDER):
        choose(staff, kind, Channel.DAILY)
    circulate_and_publish(meeting, world.a.resource_person)
    entry = make_entry(
        world,
        title="Ny skabelon til kvartalsrapport",
        kind=EntryKind.AGREEMENT,
        date=timezone.localdate(),
        due_date=timezone.localdate() + timedelta(days=2),
        responsible=[staff],
    )
    send_reminders()
    deliver_queued()
    assert mails_to(staff) == []  # nothing at once for the kinds in the digest
    assert not Delivery.objects.filter(recipient=staff).exists()
    assert mails_to(world.a.chief)  # others still get theirs at once

    assert digests.send_due("daily", at=timezone.now()) == 3  # the others get the minutes daily (the default)
    deliver_queued()
    [digest] = mails_to(staff)
    assert digest.subject == "Din daglige oversigt: 3 nye ting"
    body = digest.body
    meeting_url = settings.SITE_URL + meeting.get_absolute_url()
    lines = [
        "Dagsordener til mine møder",
        "- Dagsorden: SLF-møde",
        f"  {meeting_url}",
        "Referater fra mine møder",
        "- Referat: SLF-møde",
        "Påmindelser om mine aftaler",
        "- Aftale med frist snart: Ny skabelon til kvartalsrapport",
        f"  {settings.SITE_URL}{entry.get_absolute_url()}",
    ]
    positions = [body.find(line) for line in lines]
    assert -1 not in positions, body
    assert positions == sorted(positions)  # grouped by kind, in order
    assert settings.SITE_URL + reverse("accounts:profile") in body
    assert set(Delivery.objects.filter(recipient=staff).values_list("kind", flat=True)) == {Kind.DIGEST}
    assert not DigestItem.objects.filter(sent_at__isnull=True).exists()

    # A second run (a second worker, the same period) sends nothing.
    mail.outbox.clear()
    assert digests.send_due("daily", at=timezone.now()) == 0
    deliver_queued()
    assert mail.outbox == []


def test_digest_is_in_the_persons_language_and_says_since_when(world, meeting):
    staff = world.a.staff
    staff.preferred_language = "en"
    staff.save()
    choose(staff, Kind.AGENDA, Channel.DAILY)
    services.circulate_agenda(meeting)
    digests.send_due("daily")
    choose(staff, Kind.MINUTES, Channel.DAILY)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    meeting.refresh_from_db()
    services.publish_minutes(meeting, world.a.resource_person)
    assert digests.send_due("daily") == 3  # and the others' minutes (daily by default)
    deliver_queued()
    first, second = mails_to(staff)
    assert first.subject == "Your daily digest: 1 new thing"
    assert "Agendas of my meetings\n- Agenda: SLF-møde" in first.body and "Minutes" not in first.body
    assert "This has happened since your last digest" in second.body
    assert "Minutes of my meetings\n- Minutes: SLF-møde" in second.body and "Agendas" not in second.body


def test_weekly_items_wait_for_the_weekly_digest(world, meeting):
    staff = world.a.staff
    choose(staff, Kind.AGENDA, Channel.DAILY)
    choose(staff, Kind.MINUTES, Channel.WEEKLY)
    circulate_and_publish(meeting, world.a.resource_person)
    assert digests.send_due("daily") == 3  # staff's agenda, the others' minutes (daily by default)
    deliver_queued()
    [daily] = mails_to(staff)
    assert "Dagsorden: SLF-møde" in daily.body and "Referat" not in daily.body
    mail.outbox.clear()
    assert digests.send_due("weekly") == 1
    assert digests.send_due("weekly") == 0
    deliver_queued()
    [weekly] = mails_to(staff)
    assert weekly.subject == "Din ugentlige oversigt: 1 ny ting"
    assert "Referat: SLF-møde" in weekly.body and "Dagsorden:" not in weekly.body


def test_not_at_all_sends_nothing_now_or_later(world, meeting):
    staff = world.a.staff
    choose(staff, Kind.AGENDA, Channel.NEVER)
    services.circulate_agenda(meeting)
    assert digests.send_due("daily") == 0 and digests.send_due("weekly") == 0
    deliver_queued()
    assert mails_to(staff) == []
    assert not Delivery.objects.filter(recipient=staff).exists()
    assert not DigestItem.objects.filter(person=staff).exists()


def test_sender_is_told_who_gets_the_agenda_at_once_and_who_in_a_digest(login, world, meeting):
    choose(world.a.staff, Kind.AGENDA, Channel.WEEKLY)
    page = login(world.a.resource_person).post(reverse("meetings:meeting-circulate", args=[meeting.pk]), follow=True)
    assert page.status_code == 200
    assert (
        "Dagsordenen sendes til 2 deltagere. 1 anden deltager får den i sin daglige eller ugentlige oversigt."
        in page.content.decode()
    )


def test_items_from_after_the_run_wait_for_the_next_one(world, meeting):
    choose(world.a.staff, Kind.AGENDA, Channel.DAILY)
    services.circulate_agenda(meeting)
    assert digests.send_due("daily", at=timezone.now() - timedelta(minutes=1)) == 0
    assert DigestItem.objects.filter(person=world.a.staff, sent_at__isnull=True).count() == 1


def test_digests_go_out_at_seven_copenhagen_time_summer_and_winter():
    summer_monday, winter_monday = datetime(2026, 7, 6, tzinfo=UTC), datetime(2026, 12, 7, tzinfo=UTC)
    assert digests.is_due("daily", summer_monday.replace(hour=5)) and digests.is_due(
        "weekly", summer_monday.replace(hour=5)
    )
    assert not digests.is_due("daily", summer_monday.replace(hour=6))
    assert digests.is_due("weekly", winter_monday.replace(hour=6)) and not digests.is_due(
        "daily", winter_monday.replace(hour=5)
    )
    assert digests.is_due("daily", winter_monday.replace(day=8, hour=6))
    assert not digests.is_due("weekly", winter_monday.replace(day=8, hour=6))  # a Tuesday


def test_profile_shows_and_saves_the_choices(login, world):
    client = login(world.a.staff)
    page = client.get(reverse("accounts:profile"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "<legend" in body and "Referater fra mine møder" in body and "I en daglig oversigt" in body
    assert 'name="notify_minutes" value="daily" id="id_notify_minutes_1" checked' in body  # the default
    data = {"full_name": "Ny Navn", "initials": "NN", "preferred_language": "da"}
    data |= {f"notify_{kind}": "now" for kind in ("agenda", "minutes", "reminder", "visit", "question")}
    data |= {"notify_minutes": "weekly", "notify_question": "never"}
    assert client.post(reverse("accounts:profile"), data).status_code == 302
    chosen = dict(NotificationChoice.objects.filter(person=world.a.staff).values_list("kind", "channel"))
    assert chosen == {"agenda": "now", "minutes": "weekly", "reminder": "now", "visit": "now", "question": "never"}


@pytest.mark.parametrize("value", ["sometimes", "", "now\x00", "NOW"])
def test_profile_refuses_a_channel_that_does_not_exist(login, world, value):
    client = login(world.a.staff)
    data = {"full_name": "Ny Navn", "initials": "NN", "preferred_language": "da"}
    data |= {f"notify_{kind}": "now" for kind in ("agenda", "minutes", "reminder", "visit", "question")}
    data["notify_agenda"] = value
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 400
    if value == "sometimes":
        assert 'aria-describedby="id_notify_agenda-help id_notify_agenda-error"' in response.content.decode()
    assert not NotificationChoice.objects.filter(person=world.a.staff).exists()
    world.a.staff.refresh_from_db()
    assert world.a.staff.full_name != "Ny Navn"


def test_a_second_worker_skips_the_items_the_first_is_sending(queue, world, meeting):  # queue: jobs forgotten
    """While one run holds a person's items (locked, its digest not yet committed), a second run neither
    waits nor sends them; after the first commits there is nothing left."""
    import threading

    from django.db import connection, transaction

    choose(world.a.staff, Kind.AGENDA, Channel.DAILY)
    services.circulate_agenda(meeting)
    locked, release = threading.Event(), threading.Event()

    def first_worker():
        try:
            with transaction.atomic():
                list(DigestItem.objects.select_for_update().filter(person=world.a.staff))
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_worker)
    thread.start()
    try:
        assert locked.wait(10)
        assert digests.send_due("daily") == 0  # skipped, not waited for
    finally:
        release.set()
        thread.join()
    assert digests.send_due("daily") == 1
    assert digests.send_due("daily") == 0
