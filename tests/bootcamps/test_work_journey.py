"""The journey map: started with whose journey it is; steps added, edited, moved and removed as plain posts and with
htmx (focus on the moved step, a visible message); shown as an ordered list in a labelled region, the feeling as a
word and a symbol, a break in words."""

import pytest

from bootcamps.models import JourneyMap, JourneyStep
from tests.bootcamps import work_world
from tests.bootcamps.work_world import journey

pytestmark = pytest.mark.django_db
camp = work_world.camp

HTMX = {"HTTP_HX_REQUEST": "true"}
STEP = {
    "newstep-title": "Melder flytning",
    "newstep-touchpoint": "borger.dk",
    "newstep-action": "Udfylder flytteanmeldelsen",
    "newstep-feeling": "neutral",
    "newstep-meets": "Et langt skema",
}


def _positions(j):
    return list(j.steps.order_by("position").values_list("title", flat=True))


def test_member_starts_the_journey_map(camp, login):
    response = login(camp.member).post(camp.url("bootcamps:journey-update"), {"journey-persona": "Ung ledig"})
    assert response.status_code == 302
    assert JourneyMap.objects.get(group=camp.group).persona == "Ung ledig"


def test_adding_a_step_as_a_plain_post_goes_back_to_it(camp, login):
    j = journey(camp.group, steps=1)
    response = login(camp.member).post(camp.url("bootcamps:step-create"), STEP)
    assert response.status_code == 302
    step = j.steps.get(title="Melder flytning")
    assert response["Location"].endswith(f"#step-{step.pk}")
    assert step.position == 2


def test_adding_a_step_with_htmx_answers_the_map_with_focus_on_the_new_step(camp, login):
    journey(camp.group)
    response = login(camp.member).post(camp.url("bootcamps:step-create"), STEP, **HTMX)
    assert response.status_code == 200
    step = JourneyStep.objects.get()
    assert response.text.lstrip().startswith('<section id="journey"')
    assert f'id="step-{step.pk}-title" tabindex="-1" data-focus' in response.text
    assert "Trinnet “Melder flytning” blev føjet til rejsen." in response.text


def test_a_break_needs_a_note(camp, login):
    journey(camp.group)
    client = login(camp.member)
    response = client.post(camp.url("bootcamps:step-create"), {**STEP, "newstep-breaks": "on", "full": "1"})
    assert response.status_code == 400
    assert "Skriv, hvad der går i stykker her." in response.text
    htmx = client.post(camp.url("bootcamps:step-create"), {**STEP, "newstep-breaks": "on"}, **HTMX)
    assert htmx.status_code == 200 and "Skriv, hvad der går i stykker her." in htmx.text
    assert not JourneyStep.objects.exists()


def test_editing_a_step_plain_and_in_place(camp, login):
    j = journey(camp.group, steps=2)
    step = j.steps.get(position=1)
    client = login(camp.member)
    prefix = f"step-{step.pk}-"
    data = {f"{prefix}{k}": v for k, v in {"title": "Ringer", "touchpoint": "Borgerservice", "feeling": "glad"}.items()}
    plain = client.post(camp.url("bootcamps:step-update", step_pk=step.pk), data)
    assert plain.status_code == 302
    step.refresh_from_db()
    assert (step.title, step.feeling) == ("Ringer", "glad")
    form = client.get(camp.url("bootcamps:step-update", step_pk=step.pk), **HTMX)
    assert form.text.lstrip().startswith(f'<li class="journey-step journey-step-form" id="step-{step.pk}"')
    data[f"{prefix}breaks"] = "on"
    data[f"{prefix}break_note"] = "Telefonen lukker kl. 14"
    saved = client.post(camp.url("bootcamps:step-update", step_pk=step.pk), data, **HTMX)
    assert saved.status_code == 200
    assert saved["HX-Retarget"] == "#journey"
    assert "Telefonen lukker kl. 14" in saved.text


def test_moving_a_step_plain_and_with_htmx_keeps_focus_on_it(camp, login):
    j = journey(camp.group, steps=3)
    _first, _second, third = j.steps.order_by("position")
    client = login(camp.member)
    plain = client.post(camp.url("bootcamps:step-move", step_pk=third.pk), {"direction": "up"})
    assert plain.status_code == 302 and plain["Location"].endswith(f"#step-{third.pk}")
    assert _positions(j) == ["Trin 1", "Trin 3", "Trin 2"]
    htmx = client.post(camp.url("bootcamps:step-move", step_pk=third.pk), {"direction": "up"}, **HTMX)
    assert _positions(j) == ["Trin 3", "Trin 1", "Trin 2"]
    assert htmx.status_code == 200
    assert "“Trin 3” er nu trin 1 af 3." in htmx.text
    # At the start there is no "Earlier" button: focus goes to its "Later" button.
    start = htmx.text.index(f'id="step-{third.pk}"')
    controls = htmx.text[start : htmx.text.index("</li>", start)]
    assert "data-focus>Senere" in controls
    assert controls.count("data-focus") == 1


def test_moving_past_the_end_changes_nothing(camp, login):
    j = journey(camp.group, steps=2)
    last = j.steps.get(position=2)
    login(camp.member).post(camp.url("bootcamps:step-move", step_pk=last.pk), {"direction": "down"})
    assert _positions(j) == ["Trin 1", "Trin 2"]


def test_removing_a_step_numbers_the_rest(camp, login):
    j = journey(camp.group, steps=3)
    login(camp.member).post(camp.url("bootcamps:step-delete", step_pk=j.steps.get(position=1).pk))
    assert list(j.steps.order_by("position").values_list("position", "title")) == [(1, "Trin 2"), (2, "Trin 3")]


def test_the_map_is_an_ordered_list_in_a_labelled_region_with_words_for_feelings_and_breaks(camp, login):
    journey(camp.group, steps=3)
    page = login(camp.other_participant).get(camp.url("bootcamps:journey"))
    assert page.status_code == 200
    body = page.text
    assert 'role="region" aria-label="Rejsekort: Borger, der flytter til kommunen"' in body
    assert '<ol class="journey-map">' in body
    assert '<span class="journey-feeling-symbol" aria-hidden="true">😞</span> frustreret' in body
    assert "Rejsen går i stykker her" in body and "Ingen ringer tilbage" in body
    assert "3 trin · 1 brud" in body
    assert "Trin 2: frustreret" in body
    assert "Senere" not in body  # the printable page has no controls


def test_after_removing_a_step_with_htmx_focus_goes_to_the_journeys_heading(camp, login):
    j = journey(camp.group, steps=2)
    response = login(camp.member).post(camp.url("bootcamps:step-delete", step_pk=j.steps.get(position=1).pk), **HTMX)
    assert response.status_code == 200
    assert 'id="journey-heading" class="h4" tabindex="-1" data-focus' in response.text
    assert "Trinnet “Trin 1” er fjernet." in response.text
