"""Two agreements added on agenda item 2 while its minutes are being written: the minutes are still there.

With JavaScript the minutes stay unsaved in their textarea (never swapped); without it the agreement fields sit in
the minutes' form, so "Add" saves the minutes first and the page comes back with them.
"""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from logbook.models import Entry, EntryKind
from meetings.models import AgendaItem, Meeting
from tests.meetings.test_views import make_series

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret
MINUTES = "Vi gennemgik sagsgangen og talte om, hvordan vi deler skabeloner."


def _meeting(world):
    series = make_series(world, start_date=timezone.localdate() - timedelta(days=1))
    meeting = Meeting.objects.filter(series=series).order_by("starts_at").first()
    AgendaItem.objects.create(meeting=meeting, position=1, title="Velkomst", duration_minutes=5)
    second = AgendaItem.objects.create(meeting=meeting, position=2, title="Åben praksis", duration_minutes=20)
    return meeting, second


def _shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", caret="initial")  # "hide" injects a style the CSP refuses


def _add(page, item, title, due, person):
    block = page.locator(f"#agreements-item-{item.pk}")
    page.locator(f"#id_item-{item.pk}-title").fill(title)
    page.locator(f"#id_item-{item.pk}-due_date").fill(due)
    block.get_by_label(person.full_name).check()
    block.get_by_role("button", name=f"Tilføj · {item.title}").click()


def test_two_agreements_on_an_item_while_its_minutes_are_unsaved(page, world, axe, sign_in):
    meeting, second = _meeting(world)
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    sign_in(world.a.resource_person)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(meeting.get_absolute_url())
    page.get_by_role("button", name=f"Skriv referat · {second.title}").or_(
        page.get_by_role("link", name=f"Skriv referat · {second.title}")
    ).click()
    minutes = page.locator(f"#agenda-item-{second.pk} textarea[name=text]")
    minutes.fill(MINUTES)  # not saved

    page.locator(f"#agreements-item-{second.pk} summary").click()
    axe(page)
    _add(page, second, "Skabelon til sagsgennemgang", due, world.a.staff)
    block = page.locator(f"#agreements-item-{second.pk}")
    block.get_by_text("Aftale tilføjet: “Skabelon til sagsgennemgang”").wait_for()
    page.wait_for_function("() => document.getElementById('live-region').textContent.includes('Aftale tilføjet')")
    # Ready for the next one (the focus moves once the swap settles: wait for it, never read it once).
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id", arg=f"id_item-{second.pk}-title"
    )
    _shot(page, "item-agreements-1366")

    _add(page, second, "Fælles mappe til skabeloner", due, world.a.chief)
    block.get_by_text("Aftale tilføjet: “Fælles mappe til skabeloner”").wait_for()
    block.get_by_role("link", name="Skabelon til sagsgennemgang").wait_for()
    assert minutes.input_value() == MINUTES  # the unsaved minutes are untouched
    assert AgendaItem.objects.get(pk=second.pk).minutes == ""  # and were never sent anywhere
    made = Entry.objects.filter(meeting=meeting, agenda_item=second, kind=EntryKind.AGREEMENT)
    assert sorted(made.values_list("title", flat=True)) == [
        "Fælles mappe til skabeloner",
        "Skabelon til sagsgennemgang",
    ]
    axe(page)

    # A refused one: the error is next to the field, focused and announced; still nothing lost.
    page.locator(f"#id_item-{second.pk}-title").fill("Uden frist")
    block.get_by_role("button", name=f"Tilføj · {second.title}").click()
    page.locator(f"#id_item-{second.pk}-due_date.is-invalid").wait_for()
    due_field = f"id_item-{second.pk}-due_date"
    page.wait_for_function(f"() => document.activeElement && document.activeElement.id === '{due_field}'")
    assert page.locator(f"#id_item-{second.pk}-due_date").get_attribute("aria-invalid") == "true"
    assert minutes.input_value() == MINUTES
    axe(page)

    page.locator(f"#agenda-item-{second.pk}").get_by_role("button", name="Gem referat").click()
    page.locator(f"#agenda-item-{second.pk} .minutes-text").get_by_text(MINUTES).wait_for()
    assert AgendaItem.objects.get(pk=second.pk).minutes == MINUTES

    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(f"#agreements-item-{second.pk}").scroll_into_view_if_needed()
    _shot(page, "item-agreements-390")
    axe(page)
    assert page.console_errors == []


def test_two_agreements_on_an_item_without_javascript_keep_the_minutes(no_js_page, world, sign_in):
    meeting, second = _meeting(world)
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    page = sign_in(world.a.resource_person, target=no_js_page)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name=f"Skriv referat · {second.title}").click()
    minutes = page.locator("textarea[name=text]")
    minutes.fill(MINUTES)  # typed, not saved: "Add" must not lose it
    _add(page, second, "Skabelon til sagsgennemgang", due, world.a.staff)
    page.get_by_text("Referatet er gemt. Aftale tilføjet: “Skabelon til sagsgennemgang”").wait_for()
    assert page.locator("textarea[name=text]").input_value() == MINUTES
    page.locator("textarea[name=text]").fill(MINUTES + " Vi aftalte en mappe.")
    _add(page, second, "Fælles mappe til skabeloner", due, world.a.chief)
    page.get_by_text("Aftale tilføjet: “Fælles mappe til skabeloner”").wait_for()
    assert page.locator("textarea[name=text]").input_value() == MINUTES + " Vi aftalte en mappe."
    assert AgendaItem.objects.get(pk=second.pk).minutes == MINUTES + " Vi aftalte en mappe."
    assert Entry.objects.filter(meeting=meeting, agenda_item=second).count() == 2
    page.set_viewport_size({"width": 1366, "height": 768})
    _shot(page, "item-agreements-nojs-1366")


def test_the_limit_counter_shows_near_the_limit_and_a_pasted_text_is_never_cut(page, world, axe, sign_in):
    meeting, second = _meeting(world)
    sign_in(world.a.resource_person)
    page.goto(f"/meetings/{meeting.pk}/agenda/{second.pk}/minutes/")
    title = page.locator(f"#id_item-{second.pk}-title")
    counter = page.locator(f"#id_item-{second.pk}-title-limit")
    title.fill("Kort aftale")
    assert counter.is_hidden()  # far from the limit: no counter
    title.fill("x" * 190)
    counter.get_by_text("10 tegn tilbage").wait_for()
    title.fill("y" * 203)  # as a paste: the browser keeps all of it
    counter.get_by_text("3 tegn for meget").wait_for()
    assert len(title.input_value()) == 203
    assert title.get_attribute("maxlength") is None
    assert f"id_item-{second.pk}-title-limit" in title.get_attribute("aria-describedby")
    axe(page)
    page.get_by_role("button", name=f"Tilføj · {second.title}").click()  # refused by the server, text kept
    # The field's own error, not the live region that repeats it for screen readers a moment later.
    page.locator(".invalid-feedback").get_by_text("Teksten er for lang: 203 tegn, højst 200 tegn.").wait_for()
    assert len(page.locator(f"#id_item-{second.pk}-title").input_value()) == 203
    page.wait_for_function(f"() => document.activeElement.id === 'id_item-{second.pk}-title'")
    assert not Entry.objects.exists()
    assert page.console_errors == []
