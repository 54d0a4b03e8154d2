import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from knowledge import directory, routing
from knowledge.models import Question, QuestionStatus
from tests.queue import deliver_queued


@pytest.fixture
def question(world):
    directory.set_competences(world.a.staff, world.administration, ["Refusion", "Moms"])
    directory.set_competences(world.b.staff, world.administration, ["Refusion"])
    directory.set_competences(world.a.section_leader, world.administration, ["Lønsum"])
    directory.set_competences(world.c.staff, world.other_administration, ["Refusion"])
    return Question.objects.create(
        office=world.a.office,
        unit="Skovbo Skole",
        asked_by="Skoleleder",
        title="Hvordan søger vi refusion for sygedagpenge?",
        description="Skolen har tre langtidssyge og ved ikke, hvordan refusionen søges.",
        due_date=timezone.localdate() + timedelta(days=5),
        created_by=world.a.resource_person,
    )


def test_suggestions_rank_matching_competences_and_stay_in_the_administration(question, world):
    names = [p.full_name for p in routing.suggestions(question)]
    assert set(names) == {world.a.staff.full_name, world.b.staff.full_name}
    assert world.a.section_leader.full_name not in names and world.c.staff.full_name not in names


def test_register_assign_answer_publish_and_find_it_again(login, world, question):
    client = login(world.a.resource_person)
    page = client.get(question.get_absolute_url()).content.decode()
    assert f"Giv til {world.a.staff.full_name}" in page
    url = reverse("questions:assign", args=[world.a.office.slug, question.pk])
    assert client.post(url, {"person": world.a.staff.pk}).status_code == 302
    question.refresh_from_db()
    assert (question.status, question.assignee) == (QuestionStatus.ASSIGNED, world.a.staff)

    answer_url = reverse("questions:answer", args=[world.a.office.slug, question.pk])
    assert client.post(answer_url, {"answer": "Via NemRefusion."}).status_code == 403  # not the assignee
    staff = login(world.a.staff)
    empty = staff.post(answer_url, {"answer": "   "})
    assert empty.status_code == 400 and "Skriv svaret." in empty.content.decode()
    assert staff.post(answer_url, {"answer": "Søg via NemRefusion senest 9 uger efter."}).status_code == 302

    close_url = reverse("questions:close", args=[world.a.office.slug, question.pk])
    assert staff.post(close_url, {"publish": "1"}).status_code == 403
    assert login(world.a.resource_person).post(close_url, {"publish": "1"}).status_code == 302
    question.refresh_from_db()
    assert question.published and question.status == QuestionStatus.CLOSED

    # Another office of the administration finds the answer by search and can read it; another administration can't.
    page = login(world.b.staff).get(reverse("directory:people"), {"q": "refusion sygedagpenge"}).content.decode()
    assert "Hvordan søger vi refusion for sygedagpenge?" in page
    assert login(world.b.staff).get(question.get_absolute_url()).status_code == 200
    assert login(world.c.staff).get(question.get_absolute_url()).status_code == 404


def test_assigning_outside_the_administration_is_refused_and_the_assignee_gets_mail(
    login, world, question, django_capture_on_commit_callbacks
):
    url = reverse("questions:assign", args=[world.a.office.slug, question.pk])
    bad = login(world.a.resource_person).post(url, {"person": world.c.staff.pk})
    assert bad.status_code == 400 and "Vælg en person i forvaltningen." in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        login(world.a.resource_person).post(url, {"person": world.b.staff.pk, "note": "Du kender refusion"})
    assert deliver_queued() == 1
    assert len(mail.outbox) == 1 and "Et spørgsmål til dig" in mail.outbox[0].subject
    # The assignee hands it on with a note.
    with django_capture_on_commit_callbacks(execute=True):
        assert login(world.b.staff).post(url, {"person": world.a.staff.pk, "note": "Hun ved mere"}).status_code == 302
    assert question.steps.filter(kind="handed_on", note="Hun ved mere").exists()


def test_overdue_questions_are_flagged_and_filtered(login, world, question):
    Question.objects.filter(pk=question.pk).update(due_date=timezone.localdate() - timedelta(days=1))
    page = login(world.a.staff).get(reverse("questions:list", args=[world.a.office.slug]), {"overdue": "1"})
    body = page.content.decode()
    assert "1 er overskredet." in body and question.title in body


def test_a_question_cannot_be_registered_with_a_past_date(login, world):
    url = reverse("questions:create", args=[world.a.office.slug])
    response = login(world.a.staff).post(
        url,
        {
            "unit": "Skole",
            "asked_by": "X",
            "title": "T",
            "description": "D",
            "urgency": "normal",
            "due_date": "2020-01-01",
        },
    )
    assert response.status_code == 400 and "Datoen er passeret." in response.content.decode()
    assert not Question.objects.exists()


def test_question_list_keeps_a_fixed_query_count(login, world, django_assert_max_num_queries):
    Question.objects.bulk_create(
        Question(
            office=world.a.office,
            unit="U",
            asked_by="A",
            title=f"Q{i}",
            description="d",
            created_by=world.a.staff,
            assignee=world.a.staff,
            status="assigned",
        )
        for i in range(40)
    )
    client = login(world.a.staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("questions:list", args=[world.a.office.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<tr>") == 26  # header + 25 on the first page
    assert len(re.findall(r'">Q\d+</a>', body)) == 25 and world.a.staff.full_name in body
    assert 'href="?page=2' in body
