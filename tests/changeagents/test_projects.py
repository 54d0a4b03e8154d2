"""Projects: the manager creates, edits (two editors see both descriptions) and deletes them; history is kept."""

from django.urls import reverse

from changeagents.models import Project
from tests.conflict_helpers import conflict_view, editor, opened_version


def _form(aw, **changes):
    data = {
        "agent": aw.agent.pk,
        "title": aw.project.title,
        "description": aw.project.description,
        "status": "in_progress",
        "started_on": "",
        "next_step": "",
    }
    return {**data, **changes}


def test_manager_creates_a_project_for_an_agent_of_the_programme(login, world, aw):
    client = login(world.a.chief)
    url = reverse("changeagents:project-create", args=[aw.programme.slug])
    response = client.post(url, _form(aw, title="Borgerrettet fakturahåndtering", started_on="2026-11-02"))
    project = Project.objects.get(title="Borgerrettet fakturahåndtering")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.agent == aw.agent and project.created_by == world.a.chief and project.programme == aw.programme
    # An agent of another programme is not a choice: the form says so and nothing is saved.
    other_agent = aw.other_project.agent_id
    response = client.post(url, _form(aw, title="Fremmed", agent=other_agent))
    assert response.status_code == 400 and not Project.objects.filter(title="Fremmed").exists()


def test_two_editors_of_the_description_see_both_texts(world, aw):
    url = reverse("changeagents:project-edit", args=[aw.programme.slug, aw.project.pk])
    chief, leader = editor(world.a.chief), editor(world.a.section_leader)
    seen = opened_version(chief, url)
    opened_version(leader, url)
    assert chief.post(url, _form(aw, description="Kortere breve.", version=seen)).status_code == 302
    response = leader.post(url, _form(aw, description="Færre fagord.", version=seen))
    assert response.status_code == 409
    view = conflict_view(response)
    assert "Færre fagord." in view["mine"] and "Kortere breve." in view["theirs"]
    assert Project.objects.get(pk=aw.project.pk).description == "Kortere breve."


def test_saving_the_project_keeps_its_history_and_answers_the_agents_proposal(login, world, aw):
    Project.objects.filter(pk=aw.project.pk).update(proposed_status="paused")
    client = login(world.a.chief)
    url = reverse("changeagents:project-edit", args=[aw.programme.slug, aw.project.pk])
    assert client.post(url, _form(aw, status="paused")).status_code == 302
    project = Project.objects.get(pk=aw.project.pk)
    assert project.status == "paused" and project.proposed_status == ""
    events = Project.pgh_event_model.objects.filter(pgh_obj_id=project.pk).order_by("pgh_id")
    assert events.count() >= 2 and events.last().status == "paused"


def test_manager_deletes_a_project(login, world, aw):
    url = reverse("changeagents:project-delete", args=[aw.programme.slug, aw.project.pk])
    response = login(world.a.chief).post(url)
    assert response.status_code == 302 and not Project.objects.filter(pk=aw.project.pk).exists()
    assert login(world.a.chief).get(url).status_code == 405
