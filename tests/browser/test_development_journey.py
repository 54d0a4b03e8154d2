"""KAMBU: a participant assesses themselves, the leader writes the dialogue note, the participant enrols in a full
cohort and sees their place on the waiting list. axe on every page, screenshots at two sizes."""

import os

import pytest
from django.urls import reverse

from development import services
from development.models import Clarification, ClarificationStatus, EnrolmentStatus
from tests.development.conftest import make_kambu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret


def _shoot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/development-{name}-{width}.png", full_page=True, caret="initial")
    page.set_viewport_size({"width": 1366, "height": 768})


def test_self_assess_dialogue_enrol_and_see_the_waiting_list(page, browser, live_server, world, axe, sign_in):
    kambu = make_kambu(world)
    services.enrol(kambu.cohort, kambu.first)
    services.enrol(kambu.cohort, kambu.second)  # the cohort is full
    sign_in(world.a.staff)
    page.goto(reverse("development:programme", args=[kambu.programme.slug]))
    axe(page)
    page.get_by_role("link", name="Udfyld din selvvurdering").click()
    page.get_by_role("radiogroup", name="Vurdering af Økonomi og budget").get_by_label("2", exact=True).check()
    page.get_by_role("radiogroup", name="Vurdering af Digitale værktøjer").get_by_label("4", exact=True).check()
    page.get_by_role("group", name="Økonomi og budget").get_by_label("Note").fill("Budgetopfølgning er nyt for mig.")
    page.get_by_role("group", name="Økonomi og budget").get_by_label("En del af mine daglige opgaver").check()
    axe(page)
    _shoot(page, "self-assessment")
    page.get_by_role("button", name="Gem selvvurderingen").click()
    page.locator("main").get_by_text("Din selvvurdering er gemt.").wait_for()
    axe(page)
    clarification = Clarification.objects.get(participant=kambu.third)
    assert clarification.status == ClarificationStatus.SELF_ASSESSED

    lead_context = browser.new_context(base_url=live_server.url, locale="da-DK")
    lead = lead_context.new_page()
    sign_in(world.a.resource_person, target=lead)
    lead.goto(clarification.get_absolute_url())
    lead.get_by_role("button", name="Anbefal kambu-test Økonomikursus").wait_for()  # scored 2: suggested
    axe(lead)
    lead.get_by_role("link", name="Skriv samtalenoten").click()
    lead.get_by_label("Dato for samtalen").fill("2026-02-20")
    lead.get_by_label("Samtalenote").fill("Vi aftalte økonomikurset og sidemandsoplæring i budget.")
    axe(lead)
    lead.get_by_role("button", name="Gem samtalenoten").click()
    lead.get_by_text("Samtalenoten er gemt.").wait_for()
    lead.get_by_role("button", name="Anbefal kambu-test Økonomikursus").click()
    lead.get_by_text("Tilbuddet er anbefalet.").wait_for()
    axe(lead)
    _shoot(lead, "clarification-lead")
    lead.goto(reverse("development:programme", args=[kambu.programme.slug]))
    axe(lead)
    lead.get_by_role("link", name=kambu.units[0].name).click()
    lead.get_by_text("2 uger uden dækning: uge 10, uge 11.").wait_for()
    axe(lead)
    _shoot(lead, "unit-weeks")
    lead_context.close()

    page.goto(reverse("development:programme", args=[kambu.programme.slug]))
    page.get_by_role("link", name="Se din afklaring").click()
    page.locator("main").get_by_text("Vi aftalte økonomikurset").wait_for()
    axe(page)
    page.goto(reverse("development:programme", args=[kambu.programme.slug]))
    page.get_by_role("link", name="Hold 1").click()
    page.get_by_role("button", name="Skriv mig på ventelisten").click()
    page.locator("main").get_by_text("Holdet er fuldt: Du står på ventelisten.").wait_for()
    page.locator("main").get_by_text("Du er nummer 1 på ventelisten.").wait_for()
    axe(page)
    _shoot(page, "cohort-waiting")
    assert kambu.third.enrolments.get().status == EnrolmentStatus.WAITING
    assert page.console_errors == []
