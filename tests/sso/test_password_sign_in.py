"""PASSWORD_LOGIN=off: only the break-glass superuser signs in with a password, on the sign-in page and the admin's."""

import pytest
from django.contrib.auth import SESSION_KEY

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_with_password_sign_in_off_a_member_is_refused_and_told_to_use_the_provider(client, world, settings):
    settings.PASSWORD_LOGIN = False
    response = client.post("/accounts/login/", {"username": world.a.staff.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Log ind med knappen ovenfor" in response.content.decode()
    assert SESSION_KEY not in client.session
    admin_site = client.post("/admin/login/", {"username": world.a.staff.email, "password": PASSWORD})
    assert admin_site.status_code == 200 and SESSION_KEY not in client.session


def test_with_password_sign_in_off_the_superuser_still_signs_in(client, settings):
    settings.PASSWORD_LOGIN = False
    admin = factories.make_user(email="admin@kommune.example", is_superuser=True, is_staff=True)
    response = client.post("/accounts/login/", {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == admin.pk


def test_with_password_sign_in_on_members_sign_in_as_before(client, world):
    response = client.post("/accounts/login/", {"username": world.a.staff.email, "password": PASSWORD})
    assert response.status_code == 302 and int(client.session[SESSION_KEY]) == world.a.staff.pk


def test_the_sign_in_page_hides_the_password_form_behind_the_emergency_sign_in(client, settings):
    settings.PASSWORD_LOGIN = False
    settings.OIDC_ENABLED = True
    body = client.get("/accounts/login/").content.decode()
    assert body.index("Log ind med") < body.index("<details")
    assert body.index("<details") < body.index('name="password"')
