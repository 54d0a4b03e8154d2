"""The pages keep a fixed number of queries whatever the number of participants, enrolments and assessments."""

from django.urls import reverse

from development import services
from development.models import Recommendation
from tests.development.conftest import make_kambu


def _busy(kambu, clarifications):
    for clarification in clarifications:
        services.save_self_assessment(clarification, [(area, 2, "lidt", True) for area in kambu.areas])
        Recommendation.objects.create(clarification=clarification, offer=kambu.offer, reason="Lav score")
    for participant in (kambu.first, kambu.second, kambu.third):
        services.enrol(kambu.cohort, participant)


def test_programme_page_queries_are_fixed(login, world, kambu, clarifications, django_assert_max_num_queries):
    _busy(kambu, clarifications)
    make_kambu(world, slug="andet")  # another programme's rows don't count
    url = reverse("development:programme", args=[kambu.programme.slug])
    client = login(world.a.resource_person)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert "2 af 2 pladser optaget, 1 venter" in response.content.decode()
    client = login(world.a.staff)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert kambu.cohort.name in response.content.decode()


def test_cohort_page_queries_are_fixed(login, world, kambu, clarifications, django_assert_max_num_queries):
    _busy(kambu, clarifications)
    client = login(world.a.chief)
    with django_assert_max_num_queries(12):
        response = client.get(kambu.cohort.get_absolute_url())
    assert response.status_code == 200
    assert world.a.staff.full_name in response.content.decode()


def test_clarification_page_queries_are_fixed(login, world, kambu, clarifications, django_assert_max_num_queries):
    _busy(kambu, clarifications)
    url = reverse("development:clarification", args=[kambu.programme.slug, clarifications[0].pk])
    client = login(world.a.resource_person)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert "Digitale værktøjer" in response.content.decode()
