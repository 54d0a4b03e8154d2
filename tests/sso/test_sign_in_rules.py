"""The sign-in rules (sso.services.sign_in): people and their offices as the identity provider says, at every
sign-in; hand-made memberships kept; the break-glass superuser never taken over."""

import pytest
from django.db import IntegrityError, transaction

from accounts.models import User
from offices.models import AdministrationLeader, Membership, Role, Source
from sso.models import ExternalIdentity, MappingRule
from sso.saml import privileges_from
from sso.services import Grant, Identity, NoAccess, SignInRefused, sign_in
from tests import factories

pytestmark = pytest.mark.django_db


def identity(*grants, subject="sub-1", email="anna@kommune.example", **extra):
    return Identity(
        protocol="oidc",
        issuer="https://idp.example",
        subject=subject,
        email=email,
        full_name=extra.pop("full_name", "Anna Andersen"),
        grants=frozenset(grants),
        **extra,
    )


def test_the_strongest_role_of_several_matching_rules_counts(world):
    MappingRule.objects.create(value="g-staff", office=world.a.office, role=Role.STAFF)
    MappingRule.objects.create(value="g-chief", office=world.a.office, role=Role.OFFICE_CHIEF)
    person = sign_in(identity(Grant("g-staff"), Grant("g-chief")))
    assert Membership.objects.get(person=person).role == Role.OFFICE_CHIEF


def test_a_role_changed_at_the_provider_changes_here_and_a_hand_made_membership_stays(world):
    MappingRule.objects.create(value="g-a", office=world.a.office, role=Role.SECTION_LEADER)
    MappingRule.objects.create(value="g-a-staff", office=world.a.office, role=Role.STAFF)
    MappingRule.objects.create(value="g-b", office=world.b.office, role=Role.STAFF)
    MappingRule.objects.create(value="g-head", administration=world.administration)
    person = sign_in(identity(Grant("g-a"), Grant("g-head")))
    Membership.objects.create(person=person, office=world.b.office, role=Role.RESOURCE_PERSON)  # by hand

    sign_in(identity(Grant("g-a-staff"), Grant("g-b")))
    memberships = {m.office_id: (m.role, m.source) for m in Membership.objects.filter(person=person)}
    assert memberships == {
        world.a.office.pk: (Role.STAFF, Source.IDENTITY_PROVIDER),
        world.b.office.pk: (Role.RESOURCE_PERSON, Source.MANUAL),  # not downgraded by the rule for B
    }
    assert not AdministrationLeader.objects.filter(person=person).exists()


def test_when_the_provider_takes_every_role_away_the_memberships_go_and_the_person_is_refused(world):
    MappingRule.objects.create(value="g-a", office=world.a.office, role=Role.STAFF)
    person = sign_in(identity(Grant("g-a")))
    with pytest.raises(NoAccess):
        sign_in(identity())
    assert not Membership.objects.filter(person=person).exists()  # removed, not rolled back with the refusal


def test_a_scoped_rule_needs_the_scope_and_an_unscoped_rule_takes_any(world):
    MappingRule.objects.create(value="role-x", scope="unit-1", office=world.a.office, role=Role.STAFF)
    MappingRule.objects.create(value="role-y", office=world.b.office, role=Role.STAFF)
    person = sign_in(identity(Grant("role-x", "unit-1"), Grant("role-y", "unit-9")))
    assert set(Membership.objects.filter(person=person).values_list("office", flat=True)) == {
        world.a.office.pk,
        world.b.office.pk,
    }
    with pytest.raises(NoAccess):
        sign_in(identity(Grant("role-x", "unit-2"), subject="sub-2", email="b@kommune.example"))


def test_an_account_made_before_sso_is_linked_once_by_e_mail(world):
    MappingRule.objects.create(value="g-a", office=world.a.office, role=Role.STAFF)
    person = sign_in(identity(Grant("g-a"), email=world.a.staff.email.upper()))
    assert person == world.a.staff
    assert ExternalIdentity.objects.get(person=person).subject == "sub-1"
    with pytest.raises(SignInRefused):  # another subject with the same address takes nothing over
        sign_in(identity(Grant("g-a"), subject="sub-evil", email=world.a.staff.email))


def test_the_superuser_is_never_signed_in_by_the_provider(world):
    admin = factories.make_user(email="admin@kommune.example", is_superuser=True, is_staff=True)
    with pytest.raises(SignInRefused):
        sign_in(identity(email=admin.email))
    assert not ExternalIdentity.objects.filter(person=admin).exists()


def test_name_and_language_follow_the_provider_and_nonsense_is_refused(world):
    MappingRule.objects.create(value="g-a", office=world.a.office, role=Role.STAFF)
    person = sign_in(identity(Grant("g-a"), language="en-US"))
    assert (person.full_name, person.initials, person.preferred_language) == ("Anna Andersen", "AA", "en")
    person = sign_in(identity(Grant("g-a"), full_name="Anna  Bertelsen", language="tlh"))
    assert (person.full_name, person.initials, person.preferred_language) == ("Anna Bertelsen", "AB", "en")
    with pytest.raises(SignInRefused):
        sign_in(identity(Grant("g-a"), subject="sub-3", email="not an address"))
    assert User.objects.filter(email__startswith="anna").count() == 1


def test_a_rule_is_an_office_with_a_role_or_an_administration(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        MappingRule.objects.create(value="g", office=world.a.office)  # no role
    with pytest.raises(IntegrityError), transaction.atomic():
        MappingRule.objects.create(
            value="g", office=world.a.office, role=Role.STAFF, administration=world.administration
        )


def test_fka_privileges_are_read_with_their_organisation_units():
    import base64

    xml = (
        '<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">'
        '<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:1">'
        '<Constraint Name="http://sts.kombit.dk/constraints/orgenhed/1">unit-1</Constraint>'
        '<Constraint Name="http://sts.kombit.dk/constraints/orgenhed/1">unit-2</Constraint>'
        "<Privilege>role-a</Privilege></PrivilegeGroup>"
        '<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:1"><Privilege>role-b</Privilege></PrivilegeGroup>'
        "</bpp:PrivilegeList>"
    )
    assert privileges_from(base64.b64encode(xml.encode()).decode()) == {
        Grant("role-a", "unit-1"),
        Grant("role-a", "unit-2"),
        Grant("role-b", "urn:dk:gov:saml:cvrNumberIdentifier:1"),
    }
    assert privileges_from("not base64 xml") == set()


def test_two_first_sign_ins_of_one_person_at_once_make_one_person(world, monkeypatch):
    """The second sign-in finds no link yet, loses the race at the unique constraint and uses the first one's rows."""
    from sso import services

    MappingRule.objects.create(value="g-a", office=world.a.office, role=Role.STAFF)
    real = services._person_to_link
    calls = []

    def racing(email):
        if not calls:  # while this sign-in looks, another one for the same person commits
            calls.append(email)
            sign_in(identity(Grant("g-a")))
            return None
        return real(email)

    monkeypatch.setattr(services, "_person_to_link", racing)
    person = sign_in(identity(Grant("g-a")))
    assert User.objects.filter(email="anna@kommune.example").count() == 1
    assert ExternalIdentity.objects.get().person == person
    assert Membership.objects.filter(person=person).count() == 1
