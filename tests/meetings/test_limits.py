"""Text limits are visible and a text over the limit is refused with a message, never cut: the form keeps the whole
text and nothing is saved. The browser gets no maxlength (which cuts a pasted text silently), only data-max-length
for static/js/limits.js's counter."""

import re

import pytest
from django.urls import reverse

from logbook import circles
from logbook.models import Entry, LearningCircle, PhaseCard
from meetings.models import AgendaItem

from .test_views import first_meeting, make_series

HX = {"HX-Request": "true"}
TOO_LONG = "Teksten er for lang: %(n)s tegn, højst %(limit)s tegn."


def long_text(n):
    """``n`` characters that end in a marker, so a cut text would lose the marker."""
    return ("Referat " * (n // 8 + 1))[: n - 5] + "SLUT!"


@pytest.fixture
def meeting(world):
    meeting = first_meeting(make_series(world))
    AgendaItem.objects.create(meeting=meeting, position=1, title="Åben praksis", duration_minutes=20)
    return meeting


def _minutes(world, meeting, text):
    item = meeting.agenda_items.get()
    url = reverse("meetings:item-minutes-update", args=[meeting.pk, item.pk])
    return url, {"text": text, "version": 0}, lambda: AgendaItem.objects.get(pk=item.pk).minutes


def _agenda_description(world, meeting, text):
    url = reverse("meetings:agenda-item-create", args=[meeting.pk])
    data = {"title": "Nyt punkt", "kind": "dialogue", "duration_minutes": 10, "description": text}
    return url, data, lambda: AgendaItem.objects.filter(title="Nyt punkt").values_list("description", flat=True).first()


def _entry_text(world, meeting, text):
    url = reverse("logbook:entry-create", args=[world.a.office.slug])
    data = {"kind": "activity", "title": "Oplæg", "text": text, "date": meeting.starts_at.date().isoformat()}
    return url, data, lambda: Entry.objects.values_list("text", flat=True).first()


def _circle_card(world, meeting, text):
    circle = circles.start_circle(
        LearningCircle(office=world.a.office, title="Ventetid", challenge="For lang ventetid"),
        world.a.resource_person,
    )
    url = reverse("logbook:circle-card", args=[world.a.office.slug, circle.pk])
    return url, {"text": text, "version": 0}, lambda: PhaseCard.objects.values_list("text", flat=True).first()


FIELDS = {
    "minutes": (_minutes, 20000, "text"),
    "agenda description": (_agenda_description, 4000, "description"),
    "entry text": (_entry_text, 10000, "text"),
    "circle card": (_circle_card, 10000, "text"),
}


#: The entry form is a page of its own (no htmx); the others are also saved in place.
CASES = [(field, False) for field in FIELDS] + [(field, True) for field in FIELDS if field != "entry text"]


@pytest.mark.parametrize(("field", "htmx"), CASES, ids=[f"{f}-{'htmx' if h else 'plain'}" for f, h in CASES])
def test_a_text_one_character_over_the_limit_is_refused_kept_in_the_form_and_not_saved(
    login, world, meeting, field, htmx
):
    make, limit, name = FIELDS[field]
    text = long_text(limit + 1)
    url, data, saved = make(world, meeting, text)
    response = login(world.a.resource_person).post(url, data, headers=HX if htmx else {})
    assert response.status_code == (200 if htmx else 400)
    body = response.content.decode()
    assert TOO_LONG % {"n": limit + 1, "limit": limit} in body  # the message says how long and the limit
    assert f"{text}</textarea>" in body  # the whole text, nothing cut
    assert not saved()  # nothing saved
    textarea = re.search(rf'<textarea[^>]*name="[^"]*{name}"[^>]*>', body).group(0)
    assert "maxlength" not in textarea and f'data-max-length="{limit}"' in textarea
    assert "is-invalid" in textarea


@pytest.mark.parametrize("field", FIELDS)
def test_a_text_of_exactly_the_limit_is_saved_whole(login, world, meeting, field):
    make, limit, _name = FIELDS[field]
    text = long_text(limit)
    url, data, saved = make(world, meeting, text)
    response = login(world.a.resource_person).post(url, data)
    assert response.status_code == 302
    assert saved() == text


def test_the_pages_give_the_browser_no_maxlength_on_long_texts(login, world, meeting):
    item = meeting.agenda_items.get()
    client = login(world.a.resource_person)
    for url in [
        reverse("meetings:item-minutes-update", args=[meeting.pk, item.pk]),
        reverse("meetings:notes-update", args=[meeting.pk]),
        meeting.get_absolute_url(),
        reverse("logbook:entry-create", args=[world.a.office.slug]),
    ]:
        body = client.get(url).content.decode()
        textareas = re.findall(r"<textarea[^>]*>", body)
        assert textareas, url
        for textarea in textareas:
            assert "maxlength" not in textarea and "data-max-length=" in textarea, (url, textarea)
    assert 'src="/static/js/limits.js"' in body and "tegn tilbage" in body  # the counter's words, translated
