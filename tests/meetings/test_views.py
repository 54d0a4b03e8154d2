from datetime import date, time, timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import rhythm
from meetings.models import AgendaItem, Frequency, Meeting, MeetingSeries
from notifications.choices import Channel, Kind, choose
from tests.queue import deliver_queued


def make_series(world, office_world=None, **kw):
    ow = office_world or world.a
    defaults = {
        "office": ow.office,
        "title": "SLF-møde",
        "frequency": Frequency.MONTHLY_WEEKDAY,
        "weekday": 3,
        "start_date": timezone.localdate(),
        "start_time": time(9),
        "duration_minutes": 60,
    }
    defaults.update(kw)
    series = MeetingSeries.objects.create(**defaults)
    rhythm.generate(series)
    return series


def first_meeting(series):
    return Meeting.objects.filter(series=series).order_by("starts_at").first()


def test_resource_person_creates_a_monthly_series(login, world):
    response = login(world.a.resource_person).post(
        reverse("meetings:series-create", args=[world.a.office.slug]),
        {
            "kind": "slf",
            "title": "SLF-møde",
            "frequency": "monthly_weekday",
            "interval": 1,
            "weekday": 3,
            "week_of_month": 1,
            "day_of_month": 1,
            "start_date": date.today().isoformat(),
            "start_time": "09:00",
            "duration_minutes": 90,
            "participant_roles": ["resource_person", "office_chief"],
        },
    )
    assert response.status_code == 302
    series = MeetingSeries.objects.get()
    assert series.meetings.count() >= 5
    assert series.participant_roles == ["resource_person", "office_chief"]


def test_series_with_no_dates_or_bad_values_is_refused(login, world):
    response = login(world.a.resource_person).post(
        reverse("meetings:series-create", args=[world.a.office.slug]),
        {
            "kind": "slf",
            "title": "X",
            "frequency": "weekly",
            "interval": 1,
            "weekday": 3,
            "week_of_month": 1,
            "day_of_month": 1,
            "start_date": "2026-03-10",
            "start_time": "09:00",
            "duration_minutes": 5,
            "until": "2026-03-01",
        },
    )
    assert response.status_code == 400
    assert response.content.decode().count("invalid-feedback") >= 2
    assert not MeetingSeries.objects.exists()


def test_staff_cannot_create_series_and_other_office_sees_nothing(login, world):
    url = reverse("meetings:series-create", args=[world.a.office.slug])
    assert login(world.a.staff).get(url).status_code == 403
    series = make_series(world)
    meeting = first_meeting(series)
    assert login(world.a.staff).get(meeting.get_absolute_url()).status_code == 200
    assert login(world.b.staff).get(meeting.get_absolute_url()).status_code == 404
    assert login(world.c.chief).get(series.get_absolute_url()).status_code == 404


def test_cross_office_series_is_visible_to_all_offices_of_the_administration(login, world):
    series = make_series(world, office=None, administration=world.administration, title="Tværgående")
    meeting = first_meeting(series)
    assert login(world.b.staff).get(meeting.get_absolute_url()).status_code == 200
    assert login(world.head).get(meeting.get_absolute_url()).status_code == 200
    assert login(world.c.staff).get(meeting.get_absolute_url()).status_code == 404


def test_agenda_add_move_delete_with_htmx(login, world):
    meeting = first_meeting(make_series(world))
    client = login(world.a.resource_person)
    add = reverse("meetings:agenda-item-create", args=[meeting.pk])
    for title in ("Opfølgning", "Oplæg"):
        response = client.post(
            add, {"title": title, "kind": "talk", "duration_minutes": 20}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="agenda"')
    second = AgendaItem.objects.get(title="Oplæg")
    client.post(reverse("meetings:agenda-item-move", args=[meeting.pk, second.pk]), {"direction": "up"})
    assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True)) == ["Oplæg", "Opfølgning"]
    client.post(reverse("meetings:agenda-item-delete", args=[meeting.pk, second.pk]))
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Opfølgning"]


def test_agenda_time_box_limits_and_overrun_warning(login, world):
    meeting = first_meeting(make_series(world))
    client = login(world.a.resource_person)
    add = reverse("meetings:agenda-item-create", args=[meeting.pk])
    bad = client.post(add, {"title": "For langt", "kind": "talk", "duration_minutes": 121})
    assert bad.status_code == 400
    assert "invalid-feedback" in bad.content.decode()
    zero = client.post(add, {"title": "Nul", "kind": "talk", "duration_minutes": 0}, headers={"HX-Request": "true"})
    assert zero.status_code == 200 and "invalid-feedback" in zero.content.decode()
    client.post(add, {"title": "Lang", "kind": "talk", "duration_minutes": 90})
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "text-danger" in body
    assert AgendaItem.objects.count() == 1


def test_staff_cannot_edit_the_agenda(login, world):
    meeting = first_meeting(make_series(world))
    add = reverse("meetings:agenda-item-create", args=[meeting.pk])
    assert login(world.a.staff).post(add, {"title": "X", "kind": "talk", "duration_minutes": 5}).status_code == 403
    assert login(world.b.chief).post(add, {"title": "X", "kind": "talk", "duration_minutes": 5}).status_code == 404
    assert login(world.a.chief).get(add).status_code == 405


def test_meeting_ics_parses_with_a_stable_uid(login, world):
    meeting = first_meeting(make_series(world))
    response = login(world.a.staff).get(reverse("meetings:meeting-ics", args=[meeting.pk]))
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["uid"]) == f"meeting-{meeting.uid}@slf-logbook"
    assert event.decoded("dtstart") == meeting.starts_at


def test_personal_feed_includes_meetings(client, world):
    make_series(world)
    response = client.get(reverse("accounts:calendar-feed", args=[world.a.staff.calendar_token]))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) >= 5


def test_meeting_pages_query_counts_do_not_grow(login, world, django_assert_max_num_queries):
    series = make_series(world, frequency=Frequency.WEEKLY)
    meeting = first_meeting(series)
    AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=meeting, position=i, title=f"Punkt {i}", duration_minutes=2) for i in range(30)]
    )
    make_series(world, title="Teammøde", frequency=Frequency.WEEKLY, weekday=1)  # more meetings than a page holds
    row = '<tr><td><a href="/meetings/'
    client = login(world.a.resource_person)
    # 12 in all, whatever the items: with them the agreements made at the items, the person's drafts of the
    # minutes (drafts/); the previous meeting and the forms' SLF headings come with the meeting, the presenters
    # and the responsible people are one query.
    with django_assert_max_num_queries(12):
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<h3 class="h6 d-inline fw-semibold">Punkt ') == 30 and "Punkt 29</h3>" in body
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:office-meetings", args=[world.a.office.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    coming = body.split('id="past-heading"')[0]
    assert coming.count(row) == 20 and "Teammøde" in coming  # the 20 coming meetings the page shows
    with django_assert_max_num_queries(10):
        response = client.get(reverse("meetings:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count(row) == 30 and "SLF-møde" in body and "Teammøde" in body


def test_my_page_shows_my_next_meetings(login, world):
    make_series(world, start_date=timezone.localdate() + timedelta(days=1))
    assert "Mine næste møder" in login(world.a.staff).get("/").content.decode()


def test_circulating_the_agenda_mails_those_who_want_it(login, world):
    from django.core import mail

    from meetings.models import MeetingStatus

    series = make_series(world, participant_roles=["resource_person", "office_chief", "staff"])
    meeting = first_meeting(series)
    choose(world.a.chief, Kind.AGENDA, Channel.NEVER)
    assert login(world.a.staff).post(reverse("meetings:meeting-circulate", args=[meeting.pk])).status_code == 403
    client = login(world.a.resource_person)
    response = client.post(reverse("meetings:meeting-circulate", args=[meeting.pk]), follow=True)
    assert "Dagsordenen sendes til 2 deltagere." in response.content.decode()  # queued, not "sent"
    assert mail.outbox == []  # never sent in the request
    assert deliver_queued() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.a.resource_person.email, world.a.staff.email])
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.AGENDA_CIRCULATED


def test_cancelling_needs_a_reason_and_marks_the_ics_cancelled(login, world):
    meeting = first_meeting(make_series(world))
    client = login(world.a.chief)
    url = reverse("meetings:meeting-cancel", args=[meeting.pk])
    client.post(url, {"reason": ""})
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"
    client.post(url, {"reason": "Sygdom"})
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.sequence == 1
    event = Calendar.from_ical(client.get(reverse("meetings:meeting-ics", args=[meeting.pk])).content).walk("VEVENT")[0]
    assert event["status"] == "CANCELLED" and event["sequence"] == 1
    assert login(world.b.chief).post(url, {"reason": "x"}).status_code == 404


def test_attendance_from_one_screen_marks_the_meeting_held(login, world, django_assert_max_num_queries):
    from meetings.models import Attendance

    meeting = first_meeting(make_series(world))
    client = login(world.a.resource_person)
    url = reverse("meetings:attendance", args=[meeting.pk])
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert world.a.staff.full_name in body and f'name="attendance-{world.a.chief.pk}"' in body
    response = client.post(
        url, {f"attendance-{world.a.staff.pk}": "present", f"attendance-{world.a.chief.pk}": "excused"}
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("person_id", "status")) == {
        world.a.staff.pk: "present",
        world.a.chief.pk: "excused",
    }
    assert Meeting.objects.get(pk=meeting.pk).status == "held"
    bad = client.post(url, {f"attendance-{world.a.staff.pk}": "asleep"})
    assert bad.status_code == 400
    assert Attendance.objects.get(person=world.a.staff).status == "present"
    assert login(world.a.staff).get(url).status_code == 403
    assert login(world.b.chief).get(url).status_code == 404
