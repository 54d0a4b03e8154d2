"""An agreement's status changed in place: the row that comes back shows the new status, and saving again works.

The row's select once read its options from the page's context, which the in-place answer did not have: the
select came back empty, and the next save posted nothing ("Choose a valid status").
"""

import re
from datetime import timedelta

from django.urls import reverse

from logbook.models import AgreementStatus, Entry, EntryKind
from meetings.models import Meeting
from tests.meetings.test_views import make_series

HTMX = {"HX-Request": "true"}


def selected_status(html: str, entry) -> str | None:
    """The value of the selected option in the agreement's status select, as a browser would post it."""
    select = re.search(rf'<select id="status-{entry.pk}"[^>]*>(.*?)</select>', html, re.S)
    assert select, "the row has no status select"
    options = re.findall(r'<option value="([^"]*)"( selected)?>', select.group(1))
    assert options, "the status select has no options"
    chosen = [value for value, selected in options if selected]
    return chosen[0] if chosen else options[0][0]


def _agreement_at(world, meeting):
    day = meeting.starts_at.date()
    entry = Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind=EntryKind.AGREEMENT,
        title="Fælles skabelon til referat",
        date=day,
        due_date=day + timedelta(days=14),
        status=AgreementStatus.OPEN,
        meeting=meeting,
    )
    entry.responsible.set([world.a.staff])
    return entry


def _change_twice(client, world, entry, page_url):
    url = reverse("logbook:agreement-status", args=[world.a.office.slug, entry.pk])
    first = client.post(url, {"status": "kept", "next": page_url}, headers=HTMX)
    assert first.status_code == 200
    html = first.content.decode()
    assert '<option value="kept" selected>' in html
    assert selected_status(html, entry) == AgreementStatus.KEPT
    assert "Choose a valid status" not in html and "Vælg en gyldig status" not in html
    assert f'name="next" value="{page_url}"' in html  # the row still returns to the page it is on
    assert "er nu" in html  # the change is said in visible text in the row, not only in the live region
    entry.refresh_from_db()
    assert entry.status == AgreementStatus.KEPT

    # A second save posts what the select now shows (as the browser would) and works.
    second = client.post(url, {"status": "adjusted", "next": page_url}, headers=HTMX)
    assert second.status_code == 200
    assert selected_status(second.content.decode(), entry) == AgreementStatus.ADJUSTED
    entry.refresh_from_db()
    assert entry.status == AgreementStatus.ADJUSTED
    again = client.post(
        url, {"status": selected_status(second.content.decode(), entry), "next": page_url}, headers=HTMX
    )
    assert "Vælg en gyldig status" not in again.content.decode()
    entry.refresh_from_db()
    assert entry.status == AgreementStatus.ADJUSTED


def test_status_select_shows_the_new_status_after_an_in_place_change_in_the_logbook_list(login, world):
    series = make_series(world)
    meeting = Meeting.objects.filter(series=series).order_by("starts_at").first()
    entry = _agreement_at(world, meeting)
    client = login(world.a.resource_person)
    list_url = reverse("logbook:entry-list", args=[world.a.office.slug])
    page = client.get(list_url).content.decode()
    assert selected_status(page, entry) == AgreementStatus.OPEN
    _change_twice(client, world, entry, list_url)


def test_status_select_shows_the_new_status_after_an_in_place_change_in_the_meetings_follow_up(login, world):
    series = make_series(world)
    first, second = list(Meeting.objects.filter(series=series).order_by("starts_at")[:2])
    entry = _agreement_at(world, first)
    client = login(world.a.resource_person)
    page = client.get(second.get_absolute_url()).content.decode()
    followup = page[page.index('id="followup"') :]
    assert f'id="entry-{entry.pk}"' in followup
    assert selected_status(followup, entry) == AgreementStatus.OPEN
    _change_twice(client, world, entry, second.get_absolute_url())
