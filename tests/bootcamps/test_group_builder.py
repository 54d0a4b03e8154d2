"""The group builder's page: facts read in a fixed number of queries, a proposal, moving people by hand, saving."""
# ruff: noqa: F811 - the fixtures are imported from days_world

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bootcamps import builder
from meetings.models import Attendance, Frequency, Meeting, MeetingSeries
from programmes.models import Group, GroupMember, Participant
from tests.bootcamps.days_world import camp, join  # noqa: F401
from visits.models import Visit

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(camp):
    return reverse("bootcamps:group-builder", kwargs={"slug": camp.programme.slug})


def _series(office, title):
    return MeetingSeries.objects.create(
        office=office, title=title, frequency=Frequency.MONTHLY_WEEKDAY, start_date=timezone.localdate()
    )


def _meeting(series, when, *people):
    meeting = Meeting.objects.create(series=series, starts_at=when, ends_at=when + timedelta(hours=1))
    for person in people:
        Attendance.objects.create(meeting=meeting, person=person, status="present")
    return meeting


def _visit(office, host, visitor, when):
    return Visit.objects.create(
        office=office, host=host, visitor=visitor, during=(when, when + timedelta(minutes=30)), topic="Besøg"
    )


def test_facts_know_who_already_works_together_in_five_queries(camp, world, django_assert_num_queries):
    join(camp.programme, world.a.section_leader, world.a.office)
    now = timezone.now()
    _meeting(_series(world.b.office, "Tværgående"), now - timedelta(days=100), world.b.staff, world.c.resource_person)
    _visit(world.c.office, world.c.resource_person, world.a.section_leader, now - timedelta(days=5))
    with django_assert_num_queries(5):
        facts = builder.facts(camp.programme)
    by_person = {p.person_id: p.pk for p in Participant.objects.filter(programme=camp.programme)}
    a_staff, a_leader = by_person[world.a.staff.pk], by_person[world.a.section_leader.pk]
    b_staff, c_rp = by_person[world.b.staff.pk], by_person[world.c.resource_person.pk]
    assert facts.known == {
        frozenset((a_staff, a_leader)): {builder.SAME_OFFICE},
        frozenset((b_staff, c_rp)): {builder.SAME_SERIES},
        frozenset((a_leader, c_rp)): {builder.VISITED},
    }


def test_only_leads_use_the_builder(camp, login):
    assert login(camp.lead).get(_url(camp)).status_code == 200
    assert login(camp.participant).get(_url(camp)).status_code == 403
    assert (
        login(camp.participant).post(_url(camp), {"action": "propose", "by": "count", "number": 2}).status_code == 403
    )
    assert login(camp.outsider).get(_url(camp)).status_code == 404


def test_proposal_shows_groups_with_their_reason(camp, login):
    response = login(camp.lead).post(_url(camp), {"action": "propose", "by": "count", "number": "2"})
    assert response.status_code == 200
    proposal = response.context["proposal"]
    assert [len(g["people"]) for g in proposal] == [2, 1]
    text = response.content.decode()
    assert "Gruppe 2" in text and str(proposal[0]["reason"]) in text
    assert not Group.objects.exists()  # nothing saved yet


def test_bad_builder_input_is_refused(camp, login):
    response = login(camp.lead).post(_url(camp), {"action": "propose", "by": "count", "number": "-3"})
    assert response.status_code == 400 and response.context["proposal"] is None


def _assignment(camp, moves, count=2):
    data = {"count": str(count), "theme_1": "", "theme_2": ""}
    for participant in Participant.objects.filter(programme=camp.programme):
        data[f"p{participant.pk}"] = str(moves.get(participant.person_id, 1))
    return data


def test_moving_a_person_with_htmx_answers_the_proposal_and_says_so(camp, world, login):
    data = _assignment(camp, {world.b.staff.pk: 2}) | {"action": "adjust"}
    moved = Participant.objects.get(person=world.b.staff)
    response = login(camp.lead).post(_url(camp), data, HTTP_HX_TRIGGER=f"id_p{moved.pk}", **HTMX)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" not in text and 'id="proposal"' in text
    assert (
        f"{world.b.staff.full_name} er nu i gruppe 2" in text or f"{world.b.staff.full_name} is now in group 2" in text
    )
    assert "data-focus" in text
    assert not GroupMember.objects.exists()


def test_moving_a_person_without_javascript_answers_the_whole_page(camp, world, login):
    data = _assignment(camp, {world.b.staff.pk: 2}) | {"action": "adjust"}
    response = login(camp.lead).post(_url(camp), data)
    assert response.status_code == 200 and "<html" in response.content.decode()
    second = response.context["proposal"][1]
    assert [person.name for person, _participant, _field in second["people"]] == [world.b.staff.full_name]
    assert not GroupMember.objects.exists()


def test_saving_puts_every_participant_in_one_group_with_its_theme(camp, world, login):
    theme = camp.programme.themes.first()
    data = _assignment(camp, {world.b.staff.pk: 2, world.c.resource_person.pk: 2}) | {
        "action": "save",
        "theme_2": str(theme.pk),
    }
    response = login(camp.lead).post(_url(camp), data)
    assert response.status_code == 302
    groups = {g.name: g for g in Group.objects.filter(programme=camp.programme)}
    assert set(groups) == {"Gruppe 1", "Gruppe 2"}
    assert groups["Gruppe 2"].theme == theme
    members = {
        m.participant.person_id: m.group.name for m in GroupMember.objects.select_related("participant", "group")
    }
    assert members == {
        world.a.staff.pk: "Gruppe 1",
        world.b.staff.pk: "Gruppe 2",
        world.c.resource_person.pk: "Gruppe 2",
    }
    # Saving again with a move keeps one group per participant, and the groups themselves (with their work).
    login(camp.lead).post(_url(camp), _assignment(camp, {world.a.staff.pk: 2}) | {"action": "save"})
    assert GroupMember.objects.count() == 3
    assert {g.pk for g in Group.objects.filter(programme=camp.programme)} == {g.pk for g in groups.values()}
    assert GroupMember.objects.get(participant__person=world.a.staff).group.name == "Gruppe 2"


def test_a_foreign_theme_or_group_number_is_refused(camp, world, login):
    data = _assignment(camp, {}) | {"action": "save", "theme_1": "999999"}
    assert login(camp.lead).post(_url(camp), data).status_code == 400
    data = _assignment(camp, {world.b.staff.pk: 7}) | {"action": "save"}
    assert login(camp.lead).post(_url(camp), data).status_code == 400
    assert not GroupMember.objects.exists()


def test_the_builder_starts_from_the_saved_groups(camp, world, login):
    login(camp.lead).post(_url(camp), _assignment(camp, {world.b.staff.pk: 2}) | {"action": "save"})
    response = login(camp.lead).get(_url(camp))
    assert [len(g["people"]) for g in response.context["proposal"]] == [2, 1]
