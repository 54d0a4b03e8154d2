"""Signing a person in from what the identity provider says, for both protocols (sso/oidc.py, sso/saml.py).

``sign_in`` finds the person by the provider's subject (or, once, by e-mail for an account made before single
sign-on), creates them at the first sign-in, updates name, e-mail and language at every sign-in, and makes their
memberships and headships from the identity provider match the mapping rules (``MappingRule``): added, changed and
removed. Memberships made by hand are never touched. Whoever ends up with no office, no administration and no admin
rights is refused with ``NoAccess`` *after* the changes are saved (a role taken away is taken away).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User, normalise_email
from offices.models import AdministrationLeader, Membership, Role, Source

from .models import ExternalIdentity, MappingRule


@dataclass(frozen=True)
class Grant:
    """One group or role the identity provider gives the person, with its data scope (FKA) if any."""

    value: str
    scope: str = ""


@dataclass
class Identity:
    """What one verified sign-in says about the person."""

    protocol: str
    issuer: str
    subject: str
    email: str
    full_name: str = ""
    language: str = ""
    grants: frozenset = field(default_factory=frozenset)


class SignInRefused(Exception):
    """The provider's answer is not accepted; ``reason`` says why, in words for the person."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class NoAccess(Exception):
    """Signed in at the provider, but no rule gives the person an office here."""

    def __init__(self, person):
        super().__init__(str(person))
        self.person = person


def language_from(value) -> str:
    """'da-DK', 'da_DK', 'DA' → 'da'; a language the app does not speak → ''."""
    code = str(value or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else ""


def sign_in(identity: Identity, *, now=None) -> User:
    try:
        return _sign_in(identity, now=now or timezone.now())
    except IntegrityError:
        # The same person signing in twice at once (two tabs): the other sign-in made the rows; use them.
        return _sign_in(identity, now=now or timezone.now())


def _sign_in(identity: Identity, *, now) -> User:
    if not identity.subject or not identity.issuer:
        raise SignInRefused(_("The identity provider did not say who you are."))
    email = normalise_email(identity.email)
    try:
        validate_email(email)
    except ValidationError:
        raise SignInRefused(_("The identity provider sent no usable e-mail address for you.")) from None
    full_name = " ".join(identity.full_name.split()) or email.split("@")[0]
    language = language_from(identity.language)

    with transaction.atomic():
        link = (
            ExternalIdentity.objects.select_for_update()
            .select_related("person")
            .filter(issuer=identity.issuer, subject=identity.subject)
            .first()
        )
        if link is None:
            person = _person_to_link(email)
            if person is None:
                person = User.objects.create_user(email=email, full_name=full_name, preferred_language=language or "da")
            link = ExternalIdentity(
                person=person, protocol=identity.protocol, issuer=identity.issuer, subject=identity.subject
            )
        person = link.person
        if not person.is_active:
            raise SignInRefused(_("Your account here is switched off. Ask an administrator of SLF Logbook."))
        _update_person(person, email=email, full_name=full_name, language=language)
        link.last_sign_in = now
        link.save()
        apply_rules(person, identity.grants)

    if not (person.is_staff or person.memberships.exists() or person.administration_roles.exists()):
        raise NoAccess(person)
    return person


def _person_to_link(email: str) -> User | None:
    """An account made before single sign-on, with the same e-mail address, is linked once. Never the break-glass
    superuser (that account signs in with its password only), never an account already linked to someone else."""
    person = User.objects.filter(email__iexact=email).first()
    if person is None:
        return None
    if person.is_superuser:
        raise SignInRefused(
            _("This e-mail address belongs to an administrator account, which signs in with its password only.")
        )
    if person.external_identities.exists():
        raise SignInRefused(_("Another sign-in at the identity provider already uses this e-mail address."))
    return person


def _update_person(person: User, *, email: str, full_name: str, language: str) -> None:
    changed = []
    if full_name and person.full_name != full_name:
        person.full_name = full_name
        person.initials = ""  # made again from the new name
        changed += ["full_name", "initials"]
    if email != person.email and not User.objects.filter(email__iexact=email).exclude(pk=person.pk).exists():
        person.email = email
        changed.append("email")
    if language and person.preferred_language != language:
        person.preferred_language = language
        changed.append("preferred_language")
    if changed:
        person.save(update_fields=changed)


def apply_rules(person: User, grants) -> None:
    """The person's memberships and headships from the identity provider become exactly what the rules give."""
    grants = frozenset(grants)
    rules = [
        rule
        for rule in MappingRule.objects.filter(value__in={grant.value for grant in grants})
        if any(rule.matches(grant) for grant in grants)
    ]
    wanted_roles: dict[int, list[str]] = {}
    for rule in rules:
        if rule.office_id:
            wanted_roles.setdefault(rule.office_id, []).append(rule.role)
    wanted = {office_id: Role.strongest(roles) for office_id, roles in wanted_roles.items()}
    wanted_heads = {rule.administration_id for rule in rules if rule.administration_id}

    for membership in Membership.objects.filter(person=person):
        if membership.office_id in wanted:
            role = wanted.pop(membership.office_id)
            if membership.source == Source.IDENTITY_PROVIDER and membership.role != role:
                membership.role = role
                membership.save(update_fields=["role"])
        elif membership.source == Source.IDENTITY_PROVIDER:
            membership.delete()
    Membership.objects.bulk_create(
        Membership(person=person, office_id=office_id, role=role, source=Source.IDENTITY_PROVIDER)
        for office_id, role in wanted.items()
    )
    for headship in AdministrationLeader.objects.filter(person=person):
        if headship.administration_id in wanted_heads:
            wanted_heads.discard(headship.administration_id)
        elif headship.source == Source.IDENTITY_PROVIDER:
            headship.delete()
    AdministrationLeader.objects.bulk_create(
        AdministrationLeader(person=person, administration_id=administration_id, source=Source.IDENTITY_PROVIDER)
        for administration_id in wanted_heads
    )
