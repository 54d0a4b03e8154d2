from datetime import date

import pytest

from knowledge.models import Term
from logbook.models import Entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_glossary_signed_out_and_terms_explained_in_texts(page, world, axe, sign_in):
    Term.objects.create(
        administration=world.administration,
        term="Budgetopfølgning",
        explanation="En gennemgang af forbruget mod budgettet.",
        public=True,
        owner=world.a.office,
    )
    Term.objects.create(
        administration=world.administration, term="Lønsum", explanation="Samlet løn.", owner=world.a.office
    )

    page.goto(f"/glossary/{world.administration.slug}/")
    page.get_by_role("heading", name="Ordbog for Økonomi og Administration").wait_for()
    assert page.get_by_role("link", name="Lønsum").count() == 0  # internal
    axe(page)
    page.get_by_label("Søg i ordbogen").fill("budgetopfølgnig")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("link", name="Budgetopfølgning").click()
    page.get_by_role("heading", name="Budgetopfølgning", level=1).wait_for()
    axe(page)

    sign_in(world.a.resource_person)
    page.goto(f"/glossary/{world.administration.slug}/new/")
    axe(page)
    page.get_by_label("Begreb").fill("Likviditet")
    page.get_by_label("Forklaring i klart sprog").fill("Penge i kassen set over 12 måneder.")
    page.get_by_label("Offentlig").check()
    page.get_by_role("button", name="Gem").click()
    page.get_by_text("“Likviditet” er i ordbogen.").wait_for()
    axe(page)

    entry = Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind="note",
        title="Kassen",
        text="Vi talte om likviditet og budgetopfølgning.",
        date=date(2026, 3, 2),
    )
    page.goto(entry.get_absolute_url())
    term = page.locator("dfn.glossary-term", has_text="likviditet")
    tip = page.locator("#" + term.get_attribute("aria-describedby"))
    assert not tip.is_visible()
    term.focus()
    tip.wait_for(state="visible")
    assert "Penge i kassen" in tip.inner_text()
    axe(page)
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    assert page.console_errors == []
