"""The pages keep a fixed number of queries, whatever the number of agents, projects, notes and presentations."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from changeagents.models import Project, SparringNote
from changeagents.services import present_at_next_meeting
from programmes.models import Level, Participant
from tests import factories


def _more(world, aw, agents=4, notes=5):
    today = timezone.localdate()
    for n in range(agents):
        person = factories.make_user(full_name=f"Agent {n}", email=f"agent{n}@test.example")
        agent = Participant.objects.create(programme=aw.programme, person=person, level=Level.STAFF)
        for m in range(2):
            project = Project.objects.create(
                programme=aw.programme, agent=agent, title=f"Projekt {n}.{m}", created_by=world.a.chief
            )
            SparringNote.objects.bulk_create(
                SparringNote(
                    project=project, held_on=today - timedelta(days=14 * k), discussed="x", written_by=world.a.chief
                )
                for k in range(notes)
            )
    SparringNote.objects.bulk_create(
        SparringNote(
            project=aw.project, held_on=today - timedelta(days=k), discussed=f"Note {k}", written_by=world.a.chief
        )
        for k in range(notes)
    )


def test_the_programme_page_keeps_its_queries(login, world, aw, django_assert_max_num_queries):
    _more(world, aw)
    url = reverse("changeagents:programme", args=[aw.programme.slug])
    for person in (world.a.chief, world.a.staff):
        client = login(person)
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert body.count('class="badge text-bg-light border"') == 10 and "Projekt 3.1" in body


def test_the_project_page_keeps_its_queries(login, world, aw, django_assert_max_num_queries):
    _more(world, aw, agents=1)
    present_at_next_meeting(aw.project, aw.series, by=world.a.chief)
    url = reverse("changeagents:project", args=[aw.programme.slug, aw.project.pk])
    for person in (world.a.chief, world.a.staff):
        client = login(person)
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert body.count('id="note-') == 6 and "Note 4" in body


def test_the_meeting_section_is_one_query(login, world, aw, django_assert_max_num_queries):
    from changeagents.meeting_section import presentations_context
    from meetings.access import get_meeting

    presentation = present_at_next_meeting(aw.project, aw.series, by=world.a.chief)
    present_at_next_meeting(aw.peer_project, aw.series, by=world.a.chief)
    meeting, access = get_meeting(world.a.chief, presentation.agenda_item.meeting_id)

    class Request:
        user = world.a.chief

    with django_assert_max_num_queries(1):
        context = presentations_context(Request, meeting, access)
    assert [p.project.title for p in context["presentations"]] == ["Agents projekt", "Fælles indbakke"]
    assert all(p.can_open for p in context["presentations"])
    client = login(world.a.chief)
    with django_assert_max_num_queries(13):
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200 and 'id="change-agents-heading"' in response.content.decode()
