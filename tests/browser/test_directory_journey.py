import pytest

from knowledge import directory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_a_competence_and_book_a_visit_from_the_result(page, world, axe, sign_in):
    directory.save_profile(world.a.section_leader, world.administration, "Refusioner", "Moms", ["Refusion"])
    sign_in(world.a.staff)
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
