"""Comments, topic proposals, before/after templates, minutes, publishing, moving and ad hoc meetings."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AgendaComment, AgendaItem, Meeting, MeetingStatus, ProposalStatus, TopicProposal
from notifications.choices import Channel, Kind, choose
from tests.conflict_helpers import conflict_view
from tests.queue import deliver_queued

from .test_views import first_meeting, make_series

HX = {"HX-Request": "true"}


@pytest.fixture
def meeting(world):
    meeting = first_meeting(make_series(world, participant_roles=["resource_person", "staff"]))
    AgendaItem.objects.create(meeting=meeting, position=1, title="Åben praksis", duration_minutes=20)
    AgendaItem.objects.create(meeting=meeting, position=2, title="Øvelse", duration_minutes=20)
    return meeting


def held(meeting):
    """Move the meeting into the past (it has begun), keeping its length."""
    start = timezone.now() - timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + timedelta(hours=1))
    meeting.refresh_from_db()
    return meeting


# Comments ---------------------------------------------------------------------------------------------------------


def test_participant_comments_on_an_item_with_htmx_and_without(login, world, meeting):
    item = meeting.agenda_items.first()
    client = login(world.a.staff)
    url = reverse("meetings:comment-create", args=[meeting.pk, item.pk])
    response = client.post(url, {f"comment-{item.pk}-text": "Kan vi tage budgettallene med?"}, headers=HX)
    assert response.status_code == 200
    assert "Kan vi tage budgettallene med?" in response.content.decode()
    assert response.headers["HX-Trigger"]
    plain = client.post(url, {f"comment-{item.pk}-text": "Og en ting mere"})
    assert plain.status_code == 302 and plain.url.endswith(f"#comments-{item.pk}")
    assert list(item.comments.values_list("text", flat=True)) == ["Kan vi tage budgettallene med?", "Og en ting mere"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Og en ting mere" in page


def test_empty_comment_is_refused_next_to_the_field(login, world, meeting):
    item = meeting.agenda_items.first()
    response = login(world.a.staff).post(
        reverse("meetings:comment-create", args=[meeting.pk, item.pk]), {f"comment-{item.pk}-text": "   "}
    )
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert not AgendaComment.objects.exists()


def test_comment_on_a_meeting_already_held_is_refused(login, world, meeting):
    held(meeting)
    item = meeting.agenda_items.first()
    response = login(world.a.staff).post(
        reverse("meetings:comment-create", args=[meeting.pk, item.pk]), {f"comment-{item.pk}-text": "For sent"}
    )
    assert response.status_code == 400
    assert "kommentarer er lukket" in response.content.decode()
    assert not AgendaComment.objects.exists()


def test_members_outside_the_series_cannot_comment_and_other_offices_see_nothing(login, world, meeting):
    meeting.series.participant_roles = ["resource_person"]
    meeting.series.save()
    item = meeting.agenda_items.first()
    url = reverse("meetings:comment-create", args=[meeting.pk, item.pk])
    assert login(world.a.staff).post(url, {f"comment-{item.pk}-text": "Hej"}).status_code == 403
    assert login(world.c.resource_person).post(url, {f"comment-{item.pk}-text": "Hej"}).status_code == 404
    assert login(world.b.chief).post(url, {f"comment-{item.pk}-text": "Hej"}).status_code == 404


# Proposals --------------------------------------------------------------------------------------------------------


def test_staff_proposes_others_support_and_the_resource_person_puts_it_on_the_agenda(login, world, meeting):
    series = meeting.series
    staff = login(world.a.staff)
    response = staff.post(
        reverse("meetings:proposal-create", args=[series.pk]),
        {
            "proposal-title": "Ting vi kæmper med: lønrefusion",
            "proposal-description": "Vi mangler en fast gang",
            "next": meeting.get_absolute_url(),
        },
    )
    assert response.status_code == 302 and response.url == meeting.get_absolute_url() + "#proposals"
    proposal = TopicProposal.objects.get()
    login(world.a.section_leader).post(reverse("meetings:proposal-support", args=[proposal.pk]))
    assert proposal.supporters.count() == 1
    page = login(world.a.resource_person).get(meeting.get_absolute_url()).content.decode()
    assert "Ting vi kæmper med: lønrefusion" in page and "1 støtter" in page
    login(world.a.resource_person).post(
        reverse("meetings:proposal-accept", args=[proposal.pk]), {"meeting": meeting.pk}
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.agenda_item.meeting == meeting and proposal.agenda_item.presenter == world.a.staff


def test_declining_needs_a_reason_and_staff_cannot_decline(login, world, meeting):
    proposal = TopicProposal.objects.create(series=meeting.series, proposed_by=world.a.staff, title="Kage")
    url = reverse("meetings:proposal-decline", args=[proposal.pk])
    assert login(world.a.staff).post(url, {"reason": "nej"}).status_code == 403
    client = login(world.a.resource_person)
    assert client.post(url, {"reason": ""}).status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN
    assert client.post(url, {"reason": "Passer bedre på cafémødet"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED and proposal.decline_reason == "Passer bedre på cafémødet"


def test_unused_proposals_stay_in_the_series_backlog(login, world, meeting):
    TopicProposal.objects.create(series=meeting.series, proposed_by=world.a.staff, title="Hvem ved hvad?")
    page = login(world.a.staff).get(meeting.series.get_absolute_url()).content.decode()
    assert "Hvem ved hvad?" in page


def test_a_proposal_cannot_go_on_a_meeting_of_another_series(login, world, meeting):
    other = first_meeting(make_series(world, title="Kontormøde"))
    proposal = TopicProposal.objects.create(series=meeting.series, proposed_by=world.a.staff, title="X")
    login(world.a.resource_person).post(reverse("meetings:proposal-accept", args=[proposal.pk]), {"meeting": other.pk})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN and not other.agenda_items.exists()


# Before / after ---------------------------------------------------------------------------------------------------


def test_the_after_part_of_one_meeting_opens_the_next(login, world, meeting):
    series = meeting.series
    assert series.before_questions and series.after_questions  # the seeds' default template
    client = login(world.a.resource_person)
    data = {f"answer_{i}": "" for i in range(len(series.after_questions))}
    data["answer_1"] = "Tag de nye budgettal med"
    assert client.post(reverse("meetings:answers-update", args=[meeting.pk, "after"]), data).status_code == 302
    following = Meeting.objects.filter(series=series, starts_at__gt=meeting.starts_at).order_by("starts_at").first()
    page = client.get(following.get_absolute_url()).content.decode()
    assert "Fra sidste møde" in page and "Tag de nye budgettal med" in page


def test_offices_edit_their_template_questions(login, world, meeting):
    series = meeting.series
    client = login(world.a.resource_person)
    form = client.get(reverse("meetings:series-update", args=[series.pk]))
    assert form.status_code == 200
    data = {
        "kind": "slf",
        "title": series.title,
        "frequency": series.frequency,
        "interval": 1,
        "weekday": series.weekday,
        "week_of_month": 1,
        "day_of_month": 1,
        "start_date": series.start_date.isoformat(),
        "start_time": "09:00",
        "duration_minutes": 60,
        "participant_roles": ["resource_person", "staff"],
        "before_questions": "Hvad er målet?\n\n  Hvilket mandat har vi?  ",
        "after_questions": "Hvad lærte vi?",
    }
    assert client.post(reverse("meetings:series-update", args=[series.pk]), data).status_code == 302
    series.refresh_from_db()
    assert series.before_questions == ["Hvad er målet?", "Hvilket mandat har vi?"]
    assert series.after_questions == ["Hvad lærte vi?"]
    assert login(world.a.staff).get(reverse("meetings:series-update", args=[series.pk])).status_code == 403


# Minutes ----------------------------------------------------------------------------------------------------------


def test_minutes_are_written_in_place_and_two_editors_get_a_conflict_not_an_overwrite(login, world, meeting):
    held(meeting)
    item = meeting.agenda_items.first()
    url = reverse("meetings:item-minutes-update", args=[meeting.pk, item.pk])
    first = login(world.a.resource_person)
    assert 'name="version" value="0"' in first.get(url, headers=HX).content.decode()
    saved = first.post(url, {"text": "Vi aftalte at dele skabelonen.", "version": 0}, headers=HX)
    assert saved.status_code == 200 and "Vi aftalte at dele skabelonen." in saved.content.decode()
    # A second leader had the form open at version 0 and saves other text.
    second = login(world.a.chief)
    clash = second.post(url, {"text": "Chefens version", "version": 0})
    assert clash.status_code == 409
    view = conflict_view(clash)  # the shared view: both texts, who saved
    assert view["theirs"] == ["Vi aftalte at dele skabelonen."] and view["mine"] == ["Chefens version"]
    assert "a Resource" in view["saved_by"]
    item.refresh_from_db()
    assert item.minutes == "Vi aftalte at dele skabelonen." and item.minutes_version == 1
    merged = second.post(url, {"text": "Begge dele", "version": 1})
    assert merged.status_code == 302
    item.refresh_from_db()
    assert item.minutes == "Begge dele" and item.minutes_version == 2


def test_general_note_and_too_long_minutes(login, world, meeting):
    held(meeting)
    client = login(world.a.resource_person)
    url = reverse("meetings:notes-update", args=[meeting.pk])
    assert client.post(url, {"text": "x" * 20001, "version": 0}).status_code == 400
    assert client.post(url, {"text": "God stemning", "version": 0}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.notes == "God stemning"


def test_staff_cannot_write_minutes(login, world, meeting):
    held(meeting)
    item = meeting.agenda_items.first()
    url = reverse("meetings:item-minutes-update", args=[meeting.pk, item.pk])
    assert login(world.a.staff).post(url, {"text": "Hej", "version": 0}).status_code == 403
    assert login(world.c.resource_person).post(url, {"text": "Hej", "version": 0}).status_code == 404


def test_publishing_locks_mails_by_choice_and_later_corrections_are_kept(login, world, meeting):
    held(meeting)
    choose(world.a.staff, Kind.MINUTES, Channel.NEVER)
    choose(world.a.resource_person, Kind.MINUTES, Channel.NOW)  # not in the daily digest (the default)
    item = meeting.agenda_items.first()
    leader = login(world.a.resource_person)
    leader.post(reverse("meetings:item-minutes-update", args=[meeting.pk, item.pk]), {"text": "Første", "version": 0})
    mail.outbox.clear()
    assert leader.post(reverse("meetings:minutes-publish", args=[meeting.pk])).status_code == 302
    deliver_queued()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED and meeting.minutes_published_at
    recipients = {r for m in mail.outbox for r in m.to}
    assert world.a.resource_person.email in recipients and world.a.staff.email not in recipients
    # After publishing: section leaders may no longer edit, resource persons correct, and it shows in history.
    url = reverse("meetings:item-minutes-update", args=[meeting.pk, item.pk])
    assert login(world.a.section_leader).post(url, {"text": "Nej", "version": 1}).status_code == 403
    assert login(world.a.resource_person).post(url, {"text": "Rettet", "version": 1}).status_code == 302
    page = login(world.a.staff).get(reverse("meetings:minutes-detail", args=[meeting.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "Rettet" in body and "Rettelser efter offentliggørelse" in body
    assert "Første" in body  # the text before the correction


def test_minutes_cannot_be_published_before_the_meeting_or_twice(login, world, meeting):
    client = login(world.a.resource_person)
    client.post(reverse("meetings:minutes-publish", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    held(meeting)
    client.post(reverse("meetings:minutes-publish", args=[meeting.pk]))
    with pytest.raises(services.MeetingError):
        services.publish_minutes(Meeting.objects.get(pk=meeting.pk), world.a.resource_person)


def test_minutes_page_is_readable_by_every_member_and_nobody_else(login, world, meeting):
    url = reverse("meetings:minutes-detail", args=[meeting.pk])
    assert login(world.a.staff).get(url).status_code == 200
    assert login(world.b.staff).get(url).status_code == 404
    assert login(world.c.chief).get(url).status_code == 404


# Moving and ad hoc ------------------------------------------------------------------------------------------------


def test_moving_a_meeting_bumps_its_calendar_sequence(login, world, meeting):
    client = login(world.a.resource_person)
    new_date = (timezone.localtime(meeting.starts_at) + timedelta(days=1)).date()
    response = client.post(
        reverse("meetings:meeting-move", args=[meeting.pk]),
        {"date": new_date.isoformat(), "start_time": "13:00", "duration_minutes": 90, "location": "Lokale 3"},
    )
    assert response.status_code == 302
    moved = Meeting.objects.get(pk=meeting.pk)
    assert timezone.localtime(moved.starts_at).hour == 13 and moved.duration_minutes == 90
    assert moved.sequence == meeting.sequence + 1 and moved.uid == meeting.uid


def test_moving_into_the_past_is_refused(login, world, meeting):
    response = login(world.a.resource_person).post(
        reverse("meetings:meeting-move", args=[meeting.pk]),
        {"date": "2020-01-01", "start_time": "13:00", "duration_minutes": 90},
    )
    assert response.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).starts_at == meeting.starts_at


def test_ad_hoc_meeting_is_added_to_the_series(login, world, meeting):
    client = login(world.a.resource_person)
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("meetings:meeting-create", args=[meeting.series.pk]),
        {"title": "Ekstra SLF-møde", "date": day.isoformat(), "start_time": "10:00", "duration_minutes": 45},
    )
    assert response.status_code == 302
    extra = Meeting.objects.get(title="Ekstra SLF-møde")
    assert extra.scheduled_for is None and extra.duration_minutes == 45
    bad = client.post(reverse("meetings:meeting-create", args=[meeting.series.pk]), {"date": "", "duration_minutes": 5})
    assert bad.status_code == 400


def test_changing_the_rhythm_keeps_meetings_with_an_agenda(login, world, meeting):
    series = meeting.series
    untouched = Meeting.objects.filter(series=series).exclude(pk=meeting.pk).count()
    series.weekday = 1
    series.save()
    services.regenerate(series)
    assert Meeting.objects.filter(pk=meeting.pk).exists()  # it has agenda items
    assert all(
        timezone.localtime(m.starts_at).weekday() == 1
        for m in Meeting.objects.filter(series=series).exclude(pk=meeting.pk)
    )
    assert Meeting.objects.filter(series=series).exclude(pk=meeting.pk).count() >= untouched - 1


def test_participants_follow_roles_sections_and_named_people(world):
    series = make_series(world, participant_roles=["office_chief"])
    assert set(services.participants(series)) == {world.a.chief}
    series.participant_sections.add(world.a.section)
    series.participant_people.add(world.a.staff)
    people = set(services.participants(series))
    assert world.a.chief in people and world.a.staff in people
    assert world.b.chief not in people and world.c.chief not in people
