import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from notifications.choices import Channel, Kind, channel
from tests.factories import PASSWORD


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_sign_in_page_is_public_and_danish_by_default(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()
    assert "Log ind" in response.content.decode()


def test_sign_in_with_email_sets_preferred_language(client, world):
    world.a.staff.preferred_language = "en"
    world.a.staff.save()
    response = client.post(
        reverse("accounts:login"), {"username": "A.STAFF@test.example", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302
    assert response.cookies["slf_language"].value == "en"
    assert client.get("/").status_code == 200


def test_wrong_password_shows_message_next_to_form(client, world):
    response = client.post(reverse("accounts:login"), {"username": "a.staff@test.example", "password": "nope"})
    assert response.status_code == 200
    assert "login-errors" in response.content.decode()


def test_profile_saves_name_language_and_email_choices(login, world):
    client = login(world.a.staff)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "  Ny   Navn ",
            "initials": "nn",
            "preferred_language": "en",
            **{f"notify_{kind}": "never" for kind in ("agenda", "reminder", "visit", "question")},
            "notify_minutes": "now",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(pk=world.a.staff.pk)
    assert (user.full_name, user.initials, user.preferred_language) == ("Ny Navn", "NN", "en")
    assert channel(user, Kind.MINUTES) == Channel.NOW and channel(user, Kind.AGENDA) == Channel.NEVER
    assert response.cookies["slf_language"].value == "en"


def test_profile_bad_input_is_shown_next_to_field_and_not_saved(login, world):
    client = login(world.a.staff)
    response = client.post(reverse("accounts:profile"), {"full_name": "", "initials": "1!", "preferred_language": "xx"})
    assert response.status_code == 400
    body = response.content.decode()
    assert body.count("invalid-feedback") >= 3
    assert User.objects.get(pk=world.a.staff.pk).full_name == "a Staff"


def test_language_switch_remembers_choice_for_signed_in_person(login, world):
    client = login(world.a.staff)
    response = client.post(reverse("set-language"), {"language": "en", "next": "/offices/"})
    assert response.status_code == 302
    assert response["Location"] == "/offices/"
    assert User.objects.get(pk=world.a.staff.pk).preferred_language == "en"
    assert "My page" in client.get("/").content.decode()


def test_language_switch_refuses_foreign_redirect_and_unknown_language(client, db):
    response = client.post(reverse("set-language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    response = client.post(reverse("set-language"), {"language": "klingon"})
    assert response.status_code == 302
    assert "slf_language" not in response.cookies


def test_language_switch_is_post_only(client, db):
    assert client.get(reverse("set-language")).status_code == 405


def test_password_reset_sends_mail_with_link(client, world):
    response = client.post(reverse("accounts:password-reset"), {"email": "a.staff@test.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_sign_out_is_post_only_and_signs_out(login, world):
    client = login(world.a.staff)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("path", ["/accounts/profile/", "/accounts/password/", "/offices/"])
def test_pages_need_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_error_pages_are_danish(login, world):
    response = login(world.a.staff).get("/offices/does-not-exist/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()
