"""Who sees a programme and its initiatives, and who may change them (programmes/access.py and
Initiative.may_edit): leads edit everything, an initiative's owner and its group's members edit it, other
participants read, everybody else finds nothing."""

import pytest
from django.urls import reverse

from offices.models import Role
from programmes import registry
from programmes.models import Initiative
from tests import factories


@pytest.fixture
def plain_kinds(monkeypatch):
    """No practice app's page: the programme page is the plain one."""
    monkeypatch.setattr(registry, "_kinds", {})


def _detail(pw):
    return reverse("programmes:initiative-detail", args=[pw.programme.slug, pw.initiative.pk])


def _edit(pw):
    return reverse("programmes:initiative-edit", args=[pw.programme.slug, pw.initiative.pk])


@pytest.mark.parametrize("who", ["lead", "head", "named_lead", "owner", "group_member"])
def test_leads_owner_and_group_members_may_edit_the_initiative(pw, world, login, who):
    person = {
        "lead": world.a.section_leader,
        "head": world.head,
        "named_lead": world.c.chief,
        "owner": pw.member,
        "group_member": pw.grouped,
    }[who]
    client = login(person)
    assert client.get(_edit(pw)).status_code == 200
    page = client.get(_detail(pw))
    assert page.status_code == 200
    assert reverse("programmes:initiative-step-add", args=[pw.programme.slug, pw.initiative.pk]) in page.text


def test_other_participants_read_the_initiative_but_may_not_edit_it(pw, login):
    client = login(pw.reader)
    page = client.get(_detail(pw))
    assert page.status_code == 200
    assert "Færre blanketter" in page.text
    assert reverse("programmes:initiative-step-add", args=[pw.programme.slug, pw.initiative.pk]) not in page.text
    assert client.get(_edit(pw)).status_code == 403
    url = reverse("programmes:initiative-step-add", args=[pw.programme.slug, pw.initiative.pk])
    assert client.post(url, {"title": "x"}).status_code == 403


@pytest.mark.parametrize("who", ["outsider", "neighbour_staff", "owner_office_staff"])
def test_people_outside_the_programme_find_nothing(pw, world, login, who):
    if who == "owner_office_staff":  # a member of the owner office who neither leads nor takes part
        person = factories.make_member(world.a.office, Role.STAFF, world.a.section, full_name="Not Taking Part")
    else:
        person = {"outsider": world.c.resource_person, "neighbour_staff": world.b.section_leader}[who]
    client = login(person)
    assert client.get(reverse("programmes:programme-detail", args=[pw.programme.slug])).status_code == 404
    assert client.get(_detail(pw)).status_code == 404
    assert client.get(reverse("programmes:initiative-list", args=[pw.programme.slug])).status_code == 404
    assert "Ledelse sammen" not in client.get(reverse("programmes:index")).text


def test_another_programmes_initiative_is_not_found_under_this_programme(pw, world, login):
    foreign = Initiative.objects.create(
        programme=pw.other,
        office=world.b.office,
        title="Fremmed",
        goal="…",
        owner=world.b.resource_person,
        created_by=world.b.resource_person,
    )
    client = login(world.head)  # leads both programmes
    assert client.get(reverse("programmes:initiative-detail", args=[pw.other.slug, foreign.pk])).status_code == 200
    assert client.get(reverse("programmes:initiative-detail", args=[pw.programme.slug, foreign.pk])).status_code == 404
    assert client.get(reverse("programmes:initiative-edit", args=[pw.programme.slug, foreign.pk])).status_code == 404


def test_participants_pages_are_for_leads_only(pw, login, world):
    for name in ("programmes:participants", "programmes:themes", "programmes:leads"):
        url = reverse(name, args=[pw.programme.slug])
        assert login(pw.member).get(url).status_code == 403
        assert login(world.a.chief).get(url).status_code == 200


def test_open_programme_is_seen_by_everybody_with_a_place_but_a_closed_one_only_by_its_people(pw, world, login):
    client = login(world.b.section_leader)
    url = reverse("programmes:initiative-list", args=[pw.programme.slug])
    assert client.get(url).status_code == 404
    pw.programme.is_open = True
    pw.programme.save()
    assert client.get(url).status_code == 200
    assert client.get(_edit(pw)).status_code == 403


def test_programme_page_redirects_to_the_kinds_page_when_registered(pw, world, login, monkeypatch):
    monkeypatch.setattr(registry, "_kinds", {"bootcamp": registry.KindHooks(url_name="programmes:themes")})
    response = login(world.a.chief).get(reverse("programmes:programme-detail", args=[pw.programme.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:themes", args=[pw.programme.slug])


def test_programme_page_is_plain_without_a_registered_kind(pw, world, login, plain_kinds):
    response = login(pw.reader).get(reverse("programmes:programme-detail", args=[pw.programme.slug]))
    assert response.status_code == 200
    assert "Færre blanketter" in response.text
    assert "Velfærd" in response.text


def test_index_lists_led_taken_part_and_open_programmes(pw, world, login):
    pw.other.is_open = True
    pw.other.save()
    page = login(pw.reader).get(reverse("programmes:index"))
    assert page.status_code == 200
    taking_part = page.text.index('id="taking-part-heading"')
    open_ = page.text.index('id="open-heading"')
    assert taking_part < page.text.index("Ledelse sammen") < open_ < page.text.index("Another programme")
