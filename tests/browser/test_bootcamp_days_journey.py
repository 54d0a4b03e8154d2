"""A bootcamp's lead proposes groups, moves a person by hand (htmx, focus and announcement) and saves; a participant
then evaluates the held day from the prompt on the programme page. axe on every state, screenshots at two sizes."""

import os

import pytest
from django.urls import reverse

from bootcamps.models import Evaluation
from offices.models import Role
from programmes.models import GroupMember, Level, Participant
from tests import factories
from tests.bootcamps.days_world import join, make_camp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret


def _shoot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/bootcamp-{name}-{width}.png", full_page=True, caret="initial")
    page.set_viewport_size({"width": 1366, "height": 768})


def test_lead_builds_groups_and_a_participant_evaluates_the_day(page, world, axe, sign_in):
    programme, held, _coming = make_camp(world)
    join(programme, world.a.staff, world.a.office)
    join(programme, world.a.section_leader, world.a.office, Level.FIRST_LINE)
    join(programme, world.b.staff, world.b.office, Level.SENIOR)
    join(programme, world.c.resource_person, world.c.office, Level.EXECUTIVE)
    for n in range(2):
        office = factories.make_office(world.other_administration, name=f"Sundhed {n + 1}")
        person = factories.make_member(office, Role.SECTION_LEADER, full_name=f"Leder Sundhed {n + 1}")
        join(programme, person, office, Level.SENIOR if n else Level.FIRST_LINE)
    sign_in(world.a.chief)
    page.goto(reverse("bootcamps:group-builder", args=[programme.slug]))
    axe(page)
    page.get_by_label("Antal grupper eller personer pr. gruppe").fill("2")
    page.get_by_role("button", name="Foreslå grupper").click()
    page.locator("main").get_by_text("Et forslag med 2 grupper er klar herunder.").wait_for()
    assert "ingen kender hinanden fra før" in page.locator("#proposal").inner_text()
    axe(page)
    _shoot(page, "builder")

    moved = Participant.objects.get(person=world.b.staff)
    select = page.get_by_label(f"Gruppe for {world.b.staff.full_name}")
    target = "2" if select.input_value() == "1" else "1"
    select.select_option(target)
    page.get_by_text(f"{world.b.staff.full_name} er nu i gruppe {target}.").first.wait_for()
    # The focus moves after the swap settles: wait for it rather than read it once.
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=f"id_p{moved.pk}")
    assert page.get_by_label(f"Gruppe for {world.b.staff.full_name}").input_value() == target
    axe(page)
    page.get_by_role("button", name="Gem grupperne").click()
    page.locator("main").get_by_text("Grupperne er gemt.").wait_for()
    assert GroupMember.objects.filter(group__programme=programme).count() == 6
    assert GroupMember.objects.get(participant=moved).group.name == f"Gruppe {target}"
    page.get_by_role("heading", name="Tværgående kendskab").wait_for()
    axe(page)
    _shoot(page, "programme-lead")

    page.get_by_role("button", name="Log ud").click()
    sign_in(world.a.staff)
    page.goto(reverse("bootcamps:programme", args=[programme.slug]))
    page.get_by_role("link", name="Evaluer dagen").click()
    axe(page)
    page.get_by_role("group", name="Fik du ny viden på tværs?").get_by_label("4").check()
    page.get_by_role("group", name="Har du mødt nye kolleger?").get_by_label("5").check()
    page.get_by_label("Hvad tager du med hjem?").fill("Et nyt netværk i Sundhed og Omsorg")
    page.get_by_role("button", name="Gem evalueringen").click()
    page.locator("main").get_by_text("Tak. Din evaluering er gemt.").wait_for()
    evaluation = Evaluation.objects.get(day=held)
    assert (evaluation.new_knowledge, evaluation.new_colleagues) == (4, 5)
    assert "Et nyt netværk" not in page.content()  # the texts are the leads' only
    axe(page)
    _shoot(page, "day")
    assert page.console_errors == []
