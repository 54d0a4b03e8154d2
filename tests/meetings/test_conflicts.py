"""Two people edit the same agenda item or before/after answers: the second save shows both, overwrites nothing."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from tests.conflict_helpers import conflict_view, editor, opened_version

from .test_views import first_meeting, make_series

HX = {"HX-Request": "true"}


@pytest.fixture
def meeting(world):
    meeting = first_meeting(make_series(world))
    AgendaItem.objects.create(meeting=meeting, position=1, title="Åben praksis", duration_minutes=20)
    return meeting


def item_data(item, title, description, version):
    prefix = f"item-{item.pk}"
    return {
        f"{prefix}-title": title,
        f"{prefix}-kind": "dialogue",
        f"{prefix}-duration_minutes": 20,
        f"{prefix}-description": description,
        f"{prefix}-version": version,
    }


@pytest.mark.parametrize("htmx", [False, True], ids=["plain form", "htmx"])
def test_second_editor_of_an_agenda_item_sees_both_texts_and_nothing_is_overwritten(world, meeting, htmx):
    item = meeting.agenda_items.get()
    url = reverse("meetings:agenda-item-update", args=[meeting.pk, item.pk])
    headers = HX if htmx else {}
    first, second = editor(world.a.resource_person), editor(world.a.chief)
    name = f"item-{item.pk}-version"
    seen_first, seen_second = opened_version(first, url, name), opened_version(second, url, name)
    saved = first.post(url, item_data(item, "Åben praksis", "Vi deler en sag hver.", seen_first), headers=headers)
    assert saved.status_code == (200 if htmx else 302)
    clash = second.post(url, item_data(item, "Åben praksis i teams", "Chefens oplæg.", seen_second), headers=headers)
    assert clash.status_code == (200 if htmx else 409)
    view = conflict_view(clash)
    assert view["mine"] == ["Åben praksis i teams", "Chefens oplæg."]
    assert view["theirs"] == ["Åben praksis", "Vi deler en sag hver."]
    assert "a Resource" in view["saved_by"]
    body = clash.content.decode()
    assert "Chefens oplæg.</textarea>" in body and f'name="{name}" value="1"' in body
    if htmx:
        assert "<html" not in body and 'class="list-group-item agenda-item-form"' in body
    item.refresh_from_db()
    assert (item.title, item.description, item.version) == ("Åben praksis", "Vi deler en sag hver.", 1)
    merged = second.post(url, item_data(item, "Åben praksis i teams", "Begge oplæg.", 1), headers=headers)
    assert merged.status_code == (200 if htmx else 302)
    item.refresh_from_db()
    assert (item.title, item.description, item.version) == ("Åben praksis i teams", "Begge oplæg.", 2)


@pytest.mark.parametrize("part", ["before", "after"])
def test_second_editor_of_the_answers_sees_both_and_nothing_is_overwritten(world, meeting, part):
    url = reverse("meetings:answers-update", args=[meeting.pk, part])
    questions = getattr(meeting.series, f"{part}_questions")
    assert len(questions) >= 2
    first, second = editor(world.a.resource_person), editor(world.a.chief)
    seen_first, seen_second = opened_version(first, url), opened_version(second, url)

    def data(answers, version):
        return {**{f"answer_{i}": a for i, a in enumerate(answers)}, "version": version}

    assert first.post(url, data(["Målet er klart.", "Mandatet er givet."], seen_first)).status_code == 302
    clash = second.post(url, data(["Chefens mål.", "Mandatet er givet."], seen_second))
    assert clash.status_code == 409
    view = conflict_view(clash)
    assert view["mine"] == ["Chefens mål."] and view["theirs"] == ["Målet er klart."]  # only what differs
    assert "a Resource" in view["saved_by"]
    assert "Chefens mål.</textarea>" in clash.content.decode()
    meeting.refresh_from_db()
    stored = getattr(meeting, f"{part}_answers")
    assert [a["answer"] for a in stored[:2]] == ["Målet er klart.", "Mandatet er givet."]
    assert getattr(meeting, f"{part}_answers_version") == 1
    assert second.post(url, data(["Begge mål.", "Mandatet er givet."], "1")).status_code == 302
    meeting.refresh_from_db()
    assert getattr(meeting, f"{part}_answers")[0]["answer"] == "Begge mål."


def test_before_and_after_answers_are_separate_texts(world, meeting):
    """Filling in the after part while someone fills in the before part is not a conflict."""
    first, second = editor(world.a.resource_person), editor(world.a.chief)
    before = reverse("meetings:answers-update", args=[meeting.pk, "before"])
    after = reverse("meetings:answers-update", args=[meeting.pk, "after"])
    seen_before, seen_after = opened_version(first, before), opened_version(second, after)
    assert first.post(before, {"answer_0": "Før", "version": seen_before}).status_code == 302
    assert second.post(after, {"answer_0": "Efter", "version": seen_after}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.before_answers[0]["answer"] == "Før" and meeting.after_answers[0]["answer"] == "Efter"
