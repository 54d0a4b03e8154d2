"""The programme pages keep a fixed number of queries whatever the number of programmes, initiatives and steps."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from logbook.models import Entry, Measure
from programmes import registry
from programmes.models import GroupMember, Initiative, InitiativeStep, Participant, Programme
from programmes.registry import Figure
from tests import factories
from tests.programmes.conftest import make_programme


@pytest.fixture
def counted_figures(monkeypatch):
    """Every kind's figures from one query, as the registry's contract asks of the practice apps."""

    def figures(programmes):
        counts = dict(
            Initiative.objects.filter(programme__in=programmes)
            .values_list("programme")
            .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("pk"))
        )
        return {p.pk: [Figure("Initiativer i alt", counts.get(p.pk, 0), "ZQ9 forklaring")] for p in programmes}

    hooks = registry.KindHooks(url_name="programmes:initiative-list", figures=figures)
    monkeypatch.setattr(registry, "_kinds", dict.fromkeys(("bootcamp", "task_force", "cafe"), hooks))


def _more(pw, world, n, start=0):
    """n more initiatives, each with two next steps (one overdue), and n more programmes the chief leads."""
    today = timezone.localdate()
    for i in range(start, start + n):
        initiative = Initiative.objects.create(
            programme=pw.programme,
            office=world.a.office,
            theme=pw.theme,
            group=pw.group,
            title=f"Initiativ {i}",
            goal="g",
            owner=world.a.staff if i % 2 else world.b.staff,
            created_by=world.a.chief,
        )
        for due in (today - timedelta(days=1), today + timedelta(days=9)):
            entry = Entry.objects.create(
                office=world.a.office,
                author=world.a.chief,
                kind="agreement",
                title=f"Skridt {i} {due}",
                date=today - timedelta(days=2),
                due_date=due,
                status="open",
            )
            entry.responsible.set([world.a.staff, world.a.section_leader])
            InitiativeStep.objects.create(initiative=initiative, agreement=entry)
        make_programme(world.a.office, f"ekstra-{i}", kind=("bootcamp", "task_force", "cafe")[i % 3])
        person = factories.make_member(world.b.office, full_name=f"Deltager {i}")
        place = Participant.objects.create(programme=pw.programme, person=person, office=world.b.office)
        if i % 2:
            GroupMember.objects.create(group=pw.group, participant=place)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize(
    "name",
    [
        "programmes:index",
        "programmes:initiative-list",
        "progress:index",
        "programmes:initiative-detail",
        "programmes:participants",
    ],
)
def test_pages_keep_their_queries_with_more_programmes_initiatives_and_steps(
    pw, world, login, counted_figures, django_assert_max_num_queries, name
):
    client = login(world.a.chief)
    if name == "programmes:initiative-detail":
        url_for = lambda: reverse(name, args=[pw.programme.slug, Initiative.objects.order_by("-pk").first().pk])  # noqa: E731
    elif name in ("programmes:initiative-list", "programmes:participants"):
        url_for = lambda: reverse(name, args=[pw.programme.slug])  # noqa: E731
    else:
        url_for = lambda: reverse(name)  # noqa: E731
    _more(pw, world, 3)  # a programme of each kind the figures come for (one call per kind)
    few, _response = _count(client, url_for())
    _more(pw, world, 6, start=3)
    many, response = _count(client, url_for())
    assert many == few, f"{name}: {few} queries with few rows, {many} with many"
    with django_assert_max_num_queries(12):
        response = client.get(url_for())
    assert response.status_code == 200
    if name in ("programmes:index", "progress:index"):
        assert "ZQ9 forklaring" in response.text and response.text.count("Initiativer i alt") >= 7
    elif name == "programmes:participants":
        assert "Deltager 8" in response.text and response.text.count("Gruppe 1") >= 4
    elif name == "programmes:initiative-list":
        assert response.text.count("/initiatives/") >= 8 and 'class="text-danger"' in response.text
    else:
        assert "Skridt 8" in response.text and "a Leader" in response.text


def test_the_initiative_page_with_a_measure_keeps_its_queries(
    pw, world, login, django_assert_max_num_queries, counted_figures
):
    from logbook import circles
    from logbook.models import DataPoint, LearningCircle

    circle = circles.start_circle(LearningCircle(office=world.a.office, title="Cirkel", challenge="c"), world.a.chief)
    measure = Measure.objects.create(circle=circle, name="Sagsbehandlingstid", unit="dage")
    today = timezone.localdate()
    for i in range(12):
        DataPoint.objects.create(measure=measure, date=today - timedelta(days=i), value=i % 5, author=world.a.chief)
    pw.initiative.measure = measure
    pw.initiative.save()
    client = login(world.a.chief)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:initiative-detail", args=[pw.programme.slug, pw.initiative.pk]))
    assert response.status_code == 200
    assert "run-chart" in response.text and "Sagsbehandlingstid" in response.text


def test_progress_index_shows_the_programmes_figures_only_to_their_leads(pw, world, login, counted_figures):
    response = login(world.a.chief).get(reverse("progress:index"))
    assert response.status_code == 200 and "Ledelse sammen" in response.text and "ZQ9 forklaring" in response.text
    # A participant who leads nothing: the usual redirect to their office's page, no programme figures.
    response = login(world.a.staff).get(reverse("progress:index"), follow=True)
    assert response.status_code == 200 and "ZQ9 forklaring" not in response.text
    assert Programme.objects.led_by(world.a.staff).count() == 0
