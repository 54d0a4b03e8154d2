"""The sign-in lock-out cannot be walked around: not by spelling the address differently, not by trying many
people's addresses from one machine, not by claiming another address in X-Forwarded-For."""

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from slf.proxy import client_ip
from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")


def _fail(client, username, **extra):
    response = client.post(LOGIN, {"username": username, "password": "wrong-password"}, **extra)
    assert response.status_code in (200, 429)
    return response


def _sign_in(client, username, **extra):
    return client.post(LOGIN, {"username": username, "password": PASSWORD}, **extra).status_code


def test_case_and_surrounding_spaces_give_no_fresh_attempts(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for spelling in ("A.Staff@Test.Example", " a.staff@TEST.example ", "A.STAFF@test.example"):
        _fail(client, spelling)
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [("a.staff@test.example", 3)]
    assert _sign_in(client, "a.staff@test.example") == 429


def test_sign_in_accepts_the_address_in_any_case_with_spaces(client, world):
    assert _sign_in(client, "  A.Staff@TEST.example ") == 302
    assert client.get("/").status_code == 200


def test_many_addresses_tried_from_one_client_lock_that_client_out(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 5
    for number in range(5):
        _fail(client, f"guess{number}@test.example")  # one attempt each: the per-person limit is never reached
    assert _sign_in(client, world.a.staff.email) == 429
    # Only that client address is locked out.
    assert _sign_in(Client(), world.a.staff.email, REMOTE_ADDR="10.1.2.3") == 302


def test_below_the_address_limit_people_sign_in_from_a_shared_address(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 5
    for number in range(4):
        _fail(client, f"typo{number}@test.example")
    assert _sign_in(client, world.a.staff.email) == 302


def test_signing_in_to_ones_own_account_does_not_reset_the_address_count(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 5
    for number in range(4):
        _fail(client, f"victim{number}@test.example")
    assert _sign_in(client, world.b.staff.email) == 302  # the attacker's own, valid account
    client.post(reverse("accounts:logout"))
    _fail(client, "victim4@test.example")
    assert _sign_in(client, world.a.staff.email) == 429


def test_a_successful_sign_in_forgets_the_persons_own_failures(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    _fail(client, world.a.staff.email)
    _fail(client, world.a.staff.email)
    assert _sign_in(client, world.a.staff.email) == 302
    client.post(reverse("accounts:logout"))
    _fail(client, world.a.staff.email)
    _fail(client, world.a.staff.email)
    assert _sign_in(client, world.a.staff.email) == 302


def test_a_forwarded_for_header_sent_by_the_client_is_ignored_without_a_trusted_proxy(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for number in range(3):
        _fail(client, world.a.staff.email, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}
    assert _sign_in(client, world.a.staff.email, HTTP_X_FORWARDED_FOR="198.51.100.99") == 429


def test_the_trusted_proxy_header_gives_the_client_address(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(3):
        # The proxy appends the real peer; what the client wrote before it changes nothing.
        _fail(client, world.a.staff.email, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.5")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    assert _sign_in(client, world.a.staff.email, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5") == 429
    # Another client behind the same proxy is another address.
    assert _sign_in(Client(), world.a.staff.email, HTTP_X_FORWARDED_FOR="203.0.113.6") == 302


def test_the_client_address_is_counted_from_the_right_past_the_trusted_proxies(rf, settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5, 10.0.0.2", REMOTE_ADDR="10.0.0.3")
    assert client_ip(request) == "203.0.113.5"
    # Fewer entries than proxies, or garbage: the request did not come the configured way; the peer counts.
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="10.0.0.3")) == "10.0.0.3"
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR="x, nonsense", REMOTE_ADDR="10.0.0.3")) == "10.0.0.3"
    settings.TRUSTED_PROXY_HEADER = ""
    assert client_ip(request) == "10.0.0.3"
