"""Agreements and decisions added at an agenda item while its minutes are being written: nothing typed is lost."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from logbook.models import AgreementStatus, Entry, EntryKind
from meetings.models import AgendaItem

from .test_views import first_meeting, make_series

HX = {"HX-Request": "true"}


@pytest.fixture
def meeting(world):
    meeting = first_meeting(make_series(world))
    AgendaItem.objects.create(meeting=meeting, position=1, title="Velkomst", duration_minutes=10)
    AgendaItem.objects.create(
        meeting=meeting, position=2, title="Åben praksis", duration_minutes=20, minutes="Vi talte om", minutes_version=1
    )
    return meeting


def items(meeting):
    return list(meeting.agenda_items.order_by("position"))


def agreement_url(meeting, item):
    return reverse("meetings:item-agreement-create", args=[meeting.pk, item.pk])


def minutes_url(meeting, item):
    return reverse("meetings:item-minutes-update", args=[meeting.pk, item.pk])


def agreement_data(meeting, item, world, title="Skabelon til sagsgennemgang", **extra):
    prefix = f"item-{item.pk}"
    data = {
        f"{prefix}-kind": "agreement",
        f"{prefix}-title": title,
        f"{prefix}-responsible": [world.a.staff.pk],
        f"{prefix}-due_date": (meeting.starts_at + timedelta(days=30)).date().isoformat(),
    }
    data.update({f"{prefix}-{key}": value for key, value in extra.items()})
    return data


def form_around(html, marker):
    """The <form> element that contains ``marker``."""
    at = html.index(marker)
    start = html.rindex("<form", 0, at)
    end = html.index("</form>", at)
    assert html.rfind("</form>", start, at) == -1, "the marker is not inside that form"
    return html[start:end]


def test_agreement_added_on_item_two_with_htmx_leaves_the_minutes_untouched_and_is_linked_to_meeting_and_item(
    login, world, meeting
):
    _first, second = items(meeting)
    client = login(world.a.resource_person)
    data = agreement_data(meeting, second, world)
    # Even if the minutes travelled with it, an htmx post never saves or sends back the minutes.
    data.update({"text": "Halvskrevet referat", "version": 1})
    response = client.post(agreement_url(meeting, second), data, headers=HX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and body.lstrip().startswith(f'<div id="agreements-item-{second.pk}"')
    assert "<textarea" not in body and 'name="text"' not in body  # the minutes are never swapped
    assert "Aftale tilføjet: “Skabelon til sagsgennemgang”, ansvarlig a Staff" in body  # visible message
    assert "Aftale tilføjet" in json.loads(response["HX-Trigger"])["announce"]["message"]
    assert re.search(rf'<input[^>]*name="item-{second.pk}-title"[^>]*data-focus', body)  # ready for the next
    entry = Entry.objects.get()
    assert (entry.meeting, entry.agenda_item, entry.office) == (meeting, second, world.a.office)
    assert entry.kind == EntryKind.AGREEMENT and entry.status == AgreementStatus.OPEN
    assert list(entry.responsible.all()) == [world.a.staff]
    second.refresh_from_db()
    assert (second.minutes, second.minutes_version) == ("Vi talte om", 1)

    page = client.get(meeting.get_absolute_url()).content.decode()
    under_second = page[page.index(f'id="agenda-item-{second.pk}"') :]
    under_first = page[page.index(f'id="agenda-item-{_first.pk}"') : page.index(f'id="agenda-item-{second.pk}"')]
    assert "Skabelon til sagsgennemgang" in under_second and "Skabelon til sagsgennemgang" not in under_first


def test_two_agreements_in_a_row_each_appear_under_the_item(login, world, meeting):
    _first, second = items(meeting)
    client = login(world.a.resource_person)
    client.post(agreement_url(meeting, second), agreement_data(meeting, second, world, title="Første"), headers=HX)
    response = client.post(
        agreement_url(meeting, second), agreement_data(meeting, second, world, title="Anden"), headers=HX
    )
    body = response.content.decode()
    assert body.index(">Første<") < body.index(">Anden<")
    assert Entry.objects.filter(agenda_item=second).count() == 2


def test_a_decision_needs_no_responsible_person_or_due_date(login, world, meeting):
    _first, second = items(meeting)
    prefix = f"item-{second.pk}"
    response = login(world.a.resource_person).post(
        agreement_url(meeting, second),
        {f"{prefix}-kind": "decision", f"{prefix}-title": "Vi holder fast i fredagsmøderne"},
        headers=HX,
    )
    assert response.status_code == 200
    assert "Beslutning tilføjet" in response.content.decode()
    entry = Entry.objects.get()
    assert entry.kind == EntryKind.DECISION and entry.due_date is None and entry.status == ""
    assert entry.agenda_item == second and entry.meeting == meeting


def test_a_refused_agreement_shows_its_errors_in_place_and_keeps_what_was_typed(login, world, meeting):
    _first, second = items(meeting)
    prefix = f"item-{second.pk}"
    data = agreement_data(meeting, second, world, title="Uden dato", due_date="")
    data[f"{prefix}-responsible"] = [world.b.staff.pk]  # another office's person is no choice
    response = login(world.a.resource_person).post(agreement_url(meeting, second), data, headers=HX)
    assert response.status_code == 200  # htmx swaps only 2xx
    body = response.content.decode()
    assert body.count("is-invalid") >= 2 and "En aftale skal have en forfaldsdato." in body
    assert 'value="Uden dato"' in body and "<details" in body and " open>" in body
    assert not Entry.objects.exists()


def test_minutes_page_holds_the_agreement_fields_in_the_same_form_as_the_minutes(login, world, meeting):
    _first, second = items(meeting)
    body = login(world.a.resource_person).get(minutes_url(meeting, second)).content.decode()
    form = form_around(body, '<textarea name="text"')
    assert f'name="item-{second.pk}-title"' in form
    assert f'formaction="{agreement_url(meeting, second)}#agreements-item-{second.pk}"' in form
    assert 'hx-params="not text,version"' in form  # with htmx the agreement goes alone
    assert "maxlength" not in form and 'data-max-length="20000"' in form


def test_plain_post_from_the_minutes_page_saves_the_unsaved_minutes_then_adds_the_agreement(login, world, meeting):
    _first, second = items(meeting)
    client = login(world.a.resource_person)
    data = agreement_data(meeting, second, world)
    data.update(
        {"text": "Vi talte om åben praksis og aftalte en skabelon.", "version": 1, "place": "minutes"},
        next=minutes_url(meeting, second),
    )
    response = client.post(agreement_url(meeting, second), data)
    assert response.status_code == 302
    assert response["Location"] == f"{minutes_url(meeting, second)}#agreements-item-{second.pk}"
    second.refresh_from_db()
    assert second.minutes == "Vi talte om åben praksis og aftalte en skabelon." and second.minutes_version == 2
    assert Entry.objects.get().agenda_item == second
    page = client.get(response["Location"]).content.decode()
    assert "Vi talte om åben praksis og aftalte en skabelon.</textarea>" in page
    assert "Referatet er gemt. Aftale tilføjet" in page
    assert 'name="version" value="2"' in page  # writing on continues without a false conflict


def test_plain_post_with_minutes_someone_else_saved_meanwhile_shows_both_and_adds_nothing(login, world, meeting):
    _first, second = items(meeting)
    AgendaItem.objects.filter(pk=second.pk).update(minutes="Kollegaens tekst", minutes_version=2)
    data = agreement_data(meeting, second, world, title="Skal ikke tabes")
    data.update({"text": "Min tekst", "version": 1, "place": "minutes"})
    response = login(world.a.resource_person).post(agreement_url(meeting, second), data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Kollegaens tekst" in body and "Min tekst</textarea>" in body  # both texts
    assert 'value="Skal ikke tabes"' in body  # the agreement typed is still there
    second.refresh_from_db()
    assert second.minutes == "Kollegaens tekst" and not Entry.objects.exists()


def test_plain_post_with_a_refused_agreement_keeps_the_minutes_saved_and_the_agreement_typed(login, world, meeting):
    _first, second = items(meeting)
    data = agreement_data(meeting, second, world, title="Mangler frist", due_date="")
    data.update({"text": "Referat der ikke må gå tabt", "version": 1, "place": "minutes"})
    response = login(world.a.resource_person).post(agreement_url(meeting, second), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Referat der ikke må gå tabt</textarea>" in body and 'value="Mangler frist"' in body
    assert "En aftale skal have en forfaldsdato." in body
    second.refresh_from_db()
    assert second.minutes == "Referat der ikke må gå tabt" and not Entry.objects.exists()


def test_plain_post_from_the_meeting_page_with_errors_renders_the_page_anchored_at_the_item(login, world, meeting):
    _first, second = items(meeting)
    page = login(world.a.resource_person).get(meeting.get_absolute_url()).content.decode()
    assert f'action="{agreement_url(meeting, second)}#agreements-item-{second.pk}"' in page  # opens at the error
    response = login(world.a.resource_person).post(
        agreement_url(meeting, second), agreement_data(meeting, second, world, title="")
    )
    assert response.status_code == 400
    body = response.content.decode()
    block = body[body.index(f'id="agreements-item-{second.pk}"') :]
    assert "is-invalid" in block[: block.index("</form>")]
    assert not Entry.objects.exists()


def test_only_leaders_of_the_office_add_agreements_at_an_item(login, world, meeting):
    _first, second = items(meeting)
    url = agreement_url(meeting, second)
    assert login(world.a.staff).post(url, agreement_data(meeting, second, world)).status_code == 403
    assert login(world.b.resource_person).post(url, agreement_data(meeting, second, world)).status_code == 404
    assert login(world.a.resource_person).get(url).status_code == 405
    other = first_meeting(make_series(world, title="Andet møde"))
    foreign_item = AgendaItem.objects.create(meeting=other, position=1, title="Andet", duration_minutes=5)
    wrong = reverse("meetings:item-agreement-create", args=[meeting.pk, foreign_item.pk])
    assert login(world.a.resource_person).post(wrong, agreement_data(meeting, second, world)).status_code == 404
    assert not Entry.objects.exists()
    staff_page = login(world.a.staff).get(meeting.get_absolute_url()).content.decode()
    assert f'name="item-{second.pk}-title"' not in staff_page


def test_meeting_page_with_agreements_on_many_items_keeps_a_fixed_query_count(
    login, world, meeting, django_assert_max_num_queries
):
    for position in range(3, 13):
        AgendaItem.objects.create(meeting=meeting, position=position, title=f"Punkt {position}", duration_minutes=5)
    for item in meeting.agenda_items.all():
        for n in range(2):
            entry = Entry.objects.create(
                office=world.a.office,
                author=world.a.resource_person,
                kind=EntryKind.AGREEMENT,
                title=f"Aftale {item.position}.{n}",
                date=meeting.starts_at.date(),
                due_date=meeting.starts_at.date() + timedelta(days=10),
                status=AgreementStatus.OPEN,
                meeting=meeting,
                agenda_item=item,
            )
            entry.responsible.set([world.a.staff])
    client = login(world.a.resource_person)
    with django_assert_max_num_queries(12):
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('id="item-entry-') == 24 and "Aftale 12.1<" in body
    assert body.count('name="item-') >= 12  # a form on every item
