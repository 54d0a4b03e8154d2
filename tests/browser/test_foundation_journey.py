import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_my_page_switch_language_and_sign_out(page, world, axe, sign_in):
    page.goto("/")
    assert "/accounts/login/" in page.url
    axe(page)

    sign_in(world.a.resource_person)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hej")
    assert page.get_by_text("Budget og Regnskab").first.is_visible()
    axe(page)

    # Keyboard: the skip link is the first stop and jumps to main.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Spring til hovedindhold"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.get_by_role("link", name="Budget og Regnskab").first.click()
    page.get_by_role("heading", name="SLF-overskrifter").wait_for()
    axe(page)

    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("button", name="Skift sprog").click()
    page.get_by_role("heading", name="SLF headings").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    axe(page)

    page.get_by_label("Language").select_option("da")
    page.get_by_role("button", name="Change language").click()
    page.get_by_role("heading", name="SLF-overskrifter").wait_for()

    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/accounts/login/")
    page.goto("/")
    assert "/accounts/login/" in page.url
    assert page.console_errors == []


def test_profile_and_password_reset_pages_are_accessible(page, world, axe, sign_in):
    page.goto("/accounts/password-reset/")
    axe(page)
    page.locator("#id_email").fill(world.a.staff.email)
    page.get_by_role("button", name="Send link").click()
    page.get_by_role("heading", name="Tjek din e-mail").wait_for()
    axe(page)

    sign_in(world.a.staff)
    page.goto("/accounts/profile/")
    axe(page)
    page.get_by_label("Fulde navn").fill("")
    page.get_by_role("button", name="Gem profil").click()
    page.get_by_text("Dette felt er påkrævet.", exact=True).wait_for()
    axe(page)
    page.goto("/offices/")
    axe(page)
    page.goto("/offices/nope/")
    assert page.get_by_role("heading", level=1).inner_text() == "Siden findes ikke"
    axe(page)
