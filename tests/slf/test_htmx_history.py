"""htmx answers that survive the Back button (slf/htmx.py), and one status for invalid htmx forms (slf/http.py).

With ``historyCacheSize: 0`` every Back or Forward over an htmx-pushed URL is a history restore: htmx
asks the server again with ``HX-Request`` and ``HX-History-Restore-Request`` and puts the answer into
``<body>``. A fragment there is a bare page without header, menu or heading.
"""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from logbook import circles
from logbook.models import LearningCircle
from meetings.models import AgendaItem, Meeting
from slf.http import invalid_form_status
from tests.meetings.test_views import first_meeting, make_series
from visits.models import AvailabilityWindow

HX = {"HX-Request": "true"}
RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


def is_full_page(body: str) -> bool:
    return "<main" in body and 'class="site-header' in body and "<h1" in body


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


@pytest.fixture
def meeting(world):
    meeting = first_meeting(make_series(world, participant_roles=["resource_person", "staff"]))
    AgendaItem.objects.create(meeting=meeting, position=1, title="Åben praksis", duration_minutes=20)
    return meeting


def _held(meeting):
    start = timezone.now() - timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + timedelta(hours=1))


def _circle(world):
    circle = LearningCircle(office=world.a.office, title="Sagsbehandlingstid", challenge="Det tager for lang tid")
    return circles.start_circle(circle, world.a.resource_person)


def _booking_week(world, meeting):
    host = world.a.section_leader
    for weekday in range(7):
        AvailabilityWindow.objects.create(person=host, weekday=weekday, start=time(8), end=time(16))
    week = timezone.localdate() + timedelta(days=14)
    return world.a.staff, reverse("visits:book", args=[host.pk]) + f"?week={week:%Y-%m-%d}", {}


def _entry_list(world, meeting):
    # The filter form targets #results; htmx sends no HX-Target on a restore, but a page must not depend on it.
    url = reverse("logbook:entry-list", args=[world.a.office.slug]) + "?q=budget"
    return world.a.staff, url, {"HX-Target": "results"}


def _agenda_item_edit(world, meeting):
    item = meeting.agenda_items.get()
    return world.a.resource_person, reverse("meetings:agenda-item-update", args=[meeting.pk, item.pk]), {}


def _minutes_edit(world, meeting):
    _held(meeting)
    item = meeting.agenda_items.get()
    return world.a.resource_person, reverse("meetings:item-minutes-update", args=[meeting.pk, item.pk]), {}


# Every GET that answers htmx with a fragment and the browser with a page.
TWO_WAY_PAGES = {
    "booking week": _booking_week,
    "logbook filter": _entry_list,
    "agenda item edit": _agenda_item_edit,
    "minutes edit": _minutes_edit,
}


@pytest.mark.parametrize("name", TWO_WAY_PAGES)
def test_history_restore_request_gets_the_full_page_not_the_fragment(login, world, meeting, name):
    user, url, extra = TWO_WAY_PAGES[name](world, meeting)
    client = login(user)
    fragment = client.get(url, headers={**HX, **extra})
    assert fragment.status_code == 200 and not is_full_page(fragment.content.decode())  # the case is real
    restored = client.get(url, headers={**RESTORE, **extra})
    assert restored.status_code == 200
    assert is_full_page(restored.content.decode()), f"{name}: a history restore got a bare fragment"


@pytest.mark.parametrize("name", TWO_WAY_PAGES)
def test_a_url_that_answers_both_ways_says_vary_hx_request(login, world, meeting, name):
    user, url, extra = TWO_WAY_PAGES[name](world, meeting)
    client = login(user)
    page = client.get(url)
    fragment = client.get(url, headers={**HX, **extra})
    restored = client.get(url, headers={**RESTORE, **extra})
    assert page.status_code == fragment.status_code == restored.status_code == 200
    assert "hx-request" in vary(page)
    # The fragment's cache entry must not answer a restore either.
    assert {"hx-request", "hx-history-restore-request"} <= vary(fragment)
    assert {"hx-request", "hx-history-restore-request"} <= vary(restored)
    assert "cookie" in vary(page)  # added to Django's own Vary, not replacing it


def test_a_response_that_never_looks_at_htmx_does_not_vary_on_it(client, db):
    response = client.get(reverse("healthz"), headers=HX)
    assert response.status_code in (200, 503)
    assert not {h for h in vary(response) if h.startswith("hx-")}


# One status for invalid forms: 200 for htmx (htmx 2 swaps only 2xx by default), 400 for a plain post.


def _agenda_create(world, meeting):
    url = reverse("meetings:agenda-item-create", args=[meeting.pk])
    return world.a.resource_person, url, {"title": "", "kind": "talk", "duration_minutes": 0}


def _agenda_update(world, meeting):
    item = meeting.agenda_items.get()
    url = reverse("meetings:agenda-item-update", args=[meeting.pk, item.pk])
    return world.a.resource_person, url, {f"item-{item.pk}-title": "", f"item-{item.pk}-duration_minutes": "x"}


def _comment(world, meeting):
    item = meeting.agenda_items.get()
    url = reverse("meetings:comment-create", args=[meeting.pk, item.pk])
    return world.a.staff, url, {f"comment-{item.pk}-text": ""}


def _minutes(world, meeting):
    _held(meeting)
    item = meeting.agenda_items.get()
    url = reverse("meetings:item-minutes-update", args=[meeting.pk, item.pk])
    return world.a.resource_person, url, {"text": "x" * 20001, "version": 0}


def _circle_card(world, meeting):
    circle = _circle(world)
    url = reverse("logbook:circle-card", args=[world.a.office.slug, circle.pk])
    return world.a.resource_person, url, {"text": "x" * 10001, "version": 0}


def _visit_book(world, meeting):
    host = world.a.section_leader
    for weekday in range(7):
        AvailabilityWindow.objects.create(person=host, weekday=weekday, start=time(8), end=time(16))
    return world.a.staff, reverse("visits:book", args=[host.pk]), {"slot": "", "topic": ""}


INVALID_FORMS = {
    "meetings: agenda item": _agenda_create,
    "meetings: agenda item edit": _agenda_update,
    "meetings: comment": _comment,
    "meetings: minutes": _minutes,
    "logbook: circle card": _circle_card,
    "visits: booking": _visit_book,
}


@pytest.mark.parametrize("name", INVALID_FORMS)
def test_invalid_htmx_form_is_200_with_the_errors_and_a_plain_post_is_400(login, world, meeting, name):
    user, url, data = INVALID_FORMS[name](world, meeting)
    client = login(user)
    plain = client.post(url, data)
    htmx = client.post(url, data, headers=HX)
    assert (plain.status_code, htmx.status_code) == (400, 200), name
    for response in (plain, htmx):
        body = response.content.decode()
        assert "invalid-feedback" in body or "alert-danger" in body, f"{name}: the error is not shown"


def test_invalid_form_status_is_200_for_htmx_and_the_plain_status_otherwise(rf):
    from slf.htmx import PageAwareHtmxDetails

    plain, htmx, restore = rf.post("/"), rf.post("/", headers=HX), rf.get("/", headers=RESTORE)
    for request in (plain, htmx, restore):
        request.htmx = PageAwareHtmxDetails(request)
    assert invalid_form_status(htmx) == 200 and invalid_form_status(htmx, plain=409) == 200
    assert invalid_form_status(plain) == 400 and invalid_form_status(plain, plain=409) == 409
    assert not restore.htmx and restore.htmx.history_restore_request
