"""The demo tells Billund's change-agent story to ``kontorchef`` and ``medarbejder``; a second run adds nothing."""

from io import StringIO

from django.urls import reverse
from django.utils import timezone

import changeagents.demo
import meetings.demo
import offices.demo
from accounts.models import User
from changeagents.models import Project, ProjectPresentation, SparringNote, SparringRhythm
from offices.demo import email_for


def test_the_demo_tells_the_change_agents_story_and_a_second_run_adds_nothing(db, client):
    offices.demo.seed()
    meetings.demo.seed()
    changeagents.demo.seed(stdout=StringIO())
    models = (Project, SparringNote, SparringRhythm, ProjectPresentation)
    counts = [m.objects.count() for m in models]
    changeagents.demo.seed()
    assert [m.objects.count() for m in models] == counts

    projects = Project.objects.filter(programme__slug=changeagents.demo.SLUG)
    assert projects.count() == 3 and SparringRhythm.objects.count() == 3
    for project in projects:
        assert 3 <= project.notes.count() <= 6
    now = timezone.now()
    presentations = ProjectPresentation.objects.select_related("agenda_item__meeting")
    assert sorted(p.agenda_item.meeting.starts_at < now for p in presentations) == [False, True]  # one past, one next

    client.force_login(User.objects.get(email=email_for("medarbejder")))
    rasmus = projects.get(agent__person__full_name="Rasmus Toft")
    response = client.get(rasmus.get_absolute_url())
    assert response.status_code == 200 and "Fremlægges på Kontormøde i Budget og Regnskab" in response.content.decode()
    client.force_login(User.objects.get(email=email_for("kontorchef")))
    response = client.get(reverse("changeagents:programme", args=[changeagents.demo.SLUG]))
    body = response.content.decode()
    assert (
        response.status_code == 200 and "Rasmus Toft" in body and "Bedre overblik for skolernes administration" in body
    )
