from datetime import time, timedelta

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from visits.models import AvailabilityWindow, Reflection, Visit, VisitParticipant, VisitStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_books_a_visit_in_a_few_clicks_and_cancels_it(page, world, axe, sign_in):
    host = world.a.section_leader
    for weekday in range(7):
        AvailabilityWindow.objects.create(person=host, weekday=weekday, start=time(8), end=time(16))
    sign_in(world.a.staff)

    page.get_by_role("link", name="Besøg", exact=True).click()
    page.get_by_role("heading", name="Besøg", level=1).wait_for()
    axe(page)

    page.get_by_role("link", name="Find en kollega i Budget og Regnskab").click()
    axe(page)
    page.get_by_role("link", name=host.full_name).first.click()
    page.get_by_role("heading", name=f"Besøg {host.full_name}").wait_for()
    axe(page)

    # Next week via htmx keeps the page and moves focus to the new week's heading.
    page.get_by_role("link", name="Næste uge").click()
    page.wait_for_url("**week=*")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'week-heading'")
    axe(page)

    page.locator("#week a.btn-outline-primary").first.click()
    page.get_by_label("Hvad vil du gerne høre om?").fill("Hvordan I laver budgetopfølgning")
    axe(page)
    page.get_by_role("button", name="Book besøget").click()
    page.get_by_text("er booket").wait_for()
    axe(page)
    visit = Visit.objects.get()
    assert visit.visitor == world.a.staff and visit.host == host

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Besøg").click()
    coming = page.get_by_role("region", name="Kommende besøg")
    coming.get_by_text("Hvordan I laver budgetopfølgning").wait_for()
    coming.get_by_role("link").first.click()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Aflys besøget").click()
    page.get_by_text("Besøget er aflyst").wait_for()
    assert Visit.objects.get().status == VisitStatus.CANCELLED
    assert page.console_errors == []


def test_reflection_after_a_visit_with_htmx_and_coverage_for_the_chief(page, world, axe, sign_in):
    start = timezone.now() - timedelta(days=2)
    during = DateTimeTZRange(start, start + timedelta(minutes=30))
    visit = Visit.objects.create(
        office=world.a.office, host=world.a.chief, visitor=world.a.staff, during=during, topic="Prognoser"
    )
    for person in (world.a.chief, world.a.staff):
        VisitParticipant.objects.create(visit=visit, person=person, during=during)

    sign_in(world.a.staff)
    page.goto(visit.get_absolute_url())
    axe(page)
    page.get_by_label("Hvad jeg lærte").fill("   ")
    page.get_by_role("button", name="Gem refleksion").click()
    page.get_by_text("Dette felt er påkrævet.", exact=True).wait_for()
    axe(page)
    page.get_by_label("Hvad jeg lærte").fill("Hvor prognosen kommer fra")
    page.get_by_role("button", name="Gem refleksion").click()
    page.get_by_text("Din refleksion er gemt.").first.wait_for()
    assert Reflection.objects.get().learned == "Hvor prognosen kommer fra"
    page.wait_for_function("() => document.getElementById('live-region').textContent.length > 0")

    page.get_by_role("button", name="Log ud").click()
    sign_in(world.a.chief)
    page.goto(f"/visits/offices/{world.a.office.slug}/coverage/")
    page.get_by_role("heading", name="Hvem har besøgt hvem").wait_for()
    assert "1 besøg" in page.content()
    axe(page)
