from datetime import date, timedelta

import pytest

from knowledge import directory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_a_competence_and_book_a_visit_from_the_result(page, world, axe, sign_in):
    directory.save_profile(world.a.section_leader, world.administration, "Refusioner", "Moms", ["Refusion"])
    sign_in(world.a.staff)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("button", name="Mere").click()
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Hvem ved hvad").click()
    page.get_by_role("heading", name="Hvem ved hvad", level=1).wait_for()
    axe(page)
    page.get_by_label("Opgave eller kompetence").fill("refsuion")  # a typo
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("heading", name=world.a.section_leader.full_name).wait_for()
    axe(page)
    page.get_by_role("link", name=f"Book et besøg hos {world.a.section_leader.full_name}").click()
    page.wait_for_url(f"**/visits/book/{world.a.section_leader.pk}/**")
    axe(page)

    page.goto("/people/me/")
    page.get_by_label("Mine kompetencer").fill("Budgetopfølgning, Moms")
    page.get_by_role("button", name="Gem").click()
    page.get_by_text("Dine opgaver og kompetencer er gemt.").wait_for()
    axe(page)
    assert page.console_errors == []


def test_template_library_and_case_procedures(page, world, axe, sign_in):
    from meetings.models import MeetingSeries

    series = MeetingSeries.objects.create(
        office=world.a.office, title="SLF-møde", before_questions=["Mål?"], after_questions=["Lærte?"]
    )
    theirs = MeetingSeries.objects.create(office=world.b.office, title="Torsdagsmøde")
    sign_in(world.a.resource_person)
    page.goto("/templates/")
    axe(page)
    page.get_by_role("link", name="Del fra mit kontor").click()
    page.get_by_label("før/efter-spørgsmål til en mødeserie").check()
    page.get_by_label("Titel").fill("Før og efter")
    page.get_by_label("Spørgsmålene fra serien").select_option(label=series.title)
    axe(page)
    page.get_by_role("button", name="Del").click()
    page.get_by_text("“Før og efter” er i biblioteket.").wait_for()
    axe(page)

    page.goto(f"/procedures/offices/{world.a.office.slug}/new/")
    page.get_by_label("Titel").fill("Månedlig budgetopfølgning")
    page.get_by_label("Sagsgangen, trin for trin").fill("1. Træk tal\n2. Send til lederne")
    page.get_by_label("Ejer").select_option(label=world.a.staff.full_name)
    page.get_by_label("Gennemgås senest").fill((date.today() + timedelta(days=365)).isoformat())
    axe(page)
    page.get_by_role("button", name="Gem").click()
    page.get_by_text("Sagsgangen er gemt.").wait_for()
    axe(page)
    page.get_by_role("link", name="Sagsgange").click()
    page.get_by_role("link", name="Månedlig budgetopfølgning").wait_for()
    axe(page)
    page.goto(f"/people/offices/{world.a.office.slug}/only-one/")
    page.get_by_role("heading", name="Kun én ved det").wait_for()
    axe(page)

    page.context.clear_cookies()
    sign_in(world.b.chief)
    page.goto("/templates/")
    page.get_by_role("link", name="Før og efter").click()
    page.get_by_label("Serie").select_option(label=theirs.title)
    page.get_by_role("button", name="Kopiér").click()
    page.get_by_text("Kopieret ind i Torsdagsmøde.").wait_for()
    axe(page)
    theirs.refresh_from_db()
    assert theirs.before_questions == ["Mål?"]
    assert page.console_errors == []
