import os

import pytest

from notifications.choices import Channel, Kind, chosen, forget

SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_profile_email_choices_by_keyboard_at_both_widths(page, world, axe, sign_in):
    sign_in(world.a.staff)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/accounts/profile/")
        axe(page)
        page.get_by_role("group", name="Referater fra mine møder").scroll_into_view_if_needed()
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/profile-email-choices-{width}.png", caret="initial", full_page=True)
    minutes = page.get_by_role("group", name="Referater fra mine møder")
    minutes.get_by_label("I en daglig oversigt").focus()  # the default is checked
    page.keyboard.press("ArrowRight")  # the next option in the radio group
    assert minutes.get_by_label("I en ugentlig oversigt").is_checked()
    page.get_by_role("button", name="Gem profil").click()
    page.get_by_text("Din profil er gemt.").wait_for()
    forget(world.a.staff)
    assert chosen(world.a.staff)[Kind.MINUTES] == Channel.WEEKLY
    assert page.console_errors == []
