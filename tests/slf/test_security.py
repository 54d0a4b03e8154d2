from io import StringIO

from django.core.management import call_command
from django.test import override_settings


def test_pages_send_a_strict_content_security_policy(client, db):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(client, db):
    body = client.get("/accounts/login/").content.decode()
    assert "<script>" not in body
    assert " style=" not in body
    assert " onclick=" not in body


@override_settings(
    DEBUG=False,
    SECRET_KEY="x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_deploy_check_is_clean_with_the_https_settings(db, monkeypatch):
    # Only the browser tests need this (Playwright's event loop); a deployment never sets it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    out = StringIO()
    call_command("check", "--deploy", "--fail-level", "WARNING", stdout=out, stderr=StringIO())
    assert "no issues" in out.getvalue()


def test_repeated_failed_sign_ins_lock_the_account_out(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/accounts/login/", {"username": world.a.staff.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"username": world.a.staff.email, "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()


def test_powerful_browser_features_are_denied(client, db):
    policy = client.get("/accounts/login/")["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()", "payment=()"):
        assert feature in policy


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_https_responses_carry_hsts_and_secure_httponly_samesite_cookies(client, world):
    response = client.post(
        "/accounts/login/", {"username": world.a.staff.email, "password": "correct-horse-battery"}, secure=True
    )
    assert response.status_code == 302
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = client.get("/accounts/login/", secure=True).cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"


def test_the_error_handler_turns_a_lost_database_into_a_friendly_503(rf, db):
    from django.db import OperationalError

    from slf import views

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = views.server_error(rf.get("/"))  # Django calls it while handling the exception
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Tilbage om lidt" in response.content.decode()
