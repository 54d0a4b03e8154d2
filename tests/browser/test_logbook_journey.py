import os
from datetime import date, timedelta

import pytest

from logbook.models import AgreementStatus, Entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret


def test_resource_person_adds_an_agreement_changes_status_inline_and_finds_it(page, world, axe, sign_in):
    sign_in(world.a.resource_person)
    page.get_by_role("link", name="Logbog", exact=True).click()
    page.get_by_role("heading", name="Logbog", level=1).wait_for()
    axe(page)

    page.get_by_role("link", name="Ny aftale").click()
    axe(page)
    page.get_by_label("Titel").fill("Skabelon til referater")
    page.get_by_label("Tekst").fill("Vi **afprøver** en fælles skabelon for referater.")
    page.get_by_label(world.a.staff.full_name).check()
    page.get_by_label("Forfaldsdato").fill((date.today() + timedelta(days=365)).isoformat())
    page.get_by_role("button", name="Gem").click()
    page.get_by_text("er skrevet i logbogen").wait_for()
    axe(page)

    entry = Entry.objects.get()
    page.get_by_label("Status for Skabelon til referater").select_option("in_progress")
    page.get_by_role("button", name="Gem status").click()
    page.wait_for_function("() => document.getElementById('live-region').textContent.includes('i gang')")
    assert Entry.objects.get(pk=entry.pk).status == AgreementStatus.IN_PROGRESS
    axe(page)

    page.get_by_label("Søg").fill("referatet")
    page.get_by_role("button", name="Vis").click()
    page.locator("mark").first.wait_for()
    assert "1 indførsel" in page.locator("#results-heading").inner_text()
    axe(page)

    # A word inside a Danish compound is found and marked in the text around it.
    Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        title="Løn",
        text="Vi gennemgik sagerne. Lønrefusionen fra jobcentret mangler stadig for marts.",
    )
    page.get_by_label("Søg").fill("refusion")
    page.get_by_role("button", name="Vis").click()
    page.locator("mark", has_text="refusion").wait_for()
    assert "Løn<mark>refusion</mark>en" in page.locator("#results").inner_html()
    axe(page)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/logbook-compound-search-{width}.png", caret="initial")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_label("Søg").fill("referatet")
    page.get_by_role("button", name="Vis").click()
    page.get_by_role("link", name="Skabelon til referater").wait_for()

    page.get_by_role("link", name="Skabelon til referater").click()
    page.get_by_role("heading", name="Historik").wait_for()
    assert page.locator("strong", has_text="afprøver").count() == 1
    axe(page)
    assert page.console_errors == []


def test_status_change_works_without_javascript(no_js_page, world):
    from datetime import date

    entry = Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind="agreement",
        title="Ordbog",
        date=date(2026, 1, 5),
        due_date=date(2026, 2, 1),
        status="open",
    )
    entry.responsible.set([world.a.staff])
    page = no_js_page
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadresse").fill(world.a.staff.email)
    page.get_by_label("Adgangskode").fill("correct-horse-battery")
    page.get_by_role("button", name="Log ind").click()
    page.goto(f"/logbook/{world.a.office.slug}/")
    page.get_by_label("Status for Ordbog").select_option("kept")
    page.get_by_role("button", name="Gem status").click()
    page.get_by_text("“Ordbog” er nu holdt.").wait_for()
    assert Entry.objects.get(pk=entry.pk).status == AgreementStatus.KEPT
