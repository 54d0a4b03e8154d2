"""Café meetings: a colleague from another administration finds the open café meeting, which is full, joins the
waiting list (the panel swaps in place, focus and a visible message), the one with the place cancels, and the
colleague has moved up, with a mail on its way. axe on every page, screenshots at two sizes."""

import os
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cafe import services
from cafe.models import Registration, RegistrationStatus
from notifications.models import Delivery
from tests.cafe.conftest import make_cafe, make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret


def _shoot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/cafe-{name}-{width}.png", full_page=True, caret="initial")
    page.set_viewport_size({"width": 1366, "height": 768})


def test_join_the_waiting_list_and_move_up_when_someone_cancels(page, browser, live_server, world, axe, sign_in):
    programme = make_cafe(world.a.office, "cafemoder", name="Cafémøder på tværs")
    cafe_meeting = make_meeting(
        programme, "Cafémøde om budgettet", starts_at=timezone.now() + timedelta(days=14), capacity=1
    )
    item = cafe_meeting.meeting.agenda_items.create(
        title="Budgettet som pixibog", duration_minutes=30, position=1, presenter=world.a.resource_person
    )
    cafe_meeting.material.create(
        agenda_item=item, title="Slides om budgettet", url="https://intranet.example/budget", uploaded_by=world.a.chief
    )
    services.register(cafe_meeting, world.a.staff)  # the only place is taken

    sign_in(world.c.staff)
    page.goto(reverse("cafe:programme", args=[programme.slug]))
    page.get_by_role("heading", name="Kommende cafémøder").wait_for()
    axe(page)
    _shoot(page, "programme")
    page.get_by_role("link", name="Cafémøde om budgettet").first.click()
    panel = page.get_by_role("region", name="Tilmelding")
    panel.get_by_text("fuldt").wait_for()
    axe(page)
    panel.get_by_role("button", name="Skriv mig på ventelisten").click()
    message = panel.get_by_role("status")
    message.get_by_text("Mødet er fuldt. Du er nr. 1 på ventelisten.").wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.getAttribute('role') === 'status'")
    page.locator("#live-region").get_by_text("Du er nr. 1 på ventelisten").wait_for()
    assert Registration.objects.get(person=world.c.staff).status == RegistrationStatus.WAITING
    axe(page)
    _shoot(page, "waiting")

    # The one with the place cancels; the first on the waiting list moves up and gets a mail.
    other_context = browser.new_context(base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen")
    other = other_context.new_page()
    sign_in(world.a.staff, target=other)
    other.goto(cafe_meeting.get_absolute_url())
    other.get_by_text("Du er tilmeldt.").first.wait_for()
    other.get_by_role("button", name="Afmeld mig").click()
    other.get_by_role("status").get_by_text("Din tilmelding er annulleret.").wait_for()
    axe(other)
    other_context.close()

    page.reload()
    page.get_by_role("region", name="Tilmelding").get_by_text("Du er tilmeldt.").wait_for()
    assert Registration.objects.get(person=world.c.staff).status == RegistrationStatus.REGISTERED
    assert Delivery.objects.filter(recipient=world.c.staff).count() == 1
    axe(page)
    _shoot(page, "moved-up")
    assert page.console_errors == []
