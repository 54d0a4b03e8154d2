"""My page: my offices and roles, then the panels of the apps (home/ imports them directly)."""


def test_my_page_lists_my_offices_and_roles(login, world):
    client = login(world.a.resource_person)
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Budget og Regnskab" in body
    assert "Ressourceperson" in body
    assert "Personale" not in body


def test_my_page_for_head_shows_administration(login, world):
    body = login(world.head).get("/").content.decode()
    assert "Økonomi og Administration" in body


def test_my_page_query_count_does_not_grow_with_offices(login, world, django_assert_max_num_queries):
    from offices.models import Membership, Role
    from tests.factories import make_office

    client = login(world.a.staff)
    offices = [make_office(world.administration) for _ in range(8)]
    for office in offices:
        Membership.objects.create(person=world.a.staff, office=office, role=Role.STAFF)
    with django_assert_max_num_queries(8):
        response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert all(f">{office.name}</a>" in body for office in [world.a.office, *offices])  # one row per office
