import pytest

from knowledge import directory
from knowledge.models import Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_route_answer_publish_and_find_a_question(page, browser, live_server, world, axe, sign_in):
    directory.save_profile(world.a.staff, world.administration, "Refusioner", "", ["Refusion", "Sygedagpenge"])
    sign_in(world.a.resource_person)
    page.goto(f"/questions/offices/{world.a.office.slug}/")
    axe(page)
    page.get_by_role("link", name="Registrér et spørgsmål").click()
    page.get_by_label("Decentral enhed").fill("Skovbo Skole")
    page.get_by_label("Spurgt af").fill("Skoleleder")
    page.get_by_label("Spørgsmålet på én linje").fill("Hvordan søger vi refusion for sygedagpenge?")
    page.get_by_label("Beskrivelse").fill("Tre langtidssyge; hvordan søges refusionen?")
    axe(page)
    page.get_by_role("button", name="Registrér").click()
    page.get_by_text("Spørgsmålet er registreret.").wait_for()
    axe(page)
    page.get_by_role("button", name=f"Giv til {world.a.staff.full_name}").click()
    page.get_by_text(f"{world.a.staff.full_name} har spørgsmålet nu.").wait_for()
    question = Question.objects.get()

    staff_context = browser.new_context(base_url=live_server.url, locale="da-DK")
    staff = staff_context.new_page()
    sign_in(world.a.staff, target=staff)
    staff.goto(question.get_absolute_url())
    staff.get_by_role("textbox", name="Svar").fill("Søg via NemRefusion senest 9 uger efter første fraværsdag.")
    staff.get_by_role("button", name="Gem svaret").click()
    staff.get_by_text("Dit svar er gemt.").wait_for()
    axe(staff)
    staff_context.close()

    page.reload()
    page.get_by_role("button", name="Offentliggør som vidensartikel").click()
    page.get_by_text("Spørgsmålet er offentliggjort som vidensartikel.").wait_for()
    axe(page)

    page.goto("/people/")
    page.get_by_label("Opgave eller kompetence").fill("refusion sygedagpenge")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("region", name="Besvaret før").get_by_role("link", name=question.title).click()
    page.get_by_text("NemRefusion").wait_for()
    axe(page)
    assert page.console_errors == []
