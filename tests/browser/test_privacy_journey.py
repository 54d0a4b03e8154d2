"""The office chief lets a colleague leave: the form at both widths with axe, by keyboard, then the footer's
privacy notice."""

import os

import pytest

from offices.models import Membership
from privacy.models import Departure

SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chief_hands_a_leavers_work_to_a_colleague(page, world, axe, sign_in):
    sign_in(world.a.chief)
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"/privacy/offices/{world.a.office.slug}/leaving/")
        axe(page)
        page.screenshot(path=f"{SHOTS}/privacy-leaving-{width}.png", caret="initial", full_page=True)
    page.get_by_label("Hvem stopper").select_option(label=f"{world.a.staff.full_name} ({world.a.staff.email})")
    # Chosen by keyboard, arrow by arrow (typing a name into a select depends on the gap between keys,
    # which a loaded machine stretches past the browser's type-ahead second).
    successor = page.get_by_label("Giv det åbne arbejde videre til")
    successor.focus()
    wanted = f"{world.a.resource_person.full_name} ({world.a.resource_person.email})"
    chosen = "s => s.selectedOptions.length ? s.selectedOptions[0].textContent.trim() : ''"
    for _ in range(successor.locator("option").count()):
        if successor.evaluate(chosen) == wanted:
            break
        page.keyboard.press("ArrowDown")
    assert successor.evaluate(chosen) == wanted
    page.get_by_role("button", name="Afslut medlemskabet og overdrag").click()
    page.get_by_text(f"{world.a.staff.full_name} er stoppet i {world.a.office.name}.").wait_for()
    axe(page)
    page.screenshot(path=f"{SHOTS}/privacy-leaving-done-390.png", caret="initial", full_page=True)
    assert not Membership.objects.filter(person=world.a.staff, office=world.a.office).exists()
    assert Departure.objects.get().successor == world.a.resource_person
    page.get_by_role("link", name="Privatlivspolitik").click()
    page.get_by_role("heading", name="Privatlivspolitik").wait_for()
    axe(page)
    assert page.console_errors == []
