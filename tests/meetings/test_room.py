"""In the meeting: the room view, attendance with "everyone present", and items carried to the next meeting."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from logbook.models import AgreementStatus, Entry, EntryKind
from meetings.models import AgendaItem, Attendance, Meeting, MeetingSeries, MeetingStatus, ProposalStatus, TopicProposal

TZ = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 12, 10, 20, tzinfo=TZ)
S = MeetingStatus


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def series(world):
    return MeetingSeries.objects.create(office=world.a.office, title="SLF-møde", start_date=date(2026, 3, 12))


def meeting_at(series, when, status=S.PLANNED, minutes=90):
    return Meeting.objects.create(
        series=series, starts_at=when, ends_at=when + timedelta(minutes=minutes), status=status
    )


@pytest.fixture
def meeting(series):
    meeting = meeting_at(series, datetime(2026, 3, 12, 10, 0, tzinfo=TZ), S.IN_PROGRESS)
    for position, (title, length) in enumerate(
        [("Velkomst", 15), ("Opfølgning på aftaler", 25), ("Åben praksis", 20), ("Næste møde", 10)], start=1
    ):
        AgendaItem.objects.create(meeting=meeting, position=position, title=title, duration_minutes=length)
    return meeting


def items(meeting):
    return list(meeting.agenda_items.order_by("position"))


def room(meeting, item=None):
    if item is None:
        return reverse("meetings:room", args=[meeting.pk])
    return reverse("meetings:room-item", args=[meeting.pk, item.pk])


def test_the_room_shows_the_item_of_the_clock_with_its_time_box_and_the_time_left(
    login, world, meeting, django_assert_max_num_queries
):
    client = login(world.a.resource_person)
    with django_assert_max_num_queries(11):
        response = client.get(room(meeting))
    assert response.status_code == 200
    body = response.content.decode()
    # 10:20 is in the second item's time box (10:15–10:40): it is the current one, big, with 20 minutes left.
    assert re.search(r'<h2 id="room-item-title"[^>]*>Opfølgning på aftaler</h2>', body)
    for times in ("10:00–10:15", "10:15–10:40", "10:40–11:00", "11:00–11:10"):
        assert times in body
    assert "20:00" in body and 'data-countdown-end="2026-03-12T10:40:00+01:00"' in body
    assert 'src="/static/js/countdown.js"' in body and "<script>" not in body
    first, second, third, _last = items(meeting)
    assert f'href="{room(meeting, first)}" rel="prev"' in body and f'href="{room(meeting, third)}" rel="next"' in body
    assert 'name="text"' in body and f'name="room" value="{room(meeting, second)}"' in body  # its minutes
    assert f'id="agreements-item-{second.pk}"' in body  # and its agreements


def test_the_room_query_count_does_not_grow_with_the_agenda(login, world, meeting, django_assert_max_num_queries):
    for n in range(20):
        AgendaItem.objects.create(meeting=meeting, position=10 + n, title=f"Punkt {n}", duration_minutes=5)
    client, url = login(world.a.resource_person), room(meeting, items(meeting)[0])
    with django_assert_max_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200 and "Punkt 19" in response.content.decode()


def test_a_planned_meeting_opens_on_the_first_item_with_a_start_button_and_no_countdown(login, world, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=S.AGENDA_CIRCULATED)
    body = login(world.a.resource_person).get(room(meeting)).content.decode()
    assert re.search(r'<h2 id="room-item-title"[^>]*>Velkomst</h2>', body)
    assert reverse("meetings:meeting-start", args=[meeting.pk]) in body
    assert "data-countdown-end" not in body


def test_the_room_is_for_leaders_of_the_office_only(login, world, meeting, series):
    assert login(world.a.staff).get(room(meeting)).status_code == 403
    assert login(world.b.resource_person).get(room(meeting)).status_code == 404
    other = meeting_at(series, NOW + timedelta(days=30))
    stranger = AgendaItem.objects.create(meeting=other, title="Et andet møde", duration_minutes=5)
    response = login(world.a.resource_person).get(reverse("meetings:room-item", args=[meeting.pk, stranger.pk]))
    assert response.status_code == 404


def test_minutes_saved_in_the_room_without_javascript_come_back_to_the_room(login, world, meeting):
    second = items(meeting)[1]
    response = login(world.a.resource_person).post(
        reverse("meetings:item-minutes-update", args=[meeting.pk, second.pk]),
        {"text": "Alle aftaler gennemgået.", "version": 0, "room": room(meeting, second)},
    )
    assert response.status_code == 302 and response.url == room(meeting, second)
    assert AgendaItem.objects.get(pk=second.pk).minutes == "Alle aftaler gennemgået."


def test_a_foreign_room_address_is_not_followed_after_saving_minutes(login, world, meeting):
    second = items(meeting)[1]
    response = login(world.a.resource_person).post(
        reverse("meetings:item-minutes-update", args=[meeting.pk, second.pk]),
        {"text": "Tekst", "version": 0, "room": "https://evil.example/"},
    )
    assert response.status_code == 302 and response.url.startswith(meeting.get_absolute_url())


# Attendance ------------------------------------------------------------------------------------------------------


def test_everyone_present_in_one_click_then_the_exceptions(login, world, meeting):
    client = login(world.a.resource_person)
    url = reverse("meetings:attendance", args=[meeting.pk])
    body = client.get(url).content.decode()
    assert 'name="all_present"' in body and "<legend" in body
    response = client.post(url, {"all_present": "1"})
    assert response.status_code == 302 and response.url == url  # back to the same screen for the exceptions
    people = set(Attendance.objects.filter(meeting=meeting).values_list("person_id", "status"))
    everyone = {p.pk for p in world.a.people().values()}
    assert people == {(pk, "present") for pk in everyone}
    exceptions = {f"attendance-{pk}": "present" for pk in everyone} | {f"attendance-{world.a.staff.pk}": "excused"}
    assert client.post(url, exceptions).status_code == 302
    assert Attendance.objects.get(meeting=meeting, person=world.a.staff).status == "excused"
    assert Meeting.objects.get(pk=meeting.pk).status == S.IN_PROGRESS  # recording it does not end the meeting


def test_a_cancelled_meeting_has_no_attendance(login, world, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=S.CANCELLED)
    response = login(world.a.resource_person).post(
        reverse("meetings:attendance", args=[meeting.pk]), {"all_present": 1}
    )
    assert response.status_code == 403
    assert not Attendance.objects.exists()


# Carrying items on -----------------------------------------------------------------------------------------------


def carry(client, meeting, item, how):
    return client.post(reverse("meetings:agenda-item-carry", args=[meeting.pk, item.pk]), {"how": how})


def agreement(world, meeting, item, title, status=AgreementStatus.OPEN):
    entry = Entry.objects.create(
        office=world.a.office,
        kind=EntryKind.AGREEMENT,
        title=title,
        author=world.a.resource_person,
        date=date(2026, 3, 12),
        due_date=date(2026, 4, 1),
        status=status,
        meeting=meeting,
        agenda_item=item,
    )
    entry.responsible.set([world.a.staff])
    return entry


def test_an_item_moved_to_the_next_meeting_brings_its_open_agreements_as_the_same_rows(login, world, meeting, series):
    following = meeting_at(series, NOW + timedelta(days=28))
    third = items(meeting)[2]
    open_one = agreement(world, meeting, third, "Skabelon til sagsgennemgang")
    agreement(world, meeting, third, "Allerede holdt", AgreementStatus.KEPT)
    client = login(world.a.resource_person)
    response = carry(client, meeting, third, "move")
    assert response.status_code == 302 and response.url == room(meeting, third)
    new = AgendaItem.objects.get(meeting=following)
    assert (new.title, new.carried_from_id, AgendaItem.objects.get(pk=third.pk).moved_on) == (
        "Åben praksis",
        third.pk,
        True,
    )
    Meeting.objects.filter(pk=following.pk).update(status=S.IN_PROGRESS, starts_at=NOW - timedelta(minutes=5))
    body = client.get(room(following, new)).content.decode()
    assert "Skabelon til sagsgennemgang" in body and "Allerede holdt" not in body
    assert Entry.objects.get(pk=open_one.pk).agenda_item_id == third.pk  # the same row, untouched
    assert carry(client, meeting, third, "copy").status_code == 302  # already moved on: refused, nothing added
    assert AgendaItem.objects.filter(meeting=following).count() == 1


def test_an_item_copied_on_stays_here_too(login, world, meeting, series):
    following = meeting_at(series, NOW + timedelta(days=28), S.AGENDA_CIRCULATED)
    second = items(meeting)[1]
    carry(login(world.a.resource_person), meeting, second, "copy")
    assert AgendaItem.objects.get(meeting=following).carried_from_id == second.pk
    assert not AgendaItem.objects.get(pk=second.pk).moved_on


def test_an_item_not_reached_goes_back_to_the_backlog(login, world, meeting):
    last = items(meeting)[3]
    carry(login(world.a.resource_person), meeting, last, "backlog")
    proposal = TopicProposal.objects.get(series=meeting.series)
    assert (proposal.title, proposal.status, proposal.proposed_by) == (
        "Næste møde",
        ProposalStatus.OPEN,
        world.a.resource_person,
    )
    assert AgendaItem.objects.get(pk=last.pk).moved_on


def test_without_a_next_meeting_an_item_cannot_be_moved(login, world, meeting):
    first = items(meeting)[0]
    response = carry(login(world.a.resource_person), meeting, first, "move")
    assert response.status_code == 302
    assert AgendaItem.objects.count() == 4 and not AgendaItem.objects.get(pk=first.pk).moved_on


def test_items_are_not_carried_before_the_meeting_is_under_way(login, world, meeting, series):
    meeting_at(series, NOW + timedelta(days=28))
    Meeting.objects.filter(pk=meeting.pk).update(status=S.AGENDA_CIRCULATED)
    carry(login(world.a.resource_person), meeting, items(meeting)[0], "move")
    assert AgendaItem.objects.count() == 4


def test_a_made_up_way_of_carrying_is_refused(login, world, meeting, series):
    meeting_at(series, NOW + timedelta(days=28))
    response = carry(login(world.a.resource_person), meeting, items(meeting)[0], "teleport")
    assert response.status_code == 302
    assert AgendaItem.objects.count() == 4 and not TopicProposal.objects.exists()


def test_staff_cannot_carry_items(login, world, meeting):
    assert carry(login(world.a.staff), meeting, items(meeting)[0], "backlog").status_code == 403
    assert not TopicProposal.objects.exists()


def test_attendance_opened_from_the_room_goes_back_to_the_room(login, world, meeting):
    client = login(world.a.resource_person)
    second = items(meeting)[1]
    body = client.get(room(meeting, second)).content.decode()
    url = f"{reverse('meetings:attendance', args=[meeting.pk])}?next={room(meeting, second)}"
    assert url in body
    assert client.post(url, {"all_present": "1"}).url == url  # the exceptions next, same way back
    response = client.post(url, {f"attendance-{world.a.staff.pk}": "absent"})
    assert response.status_code == 302 and response.url == room(meeting, second)
