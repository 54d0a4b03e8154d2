"""Issue 18's journey through the whole redirect: the sign-in page offers the municipality's identity provider
first; the provider (oidc-provider-mock on loopback) signs the person in; My page shows the office and role the
sign-in rule gives; signing out ends the session here and at the provider."""

import os

import pytest
from oidc_provider_mock import run_server_in_thread

from offices.models import Role
from sso.models import MappingRule
from tests.sso.conftest import configure_oidc, set_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret
GROUP = "0b5e7c1d-entra-group-personale-ledere"


def _shots(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})


def test_sign_in_with_entra_id_lands_on_my_page_with_the_mapped_office_and_signs_out_at_both(
    page, live_server, world, axe, settings
):
    # The provider's own pages load a stylesheet from the internet (not reachable here): only our pages count.
    ours = []
    page.on(
        "console",
        lambda msg: (
            ours.append(msg.text)
            if msg.type == "error" and msg.location.get("url", "").startswith(live_server.url)
            else None
        ),
    )
    page.on("pageerror", lambda exc: ours.append(str(exc)))
    with run_server_in_thread() as server:
        provider = f"http://localhost:{server.server_port}"
        configure_oidc(settings, provider)
        MappingRule.objects.create(value=GROUP, office=world.b.office, role=Role.SECTION_LEADER)
        set_user(
            provider,
            "entra-oid-birgitte",
            {"email": "birgitte@kommune.example", "name": "Birgitte Berg", "groups": [GROUP]},
        )

        page.goto("/accounts/login/")
        sign_in_link = page.get_by_role("link", name="Log ind med Testkommunens Entra ID")
        axe(page)
        _shots(page, "sso-login")
        sign_in_link.click()

        page.wait_for_url(f"{provider}/oauth2/authorize?**")  # the provider's own page
        page.get_by_placeholder("sub").fill("entra-oid-birgitte")
        page.get_by_role("button", name="Authorize").click()

        page.wait_for_url(f"{live_server.url}/")
        page.get_by_role("heading", name="Hej, Birgitte", level=1).wait_for()
        offices = page.get_by_role("region", name="Mine kontorer")
        offices.get_by_role("link", name=world.b.office.name).wait_for()
        assert "Sektionsleder" in offices.inner_text()
        axe(page)
        _shots(page, "sso-my-page")

        page.goto("/accounts/profile/")
        methods = page.locator("#sign-in-methods")
        assert "Med Testkommunens Entra ID (OpenID Connect)" in methods.inner_text()
        assert "Fra identitetsudbyderen" in page.locator("#my-memberships").inner_text()
        axe(page)
        _shots(page, "sso-profile")

        page.get_by_role("button", name="Log ud").click()
        page.wait_for_url(f"{provider}/oauth2/end_session?**")  # our page sent the browser on to the provider
        assert "id_token_hint=" in page.url
        page.get_by_role("button", name="End session").click()
        page.wait_for_url(f"{live_server.url}/accounts/login/")
        page.goto("/")
        page.wait_for_url("**/accounts/login/?next=/")
        assert ours == []
        page.goto("/sso/oidc/callback/?code=stale&state=stale")  # a stale link from the provider: refused
        page.get_by_role("heading", name="Login afvist", level=1).wait_for()
        axe(page)
        _shots(page, "sso-refused")
    assert ours == ["Failed to load resource: the server responded with a status of 403 (Forbidden)"]
