import contextlib
import threading

import pytest
from django.db import connection
from django.urls import reverse

from development import services
from development.models import Enrolment, EnrolmentStatus
from notifications.models import Delivery
from tests.development.conftest import make_kambu


def test_enrolment_beyond_the_capacity_goes_to_the_waiting_list(kambu):
    first = services.enrol(kambu.cohort, kambu.first)
    second = services.enrol(kambu.cohort, kambu.second)
    third = services.enrol(kambu.cohort, kambu.third)
    assert [first.status, second.status, third.status] == ["enrolled", "enrolled", "waiting"]
    with pytest.raises(services.DevelopmentError):
        services.enrol(kambu.cohort, kambu.third)


def test_withdrawing_moves_the_first_on_the_waiting_list_up_and_queues_a_mail(kambu, world):
    kambu.cohort.capacity = 1
    kambu.cohort.save()
    place = services.enrol(kambu.cohort, kambu.first)
    next_in_line = services.enrol(kambu.cohort, kambu.second)
    last = services.enrol(kambu.cohort, kambu.third)
    moved = services.withdraw(place)
    assert moved == [next_in_line]
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    assert statuses == {place.pk: "withdrawn", next_in_line.pk: "enrolled", last.pk: "waiting"}
    mail = Delivery.objects.get()
    assert mail.recipient == world.c.staff
    assert "Hold 1" in mail.subject


def test_leaving_the_waiting_list_moves_nobody_up(kambu):
    kambu.cohort.capacity = 1
    kambu.cohort.save()
    services.enrol(kambu.cohort, kambu.first)
    waiting = services.enrol(kambu.cohort, kambu.second)
    assert services.withdraw(waiting) == []
    assert not Delivery.objects.exists()


def test_participant_enrols_and_sees_the_waiting_list_place(login, kambu, world):
    services.enrol(kambu.cohort, kambu.first)
    services.enrol(kambu.cohort, kambu.second)
    client = login(world.a.staff)
    url = reverse("development:enrol", args=[kambu.programme.slug, kambu.cohort.pk])
    assert client.post(url).status_code == 302
    page = client.get(kambu.cohort.get_absolute_url())
    assert "nummer 1 på ventelisten" in page.content.decode()


def test_a_lead_enrols_only_participants_of_the_programme(login, kambu, world):
    other = make_kambu(world, slug="andet-program")
    client = login(world.a.resource_person)
    url = reverse("development:enrol", args=[kambu.programme.slug, kambu.cohort.pk])
    client.post(url, {"participant": other.first.pk})
    assert not Enrolment.objects.exists()
    client.post(url, {"participant": kambu.second.pk})
    assert Enrolment.objects.get().participant == kambu.second


def test_participant_cannot_withdraw_someone_else(login, kambu, world):
    theirs = services.enrol(kambu.cohort, kambu.second)
    url = reverse("development:withdraw", args=[kambu.programme.slug, kambu.cohort.pk, theirs.pk])
    assert login(world.b.staff).post(url).status_code == 403
    assert Enrolment.objects.get().status == EnrolmentStatus.ENROLLED


def test_lead_records_completed_at_the_end(login, kambu, world):
    enrolment = services.enrol(kambu.cohort, kambu.first)
    url = reverse("development:result", args=[kambu.programme.slug, kambu.cohort.pk, enrolment.pk])
    assert login(world.b.staff).post(url, {"completed": "1"}).status_code == 403
    login(world.a.chief).post(url, {"completed": "1"})
    assert Enrolment.objects.get().status == EnrolmentStatus.COMPLETED


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once_give_one_place_and_one_waiting(world, monkeypatch):
    kambu = make_kambu(world, capacity=2)
    services.enrol(kambu.cohort, kambu.third)  # one place left
    barrier = threading.Barrier(2)
    counted = threading.Barrier(2, timeout=1)
    results = []
    count = services.places_taken

    def count_and_wait(cohort):
        # Both wait here after counting: without the cohort's lock both would count one place left. With it, the
        # second is still waiting for the lock, so the first goes on after a second and the second counts afresh.
        taken = count(cohort)
        with contextlib.suppress(threading.BrokenBarrierError):
            counted.wait()
        return taken

    monkeypatch.setattr(services, "places_taken", count_and_wait)

    def take(participant):
        try:
            barrier.wait()
            results.append(services.enrol(kambu.cohort, participant).status)
        except Exception as error:  # anything else would be a 500 in the view
            results.append(f"error: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(p,)) for p in (kambu.first, kambu.second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["enrolled", "waiting"]
    assert Enrolment.objects.filter(status=EnrolmentStatus.ENROLLED).count() == 2
