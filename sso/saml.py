"""SAML 2.0 as a service provider with djangosaml2/pysaml2 (KOMBIT's FKA / Context Handler, Keycloak, ADFS).

pysaml2 checks, for every response to the ACS: the signature on the assertion (``want_assertions_signed``; an
unsigned one is refused), that the response answers a request this browser made (``allow_unsolicited`` off: the
request's id is kept in the SAML session and removed once answered, so the same response posted again is refused),
the audience (our entity id), the recipient and destination (our ACS address) and the validity window
(NotBefore/NotOnOrAfter, ``accepted_time_diff`` seconds of clock difference). SHA-256 for what we sign.
"""

import base64
import binascii
import shutil
from functools import lru_cache

import saml2
from defusedxml import ElementTree
from django.conf import settings
from django.contrib import auth
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from djangosaml2 import views as saml_views
from djangosaml2.backends import Saml2Backend
from saml2.config import SPConfig
from saml2.response import SignatureError, UnsolicitedResponse
from saml2.validate import ResponseLifetimeExceed, ToEarly
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from accounts.views import set_language_cookie

from .models import Protocol
from .pages import no_access_page, refused_page
from .services import Grant, Identity, NoAccess, SignInRefused, sign_in

CLOCK_SKEW_SECONDS = 60


def saml_enabled() -> bool:
    return bool(settings.SAML_ENABLED)


def _all_attributes() -> list[str]:
    return [
        *settings.SAML_EMAIL_ATTRIBUTES,
        *settings.SAML_NAME_ATTRIBUTES,
        *settings.SAML_LANGUAGE_ATTRIBUTES,
        *settings.SAML_PRIVILEGE_ATTRIBUTES,
        *settings.SAML_ROLE_ATTRIBUTES,
    ]


def config_dict() -> dict:
    site = settings.SITE_URL
    sp = {
        "name": "SLF Logbog",
        "endpoints": {
            "assertion_consumer_service": [(site + reverse("sso:saml-acs"), saml2.BINDING_HTTP_POST)],
            "single_logout_service": [
                (site + reverse("sso:saml-sls"), saml2.BINDING_HTTP_REDIRECT),
                (site + reverse("sso:saml-sls"), saml2.BINDING_HTTP_POST),
            ],
        },
        "allow_unsolicited": False,  # a response must answer a request of this browser, once
        "want_assertions_signed": True,
        "want_response_signed": False,  # FKA signs the assertion; a signed response is accepted as well
        "authn_requests_signed": bool(settings.SAML_SP_KEY_FILE),
        "logout_requests_signed": bool(settings.SAML_SP_KEY_FILE),
        "signing_algorithm": SIG_RSA_SHA256,
        "digest_algorithm": DIGEST_SHA256,
        # pysaml2 drops the attributes it was not told about.
        "optional_attributes": _all_attributes(),
    }
    config = {
        "entityid": settings.SAML_SP_ENTITY_ID,
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "allow_unknown_attributes": True,
        "accepted_time_diff": CLOCK_SKEW_SECONDS,
        "service": {"sp": sp},
        "metadata": (
            {"local": [settings.SAML_IDP_METADATA_FILE]}
            if settings.SAML_IDP_METADATA_FILE
            else {"remote": [{"url": settings.SAML_IDP_METADATA_URL}]}
        ),
    }
    if settings.SAML_SP_KEY_FILE and settings.SAML_SP_CERT_FILE:
        config["key_file"] = settings.SAML_SP_KEY_FILE
        config["cert_file"] = settings.SAML_SP_CERT_FILE
        config["encryption_keypairs"] = [
            {"key_file": settings.SAML_SP_KEY_FILE, "cert_file": settings.SAML_SP_CERT_FILE}
        ]
    return config


@lru_cache(maxsize=4)
def _config(key) -> SPConfig:
    config = SPConfig()
    config.load(config_dict())
    return config


def config_loader(request=None) -> SPConfig:
    """``SAML_CONFIG_LOADER``: the SP's configuration from the settings, loaded (and the IdP's metadata read) once
    per set of settings and process."""
    if not saml_enabled():
        raise Http404("SAML is not set up.")
    return _config(
        (
            settings.SITE_URL,
            settings.SAML_SP_ENTITY_ID,
            settings.SAML_IDP_METADATA_FILE,
            settings.SAML_IDP_METADATA_URL,
            settings.SAML_SP_KEY_FILE,
            settings.SAML_SP_CERT_FILE,
            tuple(_all_attributes()),
        )
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def privileges_from(encoded: str) -> set:
    """OIOSAML 3's basic privilege profile: PrivilegeGroups, each with a Scope, optional Constraints (FKA's data
    scopes, e.g. an organisation unit) and Privileges (user system roles)."""
    try:
        root = ElementTree.fromstring(base64.b64decode(encoded, validate=False))
    except (binascii.Error, ValueError, ElementTree.ParseError):
        return set()
    grants = set()
    for group in root.iter():
        if _local(group.tag) != "PrivilegeGroup":
            continue
        privileges = [(p.text or "").strip() for p in group if _local(p.tag) == "Privilege"]
        constraints = [(c.text or "").strip() for c in group if _local(c.tag) == "Constraint"]
        scopes = constraints or [group.get("Scope", "")]
        grants.update(Grant(privilege, scope) for privilege in privileges if privilege for scope in scopes)
    return grants


def _first(attributes: dict, names) -> str:
    for name in names:
        values = attributes.get(name)
        if values:
            return str(values[0])
    return ""


def identity_from(session_info: dict) -> Identity:
    attributes = session_info.get("ava") or {}
    grants = set()
    for name in settings.SAML_PRIVILEGE_ATTRIBUTES:
        for value in attributes.get(name) or []:
            grants |= privileges_from(value)
    for name in settings.SAML_ROLE_ATTRIBUTES:
        grants.update(Grant(str(value)) for value in attributes.get(name) or [] if value)
    name_id = session_info.get("name_id")
    return Identity(
        protocol=Protocol.SAML,
        issuer=str(session_info.get("issuer") or ""),
        subject=str(getattr(name_id, "text", "") or ""),
        email=_first(attributes, settings.SAML_EMAIL_ATTRIBUTES),
        full_name=_first(attributes, settings.SAML_NAME_ATTRIBUTES),
        language=_first(attributes, settings.SAML_LANGUAGE_ATTRIBUTES),
        grants=frozenset(grants),
    )


class SAMLBackend(Saml2Backend):
    """Answers only the ACS (which passes the verified ``session_info``)."""

    def authenticate(self, request, session_info=None, **kwargs):
        if session_info is None or not saml_enabled():
            return None
        return sign_in(identity_from(session_info))


def _reason(exception) -> str:
    if isinstance(exception, SignatureError):
        return _("The answer from the identity provider is not signed, or its signature is not right.")
    if isinstance(exception, ResponseLifetimeExceed | ToEarly):
        return _("The identity provider's answer has expired or is not valid yet. Please try again.")
    if isinstance(exception, UnsolicitedResponse):
        return _("This answer does not belong to a sign-in started here, or it was already used. Please start again.")
    if "audience" in str(exception).lower() or "not for me" in str(exception).lower():
        return _("The answer was meant for another application.")
    return _("The identity provider's answer is not valid.")


class SAMLLoginView(saml_views.LoginView):
    def get(self, request, *args, **kwargs):
        if not saml_enabled():
            raise Http404("SAML is not set up.")
        return super().get(request, *args, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")
class SAMLAssertionConsumerView(saml_views.AssertionConsumerServiceView):
    """The IdP posts its answer here. Any refusal is a page that says why, with nobody signed in."""

    def post(self, request, *args, **kwargs):
        if not saml_enabled():
            raise Http404("SAML is not set up.")
        try:
            response = super().post(request, *args, **kwargs)
        except SignInRefused as refusal:
            auth.logout(request)
            return refused_page(request, refusal.reason, provider=settings.SAML_NAME)
        except NoAccess as no_access:
            auth.logout(request)
            return no_access_page(request, no_access.person, provider=settings.SAML_NAME)
        if request.user.is_authenticated and isinstance(response, HttpResponseRedirect):
            set_language_cookie(response, request.user.preferred_language)
        return response

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        auth.logout(request)
        return refused_page(request, _reason(exception), provider=settings.SAML_NAME)

    def post_login_hook(self, request, user, session_info):
        request.session["sso_protocol"] = Protocol.SAML


class SAMLMetadataView(saml_views.MetadataView):
    """The SP's metadata, for the IdP's administrator (FKA's IT-system registration, Keycloak's client import)."""

    def get(self, request, *args, **kwargs):
        if not saml_enabled():
            raise Http404("SAML is not set up.")
        return super().get(request, *args, **kwargs)


class SAMLSingleLogoutView(saml_views.LogoutView):
    """The IdP's answer to our logout request, or its own logout request (single logout from another service)."""

    def dispatch(self, request, *args, **kwargs):
        if not saml_enabled():
            raise Http404("SAML is not set up.")
        return super().dispatch(request, *args, **kwargs)


def start_logout(request):
    """Sends a LogoutRequest to the IdP (ending the local session too); its URL, or None where the IdP has no
    single logout."""
    view = saml_views.LogoutInitView()
    view.setup(request)
    response = view.get(request)
    if auth.get_user(request).is_authenticated:
        auth.logout(request)
    if isinstance(response, HttpResponseRedirect) and response.url.startswith(("http://", "https://")):
        return response.url
    return None
