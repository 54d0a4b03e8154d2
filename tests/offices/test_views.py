import pytest
from django.urls import reverse

from offices.models import Heading


def detail(world):
    return reverse("offices:office-detail", args=[world.a.office.slug])


def test_office_page_shows_members_by_section_and_headings(login, world):
    body = login(world.a.staff).get(detail(world)).content.decode()
    assert "Budget og Regnskab team" in body
    assert "a Resource" in body and "Ressourceperson" in body
    assert "Åben praksis" in body
    assert "b Staff" not in body


def test_head_of_administration_sees_office_page(login, world):
    assert login(world.head).get(detail(world)).status_code == 200


@pytest.mark.parametrize("who", ["b_staff", "b_chief", "c_chief"])
def test_other_office_gets_404(login, world, who):
    person = {"b_staff": world.b.staff, "b_chief": world.b.chief, "c_chief": world.c.chief}[who]
    assert login(person).get(detail(world)).status_code == 404


def test_other_administration_head_cannot_see_office(login, world):
    from tests.factories import make_head

    head = make_head(world.other_administration)
    assert login(head).get(detail(world)).status_code == 404


def test_office_list_shows_only_visible_offices(login, world):
    body = login(world.head).get(reverse("offices:office-list")).content.decode()
    assert "Budget og Regnskab" in body and "Personale" in body and "Skoleudvikling" not in body


def test_office_page_query_count_does_not_grow_with_members(login, world, django_assert_max_num_queries):
    from tests.factories import make_member

    members = [make_member(world.a.office, section=world.a.section) for _ in range(30)]
    client = login(world.a.staff)
    with django_assert_max_num_queries(9):
        response = client.get(detail(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert all(f"<tr><td>{person.full_name} " in body for person in members)


def test_office_page_refuses_post(login, world):
    assert login(world.a.staff).post(detail(world)).status_code == 405


def headings_url(world):
    return reverse("offices:heading-list", args=[world.a.office.slug])


def test_resource_person_adds_a_heading(login, world):
    client = login(world.a.resource_person)
    response = client.post(headings_url(world), {"new-name": "Sagsgange", "new-position": 4, "new-is_active": "on"})
    assert response.status_code == 302
    assert world.a.office.headings.filter(name="Sagsgange").exists()


def test_duplicate_heading_is_refused_with_message(login, world):
    client = login(world.a.chief)
    response = client.post(headings_url(world), {"new-name": "åben PRAKSIS", "new-position": 4})
    assert response.status_code == 400
    assert "allerede" in response.content.decode()
    assert world.a.office.headings.count() == 3


@pytest.mark.parametrize("who", ["staff", "section_leader"])
def test_staff_and_section_leader_cannot_edit_headings(login, world, who):
    client = login(getattr(world.a, who))
    assert client.get(headings_url(world)).status_code == 403
    assert client.post(headings_url(world), {"new-name": "X", "new-position": 1}).status_code == 403


def test_other_office_cannot_edit_headings(login, world):
    heading = world.a.office.headings.first()
    url = reverse("offices:heading-update", args=[world.a.office.slug, heading.pk])
    client = login(world.b.resource_person)
    assert client.post(url, {"name": "Hacked", "position": 1}).status_code == 404
    assert Heading.objects.get(pk=heading.pk).name != "Hacked"


def test_heading_of_other_office_not_reachable_through_own_office(login, world):
    other = world.b.office.headings.first()
    url = reverse("offices:heading-update", args=[world.a.office.slug, other.pk])
    assert login(world.a.resource_person).get(url).status_code == 404


def test_heading_can_be_retired(login, world):
    heading = world.a.office.headings.first()
    url = reverse("offices:heading-update", args=[world.a.office.slug, heading.pk])
    response = login(world.a.resource_person).post(url, {"name": heading.name, "position": 1})
    assert response.status_code == 302
    heading.refresh_from_db()
    assert not heading.is_active
