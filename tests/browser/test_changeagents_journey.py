"""Change agents: the manager writes a sparring note, puts the project on the next office meeting, and finds it on
the meeting page with a link back to the project. axe on every page, screenshots at two sizes."""

import os

import pytest
from django.urls import reverse
from django.utils import timezone

from changeagents.models import ProjectPresentation
from tests.changeagents.objects import change_agents

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret


def _shoot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/changeagents-{name}-{width}.png", full_page=True, caret="initial")
    page.set_viewport_size({"width": 1366, "height": 768})


def test_write_a_sparring_note_present_at_the_next_meeting_and_find_it_there(
    page, browser, live_server, world, axe, sign_in
):
    found = change_agents(world.a, "Billund", timezone.localdate(), slug="forandringsagenter")
    project = found["project"]
    sign_in(world.a.chief)
    page.goto(reverse("changeagents:programme", args=[found["programme"].slug]))
    page.get_by_text("Næste sparring:").first.wait_for()
    axe(page)
    _shoot(page, "programme")
    page.get_by_role("link", name="Billund projekt").click()
    page.get_by_label("Hvad I drøftede").fill("Skabelonerne er testet på to skoler.")
    page.get_by_label("Aftalt næste skridt").fill("Fremlæg på kontormødet")
    page.get_by_label("Projektets status").select_option("in_progress")
    page.get_by_role("button", name="Gem noten").click()
    page.locator("main").get_by_text("Sparringnoten er gemt.").wait_for()
    assert project.notes.count() == 2
    page.get_by_role("button", name="Fremlæg på næste kontormøde").click()
    page.locator("main").get_by_text("Projektet er på dagsordenen til").wait_for()
    page.locator("main").get_by_text("Fremlægges på Billund kontormøde").wait_for()
    axe(page)
    _shoot(page, "project")
    meeting = ProjectPresentation.objects.get(project=project).agenda_item.meeting
    page.get_by_role("link", name="se mødet").click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}**")
    section = page.get_by_role("region", name="Forandringsagenternes projekter")
    section.get_by_text("fremlagt af a Staff").wait_for()
    axe(page)
    _shoot(page, "meeting")
    section.get_by_role("link", name="Billund projekt").click()
    page.wait_for_url(f"**{project.get_absolute_url()}")
    assert page.console_errors == []

    # The change agent reads the note and adds their own reflection to it.
    agent_context = browser.new_context(base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen")
    agent = agent_context.new_page()
    sign_in(world.a.staff, target=agent)
    agent.goto(project.get_absolute_url())
    agent.get_by_role("link", name="Tilføj din refleksion").first.click()
    agent.get_by_label("Din refleksion").fill("Det hjalp at øve fremlæggelsen højt.")
    axe(agent)
    agent.get_by_role("button", name="Gem").click()
    agent.get_by_text("Din refleksion er gemt.").wait_for()
    agent.get_by_text("Det hjalp at øve fremlæggelsen højt.").wait_for()
    axe(agent)
    _shoot(agent, "project-agent")
    agent_context.close()
