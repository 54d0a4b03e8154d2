"""No text is lost: minutes typed on the meeting page are kept as a draft on the server, come back after a reload,
are kept in the browser while the connection is gone and saved when it returns; leaving with unsaved text warns."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from drafts.models import Draft
from drafts.registry import key_for
from meetings.models import AgendaItem, Meeting
from tests.meetings.test_views import make_series

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret
FIRST = "Vi gennemgik sagsgangen."
MORE = " Mens nettet var væk: vi deler skabeloner."


def _shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", caret="initial")


def _meeting(world):
    series = make_series(world, start_date=timezone.localdate() - timedelta(days=1))
    meeting = Meeting.objects.filter(series=series).order_by("starts_at").first()
    AgendaItem.objects.create(meeting=meeting, position=1, title="Velkomst", duration_minutes=5)
    second = AgendaItem.objects.create(meeting=meeting, position=2, title="Åben praksis", duration_minutes=20)
    return meeting, second


def _open_minutes(page, item):
    page.get_by_role("link", name=f"Skriv referat · {item.title}").click()
    return page.locator(f"#agenda-item-{item.pk} textarea[name=text]")


def test_minutes_survive_a_reload_and_a_lost_connection(page, world, axe, sign_in):
    meeting, second = _meeting(world)
    key = key_for(second, "minutes")
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", on_dialog)
    sign_in(world.a.resource_person)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(meeting.get_absolute_url())
    minutes = _open_minutes(page, second)
    minutes.press_sequentially(FIRST)
    status = page.locator(f'#agenda-item-{second.pk} [data-draft-status="{key}"]')
    status.get_by_text("Kladde gemt").wait_for()
    assert Draft.objects.get(person=world.a.resource_person, key=key).text == FIRST
    assert AgendaItem.objects.get(pk=second.pk).minutes == ""  # a draft is not the minutes

    # Reload: the page warns first (the minutes were not saved), then the draft is there.
    page.reload()
    assert "beforeunload" in dialogs
    page.locator(f"#agenda-item-{second.pk}").get_by_text("Du har en ikke-gemt kladde fra").wait_for()
    minutes = _open_minutes(page, second)
    assert minutes.input_value() == FIRST
    page.locator(f"#agenda-item-{second.pk} .draft-notice").get_by_text("Kassér kladde").wait_for()
    axe(page)
    _shot(page, "drafts-restored-1366")

    # The connection goes: the status says so, the text is kept in the browser; it is saved when it returns.
    page.context.set_offline(True)
    minutes.click()
    page.keyboard.press("End")
    minutes.press_sequentially(MORE)
    status.get_by_text("Ikke gemt – ingen forbindelse, prøver igen").wait_for(timeout=15_000)
    stored = page.evaluate(f"window.localStorage.getItem('slf-draft:{world.a.resource_person.pk}:{key}')")
    assert FIRST + MORE in stored
    _shot(page, "drafts-offline-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    minutes.scroll_into_view_if_needed()
    _shot(page, "drafts-offline-390")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.context.set_offline(False)
    status.get_by_text("Kladde gemt").wait_for(timeout=15_000)
    assert Draft.objects.get(person=world.a.resource_person, key=key).text == FIRST + MORE

    # Saving the minutes ends the draft; leaving then asks nothing.
    page.locator(f"#agenda-item-{second.pk}").get_by_role("button", name="Gem referat").click()
    page.locator(f"#agenda-item-{second.pk} .minutes-text").get_by_text(FIRST + MORE).wait_for()
    assert AgendaItem.objects.get(pk=second.pk).minutes == FIRST + MORE
    assert not Draft.objects.filter(key=key).exists()
    before = len(dialogs)
    page.reload()
    assert len(dialogs) == before
    assert page.locator(".draft-pending").count() == 0
    axe(page)
    # The only errors are the requests refused while the connection was gone.
    assert all("ERR_INTERNET_DISCONNECTED" in e or "Failed to load" in e for e in page.console_errors)


def test_discarding_a_draft_shows_the_saved_minutes_again(page, world, axe, sign_in):
    meeting, second = _meeting(world)
    AgendaItem.objects.filter(pk=second.pk).update(minutes="Det gemte referat.", minutes_version=1)
    key = key_for(second, "minutes")
    Draft.objects.create(person=world.a.resource_person, key=key, text="Et udkast, der skal væk.", base_version=1)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    sign_in(world.a.resource_person)
    page.goto(meeting.get_absolute_url())
    minutes = _open_minutes(page, second)
    assert minutes.input_value() == "Et udkast, der skal væk."
    page.locator(f"#agenda-item-{second.pk}").get_by_role("button", name="Kassér kladde").click()
    page.get_by_text("Kladden er kasseret").wait_for()
    assert dialogs == []  # discarding is leaving on purpose: no warning
    assert not Draft.objects.filter(key=key).exists()
    assert page.url.endswith(meeting.get_absolute_url())
    minutes = _open_minutes(page, second)
    assert minutes.input_value() == "Det gemte referat."
    assert AgendaItem.objects.get(pk=second.pk).minutes == "Det gemte referat."
    axe(page)
