"""The programme page and a café meeting's page keep a fixed number of queries, whatever the number of
registrations, meetings, presentations and suggestions."""

from django.urls import reverse

from cafe.models import Material, Registration, RegistrationStatus
from meetings.models import TopicProposal
from offices.models import Role
from tests.factories import make_member

from .conftest import make_meeting


def _fill(cw, world, n=50):
    cw.coming.capacity = 45
    cw.coming.save()
    people = [make_member(world.b.office, Role.STAFF) for _ in range(n)]
    Registration.objects.bulk_create(
        Registration(
            cafe_meeting=cw.coming,
            person=p,
            office=world.b.office,
            status=RegistrationStatus.REGISTERED if i < 45 else RegistrationStatus.WAITING,
        )
        for i, p in enumerate(people)
    )
    for i in range(3):
        item = cw.coming.meeting.agenda_items.create(
            title=f"Oplæg {i}", duration_minutes=20, position=i, presenter=people[i]
        )
        Material.objects.create(
            cafe_meeting=cw.coming, agenda_item=item, title=f"Link {i}", url="https://x.example/", uploaded_by=people[0]
        )
    for i in range(4):
        proposal = TopicProposal.objects.create(
            series=cw.coming.meeting.series, proposed_by=people[i], title=f"Emne {i}"
        )
        proposal.supporters.set(people[:10])
    make_meeting(cw.programme, "Endnu et cafémøde", capacity=10)
    return people


def test_the_programme_page_keeps_its_queries(cw, world, login, django_assert_max_num_queries):
    people = _fill(cw, world)
    client = login(world.a.resource_person)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("cafe:programme", args=["cafe-a"]))
    assert response.status_code == 200
    assert "Emne 3" in response.content.decode() and "Oplæg 2" in response.content.decode()
    client = login(people[47])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("cafe:programme", args=["cafe-a"]))
    assert response.status_code == 200 and "Endnu et cafémøde" in response.content.decode()


def test_the_meeting_page_with_fifty_registrations_keeps_its_queries(cw, world, login, django_assert_max_num_queries):
    people = _fill(cw, world)
    client = login(world.a.resource_person)
    with django_assert_max_num_queries(12):
        response = client.get(cw.coming.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert people[49].full_name in page and "Link 2" in page
    client = login(people[47])  # on the waiting list
    with django_assert_max_num_queries(12):
        response = client.get(cw.coming.get_absolute_url())
    assert response.status_code == 200 and "Oplæg 1" in response.content.decode()
