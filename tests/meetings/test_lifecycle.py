"""A meeting's states: every allowed and every refused move of the lifecycle, who and when, what each state allows."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pghistory.models
import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from meetings.models import Meeting, MeetingError, MeetingSeries, MeetingStatus, TransitionRefused

TZ = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 12, 10, 20, tzinfo=TZ)  # a Thursday morning, twenty minutes into the meeting

S = MeetingStatus
ALL = [S.PLANNED, S.AGENDA_CIRCULATED, S.IN_PROGRESS, S.HELD, S.MINUTES_PUBLISHED, S.CANCELLED]

#: Written out here, not read from meetings.models.TRANSITIONS, so a change of the table is caught.
EXPECTED = {
    "circulate_agenda": ({S.PLANNED, S.AGENDA_CIRCULATED}, S.AGENDA_CIRCULATED),
    "start": ({S.PLANNED, S.AGENDA_CIRCULATED}, S.IN_PROGRESS),
    "finish": ({S.PLANNED, S.AGENDA_CIRCULATED, S.IN_PROGRESS}, S.HELD),
    "publish_minutes": ({S.PLANNED, S.AGENDA_CIRCULATED, S.IN_PROGRESS, S.HELD}, S.MINUTES_PUBLISHED),
    "cancel": ({S.PLANNED, S.AGENDA_CIRCULATED}, S.CANCELLED),
}
WHO = {
    "circulate_agenda": ("agenda_circulated_at", "agenda_circulated_by"),
    "start": ("started_at", "started_by"),
    "finish": ("held_at", "held_by"),
    "publish_minutes": ("minutes_published_at", "minutes_published_by"),
    "cancel": ("cancelled_at", "cancelled_by"),
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def make_meeting(world, status=S.PLANNED, starts=datetime(2026, 3, 12, 10, 0, tzinfo=TZ), **kw):
    series = MeetingSeries.objects.create(office=world.a.office, title="SLF-møde", start_date=starts.date())
    return Meeting.objects.create(
        series=series, starts_at=starts, ends_at=starts + timedelta(minutes=90), status=status, **kw
    )


def act(meeting, action, by):
    if action == "cancel":
        return meeting.cancel(by=by, reason="Sygdom")
    return getattr(meeting, action)(by=by)


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("status", ALL)
def test_every_move_of_the_lifecycle_is_allowed_or_refused_as_the_table_says(world, action, status):
    meeting = make_meeting(world, status)
    person = world.a.resource_person
    sources, target = EXPECTED[action]
    assert meeting.may(action) is (status in sources)
    if status in sources:
        act(meeting, action, person)
        stored = Meeting.objects.get(pk=meeting.pk)
        when, who = WHO[action]
        assert stored.status == target
        assert getattr(stored, when) == NOW and getattr(stored, f"{who}_id") == person.pk
    else:
        with pytest.raises(TransitionRefused) as refused:
            act(meeting, action, person)
        assert str(refused.value)  # a message for the person
        assert Meeting.objects.get(pk=meeting.pk).status == status


def test_a_meeting_cannot_be_started_before_its_day(world):
    meeting = make_meeting(world, starts=NOW + timedelta(days=1))
    assert not meeting.can_start()
    with pytest.raises(TransitionRefused, match=_("The meeting can be started on its day.")):
        meeting.start(by=world.a.resource_person)
    later_today = make_meeting(world, starts=NOW + timedelta(hours=3))
    later_today.start(by=world.a.resource_person)  # the same day, before the time: the room can be opened early
    assert later_today.status == S.IN_PROGRESS


def test_minutes_of_a_meeting_that_has_not_begun_cannot_be_published(world):
    meeting = make_meeting(world, S.AGENDA_CIRCULATED, starts=NOW + timedelta(hours=1))
    with pytest.raises(TransitionRefused, match=_("Minutes can be published once the meeting has begun.")):
        meeting.publish_minutes(by=world.a.resource_person)
    assert Meeting.objects.get(pk=meeting.pk).minutes_published_at is None


def test_publishing_the_minutes_of_a_running_meeting_also_ends_it(world):
    meeting = make_meeting(world, S.IN_PROGRESS)
    meeting.publish_minutes(by=world.a.chief)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.held_at, stored.held_by, stored.minutes_published_by) == (NOW, world.a.chief, world.a.chief)


def test_circulating_again_keeps_when_and_who_first_circulated(world):
    meeting = make_meeting(world)
    meeting.circulate_agenda(by=world.a.resource_person)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        meeting.circulate_agenda(by=world.a.chief)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.agenda_circulated_at, stored.agenda_circulated_by) == (NOW, world.a.resource_person)


def test_cancelling_needs_a_short_reason_and_raises_the_calendar_sequence(world):
    meeting = make_meeting(world)
    for reason in ("", "   ", "x" * 301):
        with pytest.raises(MeetingError):
            meeting.cancel(by=world.a.chief, reason=reason)
    assert Meeting.objects.get(pk=meeting.pk).status == S.PLANNED
    meeting.cancel(by=world.a.chief, reason="  Sygdom ")
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.status, stored.cancelled_reason, stored.sequence) == (S.CANCELLED, "Sygdom", 1)


def test_every_step_is_kept_in_the_meetings_history(world):
    meeting = make_meeting(world)
    meeting.circulate_agenda(by=world.a.resource_person)
    meeting.start(by=world.a.resource_person)
    meeting.finish(by=world.a.resource_person)
    meeting.publish_minutes(by=world.a.resource_person)
    events = pghistory.models.Events.objects.tracks(meeting).order_by("pgh_created_at", "pgh_id")
    steps = [e.pgh_data["status"] for e in events]
    assert steps == ["planned", "agenda_circulated", "in_progress", "held", "minutes_published"]


ALLOWS = {
    # status: agenda, comments (ahead), minutes, attendance, carry items, finish
    S.PLANNED: (True, True, True, True, False, False),
    S.AGENDA_CIRCULATED: (True, True, True, True, False, False),
    S.IN_PROGRESS: (False, False, True, True, True, True),
    S.HELD: (False, False, True, True, True, False),
    S.MINUTES_PUBLISHED: (False, False, True, True, False, False),
    S.CANCELLED: (False, False, False, False, False, False),
}


@pytest.mark.parametrize("status", ALL)
def test_what_each_state_allows_is_asked_of_the_meeting(world, status):
    meeting = make_meeting(world, status, starts=NOW + timedelta(hours=2))  # ahead: comments still open
    assert (
        meeting.can_edit_agenda(),
        meeting.takes_comments(),
        meeting.can_take_minutes(),
        meeting.can_record_attendance(),
        meeting.can_carry_items(),
        meeting.can_finish(),
    ) == ALLOWS[status]


# Through the pages -----------------------------------------------------------------------------------------------


def test_the_resource_person_starts_and_ends_the_meeting_with_buttons(login, world):
    meeting = make_meeting(world, S.AGENDA_CIRCULATED)
    client = login(world.a.resource_person)
    assert client.get(reverse("meetings:meeting-start", args=[meeting.pk])).status_code == 405
    response = client.post(reverse("meetings:meeting-start", args=[meeting.pk]))
    assert response.status_code == 302 and response.url == reverse("meetings:room", args=[meeting.pk])
    assert Meeting.objects.get(pk=meeting.pk).status == S.IN_PROGRESS
    again = client.post(reverse("meetings:meeting-start", args=[meeting.pk]), follow=True)
    assert escape(_("Only a coming meeting can be started.")) in again.content.decode()
    response = client.post(reverse("meetings:meeting-finish", args=[meeting.pk]))
    assert response.status_code == 302 and response.url.endswith("#minutes")
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.status, stored.held_by) == (S.HELD, world.a.resource_person)


def test_staff_cannot_start_or_end_a_meeting(login, world):
    meeting = make_meeting(world)
    client = login(world.a.staff)
    assert client.post(reverse("meetings:meeting-start", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("meetings:meeting-finish", args=[meeting.pk])).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == S.PLANNED


def test_a_running_meeting_cannot_be_cancelled_from_its_page(login, world):
    meeting = make_meeting(world, S.IN_PROGRESS)
    response = login(world.a.chief).post(
        reverse("meetings:meeting-cancel", args=[meeting.pk]), {"reason": "Sygdom"}, follow=True
    )
    assert escape(_("A meeting that has been held can't be cancelled.")) in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == S.IN_PROGRESS


def test_the_agenda_of_a_running_meeting_is_fixed(login, world):
    meeting = make_meeting(world, S.IN_PROGRESS)
    response = login(world.a.resource_person).post(
        reverse("meetings:agenda-item-create", args=[meeting.pk]),
        {"title": "Nyt", "kind": "talk", "duration_minutes": 5},
    )
    assert response.status_code == 403
    assert not meeting.agenda_items.exists()


def test_the_meeting_page_offers_start_only_while_it_may_start(login, world):
    meeting = make_meeting(world, S.AGENDA_CIRCULATED)
    client = login(world.a.resource_person)
    start = reverse("meetings:meeting-start", args=[meeting.pk])
    assert start in client.get(meeting.get_absolute_url()).content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(status=S.HELD)
    assert start not in client.get(meeting.get_absolute_url()).content.decode()
