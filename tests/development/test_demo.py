"""The demo tells KAMBU's story to the login ``personale``, and a second run adds nothing."""

from io import StringIO

from django.urls import reverse

import development.demo
import offices.demo
from accounts.models import User
from development.figures import development_figures, unit_weeks
from development.models import Clarification, Cohort, Cover, Enrolment, Substitute
from offices.demo import email_for
from programmes.models import Programme


def test_the_demo_tells_kambus_story_and_a_second_run_adds_nothing(db, client):
    offices.demo.seed()
    development.demo.seed(stdout=StringIO())
    counts = [m.objects.count() for m in (User, Clarification, Cohort, Enrolment, Substitute, Cover)]
    development.demo.seed()
    assert [m.objects.count() for m in (User, Clarification, Cohort, Enrolment, Substitute, Cover)] == counts

    programme = Programme.objects.get(slug="kambu")
    assert programme.participants.count() == 20
    assert {c.status for c in Clarification.objects.all()} == {"self_assessed", "dialogue_held", "clarified"}
    assert programme.participants.filter(clarification__isnull=True).exists()  # not started
    full = Cohort.objects.get(name="Hold A")
    assert full.enrolments.filter(status="enrolled").count() == full.capacity
    assert full.enrolments.filter(status="waiting").count() == 2
    figures = {f.label: f.value for f in development_figures([programme])[programme.pk]}
    assert figures["Vikarer i fast job bagefter"] == 2
    assert figures["Nye netværk"] > 0
    uncovered = [
        unit for unit in {p.unit for p in programme.participants.all()} if unit_weeks(programme, unit).uncovered_weeks
    ]
    assert len(uncovered) == 1

    client.force_login(User.objects.get(email=email_for("personale")))
    response = client.get(reverse("development:programme", args=["kambu"]))
    assert response.status_code == 200
    assert "Kommunom: Offentlig økonomi" in response.content.decode()
