"""The evaluation after a day: once per participant and day, changeable until it closes, summarised anonymously."""
# ruff: noqa: F811 - the fixtures are imported from days_world

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse

from bootcamps.models import EVALUATION_OPEN_DAYS, Evaluation
from programmes.models import Participant
from tests.bootcamps.days_world import camp  # noqa: F401

pytestmark = pytest.mark.django_db

ANSWER = {"new_knowledge": "4", "new_colleagues": "5", "takeaway": "Kend din kollega i Sundhed"}


def _url(camp, name, day):
    return reverse(f"bootcamps:{name}", kwargs={"slug": camp.programme.slug, "pk": day.pk})


def test_participant_evaluates_once_and_changes_the_answer(camp, login):
    client = login(camp.participant)
    assert client.post(_url(camp, "day-evaluate", camp.held), ANSWER).status_code == 302
    assert client.post(_url(camp, "day-evaluate", camp.held), {**ANSWER, "new_knowledge": "2"}).status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.new_knowledge, evaluation.new_colleagues) == (2, 5)


def test_the_database_refuses_a_second_evaluation_of_a_day(camp):
    participant = Participant.objects.get(person=camp.participant)
    Evaluation.objects.create(day=camp.held, participant=participant, new_knowledge=3, new_colleagues=3)
    with pytest.raises(IntegrityError):
        Evaluation.objects.create(day=camp.held, participant=participant, new_knowledge=4, new_colleagues=4)


def test_an_answer_outside_the_scale_is_refused(camp, login):
    response = login(camp.participant).post(_url(camp, "day-evaluate", camp.held), {**ANSWER, "new_knowledge": "9"})
    assert response.status_code == 400 and "new_knowledge" in response.context["form"].errors
    assert not Evaluation.objects.exists()


def test_a_coming_day_cannot_be_evaluated_yet(camp, login):
    client = login(camp.participant)
    assert client.post(_url(camp, "day-evaluate", camp.coming), ANSWER).status_code == 302
    assert not Evaluation.objects.exists()


def test_the_evaluation_closes(camp, login):
    client = login(camp.participant)
    client.post(_url(camp, "day-evaluate", camp.held), ANSWER)
    with time_machine.travel(camp.held.start() + timedelta(days=EVALUATION_OPEN_DAYS + 1)):
        client.post(_url(camp, "day-evaluate", camp.held), {**ANSWER, "new_knowledge": "1"})
    assert Evaluation.objects.get().new_knowledge == 4


def test_leads_do_not_evaluate(camp, login):
    assert login(camp.lead).get(_url(camp, "day-evaluate", camp.held)).status_code == 403


def test_summary_counts_averages_and_distribution_with_texts_for_leads_only(camp, login):
    login(camp.participant).post(_url(camp, "day-evaluate", camp.held), ANSWER)
    login(camp.other).post(
        _url(camp, "day-evaluate", camp.held), {"new_knowledge": "2", "new_colleagues": "5", "takeaway": ""}
    )
    lead_page = login(camp.lead).get(_url(camp, "day", camp.held))
    summary = lead_page.context["summary"]
    assert summary["answers"] == 2
    knowledge, colleagues = summary["questions"]
    assert knowledge["average"] == 3 and colleagues["average"] == 5
    assert [c["n"] for c in knowledge["counts"]] == [0, 1, 0, 1, 0]
    assert [c["n"] for c in colleagues["counts"]] == [0, 0, 0, 0, 2]
    assert lead_page.context["takeaways"] == ["Kend din kollega i Sundhed"]
    participant_page = login(camp.other).get(_url(camp, "day", camp.held))
    assert participant_page.status_code == 200
    assert "Kend din kollega i Sundhed" not in participant_page.content.decode()
    assert participant_page.context["summary"]["answers"] == 2


def test_the_prompt_goes_once_evaluated(camp, login):
    client = login(camp.participant)
    page = reverse("bootcamps:programme", kwargs={"slug": camp.programme.slug})
    before = client.get(page)
    assert [d.pk for d in before.context["to_evaluate"]] == [camp.held.pk]
    assert _url(camp, "day-evaluate", camp.held) in before.content.decode()
    client.post(_url(camp, "day-evaluate", camp.held), ANSWER)
    assert client.get(page).context["to_evaluate"] == []
