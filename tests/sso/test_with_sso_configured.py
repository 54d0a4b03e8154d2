"""With both identity providers set up, the single sign-on addresses answer without signing in (the authorization
matrix asks them with none set up, where they are not found), and what they do not take is refused, not a 500."""

import pytest
from django.contrib.auth import SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_sso_addresses_answer_anyone(client, oidc_provider, saml_idp, world, signed_in):
    if signed_in:
        client.force_login(world.a.staff)
    oidc_start = client.get("/sso/oidc/login/")
    assert oidc_start.status_code == 302 and oidc_start["Location"].startswith(f"{oidc_provider.base}/oauth2/")
    saml_start = client.get("/sso/saml/login/")
    assert saml_start.status_code == 302
    assert saml_start["Location"].startswith("/" if signed_in else "https://idp.test.example/sso?")
    assert client.get("/sso/saml/metadata/").status_code == 200
    assert client.post("/sso/saml/acs/", {}).status_code == 400  # no SAMLResponse
    assert client.post("/sso/saml/acs/", {"SAMLResponse": "bm90IHhtbA=="}).status_code == 403  # not XML
    assert client.get("/sso/saml/sls/").status_code == 400
    assert client.get("/sso/oidc/callback/?code=x&state=y").status_code == 403
    assert SESSION_KEY not in client.session  # a refused callback signs out whoever was in
    assert client.post("/sso/oidc/login/").status_code == 405


def test_the_pages_keep_their_sign_in_redirect(client, oidc_provider, saml_idp):
    response = client.get("/logbook/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    page = client.get(response["Location"]).content.decode()
    assert "Log ind med Testkommunens Entra ID" in page and "Log ind med Testkommunens adgangsstyring" in page
    assert 'href="/sso/oidc/login/?next=%2Flogbook%2F"' in page
    assert 'href="/sso/saml/login/?next=%2Flogbook%2F"' in page
