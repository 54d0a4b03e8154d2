"""Sparring every fourteen days: the coming dates, the notes as the project's timeline, the overdue flag."""

from datetime import date, time, timedelta

import time_machine
from django.urls import reverse

from changeagents.models import Project, SparringNote, SparringRhythm
from drafts.models import Draft
from drafts.registry import key_for


def test_the_rhythm_gives_dates_every_fourteen_days_on_the_same_weekday():
    rhythm = SparringRhythm(first_on=date(2026, 12, 1), at=time(13))
    coming = rhythm.coming(date(2026, 12, 10), 3)
    assert [c.date() for c in coming] == [date(2026, 12, 15), date(2026, 12, 29), date(2027, 1, 12)]
    assert rhythm.coming(date(2026, 12, 15), 1)[0].date() == date(2026, 12, 15)  # the day itself is still coming
    assert rhythm.held_between(date(2026, 11, 20), date(2026, 12, 20)) == [date(2026, 12, 1), date(2026, 12, 15)]


@time_machine.travel("2026-12-10 08:00 +01:00", tick=False)
def test_the_project_page_says_when_the_next_sparring_is(login, world, aw):
    SparringRhythm.objects.filter(participant=aw.agent).update(first_on=date(2026, 12, 1))
    url = reverse("changeagents:project", args=[aw.programme.slug, aw.project.pk])
    body = login(world.a.staff).get(url).content.decode()
    assert "Næste sparring: tirsdag 15. december kl. 13.00" in body
    body = login(world.a.chief).get(reverse("changeagents:programme", args=[aw.programme.slug])).content.decode()
    assert "Næste sparring: tirsdag 15. december" in body


def test_a_note_moves_the_project_on_and_reads_as_its_timeline(login, world, aw):
    client = login(world.a.chief)
    key = key_for(aw.project, "new_note")
    Draft.objects.create(person=world.a.chief, key=key, text="Halvskrevet")
    url = reverse("changeagents:note-create", args=[aw.programme.slug, aw.project.pk])
    today = date.today().isoformat()
    payload = {"held_on": today, "discussed": "Skabelonerne er testet.", "next_step": "Rul ud", "status": "done"}
    response = client.post(url, payload)
    assert response.status_code == 302
    project = Project.objects.get(pk=aw.project.pk)
    assert project.status == "done" and project.next_step == "Rul ud"
    assert not Draft.objects.filter(key=key).exists()  # the draft is done with
    # An older note (written late) is part of the timeline but does not set the project back.
    older = {**payload, "held_on": (date.today() - timedelta(days=20)).isoformat(), "status": "idea", "next_step": ""}
    assert client.post(url, older).status_code == 302
    assert Project.objects.get(pk=aw.project.pk).status == "done"
    body = client.get(reverse("changeagents:project", args=[aw.programme.slug, aw.project.pk])).content.decode()
    notes = body.split('id="notes-heading"')[1]
    assert notes.index("Skabelonerne er testet.") < notes.index("Agents sparring")  # newest first
    # An empty note is refused in place.
    response = client.post(url, {**payload, "discussed": ""})
    assert response.status_code == 400 and SparringNote.objects.filter(project=aw.project).count() == 3


def test_a_sparring_is_overdue_after_fourteen_days_and_a_few_working_days(login, world, aw):
    SparringNote.objects.filter(pk=aw.note.pk).update(held_on=date(2026, 11, 20))  # a Friday
    project = Project.objects.with_last_note().get(pk=aw.project.pk)
    assert project.sparring_due_on() == date(2026, 12, 4)
    assert not project.sparring_overdue(date(2026, 12, 9))  # three working days after the Friday it was due
    assert project.sparring_overdue(date(2026, 12, 10))
    project.status = "done"
    assert not project.sparring_overdue(date(2026, 12, 10))
    with time_machine.travel("2026-12-10 08:00 +01:00", tick=False):
        programme = reverse("changeagents:programme", args=[aw.programme.slug])
        body = login(world.a.chief).get(programme).content.decode()
        assert "sparring er forsinket" in body
        assert "sparring er forsinket" not in login(world.a.staff).get(programme).content.decode()  # for the manager


def test_the_manager_keeps_a_draft_of_the_note_and_the_agent_may_not(login, world, aw):
    key = key_for(aw.project, "new_note")
    url = reverse("drafts:save", kwargs={"key": key})
    assert login(world.a.chief).post(url, {"text": "Vi talte om"}).status_code == 200
    assert Draft.objects.get(person=world.a.chief, key=key).text == "Vi talte om"
    page = login(world.a.chief).get(reverse("changeagents:project", args=[aw.programme.slug, aw.project.pk]))
    assert "Vi talte om</textarea>" in page.content.decode()  # the draft comes back into the form
    assert login(world.a.staff).post(url, {"text": "Mit"}).status_code == 403
    assert login(world.c.chief).post(url, {"text": "Mit"}).status_code == 404


def test_the_managers_edit_and_the_agents_reflection_never_undo_each_other(world, aw):
    from tests.conflict_helpers import conflict_view, editor, opened_version

    note_url = reverse("changeagents:note-edit", args=[aw.programme.slug, aw.project.pk, aw.note.pk])
    reflection_url = reverse("changeagents:note-reflection", args=[aw.programme.slug, aw.project.pk, aw.note.pk])
    chief, agent = editor(world.a.chief), editor(world.a.staff)
    seen_note, seen_reflection = opened_version(chief, note_url), opened_version(agent, reflection_url)
    assert agent.post(reflection_url, {"reflection": "Min refleksion", "version": seen_reflection}).status_code == 302
    payload = {"held_on": aw.note.held_on.isoformat(), "discussed": "Rettet", "next_step": "", "status": "idea"}
    assert chief.post(note_url, {**payload, "version": seen_note}).status_code == 302
    note = SparringNote.objects.get(pk=aw.note.pk)
    assert note.discussed == "Rettet" and note.reflection == "Min refleksion"
    # The agent saving again from the page read before their first save sees both reflections.
    response = agent.post(reflection_url, {"reflection": "Anden udgave", "version": seen_reflection})
    assert response.status_code == 409
    assert conflict_view(response)["theirs"] == ["Min refleksion"]
