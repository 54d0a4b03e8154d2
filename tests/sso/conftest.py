"""Real identity providers for the single sign-on tests, on this machine only (no network).

* ``oidc_provider``: oidc-provider-mock (a real OpenID provider: authlib behind Flask) on loopback in a thread, and
  the app's OIDC settings pointing at it. Its ID tokens carry no ``kid``, so ``OIDC_VERIFY_KID`` is off here only.
* ``saml_idp``: a pysaml2 ``saml2.server.Server`` in the test process with its own key, and the app's SAML settings
  reading its metadata from a file; ``saml_idp.respond(...)`` answers the app's AuthnRequest as an IdP would.
"""

import base64
import datetime
import shutil
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

import pytest
import requests
import saml2
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.test import override_settings
from oidc_provider_mock import run_server_in_thread
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import AUTHN_PASSWORD_PROTECTED, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from sso import saml as sso_saml

CLIENT_ID = "slf-logbook"


@pytest.fixture(scope="session")
def _oidc_server():
    """One provider for the test run (its key made once); each test signs in a subject of its own."""
    with run_server_in_thread() as server:
        yield server


@pytest.fixture
def oidc_provider(settings, _oidc_server):
    base = f"http://localhost:{_oidc_server.server_port}"
    configure_oidc(settings, base)
    return SimpleNamespace(base=base, server=_oidc_server, set_user=lambda sub, **claims: set_user(base, sub, claims))


def configure_oidc(settings, base, *, jwks=None):
    settings.OIDC_ENABLED = True
    settings.OIDC_NAME = "Testkommunens Entra ID"
    settings.OIDC_OP_ISSUER = base
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/oauth2/token"
    settings.OIDC_OP_JWKS_ENDPOINT = jwks or f"{base}/jwks"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{base}/oauth2/end_session"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "test-secret"
    settings.OIDC_VERIFY_KID = False  # the mock's tokens have no kid (it has one key)


def set_user(base, sub, claims):
    requests.put(f"{base}/users/{sub}", json=claims, timeout=5).raise_for_status()


def oidc_sign_in(client, provider, sub, *, tamper=None):
    """Through the whole redirect with Django's test client: our login view → the provider's authorize form (the
    person is ``sub``) → our callback. ``tamper(params)`` may change the authorization request on its way.
    Returns (the callback's response, the authorization request's parameters, the callback's query)."""
    start = client.get("/sso/oidc/login/")
    assert start.status_code == 302, start
    url = urlparse(start["Location"])
    params = {key: values[0] for key, values in parse_qs(url.query).items()}
    if tamper:
        tamper(params)
    consent = requests.post(
        f"{provider.base}{url.path}", params=params, data={"sub": sub}, allow_redirects=False, timeout=5
    )
    assert consent.status_code == 302, consent.text
    back = urlparse(consent.headers["Location"])
    return client.get(f"{back.path}?{back.query}"), params, back.query


# --- SAML ------------------------------------------------------------------------------------------------------


def _key_pair(directory, name):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


@pytest.fixture(scope="session")
def saml_keys(tmp_path_factory):
    directory = tmp_path_factory.mktemp("saml")
    return SimpleNamespace(directory=directory, idp=_key_pair(directory, "idp"), sp=_key_pair(directory, "sp"))


IDP_ENTITY_ID = "https://idp.test.example/saml"
IDP_SSO_URL = "https://idp.test.example/sso"
IDP_SLO_URL = "https://idp.test.example/slo"


@dataclass
class TestIdP:
    server: Server
    acs_url: str
    sp_entity_id: str

    def request_id(self, login_response):
        """The id of the AuthnRequest in our login view's redirect to the IdP."""
        query = parse_qs(urlparse(login_response["Location"]).query)
        request = self.server.parse_authn_request(query["SAMLRequest"][0], saml2.BINDING_HTTP_REDIRECT)
        return request.message.id

    def respond(self, in_response_to, *, sign=True, audience=None, subject="fka-user-1", **attributes):
        response = self.server.create_authn_response(
            identity=attributes,
            in_response_to=in_response_to,
            destination=self.acs_url,
            sp_entity_id=audience or self.sp_entity_id,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=subject),
            authn={"class_ref": AUTHN_PASSWORD_PROTECTED, "authn_auth": IDP_ENTITY_ID},
            sign_assertion=sign,
            sign_response=False,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        return base64.b64encode(str(response).encode()).decode()


SAML_SETTINGS = {
    "SITE_URL": "http://testserver",
    "SAML_ENABLED": True,
    "SAML_NAME": "Testkommunens adgangsstyring",
    "SAML_SP_ENTITY_ID": "http://testserver/sso/saml/metadata/",
}


@pytest.fixture(scope="session")
def _saml_world(saml_keys):
    """The IdP's metadata for the app and the app's metadata for the IdP, made once (pysaml2 reads them slowly)."""
    directory = saml_keys.directory
    idp_key, idp_cert = saml_keys.idp
    sp_key, sp_cert = saml_keys.sp
    app_settings = dict(SAML_SETTINGS, SAML_SP_KEY_FILE=sp_key, SAML_SP_CERT_FILE=sp_cert)
    idp_config = {
        "entityid": IDP_ENTITY_ID,
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "key_file": idp_key,
        "cert_file": idp_cert,
        "service": {
            "idp": {
                "name": "Test IdP",
                "endpoints": {
                    "single_sign_on_service": [(IDP_SSO_URL, saml2.BINDING_HTTP_REDIRECT)],
                    "single_logout_service": [(IDP_SLO_URL, saml2.BINDING_HTTP_REDIRECT)],
                },
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "policy": {"default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None}},
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
            }
        },
    }
    idp_metadata = directory / "idp.xml"
    conf = IdPConfig()
    conf.load(dict(idp_config, metadata={}))
    idp_metadata.write_text(str(entity_descriptor(conf)))
    app_settings["SAML_IDP_METADATA_FILE"] = str(idp_metadata)

    sp_metadata = directory / "sp.xml"
    with override_settings(**app_settings):
        sp_metadata.write_text(str(entity_descriptor(sso_saml.config_loader())))
    conf = IdPConfig()
    conf.load(dict(idp_config, metadata={"local": [str(sp_metadata)]}))
    idp = TestIdP(
        server=Server(config=conf),
        acs_url="http://testserver/sso/saml/acs/",
        sp_entity_id=SAML_SETTINGS["SAML_SP_ENTITY_ID"],
    )
    return idp, app_settings


@pytest.fixture
def saml_idp(settings, _saml_world):
    idp, app_settings = _saml_world
    for name, value in app_settings.items():
        setattr(settings, name, value)
    return idp
