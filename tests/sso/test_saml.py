"""SAML 2.0 against a pysaml2 identity provider in the test process: a signed answer is accepted and mapped;
unsigned, expired, wrong-audience and replayed answers are refused with a page that says why, nobody signed in."""

import base64
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
import saml2
import time_machine
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from accounts.models import User
from offices.models import AdministrationLeader, Membership, Role, Source
from sso.models import MappingRule

pytestmark = pytest.mark.django_db

OIOSAML_EMAIL = "https://data.gov.dk/model/core/eid/email"
OIOSAML_NAME = "https://data.gov.dk/model/core/eid/fullName"
OIOSAML_PRIVILEGES = "https://data.gov.dk/model/core/eid/privilegesIntermediate"
ROLE = "http://kombit.dk/roles/usersystemrole/slf_ressourceperson/1"
ORG_UNIT = "9d3e4b1a-0000-4000-8000-00000000aaaa"


def privileges(*groups):
    """OIOSAML 3's basic privilege profile as FKA sends it: (role, organisation unit) pairs."""
    body = "".join(
        f'<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189846">'
        f'<Constraint Name="http://sts.kombit.dk/constraints/orgenhed/1">{unit}</Constraint>'
        f"<Privilege>{role}</Privilege></PrivilegeGroup>"
        for role, unit in groups
    )
    xml = f'<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">{body}</bpp:PrivilegeList>'
    return base64.b64encode(xml.encode()).decode()


def attributes(*groups, email="kirsten@kommune.example"):
    return {
        OIOSAML_EMAIL: [email],
        OIOSAML_NAME: ["Kirsten Jensen"],
        OIOSAML_PRIVILEGES: [privileges(*groups)],
    }


@pytest.fixture
def rules(world):
    MappingRule.objects.create(value=ROLE, scope=ORG_UNIT, office=world.a.office, role=Role.RESOURCE_PERSON)
    MappingRule.objects.create(value="urn:slf:forvaltningschef", administration=world.administration)


def start(client, saml_idp):
    response = client.get("/sso/saml/login/")
    assert response.status_code == 302 and response["Location"].startswith("https://idp.test.example/sso?")
    return saml_idp.request_id(response)


def _refused(response, client, words):
    body = response.content.decode()
    assert response.status_code == 403, body
    assert "Login afvist" in body and words in body, body
    assert SESSION_KEY not in client.session


def test_a_signed_answer_signs_the_person_in_with_the_mapped_office(client, saml_idp, rules, world):
    request_id = start(client, saml_idp)
    answer = saml_idp.respond(request_id, **attributes((ROLE, ORG_UNIT)))
    response = client.post("/sso/saml/acs/", {"SAMLResponse": answer, "RelayState": "/"})

    assert response.status_code == 302 and response["Location"] == "/", response.content.decode()[:3000]
    person = User.objects.get(email="kirsten@kommune.example")
    assert person.full_name == "Kirsten Jensen"
    membership = Membership.objects.get(person=person)
    assert (membership.office, membership.role, membership.source) == (
        world.a.office,
        Role.RESOURCE_PERSON,
        Source.IDENTITY_PROVIDER,
    )
    assert int(client.session[SESSION_KEY]) == person.pk
    assert client.session["sso_protocol"] == "saml"


def test_the_role_counts_only_for_the_organisation_unit_of_the_rule(client, saml_idp, rules):
    request_id = start(client, saml_idp)
    answer = saml_idp.respond(request_id, **attributes((ROLE, "another-org-unit")))
    response = client.post("/sso/saml/acs/", {"SAMLResponse": answer})
    assert response.status_code == 403
    assert "Du har endnu ikke adgang" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_claim_makes_the_person_head_of_administration(client, saml_idp, rules, world):
    request_id = start(client, saml_idp)
    answer = saml_idp.respond(request_id, **attributes(), Role=["urn:slf:forvaltningschef"])
    assert client.post("/sso/saml/acs/", {"SAMLResponse": answer}).status_code == 302
    headship = AdministrationLeader.objects.get(person__email="kirsten@kommune.example")
    assert (headship.administration, headship.source) == (world.administration, Source.IDENTITY_PROVIDER)


def test_an_unsigned_answer_is_refused(client, saml_idp, rules):
    request_id = start(client, saml_idp)
    answer = saml_idp.respond(request_id, sign=False, **attributes((ROLE, ORG_UNIT)))
    _refused(client.post("/sso/saml/acs/", {"SAMLResponse": answer}), client, "ikke signeret")
    assert not User.objects.filter(email="kirsten@kommune.example").exists()


def test_an_expired_answer_is_refused(client, saml_idp, rules):
    request_id = start(client, saml_idp)
    with time_machine.travel(timezone.now() - timedelta(hours=1)):
        answer = saml_idp.respond(request_id, **attributes((ROLE, ORG_UNIT)))
    _refused(client.post("/sso/saml/acs/", {"SAMLResponse": answer}), client, "udløbet")


def test_an_answer_for_another_audience_is_refused(client, saml_idp, rules):
    request_id = start(client, saml_idp)
    answer = saml_idp.respond(request_id, audience="https://another-app.example/sp", **attributes((ROLE, ORG_UNIT)))
    _refused(client.post("/sso/saml/acs/", {"SAMLResponse": answer}), client, "en anden applikation")


def test_a_replayed_answer_is_refused(client, saml_idp, rules):
    request_id = start(client, saml_idp)
    answer = saml_idp.respond(request_id, **attributes((ROLE, ORG_UNIT)))
    assert client.post("/sso/saml/acs/", {"SAMLResponse": answer}).status_code == 302
    client.post("/sso/logout/")
    assert SESSION_KEY not in client.session
    _refused(client.post("/sso/saml/acs/", {"SAMLResponse": answer}), client, "allerede brugt")


def test_an_answer_nobody_asked_for_is_refused(client, saml_idp, rules):
    answer = saml_idp.respond("id-never-sent", **attributes((ROLE, ORG_UNIT)))
    _refused(client.post("/sso/saml/acs/", {"SAMLResponse": answer}), client, "allerede brugt")


def test_the_sp_metadata_names_the_entity_id_and_the_acs_address(client, saml_idp):
    response = client.get("/sso/saml/metadata/")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/xml")
    assert 'entityID="http://testserver/sso/saml/metadata/"' in body
    assert 'Location="http://testserver/sso/saml/acs/"' in body
    assert 'WantAssertionsSigned="true"' in body


def test_sign_out_sends_a_logout_request_to_the_idp(client, saml_idp, rules):
    request_id = start(client, saml_idp)
    client.post("/sso/saml/acs/", {"SAMLResponse": saml_idp.respond(request_id, **attributes((ROLE, ORG_UNIT)))})
    response = client.post("/sso/logout/")
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert response["Refresh"].startswith("0;url=https://idp.test.example/slo?SAMLRequest=")


def test_without_saml_the_addresses_are_not_found(client, settings):
    settings.SAML_ENABLED = False
    assert client.get("/sso/saml/metadata/").status_code == 404
    assert client.get("/sso/saml/login/").status_code == 404
    assert client.post("/sso/saml/acs/", {"SAMLResponse": "x"}).status_code == 404


def test_the_idps_logout_response_ends_at_the_sign_in_page(client, saml_idp, rules):
    request_id = start(client, saml_idp)
    client.post("/sso/saml/acs/", {"SAMLResponse": saml_idp.respond(request_id, **attributes((ROLE, ORG_UNIT)))})
    target = client.post("/sso/logout/")["Refresh"].removeprefix("0;url=")
    query = parse_qs(urlparse(target).query)
    logout_request = saml_idp.server.parse_logout_request(query["SAMLRequest"][0], saml2.BINDING_HTTP_REDIRECT)
    answer = saml_idp.server.create_logout_response(logout_request.message, [saml2.BINDING_HTTP_REDIRECT])
    http = saml_idp.server.apply_binding(
        saml2.BINDING_HTTP_REDIRECT, str(answer), "http://testserver/sso/saml/sls/", response=True
    )
    location = dict(http["headers"])["Location"]
    response = client.get(location.removeprefix("http://testserver"))
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
