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
    page.get_by_text("I “Analyser data” fra i dag.").wait_for()
    if axe:
        axe(page)
    page.get_by_label("Hvorfor gå tilbage?").fill("Vi mangler data om fejlene")
    page.get_by_role("button", name="Gå tilbage").click()
    page.get_by_text("I “Indsaml data” fra i dag.").wait_for()
    page.get_by_role("button", name="Gå videre til næste fase").click()
    page.get_by_text("I “Analyser data” fra i dag.").wait_for()
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


def test_circle_data_files_agenda_phases_pause_complete_and_revisit(page, world, axe, sign_in, settings, tmp_path):
    from meetings.models import Meeting
    from tests.meetings.test_views import make_series

    settings.MEDIA_ROOT = tmp_path
    circle = _circle(world)
    meeting = Meeting.objects.filter(series=make_series(world)).order_by("starts_at").first()
    sign_in(world.a.resource_person)
    page.goto(circle.get_absolute_url())

    page.get_by_label("Datakilder").fill("Udtræk fra økonomisystemet")
    page.get_by_role("button", name="Gem noter").click()
    page.get_by_text("Noterne er gemt.").first.wait_for()
    page.get_by_label("Vedhæft en fil").set_input_files(
        files=[{"name": "tal.csv", "mimeType": "text/csv", "buffer": b"uge;sager\n1;12\n"}]
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("“tal.csv” er vedhæftet.").wait_for()
    page.get_by_role("link", name="tal.csv").wait_for()
    axe(page)

    page.locator("#agenda-links select").select_option(value=str(meeting.pk))
    page.locator("#agenda-links").get_by_role("button").click()
    page.get_by_text("er på dagsordenen til").wait_for()
    page.locator(f'#agenda-links a[href^="{meeting.get_absolute_url()}"]').first.click()
    page.locator("#meeting-circles").wait_for()
    page.get_by_role("link", name="Hurtigere opfølgning", exact=True).wait_for()
    axe(page)

    page.goto(circle.get_absolute_url())
    for button, status, then in (
        ("Sæt cirklen på pause", "paused", "Genoptag cirklen"),
        ("Genoptag cirklen", "active", "Sæt cirklen på pause"),
    ):
        page.get_by_role("button", name=button).click()
        page.get_by_role("button", name=then).wait_for()
        circle.refresh_from_db()
        assert circle.status == status
    page.get_by_role("button", name="Afslut cirklen").click()
    page.get_by_role("button", name="Tag op igen: start et nyt loop").wait_for()
    axe(page)
    page.get_by_role("button", name="Tag op igen: start et nyt loop").click()
    page.get_by_role("button", name="Sæt cirklen på pause").wait_for()
    circle.refresh_from_db()
    assert (circle.loop, circle.status) == (2, "active")

    page.goto(f"/logbook/{world.a.office.slug}/circles/phases/")
    axe(page)
    page.locator("#id_phases-5-name").fill("Del med andre")
    page.get_by_role("button", name="Gem faser").click()
    page.get_by_text("Faserne er gemt.").wait_for()
    assert circle.office.circle_phases.count() == 6
    assert page.console_errors == []
