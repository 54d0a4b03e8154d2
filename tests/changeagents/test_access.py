"""Who may: the programme's leads (the manager) everything; the agent their own project's reflections, status
proposals and presentation; other participants read; outsiders and another programme's project: 404."""

from django.urls import reverse

from changeagents.models import Project, SparringNote


def _url(name, project, **extra):
    return reverse(name, kwargs={"slug": project.programme.slug, "pk": project.pk, **extra})


def test_manager_agent_other_participant_and_outsider_see_what_their_place_gives(login, world, aw):
    page = _url("changeagents:project", aw.project)
    chief = login(world.a.chief).get(page)
    assert chief.status_code == 200
    body = chief.content.decode()
    assert "Ny sparringnote" in body and "Redigér projektet" in body
    agent = login(world.a.staff).get(page)
    body = agent.content.decode()
    assert agent.status_code == 200 and "Tilføj din refleksion" in body and "Ny sparringnote" not in body
    peer = login(world.b.staff).get(page)
    body = peer.content.decode()
    assert peer.status_code == 200 and "Agents projekt" in body
    assert "Tilføj din refleksion" not in body and "Foreslå" not in body and "Fremlæg på næste kontormøde" not in body
    assert login(world.c.staff).get(page).status_code == 404
    assert login(world.a.section_leader).get(page).status_code == 200  # a leading member of the owner office


def test_only_the_manager_writes_notes_and_edits_projects(login, world, aw):
    note = _url("changeagents:note-create", aw.project)
    payload = {"held_on": "2026-11-30", "discussed": "Sparring", "next_step": "", "status": "in_progress"}
    assert login(world.a.staff).post(note, payload).status_code == 403
    assert login(world.b.staff).post(note, payload).status_code == 403
    assert login(world.c.chief).post(note, payload).status_code == 404
    assert not SparringNote.objects.filter(discussed="Sparring").exists()
    assert login(world.a.staff).get(_url("changeagents:project-edit", aw.project)).status_code == 403
    assert login(world.a.staff).post(_url("changeagents:project-delete", aw.project)).status_code == 403


def test_only_the_projects_own_agent_reflects_and_proposes_a_status(login, world, aw):
    reflection = _url("changeagents:note-reflection", aw.project, note_pk=aw.note.pk)
    assert login(world.b.staff).post(reflection, {"reflection": "Min"}).status_code == 403
    assert login(world.a.chief).post(reflection, {"reflection": "Min"}).status_code == 403
    status = _url("changeagents:project-status", aw.project)
    assert login(world.b.staff).post(status, {"proposed_status": "paused"}).status_code == 403
    response = login(world.a.staff).post(status, {"proposed_status": "paused"})
    assert response.status_code == 302
    assert Project.objects.get(pk=aw.project.pk).proposed_status == "paused"
    response = login(world.a.staff).post(reflection, {"reflection": "Jeg lærte at spørge først."})
    assert response.status_code == 302
    assert SparringNote.objects.get(pk=aw.note.pk).reflection == "Jeg lærte at spørge først."


def test_another_programmes_project_and_note_are_not_found_under_this_programme(login, world, aw):
    slug = aw.programme.slug
    client = login(world.head)  # heads both offices, so leads both programmes
    assert client.get(reverse("changeagents:project", args=[slug, aw.other_project.pk])).status_code == 404
    other_note = aw.other_project.notes.get()
    url = reverse("changeagents:note-edit", args=[slug, aw.project.pk, other_note.pk])
    assert client.get(url).status_code == 404
    url = reverse("changeagents:rhythm-edit", args=[slug, aw.other_project.agent_id])
    assert client.get(url).status_code == 404
    assert client.get(reverse("changeagents:project", args=[slug, aw.project.pk])).status_code == 200


def test_a_programme_of_another_kind_is_not_found_here(login, world, aw):
    from programmes.models import ProgrammeKind

    aw.programme.kind = ProgrammeKind.CAFE
    aw.programme.save(update_fields=["kind"])
    assert login(world.a.chief).get(reverse("changeagents:programme", args=[aw.programme.slug])).status_code == 404


def test_the_programme_address_leads_to_the_change_agents_page(login, world, aw):
    response = login(world.a.staff).get(reverse("programmes:programme-detail", args=[aw.programme.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("changeagents:programme", args=[aw.programme.slug])
