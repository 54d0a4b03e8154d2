import pytest
from django.urls import reverse

from offices.models import Unit, UnitContact


def _units(world):
    return reverse("taskforce:units", args=[world.a.office.slug])


def _unit(world, unit):
    return reverse("taskforce:unit-detail", args=[world.a.office.slug, unit.pk])


@pytest.mark.parametrize("who", ["staff", "resource_person", "section_leader", "chief"])
def test_every_member_reads_the_units_and_a_units_page(login, world, tf, who):
    client = login(getattr(world.a, who))
    response = client.get(_units(world))
    assert response.status_code == 200
    assert "Skovvangskolen" in response.text and "Birthe Lindholm" in response.text
    response = client.get(_unit(world, tf.school))
    assert response.status_code == 200
    assert "Birthe Lindholm" in response.text
    assert "Fælles skabelon til budgetopfølgning" in response.text  # the initiative aimed at it


def test_staff_cannot_add_or_edit_units_or_contacts(login, world, tf):
    client = login(world.a.staff)
    slug = world.a.office.slug
    for url in (
        reverse("taskforce:unit-create", args=[slug]),
        reverse("taskforce:unit-update", args=[slug, tf.school.pk]),
        reverse("taskforce:contact-create", args=[slug, tf.school.pk]),
        reverse("taskforce:contact-update", args=[slug, tf.school.pk, tf.leader.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"name": "X", "kind": "school"}).status_code == 403
    assert not Unit.objects.filter(name="X").exists()


def test_an_outsider_does_not_see_the_units(login, world, tf):
    client = login(world.c.resource_person)
    assert client.get(_units(world)).status_code == 404
    assert client.get(_unit(world, tf.school)).status_code == 404


def test_another_offices_unit_under_this_offices_address_is_not_found(login, world, tf):
    client = login(world.head)  # reaches both offices
    slug = world.a.office.slug
    assert client.get(reverse("taskforce:unit-detail", args=[slug, tf.other_unit.pk])).status_code == 404
    client = login(world.a.chief)
    assert client.get(reverse("taskforce:unit-update", args=[slug, tf.other_unit.pk])).status_code == 404
    other_contact = tf.other_unit.contacts.get()
    url = reverse("taskforce:contact-update", args=[slug, tf.school.pk, other_contact.pk])
    assert client.post(url, {"name": "Ændret"}).status_code == 404
    other_contact.refresh_from_db()
    assert other_contact.name == "Kasper Nørgaard"


def test_a_leader_adds_and_edits_a_unit(login, world, tf):
    client = login(world.a.resource_person)
    slug = world.a.office.slug
    response = client.post(
        reverse("taskforce:unit-create", args=[slug]), {"name": "  Børnehuset   Solsikken ", "kind": "day_care"}
    )
    unit = Unit.objects.get(office=world.a.office, name="Børnehuset Solsikken")
    assert response.status_code == 302 and response["Location"] == _unit(world, unit)
    response = client.post(
        reverse("taskforce:unit-update", args=[slug, unit.pk]),
        {"name": "Børnehuset Solsikken", "kind": "day_care", "address": "Solsikkevej 4", "is_active": "on"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.address == "Solsikkevej 4"


def test_a_units_name_is_unique_in_the_office_whatever_the_case(login, world, tf):
    client = login(world.a.chief)
    response = client.post(
        reverse("taskforce:unit-create", args=[world.a.office.slug]), {"name": "skovvangskolen", "kind": "school"}
    )
    assert response.status_code == 400
    assert "Kontoret har allerede en enhed med det navn." in response.text
    assert Unit.objects.filter(office=world.a.office).count() == 2
    # Another office may have a unit of the same name.
    login(world.b.chief).post(
        reverse("taskforce:unit-create", args=[world.b.office.slug]), {"name": "Skovvangskolen", "kind": "school"}
    )
    assert Unit.objects.filter(office=world.b.office, name="Skovvangskolen").exists()


def test_a_leader_adds_and_edits_a_contact_and_bad_input_is_refused(login, world, tf):
    client = login(world.a.section_leader)
    slug = world.a.office.slug
    url = reverse("taskforce:contact-create", args=[slug, tf.club.pk])
    response = client.post(url, {"name": "   ", "email": "not-an-address", "phone": "ring mig"})
    assert response.status_code == 400
    assert UnitContact.objects.filter(unit=tf.club).count() == 1
    response = client.post(
        url, {"name": "Jonas Bak", "title": "Klubleder", "email": "jonas@slf.example", "phone": "+45 87 13 00 00"}
    )
    assert response.status_code == 302
    contact = UnitContact.objects.get(unit=tf.club, name="Jonas Bak")
    response = client.post(
        reverse("taskforce:contact-update", args=[slug, tf.club.pk, contact.pk]),
        {"name": "Jonas Bak Svendsen", "title": "Klubleder"},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.name == "Jonas Bak Svendsen" and contact.email == ""


def test_units_page_keeps_a_fixed_number_of_queries(login, world, tf, django_assert_max_num_queries):
    for n in range(12):
        unit = Unit.objects.create(office=world.a.office, name=f"Skole {n}")
        UnitContact.objects.create(unit=unit, name=f"Leder {n}")
    client = login(world.a.staff)
    with django_assert_max_num_queries(8):
        response = client.get(_units(world))
    assert response.status_code == 200 and "Leder 11" in response.text


def test_unit_page_keeps_a_fixed_number_of_queries(login, world, tf, django_assert_max_num_queries):
    from knowledge.models import Question

    for n in range(6):
        Question.objects.create(
            office=world.a.office,
            unit=tf.school.name,
            asked_by=tf.leader.name,
            from_unit=tf.school,
            contact=tf.leader,
            meeting=tf.meeting,
            title=f"Opgave {n}",
            description="…",
            assignee=world.a.staff,
            status="assigned",
            created_by=world.a.staff,
        )
    UnitContact.objects.create(unit=tf.school, name="Anden kontakt")
    client = login(world.a.staff)
    with django_assert_max_num_queries(10):
        response = client.get(_unit(world, tf.school))
    assert response.status_code == 200 and "Opgave 5" in response.text and "Anden kontakt" in response.text
