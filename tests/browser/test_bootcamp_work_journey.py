"""A bootcamp group's member notes a barrier, sorts it, starts the journey map, adds and moves steps and sees the
map, on the group page and on its own page, on a wide screen and on a phone (axe and screenshots)."""

import re
import tempfile

import pytest

from bootcamps.models import Barrier, BarrierKind, JourneyStep
from tests.bootcamps import work_world
from tests.bootcamps.work_world import barrier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
camp = work_world.camp
SHOTS = tempfile.gettempdir() + "/shots"


def test_member_notes_and_sorts_a_barrier_and_maps_the_journey(page, camp, axe, sign_in):
    barrier(camp.group, "Persondatareglerne forbyder deling", BarrierKind.RULES, by=camp.member)
    sign_in(camp.member)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(camp.url("bootcamps:group"))
    axe(page)

    form = page.locator("form.barrier-add")
    form.get_by_label("Barriere").fill("Vi plejer at gøre det sådan")
    form.get_by_role("button", name="Tilføj barrieren").click()
    page.locator(".work-message").get_by_text("Barrieren “Vi plejer at gøre det sådan” er tilføjet.").wait_for()
    new = Barrier.objects.get(text="Vi plejer at gøre det sådan")
    page.locator(f"#barrier-{new.pk}").get_by_role("button", name="Kultur og tankesæt").click()
    message = page.locator(".work-message").get_by_text(
        "“Vi plejer at gøre det sådan” blev flyttet fra ikke afklaret endnu til kultur og tankesæt."
    )
    message.wait_for()
    new.refresh_from_db()
    assert new.kind == BarrierKind.CULTURE
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id", arg=f"barrier-{new.pk}-text"
    )
    old = Barrier.objects.get(text="Persondatareglerne forbyder deling")
    page.locator(f"#barrier-{old.pk}").get_by_role("button", name="Kultur og tankesæt").click()
    page.locator(f"#barrier-{old.pk}").get_by_text("flyttet fra regler og lovgivning").wait_for()
    assert "2 af 2 barrierer handler om kultur og tankesæt" in page.locator("#barriers").inner_text()

    page.get_by_label("Hvis rejse").fill("Borger, der flytter til kommunen")
    page.get_by_role("button", name="Start rejsekortet").click()
    page.locator("main").get_by_text("Rejsekortet er gemt.").wait_for()
    for title, feeling in (("Melder flytning", "neutral"), ("Venter på svar", "frustreret")):
        page.locator("details.step-add summary").click()
        add = page.locator("details.step-add form")
        add.get_by_label(re.compile(r"^\s*Trin\*?\s*$")).fill(title)
        add.get_by_label("Hvor og med hvem").fill("Borgerservice")
        add.get_by_label(feeling, exact=True).check()
        add.get_by_role("button", name="Tilføj trinnet").click()
        page.locator(".work-message").get_by_text(f"Trinnet “{title}” blev føjet til rejsen.").wait_for()
    last = JourneyStep.objects.get(title="Venter på svar")
    page.locator(f"#step-{last.pk}").get_by_role("button", name="Tidligere").click()
    page.locator(".work-message").get_by_text("“Venter på svar” er nu trin 1 af 2.").wait_for()
    page.wait_for_function("() => (document.activeElement.textContent || '').trim().startsWith('Senere')")
    assert page.evaluate("document.activeElement.closest('li').id") == f"step-{last.pk}"
    region = page.get_by_role("region", name="Rejsekort: Borger, der flytter til kommunen")
    assert region.get_by_role("listitem").count() == 2
    axe(page)
    page.locator("#journey").screenshot(path=SHOTS + "/bootcamp-work-journey-1366.png")
    page.screenshot(path=SHOTS + "/bootcamp-work-group-1366.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    axe(page)
    page.screenshot(path=SHOTS + "/bootcamp-work-group-390.png", full_page=True)

    # The journey map on its own page, to read and print.
    page.get_by_role("link", name="Rejsekortet på sin egen side (til udskrift)").click()
    page.get_by_role("heading", name="Rejsen: Borger, der flytter til kommunen").wait_for()
    page.screenshot(path=SHOTS + "/bootcamp-work-journey-page-390.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    axe(page)
    page.screenshot(path=SHOTS + "/bootcamp-work-journey-page-1366.png", full_page=True)
    assert page.console_errors == []
