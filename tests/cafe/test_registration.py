"""Signing up for a café meeting: places while there are any, then a waiting list in order; cancelling moves the
first waiting up with a mail; closed at the start; one registration per person; the last place raced for."""

import threading
import time
from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, connection, connections, transaction
from django.urls import reverse

from cafe import services
from cafe.models import Registration, RegistrationStatus
from notifications.models import Delivery
from offices.models import Role
from tests.factories import make_member

from .conftest import make_cafe, make_meeting


def _url(name, cw, cafe_meeting=None):
    return reverse(f"cafe:{name}", args=[cw.programme.slug, (cafe_meeting or cw.coming).pk])


def test_the_first_get_places_and_the_next_wait_in_order(cw, world):
    first = services.register(cw.coming, world.a.staff)
    second = services.register(cw.coming, world.b.staff)
    third = services.register(cw.coming, world.c.staff)
    fourth = services.register(cw.coming, world.c.chief)
    assert [first.status, second.status] == [RegistrationStatus.REGISTERED] * 2
    assert [third.status, fourth.status] == [RegistrationStatus.WAITING] * 2
    assert services.waiting_position(third) == 1
    assert services.waiting_position(fourth) == 2
    assert services.waiting_position(first) is None


def test_signing_up_twice_keeps_one_registration(cw, world):
    services.register(cw.coming, world.a.staff)
    services.register(cw.coming, world.a.staff)
    assert Registration.objects.filter(cafe_meeting=cw.coming, person=world.a.staff).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(cafe_meeting=cw.coming, person=world.a.staff, status=RegistrationStatus.WAITING)


def test_cancelling_moves_the_first_on_the_waiting_list_up_with_a_mail(cw, world):
    services.register(cw.coming, world.a.staff)
    services.register(cw.coming, world.b.staff)
    services.register(cw.coming, world.c.staff)  # waits, first
    services.register(cw.coming, world.c.chief)  # waits, second
    moved = services.cancel(cw.coming, world.a.staff)
    assert [r.person for r in moved] == [world.c.staff]
    statuses = dict(Registration.objects.filter(cafe_meeting=cw.coming).values_list("person_id", "status"))
    assert statuses == {
        world.b.staff.pk: RegistrationStatus.REGISTERED,
        world.c.staff.pk: RegistrationStatus.REGISTERED,
        world.c.chief.pk: RegistrationStatus.WAITING,
    }
    mail = Delivery.objects.get()
    assert mail.recipient == world.c.staff
    assert cw.coming.get_absolute_url() in mail.body
    assert services.waiting_position(Registration.objects.get(person=world.c.chief)) == 1


def test_leaving_the_waiting_list_moves_nobody_up(cw, world):
    for person in (world.a.staff, world.b.staff, world.c.staff):
        services.register(cw.coming, person)
    assert services.cancel(cw.coming, world.c.staff) == []
    assert not Delivery.objects.exists()


def test_more_places_let_the_waiting_move_up(cw, world):
    for person in (world.a.staff, world.b.staff, world.c.staff, world.c.chief):
        services.register(cw.coming, person)
    moved = services.change_capacity(cw.coming, 3)
    assert [r.person for r in moved] == [world.c.staff]
    assert services.change_capacity(cw.coming, 1) == []  # fewer places take nobody's place
    assert Registration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 3


def test_registration_closes_when_the_meeting_begins(cw, world, login):
    services.register(cw.coming, world.a.staff)
    with time_machine.travel(cw.coming.meeting.starts_at + timedelta(minutes=1), tick=False):
        with pytest.raises(services.CafeError):
            services.register(cw.coming, world.b.staff)
        with pytest.raises(services.CafeError):
            services.cancel(cw.coming, world.a.staff)
        client = login(world.b.staff)
        page = client.get(cw.coming.get_absolute_url()).content.decode()
        assert "Tilmeldingen er lukket" in page
        client.post(_url("register", cw))
    assert not Registration.objects.filter(person=world.b.staff).exists()


def test_the_page_says_registered_or_the_place_on_the_waiting_list(cw, world, login):
    services.register(cw.coming, world.a.staff)
    services.register(cw.coming, world.a.chief)
    services.register(cw.coming, world.b.staff)
    client = login(world.c.staff)
    response = client.post(_url("register", cw), follow=True)
    page = response.content.decode()
    assert "Du er nr. 2 på ventelisten" in page
    assert "fuldt" in page and "2 på ventelisten" in page
    client = login(world.a.staff)
    page = client.get(cw.coming.get_absolute_url()).content.decode()
    assert "Du er tilmeldt" in page


def test_signing_up_with_htmx_answers_the_panel_with_focus_and_announcement(cw, world, login):
    client = login(world.c.staff)
    response = client.post(_url("register", cw), headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<section id="registration"' in page and "<html" not in page
    assert "data-focus" in page and 'data-announce="Du er tilmeldt.' in page
    assert "1 plads tilbage" in page
    response = client.post(_url("cancel", cw), headers={"HX-Request": "true"})
    assert "Din tilmelding er annulleret." in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once_give_one_place_and_one_wait(world):
    """The first holds the meeting's row (inside its transaction) while the second tries; the second waits for
    the lock, then counts the first's place and goes on the waiting list."""
    programme = make_cafe(world.a.office, "race")
    cafe_meeting = make_meeting(programme, "Sidste plads", capacity=1)
    second_person = make_member(world.b.office, Role.STAFF)
    outcome = {}

    def second():
        try:
            outcome["second"] = services.register(cafe_meeting, second_person).status
        finally:
            connection.close()

    with transaction.atomic():
        outcome["first"] = services.register(cafe_meeting, world.a.staff).status
        thread = threading.Thread(target=second)
        thread.start()
        waited = False
        with connections["default"].cursor() as cursor:
            for _ in range(150):  # until the second connection waits for our lock (at most ~3 s)
                cursor.execute("SELECT pg_stat_clear_snapshot()")  # a transaction keeps its first snapshot otherwise
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
                if cursor.fetchone()[0]:
                    waited = True
                    break
                time.sleep(0.02)
    thread.join(10)
    assert waited, "the second registration did not wait for the first"
    assert outcome == {"first": RegistrationStatus.REGISTERED, "second": RegistrationStatus.WAITING}
    assert Registration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 1
