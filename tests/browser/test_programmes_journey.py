"""A lead of a programme creates an initiative for a group (preselected from the group's link) and adds its first
next step: an agreement in the office's logbook with a responsible person and a due date. axe on every page,
screenshots at two sizes."""

import os
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from logbook.models import Entry
from programmes.models import Initiative
from tests.programmes.conftest import pw  # noqa: F401 - the programme of office A

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret


def _shoot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/programmes-{name}-{width}.png", full_page=True, caret="initial")
    page.set_viewport_size({"width": 1366, "height": 768})


def test_a_lead_creates_an_initiative_and_adds_its_next_step(page, world, pw, axe, sign_in):  # noqa: F811
    sign_in(world.a.chief)
    page.get_by_role("link", name="Programmer", exact=True).click()
    page.get_by_role("heading", name="Programmer, du er tovholder på").wait_for()
    axe(page)
    _shoot(page, "index")

    page.goto(f"/programmes/{pw.programme.slug}/initiatives/new/?group={pw.group.pk}&theme={pw.theme.pk}")
    axe(page)
    page.get_by_label("Titel").fill("Én indgang for borgeren")
    page.get_by_label("Mål").fill("Borgeren møder én indgang i stedet for fire.")
    page.get_by_label("Ejer").select_option(label="b Staff")
    assert page.get_by_label("Gruppe").input_value() == str(pw.group.pk)
    page.get_by_role("button", name="Opret initiativ").click()
    page.locator("main").get_by_text("Initiativet “Én indgang for borgeren” er oprettet.").wait_for()
    initiative = Initiative.objects.get(title="Én indgang for borgeren")
    assert (initiative.group, initiative.theme, initiative.office) == (pw.group, pw.theme, world.a.office)
    axe(page)

    page.get_by_role("link", name="Tilføj næste skridt").click()
    page.get_by_label("Titel").fill("Kortlæg de fire indgange")
    # Someone outside the office can't be responsible: the refusal says so next to the field.
    page.get_by_label("b Staff").check()
    page.get_by_label("Forfaldsdato").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Tilføj næste skridt").click()
    page.locator("#div_id_responsible").get_by_text(re.compile("b Staff kan ikke være ansvarlig")).wait_for()
    axe(page)
    _shoot(page, "step-refused")
    page.get_by_label("b Staff").uncheck()
    page.get_by_label("a Leader").check()
    page.get_by_role("button", name="Tilføj næste skridt").click()
    page.locator("main").get_by_text("Det næste skridt “Kortlæg de fire indgange” er tilføjet.").wait_for()
    agreement = Entry.objects.get(title="Kortlæg de fire indgange")
    assert agreement.office == world.a.office and list(agreement.responsible.all()) == [world.a.section_leader]
    steps = page.get_by_role("region", name="Næste skridt")
    steps.get_by_role("link", name="Kortlæg de fire indgange").wait_for()
    steps.get_by_text("a Leader").wait_for()
    axe(page)
    _shoot(page, "initiative")

    # The participants page: a new participant added in place (htmx), said in visible text.
    page.goto(f"/programmes/{pw.programme.slug}/participants/")
    axe(page)
    page.get_by_label("Person").select_option(label="b Chief")
    page.get_by_role("button", name="Tilføj deltager").click()
    page.locator("main").get_by_text("b Chief deltager nu.").wait_for()
    page.wait_for_function(
        "text => (document.activeElement.textContent || '').trim() === text", arg="b Chief deltager nu."
    )
    assert pw.programme.participants.filter(person=world.b.chief, office=world.b.office).exists()
    axe(page)
    _shoot(page, "participants")
    page.goto(f"/programmes/{pw.programme.slug}/themes/")
    axe(page)
    _shoot(page, "themes")

    # The refused form answered 400 (a plain post re-rendering the page); nothing else went wrong.
    assert [e for e in page.console_errors if "400" not in e] == []
