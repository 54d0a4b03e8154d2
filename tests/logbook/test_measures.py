"""A circle's measure page: values corrected and removed (conflict-safe, in the history), baseline and parts."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse

from logbook import circles
from logbook.models import CircleStep, DataPoint, LearningCircle, Measure, MeasurePart, StepKind
from tests.conflict_helpers import conflict_view, editor

VALUES = [20, 21, 20, 21, 20, 21, 20, 21, 12, 11, 12, 11, 12, 11, 12, 11, 12, 11, 12, 11]


@pytest.fixture
def measure(world):
    circle = circles.start_circle(
        LearningCircle(office=world.a.office, title="Hurtigere svar", challenge="Svarene kommer sent"),
        world.a.resource_person,
    )
    m = Measure.objects.create(circle=circle, name="Dage til svar", unit="dage")
    for i, v in enumerate(VALUES):
        DataPoint.objects.create(
            measure=m, date=date(2026, 1, 5) + timedelta(weeks=i), value=v, author=world.a.resource_person
        )
    return m


def _url(measure, name="measure-detail", **extra):
    return reverse(f"logbook:{name}", args=[measure.circle.office.slug, measure.circle_id, measure.pk, *extra.values()])


def _point(measure, i=0):
    return measure.points.order_by("date")[i]


def test_measure_page_shows_axes_median_signal_and_the_table(login, world, measure, django_assert_max_num_queries):
    client = login(world.a.staff)
    with django_assert_max_num_queries(12):  # 2 of them the corrections (pghistory)
        response = client.get(_url(measure))
    assert response.status_code == 200
    body = response.content.decode()
    assert "run-chart-median-label" in body and "run-chart-signal" in body and "<desc" in body
    assert "8 målinger i træk over medianen: noget har ændret sig" in body
    assert "Kurven krydser kun medianen 1 gang; ved 14 målinger ventes mindst 4 krydsninger" in body  # 6 on it
    assert "5. jan 2026" in body  # the time axis, in Danish
    assert "<caption>" in body and body.count('<tr id="point-') == 20
    assert "Ret" not in body.split('id="values-heading"')[1]  # staff reads, does not correct


def test_measure_page_query_count_does_not_grow_with_values_parts_and_steps(
    login, world, measure, django_assert_max_num_queries
):
    for i in range(20, 60):
        DataPoint.objects.create(
            measure=measure, date=date(2026, 1, 5) + timedelta(weeks=i), value=i % 7, author=world.a.resource_person
        )
    for i in range(5):
        MeasurePart.objects.create(
            measure=measure, starts_on=date(2026, 3, 1) + timedelta(weeks=8 * i), author=world.a.resource_person
        )
        circles.move(measure.circle, world.a.resource_person, "forward")
    client = login(world.a.resource_person)
    with django_assert_max_num_queries(12):  # the resource person's page also lists the steps to split after
        response = client.get(_url(measure))
    assert response.status_code == 200
    assert response.content.decode().count('<tr id="point-') == 60


def test_resource_person_corrects_a_value_and_the_history_keeps_both(login, world, measure):
    point = _point(measure)
    client = login(world.a.resource_person)
    url = _url(measure, "datapoint-update", point=point.pk)
    form = client.get(url)
    assert form.status_code == 200 and 'name="edit-version" value="0"' in form.content.decode()
    response = client.post(url, {"edit-date": "2026-01-05", "edit-value": "19,5", "edit-version": "0"})
    assert response.status_code == 302 and response["Location"].endswith("#measure")
    point.refresh_from_db()
    assert (str(point.value), point.version) == ("19.50", 1)
    events = list(point.events.order_by("pgh_id").values_list("pgh_label", "value"))
    assert [(label, str(value)) for label, value in events] == [("insert", "20.00"), ("update", "19.50")]
    page = client.get(_url(measure)).content.decode()
    assert "a Resource: rettede værdien for 05.01.2026 fra 20 til 19,5" in " ".join(page.split())


def test_correcting_with_htmx_swaps_the_measure_and_announces(login, world, measure):
    point = _point(measure, 3)
    client = login(world.a.resource_person)
    url = _url(measure, "datapoint-update", point=point.pk)
    row = client.get(url, headers={"HX-Request": "true"})
    assert row.status_code == 200
    assert (
        row.content.decode().lstrip().startswith(f'<tr id="point-{point.pk}"') and "data-focus" in row.content.decode()
    )
    response = client.post(
        url, {"edit-date": "2026-01-27", "edit-value": "", "edit-version": "0"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {"announce": {"message": "Værdien er rettet."}}
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="measure">') and "ikke målt" in body
    point.refresh_from_db()
    assert point.value is None


def test_two_corrections_of_one_value_do_not_cross(world, measure):
    point = _point(measure)
    url = _url(measure, "datapoint-update", point=point.pk)
    first, second = editor(world.a.resource_person), editor(world.a.chief)
    assert first.post(url, {"edit-date": "2026-01-05", "edit-value": "18", "edit-version": "0"}).status_code == 302
    response = second.post(url, {"edit-date": "2026-01-05", "edit-value": "25", "edit-version": "0"})
    assert response.status_code == 409
    view = conflict_view(response)
    assert "25" in view["mine"] and "18" in view["theirs"]
    assert 'name="edit-version" value="1"' in response.content.decode()  # saving again keeps theirs deliberately
    point.refresh_from_db()
    assert point.value == 18


def test_a_correction_onto_another_values_date_is_refused(login, world, measure):
    point = _point(measure)
    response = login(world.a.resource_person).post(
        _url(measure, "datapoint-update", point=point.pk),
        {"edit-date": "2026-01-12", "edit-value": "3", "edit-version": "0"},
    )
    assert response.status_code == 400 and "Der er allerede en værdi for denne dato." in response.content.decode()


def test_removing_a_value_keeps_it_in_the_history(login, world, measure):
    point = _point(measure)
    client = login(world.a.resource_person)
    response = client.post(_url(measure, "datapoint-delete", point=point.pk), {"version": "0"})
    assert response.status_code == 302
    assert not DataPoint.objects.filter(pk=point.pk).exists()
    removed = DataPoint.pgh_event_model.objects.filter(pgh_obj_id=point.pk, pgh_label="delete").get()
    assert removed.value == 20 and removed.date == date(2026, 1, 5)
    page = client.get(_url(measure)).content.decode()
    assert "a Resource: fjernede værdien for 05.01.2026 (20)" in " ".join(page.split())


def test_removing_a_value_corrected_since_shows_it_first(world, measure):
    point = _point(measure)
    first, second = editor(world.a.resource_person), editor(world.a.chief)
    first.post(
        _url(measure, "datapoint-update", point=point.pk),
        {"edit-date": "2026-01-05", "edit-value": "7", "edit-version": "0"},
    )
    response = second.post(
        _url(measure, "datapoint-delete", point=point.pk), {"version": "0"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "Fjern alligevel" in response.content.decode()
    assert DataPoint.objects.filter(pk=point.pk).exists()
    again = second.post(_url(measure, "datapoint-delete", point=point.pk), {"version": "1"})
    assert again.status_code == 302 and not DataPoint.objects.filter(pk=point.pk).exists()


def test_staff_may_not_correct_and_another_offices_value_is_not_found(login, world, measure):
    point = _point(measure)
    payload = {"edit-date": "2026-01-05", "edit-value": "1", "edit-version": "0"}
    assert login(world.a.staff).post(_url(measure, "datapoint-update", point=point.pk), payload).status_code == 403
    assert login(world.b.chief).post(_url(measure, "datapoint-update", point=point.pk), payload).status_code == 404
    other = circles.start_circle(LearningCircle(office=world.a.office, title="Anden", challenge="x"), world.a.chief)
    elsewhere = Measure.objects.create(circle=other, name="Andet mål")
    url = reverse("logbook:datapoint-update", args=[world.a.office.slug, other.pk, elsewhere.pk, point.pk])
    assert login(world.a.resource_person).post(url, payload).status_code == 404
    point.refresh_from_db()
    assert point.value == 20


def test_split_after_a_step_gives_each_part_its_own_median(login, world, measure):
    step = CircleStep.objects.create(
        circle=measure.circle,
        kind=StepKind.FORWARD,
        from_phase=measure.circle.phase,
        to_phase=measure.circle.phase,
        loop=1,
        author=world.a.resource_person,
    )
    CircleStep.objects.filter(pk=step.pk).update(created_at=date(2026, 3, 1).isoformat() + "T10:00:00+01:00")
    client = login(world.a.resource_person)
    response = client.post(_url(measure, "measure-part-create"), {"part-step": step.pk, "part-label": ""})
    assert response.status_code == 302
    part = MeasurePart.objects.get(measure=measure)
    assert part.starts_on == date(2026, 3, 2) and part.step == step and part.label
    body = client.get(_url(measure)).content.decode()
    assert body.count('class="run-chart-median-label"') == 2 and "Periode 2: " in body
    # The part made after the step stands for it: one numbered mark, not two a day apart.
    assert body.count("run-chart-marker-part") == 1 and "run-chart-marker-step" not in body
    assert client.post(_url(measure, "measure-part-create"), {"part-starts_on": "2026-03-02"}).status_code == 400
    assert client.post(_url(measure, "measure-part-create"), {"part-label": "x"}).status_code == 400
    assert MeasurePart.objects.count() == 1
    assert client.post(_url(measure, "measure-part-delete", part=part.pk)).status_code == 302
    assert not MeasurePart.objects.exists()
    assert MeasurePart.pgh_event_model.objects.filter(pgh_label="delete").count() == 1


def test_baseline_freezes_the_median_on_the_first_values(login, world, measure):
    client = login(world.a.resource_person)
    assert client.post(_url(measure, "measure-baseline"), {"baseline-baseline": "1"}).status_code == 400
    response = client.post(
        _url(measure, "measure-baseline"), {"baseline-baseline": "8"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Medianen 20,5 er fastfrosset på de første 8 målinger" in body and "run-chart-median-frozen" in body
    measure.refresh_from_db()
    assert measure.baseline == 8
    client.post(_url(measure, "measure-baseline"), {"baseline-baseline": ""})
    measure.refresh_from_db()
    assert measure.baseline is None


def test_a_new_value_from_the_measure_page_and_an_empty_one_for_a_missed_date(login, world, measure):
    client = login(world.a.resource_person)
    prefix = "new"
    url = _url(measure, "measure-point-create")
    assert client.post(url, {f"{prefix}-date": "2026-06-01", f"{prefix}-value": ""}).status_code == 302
    assert client.post(url, {f"{prefix}-date": "2026-06-01", f"{prefix}-value": "4"}).status_code == 400
    assert DataPoint.objects.get(measure=measure, date=date(2026, 6, 1)).value is None
    body = client.get(_url(measure)).content.decode()
    assert "mangler: springes over" in body
