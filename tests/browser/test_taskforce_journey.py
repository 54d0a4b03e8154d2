"""The task force's monthly meeting: a consultant records the attendance of the administrative leaders, brings a
task home from the meeting page, sees it routed to the colleague with the competence, and finds it on the unit's
page. axe on every page, screenshots at two sizes."""

import os

import pytest

from knowledge.directory import save_profile
from knowledge.models import Question
from meetings.models import MeetingGuest
from tests.queue import deliver_queued
from tests.taskforce.conftest import tf  # noqa: F401 - the task force of office A

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret


def _shoot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/taskforce-{name}-{width}.png", full_page=True, caret="initial")
    page.set_viewport_size({"width": 1366, "height": 768})


def test_bring_a_task_home_from_the_meeting_and_find_it_on_the_units_page(page, world, tf, axe, sign_in):  # noqa: F811
    save_profile(world.a.section_leader, world.administration, "Refusioner", "Refusion", ["Refusion"])
    sign_in(world.a.resource_person)
    page.goto(tf.meeting.get_absolute_url())
    section = page.get_by_role("region", name="De decentrale enheder på mødet")
    section.get_by_label("Birthe Lindholm (Skovvangskolen)").select_option("present")
    section.get_by_label("Maja Thorsen (Klub Nord)").select_option("excused")
    section.get_by_role("button", name="Gem gæsternes fremmøde").click()
    page.locator("main").get_by_text("Gæsternes fremmøde er gemt.").wait_for()
    assert dict(MeetingGuest.objects.values_list("contact__name", "status")) == {
        "Birthe Lindholm": "present",
        "Maja Thorsen": "excused",
    }
    section = page.get_by_role("region", name="De decentrale enheder på mødet")
    section.get_by_text("1 af 2 til stede").wait_for()
    section.get_by_label("Enhed").select_option(label="Skovvangskolen")
    section.get_by_label("Rejst af").select_option(label="Birthe Lindholm (Skovvangskolen)")
    section.get_by_label("Opgaven på én linje").fill("Refusion for langtidssyge")
    section.get_by_label("Beskrivelse").fill(
        "To medarbejdere har været syge i over 30 dage. Hvordan søger vi refusion?"
    )
    axe(page)
    section.get_by_role("button", name="Tag opgaven med hjem").click()
    page.locator("main").get_by_text("“Refusion for langtidssyge” er taget med hjem og givet til a Leader.").wait_for()
    question = Question.objects.get()
    assert (question.from_unit, question.meeting, question.assignee) == (tf.school, tf.meeting, world.a.section_leader)
    axe(page)
    page.locator("#tasks-home").scroll_into_view_if_needed()
    _shoot(page, "meeting")

    page.get_by_role("link", name="Decentrale enheder").first.click()
    axe(page)
    _shoot(page, "units")
    page.get_by_role("link", name="Skovvangskolen").click()
    page.get_by_role("heading", name="Opgaver taget med hjem fra enheden").wait_for()
    page.get_by_role("link", name="Refusion for langtidssyge").wait_for()
    page.get_by_role("link", name="Fælles skabelon til budgetopfølgning").or_(
        page.get_by_text("Fælles skabelon til budgetopfølgning")
    ).first.wait_for()
    axe(page)
    _shoot(page, "unit")

    page.goto(f"/taskforce/{tf.programme.slug}/")
    axe(page)
    _shoot(page, "programme")
    assert page.console_errors == []
    # The colleague was told by mail (through the queue); the queue is left empty for the tests after this one.
    assert deliver_queued() >= 1
