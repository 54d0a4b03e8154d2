"""Every page carries the security headers, the 503 of a database outage included; personal responses are
never kept by a shared cache (slf/headers.py, the order of MIDDLEWARE)."""

from contextlib import contextmanager
from unittest import mock

from django.db import OperationalError
from django.test import Client
from django.urls import reverse

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=()",
}


def assert_security_headers(response):
    for header, expected in SECURITY_HEADERS.items():
        assert expected in response.get(header, ""), f"{header}: {response.get(header)!r}"


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@contextmanager
def database_down():
    """The session store cannot reach PostgreSQL (as in tests/slf/test_outage.py, without stopping it)."""
    with (
        mock.patch(
            "django.contrib.sessions.backends.db.SessionStore.load", side_effect=OperationalError("connection refused")
        ),
        mock.patch("slf.views.connection.close_if_unusable_or_obsolete"),  # keep the test's transaction
    ):
        yield


def test_the_outage_503_page_carries_the_same_security_headers_as_every_page(world):
    browser = Client(raise_request_exception=False)
    browser.force_login(world.a.staff)
    with database_down():
        response = browser.get("/")
    assert response.status_code == 503
    assert "Tilbage om lidt" in response.content.decode()
    assert_security_headers(response)
    assert {"private", "no-store"} <= cache_control(response)


def test_ordinary_pages_carry_the_security_headers(login, world):
    response = login(world.a.staff).get("/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_signed_in_pages_are_private_and_not_stored(login, world):
    client = login(world.a.staff)
    for url in ("/", reverse("accounts:profile")):
        response = client.get(url)
        assert response.status_code == 200
        assert {"private", "no-store"} <= cache_control(response), url
        assert "public" not in cache_control(response)


def test_calendar_files_are_private_and_the_feed_keeps_its_max_age(client, world):
    feed = reverse("accounts:calendar-feed", args=[world.a.staff.calendar_token])
    response = client.get(feed)  # a calendar client: no session
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert {"private", "max-age=300"} <= cache_control(response)
    client.force_login(world.a.staff)
    response = client.get(feed)  # downloaded by the signed-in person
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_static_files_keep_their_long_cache_for_signed_in_people(login, world):
    response = login(world.a.staff).get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)
    assert "private" not in cache_control(response)
