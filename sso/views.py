from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import saml
from .models import Protocol


@require_POST
def sign_out(request):
    """Sign out here and, where the person signed in by single sign-on, at the identity provider too.

    The provider's sign-out is reached through a page (a ``Refresh`` header and a link), not a redirect of this
    POST: browsers apply the form-action rule of our Content-Security-Policy to a form's redirects."""
    protocol = request.session.get("sso_protocol")
    provider_url, provider = None, ""
    if protocol == Protocol.SAML and saml.saml_enabled():
        provider_url, provider = saml.start_logout(request), settings.SAML_NAME
    else:
        id_token = request.session.get("oidc_id_token")
        auth.logout(request)
        if protocol == Protocol.OIDC and settings.OIDC_ENABLED and settings.OIDC_OP_LOGOUT_ENDPOINT:
            params = {
                "client_id": settings.OIDC_RP_CLIENT_ID,
                "post_logout_redirect_uri": request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL)),
            }
            if id_token:
                params["id_token_hint"] = id_token
            provider_url, provider = f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(params)}", settings.OIDC_NAME
    if not provider_url:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    response = render(request, "sso/signing_out.html", {"provider_url": provider_url, "provider": provider})
    response["Refresh"] = f"0;url={provider_url}"
    return response
