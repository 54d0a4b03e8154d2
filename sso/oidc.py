"""OpenID Connect with mozilla-django-oidc: the authorization code flow with PKCE, state and nonce.

mozilla-django-oidc checks the state (one use: it is removed from the session before the code is exchanged), sends
the PKCE verifier, verifies the ID token's signature against the provider's JWKS and compares the nonce. It does not
check the issuer or the audience (it decodes with ``verify_aud=False``), so ``OIDCBackend._verify_jws`` decodes the
token itself with every check PyJWT has: signature, algorithm, issuer, audience, expiry, issued-at, subject.
"""

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.models import User
from accounts.views import set_language_cookie

from .models import Protocol
from .pages import no_access_page, refused_page
from .services import Grant, Identity, NoAccess, SignInRefused, sign_in

LEEWAY_SECONDS = 60  # clocks differ a little


def oidc_enabled() -> bool:
    return bool(settings.OIDC_ENABLED)


def grants_from(claims: dict) -> frozenset:
    grants = set()
    for name in settings.OIDC_GROUP_CLAIMS:
        values = claims.get(name) or []
        if isinstance(values, str):
            values = [values]
        grants.update(Grant(str(value)) for value in values if value)
    return frozenset(grants)


def identity_from(claims: dict) -> Identity:
    name = claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    return Identity(
        protocol=Protocol.OIDC,
        issuer=settings.OIDC_OP_ISSUER,
        subject=str(claims.get("sub") or ""),
        # Entra ID puts the address in 'email' when the tenant has one, else the sign-in name.
        email=str(claims.get("email") or claims.get("preferred_username") or ""),
        full_name=str(name or ""),
        language=str(claims.get("locale") or ""),
        grants=grants_from(claims),
    )


class OIDCBackend(OIDCAuthenticationBackend):
    """Answers only the callback (which passes ``nonce``), and only when a provider is configured."""

    def __init__(self, *args, **kwargs):
        self.UserModel = User
        if oidc_enabled():
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or not oidc_enabled():
            return None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        try:
            header = jwt.get_unverified_header(payload)
        except jwt.PyJWTError:
            raise SignInRefused(_("The identity provider's answer could not be read.")) from None
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SignInRefused(_("The identity provider signed its answer in a way this app does not accept."))
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.InvalidSignatureError:
            raise SignInRefused(_("The identity provider's signature on the answer is not right.")) from None
        except jwt.InvalidIssuerError:
            raise SignInRefused(
                _("The answer comes from another identity provider than the one set up here.")
            ) from None
        except jwt.InvalidAudienceError:
            raise SignInRefused(_("The answer was meant for another application.")) from None
        except jwt.ExpiredSignatureError:
            raise SignInRefused(_("The identity provider's answer has expired. Please try again.")) from None
        except jwt.PyJWTError:
            raise SignInRefused(_("The identity provider's answer is not valid.")) from None
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SignInRefused(_("The answer was meant for another application."))
        return claims

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except SuspiciousOperation:
            raise SignInRefused(_("The identity provider's signature on the answer is not right.")) from None

    def verify_token(self, token, **kwargs):
        if not token:
            raise SignInRefused(_("The identity provider sent no ID token."))
        try:
            return super().verify_token(token, **kwargs)
        except SuspiciousOperation:
            # The one check left to mozilla-django-oidc: the nonce of this sign-in is in the token.
            raise SignInRefused(
                _("The answer does not belong to this sign-in (the nonce is missing or wrong).")
            ) from None

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims (groups come there), completed from the userinfo endpoint where one is set."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            extra = super().get_userinfo(access_token, id_token, payload)
            if str(extra.get("sub")) != str(payload.get("sub")):
                raise SignInRefused(_("The identity provider's user information is about someone else."))
            claims = {**extra, **payload}
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        return sign_in(identity_from(self.get_userinfo(access_token, id_token, payload)))


class OIDCLoginView(OIDCAuthenticationRequestView):
    """Starts the sign-in: state, nonce and the PKCE challenge in the session, then to the provider."""

    def __init__(self, *args, **kwargs):
        if oidc_enabled():
            super().__init__(*args, **kwargs)

    def get(self, request):
        if not oidc_enabled():
            raise Http404("OpenID Connect is not set up.")
        return super().get(request)


class OIDCCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the person back here. Any refusal is a page that says why, with nobody signed in."""

    def get(self, request):
        if not oidc_enabled():
            raise Http404("OpenID Connect is not set up.")
        try:
            return super().get(request)
        except SignInRefused as refusal:
            return self._refuse(refusal.reason)
        except NoAccess as no_access:
            auth.logout(request)
            return no_access_page(request, no_access.person, provider=settings.OIDC_NAME)
        except SuspiciousOperation:
            return self._refuse(_("This sign-in was already used or has expired. Please start again."))
        except requests.RequestException:
            return self._refuse(_("The identity provider did not answer. Please try again in a moment."))

    def _refuse(self, reason):
        auth.logout(self.request)
        return refused_page(self.request, reason, provider=settings.OIDC_NAME)

    def login_failure(self):
        if self.request.GET.get("error"):
            return self._refuse(_("The identity provider did not sign you in."))
        return self._refuse(_("This sign-in was already used or has expired. Please start again."))

    def login_success(self):
        response = super().login_success()
        self.request.session["sso_protocol"] = Protocol.OIDC
        set_language_cookie(response, self.user.preferred_language)
        return response
