"""OpenID Connect against a real provider on loopback (oidc-provider-mock): the whole redirect, and each refusal
with a page that says why and nobody signed in."""

import base64
import hashlib
from unittest import mock

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from oidc_provider_mock import run_server_in_thread

from accounts.models import User
from offices.models import Membership, Role, Source
from sso.models import ExternalIdentity, MappingRule

from .conftest import CLIENT_ID, configure_oidc, oidc_sign_in

pytestmark = pytest.mark.django_db

GROUP = "6f1c2a9e-entra-group-budget"


@pytest.fixture
def rule(world):
    return MappingRule.objects.create(value=GROUP, office=world.a.office, role=Role.RESOURCE_PERSON)


def _signed_in(client):
    return SESSION_KEY in client.session


def test_first_sign_in_creates_the_person_with_the_mapped_office_and_role(client, oidc_provider, rule, world):
    oidc_provider.set_user(
        "entra-oid-1", email="Mette.Hansen@Kommune.example", name="Mette Hansen", locale="en-GB", groups=[GROUP]
    )
    response, _, _ = oidc_sign_in(client, oidc_provider, "entra-oid-1")

    assert response.status_code == 302 and response["Location"] == "/"
    person = User.objects.get(email="mette.hansen@kommune.example")
    assert (person.full_name, person.preferred_language) == ("Mette Hansen", "en")
    assert not person.has_usable_password()
    membership = Membership.objects.get(person=person)
    assert (membership.office, membership.role, membership.source) == (
        world.a.office,
        Role.RESOURCE_PERSON,
        Source.IDENTITY_PROVIDER,
    )
    assert ExternalIdentity.objects.get(person=person).subject == "entra-oid-1"
    assert int(client.session[SESSION_KEY]) == person.pk
    assert client.session["sso_protocol"] == "oidc"
    page = client.get("/")
    assert page.status_code == 200 and world.a.office.name in page.content.decode()


def test_the_pkce_verifier_sent_for_the_token_matches_the_challenge(client, oidc_provider, rule):
    """oidc-provider-mock does not check PKCE, so the test does: S256(verifier) is the challenge sent to the
    authorization endpoint, and the verifier goes with the code to the token endpoint."""
    oidc_provider.set_user("entra-oid-2", email="pkce@kommune.example", name="P K", groups=[GROUP])
    real_post = requests.post
    with mock.patch("mozilla_django_oidc.auth.requests.post", side_effect=real_post) as token_post:
        response, params, _ = oidc_sign_in(client, oidc_provider, "entra-oid-2")
    assert response.status_code == 302
    verifier = token_post.call_args.kwargs["data"]["code_verifier"]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert params["code_challenge_method"] == "S256"
    assert params["code_challenge"] == challenge
    assert params["state"] and params["nonce"]


def test_every_sign_in_updates_the_person_and_removes_a_role_the_provider_took_away(client, oidc_provider, rule, world):
    MappingRule.objects.create(value="entra-group-chiefs", office=world.b.office, role=Role.OFFICE_CHIEF)
    oidc_provider.set_user("entra-oid-3", email="ole@kommune.example", name="Ole", groups=[GROUP, "entra-group-chiefs"])
    oidc_sign_in(client, oidc_provider, "entra-oid-3")
    person = User.objects.get(email="ole@kommune.example")
    assert set(Membership.objects.filter(person=person).values_list("office", flat=True)) == {
        world.a.office.pk,
        world.b.office.pk,
    }
    handmade = Membership.objects.create(person=person, office=world.c.office, role=Role.STAFF)
    client.post("/sso/logout/")

    oidc_provider.set_user("entra-oid-3", email="ole@kommune.example", name="Ole Olsen", groups=[GROUP])
    response, _, _ = oidc_sign_in(client, oidc_provider, "entra-oid-3")
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Ole Olsen"
    assert {(m.office_id, m.source) for m in Membership.objects.filter(person=person)} == {
        (world.a.office.pk, Source.IDENTITY_PROVIDER),
        (handmade.office_id, Source.MANUAL),
    }


def test_no_matching_rule_shows_whom_to_ask_and_signs_nobody_in(client, oidc_provider, rule, settings):
    settings.SSO_ACCESS_CONTACT = "IT-supporten, it@kommune.example"
    oidc_provider.set_user("entra-oid-4", email="ny@kommune.example", name="Ny Medarbejder", groups=["other"])
    response, _, _ = oidc_sign_in(client, oidc_provider, "entra-oid-4")
    body = response.content.decode()
    assert response.status_code == 403
    assert "Du har endnu ikke adgang til SLF Logbog" in body
    assert "IT-supporten, it@kommune.example" in body
    assert not _signed_in(client)
    assert client.get("/").status_code == 302  # no office pages: not signed in at all
    assert User.objects.filter(email="ny@kommune.example").exists()  # known, for the administrator to map


def _refused(response, client, words):
    body = response.content.decode()
    assert response.status_code == 403, body
    assert "Login afvist" in body and words in body, body
    assert not _signed_in(client)


def test_a_token_from_another_issuer_is_refused(client, oidc_provider, rule, settings):
    oidc_provider.set_user("entra-oid-5", email="x@kommune.example", name="X", groups=[GROUP])
    settings.OIDC_OP_ISSUER = "https://login.microsoftonline.com/another-tenant/v2.0"
    response, _, _ = oidc_sign_in(client, oidc_provider, "entra-oid-5")
    _refused(response, client, "en anden identitetsudbyder")


def test_a_token_for_another_audience_is_refused(client, oidc_provider, rule):
    # The provider puts the person's claims over its own, so this one's ID token names another application.
    oidc_provider.set_user("entra-oid-6", email="x@kommune.example", name="X", groups=[GROUP], aud="another-app")
    response, _, _ = oidc_sign_in(client, oidc_provider, "entra-oid-6")
    _refused(response, client, "en anden applikation")


def test_a_token_signed_with_another_key_is_refused(client, oidc_provider, rule, settings):
    oidc_provider.set_user("entra-oid-7", email="x@kommune.example", name="X", groups=[GROUP])
    with run_server_in_thread() as stranger:  # another provider: other keys
        configure_oidc(settings, oidc_provider.base, jwks=f"http://localhost:{stranger.server_port}/jwks")
        response, _, _ = oidc_sign_in(client, oidc_provider, "entra-oid-7")
    _refused(response, client, "signatur")
    assert not User.objects.filter(email="x@kommune.example").exists()


def test_a_reused_state_is_refused(client, oidc_provider, rule):
    oidc_provider.set_user("entra-oid-8", email="x@kommune.example", name="X", groups=[GROUP])
    response, _, query = oidc_sign_in(client, oidc_provider, "entra-oid-8")
    assert response.status_code == 302
    client.post("/sso/logout/")
    oidc_sign_in(client, oidc_provider, "entra-oid-8")  # a new sign-in started: states in the session again
    client.post("/sso/logout/")
    client.get("/sso/oidc/login/")
    again = client.get(f"/sso/oidc/callback/?{query}")
    _refused(again, client, "allerede brugt")


def test_a_token_without_the_nonce_is_refused(client, oidc_provider, rule):
    oidc_provider.set_user("entra-oid-9", email="x@kommune.example", name="X", groups=[GROUP])
    response, _, _ = oidc_sign_in(client, oidc_provider, "entra-oid-9", tamper=lambda params: params.pop("nonce"))
    _refused(response, client, "nonce")
    assert not User.objects.filter(email="x@kommune.example").exists()


def test_the_provider_saying_no_is_a_clear_page(client, oidc_provider):
    client.get("/sso/oidc/login/")
    state = next(iter(client.session["oidc_states"]))
    response = client.get(f"/sso/oidc/callback/?error=access_denied&state={state}")
    _refused(response, client, "loggede dig ikke ind")


def test_sign_out_ends_the_session_here_and_sends_the_person_to_the_providers_end_session(client, oidc_provider, rule):
    oidc_provider.set_user("entra-oid-10", email="ud@kommune.example", name="Ud", groups=[GROUP])
    oidc_sign_in(client, oidc_provider, "entra-oid-10")
    id_token = client.session["oidc_id_token"]
    response = client.post("/sso/logout/")
    assert response.status_code == 200
    assert not _signed_in(client)
    target = response["Refresh"].removeprefix("0;url=")
    assert target.startswith(f"{oidc_provider.base}/oauth2/end_session?")
    assert f"id_token_hint={id_token}" in target and f"client_id={CLIENT_ID}" in target
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Faccounts%2Flogin%2F" in target
    assert target.replace("&", "&amp;") in response.content.decode()


def test_the_sign_in_page_offers_the_provider_first(client, oidc_provider):
    body = client.get("/accounts/login/?next=/logbook/").content.decode()
    assert body.index("Log ind med Testkommunens Entra ID") < body.index('name="password"')
    assert 'href="/sso/oidc/login/?next=%2Flogbook%2F"' in body


def test_without_a_provider_the_sso_addresses_are_not_found(client, settings):
    settings.OIDC_ENABLED = False
    assert client.get("/sso/oidc/login/").status_code == 404
    assert client.get("/sso/oidc/callback/?code=x&state=y").status_code == 404
    assert "Log ind med" not in client.get("/accounts/login/").content.decode()
