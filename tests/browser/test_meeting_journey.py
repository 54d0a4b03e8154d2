from datetime import timedelta

import pytest

from logbook.models import AgreementStatus, Entry
from meetings.models import Meeting
from tests.meetings.test_views import make_series

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agenda_then_agreements_that_come_back_at_the_next_meeting(page, world, axe, sign_in):
    series = make_series(world)
    first, second = list(Meeting.objects.filter(series=series).order_by("starts_at")[:2])
    sign_in(world.a.resource_person)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Møder").click()
    page.get_by_role("heading", name="Møder", level=1).wait_for()
    axe(page)

    page.goto(first.get_absolute_url())
    axe(page)
    page.get_by_label("Titel").fill("Opfølgning på budget")
    page.get_by_label("Tidsramme (minutter)").fill("20")
    page.get_by_role("button", name="Tilføj til dagsorden").click()
    page.get_by_text("20 af 60 minutter er planlagt.").wait_for()
    axe(page)
    page.reload()  # the quick-add form lists the agenda items as the page was loaded

    due = (first.starts_at + timedelta(days=30)).date().isoformat()
    for title in ("Skabelon til referat", "Fælles mappe til modeller"):
        page.locator("#id_agreement-title").fill(title)
        page.locator("#id_agreement-due_date").fill(due)
        page.locator("#id_agreement-agenda_item").select_option(label="Opfølgning på budget")
        page.get_by_role("region", name="Opfølgning").get_by_label(world.a.staff.full_name).check()
        page.get_by_role("button", name="Tilføj aftale").click()
        page.get_by_text(f"“{title}” er skrevet i logbogen.").wait_for()
    assert Entry.objects.filter(meeting=first).count() == 2

    page.get_by_role("link", name="Registrér fremmøde").click()
    axe(page)
    page.get_by_role("group", name=world.a.staff.full_name).get_by_label("Til stede").check()
    page.get_by_role("button", name="Gem fremmøde").click()
    page.get_by_text("Fremmøde gemt: 1 til stede.").wait_for()

    page.goto(second.get_absolute_url())
    followup = page.get_by_role("region", name="Opfølgning")
    followup.get_by_role("link", name="Skabelon til referat").wait_for()
    axe(page)
    followup.get_by_label("Status for Skabelon til referat").select_option("kept")
    followup.get_by_role("button", name="Gem status").first.click()
    page.wait_for_function("() => document.getElementById('live-region').textContent.includes('holdt')")
    assert Entry.objects.get(title="Skabelon til referat").status == AgreementStatus.KEPT
    assert page.console_errors == []


def test_agenda_editing_without_javascript(no_js_page, world):
    series = make_series(world)
    meeting = Meeting.objects.filter(series=series).order_by("starts_at").first()
    page = no_js_page
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadresse").fill(world.a.resource_person.email)
    page.get_by_label("Adgangskode").fill("correct-horse-battery")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/")
    page.goto(meeting.get_absolute_url())
    for title in ("Første", "Andet"):
        page.get_by_label("Titel").fill(title)
        page.get_by_label("Tidsramme (minutter)").fill("10")
        page.get_by_role("button", name="Tilføj til dagsorden").click()
        page.get_by_text(f"“{title}” er tilføjet dagsordenen.").wait_for()
    page.get_by_role("button", name="Op Andet").click()
    page.get_by_text("Dagsordenens rækkefølge er ændret.").wait_for()
    assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True)) == ["Andet", "Første"]


def test_agreements_from_an_agenda_item_come_back_without_javascript(no_js_page, world, sign_in):
    series = make_series(world)
    first, second = list(Meeting.objects.filter(series=series).order_by("starts_at")[:2])
    first.agenda_items.create(title="Opfølgning på budget", duration_minutes=20, position=1)
    page = sign_in(world.a.resource_person, target=no_js_page)
    page.goto(first.get_absolute_url())
    due = (first.starts_at + timedelta(days=30)).date().isoformat()
    for title in ("Skabelon til referat", "Fælles mappe til modeller"):
        page.locator("#id_agreement-title").fill(title)
        page.locator("#id_agreement-due_date").fill(due)
        page.locator("#id_agreement-agenda_item").select_option(label="Opfølgning på budget")
        page.get_by_role("region", name="Opfølgning").get_by_label(world.a.staff.full_name).check()
        page.get_by_role("button", name="Tilføj aftale").click()
        page.get_by_text(f"“{title}” er skrevet i logbogen.").wait_for()
    assert Entry.objects.filter(meeting=first, agenda_item__title="Opfølgning på budget").count() == 2

    page.goto(second.get_absolute_url())
    followup = page.get_by_role("region", name="Opfølgning")
    followup.get_by_label("Status for Skabelon til referat").select_option("kept")
    followup.get_by_role("button", name="Gem status").first.click()
    page.get_by_text("“Skabelon til referat” er nu holdt.").wait_for()
    assert Entry.objects.get(title="Skabelon til referat").status == AgreementStatus.KEPT
    assert page.url.split("#")[0].endswith(second.get_absolute_url())
    followup = page.get_by_role("region", name="Opfølgning")
    assert followup.get_by_role("link", name="Fælles mappe til modeller").count() == 1
    assert followup.get_by_role("link", name="Skabelon til referat").count() == 0
