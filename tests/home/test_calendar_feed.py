from datetime import timedelta

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import User
from visits.models import Visit


def test_feed_lists_my_visits_without_sign_in(client, world):
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    Visit.objects.create(
        office=world.a.office,
        host=world.a.chief,
        visitor=world.a.staff,
        during=DateTimeTZRange(start, start + timedelta(minutes=30)),
        topic="x",
    )
    response = client.get(reverse("accounts:calendar-feed", args=[world.a.staff.calendar_token]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == start


def test_feed_with_wrong_token_is_404(client, db):
    assert client.get(reverse("accounts:calendar-feed", args=["nope"])).status_code == 404


def test_new_address_stops_the_old_one(login, world):
    old = world.a.staff.calendar_token
    client = login(world.a.staff)
    assert client.get(reverse("accounts:calendar-token-regenerate")).status_code == 405
    assert client.post(reverse("accounts:calendar-token-regenerate")).status_code == 302
    assert client.get(reverse("accounts:calendar-feed", args=[old])).status_code == 404
    new = User.objects.get(pk=world.a.staff.pk).calendar_token
    assert client.get(reverse("accounts:calendar-feed", args=[new])).status_code == 200


def test_profile_shows_the_feed_address(login, world):
    body = login(world.a.staff).get(reverse("accounts:profile")).content.decode()
    assert world.a.staff.calendar_token in body
