import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from logbook import circles
from logbook.models import CirclePhase, CircleStep, LearningCircle, PhaseCard, StepKind
from tests.conflict_helpers import conflict_view


@pytest.fixture
def circle(world):
    c = LearningCircle(
        office=world.a.office, title="Sagsbehandlingstid", challenge="Budgetopfølgning tager for lang tid"
    )
    return circles.start_circle(c, world.a.resource_person)


def url(world, circle, name="circle-detail"):
    return reverse(f"logbook:{name}", args=[world.a.office.slug, circle.pk])


def test_new_circle_starts_in_vias_first_phase(circle):
    phases = CirclePhase.for_office(circle.office)
    assert phases[0].name == "Indsaml data"
    assert len(phases) == 5
    assert circle.phase == phases[0] and circle.loop == 1


def test_forward_back_with_reason_and_forward_again_keeps_the_path(circle, world):
    rp = world.a.resource_person
    circle = circles.move(circle, rp, "forward")
    assert circle.phase.position == 2
    with pytest.raises(circles.MoveError):
        circles.move(circle, rp, "back", reason="  ")
    circle = circles.move(circle, rp, "back", to_position=1, reason="Vi mangler data om sagerne")
    assert circle.phase.position == 1
    circle = circles.move(circle, rp, "forward")
    kinds = list(CircleStep.objects.filter(circle=circle).order_by("pk").values_list("kind", flat=True))
    assert kinds == [StepKind.STARTED, StepKind.FORWARD, StepKind.BACK, StepKind.FORWARD]
    assert CircleStep.objects.get(kind=StepKind.BACK).reason == "Vi mangler data om sagerne"


def test_after_evaluation_a_new_loop_starts(circle, world):
    for _ in range(5):
        circle = circles.move(circle, world.a.resource_person, "forward")
    assert circle.loop == 2 and circle.phase.position == 1


def test_database_refuses_a_back_step_without_reason(circle, world):
    with pytest.raises(IntegrityError), transaction.atomic():
        CircleStep.objects.create(
            circle=circle, kind="back", to_phase=circle.phase, loop=1, author=world.a.resource_person
        )


def test_two_people_saving_the_same_card_get_a_conflict_not_an_overwrite(login, world, circle):
    first = login(world.a.resource_person).post(
        url(world, circle, "circle-card"), {"text": "Data fra januar", "version": 0}
    )
    assert first.status_code == 302
    second = login(world.a.chief).post(url(world, circle, "circle-card"), {"text": "Mine noter", "version": 0})
    assert second.status_code == 409
    view = conflict_view(second)  # the shared view: both texts, who saved
    assert view["theirs"] == ["Data fra januar"] and view["mine"] == ["Mine noter"]
    assert "a Resource" in view["saved_by"]
    assert PhaseCard.objects.get().text == "Data fra januar"


def test_moves_with_htmx_return_the_circle_fragment(login, world, circle):
    response = login(world.a.resource_person).post(
        url(world, circle, "circle-move"), {"direction": "forward"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<div id="circle">')
    assert "announce" in response["HX-Trigger"]


def test_going_back_without_reason_shows_the_message(login, world, circle):
    client = login(world.a.resource_person)
    client.post(url(world, circle, "circle-move"), {"direction": "forward"})
    response = client.post(
        url(world, circle, "circle-move"),
        {"direction": "back", "to_position": 1, "reason": ""},
        headers={"HX-Request": "true"},
    )
    assert "alert-danger" in response.content.decode()
    assert LearningCircle.objects.get(pk=circle.pk).phase.position == 2


def test_circle_permissions(login, world, circle):
    assert login(world.a.staff).get(url(world, circle)).status_code == 200
    assert login(world.a.staff).post(url(world, circle, "circle-move"), {"direction": "forward"}).status_code == 403
    assert login(world.b.chief).get(url(world, circle)).status_code == 404
    assert login(world.a.chief).get(url(world, circle, "circle-move")).status_code == 405
    create = reverse("logbook:circle-create", args=[world.a.office.slug])
    assert login(world.a.staff).get(create).status_code == 403


def test_circle_create_with_bad_input(login, world):
    create = reverse("logbook:circle-create", args=[world.a.office.slug])
    response = login(world.a.resource_person).post(create, {"title": "", "challenge": "", "status": "active"})
    assert response.status_code == 400
    assert not LearningCircle.objects.exists()
    ok = login(world.a.resource_person).post(
        create, {"title": "Feedback", "challenge": "Vi giver for lidt feedback", "status": "active"}
    )
    assert ok.status_code == 302


def test_circle_pages_query_counts_do_not_grow(login, world, circle, django_assert_max_num_queries):
    for i in range(20):
        circles.move(circle, world.a.resource_person, "forward")
        circles.start_circle(LearningCircle(office=world.a.office, title=f"C{i}", challenge="x"), world.a.chief)
    client = login(world.a.staff)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("logbook:circle-list", args=[world.a.office.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert all(f">C{i}<" in body for i in (0, 19)) and circle.title in body
    for _ in range(35):  # a path longer than the 50 steps the page shows
        circle = circles.move(circle, world.a.resource_person, "forward")
    with django_assert_max_num_queries(12):
        response = client.get(url(world, circle))
    assert response.status_code == 200
    body = response.content.decode()
    path = body.split('id="steps-heading"')[1].split("</ol>")[0]
    assert circle.title in body and path.count('<li class="mb-1">') == 50


def test_measures_show_a_run_chart_with_a_signal(login, world, circle):
    from datetime import date, timedelta

    from logbook.models import DataPoint, Measure

    measure = Measure.objects.create(circle=circle, name="Dage til budgetopfølgning", unit="dage")
    values = [20, 21, 20, 21, 20, 21, 20, 21, 12, 11, 12, 11, 12, 11, 12, 11, 12, 11, 12, 11]
    for i, v in enumerate(values):
        DataPoint.objects.create(
            measure=measure, date=date(2026, 1, 1) + timedelta(days=7 * i), value=v, author=world.a.resource_person
        )
    body = login(world.a.staff).get(url(world, circle)).content.decode()
    assert "<svg" in body and "run-chart-median" in body
    assert "Signal" in body or "signal" in body
    assert "<table" in body


def test_adding_measure_and_values_with_bad_input(login, world, circle):
    from logbook.models import DataPoint, Measure

    client = login(world.a.resource_person)
    create = reverse("logbook:measure-create", args=[world.a.office.slug, circle.pk])
    assert (
        client.post(create, {"measure-name": "Fejl", "measure-unit": "antal", "measure-better": "down"}).status_code
        == 302
    )
    assert client.post(create, {"measure-name": "fejl", "measure-better": "down"}).status_code == 400
    measure = Measure.objects.get()
    add = reverse("logbook:datapoint-create", args=[world.a.office.slug, circle.pk, measure.pk])
    prefix = f"point-{measure.pk}"
    assert client.post(add, {f"{prefix}-date": "2026-03-01", f"{prefix}-value": "4"}).status_code == 302
    assert client.post(add, {f"{prefix}-date": "2026-03-01", f"{prefix}-value": "5"}).status_code == 400
    assert client.post(add, {f"{prefix}-date": "x", f"{prefix}-value": "abc"}).status_code == 400
    assert DataPoint.objects.count() == 1
    assert login(world.a.staff).post(add, {f"{prefix}-date": "2026-03-02", f"{prefix}-value": "1"}).status_code == 403
    assert login(world.b.chief).post(add, {f"{prefix}-date": "2026-03-02", f"{prefix}-value": "1"}).status_code == 404
