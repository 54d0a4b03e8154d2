"""Issue 16's run chart journey: the resource person adds a value, splits the chart after an action the circle
tried, and corrects a wrong value; axe at 1366x768 and 390x844, screenshots in /tmp/shots/ to look at."""

import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from logbook import circles
from logbook.models import CircleStep, DataPoint, LearningCircle, Measure, MeasurePart

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret
START = date(2026, 1, 5)


def _shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", caret="initial", full_page=True)


def _measure(world):
    rp = world.a.resource_person
    circle = circles.start_circle(
        LearningCircle(office=world.a.office, title="Hurtigere svar", challenge="Borgerne venter for længe"), rp
    )
    measure = Measure.objects.create(circle=circle, name="Dage til svar", unit="dage")
    for i, v in enumerate([9, 11, 10, 12, 9, 11, 10, 12, 11, 10, 6, 5, 6, 4, 5, 6, 5, 4]):
        DataPoint.objects.create(measure=measure, date=START + timedelta(weeks=i), value=v, author=rp)
    for week in (2, 5, 9):  # three moves: analyse, set goals, plan and try actions (after the tenth value)
        circles.move(circle, rp, "forward")
        when = datetime.combine(
            START + timedelta(weeks=week, days=2), datetime.min.time(), ZoneInfo("Europe/Copenhagen")
        )
        CircleStep.objects.filter(pk=CircleStep.objects.latest("pk").pk).update(created_at=when)
    return measure


def test_resource_person_adds_a_value_splits_after_an_action_and_corrects_a_value(page, world, axe, sign_in):
    measure = _measure(world)
    action = CircleStep.objects.filter(kind="forward").latest("created_at")  # into "plan and try actions"
    sign_in(world.a.resource_person)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(measure.circle.get_absolute_url())
    page.get_by_role("link", name="Værdier, rettelser, baseline og perioder").click()
    page.get_by_role("heading", name="Dage til svar").wait_for()
    axe(page)

    page.locator("#id_new-date").fill((START + timedelta(weeks=18)).isoformat())
    page.locator("#id_new-value").fill("5")
    page.get_by_role("button", name="Tilføj værdi").click()
    page.get_by_role("status").get_by_text("Værdien er tilføjet.").wait_for()

    page.get_by_label("Efter trinnet").select_option(value=str(action.pk))
    page.get_by_label("Hvad ændrede sig").fill("Ny skabelon til svarbreve")
    page.get_by_role("button", name="Del diagrammet", exact=True).click()
    page.get_by_role("status").get_by_text("Diagrammet er delt").wait_for()
    assert page.locator(".run-chart-median-label").count() == 2

    wrong = DataPoint.objects.get(measure=measure, date=START + timedelta(weeks=1))
    page.locator(f"#point-{wrong.pk}").get_by_role("link", name="Ret").click()
    value = page.locator("#id_edit-value")
    value.wait_for()
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg="id_edit-date")
    value.fill("10")
    page.get_by_role("button", name="Gem rettelsen").click()
    page.get_by_role("status").get_by_text("Værdien er rettet.").wait_for()
    axe(page)
    _shot(page, "run-chart-1366")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.get_by_role("heading", name="Dage til svar").wait_for()
    axe(page)
    _shot(page, "run-chart-390")

    wrong.refresh_from_db()
    assert (wrong.value, wrong.version) == (10, 1)
    part = MeasurePart.objects.get(measure=measure)
    assert part.step == action and part.label == "Ny skabelon til svarbreve"
    assert DataPoint.objects.filter(measure=measure).count() == 19
    assert page.console_errors == []
