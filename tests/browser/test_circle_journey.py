import pytest

from logbook import circles
from logbook.models import CircleStep, LearningCircle, StepKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _circle(world):
    return circles.start_circle(
        LearningCircle(office=world.a.office, title="Hurtigere opfølgning", challenge="Tallene kommer sent"),
        world.a.resource_person,
    )


def _walk(page, circle_url, axe=None):
    page.goto(circle_url)
    if axe:
        axe(page)
    page.get_by_role("textbox", name="Noter").fill("Tre måneders målinger")
    page.get_by_role("button", name="Gem noter").click()
    page.get_by_text("Noterne er gemt.").first.wait_for()
    page.get_by_role("button", name="Gå videre til næste fase").click()
    page.get_by_text("I “Analyser data” i").wait_for()
    if axe:
        axe(page)
    page.get_by_label("Hvorfor gå tilbage?").fill("Vi mangler data om fejlene")
    page.get_by_role("button", name="Gå tilbage").click()
    page.get_by_text("I “Indsaml data” i").wait_for()
    page.get_by_role("button", name="Gå videre til næste fase").click()
    page.get_by_text("I “Analyser data” i").wait_for()
    if axe:
        axe(page)


def test_circle_from_data_to_analysis_back_and_forward_with_htmx(page, world, axe, sign_in):
    from datetime import date, timedelta

    from logbook.models import DataPoint, Measure

    circle = _circle(world)
    measure = Measure.objects.create(circle=circle, name="Dage", unit="dage")
    for i, v in enumerate([9, 8, 9, 7, 8, 9, 6, 5, 6, 5, 4, 5]):
        DataPoint.objects.create(
            measure=measure, date=date(2026, 1, 5) + timedelta(weeks=i), value=v, author=world.a.resource_person
        )
    sign_in(world.a.resource_person)
    page.goto(f"/logbook/{world.a.office.slug}/circles/")
    axe(page)
    _walk(page, circle.get_absolute_url(), axe)
    kinds = list(CircleStep.objects.filter(circle=circle).order_by("pk").values_list("kind", flat=True))
    assert kinds == [StepKind.STARTED, StepKind.FORWARD, StepKind.BACK, StepKind.FORWARD]
    assert page.console_errors == []


def test_circle_journey_without_javascript(no_js_page, world):
    circle = _circle(world)
    page = no_js_page
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadresse").fill(world.a.resource_person.email)
    page.get_by_label("Adgangskode").fill("correct-horse-battery")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/")
    _walk(page, circle.get_absolute_url())
    assert CircleStep.objects.filter(circle=circle, kind=StepKind.BACK).count() == 1
